"""Every real exercise set through ``medialit grade`` end to end: a complete notebook earns every
auto-graded point, a handed-out one none, and a half-answered one exactly the points of its
correct answers. Built from exercises/ and solutions/ as a student would save them."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "hostile"))
import make_corpus  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs fork (Linux or macOS)")


def _sets() -> list[str]:
    from medialit.exercises import get_set, list_sets

    found = []
    for set_id in list_sets():
        name = get_set(set_id).notebook_name
        if (make_corpus.ROOT / "solutions" / name).is_file() and (
            make_corpus.ROOT / "exercises" / name
        ).is_file():
            found.append(set_id)
    return found


SETS = _sets()


def _half(set_id: str) -> list[str]:
    from medialit.exercises import get_set

    auto = [q.id for q in get_set(set_id).questions if q.auto]
    return auto[::2]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from medialit.grading.cli import main

    base = tmp_path_factory.mktemp("sets")
    subs = base / "subs"
    subs.mkdir()
    for set_id in SETS:
        for kind, nb in (
            ("complete", make_corpus.complete(set_id)),
            ("blank", make_corpus.blank(set_id)),
            ("forms", make_corpus._load("exercises", set_id)),
            ("half", make_corpus.partial(_half(set_id), set_id)),
        ):
            (subs / f"{kind}-{set_id}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    out = base / "out"
    assert main([str(subs), "--out", str(out), "--timeout", "30", "--quiet"]) == 0
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        return {(row["student"], row["exercise"]): row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("set_id", SETS)
def test_a_complete_notebook_earns_every_auto_graded_point(graded, set_id):
    from medialit.exercises import get_set

    row = graded[("complete", set_id)]
    assert row["status"] == "ok"
    assert float(row["score"]) == get_set(set_id).max_points == float(row["max_score"])


@pytest.mark.parametrize("set_id", SETS)
def test_a_handed_out_notebook_earns_nothing(graded, set_id):
    row = graded[("blank", set_id)]
    assert float(row["score"]) == 0
    assert row["status"] in ("ok", "missing-answers")  # missing only where a widget was never used
    forms = graded[("forms", set_id)]  # the forms notebook, never run: nothing saved in it at all
    assert float(forms["score"]) == 0 and forms["status"] == "missing-answers"


@pytest.mark.parametrize("set_id", SETS)
def test_a_half_answered_notebook_earns_exactly_the_points_of_its_correct_answers(graded, set_id):
    from medialit.exercises import get_set

    exercise_set = get_set(set_id)
    kept = set(_half(set_id))
    row = graded[("half", set_id)]
    assert float(row["score"]) == sum(q.points or 0 for q in exercise_set.questions if q.id in kept)
    for q in exercise_set.questions:
        if q.auto:
            assert float(row[f"{set_id}.{q.id}"]) == ((q.points or 0) if q.id in kept else 0), q.id
        else:
            assert row[f"{set_id}.{q.id}"] == "0"  # open question left unanswered: 0, nothing to mark
