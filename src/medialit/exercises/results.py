"""Scoring a question or a whole set: the rule of the question's kind, applied to its spec.

The student's ``check()`` and ``progress()``, the widgets' Check buttons (for a question) and the
class grader all call :func:`score_question` or :func:`score_set`; the rules themselves are in
:mod:`medialit.scoring`. Scoring never raises on an answer.

>>> r = score_set("ex01", {"q1": None})
>>> r.questions[0].verdict
'unanswered'
>>> r.total
0.0
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .._style import Html, esc, html_table
from ..scoring import MARKS, OPEN, UNANSWERED, WRONG_SHAPE, Item, Result, fmt, score
from ..scoring._values import is_blank, plain
from ._model import ExerciseSet, Question, get_set

__all__ = ["SEALED_NOTE", "QuestionResult", "SetResult", "score_question", "score_set"]


@dataclass(frozen=True)
class QuestionResult:
    """The outcome for one question. ``points``/``max_points`` are None for open questions."""

    question: str
    number: str
    type: str
    auto: bool
    points: float | None
    max_points: float | None
    verdict: str
    feedback: str
    hint: str = ""
    title: str = ""
    rule: str = ""
    items: tuple[Item, ...] = field(default=(), repr=False)

    @property
    def mark(self) -> str:
        """A one-character text sign for the verdict (✓ ½ ✗ … ? ✎)."""
        return MARKS.get(self.verdict, "?")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON and CSV)."""
        return asdict(self)


@dataclass(frozen=True)
class SetResult:
    """The outcome for a whole set: one :class:`QuestionResult` per question, in order."""

    set_id: str
    questions: tuple[QuestionResult, ...]
    total: float
    max_total: float
    open: tuple[str, ...] = field(default=())

    def __getitem__(self, question_id: str) -> QuestionResult:
        for r in self.questions:
            if r.question == question_id:
                return r
        raise KeyError(question_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: set id, total, max, open question ids and one dict per question."""
        return {
            "set_id": self.set_id,
            "total": self.total,
            "max_total": self.max_total,
            "open": list(self.open),
            "questions": [r.to_dict() for r in self.questions],
        }

    def to_frame(self):  # -> pandas.DataFrame
        """One row per question (pandas DataFrame)."""
        import pandas as pd

        return pd.DataFrame([r.to_dict() for r in self.questions])

    def __str__(self) -> str:
        lines = [f"{self.set_id}: {fmt(self.total)} of {fmt(self.max_total)} points (auto-graded)"]
        for r in self.questions:
            pts = "teacher" if r.points is None else f"{fmt(r.points)}/{fmt(r.max_points)}"
            lines.append(f"  {r.mark} Question {r.number} ({r.question}) {r.verdict:<11} {pts}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            [
                f"Question {r.number}",
                r.title,
                Html(f"<span aria-hidden='true'>{esc(r.mark)}</span> {esc(r.verdict)}"),
                "teacher" if r.points is None else f"{fmt(r.points)} / {fmt(r.max_points)}",
            ]
            for r in self.questions
        ]
        caption = f"{self.set_id}: {fmt(self.total)} of {fmt(self.max_total)} points"
        return html_table(
            ["Question", "About", "Verdict", "Points"],
            rows,
            caption=caption,
            css_class="medialit-progress",
            align=("left", "left", "left", "right"),
        )


def _result(q: Question, result: Result) -> QuestionResult:
    max_points = q.points
    points = None if max_points is None else round(max_points * result.fraction, 2)
    show_hint = result.verdict in ("partly", "not yet", UNANSWERED)
    return QuestionResult(
        question=q.id,
        number=q.number,
        type=q.type,
        auto=q.auto,
        points=points,
        max_points=max_points,
        verdict=result.verdict,
        feedback=result.feedback,
        hint=q.hint if show_hint else "",
        title=q.title,
        rule=q.rule,
        items=result.items,
    )


def _open_result(q: Question, answer: Any) -> Result:
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if is_blank(answer):
        return Result.unanswered("Not answered yet: write your answer as text between the quotes.")
    if not isinstance(answer, str):
        return Result.wrong_shape('Write your answer as text in quotes, like """My answer ...""".')
    words = len(answer.split())
    least = int(q.spec.get("min_words", 0))
    note = f"Saved for your teacher ({words} word{'' if words == 1 else 's'}), who grades it with the rubric."
    if words < least:
        note += f" Aim for at least {least} words."
    return Result(0.0, OPEN, note)


def _unwrap(value: Any) -> Any:
    """A widget's own answer from a saved record (``{"question": ..., "answer": ...}``)."""
    if isinstance(value, dict) and "answer" in value and set(value) <= {"question", "answer", "version"}:
        return value["answer"]
    return value


_BLANK = {
    "widget": "Not answered yet: use the widget above to answer.",
    "open": "Not answered yet: write your answer as text between the quotes.",
}


#: What a sealed question (an assessed set whose answers are not in this copy of the kit) says
#: about a well-formed answer, instead of a verdict.
SEALED_NOTE = "Saved and well-formed — your teacher will mark it."
# the key that holds the student's work in each widget's answer
_WIDGET_SHAPES = {
    "marks": ("marks", list),
    "quotes": ("quotes", dict),
    "frames": ("items", dict),
    "timeline": ("dates", dict),
    "labels": ("ratings", dict),
    "verbs": ("records", list),
}
_SOME_DAY = "2000-01-01"


def _shape_spec(q: Question, value: Any) -> dict[str, Any]:
    """A stand-in spec with the question's public data and made-up answers, to check only the shape."""
    spec, kind = q.spec, q.kind
    options = spec.get("options") or {"a": ""}
    first = next(iter(options))
    if kind == "choice":
        return {"options": options, "answer": first}
    if kind == "multi":
        return {"options": options, "answer": [first]}
    if kind == "paragraphs":
        return {"answer": [0], "allow": [], "last_paragraph": spec.get("last_paragraph", 200)}
    if kind == "match":
        return {"options": options, "items": [{"text": "", "answer": first} for _ in spec.get("items", [])]}
    if kind == "short":
        return {"accept": ["\x00"]}
    if kind == "number":
        return {"answer": 0}
    if kind == "date":
        return {"answer": _SOME_DAY}
    if kind == "dates":
        return {"items": [{"text": "", "paragraph": 0, "answer": _SOME_DAY} for _ in spec.get("items", [])]}
    if kind == "frames":  # the asked items are unknown: one per item the answer gives
        given = value.get("items") if isinstance(value, dict) and isinstance(value.get("items"), dict) else value
        codes = list(given) if isinstance(given, dict) else []
        items = [{"frame": "", "item": str(c), "question": "", "answer": True, "evidence": [0]} for c in codes]
        return {"items": items, "last_paragraph": spec.get("last_paragraph", 200)}
    return {}


def _sealed_result(q: Question, value: Any) -> Result:
    """No verdict for a sealed question: unanswered, the wrong shape, or saved and well-formed."""
    if q.type == "open":  # never has a verdict anyway
        return _open_result(q, value)
    if q.kind == "frames" and not is_blank(value) and not isinstance(value, dict):
        return Result.wrong_shape(_SHAPE_HELP["frames"])
    if q.type == "widget":
        name, shape = _WIDGET_SHAPES.get(q.kind, ("", object))
        if is_blank(value) or (isinstance(value, dict) and is_blank(value.get(name))):
            return Result.unanswered(_BLANK["widget"])
        if not (isinstance(value, dict) and isinstance(value.get(name), shape)):
            return Result.wrong_shape(_SHAPE_HELP["widget"])
        return Result(0.0, OPEN, SEALED_NOTE)
    blank = "Not answered yet."
    result = score(q.kind, _shape_spec(q, value), value, blank=blank)
    if result.verdict in (UNANSWERED, WRONG_SHAPE):
        return result
    return Result(0.0, OPEN, SEALED_NOTE)


def score_question(question: Question, answer: Any) -> QuestionResult:
    """Score one answer to one question by the rule of its kind. Never raises on any answer.

    A question of a sealed set (its answers are not in this copy of the kit) gets no verdict: only
    "unanswered", "wrong shape", or "open" with :data:`SEALED_NOTE`.

    >>> q = get_set("ex01").question("q1")
    >>> score_question(q, {"nested": [object()]}).verdict
    'wrong shape'
    """
    try:
        value = _unwrap(plain(answer))
    except Exception:  # plain() never raises; this is belt and braces for a class's grading
        value = None
    if question.sealed:
        try:
            sealed = _sealed_result(question, value)
        except Exception:
            sealed = Result.wrong_shape("medialit could not read this answer.")
        return replace(_result(question, sealed), points=None, items=())
    if question.type == "open":
        return _result(question, _open_result(question, value))
    blank = _BLANK.get(question.type, "Not answered yet: replace the ... with your answer and run the cell.")
    result = score(question.kind, question.spec, value, blank=blank)
    if result.verdict == WRONG_SHAPE and result.feedback.startswith("medialit c"):
        help_ = _SHAPE_HELP.get(question.type, "")
        result = Result.wrong_shape(f"{result.feedback} {help_}".strip())
    return _result(question, result)


_SHAPE_HELP = {
    "choice": 'Answer with one option letter in quotes, like "b".',
    "multi": 'Answer with a list of option letters, like ["a", "c"].',
    "paragraphs": "Answer with a list of paragraph numbers, like [3, 5].",
    "short": 'Answer with text in quotes, like "a word".',
    "number": "Answer with a whole number, like 4.",
    "date": 'Answer with a date like "2021-12-14".',
    "dates": 'Answer with a dict like {1: "2021-12-14", 2: ...}.',
    "match": 'Answer with a dict like {1: "b", 2: "a"}.',
    "frames": 'Answer with a dict like {1: ("yes", [2, 5]), 2: ("no", [])}.',
    "widget": "Answer with the widget above.",
}


def _lookup(answers: dict, q: Question) -> Any:
    for name in (q.save_as, q.id, q.answer_name):
        if name in answers:
            return answers[name]
    return None


def score_set(set_id: str | ExerciseSet, answers: Any) -> SetResult:
    """Score a whole set. ``answers`` maps question id (or answer name) to plain data.

    Missing answers count as unanswered; ``answers`` that is not a dict counts as all unanswered.

    >>> r = score_set("ex01", {"q1": "junk", "q2": 12345})
    >>> [q.verdict for q in r.questions[:2]]
    ['wrong shape', 'wrong shape']
    """
    exercise_set = set_id if isinstance(set_id, ExerciseSet) else get_set(set_id)
    if not isinstance(answers, dict):
        answers = {}
    try:
        answers = {str(k): v for k, v in answers.items()}
    except Exception:
        answers = {}
    results = tuple(score_question(q, _lookup(answers, q)) for q in exercise_set.questions)
    total = round(sum(r.points or 0.0 for r in results if r.auto), 2)
    return SetResult(
        set_id=exercise_set.id,
        questions=results,
        total=total,
        max_total=exercise_set.max_points,
        open=tuple(q.id for q in exercise_set.questions if not q.auto),
    )
