"""``medialit export`` checked column by column against the formats Canvas and Moodle import, and
``medialit return``: each student's folder holds their own feedback and nothing else."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_class

from medialit.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs fork (Linux or macOS)")


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The graded class with every open answer marked (a private copy for this module)."""
    files = dict(make_class.graded_class(tmp_path_factory))
    grades = tmp_path_factory.mktemp("marked") / "grades"
    shutil.copytree(files["grades"], grades)
    files["grades"] = grades
    files["open"] = make_class.mark_all(grades)
    return files


# -- Canvas ------------------------------------------------------------------------------------------


def test_canvas_export_has_the_columns_and_points_possible_row_canvas_reads(marked, tmp_path):
    out = tmp_path / "canvas.csv"
    argv = ["export", str(marked["grades"]), "--to", "canvas", "--roster", str(marked["canvas-roster"])]
    assert main([*argv, "--out", str(out)]) == 0
    make_class.check_canvas_export(out, marked["open"])


def test_canvas_export_without_a_roster_uses_the_ids_from_the_download(marked, tmp_path):
    out = tmp_path / "canvas.csv"
    assert main(["export", str(marked["grades"]), "--to", "canvas", "--out", str(out)]) == 0
    rows = make_class.read_csv(out)
    from medialit.exercises import get_set

    assert rows[0][5:] == [get_set(s).title for s in make_class.SETS]  # Canvas makes new assignments
    ids = sorted(int(r[1]) for r in rows[2:])
    assert ids == sorted(s.uid for s in make_class.CLASS if s.platform == "canvas")


def test_a_formula_in_a_roster_name_is_written_as_text(marked, tmp_path):
    roster = tmp_path / "roster.csv"
    text = marked["canvas-roster"].read_text(encoding="utf-8").replace('"Okafor, Ben"', '"=HYPERLINK(""x"")"')
    roster.write_text(text, encoding="utf-8")
    out = tmp_path / "canvas.csv"
    argv = ["export", str(marked["grades"]), "--to", "canvas", "--roster", str(roster), "--out", str(out)]
    assert main(argv) == 0
    ben = next(r for r in make_class.read_csv(out) if r[1] == "103")
    assert ben[0] == '\'=HYPERLINK("x")'


# -- Moodle ------------------------------------------------------------------------------------------


def test_moodle_export_is_keyed_by_email_from_the_worksheets(marked, tmp_path):
    out = tmp_path / "moodle.csv"
    argv = ["export", str(marked["grades"]), "--to", "moodle", "--out", str(out)]
    argv += ["--roster", str(marked["worksheet-ex01"]), "--roster", str(marked["worksheet-ex02"])]
    assert main(argv) == 0
    make_class.check_moodle_export(out, marked["open"])


def test_moodle_export_needs_a_roster(marked, tmp_path, capsys):
    assert main(["export", str(marked["grades"]), "--to", "moodle", "--out", str(tmp_path / "m.csv")]) == 2
    assert "--roster" in capsys.readouterr().err


# -- plain -------------------------------------------------------------------------------------------


def test_the_plain_export_has_every_question_and_the_totals(marked, tmp_path):
    from medialit.exercises import get_set

    out = tmp_path / "plain.csv"
    assert main(["export", str(marked["grades"]), "--to", "plain", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read the accents
    rows = make_class.read_csv(out)
    header = rows[0]
    by_student = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    for s in make_class.CLASS:
        for set_id in make_class.SETS:
            key = s.key(set_id, moodle_ambiguous=make_class.moodle_ambiguous(s))
            row = by_student[key]
            open_q = next(q for q in get_set(set_id).questions if not q.auto)
            auto = sum(float(row[f"{set_id}.{q.id}"] or 0) for q in get_set(set_id).questions if q.auto)
            assert auto == make_class.expected_auto(s, set_id)
            assert float(row[f"{set_id}.{open_q.id}"]) == marked["open"].get((key, set_id), 0.0)
            assert float(row[f"{set_id} max"]) == make_class.set_max(set_id)
    lea = by_student["Lea Müller"]
    assert float(lea["total"]) == float(lea["ex01 total"]) + float(lea["ex02 total"])


def test_exports_are_refused_while_answers_are_unmarked(marked, tmp_path, capsys):
    grades = tmp_path / "grades"
    shutil.copytree(marked["grades"], grades)
    (grades / "marks.json").unlink()
    assert main(["export", str(grades), "--to", "plain"]) == 2
    assert "not marked yet (15 in ex01, 15 in ex02)" in capsys.readouterr().err
    assert main(["export", str(grades), "--to", "plain", "--partial"]) == 0


# -- returning feedback --------------------------------------------------------------------------------


def test_each_student_gets_only_their_own_feedback(marked, tmp_path):
    out = tmp_path / "returns"
    assert main(["return", str(marked["grades"]), "--out", str(out)]) == 0
    comments = {key: f"Comment for {key} on {set_id}." for key, set_id in marked["open"]}
    make_class.check_returns(out, comments, forbidden=[str(marked["collected"]), "answers.jsonl"])


def test_only_released_sets_are_returned(marked, tmp_path):
    out = tmp_path / "returns"
    assert main(["return", str(marked["grades"]), "--out", str(out), "--sets", "ex02"]) == 0
    pages = sorted(p.name for p in out.rglob("*.html"))
    assert pages and set(pages) == {"ex02.html"}


def test_unmarked_sets_are_not_returned_by_mistake(marked, tmp_path, capsys):
    grades = tmp_path / "grades"
    shutil.copytree(marked["grades"], grades)
    (grades / "marks.json").unlink()
    assert main(["return", str(grades), "--out", str(tmp_path / "returns")]) == 2
    assert "not marked yet" in capsys.readouterr().err
    assert not (tmp_path / "returns").exists()


def test_feedback_reaches_hub_homes_and_a_planted_link_is_not_followed(tmp_path):
    import json

    homes = tmp_path / "homes"
    for user in ("alice", "mallory"):
        (homes / user).mkdir(parents=True)
        nb = make_class.notebook(make_class.CLASS[0], "ex01")
        (homes / user / "ex01_anatomy.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    (homes / "mallory" / "feedback").symlink_to(victim)
    collected, grades = tmp_path / "collected", tmp_path / "grades"
    assert main(["collect", str(homes), "--homes", "--out", str(collected)]) == 0
    assert main(["grade", str(collected), "--out", str(grades), "--quiet"]) == 0
    make_class.mark_all(grades)
    assert main(["return", str(grades), "--out", str(tmp_path / "returns"), "--homes", str(homes)]) == 0
    page = homes / "alice" / "feedback" / "ex01.html"
    assert "Feedback for alice" in page.read_text(encoding="utf-8")
    assert page.stat().st_mode & 0o777 == 0o600
    assert list(victim.iterdir()) == []  # nothing written through mallory's link


def test_return_never_writes_into_a_folder_it_did_not_make(marked, tmp_path, capsys):
    grades_copy = tmp_path / "grades"
    shutil.copytree(marked["grades"], grades_copy)
    before = sorted(p.name for p in (grades_copy / "feedback").iterdir())
    assert main(["return", str(grades_copy), "--out", str(grades_copy)]) == 2
    assert "not made by medialit return" in capsys.readouterr().err
    assert sorted(p.name for p in (grades_copy / "feedback").iterdir()) == before
    out = tmp_path / "returns"
    assert main(["return", str(grades_copy), "--out", str(out), "--sets", "ex01"]) == 0
    assert main(["return", str(grades_copy), "--out", str(out), "--sets", "ex02"]) == 0  # again: allowed
    assert {p.name for p in out.rglob("*.html")} == {"ex02.html"}  # ex01 withdrawn, not left behind
