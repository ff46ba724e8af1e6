"""The six medialit widgets, operated in a real JupyterLab the way a student does (mouse and keyboard).

`tests/notebooks/all_widgets.ipynb` displays every widget (its markdown says what to click). The notebook
is run once for this module; each test operates one widget and checks that the feedback shown in the
page is what the same widget says headlessly after the same actions. The headless "twin" is built here
from the notebook's own cell, so the two cannot drift apart.
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import (
    ROOT,
    error_outputs,
    expect,
    new_page,
    open_notebook,
    run_all,
    save_failure_artifacts,
    save_notebook,
    wait_kernel_idle,
    widget_views,
)

ALL_WIDGETS = "tests/notebooks/all_widgets.ipynb"
KINDS = {
    "highlighter": "highlighter",
    "quote-tracker": "quote_tracker",
    "verb-swap": "verb_swap",
    "frame-check": "frame_check",
    "label-lens": "label_lens",
    "timeline": "timeline",
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (ROOT / ALL_WIDGETS).exists(), reason="all_widgets.ipynb not written yet"),
]


# ------------------------------------------------------------------------------------------ helpers


def visible_text(html_text: str) -> str:
    """The text a browser shows for an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


def squash(text: str) -> str:
    """Text without whitespace: innerText and tag-stripped HTML differ only in where the breaks fall."""
    return re.sub(r"\s+", "", text)


def shows(locator, expected_html: str) -> None:
    """Wait until the element's visible text is the text of `expected_html` (whitespace ignored)."""
    want = visible_text(expected_html)
    assert want, "the headless twin gave no feedback for these actions"
    handle = locator.element_handle()
    try:
        locator.page.wait_for_function(
            "([el, want]) => el.innerText.replace(/\\s+/g, '') === want",
            arg=[handle, squash(want)],
            timeout=15_000,
        )
    except Exception:
        got = " ".join(handle.evaluate("el => el.innerText").split())
        raise AssertionError(f"the page shows\n  {got}\nbut the widget's logic says\n  {want}") from None


def twin(kind: str, monkeypatch, tmp_path):
    """A headless widget built by the notebook's first cell for `kind` (save_as cells are skipped)."""
    import nbformat

    import medialit.widgets as mw

    nb = nbformat.read(ROOT / ALL_WIDGETS, as_version=4)
    fn = KINDS[kind]
    sources = [
        c.source.strip()
        for c in nb.cells
        if c.cell_type == "code" and c.source.strip().startswith(f"mw.{fn}(") and "save_as" not in c.source
    ]
    assert sources, f"{ALL_WIDGETS} has no cell `mw.{fn}(...)`"
    monkeypatch.chdir(tmp_path)  # nothing a widget writes lands in the repository
    return eval(sources[0], {"mw": mw})  # noqa: S307 (our own committed notebook's one-line cell)


def widget(page, kind: str, nth: int = 0):
    """The nth rendered widget of this kind (fails at once, with the JS error, if it did not render)."""
    loc = page.locator(f".medialit-{kind}")
    if loc.count() <= nth:
        pytest.fail(f"no rendered .medialit-{kind} widget; widget errors: {widget_views(page)['problems']}")
    loc = loc.nth(nth)
    loc.scroll_into_view_if_needed()
    return loc


def part(w, css_class: str):
    """The widget's child widget that carries `css_class` (ipywidgets' add_class)."""
    return w.locator(f".jupyter-widgets.{css_class}").first


def row_with(w, text: str):
    """The innermost row box (VBox) of the widget whose text contains `text`."""
    return w.locator(".widget-vbox", has_text=text).last


def feedback_under(row):
    """The last HTML widget of a row: where per-row feedback appears."""
    return row.locator(".widget-html-content").last


@pytest.fixture(scope="module")
def nb_page(browser_context, jupyter_server):
    """all_widgets.ipynb opened and run once, shared by the tests of this module."""
    page = new_page(browser_context)
    open_notebook(page, jupyter_server, ALL_WIDGETS)
    run_all(page)
    yield page
    page.close()
    jupyter_server.shutdown_kernels(wait=False)


@pytest.fixture(autouse=True)
def _one_test_at_a_time(request, nb_page, jupyter_server):
    """Screenshot on failure; and let the kernel finish this test's callbacks before the next test acts."""
    yield
    save_failure_artifacts(request, nb_page, jupyter_server)
    wait_kernel_idle(nb_page)


# ------------------------------------------------------------------------------------------ tests


def test_every_widget_renders_and_nothing_prints_an_error(nb_page):
    assert error_outputs(nb_page) == []
    views = widget_views(nb_page)
    assert views["problems"] == [], "widgets failed to render:\n" + "\n".join(views["problems"])
    missing = [kind for kind in KINDS if nb_page.locator(f".medialit-{kind}").count() == 0]
    assert missing == []


def test_highlighter_marks_a_word_with_the_keyboard_and_check_explains(nb_page, monkeypatch, tmp_path):
    expected = twin("highlighter", monkeypatch, tmp_path)
    position = [b.description for b in expected.word_buttons].index("said")
    expected.select_words([position])
    expected.add_selection()
    added = expected.feedback.value
    expected.check()

    w = widget(nb_page, "highlighter")
    words = w.locator(".medialit-words button")
    said = words.nth(position)
    words.first.focus()
    for _ in range(position):  # Tab along the words, as a keyboard user does
        nb_page.keyboard.press("Tab")
    expect(said).to_be_focused()
    nb_page.keyboard.press("Space")
    expect(said).to_have_class(re.compile(r"\bmod-active\b"))

    add = w.get_by_role("button", name="Add selection")
    for _ in range(len(expected.word_buttons) + 5):
        if add.evaluate("el => el === document.activeElement"):
            break
        nb_page.keyboard.press("Tab")
    expect(add).to_be_focused()
    nb_page.keyboard.press("Enter")
    feedback = part(w, "medialit-feedback")
    shows(feedback, added)
    expect(said).not_to_have_class(re.compile(r"\bmod-active\b"))  # the selection was cleared
    expect(w.locator(".widget-select select option")).to_have_text(["¶4: said"])

    w.get_by_role("button", name="Check").focus()
    nb_page.keyboard.press("Enter")
    shows(feedback, expected.feedback.value)
    assert "Score: 100%" in feedback.inner_text()

    expected.show_answers()
    w.get_by_role("button", name="Show answers").click()
    shows(feedback, expected.feedback.value)


def test_quote_tracker_check_confirms_a_right_speaker_and_scores(nb_page, monkeypatch, tmp_path):
    expected = twin("quote-tracker", monkeypatch, tmp_path)
    last = expected.rows[-1]
    expected.set_row(last["id"], speaker=last["speaker"])
    expected.check()

    w = widget(nb_page, "quote-tracker")
    row = row_with(w, last["text"][:40])
    row.locator(".widget-dropdown", has_text="Speaker").locator("select").select_option(label=last["speaker"])
    w.get_by_role("button", name="Check").click()
    shows(feedback_under(row), expected.row_feedback[last["id"]].value)
    shows(part(w, "medialit-feedback"), expected.feedback.value)
    assert f"✓Speaker:Yes:{last['speaker']}".replace(" ", "") in squash(feedback_under(row).inner_text())
    assert "1 of 21 answers in the table are right" in part(w, "medialit-feedback").inner_text()


def test_verb_swap_rewrites_the_sentence_and_judges_the_stance(nb_page, monkeypatch, tmp_path):
    expected = twin("verb-swap", monkeypatch, tmp_path)
    label, first = expected.sentence.options[1]  # the first sentence (option 0 is "— choose —")
    expected.sentence.value = first
    expected.verb.value = "claim"
    rewritten = expected.rewritten.value
    expected.judgement.value = "distancing"
    expected.record()

    w = widget(nb_page, "verb-swap")
    expect(part(w, "medialit-rewritten")).to_have_text("")  # it starts empty: no "say → say"
    w.get_by_role("combobox", name="Sentence").select_option(label=label)
    w.get_by_role("combobox", name="New verb").select_option(label="claim")
    shows(part(w, "medialit-rewritten"), rewritten)
    assert "claimed Tuesday" in part(w, "medialit-rewritten").inner_text()
    assert "distancing" not in part(w, "medialit-rewritten").inner_text()  # the answer waits
    w.get_by_role("radio", name="It keeps the writer at a distance").click()
    w.get_by_role("button", name="Record judgement").click()
    shows(part(w, "medialit-feedback"), expected.feedback.value)
    assert "✓ Yes: “claim” keeps the writer at a distance" in part(w, "medialit-feedback").inner_text()


def test_frame_check_profile_updates_and_compare_scores(nb_page, monkeypatch, tmp_path):
    expected = twin("frame-check", monkeypatch, tmp_path)
    profile_before = expected.profile.value
    expected.toggles["C1"].value = True
    profile_after = expected.profile.value
    expected.compare()

    w = widget(nb_page, "frame-check")
    profile = part(w, "medialit-profile")
    shows(profile, profile_before)
    c1 = w.get_by_role("group", name=re.compile(r"^C1\b"))  # named by its label (the key guard)
    c1.get_by_role("button", name="yes", exact=True).click()
    shows(profile, profile_after)
    w.get_by_role("button", name="Compare").click()
    shows(part(w, "medialit-feedback"), expected.feedback.value)
    assert "0.5 of 20 items right" in part(w, "medialit-feedback").inner_text()  # yes, no evidence: half


def test_frame_check_shows_a_problem_for_unreadable_evidence(nb_page):
    w = widget(nb_page, "frame-check")
    w.get_by_role("textbox", name="Evidence ¶ for C1").fill("seventy")
    alert = w.get_by_role("alert")
    expect(alert).to_contain_text("Problem:")
    assert error_outputs(nb_page) == []  # a message in the widget, never a traceback


def test_label_lens_gives_feedback_as_soon_as_a_name_is_rated(nb_page, monkeypatch, tmp_path):
    expected = twin("label-lens", monkeypatch, tmp_path)
    label_id = next(lid for lid, lab in expected.labels.items() if lab["text"] == "the partnership")
    expected.ratings[label_id].value = "misleading"

    w = widget(nb_page, "label-lens")
    row = row_with(w, "“the partnership”")
    row.locator("select").select_option(label="misleading")
    shows(feedback_under(row), expected.label_feedback[label_id].value)
    assert "The key also sees a choice of wording" in feedback_under(row).inner_text()


def test_timeline_judges_a_typed_date_and_a_vague_expression(nb_page, monkeypatch, tmp_path):
    expected = twin("timeline", monkeypatch, tmp_path)
    rows = {r["text"]: r["id"] for r in expected.rows}
    expected.set_date(rows["For weeks"], None, vague=True)
    expected.set_date(rows["a day after"], "2021-12-13")
    right_date = expected.row_feedback[rows["a day after"]].value
    expected.set_date(rows["a day after"], "2021-12-10")
    wrong_date = expected.row_feedback[rows["a day after"]].value

    w = widget(nb_page, "timeline")
    weeks = row_with(w, "“For weeks”")
    weeks.get_by_text("too vague to date").click()
    shows(feedback_under(weeks), expected.row_feedback[rows["For weeks"]].value)
    assert "✓ Right: “For weeks” is too vague" in feedback_under(weeks).inner_text()

    day_after = row_with(w, "“a day after”")
    date_box = day_after.locator("input[type=date]")
    date_box.fill("2021-12-13")
    shows(feedback_under(day_after), right_date)
    date_box.fill("2021-12-10")
    shows(feedback_under(day_after), wrong_date)
    assert "Off by 3 days" in feedback_under(day_after).inner_text()
    shows(part(w, "medialit-summary"), expected.summary.value)

    w.get_by_role("button", name="Draw timeline").click()
    expect(w.locator("figure img").first).to_be_visible()


def test_saved_answer_follows_the_widget_into_the_notebook_file(nb_page, jupyter_server):
    """Section 7: a widget built with save_as keeps its latest answer in the saved .ipynb."""
    from medialit.answers import saved_answers

    w = widget(nb_page, "timeline", nth=1)
    saved_line = nb_page.locator(".medialit-saved").last
    expect(saved_line).to_contain_text("Answer to demo.when saved in this notebook")
    row = row_with(w, "“In recent days”")
    row.get_by_text("too vague to date").click()
    expect(feedback_under(row)).to_contain_text("✓")  # the callback ran ...
    wait_kernel_idle(nb_page)  # ... and its display update has been sent

    answers = saved_answers(save_notebook(nb_page, jupyter_server, ALL_WIDGETS))
    assert "demo.when" in answers, f"no saved answer for demo.when; found {sorted(answers)}"
    dates = {d["text"]: d for d in answers["demo.when"]["dates"].values()}
    assert dates["In recent days"]["vague"] is True
    assert not any(d["vague"] for text, d in dates.items() if text != "In recent days")
