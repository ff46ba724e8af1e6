"""medialit: read one news article closely — sourcing, attribution and framing.

The public names load lazily, so ``import medialit`` stays cheap and has no side effects.

>>> import medialit
>>> medialit.load_article().date.isoformat()
'2021-12-14'
"""

from __future__ import annotations

from importlib import import_module
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
# modules reachable lazily as medialit.<name>
_MODULES = (
    "widgets",
    "exercises",
    "grading",
    "plots",
    "key",
    "analysis",
    "article",
    "errors",
    "reading",
    "provenance",
    "timeline",
    "quotes",
    "framing",
    "lexicons",
    "sources",
    "attribution",
    "handout",
)

__all__ = [*_EXPORTS, *_MODULES]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _MODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'medialit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
