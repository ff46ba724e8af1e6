"""``answers.jsonl``: what each run of ``medialit grade`` found, as data, one line per submission.

Every line holds the student, the exercise, the file and the SHA-256 of its bytes, the status and
every answer the grader extracted (plain JSON); for a set generated for a teacher's own article, also
the folder of that set (``set_folder``), so that whatever reads the record (marking, the exports, the
returns, the next run) finds the set again without being told where it is. Marking (:mod:`.marks`),
the exports and the returned feedback are built on this record, never on the notebooks; and a second
``medialit grade`` into the same ``--out`` folder uses it to skip submissions whose bytes did not
change (their answers are scored again from the record, which is instant and picks up a corrected
answer key, and their marks stay).

>>> rec = {"student": "ana", "exercise": "ex01", "file": "/c/ana/ex01.ipynb", "sha256": "ab",
...        "status": "ok", "answers": {"q1": "B"}}
>>> row = row_from_record(rec)
>>> row.student, row.exercise, row.result.questions[0].verdict
('ana', 'ex01', 'correct')
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import replacing

if TYPE_CHECKING:  # pragma: no cover
    from ._discover import Submission
    from .grader import Row

__all__ = [
    "RECORD_NAME",
    "describe_changes",
    "file_sha256",
    "load_records",
    "previous_records",
    "reuse",
    "row_from_record",
    "rows_from_records",
    "write_records",
]

RECORD_NAME = "answers.jsonl"
_MAX_RECORD_BYTES = 200 * 1024 * 1024
_RERUN = ("timeout", "memory", "crashed")  # stopped early: worth running again even if unchanged


def _kit_version() -> str:
    from medialit import __version__

    return __version__


def file_sha256(path: Path, *, limit: int = 100 * 1024 * 1024) -> str:
    """SHA-256 of a regular file's bytes (read-only, links not followed); ``""`` if it cannot be read.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     _ = f.write(b"abc"); f.flush()
    ...     file_sha256(Path(f.name))[:12]
    'ba7816bf8f01'
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return ""
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return ""
        read = 0
        while chunk := handle.read(1 << 20):
            read += len(chunk)
            if read > limit:
                return ""
            digest.update(chunk)
    return digest.hexdigest()


def _json_default(value: Any) -> Any:
    from ._answers import _json_default as encode_unreadable

    return encode_unreadable(value)


def _plain(value: Any) -> Any:
    """``value`` as JSON data (an answer that cannot be written becomes None)."""
    try:
        return json.loads(json.dumps(value, default=_json_default, allow_nan=False))
    except (TypeError, ValueError, RecursionError):
        return None


def _record(row: Row) -> dict[str, Any]:
    return {
        "student": row.student,
        "exercise": row.exercise,
        "file": str(row.file),
        "sha256": getattr(row, "sha256", ""),
        "status": row.status,
        "detail": row.detail,
        "seconds": round(row.seconds, 3),
        "cpu": round(row.cpu, 3),
        "missing": list(row.missing),
        "answers": {str(k): _plain(v) for k, v in (getattr(row, "answers", None) or {}).items()},
        "kit": _kit_version(),
        **({"set_folder": folder} if (folder := _set_folder(row.exercise)) else {}),
    }


def _set_folder(set_id: str) -> str:
    """The folder of a generated set (``sets/<set id>/``), '' for the kit's own sets."""
    from ..exercises import _course, get_set

    if not set_id or not _course.is_generated_id(set_id):
        return ""
    try:
        path = get_set(set_id).path
    except Exception:  # a set that no longer loads: nothing to point at
        return ""
    return str(path.parent) if path is not None else ""


def _find_sets_of(records: list[dict[str, Any]]) -> None:
    """Search the generated sets' folders the records name (those that still exist) from now on."""
    from ..exercises import _course

    for folder in {r.get("set_folder") for r in records}:
        if isinstance(folder, str) and folder and os.path.isdir(folder):
            _course.register(folder)


def write_records(rows: list[Row], out: Path) -> Path:
    """Write ``out/answers.jsonl`` atomically, one JSON line per row, in the rows' order."""
    path = out / RECORD_NAME
    with replacing(path) as handle:
        for row in rows:
            # ASCII: a file name that is not valid UTF-8 keeps its bytes as \\udcXX escapes
            handle.write(json.dumps(_record(row)) + "\n")
    return path


_FIELDS = {"student": str, "exercise": str, "file": str, "sha256": str, "status": str}


def load_records(out: Path) -> list[dict[str, Any]]:
    """The records in ``out/answers.jsonl`` (``[]`` when there is none); damaged lines are skipped.

    The folders of the generated sets they name are searched for sets from then on
    (:func:`medialit.exercises._course.register`).

    >>> load_records(Path("/no/such/folder"))
    []
    """
    path = Path(out) / RECORD_NAME
    try:
        if path.stat().st_size > _MAX_RECORD_BYTES:
            return []
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    records = []
    for line in lines:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict):
            continue
        if not all(isinstance(record.get(k), t) for k, t in _FIELDS.items()):
            continue
        if not isinstance(record.get("answers"), dict):
            record["answers"] = {}
        records.append(record)
    _find_sets_of(records)
    return records


def previous_records(out: Path | None) -> dict[tuple[str, str], dict[str, Any]]:
    """The last run's records in ``out``, by ``(student, file)``; ``{}`` without one."""
    if out is None:
        return {}
    return {(r["student"], r["file"]): r for r in load_records(out)}


def row_from_record(record: dict[str, Any], *, change: str = "") -> Row:
    """A gradebook row rebuilt from a record: its answers are scored again (pure and instant)."""
    from medialit import exercises

    from ._answers import _restore
    from .grader import Row

    answers = {k: _restore(v) for k, v in record.get("answers", {}).items()}
    row = Row(
        student=record["student"],
        file=Path(record["file"]),
        status=record["status"],
        exercise=record.get("exercise", ""),
        detail=str(record.get("detail", "")),
        seconds=float(record.get("seconds", 0) or 0),
        cpu=float(record.get("cpu", 0) or 0),
        missing=[str(m) for m in record.get("missing", []) if isinstance(m, str)],
    )
    row.sha256 = record.get("sha256", "")
    row.answers = answers
    row.change = change
    if row.exercise and row.exercise in exercises.list_sets():
        row.result = exercises.score_set(row.exercise, answers)
        row.score, row.max_score = row.result.total, row.result.max_total
    elif row.exercise:  # a set that no longer exists: keep the row, without scores
        row.exercise, row.status = "", "not-an-exercise"
    return row


def rows_from_records(out: Path) -> list[Row]:
    """Every row of the last ``medialit grade`` into ``out``, scored again from its answers."""
    return [row_from_record(r) for r in load_records(out)]


def reuse(previous: dict[tuple[str, str], dict[str, Any]], sub: Submission) -> tuple[Row | None, str, str]:
    """``(kept row or None, sha256, change)`` for one submission before it is graded.

    ``change`` is ``"new"`` (not in the last run), ``"changed"`` (other bytes) or ``"unchanged"``.
    An unchanged submission's row is rebuilt from the record instead of running it again, unless
    its last run stopped early (time, memory, crash) or an other kit version graded it.
    """
    digest = "" if sub.problem else file_sha256(sub.path)  # a refused file (a link, ...) is not read
    before = previous.get((sub.student, str(sub.path)))
    if before is None:
        return None, digest, "new"
    if not digest or before.get("sha256") != digest:
        return None, digest, "changed"
    if before.get("status") in _RERUN or before.get("kit") != _kit_version():
        return None, digest, "unchanged"
    return row_from_record(before, change="unchanged"), digest, "unchanged"


def describe_changes(rows: list[Row]) -> str:
    """One line for the terminal: how many submissions were new, changed and unchanged.

    >>> from types import SimpleNamespace as R
    >>> describe_changes([R(change="new"), R(change="unchanged"), R(change="unchanged")])
    'Since the last run: 1 new, 0 changed, 2 unchanged (kept with their results and marks).'
    """
    counts = Counter(getattr(r, "change", "") or "new" for r in rows)
    return (
        f"Since the last run: {counts['new']} new, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged (kept with their results and marks)."
    )
