"""The notebook helpers of exercise set ex02: ``article``, ``check("q3")`` and ``progress()``.

>>> from medialit.exercises.ex02 import check
>>> check("q1", None).verdict
'unanswered'
"""

from __future__ import annotations

from typing import Any

from .student import bind

__all__ = ["check", "progress"]  # and `article`, loaded on first use

check, progress = bind("ex02")


def __getattr__(name: str) -> Any:
    if name == "article":  # loaded when the notebook asks for it, not on import
        from ..article import load_article

        return load_article()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
