"""A whole number: how many?

>>> spec = {"answer": 1, "close": 1}
>>> score(spec, "1").verdict, score(spec, 2).fraction, score(spec, 5).fraction
('correct', 0.5, 0.0)
"""

from __future__ import annotations

from typing import Any

from ._parse import int_like
from ._result import Result, Shape

__all__ = ["RULE", "score"]

RULE = "The exact number earns all the points; a number within the question's margin earns half."


def score(spec: dict[str, Any], answer: Any) -> Result:
    """A whole number against ``spec["answer"]``, half credit within ``spec["close"]``."""
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    n = int_like(answer)
    if n is None:
        raise Shape("Give a whole number, like 4 (no quotes).")
    if n == spec["answer"]:
        return Result.of(1.0, spec.get("correct", "Correct."))
    if abs(n - spec["answer"]) <= spec.get("close", 0):
        return Result.of(0.5, spec.get("close_feedback", "Close, but not exact: count again."))
    return Result.of(0.0, spec.get("wrong", "Not yet: count again."))
