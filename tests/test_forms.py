"""Forms (medialit.forms): every kind of question answered by clicking and typing, saved like widget
answers, checked by the same scorer, named for screen readers, and honest about what the saved
notebook file holds.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from exercise_cases import form_answer

from medialit.answers import ANSWER_MIME, answer_bundle, load_answer, saved_answers
from medialit.exercises import check, get_set, list_sets, score_question
from medialit.exercises.build import solution_answer
from medialit.forms import answer, form
from medialit.forms._saved import saved_state

FORM_QUESTIONS = [(s, q.id) for s in list_sets() for q in get_set(s).questions if q.type != "widget"]
KINDS = sorted({get_set(s).question(q).kind for s, q in FORM_QUESTIONS})


@pytest.fixture(autouse=True)
def _in_a_temp_folder(tmp_path, monkeypatch):
    """Forms write .medialit-answers/ into the working directory: each test gets its own."""
    monkeypatch.chdir(tmp_path)


def saved_bundle(f) -> dict:
    """What the form's answer output holds (the record saved into the notebook)."""
    return f._saver.bundle(f._saver.answer)[ANSWER_MIME]


def notebook_holding(path: Path, records: dict, sources: tuple[str, ...] = ()) -> Path:
    """A notebook file whose form cells hold ``records`` (question -> answer) in their outputs, as a
    built exercise notebook's do, and whose other cells are ``sources``."""
    cells = [
        {
            "cell_type": "code",
            "source": f'form("{q.split(".", 1)[1]}")',
            "metadata": {"medialit": {"role": "form", "question": q.split(".", 1)[1], "save_as": q}},
            "outputs": [{"output_type": "display_data", "metadata": {}, "data": answer_bundle(q, a)}],
        }
        for q, a in records.items()
    ]
    cells += [{"cell_type": "code", "source": src, "metadata": {}, "outputs": []} for src in sources]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


# ---------------------------------------------------------------- one kind after another, by clicking


def test_a_choice_form_is_radio_buttons_and_its_check_says_what_check_says():
    f = form("ex03.q3")
    assert [v for _, v in f.control.radio.options] == ["a", "b", "c", "d"]
    assert f.answer is None and f.check().verdict == "unanswered"
    f.control.radio.value = "a"  # a click on option a
    assert load_answer("ex03.q3") == "a" and saved_bundle(f) == {"question": "ex03.q3", "answer": "a"}
    f.check_button.click()
    assert f.last_result == check("ex03.q3", "a").result
    assert f.last_result.verdict == "not yet" and "Look at who accuses whom" in f.feedback.value
    f.control.radio.value = "c"
    assert f.feedback.value == ""  # a verdict for the old answer is gone
    assert f.check().verdict == "correct"


def test_a_several_choices_form_is_checkboxes():
    f = form("ex02.q1")
    right = solution_answer(f.question)
    for letter in right:
        f.control.boxes[letter].value = True
    assert f.answer == sorted(right) and load_answer("ex02.q1") == sorted(right)
    assert f.check().verdict == "correct"
    wrong = next(k for k in f.control.boxes if k not in right)
    f.control.boxes[wrong].value = True
    assert f.check() == check("ex02.q1", [*right, wrong]).result
    assert f.last_result.verdict == "partly"


def test_a_matching_form_is_a_dropdown_per_item():
    f = form("ex03.q1")
    items = f.question.spec["items"]
    assert len(f.control.dropdowns) == len(items)
    for i, d in f.control.dropdowns.items():
        d.value = items[int(i) - 1]["answer"]
    assert f.check().verdict == "correct"
    f.control.dropdowns["1"].value = None  # back to "— choose —"
    assert "1" not in f.answer and f.check().verdict == "partly"


def test_a_paragraph_form_shows_each_paragraphs_number_and_first_words():
    f = form("ex03.q2")
    labels = [box.description for box in f.control.boxes.values()]
    assert labels[0].startswith("¶0 (headline): Putin wants") and labels[2].startswith("¶2: ")
    assert len(labels) == 17 and all(len(lab.split()) <= 12 for lab in labels)
    for p in (2, 3, 8, 16):
        f.control.boxes[p].value = True
    assert f.answer == [2, 3, 8, 16] and f.check().verdict == "correct"


def test_a_date_form_gives_a_day_a_span_or_too_vague():
    f = form("ex05.q1")  # "last week": a span
    f.control.first.value = dt.date(2021, 12, 7)
    assert f.answer == "2021-12-07" and f.check().verdict == "partly"
    f.control.last.value = dt.date(2021, 12, 12)
    f.control.first.value = dt.date(2021, 12, 6)
    assert f.answer == ["2021-12-06", "2021-12-12"] and f.check().verdict == "correct"
    f.control.vague.value = True
    assert f.answer == "vague"
    assert f.check() == check("ex05.q1", "too vague").result
    assert f.last_result.verdict == "not yet"  # a readable answer, not "wrong shape"


def test_a_form_for_several_dates_has_a_date_row_per_item():
    from medialit.exercises import Question
    from medialit.forms._form import Form

    spec = {"items": [{"text": "Tuesday", "paragraph": 1, "answer": "2021-12-14"},
                      {"text": "For weeks", "paragraph": 2, "answer": "vague"}]}  # fmt: skip
    q = Question(id="q1", type="dates", number="9.1", title="", prompt="?", points=2, kind="dates", spec=spec,
                 set_id="demo")  # fmt: skip
    f = Form(q)
    f.control.rows["1"].first.value = dt.date(2021, 12, 14)
    f.control.rows["2"].vague.value = True
    assert f.answer == {"1": "2021-12-14", "2": "vague"}
    assert f.check().verdict == "correct" and load_answer("demo.q1") == f.answer


def test_number_and_short_text_forms_are_text_boxes():
    number = form("ex02.q4")
    number.control.text.value = "1"
    assert number.answer == 1 and number.check().verdict == "correct"
    number.control.text.value = "one"
    assert number.check().verdict == "wrong shape"  # said plainly, and still saved
    assert load_answer("ex02.q4") == "one"
    short = form("ex03.q7")
    short.control.text.value = "“What they say.”"
    assert short.check().verdict == "correct"


def test_a_long_text_form_wraps_counts_words_and_shows_the_rubric():
    f = form("ex03.q8")
    assert f.control.area.layout.width == "100%"
    assert "The rubric your teacher marks this with" in f.control.widget.children[-1].value
    f.control.area.value = "Putin also said the Ukrainian administration is using drones."
    assert "9 words" in f.control.count.value and "aim for at least 30" in f.control.count.value
    assert f.check().verdict == "open" and load_answer("ex03.q8").startswith("Putin also said")


def test_a_frames_form_is_yes_or_no_and_evidence_paragraphs_per_item():
    f = form("ex04.q2")
    items = f.question.spec["items"]
    assert list(f.control.toggles) == [it["item"] for it in items]
    for it in items:
        f.control.toggles[it["item"]].value = it["answer"]
        if it["answer"]:
            f.control.evidence[it["item"]].value = ", ".join(map(str, it["evidence"]))
    assert f.check().verdict == "correct"
    assert f.check() == check("ex04.q2", solution_answer(f.question)).result  # typed and form agree


@pytest.mark.parametrize(("set_id", "qid"), FORM_QUESTIONS)
def test_every_form_question_takes_its_full_marks_answer_and_saves_it(set_id, qid):
    q = get_set(set_id).question(qid)
    f = form(f"{set_id}.{qid}")
    given = solution_answer(q) if q.type != "open" else "My answer. " * 20
    f.control.set(form_answer(q, given))
    assert f.check().verdict == ("open" if q.type == "open" else "correct")
    assert f.check() == score_question(q, f.answer)
    assert load_answer(q.save_as) == json.loads(json.dumps(f.answer)) == saved_bundle(f)["answer"]


def test_every_kind_of_typed_question_has_a_form():
    assert set(KINDS) == {
        "choice",
        "date",
        "frames",
        "match",
        "multi",
        "number",
        "open",
        "paragraphs",
        "short",
    }


def test_a_widget_question_shows_its_widget_saving_under_the_question():
    w = form("ex03.q6")
    assert type(w).__name__ == "QuoteTracker" and w.save_as == "ex03.q6" and w.question.id == "q6"


# ---------------------------------------------------------------- restart, reopen, names


def test_a_rerun_cell_puts_the_last_answer_back_from_the_answers_folder():
    f = form("ex01.q1")
    f.control.radio.value = "b"
    again = form("ex01.q1")  # a restarted kernel runs the cell again
    assert again.control.radio.value == "b" and again._saver.answer == "b"


def test_a_reopened_notebook_without_the_answers_folder_takes_the_answer_from_the_notebook_file(tmp_path):
    path = notebook_holding(tmp_path / "ex01.ipynb", {"ex01.q1": "b"})
    from medialit.forms._form import Form

    f = Form(get_set("ex01").question("q1"), notebook=path)
    assert f.answer == "b" and f.state.state == "saved"


def test_every_input_has_its_own_accessible_name_and_feedback_is_announced():
    f = form("ex03.q1")
    rules = f.aria.rules
    labels = [r["attrs"]["aria-label"] for r in rules if "aria-label" in r["attrs"]]
    assert "Your answer to Question 3.1" in labels
    for i in range(1, len(f.control.dropdowns) + 1):
        assert f"Question 3.1, item {i}: option" in labels
    assert len(set(labels)) == len(labels)
    live = [r for r in rules if r["attrs"].get("aria-live") == "polite"]
    assert {r["cls"] for r in live} == {"mlf-feedback", "mlf-saved"}
    for widget in f.control.inputs:  # each input carries the class its rule finds it by
        assert any(r["cls"] in widget._dom_classes for r in rules)
    radio = form("ex03.q3").aria.rules
    assert any(r["attrs"].get("role") == "radiogroup" and r["sel"] == ".widget-radio-box" for r in radio)


def test_colour_is_never_the_only_signal_in_the_saved_line(tmp_path):
    path = notebook_holding(tmp_path / "ex01.ipynb", {"ex01.q1": "b"})
    for answer_, symbol, words in (("b", "✓", "Saved in the notebook file"), ("c", "💾", "press Ctrl+S")):
        html = saved_state("ex01.q1", answer_, path).html
        assert symbol in html and words in html


# ---------------------------------------------------------------- what the teacher gets


def test_the_saved_line_says_recorded_until_the_file_holds_the_answer(tmp_path):
    from medialit.forms._form import Form

    path = notebook_holding(tmp_path / "ex03.ipynb", {})
    f = Form(get_set("ex03").question("q3"), notebook=path)
    assert f.saved_line.value == ""  # nothing answered, nothing saved
    f.control.radio.value = "c"
    assert f.state.state == "recorded" and "press Ctrl+S (File ▸ Save Notebook)" in f.saved_line.value
    notebook_holding(path, {"ex03.q3": "c"})  # the student saves
    f.refresh_saved()  # what the watcher does about once a second
    assert f.state.state == "saved" and "✓" in f.saved_line.value
    f.control.radio.value = "a"
    assert f.state.state == "recorded"


def test_without_a_notebook_file_the_saved_line_says_to_save_before_handing_in():
    f = form("ex03.q3")
    f.control.radio.value = "c"
    assert f.state.state == "unknown" and "before you hand it in" in f.saved_line.value


def test_check_and_progress_score_what_the_saved_file_holds_and_say_when_the_kernel_differs(tmp_path):
    from medialit.answers import write_answer
    from medialit.exercises.student import start

    _, check03, progress03 = start("ex03")
    path = notebook_holding(tmp_path / "ex03.ipynb", {"ex03.q3": "c"}, ('q4 = "b"',))
    ns = {"check": check03, "progress": progress03, "__session__": str(path)}
    exec("result = check('q3')", ns)  # noqa: S102 - the notebook's namespace, standing in
    assert ns["result"].verdict == "correct" and not ns["result"].note
    write_answer("ex03.q3", "a")  # the form now shows "a", not yet saved
    exec("result = check('q3')", ns)  # noqa: S102
    assert ns["result"].verdict == "correct" and "not in the saved notebook file yet" in ns["result"].note
    write_answer("ex03.q5", "a")  # answered in the form, never saved
    exec("result = check('q5')", ns)  # noqa: S102
    assert ns["result"].verdict == "not saved yet" and "Ctrl+S" in str(ns["result"])
    ns["q4"] = "d"  # the kernel ran another answer than the file holds
    exec("result = check('q4')", ns)  # noqa: S102
    assert (
        ns["result"].result.verdict == "correct" and "is not the answer this kernel has" in ns["result"].note
    )
    exec("result = progress()", ns)  # noqa: S102
    view = ns["result"]
    assert view.result["q3"].verdict == "correct" and view.result["q4"].verdict == "correct"
    assert view.withheld["q5"][0] == "not saved yet" and "Question 3.3" in str(view)
    assert view.result.total == 2.0 and "ex03.ipynb, as last saved" in str(view)


def test_an_answer_cell_that_does_not_run_in_the_saved_file_gets_no_verdict(tmp_path):
    from medialit.exercises.student import start

    _, check01, _ = start("ex01")
    path = notebook_holding(tmp_path / "ex01.ipynb", {}, ('q1 = "b',))
    ns = {"check": check01, "__session__": str(path), "q1": "b"}
    exec("result = check('q1')", ns)  # noqa: S102
    assert ns["result"].verdict == "does not run" and "missing quotation mark" in str(ns["result"])


# ---------------------------------------------------------------- lessons


def test_a_lesson_question_is_a_text_area_that_saves_itself():
    f = answer("2.3")
    assert f.save_as == "lesson02.2.3" and not any(b is f.check_button for b in _all(f))
    f.control.area.value = "The paraphrase says 'may', the quote says 'will'."
    assert load_answer("lesson02.2.3").startswith("The paraphrase")
    assert answer("2.3").control.area.value.startswith("The paraphrase")  # after a restart
    table = answer("1.7")
    assert table.control.area.value.startswith("who:  (¶ )\nwhat:")  # the lesson's table to fill in
    assert table.answer is None  # the starter alone is not an answer
    table.control.area.value += " Putin"
    assert "Putin" in load_answer("lesson01.1.7")


def _all(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all(child)


@pytest.mark.parametrize("lesson", range(8))
def test_every_lesson_check_is_a_form_scored_by_the_same_rule(lesson):
    s = get_set(f"lesson{lesson:02d}")
    assert s.is_lesson and f"lesson{lesson:02d}" not in list_sets()
    for q in s.questions:
        shown = answer(q.number)
        if q.type == "widget":
            assert shown.widget.question == q  # the widget checks through the question
            continue
        assert shown.name == f"Check {q.number}" and "Check " + q.number in shown.children[0].value
        shown.control.set(q.spec["answer"])
        assert shown.check().verdict == "correct" and "— correct" in shown.feedback.value
        wrong = next(k for k in q.spec["options"] if k != q.spec["answer"])
        shown.control.set(wrong)
        assert shown.check().verdict == "not yet"
        assert shown.check().feedback == score_question(q, wrong).feedback


def test_lesson_checks_follow_the_key():
    """A check whose doc names a key entry reads its answer from the key (a query), not a copy."""
    import yaml

    from medialit.exercises._model import lessons_dir
    from medialit.exercises._refs import is_query

    queries = 0
    for path in sorted(lessons_dir().glob("lesson*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            queries += is_query(raw.get("answer")) or is_query(raw.get("targets"))
    assert queries >= 14
    assert get_set("lesson05").question("B").spec["items"]["p11:In recent days"]["vague_ok"] is True


def test_the_timeline_checks_of_lesson_5_accept_a_day_in_the_span_and_too_vague():
    shown = answer("5.B")
    t = shown.widget
    (rid,) = t.pickers
    t.set_date(rid, None, vague=True)
    t.check()
    assert t.last_result.verdict == "correct"
    t.set_date(rid, "2021-12-12")
    t.check()
    assert (
        t.last_result.verdict == "correct" and load_answer("lesson05.B")["dates"][rid]["date"] == "2021-12-12"
    )


def test_a_saved_form_answer_is_read_by_the_one_reader_from_the_forms_cell():
    f = form("ex01.q1")
    f.control.radio.value = "b"
    cell = {
        "cell_type": "code",
        "metadata": {"medialit": {"role": "form", "question": "q1", "save_as": "ex01.q1"}},
        "outputs": [{"output_type": "display_data", "data": f._saver.bundle("b")}],
    }
    assert saved_answers({"cells": [cell]}) == {"ex01.q1": "b"}
    cell["metadata"]["medialit"]["save_as"] = "ex01.q2"  # a form cell holds only its own question
    assert saved_answers({"cells": [cell]}) == {}


def test_the_kernel_finds_its_notebook_file_from_what_jupyter_server_tells_it(tmp_path, monkeypatch):
    from medialit.answers import notebook_path

    nb = tmp_path / "ex01_anatomy.ipynb"
    nb.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("JPY_SESSION_NAME", str(nb))
    assert notebook_path({}) == nb
    monkeypatch.setenv("JPY_SESSION_NAME", "exercises/ex01_anatomy.ipynb")  # a path from the server's root
    assert notebook_path({}) == tmp_path / "ex01_anatomy.ipynb"  # the kernel runs beside the notebook
    assert notebook_path({"__session__": str(nb)}) == nb
    monkeypatch.setenv("JPY_SESSION_NAME", "renamed-since.ipynb")
    assert notebook_path({}) is None  # no such file: fall back to the kernel's answers


def test_a_form_cell_with_a_wrong_name_shows_a_line_and_never_raises():
    for name in ("ex03.q99", "q 3", "ex99.q1", "ex03."):
        shown = form(name) if name != "q 3" else form(name, set_id="ex03")
        assert "cannot show the form" in str(shown)
    assert "Its questions are" in str(form("ex03.q99"))
