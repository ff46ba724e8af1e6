"""Grade a class: read each submission (read-only, size-capped), run it sandboxed, score it here.

Every file becomes exactly one row, whatever it holds: a file the grader cannot read, a notebook
too large, nested too deep or full of garbage is that student's own row with a status and a
plain-language detail; it never stops the run or costs another student's row.

>>> Row(student="ana", file=Path("ana.ipynb"), status="invalid-notebook").score is None
True
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answers import ANSWER_MIME, saved_answers
from ..errors import MedialitError
from ._discover import Submission, find_submissions, hard_link_problem
from ._record import previous_records, reuse
from .runner import Job, Outcome, Runner

__all__ = [
    "MAX_CODE_BYTES", "MAX_NOTEBOOK_BYTES", "MAX_PARTS", "Row", "answers_saved_in", "grade", "read_notebook",
]  # fmt: skip

MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024  # larger files are not read at all (checked before reading)
MAX_CODE_BYTES = 2 * 1024 * 1024  # all code cells of one notebook together
MAX_PARTS = 1_000_000  # lists, objects and strings in one notebook's JSON (counted before parsing)


@dataclass
class Row:
    """One gradebook row: one student's submission of one exercise."""

    student: str
    file: Path
    status: str
    exercise: str = ""
    detail: str = ""
    score: float | None = None
    max_score: float | None = None
    result: Any = None  # medialit.exercises.SetResult
    seconds: float = 0.0
    cpu: float = 0.0
    missing: list[str] = field(default_factory=list)
    sha256: str = ""  # of the file's bytes (answers.jsonl; "" for a link)
    answers: dict[str, Any] = field(default_factory=dict)  # every answer found, by question id
    change: str = ""  # since the last run into the same --out: "new", "changed" or "unchanged"


class _Invalid(Exception):
    pass


def _describe_bytes(data: bytes) -> str:
    if not data.strip():
        return "The file is empty."
    if data.startswith(b"\x89PNG"):
        return "The file is a PNG image, not a notebook."
    if data.startswith((b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8")):
        return "The file is a PDF, zip or image file, not a notebook."
    return "The file is not a notebook: it is damaged or was cut short (not valid JSON)."


def _keep_only_answers(obj: dict[str, Any]) -> dict[str, Any]:
    """While parsing: drop what grading never reads (pictures, printed text), keep saved answers."""
    if "output_type" in obj:
        data = obj.get("data")
        if isinstance(data, dict):
            obj["data"] = {ANSWER_MIME: data[ANSWER_MIME]} if ANSWER_MIME in data else {}
        obj.pop("text", None)
    obj.pop("attachments", None)
    return obj


def read_notebook(path: Path) -> dict[str, Any]:
    """Read a notebook file read-only as plain JSON data; raise ``_Invalid`` with a friendly reason.

    A link is not followed, a file with other hard links or larger than
    :data:`MAX_NOTEBOOK_BYTES` is not read, and outputs are dropped while parsing (all but saved
    widget answers), so the grader's memory stays small whatever the file holds.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".ipynb") as f:
    ...     try:
    ...         read_notebook(Path(f.name))
    ...     except Exception as exc:
    ...         print(exc)
    The file is empty.
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # a FIFO must not hang us
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == getattr(__import__("errno"), "ELOOP", -1):
            raise _Invalid("The file is a link, not a real file, so it was not graded.") from None
        raise _Invalid(f"The file could not be opened ({exc.strerror}).") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Invalid("This is not a regular file (a pipe, device or folder), so it was not read.")
        if hard_link_problem(info):
            raise _Invalid(hard_link_problem(info))
        if info.st_size > MAX_NOTEBOOK_BYTES:
            raise _Invalid(
                f"The file is too large to grade ({info.st_size / 2**20:.0f} MB; the limit is "
                f"{MAX_NOTEBOOK_BYTES >> 20} MB). Huge outputs usually cause this."
            )
        data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise _Invalid(f"The file grew beyond {MAX_NOTEBOOK_BYTES >> 20} MB while it was read.")
    if data.count(b"[") + data.count(b"{") + data.count(b'"') // 2 > MAX_PARTS:  # cheap upper bound
        raise _Invalid(
            "The file has millions of parts (lists, objects, texts): far more than a notebook has."
        )
    try:
        nb = json.loads(data.decode("utf-8-sig"), object_hook=_keep_only_answers)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Invalid(_describe_bytes(data)) from None
    finally:
        del data
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        if isinstance(nb, dict) and "worksheets" in nb:
            raise _Invalid("The notebook uses an old format (version 3). Open and save it in Jupyter.")
        raise _Invalid("The file is JSON but not a Jupyter notebook (it has no cells).")
    return nb


def _code_cells(nb: dict[str, Any]) -> list[str]:
    cells = []
    for cell in nb["cells"]:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            if isinstance(source, list):
                source = "".join(part for part in source if isinstance(part, str))
            cells.append(source if isinstance(source, str) else "")
    if sum(len(c) for c in cells) > MAX_CODE_BYTES:
        raise _Invalid(
            f"The notebook holds more than {MAX_CODE_BYTES >> 20} MB of code, far more than any "
            "exercise needs, so it was not run."
        )
    return cells


def _prepare(index: int, sub: Submission, folder: str) -> Row | tuple[Row, Job, dict[str, Any]]:
    from medialit import exercises

    row = Row(student=sub.student, file=sub.path, status="invalid-notebook")
    if sub.problem:
        row.detail = sub.problem
        return row
    try:
        nb = read_notebook(sub.path)
        set_id = exercises.identify_notebook(nb)
        if set_id is None:
            row.status = "not-an-exercise"
            row.detail = "This notebook is not one of the exercise sets (was the wrong file handed in?)."
            return row
        row.exercise = set_id
        names = exercises.answer_names(set_id)
        saved = answers_saved_in(nb, set_id, names)
        cells = _code_cells(nb)
    except _Invalid as exc:
        row.detail = str(exc)
        return row
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError) as exc:
        row.status, row.exercise = "invalid-notebook", ""
        row.detail = f"The grader could not read this notebook ({type(exc).__name__})."
        return row
    del nb
    path = os.path.join(folder, f"{index}.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(cells, handle, ensure_ascii=False)
    return row, Job(key=index, cells=Path(path), names=names, count=len(cells)), saved


def answers_saved_in(nb: Any, set_id: str, names: dict[str, str]) -> dict[str, Any]:
    """The answers saved in a notebook's outputs for one set, by question id (read as data).

    >>> answers_saved_in({"cells": []}, "ex01", {"ex01.q7": "q7"})
    {}
    """
    return {names[q]: a for q, a in saved_answers(nb).items() if q in names and q.startswith(f"{set_id}.")}


def _finish(row: Row, outcome: Outcome, saved: dict[str, Any]) -> Row:
    from medialit import exercises

    exercise_set = exercises.get_set(row.exercise)
    answers = {**outcome.answers, **saved}  # an answer saved in the notebook wins over its variable
    found = set(outcome.seen) | set(saved)
    row.answers = answers
    row.seconds = outcome.seconds
    row.cpu = outcome.cpu
    try:
        row.result = exercises.score_set(row.exercise, answers)
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:  # never one row stopping the run
        row.status = "crashed"
        row.detail = f"The answers could not be scored ({type(exc).__name__})."
        return row
    row.score, row.max_score = row.result.total, row.result.max_total
    row.missing = [q.id for q in exercise_set.questions if q.auto and q.id not in found]
    if outcome.status == "finished":
        if row.missing:
            row.status = "missing-answers"
            row.detail = "No answer found for " + ", ".join(row.missing) + " (deleted or renamed cell?)."
        else:
            row.status = "ok"
    else:
        row.status = outcome.status
        row.detail = outcome.detail + "; answers given before that were graded."
    return row


def _warm_up() -> None:
    """Load the exercise sets and their fingerprints once, before the first submission."""
    from medialit import exercises

    exercises.identify_notebook({"cells": [{"cell_type": "markdown", "source": "warm-up"}]})


def _anything_to_grade(paths: list[Path]) -> bool:
    """False only when no path could hold a notebook (an empty folder, or folders without any)."""
    for path in paths:
        if not path.is_dir():
            return True
        try:
            with os.scandir(path) as entries:
                if any(True for _ in entries):
                    return True
        except OSError:
            return True
    return False


def _private_folders(paths: list[Path], out: Path | None) -> list[Path]:
    """Every folder that holds submissions or results, however the teacher named them."""
    found: set[Path] = set()
    for path in paths:
        absolute = Path(os.path.abspath(path))
        found.add(absolute.parent if not absolute.is_dir() else absolute)
        with contextlib.suppress(OSError):
            real = absolute.resolve()
            found.add(real.parent if not real.is_dir() else real)
    if out is not None:
        found.add(Path(os.path.abspath(out)))
    return sorted(found)


def grade(
    paths: list[Path],
    *,
    out: Path | None = None,
    jobs: int = 2,
    timeout: float = 60.0,
    memory_mb: int = 2048,
    on_row: Callable[[Row], None] | None = None,
    on_ready: Callable[[dict[str, Any], int], None] | None = None,
    on_prepared: Callable[[], None] | None = None,
    mode: str = "auto",
) -> tuple[list[Row], dict[str, Any]]:
    """Grade every submission under ``paths``; return the rows (in discovery order) and the isolation.

    ``on_prepared`` is called once every notebook has been read, while the worker may still be
    warming up (a moment to start other work).

    Returns only when no submission's process is left. If the worker cannot start at all, the
    submissions that would have run are ``crashed`` rows saying so, and the isolation holds the
    reason under ``"error"``.
    """
    submissions: list[Submission] = []
    rows: list[Row | None] = []
    waiting: dict[int, tuple[Row, dict[str, Any]]] = {}
    jobs_to_run: list[Job] = []
    if not _anything_to_grade(paths):
        return [], {}
    previous = previous_records(out)  # the last run into `out`: unchanged files keep their results
    with tempfile.TemporaryDirectory(prefix="medialit-cells-") as folder:

        def prepare_all() -> None:  # runs while the worker warms up
            submissions[:] = find_submissions(paths)
            rows[:] = [None] * len(submissions)
            _warm_up()
            for index, sub in enumerate(submissions):
                kept, digest, change = reuse(previous, sub)
                if kept is not None:
                    rows[index] = kept
                    continue
                prepared = _prepare(index, sub, folder)
                row = prepared if isinstance(prepared, Row) else prepared[0]
                row.sha256, row.change = digest, change
                if isinstance(prepared, Row):
                    rows[index] = prepared
                    continue
                row, job, saved = prepared
                waiting[index] = (row, saved)
                jobs_to_run.append(job)
            if on_prepared:
                on_prepared()

        runner = Runner(
            jobs=jobs, timeout=timeout, memory_mb=memory_mb, private=_private_folders(paths, out), mode=mode
        )
        try:
            runner.start(while_waiting=prepare_all)
        except MedialitError as exc:
            if not submissions or len(waiting) + sum(r is not None for r in rows) < len(submissions):
                prepare_all()
            for index, (row, _saved) in waiting.items():
                row.status, row.detail = "crashed", f"Not run: {exc.message}"
                rows[index] = row
            return [r for r in rows if r is not None], {"error": exc.message}
        with runner:
            isolation = runner.isolation
            if on_ready:
                on_ready(isolation, len(submissions))
            if on_row:
                for ready in rows:
                    if ready is not None:
                        on_row(ready)
            for job, outcome in runner.run(jobs_to_run):
                row, saved = waiting.pop(job.key)
                rows[job.key] = _finish(row, outcome, saved)
                with contextlib.suppress(OSError):
                    job.cells.unlink()
                if on_row:
                    on_row(rows[job.key])
    return [r for r in rows if r is not None], isolation
