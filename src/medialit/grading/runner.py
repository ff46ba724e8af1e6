"""Run submissions in sandboxed processes and collect their answers as data (the grader's side).

:class:`Runner` starts the pre-warmed worker (:mod:`._zygote`), hands it one submission at a time
as an open, read-only file descriptor, keeps up to ``jobs`` submissions running, reads each
one's answer stream with :class:`~._answers.AnswerReader`, and turns the way the process ended
into a status. If the worker itself dies, the submissions it was running are reported as crashed
and a new worker takes over.

>>> Outcome(status="timeout", answers={}, seen=set(), cells=2, seconds=60.0).status
'timeout'
"""

from __future__ import annotations

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

__all__ = ["Job", "Outcome", "Runner"]

_EXIT_MEMORY = 117  # as in _zygote
_EXIT_SANDBOX = 118
_EXIT_BAD_NOTEBOOK = 119
_READY_TIMEOUT = 120.0


@dataclass
class Job:
    """One submission to run: its file, and the answer variables to stream out (name -> question)."""

    key: Any
    path: Path
    names: dict[str, str]


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


@dataclass
class _Running:
    job: Job
    reader: AnswerReader
    fd: int | None = None
    eof: bool = False
    exit: dict[str, Any] | None = None
    started: float = field(default_factory=time.monotonic)


class Runner:
    """A pool of sandboxed submission processes forked from one pre-warmed worker.

    Use as a context manager; :meth:`run` yields ``(job, outcome)`` as submissions finish.
    """

    def __init__(
        self,
        *,
        jobs: int = 2,
        timeout: float = 60.0,
        memory_mb: int = 2048,
        hide: Iterable[Path] = (),
        mode: str = "auto",
    ) -> None:
        self.jobs = max(1, int(jobs))
        self.timeout = float(timeout)
        self.memory_mb = int(memory_mb)
        self.hide = sorted({str(Path(p).absolute()) for p in hide})
        self.mode = mode
        self.isolation: dict[str, Any] = {}
        self.restarts = 0
        self._proc: subprocess.Popen | None = None
        self._sock: socket.socket | None = None
        self._log = None

    # -- the worker -------------------------------------------------------------------------
    def start(self, *, while_waiting: Callable[[], None] | None = None) -> None:
        """Start the worker and wait until it is warm (imports done, sandbox checked).

        ``while_waiting`` runs in this process while the worker warms up.
        """
        if not hasattr(socket, "send_fds") or not hasattr(os, "fork"):
            raise MedialitError(
                "Grading needs a Unix system (Linux or macOS): this one cannot fork processes.",
                hint="Grade on Linux, in WSL, or in a Linux container (see docs/grading.md).",
            )
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        env = {
            **os.environ,
            "MPLBACKEND": "Agg",
            "PYTHONDONTWRITEBYTECODE": "1",
            # one thread per maths library: a forked submission may not start threads, and a
            # thread pool made before the fork would not exist in it
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        self._proc = subprocess.Popen(
            # -P: the current folder (perhaps the submissions folder) is not put on sys.path
            [sys.executable, "-P", "-m", "medialit.grading._zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            env=env,
        )
        theirs.close()
        self._sock = ours
        config = {"op": "config", "jobs": self.jobs, "hide": self.hide, "mode": self.mode}
        _wire.send(ours, config)
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
        """Stop the worker (it stops any submission still running)."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._log is not None:
            if os.environ.get("MEDIALIT_GRADE_DEBUG"):
                self._log.seek(0)
                sys.stderr.write(self._log.read().decode(errors="replace"))
            self._log.close()
            self._log = None

    def __enter__(self) -> Runner:
        if self._sock is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _restart(self) -> None:
        if self._proc is not None:
            self._proc.kill()
        self.close()
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
            limit = 1 if any(id(s.job) in retried for s in in_flight) else self.jobs
            while pending and len(running) + len(waiting_start) < limit:
                if (running or waiting_start) and id(pending[0]) in retried:
                    break  # wait until it can run alone
                job = pending.popleft()
                number += 1
                try:
                    # links were screened before; O_NONBLOCK: a pipe swapped in must not hang us
                    fd = os.open(job.path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | os.O_NONBLOCK)
                except OSError as exc:
                    yield (
                        job,
                        Outcome("crashed", {}, set(), 0, 0.0, f"could not open the file ({exc.strerror})"),
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
            watch = [self._sock, *by_fd]
            now = time.monotonic()
            oldest = min((r.started for r in [*running.values(), *waiting_start.values()]), default=now)
            if now - oldest > self.timeout + 30:  # the worker stopped answering: replace it
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
                    job_number = message.get("job")
                    if message.get("op") == "started" and fds and job_number in waiting_start:
                        state = waiting_start.pop(job_number)
                        state.fd = fds[0]
                        os.set_blocking(state.fd, False)
                        running[job_number] = state
                        by_fd[state.fd] = job_number
                        for extra in fds[1:]:
                            os.close(extra)
                    elif message.get("op") == "exit" and job_number in running:
                        running[job_number].exit = message
                        for extra in fds:
                            os.close(extra)
                    else:
                        for extra in fds:
                            os.close(extra)
                else:
                    state = running[by_fd[fd]]
                    self._drain(state)
            for job_number, state in list(running.items()):
                if state.exit is not None and not state.eof and state.fd is not None:
                    self._drain(state)  # whatever is left in the pipe
                    state.eof = True
                if state.eof and state.exit is not None:
                    del running[job_number]
                    if state.fd is not None:
                        by_fd.pop(state.fd, None)
                        os.close(state.fd)
                    yield state.job, self._outcome(state)

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
        for state in [*running.values(), *waiting.values()]:
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
        reader, info = state.reader, state.exit or {}
        seconds = float(info.get("seconds") or time.monotonic() - state.started)
        code, sig = info.get("code"), info.get("signal")
        detail = ""
        if info.get("timed_out") or sig == signal.SIGXCPU:
            status, detail = "timeout", f"stopped after {self.timeout:g} seconds"
        elif reader.memory or code == _EXIT_MEMORY:
            status, detail = "memory", f"stopped at the {self.memory_mb} MB memory limit"
        elif code == 0 and reader.done:
            status = "finished"
        elif code == _EXIT_SANDBOX:
            status, detail = "crashed", "the sandbox could not be set up, so the notebook was not run"
        elif code == _EXIT_BAD_NOTEBOOK:
            status, detail = "crashed", "the notebook's cells could not be read"
        elif sig is not None:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            status, detail = "crashed", f"the notebook's process was stopped by {name}"
        elif code == 0:
            status, detail = (
                "crashed",
                "the notebook ended its own process (os._exit or similar) before the last cell",
            )
        else:
            status, detail = "crashed", f"the notebook's process stopped early (exit code {code})"
        cpu = float(info.get("cpu") or 0.0)
        return Outcome(status, dict(reader.answers), set(reader.seen), reader.cells, seconds, detail, cpu)
