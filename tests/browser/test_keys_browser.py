"""Keys typed inside a kit widget act on the widget and never on the notebook (JupyterLab, Notebook 7).

JupyterLab's command-mode shortcuts fire for any focused element that is not a text editor: with a
dropdown focused, `a` inserted a cell, `d d` deleted the cell, ↓ moved the cell selection, `r` in a
read-only exercise cell popped up "Cell is read-only". Each test presses those keys in a widget and
checks both sides: the widget changed as the key means there (a dropdown jumps to "allege", a
radio button moves), and the notebook did not (same cells, same cell types, same active cell, no
dialog, focus still in the widget). `keys.ipynb` shows that the check can fail: the same keys in a
plain, unguarded ipywidgets dropdown still reach the notebook.
"""

from __future__ import annotations

import re

import pytest
from conftest import (
    error_outputs,
    new_page,
    open_notebook,
    run_all,
    save_failure_artifacts,
    wait_kernel_idle,
    widget_views,
)

pytestmark = pytest.mark.browser

ALL_WIDGETS = "tests/notebooks/all_widgets.ipynb"
KEYS = "tests/browser/notebooks/keys.ipynb"
TYPEAHEAD_MS = 1100  # a <select> forgets the letters typed after 1 s: wait so each letter starts afresh

NOTEBOOK_STATE = """() => {
    const nb = document.querySelector('.jp-NotebookPanel .jp-Notebook');
    const cells = [...nb.querySelectorAll(':scope .jp-Cell')];
    return {
        cells: cells.map(c => c.classList.contains('jp-MarkdownCell') ? 'markdown'
                              : c.classList.contains('jp-RawCell') ? 'raw' : 'code'),
        active: cells.findIndex(c => c.classList.contains('jp-mod-active')),
        selected: cells.filter(c => c.classList.contains('jp-mod-selected')).length,
        dialog: document.querySelector('.jp-Dialog')?.innerText ?? null,
    };
}"""


def shut_down(server, path: str) -> None:
    """End the kernel of this notebook only (other tests' pages keep theirs)."""
    for session in server.api("GET", "/api/sessions") or []:
        if session["path"] == path:
            server.api("DELETE", f"/api/sessions/{session['id']}")


def notebook_state(page) -> dict:
    return page.evaluate(NOTEBOOK_STATE)


def focused_inside(page, widget) -> bool:
    return widget.evaluate("el => el.contains(document.activeElement)")


class Keys:
    """Presses keys in a widget and checks, after each, that the notebook is as it was."""

    def __init__(self, page, widget):
        self.page, self.widget = page, widget
        self.before = notebook_state(page)

    def press(self, *keys: str, pause_ms: int = 0) -> None:
        for key in keys:
            self.page.keyboard.press(key)
        self.page.wait_for_timeout(300)  # a shortcut that fired has changed the notebook by now
        after = notebook_state(self.page)
        assert after == self.before, f"{keys} reached the notebook: {self.before} became {after}"
        assert focused_inside(self.page, self.widget), f"{keys} moved the focus out of the widget"
        if pause_ms:
            self.page.wait_for_timeout(pause_ms)

    def letters_a_dd_r(self) -> None:
        """`a`, `d d` (quickly, as the shortcut wants) and `r`, each starting a fresh type-ahead."""
        self.press("a", pause_ms=TYPEAHEAD_MS)
        self.press("d", "d", pause_ms=TYPEAHEAD_MS)
        self.press("r", pause_ms=TYPEAHEAD_MS)


def select_value(select) -> str:
    return select.evaluate("el => (el.options[el.selectedIndex]?.text ?? '').replace(/\u00a0/g, ' ')")


@pytest.fixture(scope="module", params=["lab", "notebook"], ids=["jupyterlab", "notebook7"])
def widgets_page(request, browser_context, jupyter_server):
    """A fresh copy of all_widgets.ipynb, run once per app for this module's widget tests."""
    page = new_page(browser_context)
    path = jupyter_server.fresh_copy(ALL_WIDGETS)
    open_notebook(page, jupyter_server, path, app=request.param)
    run_all(page)
    assert widget_views(page)["problems"] == []
    yield page
    page.close()
    shut_down(jupyter_server, path)


@pytest.fixture
def wpage(request, widgets_page, jupyter_server):
    yield widgets_page
    save_failure_artifacts(request, widgets_page, jupyter_server)
    wait_kernel_idle(widgets_page)


def widget(page, kind: str):
    loc = page.locator(f".medialit-{kind}").first
    loc.scroll_into_view_if_needed()
    return loc


# ------------------------------------------------------------------ the six widgets


def test_keys_in_the_highlighter(wpage):
    w = widget(wpage, "highlighter")
    category = w.get_by_role("combobox", name="Category")
    category.focus()
    keys = Keys(wpage, w)
    keys.press("ArrowDown", pause_ms=TYPEAHEAD_MS)
    assert select_value(category) == "loaded term"  # was "attribution cue"
    keys.letters_a_dd_r()
    assert select_value(category) == "attribution cue"  # `a`; no category starts with d or r
    word = w.locator(".medialit-words button").first
    word.focus()
    keys.press("a", "d", "d", "r", "ArrowDown")
    keys.press("Space")
    assert word.get_attribute("aria-pressed") == "true"  # Space pressed the word; the rest did nothing


def test_keys_in_the_quote_tracker(wpage):
    w = widget(wpage, "quote-tracker")
    speaker = w.get_by_role("combobox", name=re.compile(r"^Speaker of the quote in ¶")).last
    speaker.focus()
    keys = Keys(wpage, w)
    keys.press("ArrowDown", pause_ms=TYPEAHEAD_MS)
    assert select_value(speaker) != "— choose —"
    keys.letters_a_dd_r()
    assert select_value(speaker) == "RIA Novosti"  # `r`, as a student names the outlet
    keys.press("ArrowDown")
    assert select_value(speaker) == "Russia"


def test_keys_in_the_verb_swap(wpage):
    w = widget(wpage, "verb-swap")
    verb = w.get_by_role("combobox", name="New verb")
    verb.focus()
    keys = Keys(wpage, w)
    keys.press("ArrowDown", pause_ms=TYPEAHEAD_MS)
    assert select_value(verb) == "say"
    keys.press("a", pause_ms=TYPEAHEAD_MS)
    assert select_value(verb) == "allege"
    keys.press("d", "d", pause_ms=TYPEAHEAD_MS)
    assert select_value(verb) == "deny"
    stance = w.get_by_role("radiogroup", name="Stance")
    first, second = stance.get_by_role("radio").nth(0), stance.get_by_role("radio").nth(1)
    first.focus()
    keys.press("Space")
    assert first.is_checked()
    keys.press("ArrowDown")
    assert second.is_checked() and not first.is_checked()
    keys.press("a", "d", "d", "r")


def test_keys_in_the_frame_check(wpage):
    w = widget(wpage, "frame-check")
    yes = w.get_by_role("group", name=re.compile(r"^R1\b")).get_by_role("button", name="yes")
    yes.focus()
    keys = Keys(wpage, w)
    keys.press("a", "d", "d", "r", "ArrowDown")
    assert yes.get_attribute("aria-pressed") == "false"
    keys.press("Space")
    assert yes.get_attribute("aria-pressed") == "true"
    evidence = w.get_by_role("textbox", name="Evidence ¶ for R1")
    evidence.focus()
    keys.press("1", "ArrowDown")
    assert evidence.input_value() == "1"


def test_keys_in_the_label_lens(wpage):
    w = widget(wpage, "label-lens")
    rating = w.get_by_role("combobox", name="Rating of the name “the partnership”")
    rating.focus()
    keys = Keys(wpage, w)
    keys.press("ArrowDown", pause_ms=TYPEAHEAD_MS)
    assert select_value(rating) == "neutral"
    keys.letters_a_dd_r()
    assert select_value(rating) == "neutral"  # no rating starts with a, d or r
    keys.press("m")
    assert select_value(rating) == "misleading"
    feedback = w.locator(".medialit-live", has=wpage.locator(".medialit-box")).first
    feedback.wait_for()  # the choice reached the kernel and came back as feedback


def test_keys_in_the_timeline(wpage):
    w = widget(wpage, "timeline")
    vague = w.get_by_role("checkbox", name="“For weeks” is too vague to date")
    vague.focus()
    keys = Keys(wpage, w)
    keys.press("a", "d", "d", "r", "ArrowDown")
    assert not vague.is_checked()
    keys.press("Space")
    assert vague.is_checked()
    date = w.get_by_label("Date of “a day after” (¶12)")
    date.focus()
    keys.press("1", "2", "1", "3", "2", "0", "2", "1")  # month, day, year (en-US order)
    assert date.input_value() == "2021-12-13"
    keys.press("ArrowDown")  # one less in the year field
    assert date.input_value() == "2020-12-13"


# ------------------------------------------------------------------ leaving, saving, the control


def test_escape_gives_the_keys_back_to_the_notebook(wpage):
    w = widget(wpage, "label-lens")
    w.get_by_role("combobox").first.focus()
    before = notebook_state(wpage)
    wpage.keyboard.press("Escape")
    assert wpage.evaluate("() => document.activeElement.classList.contains('jp-Cell')")
    wpage.keyboard.press("ArrowDown")  # now a notebook key: the next cell becomes active
    assert notebook_state(wpage)["active"] == before["active"] + 1


def test_ctrl_s_in_a_widget_still_saves_the_notebook(jupyter_server, browser_context):
    page = new_page(browser_context)
    try:
        path = jupyter_server.fresh_copy(KEYS)
        open_notebook(page, jupyter_server, path)
        run_all(page)
        target = jupyter_server.root_dir / path
        before = target.stat().st_mtime_ns
        page.get_by_role("combobox", name="Guarded").focus()
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")
        page.wait_for_timeout(500)
        assert target.stat().st_mtime_ns != before
    finally:
        page.close()
        shut_down(jupyter_server, path)


@pytest.mark.parametrize("app", ["lab", "notebook"], ids=["jupyterlab", "notebook7"])
def test_the_same_keys_in_a_plain_dropdown_reach_the_notebook(jupyter_server, browser_context, app):
    """The control: without the guard JupyterLab takes the keys (so the checks above can fail)."""
    page = new_page(browser_context)
    try:
        path = jupyter_server.fresh_copy(KEYS)
        open_notebook(page, jupyter_server, path, app=app)
        run_all(page)
        assert error_outputs(page) == []
        guarded = page.get_by_role("combobox", name="Guarded")
        guarded.focus()
        Keys(page, guarded.locator("xpath=..")).press("a")
        assert select_value(guarded) == "allege"

        plain = page.get_by_role("combobox", name="Plain")
        plain.focus()
        before = notebook_state(page)
        page.keyboard.press("r")  # a read-only cell: JupyterLab says so in a dialog
        page.wait_for_timeout(300)
        assert notebook_state(page)["dialog"], "no 'Cell is read-only' dialog: did JupyterLab change?"
        page.keyboard.press("Escape")
        plain.focus()
        page.keyboard.press("a")  # inserts a cell above
        page.wait_for_timeout(300)
        assert len(notebook_state(page)["cells"]) == len(before["cells"]) + 1
        assert select_value(plain) == "say"  # and the dropdown did not move
    finally:
        page.close()
        shut_down(jupyter_server, path)
