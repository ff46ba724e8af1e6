"""Pure logic of the label lens: the different names an article gives the same actor, and ratings.

>>> judge_label("neutral", {"text": "the partnership", "neutral_alternative": "the alliance",
...                         "suggests": "A loose arrangement.", "rationale": ""})[0]
False
>>> judge_label("leans one way", {"text": "the partnership", "neutral_alternative": "the alliance",
...                               "suggests": "A loose arrangement.", "rationale": ""})[0]
True
"""

from __future__ import annotations

from typing import Any

from ._common import Reference
from ._highlight_logic import locate

__all__ = ["RATINGS", "judge_label", "label_groups"]

RATINGS = ("neutral", "leans one way", "misleading")
_PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "them", "him", "we", "our"}


def occurrences(paragraphs: tuple[str, ...], text: str) -> list[int]:
    """The paragraphs in which ``text`` occurs (case and quotes ignored, whole words)."""
    return [n for n, p in enumerate(paragraphs) if locate(p, text)]


def label_groups(ref: Reference) -> dict[str, list[dict[str, Any]]]:
    """actor -> its labels, each ``{"id", "text", "paragraph", "paragraphs", "suggests",
    "neutral_alternative", "rationale"}``, in order of first appearance.

    With a key: its ``framing`` rows with device "label". Without: the names and aliases of each
    source that the automatic analysis found under more than one name.
    """
    paragraphs = ref.article.paragraphs
    groups: dict[str, list[dict[str, Any]]] = {}
    if ref.uses_key:
        for r in ref.table("framing"):
            if r.get("device") != "label" or not isinstance(r.get("text"), str):
                continue
            found = occurrences(paragraphs, r["text"]) or [r.get("paragraph")]
            groups.setdefault(str(r.get("actor") or "unnamed actor"), []).append(
                {
                    "id": f"p{r.get('paragraph')}:{r['text']}",
                    "text": r["text"],
                    "paragraph": r.get("paragraph"),
                    "paragraphs": found,
                    "suggests": r.get("suggests") or "",
                    "neutral_alternative": r.get("neutral_alternative"),
                    "rationale": r.get("rationale") or "",
                }
            )
    else:
        for r in ref.table("sources"):
            names = [str(r.get("name") or "")] + [a for a in (r.get("aliases") or []) if isinstance(a, str)]
            labels = []
            for name in dict.fromkeys(n for n in names if n and n.casefold() not in _PRONOUNS):
                found = occurrences(paragraphs, name)
                if found:
                    labels.append(
                        {
                            "id": f"p{found[0]}:{name}",
                            "text": name,
                            "paragraph": found[0],
                            "paragraphs": found,
                            "suggests": "",
                            "neutral_alternative": None,
                            "rationale": "",
                        }
                    )
            if len(labels) > 1:
                groups[str(r.get("name"))] = labels
    for labels in groups.values():
        labels.sort(key=lambda x: (x["paragraphs"] or [0])[0])
    return dict(sorted(groups.items(), key=lambda kv: (kv[1][0]["paragraphs"] or [0])[0]))


def judge_label(rating: str | None, label: dict[str, Any]) -> tuple[bool | None, str]:
    """Feedback on a student's rating of one label: ``(ok, message)``; ok None = nothing to compare.

    The key does not rate labels; it gives what a label suggests, a plainer alternative and a note.
    A label with a plainer alternative counts as not neutral; whether it *misleads* stays the
    student's judgement, informed by the key's note.
    """
    if rating is None:
        return None, "Choose a rating."
    alt = label.get("neutral_alternative")
    suggests = label.get("suggests") or ""
    note = label.get("rationale") or ""
    if not suggests and not alt:
        return None, (
            "No answer key: compare this name with the others used for the same actor and "
            "decide what each one suggests."
        )
    differs = alt and alt.casefold() != str(label["text"]).casefold()
    plainer = f" A plainer wording: “{alt}”." if differs else ""
    what = f" It suggests: {suggests}" if suggests else ""
    if rating == "neutral":
        if plainer:
            return False, f"Think again: this name is a choice of wording.{what}{plainer} {note}".strip()
        return True, f"Yes, the key treats it as plain wording.{what} {note}".strip()
    if not plainer:
        return False, f"The key treats this name as plain wording.{what} {note}".strip()
    if rating == "misleading":
        return True, (
            f"The key also sees a choice of wording here.{what}{plainer} Whether it misleads "
            f"depends on whether it is accurate: {note}"
        ).strip()
    return True, f"Yes, the key also sees a choice of wording here.{what}{plainer} {note}".strip()
