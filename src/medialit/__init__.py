"""medialit: read one news article closely — sourcing, attribution and framing.

The public face is what the lessons use (``__all__``): the article, the answer key, the analysis,
and the modules ``widgets``, ``forms``, ``reading``, ``plots``, ``provenance``, ``key`` and
``exercises``. Every name loads lazily, so ``import medialit`` stays cheap and has no side
effects. The rules that score answers (``medialit.scoring``) and the other modules are internal.

>>> import medialit
>>> medialit.load_article().date.isoformat()
'2021-12-14'
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "MedialitError": "errors",
    "MedialitWarning": "errors",
    "Article": "article",
    "load_article": "article",
    "parse_article": "article",
    "list_articles": "article",
    "AnswerKey": "key",
    "answer_key": "key",
    "Analysis": "analysis",
    "analyze": "analysis",
    "compare": "analysis",
}
# what the lessons and exercise notebooks use, reachable lazily as medialit.<name>
_MODULES = ("widgets", "forms", "reading", "plots", "provenance", "key", "exercises")

__all__ = [*_EXPORTS, *_MODULES]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _MODULES or (not name.startswith("_") and find_spec(f"{__name__}.{name}") is not None):
        return import_module(f".{name}", __name__)  # the kit's other modules work too, unlisted
    raise AttributeError(f"module 'medialit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
