"""Multiple choice: one right option (``choice``) or several (``multi``).

>>> spec = {"options": {"a": "yes", "b": "no"}, "answer": "b", "feedback": {"a": "Read again."}}
>>> score(spec, "B").verdict, score(spec, "a").feedback
('correct', 'Read again.')
>>> many = {"options": {"a": "x", "b": "y", "c": "z"}, "answer": ["a", "b"]}
>>> score_multi(many, ["a", "c"]).fraction
0.0
>>> score_multi(many, "a").fraction
0.5
"""

from __future__ import annotations

from typing import Any

from ._parse import earned_minus_wrong, letters, option_key, pick_set
from ._result import Result, Shape

__all__ = ["RULE", "RULE_MULTI", "score", "score_multi"]

RULE = "The right option earns all the points; any other option earns none."
RULE_MULTI = (
    "Each right option you choose earns one share and each wrong one takes a share back: "
    "score = (right − wrong) ÷ the number of right options, never below zero."
)


def score(spec: dict[str, Any], answer: Any) -> Result:
    """One option letter (or the option's whole text) against ``spec["answer"]``."""
    options = spec["options"]
    key = option_key(answer, options)
    if key is None:
        first = next(iter(options))
        raise Shape(f'Answer with the letter of one option in quotes, like "{first}": {letters(options)}.')
    if key == spec["answer"]:
        return Result.of(1.0, spec.get("correct", "Correct."))
    return Result.of(0.0, spec.get("feedback", {}).get(key, "Not this one. Read the options again."))


def score_multi(spec: dict[str, Any], answer: Any) -> Result:
    """A set of option letters against ``spec["answer"]`` (a list of letters)."""
    picked = pick_set(answer, spec["options"])
    wanted = set(spec["answer"])
    fraction, note = earned_minus_wrong(
        picked, wanted, noun=spec.get("noun", "right options"), wrong_noun=spec.get("wrong_noun", "pick")
    )
    feedback = spec.get("feedback", {})
    comments = [feedback[k] for k in sorted(picked - wanted) if k in feedback]
    return Result.of(fraction, " ".join([note, *comments[:2]]))
