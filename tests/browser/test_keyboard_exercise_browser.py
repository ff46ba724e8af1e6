"""One exercise set done with the keyboard only, saved, and graded: full marks.

A student who cannot use a mouse works through exercise 5 in JupyterLab. Shift+Enter runs each cell
and moves on; under a question, ↑ goes back to the cell that shows the form (or the timeline
widget), and Tab walks into it: digits typed into the date boxes, ↓ / Space in the radio buttons,
Space on the checkboxes, prose typed into the text area, Tab to Check and Enter. Escape hands the
keys back to the notebook, ↓ goes on to the next cell. Ctrl+S saves; `medialit grade` on the saved
file must give every point of the set.

Every control is found by the accessible name the kit gives it and reached by Tab alone, so a form
control that the keyboard cannot reach or work fails here. While the keys are inside a form or the
widget, the notebook must not change: digits, letters (`a`, `d d`, `r`) and arrows are notebook
shortcuts in command mode (a heading cell, a new cell, a deleted cell, "Cell is read-only").
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import (
    ROOT,
    error_outputs,
    expect,
    notebook_state,
    open_notebook,
    save_notebook,
    wait_kernel_idle,
)

from medialit.answers import saved_answers
from medialit.exercises import get_set
from medialit.exercises.build import solution_answer
from medialit.forms._controls import plain_text

pytestmark = pytest.mark.browser

SET = "ex05"
# Question 5.8 is marked by the teacher with a rubric: the student writes a short timeline (40+ words).
ESSAY = (
    "6 to 12 December (last week): Biden warns Putin of sanctions and Russian jets meet French and "
    "US planes over the Black Sea. 13 December: Ryabkov tells RIA Novosti that Russia would respond. "
    "14 December: Putin asks for immediate talks in calls to Finland's president and then to Macron, "
    "and Russia says it is watching a French ship."
)


def press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def focused_in(target) -> bool:
    return target.evaluate("el => el === document.activeElement || el.contains(document.activeElement)")


def tab_to(page, target, limit: int = 40) -> None:
    """Press Tab until `target` has the focus (as a keyboard user moves through a page)."""
    for _ in range(limit):
        if focused_in(target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def date_keys(page, iso: str) -> str:
    """The digits a student types into a date box, in the order the browser's locale shows the fields."""
    year, month, day = iso.split("-")
    order = page.evaluate(
        "() => new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2021, 11, 14))"
        ".map(p => p.type).filter(t => t !== 'literal')"
    )
    return "".join({"year": year, "month": month, "day": day}[field] for field in order)


def type_date(page, box, iso: str) -> None:
    tab_to(page, box)
    page.keyboard.type(date_keys(page, iso))
    expect(box).to_have_value(iso)


def option_label(q, letter: str) -> str:
    return f"{letter}) {plain_text(q.spec['options'][letter])}"


class NotebookUntouched:
    """Around keys pressed inside a form or widget: the notebook is as it was, the focus still inside."""

    def __init__(self, page, region):
        self.page, self.region = page, region

    def __enter__(self) -> NotebookUntouched:
        self.before = notebook_state(self.page)
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self.check()

    def check(self) -> None:
        self.page.wait_for_timeout(300)  # a shortcut that fired has changed the notebook by now
        after = notebook_state(self.page)
        assert after == self.before, (
            f"keys typed in the form reached the notebook: {self.before} became {after}"
        )
        assert focused_in(self.region), "the keys left the form"


def answer_form(page, q, answer: Any) -> None:
    """Answer question `q` in its form with the keyboard only, starting from its cell (command mode)."""
    form = page.get_by_role("group", name=f"Your answer to Question {q.number}", exact=True)
    expect(form).to_have_attribute("data-medialit-keys", "guarded")  # drawn, and its key guard is on
    with NotebookUntouched(page, form) as untouched:
        if q.kind == "date":
            first, last = (answer, None) if isinstance(answer, str) else answer
            type_date(
                page, form.get_by_label(f"Question {q.number}: the day, or the first day of a span"), first
            )
            if last:
                type_date(
                    page, form.get_by_label(f"Question {q.number}: the last day, only for a span"), last
                )
        elif q.kind == "choice":
            radios = form.get_by_role("radio")
            tab_to(page, radios.first)
            press(page, "a", "d", "d", "r")  # notebook shortcuts in command mode; nothing here
            untouched.check()
            target = form.get_by_role("radio", name=option_label(q, answer), exact=True)
            if focused_in(target):
                press(page, "Space")
            for _ in radios.all():  # ↓ moves to the next option and picks it
                if target.is_checked():
                    break
                press(page, "ArrowDown")
            assert target.is_checked(), f"↓ in the radio buttons of {q.number} never picked {answer!r}"
            expect(radios.and_(page.locator(":checked"))).to_have_count(1)
        elif q.kind == "multi":
            for letter in answer:
                box = form.get_by_role("checkbox", name=option_label(q, letter), exact=True)
                tab_to(page, box)
                press(page, "Space")
                expect(box).to_be_checked()
        elif q.kind == "open":
            area = form.get_by_role("textbox", name=f"Question {q.number}: your answer")
            tab_to(page, area)
            page.keyboard.type(answer)
            expect(area).to_have_value(answer)
        else:
            raise AssertionError(f"exercise 5 has no {q.kind} question: extend this test")
        tab_to(page, form.get_by_role("button", name="Check"))
        press(page, "Enter")
        verdict = "Saved for your teacher" if q.points is None else f"Question {q.number} — correct"
        expect(form.locator(".medialit-feedback")).to_contain_text(verdict)


def fill_timeline(page, answer: dict) -> None:
    """The timeline widget: Tab to each date box (type the date) or "too vague" box (Space), then Check."""
    widget = page.locator(".medialit-timeline").first
    expect(widget).to_have_attribute("data-medialit-keys", "guarded")  # drawn, and its key guard is on
    with NotebookUntouched(page, widget):
        first_vague = True
        for row in answer["dates"].values():
            if row["vague"]:
                box = widget.get_by_role("checkbox", name=f"“{row['text']}” is too vague to date")
                tab_to(page, box)
                if first_vague:  # `r` in a read-only exercise cell used to pop up "Cell is read-only"
                    press(page, "r", "a", "ArrowDown")
                    first_vague = False
                press(page, "Space")
                expect(box).to_be_checked()
            else:
                type_date(
                    page, widget.get_by_label(f"Date of “{row['text']}” (¶{row['paragraph']})"), row["date"]
                )
        tab_to(page, widget.get_by_role("button", name="Check"))
        press(page, "Enter")
        expect(widget.locator(".medialit-feedback")).to_contain_text("3 of 3")


def test_exercise_5_done_with_the_keyboard_only_gets_full_marks(page, jupyter_server, tmp_path):
    s = get_set(SET)
    questions = {q.id: q for q in s.questions}
    given = {q.id: ESSAY if q.kind == "open" else solution_answer(q) for q in s.questions}
    folder = jupyter_server.root_dir / "keyboard-only"  # its own answers folder, untouched by other tests
    folder.mkdir()
    shutil.copyfile(ROOT / "exercises" / s.notebook_name, folder / s.notebook_name)
    path = f"keyboard-only/{s.notebook_name}"
    nb = nbformat.read(folder / s.notebook_name, as_version=4)
    open_notebook(page, jupyter_server, path)
    press(page, "Escape")  # command mode, on the first cell

    last = len(nb.cells) - 1
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("medialit", {})
        if meta.get("role") in ("form", "widget"):
            q = questions[meta["question"]]
            press(page, "Shift+Enter", "ArrowUp")  # run it, then back to it: its controls follow in Tab order
            if q.kind == "timeline":
                fill_timeline(page, given[q.id])
            else:
                answer_form(page, q, given[q.id])
            press(page, "Escape")  # the keys go back to the notebook: on to the next cell
            assert page.evaluate("() => document.activeElement.classList.contains('jp-Cell')")
            assert notebook_state(page)["active"] == i
            press(page, "ArrowDown")
        elif i < last:  # Shift+Enter on the last cell would add a new one
            press(page, "Shift+Enter")
    wait_kernel_idle(page)
    assert error_outputs(page) == []

    saved = saved_answers(save_notebook(page, jupyter_server, path, click=False))
    for qid, answer in given.items():
        held = saved.get(questions[qid].save_as)
        if questions[qid].kind == "timeline":
            held, answer = held and held["dates"], answer["dates"]
        assert held == answer, f"the saved file holds {held!r} for {qid}, not what was typed"
    expect(
        page.get_by_role("group", name="Your answer to Question 5.3").locator(".medialit-saved-line")
    ).to_contain_text("Saved in the notebook file")

    out = tmp_path / "grades"
    medialit = Path(sys.executable).with_name("medialit")
    subprocess.run(
        [str(medialit), "grade", str(folder / s.notebook_name), "--out", str(out), "--quiet"],
        check=True,
        timeout=300,
    )
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["status"] == "ok", json.dumps(row)
    assert float(row["max_score"]) == s.max_points, json.dumps(row)
    assert row["score"] == row["max_score"], json.dumps(row)
