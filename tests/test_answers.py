"""Saved answers (medialit.answers): notebook output, the answers folder, reloading, the one reader."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import medialit.widgets as mw
from medialit.answers import (
    ANSWER_DIR,
    ANSWER_MIME,
    MAX_ANSWER_BYTES,
    AnswerSaver,
    answer_bundle,
    check_save_as,
    load_answer,
    saved_answers,
    write_answer,
)
from medialit.errors import MedialitError


def _highlight(w):
    w.paragraph.value = 12
    w.select_words([0])
    w.add_button.click()


def _quotes(w):
    w.set_row(w.rows[-1]["id"], speaker="Sergei Ryabkov", kind="full")


def _verbs(w):
    w.sentence.value = "p4:said"
    w.verb.value = "claim"
    w.judgement.value = "distancing"
    w.record_button.click()


def _frames(w):
    w.toggles["C2"].value = True
    w.evidence["C2"].value = "2, 16"


def _labels(w):
    w.ratings["p3:pro-Moscow separatists"].value = "leans one way"


def _dates(w):
    w.set_date("p1:Tuesday", dt.date(2021, 12, 14))


CHANGES = {
    "highlighter": _highlight,
    "quote_tracker": _quotes,
    "verb_swap": _verbs,
    "frame_check": _frames,
    "label_lens": _labels,
    "timeline": _dates,
}


@pytest.mark.parametrize("name", CHANGES)
def test_answer_is_written_on_change_and_reloaded_when_the_widget_is_built_again(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build = getattr(mw, name)
    first = build(save_as=f"ex99.{name}")
    empty = first.answer
    CHANGES[name](first)
    assert first.answer != empty
    path = tmp_path / ANSWER_DIR / f"ex99.{name}.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"question": f"ex99.{name}", "answer": first.answer}
    again = build(save_as=f"ex99.{name}")
    assert again.answer == first.answer
    assert "was loaded" in again.status.value
    other = build(save_as=f"ex99.other_{name}")
    assert other.answer == empty


def test_a_damaged_saved_answer_starts_fresh_with_a_note(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_answer("ex99.lens", {"ratings": "not a dict"}, tmp_path)
    lens = mw.label_lens(save_as="ex99.lens")
    assert all(v is None for v in lens.answer["ratings"].values())
    assert "could not be loaded" in lens.status.value
    (tmp_path / ANSWER_DIR / "ex99.lens.json").write_text("{not json", encoding="utf-8")
    assert load_answer("ex99.lens", tmp_path) is None
    assert mw.label_lens(save_as="ex99.lens").status.value == ""


def test_an_answer_saved_for_another_article_is_not_loaded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_answer("ex99.t", {"article": "some-other-article", "dates": {"p1:Tuesday": {"date": "2021-12-14"}}})
    t = mw.timeline(save_as="ex99.t")
    assert t.answer["dates"]["p1:Tuesday"]["date"] is None
    assert "another article" in t.status.value


def test_save_as_must_look_like_set_dot_question():
    for bad in ("q1", "ex 1.q1", "../x.q1", "ex1.", 5):
        with pytest.raises(MedialitError, match="save_as"):
            check_save_as(bad)
    with pytest.raises(MedialitError, match="save_as"):
        mw.timeline(save_as="my answer")


def test_saver_updates_its_display_handle_with_the_latest_answer(tmp_path):
    class Handle:
        def __init__(self):
            self.bundles = []

        def update(self, bundle, raw=False):
            self.bundles.append(bundle)

    saver = AnswerSaver("ex99.q", folder=tmp_path)
    saver.handle = Handle()
    saver.update({"n": 1})
    saver.update({"n": 2})
    assert [b[ANSWER_MIME] for b in saver.handle.bundles] == [
        {"question": "ex99.q", "answer": {"n": 1}},
        {"question": "ex99.q", "answer": {"n": 2}},
    ]
    assert "ex99.q" in saver.handle.bundles[-1]["text/plain"]


def test_saved_answers_reads_outputs_and_tolerates_garbage():
    good = {"output_type": "display_data", "data": answer_bundle("ex1.q1", {"a": 1})}
    later = {"output_type": "display_data", "data": answer_bundle("ex1.q1", {"a": 2})}
    as_text = {
        "output_type": "execute_result",
        "data": {ANSWER_MIME: json.dumps({"question": "ex1.q2", "answer": [1]})},
    }
    nb = {
        "cells": [
            {"cell_type": "markdown"},
            {
                "cell_type": "code",
                "source": 'w(save_as="ex1.q1")',
                "outputs": [good, {"output_type": "stream"}],
            },
            {
                "cell_type": "code",
                "source": ['w(save_as="ex1.q1")\n', 'w(save_as="ex1.q2")\n', 'w(save_as="ex1.q3")  # ex1.q4'],
                "outputs": [
                    {"output_type": "display_data", "data": {ANSWER_MIME: "{broken"}},
                    {"output_type": "display_data", "data": {ANSWER_MIME: {"question": 7, "answer": 1}}},
                    {"output_type": "display_data", "data": {ANSWER_MIME: {"question": "ex1.q3"}}},
                    {"output_type": "error", "data": {ANSWER_MIME: {"question": "ex1.q4", "answer": 1}}},
                    None,
                    "text",
                    [],
                    later,
                    as_text,
                ],
            },
            {"cell_type": "code", "outputs": None},
        ]
    }
    assert saved_answers(nb) == {"ex1.q1": {"a": 2}, "ex1.q2": [1]}
    for junk in (None, 3, "x", {"cells": "no"}, {"cells": [None, {"outputs": {}}]}):
        assert saved_answers(junk) == {}


def test_only_code_cells_hold_saved_answers_and_a_widget_cell_only_its_own():
    bundle = answer_bundle("ex02.q6", {"marks": []})
    output = {"output_type": "display_data", "data": bundle}
    planted = {
        "cells": [{"cell_type": "markdown", "outputs": [output]}, {"cell_type": "raw", "outputs": [output]}]
    }
    assert saved_answers(planted) == {}
    other = {"cell_type": "code", "metadata": {"medialit": {"save_as": "ex02.q7"}}, "outputs": [output]}
    own = {"cell_type": "code", "metadata": {"medialit": {"save_as": "ex02.q6"}}, "outputs": [output]}
    assert saved_answers({"cells": [other]}) == {}
    assert saved_answers({"cells": [own]}) == {"ex02.q6": {"marks": []}}
    typed = {"cell_type": "code", "source": 'highlighter(save_as="ex02.q6")', "outputs": [output]}
    assert saved_answers({"cells": [typed]}) == {"ex02.q6": {"marks": []}}
    answer_cell = {"cell_type": "code", "metadata": {"medialit": {"question": "q6"}}, "outputs": [output]}
    assert saved_answers({"cells": [answer_cell]}) == {"ex02.q6": {"marks": []}}
    # a record in a cell that did not make it (another question's cell, or code that names nothing)
    planted_in_code = [
        {"cell_type": "code", "source": 'q1 = "b"', "outputs": [output]},
        {"cell_type": "code", "metadata": {"medialit": {"question": "q1"}}, "outputs": [output]},
    ]
    for cell in planted_in_code:
        assert saved_answers({"cells": [cell]}) == {}


def test_an_answer_too_big_to_be_real_is_not_read(tmp_path):
    huge = {"marks": ["x" * 100] * (MAX_ANSWER_BYTES // 100)}
    cell = {
        "cell_type": "code",
        "outputs": [{"output_type": "display_data", "data": answer_bundle("ex1.q1", huge)}],
    }
    assert saved_answers({"cells": [cell]}) == {}
    write_answer("ex1.q1", huge, tmp_path)
    assert load_answer("ex1.q1", tmp_path) is None


def test_the_answers_module_does_not_import_ipywidgets():
    code = "import sys, medialit.answers, medialit.widgets; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_browser_notebook_runs_in_a_real_kernel_and_the_saved_notebook_holds_the_latest_answer(
    tmp_path, root
):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(root / "tests" / "notebooks" / "all_widgets.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit it without outputs"
    saving = next(c for c in nb.cells if c.cell_type == "code" and "save_as=" in c.source)
    assert saving.source == 'mw.timeline(save_as="demo.when")'
    saving.source = "t = " + saving.source + "\nt"
    nb.cells.append(nbformat.v4.new_code_cell("t.set_date('p12:a day after', '2021-12-13')"))
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    kinds = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error" and out.get("name") != "stderr", out
            kinds.update(out.get("data", {}))
    assert "application/vnd.jupyter.widget-view+json" in kinds
    # the answer output sits below the widget (and its "run this cell" line), updated in place
    # by the later cell
    assert "application/vnd.jupyter.widget-view+json" in saving.outputs[0]["data"]
    assert "application/vnd.medialit.widget-note+json" in saving.outputs[1]["data"]
    assert ANSWER_MIME in saving.outputs[2]["data"] and len(saving.outputs) == 3
    answers = saved_answers(nb)
    assert answers["demo.when"]["dates"]["p12:a day after"]["date"] == "2021-12-13"
    on_disk = json.loads((tmp_path / ANSWER_DIR / "demo.when.json").read_text(encoding="utf-8"))
    assert on_disk["answer"] == answers["demo.when"]
