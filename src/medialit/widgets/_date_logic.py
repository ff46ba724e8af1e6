"""Pure logic of the timeline widget: time expressions, the student's dates, and feedback.

>>> import datetime as dt
>>> row = {"text": "last week", "date": None, "start": "2021-12-06", "end": "2021-12-12", "vague": False,
...        "rationale": ""}
>>> judge_date(dt.date(2021, 12, 9), False, row)
(True, 'Right: “last week” is 2021-12-06 to 2021-12-12, and your date is in that range.', 0)
>>> judge_date(dt.date(2021, 12, 14), False, row)[2]
2
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ._common import Reference

__all__ = ["judge_date", "parse_date", "time_rows"]


def parse_date(value: Any) -> _dt.date | None:
    """A date from a ``date`` or an ISO string (None if it is neither).

    >>> parse_date("2021-12-14"), parse_date("soon")
    (datetime.date(2021, 12, 14), None)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def time_rows(ref: Reference) -> list[dict[str, Any]]:
    """The article's time expressions, each with an ``id`` ("p<paragraph>:<text>") and ISO dates."""
    rows, seen = [], set()
    for r in ref.table("time_expressions"):
        p, text = r.get("paragraph"), r.get("text")
        if not isinstance(p, int) or not isinstance(text, str) or not 0 <= p < len(ref.article.paragraphs):
            continue
        if text not in ref.article.paragraphs[p]:
            continue  # not in the paragraph's words (e.g. the date line): nothing to show the student
        ident = f"p{p}:{text}"
        if ident in seen:
            continue
        seen.add(ident)
        date, start, end = (parse_date(r.get(k)) for k in ("date", "start", "end"))
        rows.append(
            {
                "id": ident,
                "paragraph": p,
                "text": text,
                "date": date.isoformat() if date else None,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "vague": bool(r.get("vague")) or not (date or start or end),
                "event": r.get("event") or "",
                "rationale": r.get("rationale") or "",
            }
        )
    rows.sort(key=lambda r: r["paragraph"])
    return rows


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def judge_date(
    student: _dt.date | None, says_vague: bool, row: dict[str, Any]
) -> tuple[bool | None, str, int | None]:
    """Feedback on one date: ``(ok, message, days_off)``; ok None = not answered.

    An exact expression needs that day; a range ("last week", "since 2014") accepts any day in it;
    a vague one ("for weeks", "in recent days") is right only when the student ticks "too vague".
    """
    text, why = row["text"], (" " + row["rationale"]) if row.get("rationale") else ""
    if student is None and not says_vague:
        return None, "Choose a date, or tick “too vague to date”.", None
    exact = parse_date(row.get("date"))
    start, end = parse_date(row.get("start")), parse_date(row.get("end"))
    if row.get("vague") or not (exact or start or end):
        if says_vague:
            return True, f"Right: “{text}” is too vague to put on a calendar.{why}", 0
        return False, f"“{text}” is vague: the article gives no day for it.{why}", None
    if says_vague:
        span = exact.isoformat() if exact else f"{start} to {end}"
        return False, f"“{text}” can be dated from the dateline: {span}.{why}", None
    if exact:
        off = (student - exact).days
        if off == 0:
            return True, f"Right: “{text}” is {exact.isoformat()}.", 0
        side = "late" if off > 0 else "early"
        return False, f"Off by {_days(abs(off))} ({side}). Count from the dateline.", abs(off)
    lo, hi = start or end, end or start
    if lo <= student <= hi:
        return True, f"Right: “{text}” is {lo} to {hi}, and your date is in that range.", 0
    off = (lo - student).days if student < lo else (student - hi).days
    side = "early" if student < lo else "late"
    return False, f"Off by {_days(off)} ({side}): “{text}” is a range; count from the dateline.", off
