"""A notebook reopened without its kernel shows "Run this cell to continue where you left off" where
each widget was, never "Error displaying widget: model not found".

Every kit widget is displayed with a second output, `_keyguard.note_bundle()`: a line whose own
style hides it while the widget is drawn and, once the widget cannot be drawn, hides JupyterLab's
error text instead. Checked on the saved file reopened with a new kernel (JupyterLab and Notebook 7,
the notebook trusted as it is on the student's own server) and on a file executed elsewhere
(untrusted: no widget view at all, so the line and the widget's plain-text name show). A lesson
widget that saves its answer (`save_as`, as the lessons' widgets do) shows the work recorded before
the notebook was closed once its cell runs again in a new kernel.
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


def test_a_lesson_widget_keeps_its_work_after_the_notebook_is_reopened(pages, jupyter_server):
    """Lesson 3's verb swap, saved as the lesson saves it: a judgement recorded, the notebook saved
    and closed, its kernel gone; reopened, the line asks to run the cell, and running it shows the
    recorded judgement again (read back from the answers folder by the new kernel)."""
    name = "tests/browser/notebooks/lesson-keeps-work.ipynb"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import medialit.widgets as mw"),
            nbformat.v4.new_code_cell('mw.verb_swap(save_as="lesson03.verb-swap")'),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, jupyter_server.root_dir / name)
    answers = jupyter_server.root_dir / "tests/browser/notebooks/.medialit-answers"
    (answers / "lesson03.verb-swap.json").unlink(missing_ok=True)

    first = pages()
    open_notebook(first, jupyter_server, name)
    run_all(first)
    swap = first.locator(".medialit-verb-swap").first
    swap.get_by_role("combobox", name="Sentence").select_option(index=1)
    chosen = swap.get_by_role("combobox", name="Sentence").evaluate("el => el.selectedOptions[0].text")
    swap.get_by_role("combobox", name="New verb").select_option(label="claim")
    swap.get_by_role("radio").first.click()
    swap.get_by_role("button", name="Record judgement").click()
    recorded = swap.locator("li", has_text="“claim”")
    recorded.wait_for()
    line = recorded.inner_text().strip()
    assert chosen.startswith(line.split(":")[0])  # "¶N" of the chosen sentence
    saved = save_notebook(first, jupyter_server, name)
    assert "lesson03.verb-swap" in str(saved.cells[1].outputs)  # the answer is in the saved file too
    first.close()
    shut_down(jupyter_server, name)

    again = pages()  # a new kernel: the widget's model and the kernel's memory are gone
    open_notebook(again, jupyter_server, name)
    again.locator(".jp-OutputArea-output.jupyter-widgets").first.wait_for(state="attached")
    again.wait_for_timeout(1600)
    assert any(NOTE in text for text in shown_texts(again))
    assert not swap_records(again)

    run_all(again)  # as the line asks
    again.locator(".medialit-verb-swap li", has_text="“claim”").wait_for()
    assert swap_records(again) == [line]
    assert not any(NOTE in text for text in shown_texts(again))
    shut_down(jupyter_server, name)


def swap_records(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('.medialit-verb-swap li')].map(li => li.innerText.trim())"
    )
