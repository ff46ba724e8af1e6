"""Recognise which exercise set a submitted notebook is, from its content, not just its metadata.

Each set's locked cells (title, setup import, question prompts) are rebuilt from the master; a
notebook belongs to the set whose locked cells it contains (by text; cell ids count as a
tie-breaker). Metadata alone never decides: a renamed or re-labelled notebook is still
recognised, and a lesson notebook or a random notebook is not mistaken for an exercise.

>>> from medialit.exercises.build import student_notebook
>>> from medialit.exercises import get_set
>>> identify_notebook(student_notebook(get_set("ex01")))
'ex01'
>>> identify_notebook({"cells": [], "metadata": {"medialit": {"exercise": "ex01"}}}) is None
True
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from ..errors import MedialitError
from ._model import _master_paths, get_set

__all__ = ["THRESHOLD", "identify_notebook"]

THRESHOLD = 0.6  # share of a set's own locked cells that must be present


def _norm(source: Any) -> str:
    if isinstance(source, list):
        source = "".join(s for s in source if isinstance(s, str))
    if not isinstance(source, str):
        return ""
    return re.sub(r"\s+", " ", source[:50_000]).strip()


def _stamp(path: Any) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _fingerprints() -> dict[tuple[str, bool], dict[str, str]]:
    """(set id, typed) -> {cell id: normalised text} of the locked cells that are unique to that set,
    for both kinds of student notebook (forms, and typed answers).

    Worked out again when the sets change (a generated set added, a master edited)."""
    paths = _master_paths()
    return _fingerprints_of(tuple((sid, str(p), _stamp(p)) for sid, p in paths.items()))


@lru_cache(maxsize=4)
def _fingerprints_of(sets: tuple[tuple[str, str, Any], ...]) -> dict[tuple[str, bool], dict[str, str]]:
    from .build import student_notebook

    per_set: dict[tuple[str, bool], dict[str, str]] = {}
    for set_id, _path, _stamp_ in sets:
        for typed in (False, True):
            try:
                nb = student_notebook(get_set(set_id), typed=typed)
            except MedialitError:  # one broken master must not hide every other set
                continue
            per_set[set_id, typed] = {
                c.id: _norm(c.source) for c in nb.cells if c.metadata.get("editable") is False and _norm(c.source)
            }
    owners: dict[str, set[str]] = {}
    for (sid, _), cells in per_set.items():
        for text in cells.values():
            owners.setdefault(text, set()).add(sid)
    return {key: {cid: t for cid, t in cells.items() if owners[t] == {key[0]}} for key, cells in per_set.items()}


_fingerprints.cache_clear = _fingerprints_of.cache_clear  # type: ignore[attr-defined]


def _cells(nb: Any) -> list[tuple[str, str]]:
    try:
        cells = nb.get("cells") if isinstance(nb, dict) else getattr(nb, "cells", None)
    except Exception:
        return []
    if not isinstance(cells, list):
        return []
    out = []
    for cell in cells[:2000]:
        if not isinstance(cell, dict):
            continue
        cid = cell.get("id")
        out.append((cid if isinstance(cid, str) else "", _norm(cell.get("source", ""))))
    return out


def identify_notebook(nb: Any) -> str | None:
    """The id of the exercise set this notebook is (student or solution copy), or None.

    ``nb`` is an ``nbformat.NotebookNode`` (or the same as a plain dict). Never raises.
    """
    try:
        cells = _cells(nb)
        if not cells:
            return None
        texts = {text for _, text in cells if text}
        ids = {cid: text for cid, text in cells if cid}
        best, best_score = None, 0.0
        for (set_id, _), expected in _fingerprints().items():
            if not expected:
                continue
            found = sum(1 for text in expected.values() if text in texts)
            same_id = sum(1 for cid, text in expected.items() if ids.get(cid) == text)
            score = found / len(expected) + 0.01 * same_id / len(expected)
            if score > best_score:
                best, best_score = set_id, score
        return best if best_score >= THRESHOLD else None
    except Exception:
        return None
