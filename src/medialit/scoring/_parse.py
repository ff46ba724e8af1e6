"""Reading answers forgivingly: numbers typed as text, letters or option texts, numbered items.

Every function either returns plain data or raises :class:`~medialit.scoring._result.Shape` with a
sentence saying what shape is expected.

>>> int_like("¶ 12"), int_like(3.0), int_like(True)
(12, 3, None)
>>> as_list("a, b c")
['a', 'b', 'c']
"""

from __future__ import annotations

import re
from typing import Any

from ._result import Shape, plural
from ._values import is_blank

__all__ = [
    "as_list",
    "earned_minus_wrong",
    "int_like",
    "letters",
    "numbered",
    "option_key",
    "paragraph_list",
    "pick_set",
]


def int_like(value: Any) -> int | None:
    """A whole number from an int, a whole float or digits in text ("¶12" too); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().lstrip("¶").strip()
        if text.isdecimal() and len(text) < 6:
            return int(text)
    return None


def as_list(value: Any) -> list[Any]:
    """A list from a list, one scalar, or a comma/space separated string of short items."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        parts = [p for p in re.split(r"[\s,;]+", value.strip()) if p]
        return parts if len(parts) > 1 else [value]
    return [value]


def option_key(value: Any, options: dict[str, str]) -> str | None:
    """The letter of the option ``value`` names (its letter in any case, or its whole text)."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    key = text.strip("()[]. ").lower()
    if key in options:
        return key
    folded = " ".join(text.casefold().split())
    for k, label in options.items():
        if folded == " ".join(str(label).casefold().split()):
            return k
    return None


def letters(options: dict[str, str]) -> str:
    """The option letters for a message: ``"a", "b" or "c"``."""
    keys = list(options)
    return ", ".join(f'"{k}"' for k in keys[:-1]) + (f' or "{keys[-1]}"' if len(keys) > 1 else f'"{keys[0]}"')


def pick_set(answer: Any, options: dict[str, str]) -> set[str]:
    """The set of option letters an answer picks (a list, or letters typed in one string)."""
    picked: set[str] = set()
    for item in as_list(answer):
        key = option_key(item, options)
        if key is None:
            raise Shape(
                f"{repr(item)[:40]} is not one of the options. Give a list of option letters, "
                f'like ["{next(iter(options))}", ...], choosing from {letters(options)}.'
            )
        picked.add(key)
    return picked


def paragraph_list(answer: Any, last: int) -> list[int]:
    """Paragraph numbers from a list, one number or typed text; each between 0 and ``last``."""
    numbers: list[int] = []
    for item in as_list(answer):
        n = int_like(item)
        if n is None:
            raise Shape("Give a list of paragraph numbers like [3, 5] (or one number, like 4).")
        if not 0 <= n <= last:
            raise Shape(
                f"Paragraph numbers run from 1 to {last} (0 is the headline); {n} is not one of them."
            )
        numbers.append(n)
    return numbers


def numbered(answer: Any, n: int, what: str) -> dict[int, Any]:
    """Item number (1..n) -> answer, from a dict keyed by number or a list in order."""
    if isinstance(answer, dict):
        out: dict[int, Any] = {}
        for key, value in answer.items():
            number = int_like(key)
            if number is None or not 1 <= number <= n:
                raise Shape(f"{what} Item numbers run from 1 to {n}; {str(key)[:20]!r} is not one of them.")
            out[number] = value
        return out
    if isinstance(answer, list) and len(answer) == n:
        return dict(enumerate(answer, start=1))
    raise Shape(what)


def earned_minus_wrong(
    picked: set[Any], wanted: set[Any], *, noun: str, wrong_noun: str
) -> tuple[float, str]:
    """The shared counting rule: (right picks − wrong picks) ÷ right answers, never below zero.

    >>> earned_minus_wrong({1, 2, 9}, {1, 2, 3, 4}, noun="paragraphs", wrong_noun="paragraph")
    (0.25, 'You found 2 of 4 paragraphs. 1 paragraph in your answer does not belong there; each one \
costs as much as a right one earns.')
    """
    hits, wrong = picked & wanted, picked - wanted
    fraction = max(0.0, (len(hits) - len(wrong)) / len(wanted)) if wanted else 0.0
    note = f"You found {len(hits)} of {len(wanted)} {noun}."
    if wrong:
        note += (
            f" {plural(len(wrong), wrong_noun)} in your answer {'does' if len(wrong) == 1 else 'do'} "
            "not belong there; each one costs as much as a right one earns."
        )
    return fraction, note


def blank_items(given: dict[int, Any]) -> bool:
    """True when no numbered item has been answered."""
    return all(is_blank(v) for v in given.values())
