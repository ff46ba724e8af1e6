"""A student completes whole exercise sets by clicking and typing prose only, in JupyterLab and in
Notebook 7; after saving, ``medialit grade`` on the saved file gives exactly the score expected.

Every control is found by the accessible name its form gives it (a form is a group named "Your answer
to Question 3.2"; a dropdown "Question 3.1, item 4: option", ...), so these tests also check that the
names reach the page. Each test works on its own copy of the notebook in a folder of its own (the
answers folder ``.medialit-answers/`` sits beside the notebook).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ROOT,
    _menu,
    error_outputs,
    expect,
    open_notebook,
    run_all,
    save_notebook,
    wait_for_execution,
    wait_kernel_idle,
)

from medialit.answers import saved_answers
from medialit.exercises import get_set, score_set
from medialit.exercises.build import solution_answer
from medialit.forms._controls import plain_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ESSAY = (
    "With said instead of accused, the sentence no longer tells the reader that Putin's words were an "
    "accusation, so it sounds like a plain report of a fact. The evaluative cue describes the act; the "
    "neutral cue leaves that judgement to the reader, without taking a side."
)


def own_copy(server, set_id: str, name: str) -> str:
    """A copy of the set's student notebook in a folder of its own; its path under the server root."""
    s = get_set(set_id)
    folder = server.root_dir / name
    folder.mkdir()
    shutil.copyfile(ROOT / "exercises" / s.notebook_name, folder / s.notebook_name)
    return f"{name}/{s.notebook_name}"


def group(page, number: str):
    """The form of Question ``number``, found by the name its Aria piece gives it."""
    g = page.get_by_role("group", name=f"Your answer to Question {number}", exact=True)
    g.scroll_into_view_if_needed()
    return g


def option_label(q, letter: str) -> str:
    return f"{letter}) {plain_text(q.spec['options'][letter])}"


def answer_form(page, q, answer: Any) -> None:
    """Give ``answer`` to question ``q``'s form by clicking and typing, as a student does."""
    g = group(page, q.number)
    kind = q.kind
    if kind == "choice":
        g.get_by_role("radio", name=option_label(q, answer), exact=True).check()
    elif kind == "multi":
        for letter in answer:
            g.get_by_role("checkbox", name=option_label(q, letter), exact=True).check()
    elif kind == "match":
        for i, letter in sorted(answer.items()):
            box = g.get_by_role("combobox", name=f"Question {q.number}, item {i}: option", exact=True)
            box.select_option(label=option_label(q, letter))
    elif kind == "paragraphs":
        for p in answer:
            g.locator(".widget-checkbox", has_text=f"¶{p}:").get_by_role("checkbox").check()
    elif kind == "short" or kind == "open":
        g.get_by_role("textbox", name=f"Question {q.number}: your answer").fill(answer)
    elif kind == "date":
        first, last = (answer, None) if isinstance(answer, str) else answer
        g.locator(f'input[aria-label="Question {q.number}: the day, or the first day of a span"]').fill(first)
        if last:
            g.locator(f'input[aria-label="Question {q.number}: the last day, only for a span of days"]').fill(
                last
            )
    else:
        raise AssertionError(kind)
    wait_kernel_idle(page)


def press_check(page, q, verdict: str) -> None:
    g = group(page, q.number)
    g.get_by_role("button", name="Check").click()
    expect(g.locator(".medialit-feedback")).to_contain_text(f"— {verdict}")


def fill_quote_tracker(page, q, rows: dict[str, dict[str, Any]]) -> None:
    """The quote tracker: three dropdowns per quotation (speaker, full or partial, through whom)."""
    w = page.locator(".medialit-quote-tracker").first
    for item in q.spec["items"].values():
        want = rows.get(item["text"])
        if want is None:
            continue
        row = w.locator(".widget-vbox", has_text=re.compile(re.escape(f"“{item['text']}”"))).last
        selects = row.locator("select")
        selects.nth(0).select_option(label=want["speaker"])
        selects.nth(1).select_option(label=want["kind"])
        via = want["via"]
        selects.nth(2).select_option(label="no one (directly)" if via in (None, "(direct)") else via)
    wait_kernel_idle(page)


def fill_timeline(page, rows: dict[str, tuple[str | None, bool]]) -> None:
    """The timeline: a date (typed into the date box) or "too vague to date" per time expression."""
    w = page.locator(".medialit-timeline").first
    for text, (day, vague) in rows.items():
        row = w.locator(".widget-vbox", has_text=re.compile(re.escape(f"“{text}”"))).last  # case counts
        if vague:
            row.get_by_text("too vague to date").click()
        else:
            row.locator('input[type="date"]').fill(day)
    wait_kernel_idle(page)


def restart_and_run_all(page) -> None:
    """Kernel ▸ Restart Kernel and Run All Cells…, after clearing the outputs (so old counts cannot pass)."""
    _menu(page, "Edit", "Clear Outputs of All Cells")
    _menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.get_by_role("button", name="Confirm Kernel Restart").or_(
        page.get_by_role("button", name="Restart", exact=True)
    ).first.click()
    wait_for_execution(page)


def grade_saved(server, path: str):
    from medialit.grading.grader import grade

    rows, _ = grade([server.root_dir / path], timeout=120)
    (row,) = rows
    return row


# ------------------------------------------------------------------------------------------ tests


@pytest.mark.parametrize("app", ["lab", "notebook"], ids=["jupyterlab", "notebook7"])
def test_a_whole_set_by_clicking_and_typing_with_a_restart_halfway_gets_full_marks(page, jupyter_server, app):
    s = get_set("ex03")
    path = own_copy(jupyter_server, "ex03", f"full-{app}")
    open_notebook(page, jupyter_server, path, app=app)
    run_all(page)
    assert error_outputs(page) == []
    questions = {q.id: q for q in s.questions}
    first_half, second_half = ["q1", "q2", "q3", "q4"], ["q5", "q7", "q8"]
    for qid in first_half:
        answer_form(page, questions[qid], solution_answer(questions[qid]))
    press_check(page, questions["q1"], "correct")

    restart_and_run_all(page)  # the kernel restarts halfway: the forms put the answers back
    assert error_outputs(page) == []
    item1 = group(page, "3.1").get_by_role("combobox", name="Question 3.1, item 1: option", exact=True)
    q1 = questions["q1"]
    expect(item1).to_have_value(option_label(q1, q1.spec["items"][0]["answer"]))
    expect(group(page, "3.3").get_by_role("radio", name=option_label(questions["q3"], "c"))).to_be_checked()

    for qid in second_half:
        q = questions[qid]
        answer_form(page, q, ESSAY if q.type == "open" else solution_answer(q))
    full = solution_answer(questions["q6"])
    fill_quote_tracker(page, questions["q6"], {row["text"]: row for row in full["quotes"].values()})
    for qid in ("q2", "q5", "q7"):
        press_check(page, questions[qid], "correct")
    saved_line = group(page, "3.5").locator(".medialit-saved-line")
    expect(saved_line).to_contain_text("Recorded — press Ctrl+S")

    nb = save_notebook(page, jupyter_server, path)
    expect(saved_line).to_contain_text("Saved in the notebook file")  # the watcher saw the save
    answers = saved_answers(nb)
    assert sorted(answers) == sorted(q.save_as for q in s.questions)
    row = grade_saved(jupyter_server, path)
    assert row.status == "ok", row.detail
    assert (row.score, row.max_score) == (s.max_points, s.max_points)


def test_deliberately_wrong_answers_in_notebook7_get_exactly_the_expected_partial_score(page, jupyter_server):
    s = get_set("ex05")
    q = {x.id: x for x in s.questions}
    path = own_copy(jupyter_server, "ex05", "partial-nb7")
    open_notebook(page, jupyter_server, path, app="notebook")
    assert "/notebooks/" in page.url
    run_all(page)
    assert error_outputs(page) == []
    given = {
        "q1": "2021-12-07",  # one day inside "last week" instead of the span: half
        "q2": solution_answer(q["q2"]),
        "q3": next(k for k in q["q3"].spec["options"] if k != q["q3"].spec["answer"]),  # wrong
        "q4": [*solution_answer(q["q4"])[:1]],  # one of the right options only
        "q5": solution_answer(q["q5"]),
        "q6": solution_answer(q["q6"]),
        "q8": "6-12 December: Biden warns of sanctions (¶10). 13 December: Ryabkov (¶12-13). "
        "14 December: Putin's calls (¶1-9).",
    }
    for qid, value in given.items():
        answer_form(page, q[qid], value)
    timeline = {
        "Tuesday": ("2021-12-14", False),
        "For weeks": (None, True),
        "last week": ("2021-12-20", False),
    }
    fill_timeline(page, timeline)
    press_check(page, q["q3"], "not yet")

    nb = save_notebook(page, jupyter_server, path)
    saved = saved_answers(nb)
    for qid, value in given.items():
        assert saved[q[qid].save_as] == value, qid
    dates = {d["text"]: d for d in saved["ex05.q7"]["dates"].values()}
    assert {t: (dates[t]["date"], dates[t]["vague"]) for t in timeline} == timeline
    expected = score_set("ex05", {x.id: saved.get(x.save_as) for x in s.questions})
    assert 0 < expected.total < expected.max_total
    row = grade_saved(jupyter_server, path)
    assert row.status in ("ok", "missing-answers"), row.detail
    assert row.score == expected.total
    assert [r.points for r in row.result.questions] == [r.points for r in expected.questions]


def test_a_form_says_recorded_until_saved_and_a_typed_date_round_trips(page, jupyter_server):
    """The saved line follows the file; a date typed into a form's date box is what the file holds."""
    path = own_copy(jupyter_server, "ex01", "saved-line")
    open_notebook(page, jupyter_server, path)
    run_all(page)
    q2 = get_set("ex01").question("q2")
    answer_form(page, q2, dt.date(2021, 12, 14).isoformat())
    line = group(page, q2.number).locator(".medialit-saved-line")
    expect(line).to_contain_text("Recorded — press Ctrl+S (File ▸ Save Notebook)")
    expect(
        line.locator("[aria-live='polite']").or_(line.locator(".widget-html-content[aria-live]"))
    ).to_have_count(1)
    nb = save_notebook(page, jupyter_server, path)
    assert saved_answers(nb)["ex01.q2"] == "2021-12-14"
    expect(line).to_contain_text("✓ Saved in the notebook file")
    assert Path(jupyter_server.root_dir / path).is_file()
