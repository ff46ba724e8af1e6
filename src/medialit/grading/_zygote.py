"""The pre-warmed worker: imports everything once, then forks one sandboxed process per submission.

Started by :mod:`medialit.grading.runner` as ``python -m medialit.grading._zygote FD``, where
``FD`` is one end of a Unix socket pair. Messages are JSON frames (:mod:`._wire`):

* grader -> worker: ``{"op": "config", ...}`` once, then ``{"op": "run", "job": n, "names": [...]}``
  with the submission's file descriptor attached (the worker never sees a path or a name);
* worker -> grader: ``{"op": "ready", "isolation": {...}}``; per job ``{"op": "started"}`` with the
  read end of the answer pipe attached, then ``{"op": "exit", "status": ..., "timed_out": ...}``.

The worker never reads a submission or an answer: the forked process copies its own notebook
from the descriptor and writes answers straight to the grader, so no student's data ever sits
in the memory that later submissions are forked from.
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
from typing import Any

__all__ = ["main"]

_EXIT_MEMORY = 117  # unusual codes, so a notebook's own exit code is not mistaken for ours
_EXIT_SANDBOX = 118
_EXIT_BAD_NOTEBOOK = 119


def _warm_up() -> None:
    """Import what notebooks use and fill the kit's caches, so each fork starts warm."""
    os.environ["MPLBACKEND"] = "Agg"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot
    import numpy  # noqa: F401
    import pandas  # noqa: F401

    import medialit
    from medialit import exercises

    for set_id in exercises.list_sets():
        with contextlib.suppress(Exception):  # a broken master must not stop grading the others
            exercises.get_set(set_id)
            __import__(f"medialit.exercises.{set_id}")  # what each notebook's first cell imports
    for warm in ("load_article", "answer_key"):
        with contextlib.suppress(Exception):  # warming is best effort
            getattr(medialit, warm)()
    for module in ("widgets", "reading", "plots", "analysis", "exercises.student", "exercises.identify"):
        with contextlib.suppress(Exception):  # a module another area has not written yet
            __import__(f"medialit.{module}")
    with contextlib.suppress(ImportError):
        import ipywidgets  # noqa: F401


def _make_shell(ipython_dir: str) -> Any:
    os.environ["IPYTHONDIR"] = ipython_dir
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.ast_node_interactivity = "none"
    shell = InteractiveShell.instance(config=config)
    shell.display_formatter.active_types = ["text/plain"]
    return shell


def _send(sock: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    from . import _wire

    _wire.send(sock, message, fds)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# Captured once, before any student code runs in a forked process, so that a cell redefining
# builtins or patching modules cannot break how we send answers out.
_dumps = json.dumps
_isinstance = isinstance
_exit = os._exit


def _run_submission(shell: Any, job: dict[str, Any], notebook_fd: int, answers_fd: int, config: dict) -> None:
    """In the forked process: isolate, run every code cell, stream answers. Never returns."""
    from ._answers import _json_default, encode_changed
    from ._sandbox import Limits, enter

    try:
        os.setsid()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        high_answers = fcntl.fcntl(answers_fd, fcntl.F_DUPFD, 100)
        high_notebook = fcntl.fcntl(notebook_fd, fcntl.F_DUPFD, 100)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2) if not os.environ.get("MEDIALIT_GRADE_DEBUG") else (0,):
            os.dup2(devnull, fd)
        os.dup2(high_answers, 3)
        keep_nb = 4
        os.dup2(high_notebook, keep_nb)
        os.closerange(5, 1 << 16)  # the worker's socket and every other job's pipes
        limits = Limits(job["timeout"], job["memory_mb"])
        report = enter(
            mode=config["mode"],
            uid=job["uid"],
            hide=config.get("hide", []),
            notebook_fd=keep_nb,
            limits=limits,
            base=config["base"],
            needed=config["needed"],
        )
        os.close(keep_nb)
    except BaseException:
        if os.environ.get("MEDIALIT_GRADE_DEBUG"):
            import traceback

            traceback.print_exc()
        _exit(_EXIT_SANDBOX)
    try:
        with open(report["notebook"], "rb") as handle:
            nb = json.loads(handle.read())
        cells = [
            "".join(c["source"]) if _isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in nb["cells"]
            if _isinstance(c, dict) and c.get("cell_type") == "code"
        ]
        del nb
    except BaseException:
        _exit(_EXIT_BAD_NOTEBOOK)
    names = list(job["names"])
    sent: dict[str, str] = {}
    if not os.environ.get("MEDIALIT_GRADE_DEBUG"):
        shell.showtraceback = lambda *a, **k: None  # tracebacks go nowhere; save the time
    memory_error = MemoryError
    import builtins

    builtin_names = vars(builtins)
    pristine_builtins = dict(builtin_names)
    for index, source in enumerate(cells):
        error = None
        try:
            result = shell.run_cell(source, store_history=False)
            error = result.error_in_exec or result.error_before_exec
        except memory_error as exc:
            error = exc
        except BaseException:  # noqa: S110 - a cell that breaks the shell itself: go on
            pass
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
        if _isinstance(error, memory_error):
            try:
                _write_all(3, b'{"t": "memory"}\n')
            finally:
                _exit(_EXIT_MEMORY)
    try:
        _write_all(3, b'{"t": "done"}\n')
    finally:
        _exit(0)


def _probe(config: dict[str, Any], uid: int) -> dict[str, Any]:
    """Fork once to check that the sandbox can be built; return its report (or raise)."""
    from ._sandbox import Limits, dumps, enter

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the forked process
        try:
            os.close(read)
            report = enter(
                mode=config["mode"],
                uid=uid,
                hide=[],
                notebook_fd=-1,
                limits=Limits(5, 512),
                base=config["base"],
                needed=config["needed"],
            )
            _write_all(write, dumps(report).encode())
            _exit(0)
        except BaseException as exc:
            _write_all(write, json.dumps({"error": str(exc)}).encode())
            _exit(1)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    report = json.loads(b"".join(chunks) or b"{}")
    if "error" in report or not report:
        raise OSError(report.get("error", "the sandbox probe failed"))
    return report


def main(argv: list[str] | None = None) -> int:
    """Serve the grader on the socket whose descriptor is ``argv[0]``."""
    args = sys.argv[1:] if argv is None else argv
    sock = socket.socket(fileno=int(args[0]))
    sock.setblocking(True)
    from . import _wire

    config, _fds = _wire.recv(sock)
    base = tempfile.mkdtemp(prefix="medialit-grade-")
    os.chmod(base, 0o711)  # noqa: S103 - others may pass through (to their own job folder), not list it
    config["base"] = base
    from ._sandbox import can_use_namespaces, needed_paths, pick_uids

    want_root = config.get("mode", "auto") in ("auto", "root") and can_use_namespaces()
    config["mode"] = "root" if want_root else "user"
    jobs = max(1, int(config.get("jobs", 1)))
    uids = pick_uids(jobs) if want_root else [os.getuid()] * jobs
    try:
        _warm_up()
        shell = _make_shell(os.path.join(base, "ipython"))
        config["needed"] = needed_paths()
        isolation = _probe(config, uids[0])
    except Exception as exc:
        _send(sock, {"op": "failed", "error": f"{type(exc).__name__}: {exc}"})
        return 1
    _send(sock, {"op": "ready", "isolation": isolation})

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader decides when we stop
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    running: dict[int, dict[str, Any]] = {}  # pid -> {job, slot, deadline}
    free_slots = list(range(jobs))
    open_socket = True
    while open_socket or running:
        now = time.monotonic()
        wait = min((r["deadline"] for r in running.values()), default=now + 1.0) - now
        ready, _, _ = select.select(
            [sock, wake_r] if open_socket else [wake_r], [], [], max(0.0, min(wait, 1.0))
        )
        if wake_r in ready:
            os.read(wake_r, 4096)
        if sock in ready:
            try:
                message, fds = _wire.recv(sock)
            except (EOFError, OSError, ValueError):
                open_socket = False
                for pid in running:
                    _kill(pid)
                continue
            if message.get("op") == "run" and fds:
                slot = free_slots.pop(0) if free_slots else 0
                job = {**message, "uid": uids[slot]}
                read, write = os.pipe()
                pid = os.fork()
                if pid == 0:  # pragma: no cover - the submission's process
                    signal.set_wakeup_fd(-1)
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    os.close(read)
                    _run_submission(shell, job, fds[0], write, config)
                os.close(write)
                for fd in fds:
                    os.close(fd)
                running[pid] = {
                    "job": message["job"],
                    "slot": slot,
                    "deadline": time.monotonic() + float(message["timeout"]),
                    "start": time.monotonic(),
                    "timed_out": False,
                }
                _send(sock, {"op": "started", "job": message["job"]}, [read])
                os.close(read)
            else:
                for fd in fds:
                    os.close(fd)
        now = time.monotonic()
        for pid, info in running.items():
            if not info["timed_out"] and now >= info["deadline"]:
                info["timed_out"] = True
                _kill(pid)
        while running:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            info = running.pop(pid, None)
            if info is None:
                continue
            free_slots.append(info["slot"])
            if open_socket:
                _send(
                    sock,
                    {
                        "op": "exit",
                        "job": info["job"],
                        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                        "timed_out": info["timed_out"],
                        "seconds": round(time.monotonic() - info["start"], 3),
                        "cpu": round(usage.ru_utime + usage.ru_stime, 4),
                    },
                )
    import shutil

    shutil.rmtree(base, ignore_errors=True)
    return 0


def _kill(pid: int) -> None:
    for target in (-pid, pid):  # its session's group, then the process itself
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(target, signal.SIGKILL)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
