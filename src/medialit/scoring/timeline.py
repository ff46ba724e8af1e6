"""The timeline's rule: a date (or "too vague") for each time expression.

>>> from medialit.key import answer_key
>>> from medialit.scoring._reference import Reference
>>> key = answer_key()
>>> spec = spec_from(Reference(key.article, key))
>>> r = score(spec, {"dates": {"p12:a day after": {"date": "2021-12-14", "vague": False}}})
>>> r.fraction, r.feedback
(0.05, '0.5 of 10 time expressions placed right (9 not done yet). ¶12 “a day after”: Off by 1 day (late): \
half a share. Count from the dateline.')
>>> judge(spec["items"]["p10:last week"], "2021-12-07", False)
(1.0, 'Right: “last week” is 2021-12-06 to 2021-12-12, and your date is in that range.')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ._reference import Reference
from ._result import Item, Result, Shape, fmt
from .dates import parse_date

__all__ = ["RULE", "items_from_rows", "judge", "score", "spec_from"]

RULE = (
    "Each time expression earns one share: a date inside the right day or span, or “too vague to date” "
    "ticked for a phrase the article does not let you date; a single day that is one day off earns half. "
    "Where the key dates a phrase only from other sources, “too vague to date” earns the share too. "
    "Score = shares ÷ time expressions."
)


def _iso(value: Any) -> str | None:
    try:
        return parse_date(value).isoformat() if value else None
    except Shape:
        return None


def items_from_rows(ref: Reference, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The time expressions to date, keyed ``"p<paragraph>:<text>"``, in article order."""
    items: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r.get("paragraph") or 0):
        p, text = r.get("paragraph"), r.get("text")
        if not isinstance(p, int) or not isinstance(text, str) or not 0 <= p < len(ref.article.paragraphs):
            continue
        if text not in ref.article.paragraphs[p]:
            continue  # not in the paragraph's words (e.g. the date line): nothing to show the student
        date, start, end = (_iso(r.get(k)) for k in ("date", "start", "end"))
        if r.get("vague") or not (date or start or end):
            answer: Any = "vague"
        elif date:
            answer = date
        else:
            answer = [start or end, end or start]
        items.setdefault(
            f"p{p}:{text}",
            {"paragraph": p, "text": text, "answer": answer, "event": r.get("event") or "",
             "vague_ok": answer != "vague" and bool(r.get("vague_ok")),
             "rationale": r.get("rationale") or ""},
        )  # fmt: skip
    return items


def spec_from(ref: Reference, rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Everything the rule needs: the reference's time expressions (or ``rows``)."""
    return {"items": items_from_rows(ref, ref.rows("time_expressions") if rows is None else rows)}


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def judge(item: dict[str, Any], date: Any, vague: bool) -> tuple[float | None, str]:
    """The share one time expression earns, and why; None when it is not answered."""
    text, why = item["text"], (" " + item["rationale"]) if item.get("rationale") else ""
    answer = item["answer"]
    if not vague and not date:
        return None, "Choose a date, or tick “too vague to date”."
    if answer == "vague":
        if vague:
            return 1.0, f"Right: “{text}” is too vague to put on a calendar.{why}"
        return 0.0, "Can the article's words really be pinned to one day?"
    lo, hi = (answer, answer) if isinstance(answer, str) else answer
    lo, hi = _dt.date.fromisoformat(lo), _dt.date.fromisoformat(hi)
    if vague and item.get("vague_ok"):
        return 1.0, f"Right: the article alone does not date “{text}”.{why}"
    if vague:
        return 0.0, f"“{text}” can be dated: count from the dateline."
    try:
        day = parse_date(date)
    except Shape:
        return 0.0, "That is not a date."
    if lo <= day <= hi:
        if lo == hi:
            return 1.0, f"Right: “{text}” is {lo.isoformat()}."
        return 1.0, f"Right: “{text}” is {lo} to {hi}, and your date is in that range."
    off = (lo - day).days if day < lo else (day - hi).days
    side = "early" if day < lo else "late"
    if lo == hi and off == 1:
        return 0.5, f"Off by 1 day ({side}): half a share. Count from the dateline."
    if lo == hi:
        return 0.0, f"Off by {_days(off)} ({side}). Count from the dateline."
    return 0.0, f"Off by {_days(off)} ({side}): “{text}” is a range; count from the dateline."


def score(spec: dict[str, Any], answer: Any) -> Result:
    """The student's dates (``{"dates": {id: {"date", "vague"}}}``) against the key's."""
    if isinstance(answer, dict) and isinstance(answer.get("dates"), dict):
        answer = answer["dates"]
    if not isinstance(answer, dict):
        raise Shape("This answer comes from the timeline widget: pick the dates there and it saves them.")
    total, given, notes, lines = 0.0, 0, [], []
    for row_id, item in spec["items"].items():
        row = answer.get(row_id)
        row = row if isinstance(row, dict) else {}
        credit, message = judge(item, row.get("date"), row.get("vague") is True)
        label = f"¶{item['paragraph']} “{item['text']}”"
        lines.append(Item(label, credit, message, row_id))
        if credit is None:
            continue
        given += 1
        total += credit
        if credit < 1:
            notes.append(f"{label}: {message}")
    if not given:
        return Result.unanswered("No dates picked yet.", tuple(lines))
    n = len(spec["items"])
    head = f"{fmt(total)} of {n} time expressions placed right" + (
        f" ({n - given} not done yet)." if given < n else "."
    )
    return Result.of(total / n, " ".join([head, *notes[:3]]), tuple(lines))
