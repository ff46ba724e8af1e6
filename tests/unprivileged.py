"""Run a command as a normal (unprivileged) user, for the grader's normal-user tests.

When the tests run as a normal user, commands simply run as that user. When they run as root
(CI containers, this machine), a command runs as an unused uid with no account: this script,
started as root, makes a private mount namespace in which folders that others may not enter
(say ``/root``, holding a pyenv Python) show only what the command needs, then drops to that
uid and runs the command. Nothing outside that namespace changes.

    python tests/unprivileged.py UID PATH[:PATH...] -- COMMAND...
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import stat
import subprocess
import sys
from pathlib import Path

MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
CLONE_NEWNS = 0x00020000


def why_not() -> str | None:
    """None when commands can run as a normal user here; else why not (a skip reason)."""
    if not sys.platform.startswith("linux"):
        return "running as another user is only set up for Linux"
    if os.geteuid() != 0:
        return None  # already a normal user
    if not Path("/proc/self/ns/mnt").exists():
        return "no mount namespaces here"
    return None


def unused_uid() -> int:
    """A uid with no account and no running process (searched downwards from 61000)."""
    import pwd

    busy = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                busy.add(os.stat(f"/proc/{entry}").st_uid)
    for uid in range(61000, 50000, -1):
        try:
            pwd.getpwuid(uid)
        except KeyError:
            if uid not in busy:
                return uid
    raise RuntimeError("no free uid")


def run(
    argv: list[str], *, uid: int, needed: list[Path], env: dict[str, str], **kwargs
) -> subprocess.CompletedProcess:
    """Run ``argv`` as ``uid`` (or as ourselves when we are not root), reaching ``needed`` paths."""
    if os.geteuid() != 0:
        return subprocess.run(argv, env=env, check=False, **kwargs)
    paths = ":".join(str(p) for p in needed)
    command = [sys.executable, __file__, str(uid), paths, "--", *argv]
    return subprocess.run(command, env=env, check=False, **kwargs)


def _mount(lib, source, target, fstype, flags, data) -> None:
    def raw(text):
        return os.fsencode(text) if text is not None else None

    if lib.mount(raw(source), raw(target), raw(fstype), ctypes.c_ulong(flags), raw(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def _expose(lib, needed: list[str]) -> None:
    """Cover every folder on the way to ``needed`` that others may not enter, keeping only our entries."""
    for _ in range(6):
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
        if not blocked:
            return
        for folder, names in blocked.items():
            old = os.open(folder, os.O_PATH | os.O_DIRECTORY)
            _mount(lib, "tmpfs", folder, "tmpfs", 0, "size=1m,mode=755")
            for name in names:
                source, place = f"/proc/self/fd/{old}/{name}", os.path.join(folder, name)
                if os.path.isdir(source):
                    os.makedirs(place, exist_ok=True)
                elif os.path.exists(source):
                    open(place, "wb").close()
                else:
                    continue
                _mount(lib, source, place, None, MS_BIND | MS_REC, None)
            os.close(old)


def _main() -> None:
    uid, paths = int(sys.argv[1]), sys.argv[2]
    argv = sys.argv[sys.argv.index("--") + 1 :]
    lib = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    if lib.unshare(CLONE_NEWNS) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    _mount(lib, None, "/", None, MS_REC | MS_PRIVATE, None)
    needed = [p for p in paths.split(":") if p]
    needed += [sys.prefix, sys.base_prefix, os.path.realpath(sys.executable)]
    _expose(lib, needed)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    os.execve(argv[0], argv, os.environ)  # noqa: S606 - an argument list, no shell


if __name__ == "__main__":
    _main()
