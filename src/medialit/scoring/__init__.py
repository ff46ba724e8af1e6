"""One rule per kind of answer, used by every part of the kit that judges an answer.

The widgets' Check buttons, the student's ``check()`` and ``progress()``, ``medialit grade`` and its
feedback pages all call :func:`score`, so an answer gets the same verdict and the same share of the
points wherever it is checked. Each kind has one module holding its rule and the sentence that
explains it (:data:`RULES`; ``docs/scoring.md`` prints them all).

A rule takes a *spec* (plain data: the options, the targets taken from the answer key, ...) and an
answer (plain data), and returns a :class:`Result`. It never raises on an answer: junk gets the
verdict ``"wrong shape"`` and a sentence saying what shape is expected.

This layer reads only the article, the answer key and the word lists; it imports no widgets.

>>> score("choice", {"options": {"a": "x", "b": "y"}, "answer": "b"}, "b").verdict
'correct'
>>> score("number", {"answer": 1}, object()).verdict
'wrong shape'
>>> sorted(RULES)[:3]
['choice', 'date', 'dates']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import choice, dates, frames, labels, marks, match, number, paragraphs, quotes, short, timeline, verbs
from ._reference import Reference
from ._result import (
    CORRECT,
    MARKS,
    NOT_YET,
    OPEN,
    PARTLY,
    UNANSWERED,
    VERDICTS,
    WRONG_SHAPE,
    Item,
    Result,
    Shape,
    fmt,
    verdict_colour,
)
from ._values import Unreadable, is_blank, plain

__all__ = [
    "CORRECT",
    "KINDS",
    "MARKS",
    "NOT_YET",
    "OPEN",
    "PARTLY",
    "RULES",
    "UNANSWERED",
    "VERDICTS",
    "WIDGET_KINDS",
    "WRONG_SHAPE",
    "Item",
    "Reference",
    "Result",
    "fmt",
    "score",
    "verdict_colour",
]

#: kind -> (its rule, the sentence that explains it)
KINDS: dict[str, tuple[Callable[[dict[str, Any], Any], Result], str]] = {
    "choice": (choice.score, choice.RULE),
    "multi": (choice.score_multi, choice.RULE_MULTI),
    "paragraphs": (paragraphs.score, paragraphs.RULE),
    "match": (match.score, match.RULE),
    "short": (short.score, short.RULE),
    "number": (number.score, number.RULE),
    "date": (dates.score, dates.RULE),
    "dates": (dates.score_items, dates.RULE_ITEMS),
    "frames": (frames.score, frames.RULE),
    "marks": (marks.score, marks.RULE),
    "quotes": (quotes.score, quotes.RULE),
    "timeline": (timeline.score, timeline.RULE),
    "labels": (labels.score, labels.RULE),
    "verbs": (verbs.score, verbs.RULE),
}
#: kind -> the sentence that explains its rule (in words a 16-year-old follows)
RULES = {kind: rule for kind, (_, rule) in KINDS.items()}
#: widget function -> the kind of answer it gives
WIDGET_KINDS = {
    "highlighter": "marks",
    "quote_tracker": "quotes",
    "frame_check": "frames",
    "timeline": "timeline",
    "label_lens": "labels",
    "verb_swap": "verbs",
}


def score(kind: str, spec: dict[str, Any], answer: Any, *, blank: str = "Not answered yet.") -> Result:
    """Score ``answer`` by the rule of ``kind``. Never raises on an answer.

    The answer is first turned into plain data (:func:`~medialit.scoring._values.plain`); an empty
    answer is ``"unanswered"`` (with the ``blank`` sentence), an unreadable one ``"wrong shape"``.
    """
    rule = KINDS[kind][0]
    try:
        value = plain(answer)
        if is_blank(value):
            return Result.unanswered(blank)
        if isinstance(value, Unreadable):
            raise Shape(f"medialit cannot read {value!r} as an answer.")
        return rule(spec, value)
    except Shape as exc:
        return Result.wrong_shape(str(exc))
    except Exception:  # a bug in a rule must not break a student's notebook or a class's grading
        return Result.wrong_shape("medialit could not read this answer.")
