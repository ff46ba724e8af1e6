"""Turn whatever a student (or a submission file) gives us into plain, bounded data.

Scoring only ever sees the result of :func:`plain`: ``None``, ``bool``, ``int``, ``float``,
``str``, ``list`` and ``dict`` with string keys, nested at most a few levels, strings cut to a
safe length. Anything else becomes an :class:`Unreadable` marker that the scorers report as the
wrong shape. Nothing here raises.

>>> plain((3, 5))
[3, 5]
>>> plain({1: "b"})
{'1': 'b'}
>>> plain(...) is None
True
>>> isinstance(plain(object()), Unreadable)
True
>>> plain(Unreadable("a module"))
<a module>
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from dataclasses import dataclass
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_ITEMS", "MAX_STRING", "Unreadable", "is_blank", "plain"]

MAX_STRING = 20_000
MAX_ITEMS = 200
MAX_DEPTH = 5


@dataclass(frozen=True)
class Unreadable:
    """Stands for a value that is not plain data (too deep, too long, or an unknown object)."""

    what: str

    def __repr__(self) -> str:
        return f"<{self.what}>"


def _type_name(value: object) -> str:
    try:
        return type(value).__name__
    except Exception:  # pragma: no cover - type() always works
        return "object"


def plain(value: Any, _depth: int = 0) -> Any:
    """Plain JSON-like data for ``value``; ``...`` (Ellipsis) becomes ``None``.

    >>> plain([1, [2, [3, [4, [5, [6]]]]]])
    [1, [2, [3, [4, [5, <a list nested too deeply>]]]]]
    >>> len(plain("x" * 50_000))
    20000
    """
    try:
        if value is None or value is Ellipsis:
            return None
        if isinstance(value, Unreadable):  # already read (for example by the grader)
            return value
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, numbers.Integral):
            return int(value)
        if isinstance(value, numbers.Real):
            number = float(value)
            return number if math.isfinite(number) else Unreadable("a number that is not finite")
        if isinstance(value, str):
            return str(value[:MAX_STRING])
        if isinstance(value, bytes):
            return Unreadable("bytes")
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        if _depth >= MAX_DEPTH:
            return Unreadable(f"a {_type_name(value)} nested too deeply")
        if isinstance(value, dict):
            if len(value) > MAX_ITEMS:
                return Unreadable(f"a dict with more than {MAX_ITEMS} entries")
            out: dict[str, Any] = {}
            for key, item in list(value.items())[:MAX_ITEMS]:
                k = plain(key, MAX_DEPTH - 1)  # keys must be simple
                if isinstance(k, bool | int | float):
                    k = str(int(k)) if isinstance(k, float) and k.is_integer() else str(k)
                if not isinstance(k, str):
                    return Unreadable("a dict with unusual keys")
                out[k.strip()] = plain(item, _depth + 1)
            return out
        if isinstance(value, list | tuple | set | frozenset | range):
            items = list(value) if not isinstance(value, set | frozenset) else _sorted(value)
            if len(items) > MAX_ITEMS:
                return Unreadable(f"a list with more than {MAX_ITEMS} items")
            return [plain(item, _depth + 1) for item in items]
        return Unreadable(f"a {_type_name(value)}")
    except RecursionError:
        return Unreadable("a value nested too deeply")
    except Exception:
        return Unreadable(f"a {_type_name(value)} that could not be read")


def _sorted(items: set | frozenset) -> list:
    try:
        return sorted(items)
    except Exception:
        return sorted(items, key=repr)


def is_blank(value: Any) -> bool:
    """True for an answer that was not given: None, ``...``, empty text or an empty container.

    >>> is_blank(None), is_blank("  "), is_blank([]), is_blank({"1": None}), is_blank(0)
    (True, True, True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() in {"...", "Ellipsis"}
    if isinstance(value, list):
        return len(value) == 0
    if isinstance(value, dict):  # a scaffold like {1: ..., 2: ...} with nothing filled in
        return all(v is None or (isinstance(v, str) and is_blank(v)) for v in value.values())
    return False
