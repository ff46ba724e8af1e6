"""One broken exercise master must not make every submission 'not an exercise'."""

from __future__ import annotations

import nbformat

from medialit.errors import MedialitError
from medialit.exercises import identify


def test_a_broken_master_hides_only_its_own_set(root, monkeypatch):
    real_get_set = identify.get_set

    def get_set(set_id):
        if set_id == "ex03":
            raise MedialitError("ex03.yaml, at questions/2: broken while a teacher edits it")
        return real_get_set(set_id)

    monkeypatch.setattr(identify, "get_set", get_set)
    identify._fingerprints.cache_clear()
    try:
        ex01 = nbformat.read(
            root / "exercises" / next(p.name for p in (root / "exercises").glob("ex01_*.ipynb")), 4
        )
        ex03 = nbformat.read(
            root / "exercises" / next(p.name for p in (root / "exercises").glob("ex03_*.ipynb")), 4
        )
        assert identify.identify_notebook(ex01) == "ex01"
        assert identify.identify_notebook(ex03) is None
    finally:
        identify._fingerprints.cache_clear()
