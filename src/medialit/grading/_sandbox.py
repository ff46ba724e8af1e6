"""Isolation for one submission's process: the strongest the platform and our rights allow.

Called in the freshly forked process, before any student code runs. What it does depends on
where we run (``docs/grading.md`` has the full table):

* **Linux, as root** (``mode="root"``): new mount, network and IPC namespaces (no network at
  all); every mount re-mounted read-only except a fresh, size-capped private ``/tmp`` (which
  holds the copy of the notebook); the submissions and the output folder hidden under empty
  read-only mounts; then the process becomes an unprivileged user of its own (an unused uid per
  parallel slot, so two submissions cannot signal or trace each other), with no supplementary
  groups and ``no_new_privs``; then resource limits.
* **Linux, as a normal user** (``mode="user"``): a private temporary copy, resource limits,
  ``no_new_privs``, and no network where unprivileged user namespaces are allowed. The process
  still runs as the teacher, so it *could* change the teacher's files: see the docs.
* **macOS and other Unix**: copy, resource limits (``RLIMIT_AS`` is not enforced on macOS).

Nothing here runs at import time.

>>> mountinfo_flags("rw,nosuid,nodev,relatime") == MS_NOSUID | MS_NODEV | MS_RELATIME
True
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import resource
import stat
import sys
from typing import Any

__all__ = ["Limits", "enter", "mountinfo_flags", "pick_uids"]

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
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
MS_STRICTATIME = 1 << 24
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_NO_NEW_PRIVS = 38

_FLAG_NAMES = {
    "nosuid": MS_NOSUID,
    "nodev": MS_NODEV,
    "noexec": MS_NOEXEC,
    "noatime": MS_NOATIME,
    "nodiratime": MS_NODIRATIME,
    "relatime": MS_RELATIME,
    "strictatime": MS_STRICTATIME,
}
_SKIP_FS_PREFIXES = ("/proc", "/sys")
# Inside the submission's own mount namespace only: fresh private tmpfs mounts, not the host's.
WRITABLE_TMPFS = ("/tmp", "/dev/shm", "/var/tmp")  # noqa: S108
WORKDIR = "/tmp/submission"  # noqa: S108


class Limits:
    """Resource limits for one submission (seconds, megabytes)."""

    def __init__(self, timeout: float = 60.0, memory_mb: int = 2048, file_mb: int = 64) -> None:
        self.timeout = float(timeout)
        self.memory_mb = int(memory_mb)
        self.file_mb = int(file_mb)


def _libc() -> Any:
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def mountinfo_flags(options: str) -> int:
    """The ``MS_*`` flags to keep when re-mounting a mount with these per-mount options."""
    flags = 0
    for name in options.split(","):
        flags |= _FLAG_NAMES.get(name, 0)
    return flags


def _mounts() -> list[tuple[str, int, str]]:
    """(mount point, flags to keep, fs type) from /proc/self/mountinfo."""
    found = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            left, _, right = line.partition(" - ")
            fields = left.split()
            if len(fields) < 6:
                continue
            point = fields[4].encode().decode("unicode_escape")  # \040 for spaces
            found.append((point, mountinfo_flags(fields[5]), right.split(" ", 1)[0]))
    return found


def _uids_in_use() -> set[int]:
    """The real uids of running processes (Linux; empty elsewhere)."""
    found: set[int] = set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        with (
            contextlib.suppress(OSError, ValueError, IndexError),
            open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as handle,
        ):
            for line in handle:
                if line.startswith("Uid:"):
                    found.add(int(line.split()[1]))
                    break
    return found


def pick_uids(count: int) -> list[int]:
    """``count`` unused user ids (no account, inside this user namespace) to run submissions as.

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
    busy = _uids_in_use()  # e.g. another grading run at work right now
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


def _check(result: int, what: str, libc: Any) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(
    libc: Any, source: str | None, target: str, fstype: str | None, flags: int, data: str | None
) -> None:
    _check(
        libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {target}",
        libc,
    )


def can_use_namespaces() -> bool:
    """True on Linux when we are root (real root or ``CAP_SYS_ADMIN``), so ``mode="root"`` works."""
    return sys.platform.startswith("linux") and os.geteuid() == 0


def _copy_notebook(notebook_fd: int, target: str) -> None:
    size = os.fstat(notebook_fd).st_size
    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        offset = 0
        while offset < size:
            if sys.platform.startswith("linux"):  # in the kernel, never in our memory
                sent = os.sendfile(out, notebook_fd, offset, size - offset)
            else:  # macOS sendfile writes to sockets only
                chunk = os.pread(notebook_fd, min(size - offset, 1 << 20), offset)
                sent = os.write(out, chunk) if chunk else 0
            if sent == 0:
                break
            offset += sent
    finally:
        os.close(out)


def needed_paths() -> list[str]:
    """Folders the submission's process must be able to read: Python, its packages, the kit."""
    from .._paths import data_dir

    found = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(data_dir())}
    found |= {p for p in sys.path if p and os.path.isdir(p)}
    return sorted({os.path.realpath(p) for p in found} | found)


def _blocked(needed: list[str]) -> dict[str, set[str]]:
    """Folders that others may not pass through, mapped to the entries in them we need."""
    blocked: dict[str, set[str]] = {}
    for path in needed:
        current = "/"
        for part in path.strip("/").split("/"):
            if not part:
                break
            try:
                mode = os.stat(current).st_mode
            except OSError:
                break
            if not mode & stat.S_IXOTH:
                blocked.setdefault(current, set()).add(part)
                break
            current = os.path.join(current, part)
    return blocked


def _cover(libc: Any, folder: str, keep: set[str], flags: int, options: str) -> None:
    """Mount an empty tmpfs over ``folder``, then bind-mount back the entries in ``keep``.

    ``keep`` holds paths relative to ``folder``. The originals are reached through a descriptor
    opened before covering (``/proc/self/fd/N/...``), so nothing needs staging.
    """
    old = os.open(folder, os.O_PATH | os.O_DIRECTORY)
    try:
        _mount(libc, "tmpfs", folder, "tmpfs", flags, options)
        kept: list[str] = []
        for rel in sorted(keep):
            if any(rel == k or rel.startswith(k + "/") for k in kept):
                continue
            source = f"/proc/self/fd/{old}/{rel}"
            place = os.path.join(folder, rel)
            if os.path.isdir(source):
                os.makedirs(place, 0o755, exist_ok=True)
            elif os.path.exists(source):
                os.makedirs(os.path.dirname(place), 0o755, exist_ok=True)
                open(place, "wb").close()
            else:
                continue
            _mount(libc, source, place, None, MS_BIND | MS_REC, None)
            kept.append(rel)
    finally:
        os.close(old)


def _under(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder``, or None when it is not inside it."""
    if path == folder or not path.startswith(folder.rstrip("/") + "/"):
        return None
    return path[len(folder.rstrip("/")) + 1 :]


def _expose(libc: Any, needed: list[str]) -> None:
    """Make ``needed`` reachable for an unprivileged user without opening anything else.

    A folder on the way that others may not enter (say ``/root``, holding a pyenv Python) is
    covered with an empty tmpfs, and only the entries we need are bind-mounted back into it.
    """
    for _round in range(4):
        blocked = _blocked(needed)
        if not blocked:
            break
        for folder, names in sorted(blocked.items()):
            _cover(libc, folder, names, MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=1000,mode=755")


def _root_sandbox(
    libc: Any, *, uid: int, hide: list[str], needed: list[str], notebook_fd: int, tmp_mb: int
) -> dict[str, Any]:
    _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC), "unshare", libc)
    _mount(libc, None, "/", None, MS_REC | MS_PRIVATE, None)  # nothing we mount leaks out
    writable = []
    for point in WRITABLE_TMPFS:
        if os.path.isdir(point) and not os.path.islink(point):
            keep = {rel for rel in (_under(p, point) for p in needed) if rel}  # e.g. a kit under /tmp
            options = f"size={tmp_mb}m,nr_inodes=20000,mode=1777"
            _cover(libc, point, keep, MS_NOSUID | MS_NODEV, options)
            writable.append(point)
    _expose(libc, needed)
    hidden = 0
    for path in hide:
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                _mount(
                    libc,
                    "tmpfs",
                    path,
                    "tmpfs",
                    MS_RDONLY | MS_NOSUID | MS_NODEV,
                    "size=4k,nr_inodes=1,mode=000",
                )
                hidden += 1
            elif os.path.isfile(path) and not os.path.islink(path):
                _mount(libc, "/dev/null", path, None, MS_BIND, None)
                hidden += 1
        except OSError:
            pass  # gone, or under a tmpfs we just mounted: hidden either way
    processes = "visible"
    with contextlib.suppress(OSError):  # a private /proc showing only this process's own uid
        _mount(libc, "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible")
        processes = "hidden"
    readonly_failed = []
    skip = set(writable)
    for point, flags, _fstype in _mounts():
        if point in skip or point.startswith(_SKIP_FS_PREFIXES):
            continue
        try:
            _mount(libc, None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, None)
        except OSError:
            readonly_failed.append(point)
    if "/" in readonly_failed:
        raise OSError("could not make the file system read-only")
    os.mkdir(WORKDIR, 0o700)
    notebook = os.path.join(WORKDIR, "submission.ipynb")
    if notebook_fd >= 0:
        _copy_notebook(notebook_fd, notebook)
        os.chown(notebook, uid, uid)
    os.chown(WORKDIR, uid, uid)
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
    return {
        "mode": "root",
        "uid": uid,
        "network": "none",
        "filesystem": "read-only except a private /tmp",
        "hidden_paths": hidden,
        "other_processes": processes,
        "readonly_failed": readonly_failed,
    }


def _user_sandbox(libc: Any, *, notebook_fd: int, base: str) -> dict[str, Any]:
    network = "unchanged"
    if sys.platform.startswith("linux"):
        try:
            _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNET), "unshare", libc)
            network = "none"
        except OSError:
            pass
    workdir = os.path.join(base, f"job-{os.getpid()}")
    os.mkdir(workdir, 0o700)
    notebook = os.path.join(workdir, "submission.ipynb")
    if notebook_fd >= 0:
        _copy_notebook(notebook_fd, notebook)
    return {
        "mode": "user",
        "uid": os.getuid(),
        "network": network,
        "filesystem": "the teacher's rights (see docs/grading.md)",
        "workdir": workdir,
    }


def _set_limits(limits: Limits) -> None:
    cpu = int(limits.timeout) + 1
    wanted = [
        ("RLIMIT_CPU", cpu, cpu + 1),
        ("RLIMIT_AS", limits.memory_mb * 1024 * 1024, None),
        ("RLIMIT_FSIZE", limits.file_mb * 1024 * 1024, None),
        ("RLIMIT_NOFILE", 64, None),
        ("RLIMIT_CORE", 0, None),
        ("RLIMIT_NPROC", 0, None),  # no new processes or threads: nothing outlives a kill
    ]
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


def enter(
    *,
    mode: str,
    uid: int,
    hide: list[str],
    notebook_fd: int,
    limits: Limits,
    base: str,
    needed: list[str] | None = None,
) -> dict[str, Any]:
    """Isolate the current (freshly forked) process; return what was achieved.

    Raises ``OSError`` when the promised isolation could not be set up: the caller must then
    stop without running the submission.
    """
    libc = _libc() if sys.platform != "win32" else None
    if libc is not None and sys.platform.startswith("linux"):
        libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)  # die with the worker
    if mode == "root":
        tmp_mb = (
            max(128, 2 * (os.fstat(notebook_fd).st_size >> 20) + limits.file_mb) if notebook_fd >= 0 else 128
        )
        report = _root_sandbox(
            libc, uid=uid, hide=hide, needed=needed or needed_paths(), notebook_fd=notebook_fd, tmp_mb=tmp_mb
        )
        workdir = WORKDIR
    else:
        report = _user_sandbox(libc, notebook_fd=notebook_fd, base=base)
        workdir = report["workdir"]
    if libc is not None and sys.platform.startswith("linux"):
        _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs", libc)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # nobody else may trace or read this process
    os.umask(0o077)
    os.chdir(workdir)
    import tempfile

    tempfile.tempdir = workdir
    os.environ.update(HOME=workdir, TMPDIR=workdir, USER="student", LOGNAME="student", MPLBACKEND="Agg")
    for key in [k for k in os.environ if k.startswith(("JUPYTER", "IPYTHON")) and k != "IPYTHONDIR"]:
        os.environ.pop(key, None)
    _set_limits(limits)
    report["limits"] = {
        "seconds": round(limits.timeout) if limits.timeout.is_integer() else limits.timeout,
        "memory_mb": limits.memory_mb,
        "file_mb": limits.file_mb,
    }
    report["notebook"] = os.path.join(workdir, "submission.ipynb")
    return report


def describe(report: dict[str, Any]) -> str:
    """One line saying which isolation the submissions ran under.

    >>> describe({"mode": "root", "uid": 65533, "network": "none",
    ...           "filesystem": "read-only except a private /tmp", "limits": {"seconds": 60,
    ...           "memory_mb": 2048, "file_mb": 64}})
    'isolation: own process as uid 65533, no network, read-only except a private /tmp, 60 s, 2048 MB'
    """
    limits = report.get("limits", {})
    network = "no network" if report.get("network") == "none" else "network NOT blocked"
    who = (
        f"uid {report.get('uid')}"
        if report.get("mode") == "root"
        else "the teacher's user (weaker, see docs)"
    )
    return (
        f"isolation: own process as {who}, {network}, {report.get('filesystem')}, "
        f"{limits.get('seconds', '?')} s, {limits.get('memory_mb', '?')} MB"
    )


def dumps(report: dict[str, Any]) -> str:
    """The report as JSON (for the worker's first message)."""
    return json.dumps(report, default=str)
