"""From any article to a graded exercise set: draft a key, review it, generate the exercises.

Three steps, each one command or one call (``docs/authoring.md`` walks a teacher through them):

1. :func:`~medialit.authoring.draft.draft_key` (``medialit draft-key ARTICLE.txt``): an answer key
   filled from :func:`medialit.analyze`, every entry marked ``draft: true`` with the analysis's own
   explanation (``why``);
2. :func:`~medialit.authoring.review_widget.review_key` (in JupyterLab): the teacher walks through the
   draft entry by entry - accept, correct, delete, add - and every step saves a valid key;
3. :func:`~medialit.authoring.generate.generate_set` (``medialit generate-set``): an exercise master
   whose questions refer to the reviewed key, and its student and solution notebooks;
   :func:`~medialit.authoring.student_copy.student_copy` gives the students' copy (practice or
   assessed).

Nothing heavy is imported until a function is used.

>>> import medialit.authoring
>>> sorted(medialit.authoring.__all__)
['draft_key', 'generate_set', 'review_key', 'student_copy']
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# public function -> the module that holds it
_EXPORTS = {
    "draft_key": "draft",
    "review_key": "review_widget",
    "generate_set": "generate",
    "student_copy": "student_copy",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'medialit.authoring' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
