"""One exercise set done with the keyboard only, saved, and graded: full marks.

A student who cannot use a mouse works through exercise 5 in JupyterLab: Shift+Enter down the
notebook, Enter / Ctrl+A / typing / Shift+Enter in each answer cell, and in the timeline widget Tab
to each date box (typing the date) or "too vague" box (Space), Tab to Check and Enter, then Escape
back to the notebook and on. Ctrl+S saves; `medialit grade` on the saved file must give every
auto-graded point. The answers typed are the solution notebook's (a short line for the open
question). Part A's answer forms join this test when they land (keyboard only, like the widget).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, error_outputs, expect, open_notebook, wait_kernel_idle

from medialit.answers import saved_answers

pytestmark = pytest.mark.browser

EXERCISE = "exercises/ex05_time-and-context.ipynb"
SOLUTION = ROOT / "solutions" / "ex05_time-and-context.ipynb"
OPEN_ANSWER = 'q8 = "6 to 12 December: Biden warns Putin. 13 December: Ryabkov speaks. 14 December: Putin"'


def roles(nb) -> list[dict]:
    return [cell.get("metadata", {}).get("medialit", {}) for cell in nb.cells]


def solution_answers() -> tuple[dict[str, str], dict]:
    """Each answer cell's solution source by question, and the timeline's solution answer."""
    nb = nbformat.read(SOLUTION, as_version=4)
    sources, timeline = {}, None
    for cell, meta in zip(nb.cells, roles(nb), strict=True):
        if meta.get("role") == "answer":
            sources[meta["question"]] = cell.source.strip()
        elif meta.get("role") == "solution" and meta.get("question") == "q7":
            namespace: dict = {}
            exec(cell.source, namespace)  # noqa: S102 (our own committed solution notebook)
            timeline = namespace["q7"]
    sources["q8"] = OPEN_ANSWER
    return sources, timeline


def press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def tab_to(page, target, limit: int = 80) -> None:
    """Press Tab until `target` has the focus (as a keyboard user moves through a page)."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement || el.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def date_keys(page, iso: str) -> str:
    """The digits a student types into a date box, in the order the browser's locale shows the fields."""
    year, month, day = iso.split("-")
    order = page.evaluate(
        "() => new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2021, 11, 14))"
        ".map(p => p.type).filter(t => t !== 'literal')"
    )
    return "".join({"year": year, "month": month, "day": day}[field] for field in order)


def fill_timeline(page, answer: dict) -> None:
    widget = page.locator(".medialit-timeline").first
    widget.wait_for()
    press(page, "ArrowUp")  # back from the check cell to the widget's cell; the widget follows in Tab order
    notebook_cells = page.locator(".jp-NotebookPanel .jp-Cell").count()
    first_vague = True
    for row in answer["dates"].values():
        if row["vague"]:
            box = widget.get_by_role("checkbox", name=f"“{row['text']}” is too vague to date")
            tab_to(page, box)
            if first_vague:  # `r` in a read-only exercise cell used to pop up "Cell is read-only"
                press(page, "r", "a", "ArrowDown")
                page.wait_for_timeout(300)
                assert page.locator(".jp-Dialog").count() == 0
                assert page.locator(".jp-NotebookPanel .jp-Cell").count() == notebook_cells
                first_vague = False
            press(page, "Space")
            expect(box).to_be_checked()
        else:
            box = widget.get_by_label(f"Date of “{row['text']}” (¶{row['paragraph']})")
            tab_to(page, box)
            page.keyboard.type(date_keys(page, row["date"]))
            expect(box).to_have_value(row["date"])
    check = widget.get_by_role("button", name="Check")
    tab_to(page, check)
    press(page, "Enter")
    expect(widget.locator(".medialit-feedback")).to_contain_text("3 of 3")
    press(page, "Escape")  # the keys go back to the notebook: on to the next cell
    assert page.evaluate("() => document.activeElement.classList.contains('jp-Cell')")
    press(page, "ArrowDown")


def type_answer(page, source: str) -> None:
    press(page, "Enter", "Control+a")
    page.keyboard.type(source)
    editor = page.locator(".jp-Notebook .jp-Cell.jp-mod-active .cm-content")
    typed = editor.evaluate("el => el.innerText").strip()
    assert typed == source, f"the editor holds {typed!r}, not {source!r} (bracket auto-closing?)"
    press(page, "Shift+Enter")


def test_exercise_5_done_with_the_keyboard_only_gets_full_marks(page, jupyter_server, tmp_path):
    sources, timeline = solution_answers()
    path = jupyter_server.fresh_copy(EXERCISE)
    nb = nbformat.read(jupyter_server.root_dir / path, as_version=4)
    open_notebook(page, jupyter_server, path)
    press(page, "Escape")  # command mode, on the first cell

    for i, meta in enumerate(roles(nb)):
        if meta.get("role") == "answer":
            type_answer(page, sources[meta["question"]])
        elif meta.get("role") == "widget":
            press(page, "Shift+Enter")
            fill_timeline(page, timeline)
        elif i < len(nb.cells) - 1:  # Shift+Enter on the last cell would add a new one
            press(page, "Shift+Enter")
    wait_kernel_idle(page)
    assert error_outputs(page) == []

    target = jupyter_server.root_dir / path
    before = target.stat().st_mtime_ns
    press(page, "Escape", "Control+s")
    deadline = time.monotonic() + 30
    while target.stat().st_mtime_ns == before:
        assert time.monotonic() < deadline, "Ctrl+S did not save the notebook"
        page.wait_for_timeout(100)
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")

    saved = nbformat.read(target, as_version=4)
    assert saved_answers(saved)["ex05.q7"]["dates"] == timeline["dates"]
    out = tmp_path / "grades"
    medialit = Path(sys.executable).with_name("medialit")
    subprocess.run(
        [str(medialit), "grade", str(target), "--out", str(out), "--quiet"], check=True, timeout=300
    )
    with open(out / "gradebook.csv", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["status"] == "ok", json.dumps(row)
    assert row["score"] == row["max_score"], json.dumps(row)
