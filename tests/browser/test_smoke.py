"""The browser plumbing works, and a widget callback's display update is saved into the notebook file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import error_outputs, expect, open_notebook, run_all, save_notebook, widget_views

import medialit
from medialit.answers import ANSWER_MIME

pytestmark = pytest.mark.browser

SMOKE = "tests/browser/notebooks/smoke.ipynb"


def test_kernel_is_this_venv_and_imports_medialit(page, jupyter_server):
    open_notebook(page, jupyter_server, SMOKE)
    run_all(page)
    assert error_outputs(page) == []
    sessions = jupyter_server.api("GET", "/api/sessions")
    assert [s["path"] for s in sessions] == [SMOKE]  # the page joined the pre-started kernel
    printed = page.locator(".jp-CodeCell").nth(0).locator(".jp-OutputArea-output").inner_text()
    prefix, medialit_file = printed.strip().splitlines()
    assert Path(prefix) == Path(sys.prefix)  # the server's python3 kernel runs in this venv
    assert Path(medialit_file) == Path(medialit.__file__)  # the same medialit the tests import


def test_button_click_changes_html_widget(page, jupyter_server):
    open_notebook(page, jupyter_server, SMOKE)
    run_all(page)
    assert widget_views(page) == {"rendered": 2, "problems": []}
    label = page.locator(".jp-CodeCell").nth(1).locator(".widget-html-content")
    assert label.inner_text() == "not clicked"
    page.get_by_role("button", name="Click me").click()
    expect(label).to_have_text("clicked")


@pytest.mark.parametrize("app", ["lab", "notebook"], ids=["jupyterlab", "notebook7"])
def test_widget_callback_display_update_is_saved_in_notebook_file(page, jupyter_server, app):
    """ARCHITECTURE.md, "Saving widget answers": h.update() from on_click must reach the saved .ipynb."""
    path = jupyter_server.fresh_copy(SMOKE)
    open_notebook(page, jupyter_server, path, app=app)
    run_all(page)
    answer_cell = page.locator(".jp-CodeCell").nth(2)
    answer_cell.get_by_text("empty", exact=True).wait_for()

    page.get_by_role("button", name="Save answer").click()
    answer_cell.get_by_text("answer: 42", exact=True).wait_for()  # the front end applied the update

    saved = save_notebook(page, jupyter_server, path)
    outputs = [cell.get("outputs", []) for cell in saved["cells"] if cell["cell_type"] == "code"][2]
    bundles = [out["data"] for out in outputs if ANSWER_MIME in out.get("data", {})]
    assert bundles == [{"text/plain": "answer: 42", ANSWER_MIME: {"question": "smoke.q1", "answer": 42}}]
