"""Run submissions in sandboxed processes and collect their answers as data (the grader's side).

:class:`Runner` builds the sealed copy of the kit (:mod:`medialit._sealed`), starts the
pre-warmed worker (:mod:`._zygote`) on it with a clean environment, hands it one submission at
a time as an open descriptor of its code cells, keeps up to ``jobs`` submissions running, reads
each one's answer stream with :class:`~._answers.AnswerReader`, and turns what the worker
*observed* into a status: who ended the process and how, and whether the memory cgroup stopped
it. Nothing the submission writes decides its status. If the worker itself dies, the submissions
it was running are run again alone, then reported as crashed.

No submission's process outlives :meth:`Runner.close`: the worker's namespaces end them, and
the grader also holds a pidfd of each one and ends it itself.

>>> Outcome(status="timeout", answers={}, seen=set(), cells=2, seconds=60.0).status
'timeout'
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MedialitError
from . import _wire
from ._answers import AnswerReader

__all__ = ["Job", "Outcome", "Runner", "worker_environment"]

_READY_TIMEOUT = 120.0


@dataclass
class Job:
    """One submission to run: a file holding its code cells (a JSON list), and its answer names."""

    key: Any
    cells: Path
    names: dict[str, str]
    count: int = 0  # how many code cells


@dataclass
class Outcome:
    """How a submission's run ended and what it answered."""

    status: str  # "finished", "timeout", "memory", "crashed"
    answers: dict[str, Any]
    seen: set[str]
    cells: int
    seconds: float
    detail: str = ""
    cpu: float = 0.0  # CPU seconds its process used (independent of how busy the machine is)
    peak_mb: float | None = None


@dataclass
class _Running:
    job: Job
    reader: AnswerReader
    fd: int | None = None
    pidfd: int | None = None
    eof: bool = False
    end_sent: bool = False
    exit: dict[str, Any] | None = None
    started: float = field(default_factory=time.monotonic)


def worker_environment() -> dict[str, str]:
    """The worker's whole environment: nothing of the teacher's (no tokens, no paths), only what it needs.

    >>> env = worker_environment()
    >>> "HOME" in env, [name for name in env if "TOKEN" in name or "SECRET" in name]
    (False, [])
    """
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        # one thread per maths library: a forked submission may not start threads, and a
        # thread pool made before the fork would not exist in it
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    if os.environ.get("MEDIALIT_GRADE_DEBUG"):  # keeps tracebacks and the worker's log
        env["MEDIALIT_GRADE_DEBUG"] = "1"
    cache = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "matplotlib"
    )
    if os.path.isdir(cache):  # matplotlib's font list: found again instead of rebuilt (seconds)
        env["MPLCONFIGDIR"] = cache
    for name in ("LD_LIBRARY_PATH", "TZ"):  # what this Python itself may need to start
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def widget_calls() -> list[str]:
    """The widget cells of the handed-out exercise notebooks (public: what every student gets).

    >>> any("save_as=" in call for call in widget_calls())
    True
    """
    from medialit.exercises import build, get_set, list_sets

    calls = []
    for set_id in list_sets():
        with contextlib.suppress(Exception):  # a broken master, or another builder: no warm-up, still right
            for question in get_set(set_id).questions:
                if question.type == "widget":
                    calls.append(build._widget_source(question))
    return calls


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


class Runner:
    """A pool of sandboxed submission processes forked from one pre-warmed worker.

    ``private`` are folders that hold submissions or results (hidden from every submission:
    they are outside what a sandbox sees anyway; they are named to the worker only if they lie
    inside Python's own folders). Use as a context manager; :meth:`run` yields
    ``(job, outcome)`` as submissions finish.
    """

    def __init__(
        self,
        *,
        jobs: int = 2,
        timeout: float = 60.0,
        memory_mb: int = 2048,
        private: Iterable[Path] = (),
        mode: str = "auto",
    ) -> None:
        self.jobs = max(1, int(jobs))
        self.timeout = float(timeout)
        self.memory_mb = int(memory_mb)
        self.private = sorted({os.path.realpath(p) for p in private})
        self.mode = mode
        self.isolation: dict[str, Any] = {}
        self.restarts = 0
        self._proc: subprocess.Popen | None = None
        self._sock: socket.socket | None = None
        self._log: Any = None  # the worker's stderr, a temporary file while it runs
        self._pidfds: dict[int, int] = {}  # job number -> pidfd of its process
        self._cgroups: Any = None  # the memory cgroups we made (removed in close)
        self._restarting = False

    # -- the worker -------------------------------------------------------------------------
    def _hidden(self, sealed: Path) -> list[str]:
        from ._sandbox import kit_locations, python_paths

        python = python_paths(str(sealed))
        hidden = kit_locations()
        hidden += [p for p in self.private if any(_inside(p, q) for q in python)]
        return sorted(set(hidden))

    def start(self, *, while_waiting: Callable[[], None] | None = None) -> None:
        """Start the worker and wait until it is warm (imports done, sandbox checked).

        ``while_waiting`` runs in this process while the worker warms up.
        """
        if not hasattr(socket, "send_fds") or not hasattr(os, "fork"):
            raise MedialitError(
                "Grading needs a Unix system (Linux or macOS): this one cannot fork processes.",
                hint="Grade on Linux, in WSL, or in a Linux container (see docs/grading.md).",
            )
        from .._sealed import sealed_copy
        from ._zygote import _BOOT

        sealed = sealed_copy()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        self._proc = subprocess.Popen(
            # -I: no PYTHONPATH, no user site, not the current folder: the sealed kit comes first
            [sys.executable, "-I", "-c", _BOOT, str(sealed), str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            env=worker_environment(),
            cwd="/",
        )
        theirs.close()
        self._sock = ours
        from ._sandbox import answer_files

        if sys.platform.startswith("linux") and self._cgroups is None:
            from ._cgroup import MemoryCgroups

            self._cgroups = MemoryCgroups.create()  # ours: removed in close(), even if the worker dies
        config = {
            "op": "config",
            "jobs": self.jobs,
            "mode": self.mode,
            "hidden": self._hidden(sealed),
            "answer_files": answer_files(),  # checked absent by the worker's probe
            "cgroup": str(self._cgroups.base) if self._cgroups else None,
            "cgroup_version": self._cgroups.version if self._cgroups else None,
        }
        with contextlib.suppress(OSError):  # a worker gone already is reported below
            _wire.send(ours, config)
            # while the worker imports: the widgets it builds once to warm up (loads the masters here)
            _wire.send(ours, {"op": "warm", "widget_calls": widget_calls()})
        if while_waiting is not None:
            try:
                while_waiting()
            except BaseException:
                self.close()
                raise
        ready, _, _ = select.select([ours], [], [], _READY_TIMEOUT)
        try:
            message, _fds = _wire.recv(ours) if ready else ({"op": "failed", "error": "it took too long"}, [])
        except (EOFError, OSError, ValueError):
            message = {"op": "failed", "error": "it stopped while starting"}
        if message.get("op") != "ready":
            detail = message.get("error", "")
            if self._log is not None and self._proc is not None and self._proc.poll() is not None:
                self._log.seek(0)
                lines = self._log.read().decode(errors="replace").strip().splitlines()
                detail = f"{detail}: {lines[-1]}" if lines else detail
            self.close()
            raise MedialitError(
                f"The grading worker could not start ({detail}).",
                hint="Check that medialit is installed in this Python, then try again with --jobs 1.",
            )
        self.isolation = message["isolation"]
        seconds = int(self.timeout) if self.timeout.is_integer() else self.timeout
        self.isolation["limits"] = {"seconds": seconds, "memory_mb": self.memory_mb}

    def close(self) -> None:
        """Stop the worker and every submission still running; return only when all are gone."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        self._end_all()
        if self._cgroups is not None and not self._restarting:
            self._cgroups.close()
            self._cgroups = None
        if self._log is not None:
            if os.environ.get("MEDIALIT_GRADE_DEBUG"):
                self._log.seek(0)
                sys.stderr.write(self._log.read().decode(errors="replace"))
            self._log.close()
            self._log = None

    def _end_all(self) -> None:
        """Kill every submission process we still hold a pidfd for, and wait until each is gone."""
        for number in list(self._pidfds):
            self._end(number, wait=True)

    def _end(self, number: int, *, wait: bool = False) -> None:
        pidfd = self._pidfds.pop(number, None)
        if pidfd is None:
            return
        with contextlib.suppress(OSError):
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
        if wait:
            with contextlib.suppress(OSError, ValueError):
                select.select([pidfd], [], [], 10.0)  # readable once the process has exited
        os.close(pidfd)

    def __enter__(self) -> Runner:
        if self._sock is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _restart(self) -> None:
        if self._proc is not None:
            self._proc.kill()
        self._restarting = True  # keep our cgroups for the next worker
        try:
            self.close()
        finally:
            self._restarting = False
        self.restarts += 1
        self.start()

    # -- running jobs -----------------------------------------------------------------------
    def run(self, jobs: Iterable[Job], *, on_start: Callable[[Job], None] | None = None):
        """Run ``jobs``, yielding ``(job, Outcome)`` in the order they finish."""
        pending = deque(jobs)
        retried: set[int] = set()  # id() of jobs already run again after the worker died
        running: dict[int, _Running] = {}  # job number -> state
        by_fd: dict[int, int] = {}
        waiting_start: dict[int, _Running] = {}
        number = 0
        while pending or running or waiting_start:
            assert self._sock is not None
            # a job that was running when the worker died runs again, alone, so that one
            # notebook that kills the worker cannot take a classmate's run down with it
            in_flight = [*running.values(), *waiting_start.values()]
            # twice the slots: the worker holds the next submissions and starts one the moment a
            # slot is free, without waiting for us
            limit = 1 if any(id(s.job) in retried for s in in_flight) else 2 * self.jobs
            while pending and len(running) + len(waiting_start) < limit:
                if (running or waiting_start) and id(pending[0]) in retried:
                    break  # wait until it can run alone
                job = pending.popleft()
                number += 1
                try:
                    fd = os.open(job.cells, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
                except OSError as exc:
                    yield (
                        job,
                        Outcome("crashed", {}, set(), 0, 0.0, f"could not read its cells ({exc.strerror})"),
                    )
                    continue
                message = {
                    "op": "run",
                    "job": number,
                    "names": sorted(n for n in job.names if n.isidentifier()),
                    "timeout": self.timeout,
                    "memory_mb": self.memory_mb,
                }
                try:
                    _wire.send(self._sock, message, [fd])
                except OSError:
                    pending.appendleft(job)
                    number -= 1
                    yield from self._worker_died(running, waiting_start, by_fd, pending, retried)
                    continue
                finally:
                    os.close(fd)
                waiting_start[number] = _Running(job, AnswerReader(job.names))
                if on_start:
                    on_start(job)
            watch: list[Any] = [
                self._sock,
                *(fd for fd, n in by_fd.items() if not running[n].eof),
            ]  # not past its end
            now = time.monotonic()
            # the worker stopped answering (a started submission outlived its limit, or none was
            # started for that long): replace it
            watched = [r.started for r in running.values()] or [r.started for r in waiting_start.values()]
            if now - min(watched, default=now) > self.timeout + 30:
                yield from self._worker_died(running, waiting_start, by_fd, pending, retried)
                continue
            ready, _, _ = select.select(watch, [], [], 1.0)
            for fd in ready:
                if fd is self._sock:
                    try:
                        message, fds = _wire.recv(self._sock)
                    except (EOFError, OSError, ValueError):
                        yield from self._worker_died(running, waiting_start, by_fd, pending, retried)
                        break
                    self._handle(message, fds, running, waiting_start, by_fd)
                elif fd in by_fd:
                    state = running[by_fd[fd]]
                    self._drain(state)
                    self._maybe_end(by_fd[fd], state)
            for job_number, state in list(running.items()):
                if state.exit is not None and not state.eof and state.fd is not None:
                    self._drain(state)  # whatever is left in the pipe
                    state.eof = True
                if state.eof and state.exit is not None:
                    del running[job_number]
                    if state.fd is not None:
                        by_fd.pop(state.fd, None)
                        os.close(state.fd)
                    self._end(job_number)
                    yield state.job, self._outcome(state)

    def _handle(self, message: dict, fds: list[int], running: dict, waiting_start: dict, by_fd: dict) -> None:
        job = message.get("job")
        job_number = job if isinstance(job, int) else -1
        if message.get("op") == "started" and fds and job_number in waiting_start:
            state = waiting_start.pop(job_number)
            state.started = time.monotonic()
            state.fd = fds[0]
            os.set_blocking(state.fd, False)
            if len(fds) > 1:
                state.pidfd = fds[1]
                self._pidfds[job_number] = fds[1]
            for extra in fds[2:]:
                os.close(extra)
            running[job_number] = state
            by_fd[state.fd] = job_number
        elif message.get("op") == "exit" and job_number in running:
            running[job_number].exit = message
            for extra in fds:
                os.close(extra)
        else:
            for extra in fds:
                os.close(extra)

    def _maybe_end(self, number: int, state: _Running) -> None:
        """Once a submission reports its last cell, ask the worker to end its process."""
        if state.reader.done and not state.end_sent and self._sock is not None:
            state.end_sent = True
            with contextlib.suppress(OSError):
                _wire.send(self._sock, {"op": "end", "job": number})

    def _drain(self, state: _Running) -> None:
        assert state.fd is not None
        while True:
            try:
                chunk = os.read(state.fd, 1 << 16)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:
                state.eof = True
                return
            state.reader.feed(chunk)

    def _worker_died(
        self,
        running: dict[int, _Running],
        waiting: dict[int, _Running],
        by_fd: dict[int, int],
        pending: deque[Job],
        retried: set[int],
    ):
        for state in sorted(waiting.values(), key=lambda s: s.started, reverse=True):
            pending.appendleft(state.job)  # never started: simply run later, like any other
        for number, state in running.items():
            self._end(number, wait=True)
            if state.fd is not None:
                self._drain(state)
                os.close(state.fd)
            if id(state.job) not in retried:
                retried.add(id(state.job))
                pending.appendleft(state.job)
                continue
            outcome = self._outcome(state)
            outcome.status = "crashed"
            outcome.detail = "the grading worker stopped while running this notebook"
            yield state.job, outcome
        running.clear()
        waiting.clear()
        by_fd.clear()
        self._restart()

    def _outcome(self, state: _Running) -> Outcome:
        """The status from what the worker observed (never from what the notebook wrote)."""
        reader, info = state.reader, state.exit or {}
        seconds = float(info.get("seconds") or time.monotonic() - state.started)
        code, sig, ended_by = info.get("code"), info.get("signal"), info.get("ended_by")
        detail = ""
        if ended_by == "timeout":
            status, detail = "timeout", f"stopped after {self.timeout:g} seconds"
        elif info.get("oom"):
            status, detail = "memory", f"stopped by the kernel at the {self.memory_mb} MB memory limit"
        elif ended_by == "grader" and reader.done and reader.cells >= state.job.count:
            status = "finished"
        elif not reader.ready:
            status, detail = "crashed", "the sandbox could not be set up, so the notebook was not run"
        elif ended_by == "grader" and reader.done:
            status, detail = (
                "crashed",
                f"the notebook claimed to have run every cell, but only {reader.cells} of "
                f"{state.job.count} had run",
            )
        elif ended_by == "grader":
            status, detail = "crashed", "grading was stopped before this notebook finished"
        elif sig is not None:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            status, detail = "crashed", f"the notebook's process was stopped by {name}"
        else:
            status, detail = (
                "crashed",
                f"the notebook ended its own process (exit code {code}) before its last cell had run",
            )
        cpu = float(info.get("cpu") or 0.0)
        return Outcome(
            status,
            dict(reader.answers),
            set(reader.seen),
            reader.cells,
            seconds,
            detail,
            cpu,
            info.get("peak_mb"),
        )
