"""Dates: one date or a span of days (``date``), and a date for each of several items (``dates``).

Dates are written year-month-day; "13 December 2021" and "Monday 13 Dec 2021" are read too.

>>> score({"answer": "2021-12-13"}, "13 December 2021").verdict
'correct'
>>> score({"answer": ["2021-12-06", "2021-12-12"]}, "2021-12-07").fraction
0.5
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ._parse import numbered
from ._result import Result, Shape, fmt
from ._values import is_blank

__all__ = [
    "RULE",
    "RULE_ITEMS",
    "VAGUE",
    "date_credit",
    "is_vague",
    "parse_date",
    "score",
    "score_items",
    "span_of",
]

RULE = (
    "The exact day (or, for a span, the exact first and last day) earns all the points; a day one off, "
    "a single day inside the span, or a span that overlaps the right one earns half."
)
RULE_ITEMS = "Each item is scored like a single date (all, half or nothing): score = the items' sum ÷ items."

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "of"}
_DATE_SHAPE = (
    'Write a date as text like "2021-12-14" (year-month-day), or a range as ["2021-12-01", "2021-12-05"].'
)


def parse_date(value: Any) -> _dt.date:
    """A calendar date from text (ISO, "13 December 2021", "Dec 13 2021"); raise ``Shape`` otherwise.

    >>> parse_date("Monday 13 Dec 2021")
    datetime.date(2021, 12, 13)
    """
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str) or len(value) > 40:
        raise Shape(_DATE_SHAPE)
    text = value.strip().lower().replace(",", " ")
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    parts: tuple[int, int, int] | None = None
    if match:
        parts = (int(match[1]), int(match[2]), int(match[3]))
    else:
        ws = [re.sub(r"(?<=\d)(st|nd|rd|th)$", "", w) for w in text.split() if w not in _WEEKDAYS]
        if len(ws) == 3:
            if ws[0].isdigit() and ws[1] in _MONTHS and ws[2].isdigit():
                parts = (int(ws[2]), _MONTHS[ws[1]], int(ws[0]))
            elif ws[0] in _MONTHS and ws[1].isdigit() and ws[2].isdigit():
                parts = (int(ws[2]), _MONTHS[ws[0]], int(ws[1]))
    if parts is None:
        raise Shape(_DATE_SHAPE)
    try:
        return _dt.date(*parts)
    except ValueError:
        raise Shape(f"{value.strip()!r} is not a real calendar date. {_DATE_SHAPE}") from None


def span_of(value: Any) -> tuple[_dt.date, _dt.date]:
    """``(first, last)`` day from one date or a pair of dates (in either order)."""
    if isinstance(value, list | tuple):
        if len(value) == 1:
            value = value[0]
        elif len(value) == 2:
            a, b = parse_date(value[0]), parse_date(value[1])
            return (a, b) if a <= b else (b, a)
        else:
            raise Shape(_DATE_SHAPE)
    day = parse_date(value)
    return day, day


#: What a student (or a form's "too vague to date" box) gives for a phrase that cannot be dated.
VAGUE = "vague"


def is_vague(value: Any) -> bool:
    """True for "vague", "too vague" or "too vague to date" (any case).

    >>> is_vague("Too vague to date"), is_vague("2021-12-14")
    (True, False)
    """
    return isinstance(value, str) and " ".join(value.lower().split()) in {
        "vague",
        "too vague",
        "too vague to date",
    }


def date_credit(expected: Any, answer: Any) -> tuple[float, str]:
    """The share earned by ``answer`` for the ``expected`` day or span, and why.

    >>> date_credit("2021-12-14", "too vague")
    (0.0, 'This one can be put on a calendar: count from the dateline.')
    """
    if is_vague(answer) or is_vague(expected):
        if is_vague(answer) and is_vague(expected):
            return 1.0, "Correct: the article does not let us date it."
        if is_vague(answer):
            return 0.0, "This one can be put on a calendar: count from the dateline."
        return 0.0, "Not that time: can this phrase be put on a calendar at all?"
    lo, hi = span_of(expected)
    a, b = span_of(answer)
    if (a, b) == (lo, hi):
        return 1.0, "Correct."
    if lo == hi:  # one day expected
        if a == b and abs((a - lo).days) == 1:
            return 0.5, "One day off: count again from the dateline's day."
        if a <= lo <= b and (b - a).days <= 7:
            return 0.5, "The day is inside your range: narrow it down to a single day."
        return 0.0, "Not that day."
    if a == b and lo <= a <= hi:
        return (
            0.5,
            "That day fits, but the phrase covers a span of days: "
            "give the first and the last, like [first, last].",
        )
    if a <= hi and lo <= b:
        return 0.5, "Your range overlaps the right one, but its first or last day is off."
    return 0.0, "Not that time."


def score(spec: dict[str, Any], answer: Any) -> Result:
    """One date or span against ``spec["answer"]``."""
    fraction, note = date_credit(spec["answer"], answer)
    return Result.of(fraction, note)


def score_items(spec: dict[str, Any], answer: Any) -> Result:
    """A dict from item number to a date or span, each against its item's ``answer``."""
    items = spec["items"]
    shape = 'Give a dict from item number to date, like {1: "2021-12-14", 2: ["2021-12-01", "2021-12-05"]}.'
    given = numbered(answer, len(items), shape)
    if all(is_blank(v) for v in given.values()):
        return Result.unanswered("Not answered yet: replace the ... with your answer and run the cell.")
    total, notes = 0.0, []
    for i, item in enumerate(items, start=1):
        value = given.get(i)
        if is_blank(value):
            notes.append(f"Item {i}: not answered yet.")
            continue
        try:
            fraction, note = date_credit(item["answer"], value)
        except Shape as exc:
            notes.append(f"Item {i}: {exc}")
            continue
        total += fraction
        if fraction < 1:
            notes.append(f"Item {i}: {note}")
    head = f"{fmt(total)} of {len(items)} dates right."
    return Result.of(total / len(items), " ".join([head, *notes[:3]]))
