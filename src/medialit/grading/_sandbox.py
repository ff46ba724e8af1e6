"""Isolation for submissions: the strongest this platform and our rights allow.

Three modes (``docs/grading.md`` says what each one guarantees):

* ``"root"`` (Linux, run as root): the worker gets its own mount and PID namespaces; each
  submission gets fresh mount, PID, network, IPC and UTS namespaces, a root file system made
  only of read-only binds of what Python needs (its installation, its packages, the sealed copy
  of the kit: :mod:`medialit._sealed`) plus private size-capped ``/tmp``, ``/var/tmp`` and
  ``/dev/shm``, its own ``/proc``; then it becomes an unused unprivileged uid of its own;
* ``"user"`` (Linux, a normal user, where unprivileged user namespaces are allowed): the same
  file system, namespaces and filter, inside a user namespace; the submission keeps the
  teacher's uid (outside) but holds no capabilities and sees none of the teacher's files;
* ``"weak"`` (no namespaces: macOS, or Linux where user namespaces are not allowed): its own
  process with limits and the system-call filter, running as the teacher, seeing everything.

In every mode: a time limit, a memory limit (a cgroup where one can be used, else the
address space), a file-size limit, no new processes or threads, no core dumps, a clean minimal
environment, a parent-death signal it cannot undo, and a system-call filter
(:mod:`._seccomp`) on Linux. Nothing here runs at import time.

>>> mount_flags(os.ST_NOSUID | os.ST_NODEV) == MS_NOSUID | MS_NODEV
True
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import resource
import select
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import _seccomp

__all__ = [
    "Limits",
    "answer_files",
    "build_root",
    "describe",
    "enter",
    "enter_worker_namespaces",
    "kit_locations",
    "mount_flags",
    "new_pid_namespace_for_next_child",
    "pick_uids",
    "python_paths",
]

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

WORKDIR = "/tmp/submission"  # noqa: S108 - inside the submission's own private /tmp
# Fresh, private, size-capped tmpfs mounts in each submission's namespace (never the host's).
PRIVATE_TMPFS = {"/tmp": 1.0, "/var/tmp": 0.25, "/dev/shm": 0.25}  # noqa: S108 - share of tmp_mb
SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin")
ETC_ENTRIES = (
    "alternatives", "ca-certificates", "fonts", "gai.conf", "group", "host.conf", "hosts",
    "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "matplotlibrc", "mime.types",
    "nsswitch.conf", "os-release", "passwd", "protocols", "services", "ssl", "timezone",
)  # fmt: skip
DEVICES = ("null", "zero", "full", "random", "urandom")
_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}  # the system call has no C library wrapper


class Limits:
    """Resource limits for one submission (seconds, megabytes)."""

    def __init__(self, timeout: float = 60.0, memory_mb: int = 2048, file_mb: int = 64) -> None:
        self.timeout = float(timeout)
        self.memory_mb = int(memory_mb)
        self.file_mb = int(file_mb)


def libc() -> Any:
    """The C library, with ``errno`` kept for our error messages."""
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(
    lib: Any, source: str | None, target: str, fstype: str | None, flags: int, data: str | None
) -> None:
    def raw(text: str | None) -> bytes | None:
        return os.fsencode(text) if text is not None else None

    _check(
        lib.mount(raw(source), raw(target), raw(fstype), ctypes.c_ulong(flags), raw(data)),
        f"mount {target}",
    )


def mount_flags(st_flags: int) -> int:
    """The ``MS_*`` flags matching a mount's ``statvfs`` flags (kept when re-mounting read-only)."""
    pairs = (
        (os.ST_NOSUID, MS_NOSUID),
        (os.ST_NODEV, MS_NODEV),
        (os.ST_NOEXEC, MS_NOEXEC),
        (os.ST_NOATIME, MS_NOATIME),
        (os.ST_NODIRATIME, MS_NODIRATIME),
        (os.ST_RELATIME, MS_RELATIME),
    )
    return sum(ms for st, ms in pairs if st_flags & st)


# -- what a submission may see -------------------------------------------------------------


def kit_locations() -> list[str]:
    """Where the real kit, its data and its answers live (never shown to a submission).

    Run in the grader, whose ``medialit`` is the real one: the package folder, the data folder,
    the repository of a source checkout, any ``medialit`` folder on ``sys.path`` (an
    installed wheel, or an editable install's copy of the data), and the folders of the exercise
    sets generated for a teacher's own articles that the grader uses (``medialit grade --course``).

    >>> any(p.endswith("medialit") for p in kit_locations())
    True
    """
    import medialit

    from .._paths import data_dir

    package = Path(medialit.__file__).resolve().parent
    found = {package, data_dir().resolve()}
    if package.parent.name == "src" and (package.parent.parent / "pyproject.toml").is_file():
        found.add(package.parent.parent)  # a source checkout: solutions/, docs/, tests/ ...
    for entry in sys.path:
        with contextlib.suppress(OSError):
            candidate = Path(entry or ".").resolve() / "medialit"
            if candidate.is_dir():
                found.add(candidate)
    found.update(_generated_answers(folders=True))
    return sorted(str(p) for p in found)


def _generated_answers(*, folders: bool) -> set[Path]:
    """The answer files of the generated sets the grader found (or, with ``folders``, where they lie)."""
    from ..exercises import _course

    try:
        files = _course.answer_files()
    except OSError:  # a folder on the search path that cannot be read holds no set we grade
        return set()
    if not folders:
        return {p.resolve() for p in files}
    return {(p.parent if p.is_file() else p).resolve() for p in files}


def answer_files() -> list[str]:
    """The real kit's answer-bearing files and folders that exist here (a sandbox must see none).

    >>> any(p.endswith(".key.yaml") for p in answer_files())
    True
    """
    import glob

    import medialit

    from .._paths import answer_bearing_paths, data_dir

    package = Path(medialit.__file__).resolve().parent
    found: set[str] = set()
    for pattern in answer_bearing_paths("package"):
        if pattern.startswith("_data/"):
            found.update(glob.glob(str(data_dir().resolve() / pattern[len("_data/") :])))
        found.update(glob.glob(str(package / pattern)))
    repository = package.parent.parent
    if package.parent.name == "src" and (repository / "pyproject.toml").is_file():
        for pattern in answer_bearing_paths("repository"):
            found.update(glob.glob(str(repository / pattern)))
    for entry in sys.path:  # an installed copy's data (a wheel, an editable install)
        with contextlib.suppress(OSError):
            found.update(
                glob.glob(str(Path(entry or ".").resolve() / "medialit" / "_data/articles/*.key.yaml"))
            )
    found.update(str(p) for p in _generated_answers(folders=False))
    return sorted(found)


def python_paths(sealed: str) -> list[str]:
    """Folders a submission's Python needs: its installation, its packages, the sealed kit.

    A ``sys.path`` entry that holds a ``medialit`` package other than the sealed copy (a source
    checkout's ``src``) is left out.
    """
    found = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, sealed}
    found.add(os.path.dirname(os.path.realpath(sys.executable)))
    for entry in sys.path:
        if not entry or not os.path.isdir(entry) or entry == sealed:
            continue
        if os.path.exists(os.path.join(entry, "medialit", "__init__.py")):
            continue
        found.add(entry)
    found |= {os.path.realpath(p) for p in found}
    return sorted(p for p in found if p and os.path.isdir(p) and p != "/")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _bind(lib: Any, root: str, path: str, *, read_only: bool = True) -> None:
    target = root + path
    if os.path.isdir(path):
        os.makedirs(target, 0o755, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), 0o755, exist_ok=True)
        if not os.path.exists(target):
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))
    _mount(lib, path, target, None, MS_BIND, None)
    if read_only:
        flags = mount_flags(os.statvfs(target).f_flag)
        _mount(lib, None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, None)


def _copy_link(path: str, root: str) -> None:
    target = root + path
    os.makedirs(os.path.dirname(target), 0o755, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.symlink(os.readlink(path), target)


def _hide(lib: Any, root: str, path: str, keep: list[str]) -> None:
    """Cover ``path`` in the new root with an empty read-only folder, keeping the ``keep`` entries."""
    target = root + path
    if not os.path.isdir(target) or os.path.islink(target):
        if os.path.isfile(target):
            _mount(lib, "/dev/null", target, None, MS_BIND, None)
        return
    _mount(lib, "tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,nr_inodes=256,mode=755")
    for inner in keep:
        _bind(lib, root, inner)
    _mount(lib, None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)


def build_root(lib: Any, root: str, *, python: list[str], hidden: list[str]) -> dict[str, Any]:
    """Build the file system submissions will see at ``root`` (in the worker's own mount namespace).

    ``python`` are the folders Python needs (:func:`python_paths`), bound read-only at their
    own paths; ``hidden`` are paths covered by empty folders wherever a bound folder holds them
    (the real kit inside a ``site-packages``, say). Returns what was done, for the report.
    """
    os.umask(0o022)
    os.makedirs(root, 0o755, exist_ok=True)
    _mount(lib, "tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=8m,nr_inodes=8192,mode=755")
    binds: list[str] = []

    def visible(path: str) -> bool:  # already reachable through an earlier bind of the same file system
        for done in binds:
            if _inside(path, done):
                with contextlib.suppress(OSError):
                    return os.stat(path).st_dev == os.stat(done).st_dev and not os.path.ismount(path)
        return False

    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            _copy_link(path, root)
        elif os.path.isdir(path):
            _bind(lib, root, path)
            binds.append(path)
    os.makedirs(root + "/etc", 0o755, exist_ok=True)
    for name in ETC_ENTRIES:
        path = f"/etc/{name}"
        if os.path.islink(path):
            _copy_link(path, root)
        elif os.path.exists(path):
            _bind(lib, root, path)
    for path in sorted(set(python), key=lambda p: (p.count("/"), p)):
        if os.path.islink(path):
            continue  # its real path is in the list too
        if not visible(path):
            _bind(lib, root, path)
            binds.append(path)
    os.makedirs(root + "/dev", 0o755, exist_ok=True)
    for name in DEVICES:
        if os.path.exists(f"/dev/{name}"):
            _bind(lib, root, f"/dev/{name}", read_only=False)
    for name, link in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1")):
        with contextlib.suppress(FileExistsError):
            os.symlink(link, f"{root}/dev/{name}")
    with contextlib.suppress(FileExistsError):
        os.symlink("/proc/self/fd/2", f"{root}/dev/stderr")
    for folder in ("/proc", "/dev/shm", "/tmp", "/var/tmp", "/.old"):  # noqa: S108 - in the new root
        os.makedirs(root + folder, 0o755, exist_ok=True)
    covered = 0
    for path in sorted(set(hidden), key=len):
        if any(_inside(path, b) for b in binds) and os.path.lexists(root + path):
            _hide(lib, root, path, [p for p in binds if _inside(p, path) and p != path])
            covered += 1
    _mount(lib, None, root, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
    return {"binds": len(binds), "covered": covered}


# -- the worker's namespaces ----------------------------------------------------------------


def enter_worker_namespaces(lib: Any, mode: str) -> None:
    """Give the worker its own mount and PID namespaces (inside a user namespace in ``"user"`` mode).

    Its next child becomes the first process of the new PID namespace, so when that child dies
    every submission's process dies with it.
    """
    if mode == "user":
        uid, gid = os.geteuid(), os.getegid()
        _check(lib.unshare(CLONE_NEWUSER), "unshare user namespace")
        for name, text in (
            ("setgroups", "deny"),
            ("uid_map", f"{uid} {uid} 1"),
            ("gid_map", f"{gid} {gid} 1"),
        ):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
                handle.write(text)
    _check(lib.unshare(CLONE_NEWNS | CLONE_NEWPID), "unshare")
    _mount(lib, None, "/", None, MS_REC | MS_PRIVATE, None)  # nothing we mount leaks out


def new_pid_namespace_for_next_child(lib: Any, own: int) -> None:
    """Make the next ``fork()`` start a fresh PID namespace (``own`` is our namespace's descriptor)."""
    _check(lib.setns(own, CLONE_NEWPID), "setns")
    _check(lib.unshare(CLONE_NEWPID), "unshare pid")


# -- one submission ---------------------------------------------------------------------------


def pick_uids(count: int) -> list[int]:
    """``count`` unused user ids (no account, no running process) to run submissions as.

    Falls back to ``nobody`` for slots it cannot fill.

    >>> len(pick_uids(2)) == 2
    True
    """
    import pwd

    try:
        nobody = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        nobody = 65534
    top = 65533
    try:  # stay inside the ids this (possibly containerised) system can map
        with open("/proc/self/uid_map", encoding="ascii") as handle:
            ranges = [tuple(int(x) for x in line.split()) for line in handle if line.strip()]
        top = min(top, max(inside + length - 1 for inside, _, length in ranges) - 1)
    except (OSError, ValueError):
        pass
    busy = _uids_in_use()
    uids: list[int] = []
    candidate = top
    while len(uids) < count and candidate > 1000:
        try:
            pwd.getpwuid(candidate)
        except KeyError:
            if candidate != nobody and candidate not in busy:
                uids.append(candidate)
        candidate -= 1
    return uids + [nobody] * (count - len(uids))


def _uids_in_use() -> set[int]:
    """The real uids of running processes (Linux; empty elsewhere)."""
    found: set[int] = set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if entry.isdigit():
            with (
                contextlib.suppress(OSError, ValueError, IndexError),
                open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle,
            ):
                for line in handle:
                    if line.startswith("Uid:"):
                        found.add(int(line.split()[1]))
                        break
    return found


def _private_tmp(lib: Any, root: str, tmp_mb: int, python: list[str], hidden: list[str]) -> None:
    """Fresh tmpfs mounts over /tmp and its kin; Python folders that live there are bound back in,
    and the ``hidden`` paths inside them covered again (a kit checked out under /tmp, say)."""
    for point, share in PRIVATE_TMPFS.items():
        target = root + point
        keep = [p for p in python if _inside(p, point) and p != point]  # e.g. a sealed copy in /tmp
        old = os.open(target, os.O_PATH | os.O_DIRECTORY) if keep else -1
        size = max(8, int(tmp_mb * share))
        _mount(lib, "tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size}m,nr_inodes=20000,mode=1777")
        for path in keep:  # back into the fresh tmpfs, from the copy still reachable by descriptor
            inner = root + path
            os.makedirs(inner, 0o755, exist_ok=True)
            rel = path[len(point) + 1 :]
            _mount(lib, f"/proc/self/fd/{old}/{rel}", inner, None, MS_BIND, None)
            flags = mount_flags(os.statvfs(inner).f_flag)
            _mount(lib, None, inner, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, None)
        for path in sorted(set(hidden), key=len):
            if any(_inside(path, k) for k in keep) and os.path.lexists(root + path):
                _hide(lib, root, path, [k for k in keep if _inside(k, path) and k != path])
        if old >= 0:
            os.close(old)


def _drop_capabilities(lib: Any) -> None:
    for cap in range(64):
        if lib.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            break  # past the last capability this kernel knows
    lib.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    header, data = Header(0x20080522, 0), (Data * 2)()
    _check(lib.capset(ctypes.byref(header), data), "capset")


def _set_limits(limits: Limits, *, address_space: bool) -> None:
    cpu = int(limits.timeout) + 2  # the wall-clock limit normally comes first
    wanted = [
        ("RLIMIT_CPU", cpu, cpu),
        ("RLIMIT_FSIZE", limits.file_mb * 1024 * 1024, None),
        ("RLIMIT_NOFILE", 64, None),
        ("RLIMIT_CORE", 0, None),
        ("RLIMIT_NPROC", 0, None),  # no new processes or threads
        ("RLIMIT_MEMLOCK", 0, None),
        ("RLIMIT_MSGQUEUE", 0, None),
    ]
    if address_space:  # no cgroup counts its memory: the address space is the limit
        wanted.append(("RLIMIT_AS", limits.memory_mb * 1024 * 1024, None))
    for name, soft, hard in wanted:
        which = getattr(resource, name, None)
        if which is None:
            continue
        _old_soft, old_hard = resource.getrlimit(which)
        new_hard = hard if hard is not None else soft
        if old_hard != resource.RLIM_INFINITY:
            new_hard = min(new_hard, old_hard)
        with contextlib.suppress(ValueError, OSError):  # e.g. RLIMIT_AS on macOS
            resource.setrlimit(which, (min(soft, new_hard), new_hard))


def _clean_environment(workdir: str) -> None:
    keep = {k: os.environ[k] for k in ("MEDIALIT_GRADE_DEBUG",) if os.environ.get(k)}
    os.environ.clear()
    os.environ.update(
        HOME=workdir,
        TMPDIR=workdir,
        USER="student",
        LOGNAME="student",
        PATH="/usr/local/bin:/usr/bin:/bin",
        LANG="C.UTF-8",
        MPLBACKEND="Agg",
        MPLCONFIGDIR=os.path.join(workdir, ".matplotlib"),
        **keep,
    )


def enter(
    lib: Any,
    *,
    mode: str,
    root: str,
    uid: int,
    limits: Limits,
    python: list[str],
    lifeline: int,
    memory_counted: bool,
    base: str,
    tmp_mb: int = 128,
    hidden: list[str] | None = None,
) -> dict[str, Any]:
    """Isolate the current (freshly forked) submission's process; return what holds.

    ``hidden`` are the paths :func:`build_root` covered; they are covered again wherever the
    private /tmp binds a Python folder back in.

    Raises ``OSError`` when the promised isolation could not be set up: the caller must then
    stop without running any of the submission's code.
    """
    linux = sys.platform.startswith("linux")
    report: dict[str, Any] = {"mode": mode, "network": "unchanged", "processes": "visible", "files": "all"}
    if mode in ("root", "user"):
        _check(lib.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
        _mount(lib, None, "/", None, MS_REC | MS_PRIVATE, None)
        _private_tmp(lib, root, tmp_mb, python, hidden or [])
        try:
            _mount(lib, "proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "subset=pid")
            report["processes"] = "only its own"
        except OSError:
            with contextlib.suppress(OSError):  # kernels before 5.8 have no subset=pid
                _mount(lib, "proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
                report["processes"] = "only its own"
        os.chdir(root)
        _check(lib.syscall(_PIVOT_ROOT.get(os.uname().machine, -1), b".", b".old"), "pivot_root")
        os.chdir("/")
        _check(lib.umount2(b"/.old", MNT_DETACH), "umount old root")
        lib.sethostname(b"sandbox", 7)
        report["network"] = "none"  # a fresh network namespace: not even a loopback interface is up
        report["files"] = "only Python, its packages and the sealed kit, read-only; a private /tmp"
        if mode == "user":
            _drop_capabilities(lib)
        else:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            if os.getuid() != uid or os.geteuid() != uid:
                raise OSError("could not drop privileges")
            try:
                os.setuid(0)
            except PermissionError:
                pass
            else:
                raise OSError("privileges came back after dropping them")
        workdir = WORKDIR
        os.mkdir(workdir, 0o700)
    else:
        workdir = os.path.join(base, f"job-{os.getpid()}")
        os.mkdir(workdir, 0o700)
    report["uid"] = os.getuid() if mode != "user" else "the teacher's (outside)"
    if linux:  # after any change of user: the kernel clears the parent-death signal on setuid
        _check(lib.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0), "parent-death signal")
        ready, _, _ = select.select([lifeline], [], [], 0)
        if ready:  # the worker is already gone
            raise OSError("the worker stopped")
        lib.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # nothing else may trace it or read its memory
        report["system_calls"] = _seccomp.install(lib, memory_counted=memory_counted)
    report["memory"] = "cgroup" if memory_counted else "address space (RLIMIT_AS)"
    os.umask(0o077)
    os.chdir(workdir)
    tempfile.tempdir = workdir
    _clean_environment(workdir)
    _set_limits(limits, address_space=not memory_counted)
    return report


def describe(report: dict[str, Any]) -> str:
    """One line saying which isolation the submissions ran under, and what it does not give.

    >>> print(describe({"mode": "root", "uid": 65533, "network": "none", "processes": "only its own",
    ...                 "files": "only Python ...", "memory": "cgroup v1 (all memory counted)",
    ...                 "system_calls": "x", "answers": "not in the sandbox",
    ...                 "limits": {"seconds": 60, "memory_mb": 2048}}))
    isolation (full sandbox, as root): own uid 65533; no network; sees only Python, its packages and the \
sealed kit (no answers, no classmates); 60 s; memory 2048 MB by cgroup v1 (all memory counted)
    """
    if report.get("error"):
        return f"isolation: none, nothing was run ({report['error']})"
    limits = report.get("limits", {})
    memory = f"memory {limits.get('memory_mb', '?')} MB by {report.get('memory', '?')}"
    seconds = f"{limits.get('seconds', '?')} s"
    problems = [str(p) for p in report.get("problems", [])]
    if report.get("mode") in ("root", "user"):
        who = f"own uid {report.get('uid')}" if report.get("mode") == "root" else "your uid, no privileges"
        title = "full sandbox, as root" if report.get("mode") == "root" else "user-namespace sandbox"
        parts = [who, "no network" if report.get("network") == "none" else "NETWORK NOT BLOCKED"]
        parts.append(
            "sees only Python, its packages and the sealed kit (no answers, no classmates)"
            if report.get("answers") == "not in the sandbox"
            else "ANSWERS MAY BE VISIBLE"
        )
        if report.get("processes") != "only its own":
            parts.append("sees other processes")
    else:
        title = "WEAK: no namespaces here"
        parts = [
            "runs as you and can read and change every file you can (answers, classmates, your files)",
            "can signal your processes",
            "network NOT blocked",
        ]
        if str(report.get("memory", "")).startswith("cgroup"):
            memory += ", which a notebook with your rights could leave"
    text = f"isolation ({title}): " + "; ".join([*parts, seconds, memory])
    if problems:
        text += "; NOT ACHIEVED: " + "; ".join(problems)
    return text
