"""Assessed sets: a master stripped of every answer-bearing field loads sealed, and nothing shows a
verdict for it; a copy of the kit without a set's master still runs its notebook and never raises.
Typed answers: a failed answer cell gets a kit message, and check() says the cell did not run.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import nbformat
import pytest
import yaml

import medialit.widgets as mw
from medialit.exercises import ANSWER_FIELDS, _model, check, get_set, list_sets, score_question
from medialit.exercises.build import render, solution_answer, student_notebook
from medialit.exercises.results import SEALED_NOTE
from medialit.exercises.sealed import sealed_data, sealed_master, strip_answers
from medialit.forms import form

ROOT = Path(__file__).resolve().parents[1]


def use_masters(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(_model, "masters_dir", lambda: folder)
    _model._master_paths.cache_clear()
    _model._SETS.clear()


def write_master(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def sealed_kit(tmp_path, monkeypatch):
    """Every set's master, sealed by sealed_master() (the full ones are read first, for the tests)."""
    full = {s: get_set(s) for s in list_sets()}
    folder = tmp_path / "masters"
    folder.mkdir()
    for s in full.values():
        (folder / s.path.name).write_text(sealed_master(s.id), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    use_masters(folder, monkeypatch)
    yield full
    _model._master_paths.cache_clear()
    _model._SETS.clear()


@pytest.fixture
def no_masters(tmp_path, monkeypatch):
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    use_masters(folder, monkeypatch)
    yield
    _model._master_paths.cache_clear()
    _model._SETS.clear()


def test_a_stripped_master_loads_sealed_without_touching_the_key(sealed_kit, monkeypatch):
    import medialit.key

    def no_key(*args, **kwargs):
        raise AssertionError("a sealed set must not read the answer key")

    monkeypatch.setattr(medialit.key, "answer_key", no_key)
    for set_id in list_sets():
        s = get_set(set_id)
        assert s.sealed and all(q.sealed for q in s.questions)
        assert [q.id for q in s.questions] == [q.id for q in sealed_kit[set_id].questions]
        for q in s.questions:
            assert "answer" not in q.spec and "targets" not in q.spec and "accept" not in q.spec


def test_a_sealed_master_is_its_master_without_any_answer_bearing_field(sealed_kit, tmp_path):
    def keys(node):
        if isinstance(node, dict):
            return set(node) | {k for v in node.values() for k in keys(v)}
        if isinstance(node, list):
            return {k for v in node for k in keys(v)}
        return set()

    for s in sealed_kit.values():
        full = yaml.safe_load(s.path.read_text(encoding="utf-8"))
        sealed = yaml.safe_load((tmp_path / "masters" / s.path.name).read_text(encoding="utf-8"))
        assert not keys(sealed) & set(ANSWER_FIELDS), s.id
        for raw in sealed["questions"]:  # a frames question lists the questions its targets asked
            if s.question(raw["id"]).kind == "frames":
                asked = [it["item"] for it in s.question(raw["id"]).spec["items"]]
                assert [it["item"] for it in raw.pop("items")] == asked
        assert sealed == strip_answers(full) and keys(full) & set(ANSWER_FIELDS)


def test_the_student_notebook_of_a_sealed_set_is_the_practice_sets_notebook(sealed_kit):
    for set_id, full in sealed_kit.items():
        assert render(student_notebook(get_set(set_id))) == render(student_notebook(full)), set_id
        typed = render(student_notebook(get_set(set_id), typed=True))
        assert typed == render(student_notebook(full, typed=True)), set_id


def test_a_master_missing_only_some_answers_is_an_error_not_a_sealed_set(sealed_kit, tmp_path):
    from medialit.errors import MedialitError

    s = sealed_kit["ex01"]
    data = yaml.safe_load(s.path.read_text(encoding="utf-8"))
    del data["questions"][0]["answer"]  # a teacher forgot one answer
    write_master(tmp_path / "masters" / s.path.name, data)
    with pytest.raises(MedialitError, match="answer"):
        get_set("ex01")


def test_a_frames_questions_listed_items_must_be_the_ones_its_targets_ask(sealed_kit, tmp_path):
    from medialit.errors import MedialitError

    s = sealed_kit["ex04"]
    data = yaml.safe_load(s.path.read_text(encoding="utf-8"))
    sealed = sealed_data(s)
    q2 = next(i for i, q in enumerate(data["questions"]) if q["id"] == "q2")
    data["questions"][q2]["items"] = sealed["questions"][q2]["items"][::-1]  # same items, another order
    write_master(tmp_path / "masters" / s.path.name, data)
    with pytest.raises(MedialitError, match="make them the same"):
        get_set("ex04")
    data["questions"][q2]["items"] = sealed["questions"][q2]["items"]
    write_master(tmp_path / "masters" / s.path.name, data)
    assert get_set("ex04").question("q2").spec["items"] == s.question("q2").spec["items"]


def test_no_verdict_for_a_sealed_question_only_saved_and_well_formed_or_the_shape(sealed_kit):
    for set_id, full in sealed_kit.items():
        for q_full in full.questions:
            q = get_set(set_id).question(q_full.id)
            right = solution_answer(q_full)
            result = score_question(q, right if right is not None else "An answer.")
            assert result.verdict == "open" and result.points is None, (set_id, q.id)
            if q.type != "open":
                assert result.feedback == SEALED_NOTE
            assert score_question(q, None).verdict == "unanswered"
            assert score_question(q, 12345 if q.kind != "number" else "twelve").verdict == "wrong shape", q.id


def test_check_progress_and_a_forms_check_show_no_verdict_for_a_sealed_set(sealed_kit):
    assert check("ex01.q1", "b").verdict == "open" and SEALED_NOTE in str(check("ex01.q1", "b"))
    assert check("ex01.q1", "zz").verdict == "wrong shape"  # the shape check still runs
    f = form("ex01.q1")
    f.control.radio.value = "b"
    assert f.check().verdict == "open" and "your teacher will mark it" in f.feedback.value
    assert "✓" not in f.feedback.value and "correct" not in f.feedback.value
    from medialit.exercises import progress

    view = progress("ex01", {"q1": "b", "q2": "2021-12-14"})
    assert "Your teacher marks this set" in str(view) and view.result.total == 0
    frames = form("ex04.q2")  # the frame questions it asks, though its targets are gone
    asked = [it["item"] for it in sealed_kit["ex04"].question("q2").spec["items"]]
    assert list(frames.control.toggles) == asked
    frames.control.toggles["C1"].value = True
    assert frames.check().verdict == "open"


def test_the_widgets_check_shows_no_verdict_and_no_feedback_per_item_for_a_sealed_set(sealed_kit):
    timeline = mw.timeline(save_as="ex05.q7")
    assert timeline.sealed
    rid = next(iter(timeline.pickers))
    timeline.set_date(rid, dt.date(2021, 12, 14))
    assert timeline.row_feedback[rid].value == ""  # no instant right/wrong
    timeline.check()
    assert timeline.last_result.verdict == "open" and SEALED_NOTE in timeline.feedback.value
    tracker = mw.quote_tracker(save_as="ex03.q6")
    tracker.set_row(tracker.rows[0]["id"], speaker="Vladimir Putin")
    tracker.check()
    assert all(fb.value == "" for fb in tracker.row_feedback.values())
    assert tracker.last_result.verdict == "open"
    highlighter = mw.highlighter(category="source", paragraphs=list(range(10, 16)), save_as="ex02.q6")
    assert highlighter.answers_button not in [
        c for box in highlighter.children for c in getattr(box, "children", ())
    ]
    frames = mw.frame_check(save_as="ex04.q7")
    frames.toggles["R1"].value = True
    frames.compare()
    assert (
        all(fb.value == "" for fb in frames.item_feedback.values()) and SEALED_NOTE in frames.feedback.value
    )


def test_without_the_sets_master_start_check_progress_and_form_work_and_say_what_is_saved(no_masters):
    from medialit.answers import write_answer
    from medialit.exercises.student import start

    article, check03, progress03 = start("ex03")
    assert article.id == "putin-nato-talks-2021-12-14"
    ns = {"check": check03, "progress": progress03}
    exec("result = check('q3')", ns)  # noqa: S102 - the notebook's namespace, standing in
    assert "is not saved yet" in str(ns["result"])
    write_answer("ex03.q3", "c")
    ns["q1"] = {1: "a"}
    exec("result = check('q3')", ns)  # noqa: S102
    assert str(ns["result"]) == "✎ q3: your answer is saved; your teacher will mark it."
    exec("result = progress()", ns)  # noqa: S102
    assert "q1, q3" in str(ns["result"])
    shown = form("ex03.q3")
    assert "cannot show the form" in str(shown) and "is saved in this notebook" in str(shown)
    assert shown.saved == "c"  # shown again, so the record stays in the notebook file


# ---------------------------------------------------------------- typed answers in a real kernel


def _run(nb, workdir: Path):
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=90, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(workdir)}}).execute()  # fmt: skip
    return nb


def _texts(cell) -> str:
    return "\n".join(
        json.dumps(o.get("data", {})) + o.get("text", "") + "".join(o.get("traceback", []))
        for o in cell.outputs
    )


@pytest.mark.slow
def test_a_failed_answer_cell_gets_a_kit_message_and_check_says_it_did_not_run(tmp_path):
    nb = student_notebook(get_set("ex01"), typed=True)
    cells = [nb.cells[0]] + [
        nbformat.v4.new_code_cell(src)
        for src in (
            "q1 = b",  # letters without quotes
            'check("q1")',
            'q6 = "immediate',  # a missing quote
            'check("q6")',
            "undefined_name + 1",  # not an answer cell: IPython's usual traceback
            'q1 = "b"',
            'check("q1")',
        )
    ]
    nb.cells = cells
    _run(nb, tmp_path)
    out = [_texts(c) for c in nb.cells]
    assert "Python read b as a name" in out[1] and 'q1 = \\"b\\"' in out[1] and "Traceback" not in out[1]
    assert all(o.output_type != "error" for o in nb.cells[1].outputs)
    assert "did not run" in out[2] and "unanswered" not in out[2]
    assert "usually a missing quotation mark" in out[3] and "Traceback" not in out[3]
    assert "did not run" in out[4]
    assert any(o.output_type == "error" and o.ename == "NameError" for o in nb.cells[5].outputs)
    assert "correct" in out[7] and "did not run" not in out[7]


@pytest.mark.slow
def test_a_form_notebook_runs_and_its_forms_restore_after_a_restart(tmp_path):
    nb = student_notebook(get_set("ex03"))
    path = tmp_path / "ex03.ipynb"
    nbformat.write(nb, path)
    from medialit.answers import write_answer

    write_answer("ex03.q3", "c", tmp_path)  # answered before the restart
    _run(nb, tmp_path)
    cell = next(c for c in nb.cells if c.id == "ex03-q3-form")
    mime = "application/vnd.medialit.answer+json"
    record = [o["data"][mime] for o in cell.outputs if mime in o.get("data", {})]
    assert record[-1] == {"question": "ex03.q3", "answer": "c"}
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
