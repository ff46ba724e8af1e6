"""Read answers saved by ``medialit.widgets`` and turn them into the shape a question type scores.

Each widget documents its ``.answer`` format in its docstring; :func:`convert` maps that data to
the answer shape of the question's ``score_as`` type. Unknown data is passed through unchanged,
so the type's scorer reports the wrong shape in its own words.

>>> convert("highlighter", {"type": "paragraphs"}, [5, 6])
[5, 6]
"""

from __future__ import annotations

from typing import Any

__all__ = ["convert"]


def convert(widget: str, score_as: dict[str, Any], data: Any) -> Any:
    """The answer for ``score_as`` from a widget's saved ``data`` (plain JSON data)."""
    return data
