"""The label lens's rule: is each name the article gives an actor neutral, or a choice of wording?

>>> item = {"text": "the partnership", "neutral_alternative": "the alliance", "suggests": "A loose tie.",
...         "rationale": ""}
>>> judge("neutral", item)[0], judge("misleading", item)[0], judge(None, item)[0]
(0.0, 1.0, None)
"""

from __future__ import annotations

from typing import Any

from ._reference import Reference
from ._result import Item, Result, Shape
from ._text import locate

__all__ = ["RATINGS", "RULE", "groups_from", "judge", "score", "spec_from"]

RATINGS = ("neutral", "leans one way", "misleading")
RULE = (
    "Each name earns one share: a name for which the key gives a plainer wording is a choice of wording "
    "(“leans one way” and “misleading” both count), and a name without one is neutral. "
    "Score = right ratings ÷ names."
)
_PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "them", "him", "we", "our"}


def _occurrences(paragraphs: tuple[str, ...], text: str) -> list[int]:
    return [n for n, p in enumerate(paragraphs) if locate(p, text)]


def groups_from(ref: Reference) -> dict[str, list[dict[str, Any]]]:
    """actor -> its names, each ``{"id", "text", "paragraph", "paragraphs", "suggests",
    "neutral_alternative", "rationale"}``, in order of first appearance.

    With a key: its framing rows with device "label". Without: the names and aliases of each source
    that the automatic analysis found under more than one name (nothing to judge them by).
    """
    paragraphs = ref.article.paragraphs
    groups: dict[str, list[dict[str, Any]]] = {}
    found: list[dict[str, Any]]
    if ref.uses_key:
        for r in ref.rows("framing"):
            if r.get("device") != "label" or not isinstance(r.get("text"), str):
                continue
            groups.setdefault(str(r.get("actor") or "unnamed actor"), []).append(
                {
                    "id": f"p{r.get('paragraph')}:{r['text']}",
                    "text": r["text"],
                    "paragraph": r.get("paragraph"),
                    "paragraphs": _occurrences(paragraphs, r["text"]) or [r.get("paragraph")],
                    "suggests": r.get("suggests") or "",
                    "neutral_alternative": r.get("neutral_alternative"),
                    "rationale": r.get("rationale") or "",
                }
            )
    else:
        for r in ref.rows("sources"):
            names = [str(r.get("name") or "")] + [a for a in (r.get("aliases") or []) if isinstance(a, str)]
            found = []
            for name in dict.fromkeys(n for n in names if n and n.casefold() not in _PRONOUNS):
                where = _occurrences(paragraphs, name)
                if where:
                    blank = {"suggests": "", "neutral_alternative": None, "rationale": ""}
                    found.append(
                        {
                            "id": f"p{where[0]}:{name}",
                            "text": name,
                            "paragraph": where[0],
                            "paragraphs": where,
                        }
                        | blank
                    )
            if len(found) > 1:
                groups[str(r.get("name"))] = found
    for found in groups.values():
        found.sort(key=lambda x: (x["paragraphs"] or [0])[0])
    return dict(sorted(groups.items(), key=lambda kv: (kv[1][0]["paragraphs"] or [0])[0]))


def spec_from(ref: Reference) -> dict[str, Any]:
    """Everything the rule needs: every name, keyed by its id."""
    return {"items": {lab["id"]: lab for labels in groups_from(ref).values() for lab in labels}}


def judge(rating: str | None, item: dict[str, Any]) -> tuple[float | None, str]:
    """The share one rating earns, and the key's note; None = not rated, or nothing to compare with.

    The key does not rate names; it says what a name suggests and gives a plainer alternative. A name
    with a plainer alternative counts as not neutral; whether it *misleads* stays the student's
    judgement, informed by the key's note.
    """
    if rating is None:
        return None, "Choose a rating."
    alt = item.get("neutral_alternative")
    suggests, note = item.get("suggests") or "", item.get("rationale") or ""
    if not suggests and not alt:
        return None, (
            "No answer key: compare this name with the others used for the same actor and "
            "decide what each one suggests."
        )
    differs = bool(alt) and str(alt).casefold() != str(item["text"]).casefold()
    plainer = f" A plainer wording: “{alt}”." if differs else ""
    what = f" It suggests: {suggests}" if suggests else ""
    if rating == "neutral":
        if plainer:
            return 0.0, f"Think again: this name is a choice of wording.{what}{plainer} {note}".strip()
        return 1.0, f"Yes, the key treats it as plain wording.{what} {note}".strip()
    if not plainer:
        return 0.0, f"The key treats this name as plain wording.{what} {note}".strip()
    if rating == "misleading":
        return 1.0, (
            f"The key also sees a choice of wording here.{what}{plainer} Whether it misleads "
            f"depends on whether it is accurate: {note}"
        ).strip()
    return 1.0, f"Yes, the key also sees a choice of wording here.{what}{plainer} {note}".strip()


def score(spec: dict[str, Any], answer: Any) -> Result:
    """The student's ratings (``{"ratings": {id: rating}}``) against the key's notes."""
    if isinstance(answer, dict) and "ratings" in answer:
        answer = answer["ratings"]
    if not isinstance(answer, dict):
        raise Shape("This answer comes from the label lens widget: rate the names there and it saves them.")
    right, judged, rated, lines = 0.0, 0, 0, []
    for lid, item in spec["items"].items():
        rating = answer.get(lid)
        rating = rating if rating in RATINGS else None
        credit, message = judge(rating, item)
        lines.append(Item(f"“{item['text']}”", credit, message, lid))
        rated += rating is not None
        if credit is None and rating is not None:
            continue  # nothing to compare with (no key)
        judged += 1
        right += credit or 0.0
    if not rated:
        return Result.unanswered("No names rated yet.", tuple(lines))
    if not judged:
        return Result.unanswered("There is no key to compare your ratings with.", tuple(lines))
    return Result.of(
        right / judged, f"{int(right)} of {judged} names rated as the key reads them.", tuple(lines)
    )
