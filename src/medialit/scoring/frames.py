"""Frame questions (Semetko & Valkenburg): yes or no for each question, with evidence paragraphs.

The same rule scores a typed answer (``{1: ("yes", [2, 5]), 2: ("no", [])}``, items in order) and
the frame check widget's answer (``{"items": {"C1": {"answer": true, "evidence": [2]}}}``).

>>> spec = {"last_paragraph": 16, "items": [
...     {"item": "C1", "question": "Disagreement?", "answer": True, "evidence": [2, 3], "allow": [9]},
...     {"item": "C4", "question": "Winners and losers?", "answer": False, "evidence": []}]}
>>> score(spec, {1: ("yes", [2, 9]), 2: ("no", [])}).verdict
'correct'
>>> score(spec, {"items": {"C1": {"answer": True, "evidence": []}}}).fraction
0.25
"""

from __future__ import annotations

from typing import Any

from ._parse import numbered, paragraph_list
from ._reference import Reference
from ._result import Item, Result, Shape, fmt
from ._values import is_blank

__all__ = ["RULE", "item_credit", "items_from_rows", "score", "spec_from"]

RULE = (
    "Each question earns one share when your yes or no matches the key. For a right “yes”, the share "
    "also depends on your evidence: every paragraph you give shows it, the whole share; only some do, "
    "three quarters; none do, or you give none, half. Where the key says the article only hints at a "
    "“yes”, a “no” earns the share too. Score = shares ÷ questions."
)
_YES = {"yes", "y", "true", "1", "oui", "ja"}
_NO = {"no", "n", "false", "0", "non", "nein"}
_SHAPE = 'For each item give yes or no and the evidence paragraphs, like {1: ("yes", [2, 5]), 2: ("no", [])}.'


def items_from_rows(
    rows: list[dict[str, Any]], allow: dict[str, list[int]] | None = None
) -> list[dict[str, Any]]:
    """Scoring items from the key's ``frames`` rows (``allow``: extra evidence paragraphs per item)."""
    allow = allow or {}
    return [
        {
            "frame": str(r.get("frame") or ""),
            "item": str(r.get("item") or ""),
            "question": str(r.get("question") or ""),
            "answer": r.get("answer") if isinstance(r.get("answer"), bool) else None,
            "evidence": [p for p in (r.get("evidence") or []) if isinstance(p, int)],
            "either_ok": bool(r.get("either_ok")),
            "allow": list(allow.get(str(r.get("item")), [])),
            "rationale": r.get("rationale") or "",
        }
        for r in rows
    ]


def spec_from(ref: Reference) -> dict[str, Any]:
    """The spec for every frame question the reference codes (empty items without a key)."""
    return {
        "items": items_from_rows(ref.rows("frames")) if ref.uses_key else [],
        "last_paragraph": len(ref.article.paragraphs) - 1,
    }


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    return None


def item_credit(item: dict[str, Any], said: bool, evidence: list[int]) -> tuple[float, str]:
    """The share one item earns for a yes/no and its evidence, and a sentence that gives nothing away.

    >>> item = {"answer": True, "evidence": [2, 3], "allow": []}
    >>> item_credit(item, True, [2, 7])
    (0.75, 'Yes is right; some of your evidence paragraphs do not show it.')
    """
    truth = item["answer"]
    if truth and not said and item.get("either_ok"):
        return 1.0, "Right: no is accepted here too — the article only hints at it."
    if said != truth:
        return 0.0, f"Read the question again — is it really {'yes' if said else 'no'}?"
    if not truth:
        return 1.0, "Right: no."
    good = set(item["evidence"]) | set(item.get("allow", ()))
    cited = set(evidence)
    inside, outside = cited & good, cited - good
    if inside and not outside:
        return (
            1.0,
            f"Right: yes, and your evidence (¶{', '.join(map(str, sorted(inside)))}) is among the key's.",
        )
    if inside:
        return 0.75, "Yes is right; some of your evidence paragraphs do not show it."
    if cited:
        return 0.5, "Yes is right, but your evidence paragraphs do not show it."
    return 0.5, "Yes is right; now point to a paragraph that shows it."


def _given(answer: Any, items: list[dict[str, Any]]) -> dict[int, Any]:
    """Item number -> the student's value, from either answer format."""
    if isinstance(answer, dict) and isinstance(answer.get("items"), dict):
        codes = {it["item"]: i for i, it in enumerate(items, start=1)}
        return {codes[c]: v for c, v in answer["items"].items() if c in codes}
    if isinstance(answer, dict) and answer and all(k in {it["item"] for it in items} for k in answer):
        codes = {it["item"]: i for i, it in enumerate(items, start=1)}
        return {codes[c]: v for c, v in answer.items()}
    return numbered(answer, len(items), _SHAPE)


def score(spec: dict[str, Any], answer: Any) -> Result:
    """Each item's yes/no and evidence against the key's coding (items without one are skipped)."""
    items = spec["items"]
    judged = [it for it in items if it.get("answer") is not None]
    if not judged:
        return Result.unanswered(
            "There is no key to compare with: the automatic analysis cannot code frames."
        )
    given = _given(answer, items)
    total, notes, lines = 0.0, [], []
    answered = 0
    for i, item in enumerate(items, start=1):
        value: Any = given.get(i)
        evidence: Any = []
        if isinstance(value, dict):
            value, evidence = value.get("answer"), value.get("evidence", [])
        elif isinstance(value, list | tuple) and len(value) == 2:
            value, evidence = value
        if is_blank(value):
            lines.append(Item(item["item"], None, "Not answered yet.", item["item"]))
            if item.get("answer") is not None:
                notes.append(f"Item {i}: not answered yet.")
            continue
        said = _yes_no(value)
        if said is None:
            raise Shape(_SHAPE)
        cited = paragraph_list(evidence, spec["last_paragraph"]) if not is_blank(evidence) else []
        if item.get("answer") is None:
            lines.append(Item(item["item"], None, "No coding to compare with (no answer key).", item["item"]))
            continue
        answered += 1
        credit, message = item_credit(item, said, cited)
        total += credit
        lines.append(Item(item["item"], credit, message, item["item"]))
        if credit < 1:
            notes.append(f"Item {i}: {message}")
    if not answered:
        return Result.unanswered("Not answered yet: answer each question yes or no.", tuple(lines))
    head = f"{fmt(total)} of {len(judged)} items right."
    return Result.of(total / len(judged), " ".join([head, *notes[:3]]), tuple(lines))
