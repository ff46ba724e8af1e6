"""The teacher's marks for open questions: stored as they are made, merged into every report.

A mark is one level per rubric criterion (``beginning``, ``emerging`` or ``mastery``) and an
optional comment for the student. Points: **beginning 0, emerging 1, mastery 2 per criterion**, so
an open question with three criteria is worth 6 points (:data:`LEVEL_POINTS`, ``docs/roundtrip.md``).
An unanswered open question gets 0 points without being marked.

Marks live in ``<grades>/marks.json``, written atomically (a temporary file, ``fsync``, rename) on
every change, under a file lock, so a crash or a killed marking server loses nothing and two
marking sessions on the same folder do not overwrite each other. A mark remembers the SHA-256 of
the answer it was given for: if the student's answer changes (a new submission), the old mark is
kept but not applied, and the marking page shows it as "changed since you marked it".

>>> from medialit.exercises import get_set
>>> q = get_set("ex01").question("q9")
>>> open_max(q), mark_points(("mastery", "emerging", "beginning"))
(6.0, 3.0)
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import replacing

if TYPE_CHECKING:  # pragma: no cover
    from medialit.exercises import Question

    from .grader import Row

__all__ = [
    "LEVELS",
    "LEVEL_POINTS",
    "MARKS_NAME",
    "Mark",
    "MarkStore",
    "answer_sha256",
    "answer_text",
    "counted_rows",
    "is_blank",
    "mark_points",
    "merge_marks",
    "open_max",
]

LEVELS = ("beginning", "emerging", "mastery")
LEVEL_POINTS = {"beginning": 0.0, "emerging": 1.0, "mastery": 2.0}
MARKS_NAME = "marks.json"
_FORMAT = "medialit-marks"
MAX_COMMENT = 2000


def open_max(question: Question) -> float:
    """The points an open question is worth: 2 per rubric criterion."""
    return LEVEL_POINTS["mastery"] * len(question.rubric)


def mark_points(levels: tuple[str, ...] | list[str]) -> float:
    """The points of a complete set of levels.

    >>> mark_points(["mastery", "mastery"])
    4.0
    """
    return float(sum(LEVEL_POINTS[level] for level in levels))


def is_blank(answer: Any) -> bool:
    """True for an unanswered open question (nothing, ``...``, or only spaces).

    >>> is_blank(None), is_blank("  "), is_blank("..."), is_blank("An answer")
    (True, True, True, False)
    """
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if answer is None or answer is Ellipsis:
        return True
    return isinstance(answer, str) and answer.strip() in ("", "...", "Ellipsis")


def answer_text(answer: Any) -> str:
    """The answer as the text a teacher reads (a value that is not text is shown as data).

    >>> answer_text(["Background goes low."]), answer_text({"a": 1})
    ('Background goes low.', '{"a": 1}')
    """
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if isinstance(answer, str):
        return answer.replace("\r\n", "\n").strip()
    what = getattr(answer, "what", None)
    if isinstance(what, str):
        return f"(an answer that could not be read: {what})"
    try:
        return json.dumps(answer, ensure_ascii=False)[:20000]
    except (TypeError, ValueError):
        return repr(answer)[:20000]


def answer_sha256(answer: Any) -> str:
    """Fingerprint of an answer's text (spaces at the ends and line endings do not count).

    >>> answer_sha256("News first.\\r\\n") == answer_sha256("News first.")
    True
    """
    return hashlib.sha256(answer_text(answer).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mark:
    """The teacher's mark for one student's answer to one open question.

    ``levels`` has one entry per rubric criterion, in the rubric's order (``""`` for a criterion
    not marked yet); ``criteria`` are the criteria's names when it was marked.
    """

    student: str
    exercise: str
    question: str
    levels: tuple[str, ...]
    criteria: tuple[str, ...]
    answer_sha256: str
    comment: str = ""
    marked_at: str = ""

    @property
    def complete(self) -> bool:
        """Every criterion has a level."""
        return bool(self.levels) and all(level in LEVEL_POINTS for level in self.levels)

    @property
    def points(self) -> float | None:
        """Points when complete, else None."""
        return mark_points(self.levels) if self.complete else None

    def applies_to(self, question: Question, answer: Any) -> bool:
        """Complete, for this very answer, and the rubric's criteria unchanged since."""
        return (
            self.complete
            and self.answer_sha256 == answer_sha256(answer)
            and self.criteria == tuple(c["criterion"] for c in question.rubric)
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``marks.json``."""
        data = dataclasses.asdict(self)
        data["levels"], data["criteria"] = list(self.levels), list(self.criteria)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Mark | None:
        """A mark from ``marks.json`` data, or None if the entry is damaged."""
        try:
            levels = tuple(str(x) if x in LEVEL_POINTS else "" for x in data["levels"])
            return cls(
                student=str(data["student"]),
                exercise=str(data["exercise"]),
                question=str(data["question"]),
                levels=levels,
                criteria=tuple(str(c) for c in data.get("criteria", ())),
                answer_sha256=str(data.get("answer_sha256", "")),
                comment=str(data.get("comment", ""))[:MAX_COMMENT],
                marked_at=str(data.get("marked_at", "")),
            )
        except (KeyError, TypeError, AttributeError):
            return None

    @property
    def key(self) -> tuple[str, str, str]:
        """``(student, exercise, question)``."""
        return (self.student, self.exercise, self.question)


class MarkStore:
    """The marks of one grades folder (``<grades>/marks.json``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     store = MarkStore(Path(d))
    ...     _ = store.put(Mark("ana", "ex01", "q9", ("mastery",), ("Evidence",), "ab"))
    ...     MarkStore(Path(d)).get("ana", "ex01", "q9").levels
    ('mastery',)
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / MARKS_NAME
        self._marks: dict[tuple[str, str, str], Mark] = {}
        self.reload()

    def reload(self) -> None:
        """Read ``marks.json`` again (a missing file is no marks; a damaged one is refused)."""
        self._marks = self._read()

    def _read(self) -> dict[tuple[str, str, str], Mark]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            from ..errors import MedialitError

            raise MedialitError(
                f"{self.path} is damaged (not valid JSON), so no marks were changed.",
                hint="Restore it from a backup, or move it away to start marking again.",
            ) from None
        entries = data.get("marks", []) if isinstance(data, dict) else []
        marks = (Mark.from_dict(e) for e in entries if isinstance(e, dict))
        return {m.key: m for m in marks if m is not None}

    def get(self, student: str, exercise: str, question: str) -> Mark | None:
        """The mark for this answer, if any."""
        return self._marks.get((student, exercise, question))

    def all(self) -> list[Mark]:
        """Every mark, in a stable order."""
        return [self._marks[k] for k in sorted(self._marks)]

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".marks.lock", "a") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def put(self, mark: Mark) -> Mark:
        """Save one mark (replacing the earlier one for the same answer); durable on return."""
        stamped = dataclasses.replace(
            mark,
            comment=mark.comment[:MAX_COMMENT],
            marked_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        )
        with self._locked():
            marks = self._read()  # another marking session may have saved meanwhile
            marks[stamped.key] = stamped
            self._write(marks)
            self._marks = marks
        return stamped

    def _write(self, marks: dict[tuple[str, str, str], Mark]) -> None:
        payload = {
            "format": _FORMAT,
            "version": 1,
            "points": {"per criterion": LEVEL_POINTS},
            "marks": [marks[k].to_dict() for k in sorted(marks)],
        }
        with replacing(self.path) as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)


def _levels_sentence(question: Question, mark: Mark) -> str:
    parts = []
    for criterion, level in zip(question.rubric, mark.levels, strict=False):
        parts.append(f"{criterion['criterion']}: {level} ({criterion[level]})")
    text = " ".join(f"{p}." if not p.endswith(".") else p for p in parts)
    if mark.comment.strip():
        text += f" Your teacher's comment: {mark.comment.strip()}"
    return text


def merge_marks(rows: list[Row], out: Path, store: MarkStore | None = None) -> list[Row]:
    """The rows with the teacher's marks in their open questions (new rows; the given ones unchanged).

    A marked open question gets ``points`` (0 to :func:`open_max`), ``max_points`` and, as its
    feedback, the level reached on each criterion and the comment. An unanswered one gets 0.
    Auto-graded questions and ``row.score`` (the auto-graded total) are left as they are.
    """
    from medialit import exercises

    store = store or MarkStore(out)
    merged = []
    for row in rows:
        if row.result is None or not row.exercise:
            merged.append(row)
            continue
        exercise_set = exercises.get_set(row.exercise)
        questions = []
        for result in row.result.questions:
            if result.auto:
                questions.append(result)
                continue
            question = exercise_set.question(result.question)
            answer = row.answers.get(result.question)
            mark = store.get(row.student, row.exercise, result.question)
            if is_blank(answer):
                result = dataclasses.replace(
                    result,
                    points=0.0,
                    max_points=open_max(question),
                    feedback="No answer was given, so this question has no points.",
                )
            elif mark is not None and mark.applies_to(question, answer):
                result = dataclasses.replace(
                    result,
                    points=mark.points,
                    max_points=open_max(question),
                    feedback=_levels_sentence(question, mark),
                )
            questions.append(result)
        merged.append(
            dataclasses.replace(row, result=dataclasses.replace(row.result, questions=tuple(questions)))
        )
    return merged


def counted_rows(rows: list[Row]) -> dict[tuple[str, str], Row]:
    """The submission that counts for each ``(student, exercise)``: the best auto-graded score
    (the later file on a tie). A student who handed in one set twice is graded on one of them.

    >>> from types import SimpleNamespace as R
    >>> a, b = R(student="ana", exercise="ex01", score=3.0), R(student="ana", exercise="ex01", score=5.0)
    >>> counted_rows([a, b])[("ana", "ex01")] is b
    True
    """
    best: dict[tuple[str, str], Row] = {}
    for row in rows:
        if not row.exercise or row.score is None:
            continue
        key = (row.student, row.exercise)
        if key not in best or (row.score or 0) >= (best[key].score or 0):
            best[key] = row
    return best
