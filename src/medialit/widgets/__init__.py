"""Interactive widgets (ipywidgets 8) for reading one article closely, with instant, explained feedback.

Six widgets, one function each; every one returns a displayable widget with ``.answer`` (plain JSON
data) and checks against the teacher's answer key, or, for an article without one, against the
automatic analysis (and says so)::

    highlighter(article=None, *, category="source", paragraphs=None, key=None,
                show_answers=True, save_as=None)
    quote_tracker(article=None, *, key=None, save_as=None)
    verb_swap(article=None, *, key=None, save_as=None)
    frame_check(article=None, *, key=None, save_as=None)
    label_lens(article=None, *, key=None, save_as=None)
    timeline(article=None, *, key=None, save_as=None)

Each widget lives in a module named after it (``_highlighter.py``, ``_quote_tracker.py``, ...);
modules load on first use, so ``import medialit.widgets`` imports no ipywidgets. A widget checks
answers with the rule of its kind in :mod:`medialit.scoring`, and saves them with
:mod:`medialit.answers`.

>>> import medialit.widgets
>>> sorted(medialit.widgets.__all__)[:3]
['frame_check', 'highlighter', 'label_lens']
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# public function -> the module that holds it (named after the widget; private, so that a module
# never shadows the function of the same name)
_EXPORTS = {
    "highlighter": "_highlighter",
    "quote_tracker": "_quote_tracker",
    "verb_swap": "_verb_swap",
    "frame_check": "_frame_check",
    "label_lens": "_label_lens",
    "timeline": "_timeline",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'medialit.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
