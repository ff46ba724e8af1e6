"""What the marking page shows and saves: the class's open answers, question by question.

A :class:`MarkingSession` reads a grades folder (``answers.jsonl`` from ``medialit grade``, the
marks so far in ``marks.json``), lists each open question of each set with its rubric and sample
answers, and the answers to it in a fixed shuffled order labelled "Answer 1", "Answer 2", ... (the
order does not follow the names, which stay hidden unless asked for). Saving a mark writes
``marks.json`` at once; the gradebook and feedback pages are refreshed shortly after (and when the
session closes).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import MedialitError
from .._record import RECORD_NAME, rows_from_records
from .._samples import samples_for
from ..marks import (
    LEVEL_POINTS,
    LEVELS,
    MAX_COMMENT,
    Mark,
    MarkStore,
    answer_sha256,
    answer_text,
    counted_rows,
    is_blank,
    merge_marks,
    open_max,
)

__all__ = ["Item", "MarkingSession"]


@dataclass(frozen=True)
class Item:
    """One answer to mark."""

    key: str
    label: str
    student: str
    exercise: str
    question: str
    text: str
    sha256: str


def _item_key(student: str, exercise: str, question: str) -> str:
    return hashlib.sha256(f"{student}\0{exercise}\0{question}".encode()).hexdigest()[:20]


class MarkingSession:
    """The marking state of one grades folder.

    ``refresh_delay`` seconds after the last saved mark, ``gradebook.csv`` and the feedback pages
    are written again with the marks merged in (``None``: only when :meth:`close` is called).
    """

    def __init__(
        self, grades: Path, *, solutions: Path | None = None, refresh_delay: float | None = 2.0
    ) -> None:
        self.grades = Path(grades)
        if not (self.grades / RECORD_NAME).is_file():
            raise MedialitError(
                f"{self.grades} has no {RECORD_NAME}, so there are no answers to mark.",
                hint=f"Grade the class first: medialit grade SUBMISSIONS --out {self.grades}",
            )
        self.store = MarkStore(self.grades)
        self.rows = rows_from_records(self.grades)
        self.solutions = solutions
        self.refresh_delay = refresh_delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._dirty = False
        self.items: dict[tuple[str, str], list[Item]] = {}
        self.blanks: dict[tuple[str, str], int] = {}
        self._by_key: dict[str, Item] = {}
        self._build()

    def _build(self) -> None:
        from medialit import exercises

        for (student, set_id), row in sorted(counted_rows(self.rows).items()):
            for question in exercises.get_set(set_id).questions:
                if question.auto:
                    continue
                where = (set_id, question.id)
                self.items.setdefault(where, [])
                self.blanks.setdefault(where, 0)
                answer = row.answers.get(question.id)
                if is_blank(answer):
                    self.blanks[where] += 1
                    continue
                key = _item_key(student, set_id, question.id)
                text = answer_text(answer)
                self.items[where].append(
                    Item(key, "", student, set_id, question.id, text, answer_sha256(answer))
                )
        for where, items in self.items.items():
            items.sort(key=lambda i: hashlib.sha256(f"{where}\0{i.student}".encode()).hexdigest())
            self.items[where] = [
                Item(i.key, f"Answer {n}", i.student, i.exercise, i.question, i.text, i.sha256)
                for n, i in enumerate(items, start=1)
            ]
            for item in self.items[where]:
                self._by_key[item.key] = item

    # -- what the page reads -----------------------------------------------------------------
    def _mark_state(self, item: Item) -> dict[str, Any]:
        mark = self.store.get(item.student, item.exercise, item.question)
        if mark is None:
            return {"levels": [], "comment": "", "stale": False, "complete": False, "points": None}
        from medialit import exercises

        question = exercises.get_set(item.exercise).question(item.question)
        criteria = tuple(c["criterion"] for c in question.rubric)
        stale = mark.answer_sha256 != item.sha256 or mark.criteria != criteria
        levels = list(mark.levels) if mark.criteria == criteria else []
        return {
            "levels": levels,
            "comment": mark.comment,
            "stale": stale,
            "complete": mark.complete and not stale,
            "points": mark.points if not stale else None,
        }

    def questions(self) -> list[dict[str, Any]]:
        """Every open question with its rubric, samples and progress, in set order."""
        from medialit import exercises

        listed = []
        for (set_id, question_id), items in sorted(self.items.items()):
            exercise_set = exercises.get_set(set_id)
            question = exercise_set.question(question_id)
            marked = sum(1 for i in items if self._mark_state(i)["complete"])
            listed.append(
                {
                    "id": f"{set_id}.{question_id}",
                    "exercise": set_id,
                    "question": question_id,
                    "number": question.number,
                    "title": question.title,
                    "set_title": exercise_set.title,
                    "prompt": question.prompt,
                    "rubric": [dict(c) for c in question.rubric],
                    "max_points": open_max(question),
                    "samples": samples_for(set_id, question_id, self.solutions),
                    "model_answer": str(question.spec.get("model_answer", "")).strip(),
                    "count": len(items),
                    "marked": marked,
                    "blank": self.blanks.get((set_id, question_id), 0),
                }
            )
        return listed

    def answers(self, exercise: str, question: str, *, names: bool = False) -> list[dict[str, Any]]:
        """The answers to one question in marking order; the student's name only if ``names``."""
        items = self.items.get((exercise, question))
        if items is None:
            raise KeyError(f"{exercise}.{question}")
        listed = []
        for item in items:
            entry = {"key": item.key, "label": item.label, "text": item.text, "mark": self._mark_state(item)}
            if names:
                entry["student"] = item.student
            listed.append(entry)
        return listed

    # -- what the page saves -----------------------------------------------------------------
    def save(self, key: str, levels: Any, comment: Any) -> dict[str, Any]:
        """Save the mark for one answer; return its new state and the question's progress."""
        from medialit import exercises

        item = self._by_key.get(str(key))
        if item is None:
            raise KeyError("unknown answer")
        question = exercises.get_set(item.exercise).question(item.question)
        criteria = tuple(c["criterion"] for c in question.rubric)
        if not isinstance(levels, list) or len(levels) != len(criteria):
            raise ValueError(f"give one level per criterion ({len(criteria)})")
        if not all(level is None or (isinstance(level, str) and level in ("", *LEVELS)) for level in levels):
            raise ValueError("a level must be beginning, emerging or mastery")
        clean = tuple(level if level in LEVEL_POINTS else "" for level in levels)
        if comment is None:
            comment = ""
        if not isinstance(comment, str):
            raise ValueError("the comment must be text")
        with self._lock:
            self.store.put(
                Mark(
                    student=item.student,
                    exercise=item.exercise,
                    question=item.question,
                    levels=clean,
                    criteria=criteria,
                    answer_sha256=item.sha256,
                    comment=comment[:MAX_COMMENT],
                )
            )
            self._schedule_refresh()
        items = self.items[(item.exercise, item.question)]
        return {
            "mark": self._mark_state(item),
            "marked": sum(1 for i in items if self._mark_state(i)["complete"]),
            "count": len(items),
        }

    # -- keeping the reports in step ---------------------------------------------------------
    def _schedule_refresh(self) -> None:
        self._dirty = True
        if self.refresh_delay is None:
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(self.refresh_delay, self.refresh_reports)
        self._timer.daemon = True
        self._timer.start()

    def refresh_reports(self) -> None:
        """Write ``gradebook.csv``, ``details.csv`` and the feedback pages again, with the marks."""
        from ..report import write_feedback, write_gradebook

        with self._lock:
            self._dirty = False
            rows = rows_from_records(self.grades)  # medialit grade may have run meanwhile
            merged = merge_marks(rows, self.grades, self.store)
            write_gradebook(merged, self.grades)
            write_feedback(merged, self.grades)

    def close(self) -> None:
        """Stop the refresh timer and write the reports one last time if marks changed."""
        if self._timer is not None:
            self._timer.cancel()
        if self._dirty:
            self.refresh_reports()

    def progress(self) -> str:
        """One line per question: how many answers are marked."""
        lines = []
        for q in self.questions():
            lines.append(
                f"  {q['id']:<8} {q['marked']:>3} of {q['count']:<3} marked"
                + (f"  ({q['blank']} blank: 0 points)" if q["blank"] else "")
            )
        return "\n".join(lines)
