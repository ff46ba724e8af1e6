"""What every rule returns: a share of the points, a verdict, feedback, and a line per item.

>>> r = Result.of(0.5, "Half right.")
>>> r.verdict, r.mark, r.percent
('partly', '½', 50)
>>> Result.unanswered("Nothing yet.").fraction
0.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._style import TONES

__all__ = [
    "CORRECT",
    "MARKS",
    "NOT_YET",
    "OPEN",
    "PARTLY",
    "UNANSWERED",
    "VERDICTS",
    "VERDICT_TONES",
    "WRONG_SHAPE",
    "Item",
    "Result",
    "Shape",
    "fmt",
    "plural",
    "verdict_colour",
]

CORRECT = "correct"
PARTLY = "partly"
NOT_YET = "not yet"
UNANSWERED = "unanswered"
WRONG_SHAPE = "wrong shape"
OPEN = "open"
VERDICTS = (CORRECT, PARTLY, NOT_YET, UNANSWERED, WRONG_SHAPE, OPEN)
#: A text sign per verdict, so that colour is never the only signal.
MARKS = {CORRECT: "✓", PARTLY: "½", NOT_YET: "✗", UNANSWERED: "…", WRONG_SHAPE: "?", OPEN: "✎"}
#: The tone (see ``medialit._style.TONES``) each verdict is shown in.
VERDICT_TONES = {
    CORRECT: "right",
    PARTLY: "missed",
    NOT_YET: "wrong",
    UNANSWERED: "muted",
    WRONG_SHAPE: "other",
    OPEN: "info",
}


def verdict_colour(verdict: str) -> str:
    """The colour a verdict is shown in (always beside its mark and its word).

    >>> verdict_colour("correct")
    '#009E73'
    """
    return TONES[VERDICT_TONES.get(verdict, "muted")]


class Shape(Exception):
    """Raised inside a rule when an answer has the wrong shape; the message says the right one."""


@dataclass(frozen=True)
class Item:
    """One line of detailed feedback: a target found or missed, a box right or wrong, a stray mark.

    ``credit`` is the share this item earned (1, 0.75, 0.5, 0), ``None`` when it was not answered or
    there is nothing to compare with, and ``-1`` for a stray mark that costs a share.
    """

    label: str
    credit: float | None
    message: str
    id: str = ""

    @property
    def mark(self) -> str:
        """✓ for a full share, ½ for part of one, ✗ for none or a cost, ? when not judged."""
        if self.credit is None:
            return "?"
        if self.credit >= 1:
            return "✓"
        return "½" if self.credit > 0 else "✗"

    @property
    def tone(self) -> str:
        """The tone the item is shown in (with its mark)."""
        return {"✓": "right", "½": "missed", "✗": "wrong"}.get(self.mark, "muted")


@dataclass(frozen=True)
class Result:
    """The outcome of one rule on one answer: ``fraction`` of the points (0 to 1) and why."""

    fraction: float
    verdict: str
    feedback: str
    items: tuple[Item, ...] = field(default=())
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, fraction: float, feedback: str, items: tuple[Item, ...] = (), **extra: Any) -> Result:
        """A result whose verdict follows from the fraction: 1 correct, above 0 partly, 0 not yet."""
        fraction = min(1.0, max(0.0, float(fraction)))
        verdict = CORRECT if fraction >= 1 else PARTLY if fraction > 0 else NOT_YET
        return cls(fraction, verdict, feedback, tuple(items), extra)

    @classmethod
    def unanswered(cls, feedback: str, items: tuple[Item, ...] = ()) -> Result:
        """Nothing given yet: no points."""
        return cls(0.0, UNANSWERED, feedback, tuple(items))

    @classmethod
    def wrong_shape(cls, feedback: str) -> Result:
        """An answer the rule cannot read: no points, and the feedback says the right shape."""
        return cls(0.0, WRONG_SHAPE, feedback)

    @property
    def mark(self) -> str:
        """The verdict's text sign (✓ ½ ✗ … ? ✎)."""
        return MARKS.get(self.verdict, "?")

    @property
    def percent(self) -> int:
        """The fraction as a whole percentage."""
        return round(100 * self.fraction)


def fmt(x: float | None) -> str:
    """A number as people write it: ``2`` not ``2.0``, ``1.5``, ``0.33``; ``-`` for None.

    >>> fmt(2.0), fmt(1.5), fmt(None), fmt(1 / 3)
    ('2', '1.5', '-', '0.33')
    """
    if x is None:
        return "-"
    x = round(float(x), 2)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """``n`` and the word, in the plural unless ``n`` is 1.

    >>> plural(1, "mark"), plural(3, "mark"), plural(2, "box", "boxes")
    ('1 mark', '3 marks', '2 boxes')
    """
    return f"{fmt(n)} {word if n == 1 else (many or word + 's')}"
