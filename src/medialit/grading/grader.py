"""Grade a class: read each submission (read-only), run it sandboxed, score it here.

>>> Row(student="ana", file=Path("ana.ipynb"), status="invalid-notebook").score is None
True
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answers import saved_answers
from ._discover import Submission, find_submissions
from ._record import previous_records, reuse
from .runner import Job, Outcome, Runner

__all__ = ["MAX_NOTEBOOK_BYTES", "Row", "answers_saved_in", "grade", "read_notebook"]

MAX_NOTEBOOK_BYTES = 100 * 1024 * 1024


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


def read_notebook(path: Path, *, follow_links: bool = True) -> dict[str, Any]:
    """Read a notebook file read-only as plain JSON data; raise ``_Invalid`` with a friendly reason.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".ipynb") as f:
    ...     try:
    ...         read_notebook(Path(f.name))
    ...     except Exception as exc:
    ...         print(exc)
    The file is empty.
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    )  # a FIFO must not hang us
    flags |= 0 if follow_links else getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _Invalid(f"The file could not be opened ({exc.strerror}).") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Invalid("This is not a regular file (a pipe, device or folder), so it was not read.")
        size = info.st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise _Invalid(f"The file is too large to be a notebook ({size >> 20} MB).")
        data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Invalid(_describe_bytes(data)) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        if isinstance(nb, dict) and "worksheets" in nb:
            raise _Invalid("The notebook uses an old format (version 3). Open and save it in Jupyter.")
        raise _Invalid("The file is JSON but not a Jupyter notebook (it has no cells).")
    return nb


def _prepare(index: int, sub: Submission) -> Row | tuple[Row, Job, dict[str, Any]]:
    from medialit import exercises

    row = Row(student=sub.student, file=sub.path, status="invalid-notebook")
    if sub.is_link:
        row.detail = "The file is a link, not a real file, so it was not graded."
        return row
    try:
        nb = read_notebook(sub.path, follow_links=True)
    except _Invalid as exc:
        row.detail = str(exc)
        return row
    set_id = exercises.identify_notebook(nb)
    if set_id is None:
        row.status = "not-an-exercise"
        row.detail = "This notebook is not one of the exercise sets (was the wrong file handed in?)."
        return row
    row.exercise = set_id
    names = exercises.answer_names(set_id)
    saved = answers_saved_in(nb, set_id, names)
    del nb
    return row, Job(key=index, path=sub.path, names=names), saved


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
    row.result = exercises.score_set(row.exercise, answers)
    row.score, row.max_score = row.result.total, row.result.max_total
    row.seconds = outcome.seconds
    row.cpu = outcome.cpu
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


def _safe_to_hide(paths: list[Path]) -> list[Path]:
    """Drop folders that hold Python or the kit (hiding them would break every submission).

    >>> import sys
    >>> [p.name for p in _safe_to_hide([Path("/"), Path(sys.prefix) / "no-such-thing"])]
    ['no-such-thing']
    """
    from ._sandbox import needed_paths

    needed = [Path(p) for p in needed_paths()]
    keep = []
    for path in paths:
        absolute = Path(os.path.abspath(path))
        if not any(n == absolute or absolute in n.parents for n in needed):
            keep.append(absolute)
    return keep


def grade(
    paths: list[Path],
    *,
    out: Path | None = None,
    jobs: int = 2,
    timeout: float = 60.0,
    memory_mb: int = 2048,
    on_row: Callable[[Row], None] | None = None,
    on_ready: Callable[[dict[str, Any], int], None] | None = None,
    mode: str = "auto",
) -> tuple[list[Row], dict[str, Any]]:
    """Grade every submission under ``paths``; return the rows (in discovery order) and the isolation.

    ``out`` (the output folder) is hidden from submissions like the submissions themselves.
    """
    submissions = find_submissions(paths)
    rows: list[Row | None] = [None] * len(submissions)
    waiting: dict[int, tuple[Row, dict[str, Any]]] = {}
    jobs_to_run: list[Job] = []
    if not submissions:
        return [], {}
    previous = previous_records(out)  # the last run into `out`: unchanged files keep their results

    def prepare_all() -> None:  # runs while the worker warms up
        _warm_up()
        for index, sub in enumerate(submissions):
            kept, digest, change = reuse(previous, sub)
            if kept is not None:
                rows[index] = kept
                continue
            prepared = _prepare(index, sub)
            row = prepared if isinstance(prepared, Row) else prepared[0]
            row.sha256, row.change = digest, change
            if isinstance(prepared, Row):
                rows[index] = prepared
                continue
            row, job, saved = prepared
            waiting[index] = (row, saved)
            jobs_to_run.append(job)

    hide = [s.path for s in submissions] + [p for p in paths if p.is_dir()]
    if out is not None:
        hide.append(out)
    hide = _safe_to_hide(hide)
    runner = Runner(jobs=jobs, timeout=timeout, memory_mb=memory_mb, hide=hide, mode=mode)
    runner.start(while_waiting=prepare_all)  # reading and recognising notebooks overlaps the worker's start
    with runner:
        isolation = runner.isolation
        if on_ready:
            on_ready(isolation, len(submissions))
        if on_row:
            for row in rows:
                if row is not None:
                    on_row(row)
        for job, outcome in runner.run(jobs_to_run):
            row, saved = waiting.pop(job.key)
            rows[job.key] = _finish(row, outcome, saved)
            if on_row:
                on_row(rows[job.key])
    return [r for r in rows if r is not None], isolation
