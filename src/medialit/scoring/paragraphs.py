"""Paragraph numbers: find every paragraph that shows something.

>>> spec = {"answer": [2, 3], "allow": [5], "last_paragraph": 16}
>>> score(spec, [2, 3, 5]).verdict, score(spec, [2, 9]).fraction
('correct', 0.0)
"""

from __future__ import annotations

from typing import Any

from ._parse import earned_minus_wrong, paragraph_list
from ._result import Result

__all__ = ["RULE", "score"]

RULE = (
    "Each right paragraph earns one share and each wrong one takes a share back: "
    "score = (right − wrong) ÷ the number of right paragraphs, never below zero; "
    "paragraphs the question allows either way neither earn nor cost."
)


def score(spec: dict[str, Any], answer: Any) -> Result:
    """Paragraph numbers against ``spec["answer"]``; ``spec["allow"]`` count neither way."""
    picked = set(paragraph_list(answer, spec["last_paragraph"]))
    wanted = set(spec["answer"])
    picked -= set(spec.get("allow", ())) - wanted
    fraction, note = earned_minus_wrong(
        picked, wanted, noun=spec.get("noun", "paragraphs"), wrong_noun="paragraph"
    )
    if len(wanted) == 1 and picked == wanted:
        note = "Correct."
    feedback = spec.get("feedback", {})
    comments = [feedback[str(p)] for p in sorted(picked - wanted) if str(p) in feedback]
    return Result.of(fraction, " ".join([note, *comments[:2]]))
