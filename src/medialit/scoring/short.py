"""A short text answer: a word or phrase.

>>> spec = {"accept": ["what they say"], "partly": {"they say": "Nearly."}}
>>> score(spec, "“What they say.”").verdict, score(spec, "they say").fraction
('correct', 0.5)
"""

from __future__ import annotations

from typing import Any

from ._result import Result, Shape

__all__ = ["RULE", "norm_text", "score"]

RULE = (
    "Your words must match an accepted answer (capital letters, quotation marks and end punctuation "
    "do not matter); a near miss the question names earns half."
)
_QUOTES = "\"'“”‘’«»`"


def norm_text(value: str) -> str:
    """Text without case, outer quotation marks, end punctuation or extra spaces.

    >>> norm_text("  “Urgent”. ")
    'urgent'
    """
    text = " ".join(value.casefold().split())
    return text.strip(_QUOTES + " .,;:!?").replace("’", "'").replace("‘", "'")


def score(spec: dict[str, Any], answer: Any) -> Result:
    """Text against ``spec["accept"]``; ``spec["partly"]`` maps near misses to a comment."""
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        raise Shape('Type your answer as text in quotes, like "a word".')
    given = norm_text(answer)
    if given in {norm_text(a) for a in spec["accept"]}:
        return Result.of(1.0, spec.get("correct", "Correct."))
    for partial, why in spec.get("partly", {}).items():
        if given == norm_text(partial):
            return Result.of(0.5, why)
    return Result.of(0.0, spec.get("wrong", "Not yet."))
