"""Generated sets are graded like the built-in ones: through `medialit grade --course`, the solutions
score full marks, the blank notebooks zero, and a set of wrong answers exactly the partial score the
rules give; the generated notebooks run without errors."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from authoring_support import (  # noqa: F401 (autouse fixture)
    _sets_kept_apart,
    build_course,
    reviewed_copy,
    sets_kept_apart,
)

from medialit.exercises import get_set
from medialit.exercises.build import solution_answer
from medialit.grading.cli import main as grade

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the grader needs fork (Linux or macOS)")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    with sets_kept_apart():
        root = tmp_path_factory.mktemp("course")
        yield root, build_course(root)


def _wrong(q) -> tuple[object, float]:
    """An answer with some right and some wrong parts, and the share (0-1) the question's rule gives it
    (docs/scoring.md), worked out from the question's own targets."""
    full = solution_answer(q)
    spec = q.spec
    if q.kind == "marks":  # one phrase left unmarked, no stray mark
        marks = full["marks"][:-1]
        return {**full, "marks": marks}, len(marks) / len(spec["targets"])
    if q.kind == "quotes":  # every speaker wrong: two of three boxes right in each row
        rows = {k: {**v, "speaker": "Nobody In Particular"} for k, v in full["quotes"].items()}
        return {**full, "quotes": rows}, 2 / 3
    if q.kind == "match":  # the first item matched to a wrong option
        first = full[1]
        wrong = next(letter for letter in spec["options"] if letter != first)
        return {**full, 1: wrong}, (len(full) - 1) / len(full)
    if q.kind == "verbs":  # the last judgement wrong
        records = [dict(r) for r in full["records"]]
        records[-1]["judgement"] = next(j for j in ("neutral", "distancing") if j != records[-1]["judgement"])
        return {**full, "records": records}, (len(records) - 1) / len(records)
    if q.kind == "frames":  # every "yes" without evidence: half a share each
        assert not any(it["either_ok"] for it in spec["items"])
        items = {k: {**v, "evidence": [], "evidence_text": ""} for k, v in full["items"].items()}
        yes = sum(1 for it in spec["items"] if it["answer"])
        return {**full, "items": items}, (len(items) - yes + yes / 2) / len(items)
    if q.kind == "timeline":  # everything "too vague to date"
        dates = {k: {**v, "date": None, "vague": True} for k, v in full["dates"].items()}
        vague = sum(1 for it in spec["items"].values() if it["answer"] == "vague" or it.get("vague_ok"))
        return {**full, "dates": dates}, vague / len(dates)
    if q.kind == "multi":  # every right option and one wrong one
        wrong = next(letter for letter in spec["options"] if letter not in spec["answer"])
        return [*full, wrong], (len(full) - 1) / len(full)
    raise AssertionError(q.kind)


def _with_answers(nb, s):
    """The student notebook with the wrong answers saved in each question's cell, as its form or widget
    saves them when the student answers."""
    from medialit.answers import answer_bundle

    expected = 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("medialit", {})
        if meta.get("role") not in ("answer", "widget", "form") or "question" not in meta:
            continue
        q = s.question(meta["question"])
        answer, share = ("An answer for the teacher to read.", 0) if q.type == "open" else _wrong(q)
        cell.outputs = [nbformat.v4.new_output("display_data", data=answer_bundle(q.save_as, answer))]
        expected += 0 if q.points is None else round(q.points * share, 2)
    return nb, round(expected, 2)


def test_solutions_score_full_marks_blank_notebooks_zero_and_wrong_answers_the_expected_share(
    course, tmp_path
):
    root, made = course
    subs = tmp_path / "class"
    expected = {}
    for generated in made.values():
        s = get_set(generated.set_id)
        student = nbformat.read(root / "exercises" / s.notebook_name, 4)
        for who, nb in (
            ("teacher", nbformat.read(root / "solutions" / s.notebook_name, 4)),
            ("blank", student),
            ("wrong", _with_answers(nbformat.read(root / "exercises" / s.notebook_name, 4), s)[0]),
        ):
            folder = subs / f"{who}-{s.id}"
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / s.notebook_name)
        expected[s.id] = {
            "teacher": s.max_points,
            "blank": 0.0,
            "wrong": _with_answers(nbformat.read(root / "exercises" / s.notebook_name, 4), s)[1],
        }
        assert 0 < expected[s.id]["wrong"] < s.max_points
    out = tmp_path / "grades"
    assert grade([str(subs), "--course", str(root), "--out", str(out), "--quiet", "--timeout", "90"]) == 0
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 * len(made)
    for row in rows:
        who, set_id = row["student"].split("-", 1)
        assert row["exercise"] == set_id, row
        assert float(row["score"]) == pytest.approx(expected[set_id][who], abs=0.005), row
        assert float(row["max_score"]) == get_set(set_id).max_points
        assert row["status"] in (("ok",) if who != "blank" else ("ok", "missing-answers")), row
    feedback = sorted(p.name for p in (out / "feedback").glob("*.html"))
    assert len(feedback) == len(rows)

    # The round trip (mark, export, return) finds the generated sets through the grader's record,
    # wherever it is run from and without being told where the sets are.
    from medialit.errors import MedialitError
    from medialit.exercises import _course
    from medialit.grading.export import main as export
    from medialit.grading.marks import open_max

    with sets_kept_apart() as mp:
        mp.setattr(_course, "_registered", [])
        mp.delenv(_course.ENV, raising=False)
        for set_id in expected:
            with pytest.raises(MedialitError):
                get_set(set_id)
        assert export([str(out), "--to", "plain", "--partial", "--out", str(tmp_path / "plain.csv")]) == 0
        with open(tmp_path / "plain.csv", encoding="utf-8-sig") as handle:
            exported = list(csv.DictReader(handle))
        assert len(exported) == len(rows)
        for row in exported:
            who, set_id = row["student"].split("-", 1)
            assert float(row[f"{set_id} total"]) == pytest.approx(expected[set_id][who], abs=0.005), row
            s = get_set(set_id)  # found again: through the record's set folder
            teacher_marked = sum(open_max(q) for q in s.questions if q.points is None)
            assert float(row[f"{set_id} max"]) == s.max_points + teacher_marked


@pytest.mark.slow
def test_the_generated_notebooks_run_from_their_course_folder_without_errors(course):
    from nbclient import NotebookClient

    root, made = course
    for generated in made.values():
        s = get_set(generated.set_id)
        for folder in ("exercises", "solutions"):
            nb = nbformat.read(root / folder / s.notebook_name, 4)
            NotebookClient(
                nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(root / folder)}}
            ).execute()
            outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
            problems = [o for o in outputs if o.get("output_type") == "error" or o.get("name") == "stderr"]
            assert problems == [], (s.id, folder, problems[:1])
            checks = [
                o["data"]["text/plain"]
                for o in outputs
                if "Question " in o.get("data", {}).get("text/plain", "")
            ]
            assert len(checks) >= len(s.questions)
            if folder == "solutions":
                assert all(
                    c.startswith(("✓", "✎"))
                    for c in checks
                    if c.lstrip().startswith(("✓", "½", "✗", "✎", "…", "?"))
                ), s.id


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox probe needs Linux")
def test_no_generated_set_is_in_a_submission_s_sandbox_even_in_a_folder_the_sandbox_binds(tmp_path):
    from medialit.authoring.generate import generate_set
    from medialit.exercises import _course
    from medialit.grading._sandbox import answer_files, kit_locations
    from medialit.grading.runner import Job, Runner

    # A course inside Python's own folder, which every sandbox binds read-only: its sets must be covered.
    try:
        inside = Path(tempfile.mkdtemp(prefix="medialit-test-course-", dir=sys.prefix)).resolve()
    except OSError:
        pytest.skip(f"cannot write into Python's folder {sys.prefix}")
    inside.chmod(0o755)  # readable by all, as a course folder is (a sandbox's own uid could read it)
    try:
        article = reviewed_copy(inside / "articles", "voa-asean-ministers-2009-07-22")
        made = generate_set(article, course=inside, set_id="sandbox-probe")  # apart from other tests' sets
        _course.use_sets(inside / "sets")
        secret = [
            made.master.resolve(),
            made.folder.resolve() / f"{article.stem}.key.yaml",
            inside / "solutions" / made.notebooks[-1].name,
        ]
        assert all(p.exists() for p in secret)
        assert set(map(str, secret)) <= set(answer_files())  # what the worker's probe checks is absent
        assert str(made.folder.resolve()) in kit_locations()  # what the sandbox covers
        assert str(made.folder.resolve() / article.name) not in answer_files()  # the article is public
        probe = (
            "import os\nfrom medialit import exercises\n"
            f"q1 = [p for p in {[str(p) for p in secret]!r} if os.path.exists(p)]\n"
            "q2 = exercises.list_sets()\nq3 = sorted(os.environ)\n"
        )
        cells = tmp_path / "probe.json"
        cells.write_text(json.dumps([probe]))
        names = {q: q for q in ("q1", "q2", "q3")}
        with Runner(jobs=1, timeout=60, memory_mb=1024, private=[tmp_path]) as runner:
            [(_, outcome)] = list(runner.run([Job("probe", cells, names, 1)]))
            isolation = runner.isolation
        assert outcome.status == "finished", outcome
        assert outcome.answers["q2"] == [] and _course.ENV not in outcome.answers["q3"]
        if isolation["mode"] != "weak":  # weak mode reads every file the teacher can (docs/grading.md)
            assert outcome.answers["q1"] == []
            assert isolation["answers"] == "not in the sandbox"
    finally:
        shutil.rmtree(inside, ignore_errors=True)


def test_a_file_named_after_a_generated_set_belongs_to_the_student_in_its_name(course):
    from medialit.grading._discover import student_from_filename

    _, made = course
    s = get_set(made["voa-asean-chief-2013-01-09"].set_id)
    assert student_from_filename(f"alice_{s.notebook_name}", "class") == "alice"
    assert student_from_filename(f"{s.id} - Bob Smith.ipynb", "class") == "Bob Smith"
    assert student_from_filename(s.notebook_name, "carol") == "carol"


def test_collect_takes_a_generated_set_s_notebooks_from_a_hub_s_homes_given_the_course(course, tmp_path):
    from medialit.exercises import _course
    from medialit.grading.collect import main as collect

    root, made = course
    s = get_set(made["voa-asean-ministers-2009-07-22"].set_id)
    homes = tmp_path / "homes"
    (homes / "dana" / "course" / "exercises").mkdir(parents=True)
    shutil.copyfile(
        root / "solutions" / s.notebook_name, homes / "dana" / "course" / "exercises" / "mine.ipynb"
    )
    with sets_kept_apart() as mp:  # a teacher elsewhere, who has not told the kit where the sets are
        mp.setattr(_course, "_registered", [])
        mp.delenv(_course.ENV, raising=False)
        assert collect([str(homes), "--homes", "--out", str(tmp_path / "without")]) == 0
        assert list((tmp_path / "without").rglob("*.ipynb")) == []  # not an exercise set, as far as it knows
        assert collect([str(homes), "--homes", "--course", str(root), "--out", str(tmp_path / "with")]) == 0
        assert [
            p.relative_to(tmp_path / "with").as_posix() for p in (tmp_path / "with").rglob("*.ipynb")
        ] == [f"dana/{s.notebook_name}"]
        assert collect([str(homes), "--homes", "--course", str(tmp_path / "nowhere"), "--out", "x"]) == 2
