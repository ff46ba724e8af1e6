"""Every lesson runs top to bottom in a real JupyterLab (and one in Notebook 7) without a red box,
and every widget it displays renders in the browser."""

from __future__ import annotations

import pytest
from conftest import (
    ROOT,
    error_outputs,
    notebook_paths,
    open_notebook,
    run_all,
    save_notebook,
    widget_views,
)

pytestmark = pytest.mark.browser

# The numbered lessons; notebooks/glossary.ipynb is prose only (nothing to run).
LESSONS = [p.relative_to(ROOT).as_posix() for p in notebook_paths(ROOT / "notebooks") if p.name[:2].isdigit()]
NOTEBOOK7_LESSON = "notebooks/00_start_here.ipynb"


def _run_lesson_and_check(page, server, path: str) -> None:
    state = run_all(page)
    errors = error_outputs(page)
    assert errors == [], f"{path}: a student would see {len(errors)} red box(es):\n\n" + "\n\n".join(errors)
    assert state["done"] == state["todo"], f"{path}: only {state['done']} of {state['todo']} code cells ran"

    # The saved file says how many widget views the kernel displayed; each must render in the page.
    saved = save_notebook(page, server, path)
    expected = sum(
        "application/vnd.jupyter.widget-view+json" in out.get("data", {})
        for cell in saved.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    if expected:
        page.wait_for_function(
            f"""() => [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')]
                .filter(el => !el.parentElement.closest('.jp-OutputArea-output'))
                .filter(el => el.querySelector(':scope > .jupyter-widgets')).length >= {expected}"""
        )
    views = widget_views(page)
    assert views["problems"] == [], f"{path}: widgets failed to render: {views['problems']}"
    assert views["rendered"] == expected, f"{path}: {expected} widget outputs, {views['rendered']} rendered"


@pytest.mark.skipif(not LESSONS, reason="no lessons in notebooks/ yet")
@pytest.mark.parametrize("path", LESSONS or ["none"])
def test_lesson_runs_without_errors_and_renders_widgets_in_jupyterlab(page, jupyter_server, path):
    open_notebook(page, jupyter_server, path)
    _run_lesson_and_check(page, jupyter_server, path)


@pytest.mark.skipif(NOTEBOOK7_LESSON not in LESSONS, reason=f"{NOTEBOOK7_LESSON} not written yet")
def test_first_lesson_runs_without_errors_in_notebook7(page, jupyter_server):
    open_notebook(page, jupyter_server, NOTEBOOK7_LESSON, app="notebook")
    assert "/notebooks/" in page.url  # Notebook 7's single-document page, not JupyterLab
    _run_lesson_and_check(page, jupyter_server, NOTEBOOK7_LESSON)
