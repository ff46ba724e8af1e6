"""The student's side: check() and progress() read answers (variables or saved answers), never raise,
escape their HTML, and agree with score_set; widget solutions fit the real widgets.
"""

from __future__ import annotations

import pytest

from medialit.exercises import answer_names, check, get_set, list_sets, progress, score_set
from medialit.exercises.build import solution_answer
from medialit.exercises.student import start


def bind(set_id: str):
    """``check`` and ``progress`` as the notebook's first cell makes them."""
    _, check_, progress_ = start(set_id)
    return check_, progress_


def run(code: str, **namespace):
    """Run ``code`` with ``namespace`` as its globals (standing in for the notebook's variables)."""
    exec(code, namespace)  # noqa: S102 - test helper, our own code strings
    return namespace["result"]


def test_check_reads_the_answer_variable_from_the_notebook_namespace():
    check01, _ = bind("ex01")
    assert run("result = check('q1')", check=check01, q1="b").verdict == "correct"
    assert run("result = check('q1')", check=check01, q1=...).verdict == "unanswered"
    assert run("result = check('q1')", check=check01).verdict == "unanswered"  # variable never assigned


def test_check_accepts_a_value_and_a_set_qualified_name():
    assert check("ex05.q2", "2021-12-13").verdict == "correct"
    assert check("q2", "2021-12-13", set_id="ex05").verdict == "correct"
    assert check("ex05.2", "2021-12-13").verdict == "correct"  # question number works too


def test_check_output_has_text_and_escaped_html_and_no_traceback():
    view = check("ex02.q1", ["<script>alert(1)</script>"])
    text, html = str(view), view._repr_html_()
    assert text.startswith("? Question 2.1 — wrong shape")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Traceback" not in text
    partly = check("ex02.q1", ["a", "b", "c"])
    assert "½" in str(partly) and "½" in partly._repr_html_()  # a text mark, not only a colour
    assert "Hint:" in str(partly)
    assert "Hint:" not in str(check("ex02.q1", ["a", "b", "c", "d"]))


def test_check_verdict_matches_the_graders_score():
    for set_id in list_sets():
        for q in get_set(set_id).questions:
            answer = solution_answer(q)
            mine = check(f"{set_id}.{q.id}", answer).result
            theirs = score_set(set_id, {q.id: answer})[q.id]
            assert mine == theirs


def test_problems_with_the_question_name_are_shown_not_raised():
    unknown = check("ex01.q99", "b")
    assert "has no question 'ex01.q99'" in str(unknown)
    assert "Problem:" in unknown._repr_html_()
    no_set = check("ex77.q1", "b")
    assert "no exercise set" in str(no_set)


def test_progress_shows_every_question_and_the_total():
    _, progress01 = bind("ex01")
    view = run("result = progress()", progress=progress01, q1="b", q2="2021-12-14", q4=[1, 4])
    text = str(view)
    assert "Question 1.9" in text and "teacher-graded" in text
    assert view.result.total == pytest.approx(2 + 2 * 2 / 7, abs=0.01)
    assert "<table" in view._repr_html_() and "<caption" in view._repr_html_()
    assert str(progress("ex03", {})).startswith("Exercise 3 · Said, accused, warned: 0 of 13")


def test_check_reads_a_widget_answer_saved_beside_the_notebook(tmp_path, monkeypatch):
    from medialit import answers

    monkeypatch.chdir(tmp_path)
    check02, _ = bind("ex02")
    assert run("result = check('q6')", check=check02).verdict == "unanswered"
    answers.write_answer("ex02.q6", solution_answer(get_set("ex02").question("q6")))
    assert run("result = check('q6')", check=check02).verdict == "correct"


# ---------------------------------------------------------------- the real widgets


def _widget(question):
    import medialit.widgets

    w = question.widget
    return getattr(medialit.widgets, w["name"])(**w.get("args", {}))


@pytest.mark.parametrize(
    ("set_id", "qid"),
    [(s, q.id) for s in list_sets() for q in get_set(s).questions if q.type == "widget"],
)
def test_widget_solution_answers_fit_the_real_widget_and_score_full_marks(set_id, qid):
    q = get_set(set_id).question(qid)
    widget = _widget(q)
    assert check(f"{set_id}.{qid}", widget.answer).verdict in ("unanswered", "not yet")
    widget._restore(solution_answer(q))
    assert check(f"{set_id}.{qid}", widget.answer).verdict == "correct"


def test_highlighter_marks_made_by_a_student_score_like_the_solution():
    q = get_set("ex02").question("q6")
    h = _widget(q)
    for mark in solution_answer(q)["marks"]:
        h.paragraph.value = mark["paragraph"]
        h.select_words(list(range(mark["start"], mark["end"])))
        h.add_selection()
    assert [m["text"] for m in h.answer["marks"]] == [m["text"] for m in solution_answer(q)["marks"]]
    assert check("ex02.q6", h.answer).verdict == "correct"
    h.paragraph.value = 10
    h.select_words([2])  # "forces": not a source, so a stray mark that costs
    h.add_selection()
    assert check("ex02.q6", h.answer).verdict == "partly"
    h.mark_list.index = len(h.mark_list.options) - 1
    h.remove_mark(h.mark_list.index)
    h.select_words([0])  # "Should": a little word alone, which neither earns nor costs
    h.add_selection()
    assert check("ex02.q6", h.answer).verdict == "correct"


def test_quote_tracker_and_timeline_filled_in_by_a_student_score_full_marks():
    q = get_set("ex03").question("q6")
    tracker = _widget(q)
    for qid, row in q.spec["items"].items():
        tracker.set_row(qid, speaker=row["speaker"], kind=row["kind"], via=row["via"] or "(direct)")
    assert check("ex03.q6", tracker.answer).verdict == "correct"

    q = get_set("ex05").question("q7")
    timeline = _widget(q)
    for rid, row in solution_answer(q)["dates"].items():
        timeline.set_date(rid, row["date"], vague=row["vague"])
    assert check("ex05.q7", timeline.answer).verdict == "correct"


def test_widget_answers_saved_in_a_submitted_notebooks_outputs_score_through_answer_names():
    from medialit import answers as saving

    for set_id in list_sets():
        s = get_set(set_id)
        nb = {"cells": []}
        for q in s.questions:
            if q.type == "widget":
                bundle = saving.answer_bundle(q.save_as, solution_answer(q))
                nb["cells"].append(
                    {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": bundle}]}
                )
        saved = saving.saved_answers(nb)
        names = answer_names(set_id)
        variables = {q.variable: solution_answer(q) for q in s.questions if q.variable}
        answers = {names[name]: value for name, value in {**variables, **saved}.items()}
        result = score_set(set_id, answers)
        assert result.total == result.max_total, set_id


def test_check_with_the_answer_instead_of_the_name_explains_the_quotes():
    check01, _ = bind("ex01")
    for call in ("check(['a', 'b'])", "check()"):
        view = run(f"result = {call}", check=check01, q1="b")
        assert "question's name in quotes" in str(view), call
    view = run("result = check(q1)", check=check01, q1="b")  # the answer "b" passed as the name
    assert "has no question 'b'" in str(view) and 'in quotes, like check("q3")' in str(view)
