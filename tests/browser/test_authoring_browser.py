"""Authoring in a real JupyterLab: the review widget driven with the keyboard saves the key on disk,
and a generated exercise set's notebook runs from its course folder without errors."""

from __future__ import annotations

import re
import shutil
import sys
import time

import pytest
import yaml
from conftest import ROOT, error_outputs, expect, open_notebook, run_all, widget_views

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "tests"))
from authoring_support import ARTICLES, reviewed_copy, sets_kept_apart  # noqa: E402

MINISTERS = "voa-asean-ministers-2009-07-22"
SENEGAL = "voa-senegal-election-2019-02-24"


@pytest.fixture(scope="module")
def authoring(jupyter_server):
    """In the server's folder: a draft key with its review notebook, and a course with one generated set."""
    from medialit.authoring.generate import generate_set
    from medialit.cli import main as cli

    base = jupyter_server.root_dir / "authoring"
    review = base / "review"
    review.mkdir(parents=True)
    shutil.copyfile(ARTICLES[MINISTERS], review / f"{MINISTERS}.txt")
    assert cli(["draft-key", str(review / f"{MINISTERS}.txt")]) == 0
    with sets_kept_apart():
        made = generate_set(reviewed_copy(base / "articles", SENEGAL), course=base / "course")
    return base, made


def _wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.2)


def test_the_review_widget_saves_each_step_made_with_the_keyboard(page, jupyter_server, authoring):
    base, _ = authoring
    key = base / "review" / f"{MINISTERS}.key.yaml"
    open_notebook(page, jupyter_server, f"authoring/review/review-{MINISTERS}.ipynb")
    run_all(page)
    assert error_outputs(page) == []
    assert widget_views(page)["problems"] == []
    review = page.locator(".medialit-review").first
    expect(review).to_contain_text("Sources: names, kinds and appearances: entry 1 of 3")
    expect(review).to_contain_text("The machine's note:")
    expect(review).to_contain_text("▶ ¶5 (this entry)")

    official = review.locator(".widget-dropdown", has_text="Speaks for a government").locator("select")
    official.select_option("yes")  # arrow keys in a dropdown need issue 12 part B's key guard
    expect(official).to_have_value("yes")
    save = review.get_by_role("button", name=re.compile("Save correction"))
    save.focus()
    expect(save).to_be_focused()
    page.keyboard.press("Enter")
    expect(review).to_contain_text("✓ Corrected Kazuo Kodama.")
    _wait_for(lambda: "draft" not in yaml.safe_load(key.read_bytes())["sources"][0], "the key saved")
    saved = yaml.safe_load(key.read_text(encoding="utf-8"))["sources"][0]
    assert saved["name"] == "Kazuo Kodama" and saved["official"] is True

    expect(review).to_contain_text("entry 2 of 3")  # on to the next draft: Stephen Smith
    before = key.read_bytes()
    accept = review.get_by_role("button", name=re.compile("Accept as is"))
    accept.focus()
    page.keyboard.press("Enter")
    expect(review).to_contain_text("✗ Not saved")
    expect(review).to_contain_text("'official' is empty")
    assert key.read_bytes() == before


def test_a_generated_solution_notebook_runs_in_jupyterlab_with_full_marks(page, jupyter_server, authoring):
    _, made = authoring
    notebook = next(p for p in made.notebooks if p.parent.name == "solutions")
    open_notebook(page, jupyter_server, notebook.relative_to(jupyter_server.root_dir).as_posix())
    state = run_all(page)
    assert state["done"] == state["todo"]
    assert error_outputs(page) == []
    views = widget_views(page)
    assert views["problems"] == [] and views["rendered"] >= 5
    checks = page.locator(".medialit-check")
    expect(checks.first).to_contain_text("Question 1 — correct")
    texts = checks.all_inner_texts()
    assert texts and all(("— correct" in t) or ("— open" in t) for t in texts), texts
