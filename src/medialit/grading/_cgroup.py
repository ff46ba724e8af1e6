"""Memory cgroups: count *all* the memory a submission holds, and see when the limit stopped it.

An address-space limit (``RLIMIT_AS``) misses memory a process holds outside its mappings
(memfd files, shared memory, files in a memory-backed ``/tmp``). A memory cgroup counts all of
it, and its ``oom_kill`` counter tells the grader, from outside the process, that the kernel
stopped it at the limit.

Each submission gets its own cgroup ``medialit-<random>/job-<n>`` under a cgroup we may write:

* **cgroup v2** (``memory.max``, ``memory.swap.max``, ``memory.events``): under our own cgroup,
  or the top of the hierarchy we see, wherever the memory controller can be enabled;
* **cgroup v1** (``memory.limit_in_bytes``, ``memory.memsw.limit_in_bytes``, ``memory.oom_control``):
  under our own memory cgroup.

Usually this means running as root; elsewhere :meth:`MemoryCgroups.create` returns None and the
grader falls back to the address-space limit (and says so).

>>> parse_counters("low 0\\nhigh 0\\nmax 3\\noom 1\\noom_kill 1\\n")["oom_kill"]
1
"""

from __future__ import annotations

import contextlib
import secrets
import time
from pathlib import Path

__all__ = ["MemoryCgroups", "parse_counters"]


def parse_counters(text: str) -> dict[str, int]:
    """``name value`` lines (``memory.events``, ``memory.oom_control``) as a dict."""
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("-").isdigit():
            found[parts[0]] = int(parts[1])
    return found


def _mounts(fstype: str) -> list[tuple[str, str]]:
    """(mount point, super options) of every mount of ``fstype``."""
    found = []
    with contextlib.suppress(OSError), open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as f:
        for line in f:
            left, _, right = line.partition(" - ")
            fields, tail = left.split(), right.split()
            if len(fields) >= 5 and tail and tail[0] == fstype:
                found.append((fields[4].encode().decode("unicode_escape"), tail[-1]))
    return found


def _own_paths() -> dict[str, str]:
    """Controller list (``""`` for v2) -> our cgroup's path, from /proc/self/cgroup."""
    found = {}
    with contextlib.suppress(OSError), open("/proc/self/cgroup", encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split(":", 2)
            if len(parts) == 3:
                found[parts[1]] = parts[2]
    return found


def _write(path: Path, value: str) -> None:
    with open(path, "w", encoding="ascii") as handle:
        handle.write(value)


class MemoryCgroups:
    """Per-submission memory cgroups under one folder of ours (v1 or v2)."""

    def __init__(self, base: Path, version: int) -> None:
        self.base = base
        self.version = version

    @property
    def description(self) -> str:
        """Which limit applies, for the isolation line."""
        return f"cgroup v{self.version} (all memory counted)"

    @classmethod
    def create(cls) -> MemoryCgroups | None:
        """Make ``medialit-<random>`` where we can; None when no memory cgroup can be used here."""
        own = _own_paths()
        name = f"medialit-{secrets.token_hex(6)}"  # unique, also for processes numbered 1 in their namespace
        for point, _options in _mounts("cgroup2"):
            tried = []
            if "" in own:
                tried.append(Path(point) / own[""].lstrip("/"))
            tried.append(Path(point))
            for parent in tried:
                made = cls._make_v2(parent, name)
                if made is not None:
                    return made
        for point, options in _mounts("cgroup"):
            if "memory" not in options.split(","):
                continue
            relative = next((p for k, p in own.items() if "memory" in k.split(",")), "/")
            made = cls._make_v1(Path(point) / relative.lstrip("/"), name)
            if made is not None:
                return made
        return None

    @staticmethod
    def _forget_stale(parent: Path) -> None:
        """Remove what runs that were killed left behind (only day-old folders: never a live run's)."""
        cutoff = time.time() - 86400
        with contextlib.suppress(OSError):
            for old in parent.glob("medialit-*"):
                with contextlib.suppress(OSError):
                    if old.stat().st_mtime < cutoff:
                        for job in old.glob("job-*"):
                            job.rmdir()
                        old.rmdir()

    @classmethod
    def _make_v2(cls, parent: Path, name: str) -> MemoryCgroups | None:
        cls._forget_stale(parent)
        base = parent / name
        try:
            controllers = (parent / "cgroup.controllers").read_text().split()
            if "memory" not in controllers:
                return None
            if "memory" not in (parent / "cgroup.subtree_control").read_text().split():
                _write(parent / "cgroup.subtree_control", "+memory")  # fails where processes live
            base.mkdir()
        except OSError:
            return None
        try:
            _write(base / "cgroup.subtree_control", "+memory")
            made = cls(base, 2)
            made.remove(made.job(0, 64 << 20))  # prove that a job cgroup works
            return made
        except OSError:
            with contextlib.suppress(OSError):
                base.rmdir()
            return None

    @classmethod
    def _make_v1(cls, parent: Path, name: str) -> MemoryCgroups | None:
        cls._forget_stale(parent)
        base = parent / name
        try:
            base.mkdir()
        except OSError:
            return None
        try:
            made = cls(base, 1)
            made.remove(made.job(0, 64 << 20))
            return made
        except OSError:
            with contextlib.suppress(OSError):
                base.rmdir()
            return None

    def job(self, number: int, limit: int) -> Path:
        """A fresh cgroup for one submission, limited to ``limit`` bytes (swap included)."""
        path = self.base / f"job-{number}"
        with contextlib.suppress(FileNotFoundError):
            path.rmdir()  # a leftover of the same number
        path.mkdir()
        if self.version == 2:
            _write(path / "memory.max", str(limit))
            if (path / "memory.swap.max").exists():
                _write(path / "memory.swap.max", "0")
        else:
            _write(path / "memory.limit_in_bytes", str(limit))
            if (path / "memory.memsw.limit_in_bytes").exists():
                _write(path / "memory.memsw.limit_in_bytes", str(limit))
        return path

    @staticmethod
    def join(path: Path) -> None:
        """Move the calling process into the cgroup ``path`` (its children follow)."""
        _write(path / "cgroup.procs", "0")

    def oom_killed(self, path: Path) -> bool:
        """True when the kernel stopped a process of ``path`` at its memory limit."""
        name = "memory.events" if self.version == 2 else "memory.oom_control"
        try:
            return parse_counters((path / name).read_text()).get("oom_kill", 0) > 0
        except OSError:
            return False

    def peak(self, path: Path) -> int | None:
        """The most memory ``path`` held at once, in bytes (None when the kernel does not say)."""
        name = "memory.peak" if self.version == 2 else "memory.max_usage_in_bytes"
        try:
            return int((path / name).read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def remove(self, path: Path) -> None:
        """Remove a job's cgroup once its processes are gone (retrying briefly)."""
        for _ in range(50):
            try:
                path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.002)

    def close(self) -> None:
        """Remove every job cgroup and our own folder (once their processes are gone)."""
        with contextlib.suppress(OSError):
            for child in self.base.iterdir():
                if child.is_dir():
                    self.remove(child)
        with contextlib.suppress(OSError):
            self.base.rmdir()
