"""The pre-warmed worker: imports the sealed kit once, then forks one sandboxed process per submission.

Started by :mod:`medialit.grading.runner` with a clean environment as::

    python -I -c "<boot>" SEALED FD

``SEALED`` is the sealed copy of the kit (:mod:`medialit._sealed`: no answers), which goes first
on ``sys.path`` before anything imports medialit, so the worker and every submission forked from
it import only that copy. ``FD`` is one end of a Unix socket pair; messages are JSON frames
(:mod:`._wire`):

* grader -> worker: ``{"op": "config", ...}`` and ``{"op": "warm", "widget_calls": [...]}`` once
  (the widget cells of the handed-out notebooks, built once to warm up); then
  ``{"op": "run", "job": n, "names": [...],
  "cells": k, ...}`` with a descriptor of the submission's code cells (the worker never sees a
  path or a name, and never reads the cells); ``{"op": "end", "job": n}`` once the grader has seen
  the submission report its last cell;
* worker -> grader: ``{"op": "ready", "isolation": {...}}``; per job ``{"op": "started"}`` with
  the read end of the answer pipe (and a pidfd of the process) attached, then ``{"op": "exit",
  ...}`` with what the worker observed: exit code or signal, whether the worker itself ended it
  (time limit, or the grader's request) and whether the memory cgroup stopped it.

Where namespaces are available the worker forks a *server* that is the first process of a new
PID namespace, and each submission is the first process of a PID namespace of its own inside
it: when the server dies, the kernel ends every submission; a submission cannot see or signal
the worker, the grader or a classmate's process.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import signal
import socket
import sys
import tempfile
import time
from collections import deque
from typing import Any

__all__ = ["main"]

_EXIT_SANDBOX = 118  # before the first record on the answer pipe: the sandbox failed
_MAX_CELLS_BYTES = 8 << 20


def _scrub_import_path(sealed: str) -> None:
    """Keep the sealed kit first on ``sys.path`` and drop every other place medialit could come from."""
    sys.path[:] = [sealed] + [
        p
        for p in sys.path
        if p != sealed and not os.path.exists(os.path.join(p or ".", "medialit", "__init__.py"))
    ]
    sys.meta_path[:] = [
        f for f in sys.meta_path if not type(f).__module__.startswith(("__editable__", "_editable_impl"))
    ]
    import medialit

    if not os.path.realpath(medialit.__file__).startswith(os.path.realpath(sealed) + os.sep):
        raise RuntimeError(f"medialit was imported from {medialit.__file__}, not the sealed copy")


class _NoFrontEnd:
    """What a widget's comm is in a grading sandbox: there is no front end, so nothing is sent."""

    kernel = None  # ipywidgets sends nothing through a comm without a kernel

    def __init__(self, comm_id: str | None = None) -> None:
        import uuid

        self.comm_id = comm_id or uuid.uuid4().hex

    def on_msg(self, callback: Any) -> None:
        """Messages never come."""

    def send(self, *args: Any, **kwargs: Any) -> None:
        """Nowhere to send to."""

    def close(self, *args: Any, **kwargs: Any) -> None:
        """Nothing to close."""


def _no_front_end() -> None:
    """Widgets keep their Python state but skip serialising it for a front end that does not exist."""
    try:
        from ipywidgets.widgets import widget
    except ImportError:
        return

    def open_(self: Any) -> None:
        if self.comm is None:
            self.comm = _NoFrontEnd(self._model_id)

    widget.Widget.open = open_
    widget.Widget.send_state = lambda self, key=None: None


def _analysis_once() -> None:
    """The automatic analysis is a pure function of an article: each worker computes it once per article.

    Widgets check against it when there is no answer key (always, in the sealed kit); without
    this, every widget of every submission would analyse the article again.
    """
    try:
        from medialit import analysis
        from medialit.article import Article
    except ImportError:
        return
    original = analysis.analyze
    memo: dict[Any, Any] = {}

    def analyze(article: Any = None) -> Any:
        if article is not None and not isinstance(article, Article):
            return original(article)
        key = None if article is None else (article.id, article.text)
        if key not in memo:
            memo[key] = original(article)
        return memo[key]

    analyze.__doc__ = original.__doc__
    analysis.analyze = analyze


def _warm_widgets(calls: list[str]) -> None:
    """Build each widget the exercise notebooks use once, so no submission pays for first use.

    ``calls`` are the widget cells of the handed-out notebooks (public: no answers). They run
    in a namespace of their own, never the notebooks' one, and their widgets are closed after.
    """
    for source in calls:
        with contextlib.suppress(Exception):
            exec(compile(source, "<warm-up>", "exec"), {"__name__": "__warm_up__"})  # noqa: S102
    with contextlib.suppress(Exception):
        from ipywidgets import Widget

        Widget.close_all()


def _warm_up() -> None:
    """Import what notebooks use and fill the kit's caches, so each fork starts warm.

    Only public data is loaded (the article, lexicons, automatic analysis): the sealed copy has
    no answers to load.
    """
    os.environ["MPLBACKEND"] = "Agg"  # no exercise plots: a notebook that does imports matplotlib itself
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    import medialit
    from medialit import exercises

    exercises.list_sets()  # empty in a sealed copy; cached
    with contextlib.suppress(Exception):  # warming is best effort
        medialit.load_article()
    for module in ("widgets", "reading", "plots", "analysis", "exercises.student"):
        with contextlib.suppress(Exception):  # a module another area has not written yet
            __import__(f"medialit.{module}")
    with contextlib.suppress(ImportError):
        import ipywidgets  # noqa: F401
    _no_front_end()
    _analysis_once()
    with contextlib.suppress(Exception):
        medialit.analyze()  # what widgets check against when there is no key


def _make_shell(ipython_dir: str) -> Any:
    os.environ["IPYTHONDIR"] = ipython_dir
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.ast_node_interactivity = "none"
    shell = InteractiveShell.instance(config=config)
    if shell.display_formatter is not None:
        shell.display_formatter.active_types = ["text/plain"]
    return shell


_STARTED = time.monotonic()


def _log(what: str) -> None:
    """With MEDIALIT_GRADE_DEBUG set: one timed line in the worker's log (printed by the grader)."""
    if os.environ.get("MEDIALIT_GRADE_DEBUG"):
        print(
            f"[worker {os.getpid()} +{time.monotonic() - _STARTED:.3f}s] {what}", file=sys.stderr, flush=True
        )


def _send(sock: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    from . import _wire

    _wire.send(sock, message, fds)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _run_cell(shell: Any, namespace: dict[str, Any], source: str) -> None:
    """Run one cell: plain Python directly in the notebook's namespace, anything else through IPython.

    IPython's ``run_cell`` costs about half a millisecond even for ``x = 1``; a cell with IPython
    syntax (``%magic``, ``!command``) does not compile as Python and goes through it. A cell
    that installed IPython input or AST transformers makes every later cell go through it too.
    """
    if shell.ast_transformers or shell.input_transformers_post:
        shell.run_cell(source, store_history=False)
        return
    try:
        code = compile(source, "<cell>", "exec")
    except (SyntaxError, ValueError):
        shell.run_cell(source, store_history=False)
        return
    exec(code, namespace)  # noqa: S102 - the submission's own code, in its own sandboxed process


# Captured once, before any student code runs in a forked process, so that a cell redefining
# builtins or patching modules cannot break how we send answers out.
_dumps = json.dumps
_isinstance = isinstance
_exit = os._exit
_sleep = time.sleep


class _Server:
    """The worker's serving process: builds the sandbox's file system, warms up, forks submissions."""

    def __init__(self, sock: socket.socket, config: dict[str, Any], mode: str, sealed: str) -> None:
        from ._sandbox import libc

        self.sock = sock
        self.config = config
        self.mode = mode
        self.sealed = sealed
        self.lib = libc() if sys.platform.startswith("linux") else None
        self.base = tempfile.mkdtemp(prefix="medialit-grade-")
        os.chmod(self.base, 0o711)  # noqa: S103 - weak mode: a job may pass through to its own folder
        self.root = os.path.join(self.base, "root")
        self.problems: list[str] = []
        self.python: list[str] = []
        self.cgroups: Any = None
        self.own_pid_ns = -1
        self.lifeline_r, self.lifeline_w = os.pipe()
        self.jobs = max(1, int(config.get("jobs", 1)))
        self.uids: list[int] = []
        self.shell: Any = None

    # -- start-up --------------------------------------------------------------------------
    def prepare(self) -> dict[str, Any]:
        """Build the file system, find a memory cgroup, warm up and probe; return the isolation."""
        from ._sandbox import build_root, pick_uids, python_paths

        _log(f"mode {self.mode}")
        if self.mode in ("root", "user"):
            self.python = python_paths(self.sealed)
            try:
                done = build_root(
                    self.lib, self.root, python=self.python, hidden=self.config.get("hidden", [])
                )
                self.own_pid_ns = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
                _log(f"file system built: {done}")
            except OSError as exc:
                self._weaken(f"the sandbox's file system could not be built ({exc})")
        if self.config.get("cgroup"):  # made by the grader, which also removes it
            from pathlib import Path

            from ._cgroup import MemoryCgroups

            self.cgroups = MemoryCgroups(Path(self.config["cgroup"]), int(self.config["cgroup_version"]))
            _log(f"memory cgroup: {self.cgroups.base}")
        self.uids = pick_uids(self.jobs) if self.mode == "root" else [os.getuid()] * self.jobs
        _log(f"uids {self.uids}")
        _warm_up()
        self.shell = _make_shell(os.path.join(self.base, "ipython"))
        _warm_widgets(self._warm_message().get("widget_calls", []))
        from . import _cgroup, _seccomp  # noqa: F401 - what each submission's process uses, loaded once

        _seccomp.prepared(True), _seccomp.prepared(False)
        import gc

        gc.collect()
        gc.freeze()  # what the forks inherit stays out of their garbage collector: fewer pages copied
        _log("warm")
        try:
            report = self._probe()
        except OSError as exc:
            if self.mode == "weak":
                raise
            self._weaken(f"the namespace sandbox could not be set up ({exc})")
            report = self._probe()
        _log(f"probed: {report}")
        report["problems"] = self.problems
        report["memory"] = self.cgroups.description if self.cgroups else "address space (RLIMIT_AS) only"
        return report

    def _warm_message(self) -> dict[str, Any]:
        """The grader's second message: what to build once to warm up (sent while we imported)."""
        from . import _wire

        ready, _, _ = select.select([self.sock], [], [], 30.0)
        if not ready:
            return {}
        message, fds = _wire.recv(self.sock)
        for fd in fds:
            os.close(fd)
        return message if message.get("op") == "warm" else {}

    def _weaken(self, why: str) -> None:
        self.problems.append(why)
        self.mode = "weak"
        self.uids = [os.getuid()] * self.jobs

    def _probe(self) -> dict[str, Any]:
        """Run one empty submission through the sandbox and return what it reports."""
        job: dict[str, Any] = {"job": 0, "names": [], "timeout": 10, "memory_mb": 512, "cgroup": None}
        cgroup = None
        if self.cgroups is not None:  # the probe runs as submissions will
            with contextlib.suppress(OSError):
                cgroup = self.cgroups.job(0, 512 << 20)
                job["cgroup"] = str(cgroup)
        pid, read = self._fork(job, -1, probe=True)
        data = _read_all(read, 1 << 20)
        os.close(read)
        _, status = os.waitpid(pid, 0)
        if cgroup is not None:
            self.cgroups.remove(cgroup)
        lines = data.decode(errors="replace").splitlines()
        report = json.loads(lines[-1]) if lines and lines[0].startswith('{"t": "ready"') else {}
        if not report or os.waitstatus_to_exitcode(status) != 0:
            raise OSError("the sandbox probe failed")
        return report

    # -- one submission --------------------------------------------------------------------
    def _fork(self, job: dict[str, Any], cells_fd: int, *, probe: bool = False) -> tuple[int, int]:
        from ._sandbox import new_pid_namespace_for_next_child

        read, write = os.pipe()
        if self.own_pid_ns >= 0 and self.mode in ("root", "user"):
            new_pid_namespace_for_next_child(self.lib, self.own_pid_ns)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the submission's process
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            os.close(read)
            self._run_submission(job, cells_fd, write, probe=probe)
        os.close(write)
        return pid, read

    def _run_submission(self, job: dict[str, Any], cells_fd: int, answers_fd: int, *, probe: bool) -> None:
        """In the forked process: isolate, run every code cell, stream answers. Never returns."""
        from ._sandbox import Limits, enter

        debug = bool(os.environ.get("MEDIALIT_GRADE_DEBUG"))
        try:
            # A session and process group of its own: kill(0, ...) reaches a whole process group,
            # across PID namespaces (without this, the grader's); and no terminal (/dev/tty).
            os.setsid()
            if job.get("cgroup"):
                from pathlib import Path

                from ._cgroup import MemoryCgroups

                MemoryCgroups.join(Path(job["cgroup"]))
            high = 200  # out of the way while descriptors 0-5 are laid out
            devnull = fcntl.fcntl(os.open(os.devnull, os.O_RDWR), fcntl.F_DUPFD, high)
            moved = [
                fcntl.fcntl(fd, fcntl.F_DUPFD, high) if fd >= 0 else devnull
                for fd in (answers_fd, cells_fd, self.lifeline_r)
            ]
            for fd in (0, 1, 2) if not debug else (0,):
                os.dup2(devnull, fd)
            for target, fd in zip((3, 4, 5), moved, strict=True):
                os.dup2(fd, target)
            os.closerange(6, 1 << 16)  # the worker's socket and every other job's pipes
            report = enter(
                self.lib,
                mode=self.mode,
                root=self.root,
                uid=self.uids[job.get("slot", 0)],
                limits=Limits(job["timeout"], job["memory_mb"]),
                python=self.python,
                hidden=self.config.get("hidden", []),
                lifeline=5,
                memory_counted=bool(job.get("cgroup")),
                base=self.base,
            )
            cells: list[str] = []
            if cells_fd >= 0:
                loaded = json.loads(_read_all(4, _MAX_CELLS_BYTES))
                cells = [c for c in loaded if _isinstance(c, str)] if _isinstance(loaded, list) else []
                os.close(4)
            _write_all(3, b'{"t": "ready"}\n')
            _log(f"job {job.get('job')}: sandbox ready")
        except BaseException:
            if debug:
                import traceback

                traceback.print_exc()
            _exit(_EXIT_SANDBOX)
        if probe:
            _write_all(3, (_dumps(self._probe_report(report)) + "\n").encode())
            _exit(0)
        self._run_cells(cells, list(job["names"]), debug)

    def _probe_report(self, report: dict[str, Any]) -> dict[str, Any]:
        visible = [p for p in self.config.get("answer_files", []) if os.path.lexists(p)]
        try:
            from medialit.exercises import get_set

            get_set("ex01")
            answers_reachable = True
        except Exception:
            answers_reachable = False
        if self.mode == "weak" or visible or answers_reachable:
            report["answers"] = "reachable"
        else:
            report["answers"] = "not in the sandbox"
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=0.2).close()
        except OSError as exc:
            report["network"] = "none" if self.mode != "weak" else f"not blocked ({exc.strerror})"
        else:
            report["network"] = "not blocked"
        return report

    def _run_cells(self, cells: list[str], names: list[str], debug: bool) -> None:
        from ._answers import _json_default, encode_changed

        shell = self.shell
        sent: dict[str, str] = {}
        count = len(cells)
        if not debug:
            shell.showtraceback = lambda *a, **k: None  # tracebacks go nowhere; save the time
        import builtins

        builtin_names = vars(builtins)
        pristine_builtins = dict(builtin_names)
        namespace = shell.user_ns
        for index, source in enumerate(cells):
            with contextlib.suppress(
                BaseException
            ):  # an error in a cell, or one that breaks the shell: go on
                _run_cell(shell, namespace, source)
            students_builtins = dict(builtin_names)
            try:  # read the answers with the real builtins, even if a cell replaced some
                builtin_names.clear()
                builtin_names.update(pristine_builtins)
                changed = encode_changed(shell.user_ns, names, sent)
                record = _dumps(
                    {"t": "cell", "i": index, "a": changed}, default=_json_default, ensure_ascii=False
                )
                _write_all(3, (record + "\n").encode())
            except BaseException:  # noqa: S110 - the grader keeps the answers it already has
                pass
            finally:
                builtin_names.clear()
                builtin_names.update(students_builtins)
        builtin_names.clear()  # no more of the notebook's code runs: the real builtins from here on
        builtin_names.update(pristine_builtins)
        _log(f"{count} cells run")
        try:
            _write_all(3, b'{"t": "done", "n": %d}\n' % count)
        finally:
            while True:  # the worker ends this process when the grader has read everything
                _sleep(3600)

    # -- serving ---------------------------------------------------------------------------
    def serve(self) -> int:
        from . import _wire

        try:
            isolation = self.prepare()
        except Exception as exc:
            _send(self.sock, {"op": "failed", "error": f"{type(exc).__name__}: {exc}"})
            return 1
        isolation["mode"] = self.mode
        _send(self.sock, {"op": "ready", "isolation": isolation})
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader decides when we stop
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        running: dict[int, dict[str, Any]] = {}  # pid -> job state
        by_job: dict[int, int] = {}
        queued: deque[tuple[dict[str, Any], int]] = deque()  # sent ahead by the grader
        free_slots = list(range(self.jobs))
        open_socket = True
        number = 0
        while open_socket or running:
            now = time.monotonic()
            wait = min((r["deadline"] for r in running.values()), default=now + 1.0) - now
            watched: list[Any] = [self.sock, wake_r] if open_socket else [wake_r]
            ready, _, _ = select.select(watched, [], [], max(0.0, min(wait, 1.0)))
            if wake_r in ready:
                os.read(wake_r, 4096)
            if self.sock in ready:
                try:
                    message, fds = _wire.recv(self.sock)
                except (EOFError, OSError, ValueError):
                    open_socket = False
                    for pid, info in running.items():
                        info["ended_by"] = info["ended_by"] or "grader"
                        _kill(pid)
                    continue
                op = message.get("op")
                if op == "run" and fds:
                    for fd in fds[1:]:
                        os.close(fd)
                    queued.append((message, fds[0]))  # started as soon as a slot is free
                elif op == "end":
                    _log(f"job {message.get('job')}: end asked")
                    pid = by_job.get(message.get("job", -1), -1)
                    if pid in running and not running[pid]["ended_by"]:
                        running[pid]["ended_by"] = "grader"
                        _kill(pid)
                else:
                    for fd in fds:
                        os.close(fd)
            now = time.monotonic()
            for pid, info in running.items():
                if not info["ended_by"] and now >= info["deadline"]:
                    info["ended_by"] = "timeout"
                    _kill(pid)
            self._reap(running, by_job, free_slots, open_socket)
            while queued and free_slots and open_socket:
                message, cells_fd = queued.popleft()
                number += 1
                self._start(message, cells_fd, number, free_slots.pop(0), running, by_job)
        for _message, cells_fd in queued:
            os.close(cells_fd)
        import shutil

        if self.mode in ("root", "user") and self.lib is not None:
            with contextlib.suppress(OSError):
                self.lib.umount2(os.fsencode(self.root), 2)
        shutil.rmtree(self.base, ignore_errors=True)
        return 0

    def _start(
        self, message: dict[str, Any], cells_fd: int, number: int, slot: int, running: dict, by_job: dict
    ) -> None:
        """Fork one submission's process in ``slot`` and hand the grader its answer pipe and pidfd."""
        job = {**message, "slot": slot}
        cgroup = None
        if self.cgroups is not None:
            with contextlib.suppress(OSError):
                cgroup = self.cgroups.job(number, int(message["memory_mb"]) << 20)
        job["cgroup"] = str(cgroup) if cgroup else None
        _log(f"job {number}: forking")
        pid, read = self._fork(job, cells_fd)
        os.close(cells_fd)
        attach = [read]
        with contextlib.suppress(OSError, AttributeError):
            attach.append(os.pidfd_open(pid))
        running[pid] = {
            "job": message["job"],
            "slot": slot,
            "cgroup": cgroup,
            "deadline": time.monotonic() + float(message["timeout"]),
            "start": time.monotonic(),
            "ended_by": None,
        }
        by_job[message["job"]] = pid
        _send(self.sock, {"op": "started", "job": message["job"]}, attach)
        for fd in attach:
            os.close(fd)

    def _reap(self, running: dict, by_job: dict, free_slots: list[int], open_socket: bool) -> None:
        while running:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            info = running.pop(pid, None)
            if info is None:
                continue
            _log(f"job {info['job']}: reaped")
            by_job.pop(info["job"], None)
            free_slots.append(info["slot"])
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                info["ended_by"] = None  # it ended by itself before our kill reached it
            oom, peak = False, None
            if info["cgroup"] is not None:
                oom = self.cgroups.oom_killed(info["cgroup"])
                peak = self.cgroups.peak(info["cgroup"])
                self.cgroups.remove(info["cgroup"])
            if open_socket:
                _send(
                    self.sock,
                    {
                        "op": "exit",
                        "job": info["job"],
                        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                        "ended_by": info["ended_by"],
                        "oom": oom,
                        "peak_mb": round(peak / 2**20, 1) if peak else None,
                        "seconds": round(time.monotonic() - info["start"], 3),
                        "cpu": round(usage.ru_utime + usage.ru_stime, 4),
                    },
                )


def _kill(pid: int) -> None:
    for target in (-pid, pid):  # its session's group, then the process itself
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(target, signal.SIGKILL)


def _die_with_parent(lib: Any) -> None:
    """Ask the kernel to kill us when our parent dies (checking it is not already gone)."""
    if lib is None:
        return
    parent = os.getppid()
    lib.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _choose_mode(wanted: str, lib: Any) -> str:
    """Enter the worker's namespaces for the strongest mode allowed here; return that mode."""
    from ._sandbox import enter_worker_namespaces

    if lib is None or wanted == "weak":
        return "weak"
    order = ["root", "user"] if wanted in ("auto", "root") else ["user"]
    for mode in order:
        if mode == "root" and os.geteuid() != 0:
            continue
        try:
            enter_worker_namespaces(lib, mode)
            return mode
        except OSError:
            continue
    return "weak"


def main(argv: list[str] | None = None) -> int:
    """Serve the grader: ``argv`` is ``[sealed copy, socket descriptor]``."""
    args = sys.argv[1:] if argv is None else argv
    sealed, fd = args[0], int(args[1])
    _scrub_import_path(sealed)
    from . import _wire
    from ._sandbox import libc

    sock = socket.socket(fileno=fd)
    sock.setblocking(True)
    config, _fds = _wire.recv(sock)
    lib = libc() if sys.platform.startswith("linux") else None
    _die_with_parent(lib)
    mode = _choose_mode(str(config.get("mode", "auto")), lib)
    if mode == "weak":
        return _Server(sock, config, mode, sealed).serve()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the server: first process of the new PID namespace
        _die_with_parent(lib)
        os._exit(_Server(sock, config, mode, sealed).serve())
    sock.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            return 1
        except InterruptedError:  # pragma: no cover - PEP 475 retries; kept for clarity
            continue


_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from medialit.grading._zygote import main; sys.exit(main(sys.argv[1:]))"
)
