"""A notebook reopened without its kernel shows "Run this cell to continue where you left off" where
each widget was, never "Error displaying widget: model not found".

Every kit widget is displayed with a second output, `_keyguard.note_bundle()`: a line whose own
style hides it while the widget is drawn and, once the widget cannot be drawn, hides JupyterLab's
error text instead. Checked on the saved file reopened with a new kernel (JupyterLab and Notebook 7,
the notebook trusted as it is on the student's own server) and on a file executed elsewhere
(untrusted: no widget view at all, so the line and the widget's plain-text name show).
"""

from __future__ import annotations

import nbformat
import pytest
from conftest import (
    ROOT,
    new_page,
    open_notebook,
    run_all,
    save_failure_artifacts,
    save_notebook,
    saved_widget_outputs,
    widget_views,
)

pytestmark = pytest.mark.browser

ALL_WIDGETS = "tests/notebooks/all_widgets.ipynb"
NOTE = "Run this cell to continue where you left off"

OUTPUTS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')].map(el => ({
    shown: el.checkVisibility({visibilityProperty: true}),
    text: el.innerText.trim(),
    failed: el.classList.contains('jupyter-widgets'),
}))"""


def shut_down(server, path: str) -> None:
    for session in server.api("GET", "/api/sessions") or []:
        if session["path"] == path:
            server.api("DELETE", f"/api/sessions/{session['id']}")


def shown_texts(page) -> list[str]:
    return [o["text"] for o in page.evaluate(OUTPUTS) if o["shown"] and o["text"]]


@pytest.fixture
def pages(request, browser_context, jupyter_server):
    opened = []

    def make():
        page = new_page(browser_context)
        opened.append(page)
        return page

    yield make
    for page in opened:
        save_failure_artifacts(request, page, jupyter_server)
        page.close()


@pytest.mark.parametrize("app", ["lab", "notebook"], ids=["jupyterlab", "notebook7"])
def test_a_reopened_notebook_asks_to_run_the_cell_instead_of_model_not_found(pages, jupyter_server, app):
    path = jupyter_server.fresh_copy(ALL_WIDGETS)
    first = pages()
    open_notebook(first, jupyter_server, path, app=app)
    run_all(first)
    widgets = saved_widget_outputs(save_notebook(first, jupyter_server, path))
    assert widgets == 7
    assert not any(NOTE in text for text in shown_texts(first)), "the line shows beside a live widget"
    first.close()
    shut_down(jupyter_server, path)

    again = pages()  # a new tab and a new kernel: the widgets' models are gone
    url = jupyter_server.lab_url(path) if app == "lab" else jupyter_server.notebook7_url(path)
    again.goto(url)
    again.wait_for_function(
        f"() => document.querySelectorAll('.jp-OutputArea-output.jupyter-widgets').length === {widgets}"
    )
    outputs = again.evaluate(OUTPUTS)
    failed = [o for o in outputs if o["failed"]]
    assert {o["text"] for o in failed} == {"Error displaying widget: model not found"}  # JupyterLab's
    assert not any(o["shown"] for o in failed), "JupyterLab's error text is still on show"
    again.wait_for_timeout(1600)  # the line waits 1.5 s, in case a widget is still being drawn
    assert sum(NOTE in text for text in shown_texts(again)) == widgets

    run_all(again)  # running the cells brings the widgets back, and the line goes
    again.wait_for_function(f"() => document.querySelectorAll('.medialit-widget').length === {widgets}")
    assert widget_views(again)["problems"] == []
    assert not any(NOTE in text for text in shown_texts(again))
    shut_down(jupyter_server, path)


def test_a_notebook_run_elsewhere_shows_the_line_and_the_widgets_name(pages, jupyter_server, tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / ALL_WIDGETS, as_version=4)
    nb.cells = nb.cells[:4]  # the import and the highlighter
    NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    name = "tests/notebooks/run-elsewhere.ipynb"
    nbformat.write(nb, jupyter_server.root_dir / name)  # not signed by this server: untrusted

    page = pages()
    page.goto(jupyter_server.lab_url(name))
    page.locator(".jp-NotebookPanel .jp-OutputArea-output").first.wait_for()
    page.wait_for_timeout(1600)
    texts = shown_texts(page)
    assert "[Highlighter widget]" in texts  # not "Highlighter(children=(HTML(value=…"
    assert any(NOTE in text for text in texts)
    shut_down(jupyter_server, name)
