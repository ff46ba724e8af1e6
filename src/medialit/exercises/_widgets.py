"""Turn answers saved by ``medialit.widgets`` into the shape a question type scores.

Each widget documents its ``.answer`` format in its docstring. :func:`convert` maps that data to
the answer shape of the question's ``score_as`` type; anything it does not recognise is passed
through unchanged, so the type's scorer reports the wrong shape in its own words.

>>> convert("frame_check", {"type": "frames", "items": [{"item": "C1"}, {"item": "C4"}]},
...         {"items": {"C1": {"answer": True, "evidence": [2]}, "C4": {"answer": None, "evidence": []}}})
{'1': {'answer': True, 'evidence': [2]}}
>>> convert("highlighter", {"type": "marks"}, {"marks": []})
{'marks': []}
"""

from __future__ import annotations

from typing import Any

__all__ = ["convert"]


def _frame_check(score_as: dict[str, Any], data: Any) -> Any:
    """frame_check: ``{"items": {"R1": {"answer": bool | None, "evidence": [int]}}}`` -> frames answer."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        return data
    saved = data["items"]
    out: dict[str, Any] = {}
    for number, item in enumerate(score_as.get("items", []), start=1):
        entry = saved.get(item.get("item"))
        if isinstance(entry, dict) and entry.get("answer") is not None:
            out[str(number)] = {"answer": entry.get("answer"), "evidence": entry.get("evidence") or []}
    return out


def convert(widget: str, score_as: dict[str, Any], data: Any) -> Any:
    """The answer for ``score_as`` from a widget's saved ``data`` (plain JSON data)."""
    if widget == "frame_check" and score_as.get("type") == "frames":
        return _frame_check(score_as, data)
    return data  # highlighter (marks) and quote_tracker (quotes) are scored in their own format
