"""The shipped solution notebooks, graded exactly as an instructor would grade a class, get full marks."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil

import pytest

from medialit.grading.cli import main


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the grader needs fork (Linux or macOS)")
def test_every_solution_notebook_scores_full_marks_through_medialit_grade(root, tmp_path):
    class_dir = tmp_path / "class" / "teacher"
    class_dir.mkdir(parents=True)
    for nb in sorted((root / "solutions").glob("ex*.ipynb")):
        shutil.copy(nb, class_dir / nb.name)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in class_dir.iterdir()}
    assert len(before) >= 6

    out = tmp_path / "grades"
    assert main([str(tmp_path / "class"), "--out", str(out), "--quiet", "--timeout", "60"]) == 0

    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["exercise"] for r in rows) == sorted(p.split("_")[0] for p in before)
    for row in rows:
        assert row["status"] == "ok", row
        assert float(row["score"]) == float(row["max_score"]) > 0, row
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in class_dir.iterdir()}
    assert after == before
