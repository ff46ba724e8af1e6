"""The verb swap's rule: after swapping a reporting verb, name how the stance changes.

The reporting-verb list (``data/lexicons/reporting_verbs.csv``) gives each verb's class.

>>> judge("distancing", "claim")[0], judge("neutral", "accuse")[0], judge(None, "say")[0]
(1.0, 0.0, None)
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ._result import Item, Result, Shape

__all__ = ["RULE", "classes", "judge", "score"]

RULE = (
    "Each swap you record earns one share when your judgement names the class the reporting-verb list "
    "gives the new verb (neutral, evaluative or distancing). Score = right judgements ÷ recorded swaps."
)


# What each class does, in words a 16-year-old follows (the class name comes after it).
_IN_WORDS = {
    "neutral": "just reports the words",
    "evaluative": "tells the reader how to take the words",
    "distancing": "keeps the writer at a distance from the words",
}


@cache
def classes() -> dict[str, tuple[str, str]]:
    """lemma -> (class, explanation), for single-word reporting verbs."""
    from ..lexicons import rows

    out: dict[str, tuple[str, str]] = {}
    for r in rows("reporting_verbs"):
        if r["tense"] != "phrase" and " " not in r["form"]:
            out.setdefault(r["lemma"], (r["connotation"], r["explanation"]))
    return out


def judge(judgement: str | None, new_lemma: str) -> tuple[float | None, str]:
    """The share one recorded judgement earns, and why (None: no judgement chosen)."""
    if not judgement:
        return None, "Choose how the stance changes."
    if new_lemma not in classes():
        return 0.0, f"“{new_lemma}” is not in the reporting-verb list."
    cls, explanation = classes()[new_lemma]
    what = f"“{new_lemma}” {_IN_WORDS.get(cls, 'is classed so')}: it is {cls}. {explanation}"
    if judgement == cls:
        return 1.0, f"Yes: {what}"
    return 0.0, f"Not quite: {what}"


def score(spec: dict[str, Any], answer: Any) -> Result:
    """The recorded swaps (``{"records": [{"replacement", "judgement", ...}]}``)."""
    if isinstance(answer, dict) and "records" in answer:
        answer = answer["records"]
    if not isinstance(answer, list):
        raise Shape("This answer comes from the verb swap widget: record your judgements there.")
    records = [r for r in answer if isinstance(r, dict)]
    lines = []
    right = 0.0
    for r in records:
        credit, message = judge(r.get("judgement"), str(r.get("replacement")))
        lines.append(
            Item(f"¶{r.get('paragraph')} “{r.get('original')}” → “{r.get('replacement')}”", credit, message)
        )
        right += credit or 0.0
    if not records:
        return Result.unanswered("No swaps recorded yet.")
    return Result.of(right / len(records), f"{int(right)} of {len(records)} judgements right.", tuple(lines))
