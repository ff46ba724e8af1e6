"""What the six widgets give screen readers and keyboards, checked headlessly (the browser tests
check the same in JupyterLab): a key guard in every widget, a name of its own for every control,
dropdowns that start on their prompt, announced feedback, headings that are not fixed h-tags (and
the kit's other HTML headings without jumps), and the "run this cell" line beside every widget."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import sys
from unittest import mock

import ipywidgets as w
import nbformat
import pytest

import medialit.widgets as mw
from medialit.handout import clean_outputs
from medialit.widgets._common import NOTE_MIME
from medialit.widgets._keyguard import KeyGuard, guarded, heading_html, note_bundle, show, sr_only

BUILDERS = ["highlighter", "quote_tracker", "verb_swap", "frame_check", "label_lens", "timeline"]
NAMED = (w.Dropdown, w.Text, w.Textarea, w.Checkbox, w.DatePicker, w.ToggleButtons, w.RadioButtons, w.Select)


def tree(widget):
    stack = [widget]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(getattr(node, "children", ())))


def spoken(description: str) -> str:
    """The accessible name a browser computes from a description label (tags dropped)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", description)).replace("\xa0", " ").split())


@pytest.fixture(scope="module", params=BUILDERS)
def built(request):
    return getattr(mw, request.param)()


def test_every_widget_carries_one_key_guard_as_its_last_child(built):
    guards = [node for node in tree(built) if isinstance(node, KeyGuard)]
    assert guards == [built.children[-1]]
    assert guards[0].layout.display == "none" and "medialit-keyguard" in guards[0]._dom_classes


def test_every_control_has_a_name_of_its_own(built):
    names = [spoken(node.description) for node in tree(built) if isinstance(node, NAMED)]
    assert all(names), names
    repeated = sorted({n for n in names if names.count(n) > 1})
    assert repeated == [], f"controls that sound alike: {repeated}"
    buttons = [node.description for node in tree(built) if type(node) is w.Button]
    assert len(buttons) == len(set(buttons))


def test_the_quote_trackers_dropdowns_say_which_quote_they_are_about():
    tracker = mw.quote_tracker()
    qid, row = next(iter(tracker.controls.items()))
    paragraph = next(r["paragraph"] for r in tracker.rows if r["id"] == qid)
    said = spoken(row["speaker"].description)
    text = next(r["text"] for r in tracker.rows if r["id"] == qid)
    assert said.startswith(f"Speaker of the quote in ¶{paragraph}, “{text[:20]}")
    assert row["speaker"].description.startswith("Speaker<span")  # the page still shows "Speaker"
    assert spoken(row["via"].description).startswith(f"Through whom the quote in ¶{paragraph}")


def test_dropdowns_start_on_their_prompt_not_on_nothing(built):
    for node in tree(built):
        values = [o[1] if isinstance(o, tuple) else o for o in getattr(node, "options", ())]
        if isinstance(node, w.Dropdown) and None in values:
            assert node.index == 0 and node.value is None, node.description
            first = next(v for v in values if v is not None)
            node.value = first
            node.value = None  # a restore, or the student choosing the prompt again
            assert node.index == 0, node.description


def test_feedback_areas_are_announced(built):
    live = [node for node in tree(built) if "medialit-live" in getattr(node, "_dom_classes", ())]
    assert built.status in live and built.feedback in live


def test_no_fixed_heading_tags_inside_a_widget(built):
    for node in tree(built):
        if isinstance(node, w.HTML):
            assert not re.search(r"<h[1-6]\b", node.value), node.value[:80]


def test_the_kits_own_html_headings_start_at_level_two_and_never_skip_a_level():
    """The article and the analysis tables shown in a notebook (under its "# " title): an h4 right
    after the lesson's "## " section is a jump in the outline (axe's heading-order)."""
    import medialit

    analysis = medialit.analyze()
    pages = {
        "article": medialit.load_article()._repr_html_(),
        "analysis": analysis._repr_html_(),
        "comparison": medialit.compare(analysis, medialit.answer_key())._repr_html_(),
    }
    for name, page in pages.items():
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", page)]
        assert levels and levels[0] == 2, (name, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)


def test_frame_check_and_label_lens_headings_are_marked_for_the_outline():
    for widget in (mw.frame_check(), mw.label_lens()):
        headings = [n.value for n in tree(widget) if isinstance(n, w.HTML) and "medialit-heading" in n.value]
        assert headings and all('role="heading" aria-level="3"' in h for h in headings)
    assert "&lt;b&gt;" in heading_html("<b>")


def test_guarded_keeps_its_guard_when_children_change_and_guards_once():
    box = w.VBox([w.Dropdown(options=["a", "b"])])
    assert guarded(box) is box and guarded(box) is box
    box.children = [w.Text()]
    assert isinstance(box.children[0], w.Text) and isinstance(box.children[1], KeyGuard)
    assert len(box.children) == 2
    with pytest.raises(TypeError, match="outermost Box"):
        guarded(w.Dropdown(options=["a"]))


def test_sr_only_escapes_both_parts():
    described = sr_only("A & B", "<of> it")["description"]
    assert described.startswith("A &amp; B<span") and "&lt;of&gt; it</span>" in described


def test_a_widget_is_shown_with_a_friendly_text_and_the_run_this_cell_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    widget = mw.timeline(save_as="demo.when")
    with mock.patch("IPython.display.display") as shown:
        widget._ipython_display_()
    bundles = [call.args[0] for call in shown.call_args_list]
    assert bundles[0]["text/plain"] == "[Timeline widget]"
    assert "application/vnd.jupyter.widget-view+json" in bundles[0]
    assert bundles[1] == note_bundle()
    assert "Run this cell to continue where you left off" in bundles[1]["text/html"]


def test_show_guards_what_it_displays_so_the_line_hides_beside_a_drawn_form():
    """A form (issue 12's other half) displayed with show() gets the key guard the line's style
    looks for, and the friendly text instead of ipywidgets' repr."""
    form = w.VBox([w.RadioButtons(options=["yes", "no"], description="Q1")])
    with mock.patch("IPython.display.display") as shown:
        show(form, "[Form for Question 1]")
    assert isinstance(form.children[-1], KeyGuard)
    view, line = (call.args[0] for call in shown.call_args_list)
    assert view["text/plain"] == "[Form for Question 1]" and view["application/vnd.jupyter.widget-view+json"]
    assert line == note_bundle()


def test_the_run_this_cell_line_is_not_printed_in_a_handout():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "w", outputs=[nbformat.v4.new_output("display_data", data=note_bundle())]
            )
        ]
    )
    assert clean_outputs(nb).cells[0].outputs == []
    assert NOTE_MIME in note_bundle()


def test_importing_the_kit_or_its_widget_package_loads_no_front_end_code():
    code = "import sys, medialit.widgets; print('anywidget' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
