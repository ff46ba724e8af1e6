"""Matching: each item to one option.

>>> spec = {"options": {"a": "who", "b": "when"}, "items": [{"text": "Putin", "answer": "a"},
...                                                        {"text": "Tuesday", "answer": "b"}]}
>>> score(spec, {1: "a", 2: "a"}).fraction, score(spec, ["a", "b"]).verdict
(0.5, 'correct')
"""

from __future__ import annotations

from typing import Any

from ._parse import numbered, option_key
from ._result import Result
from ._values import is_blank

__all__ = ["RULE", "score"]

RULE = "Each item matched to the right option earns one share: score = right items ÷ items."


def score(spec: dict[str, Any], answer: Any) -> Result:
    """A dict from item number to option letter (or a list in item order)."""
    items, options = spec["items"], spec["options"]
    shape = f'Give a dict from item number to option letter, like {{1: "{next(iter(options))}", 2: ...}}.'
    given = numbered(answer, len(items), shape)
    right, unsure = 0, []
    for i, item in enumerate(items, start=1):
        key = None if is_blank(given.get(i)) else option_key(given.get(i), options)
        if key == item["answer"]:
            right += 1
        else:
            unsure.append(str(i))
    note = f"{right} of {len(items)} matched correctly."
    if unsure and right:
        note += f" Look again at item{'s' if len(unsure) > 1 else ''} {', '.join(unsure)}."
    return Result.of(right / len(items), note)
