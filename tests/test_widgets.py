"""The six widgets, driven headlessly: build, set values, click, and read state, HTML and answers."""

from __future__ import annotations

import datetime as dt
import json

import ipywidgets as w
import pytest

import medialit.widgets as mw
from medialit.errors import MedialitError
from medialit.widgets._common import NO_KEY_NOTE


def html_of(widget) -> str:
    """Every HTML value inside a widget tree, joined."""
    out = []
    stack = [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, w.HTML):
            out.append(node.value)
        stack.extend(getattr(node, "children", ()))
    return "\n".join(out)


def controls_of(widget) -> list[w.DOMWidget]:
    stack, out = [widget], []
    while stack:
        node = stack.pop()
        if isinstance(
            node,
            w.Button
            | w.ToggleButton
            | w.Dropdown
            | w.Text
            | w.Textarea
            | w.Checkbox
            | w.DatePicker
            | w.ToggleButtons
            | w.RadioButtons
            | w.Select,
        ):
            out.append(node)
        stack.extend(getattr(node, "children", ()))
    return out


ALL = {
    "highlighter": lambda **kw: mw.highlighter(**kw),
    "quote_tracker": lambda **kw: mw.quote_tracker(**kw),
    "verb_swap": lambda **kw: mw.verb_swap(**kw),
    "frame_check": lambda **kw: mw.frame_check(**kw),
    "label_lens": lambda **kw: mw.label_lens(**kw),
    "timeline": lambda **kw: mw.timeline(**kw),
}


TITLES = {
    "highlighter": "Highlighter",
    "quote_tracker": "Quote tracker",
    "verb_swap": "Verb swap",
    "frame_check": "Frame check",
    "label_lens": "Label lens",
    "timeline": "Timeline",
}


@pytest.mark.parametrize("name", ALL)
def test_every_widget_builds_with_the_key_labels_every_control_and_has_json_answer(name):
    widget = ALL[name]()
    assert NO_KEY_NOTE not in html_of(widget)
    json.dumps(widget.answer)
    assert "medialit-widget" in widget._dom_classes
    # the visible title names the widget (a Box must not carry a tooltip: see test_widgets_render_safety)
    assert f'<div class="medialit-title"><strong>{TITLES[name]}</strong>' in widget.header.value
    assert not widget.tooltip
    for control in controls_of(widget):
        assert control.description or isinstance(control, w.ToggleButton), control
        assert control.tooltip, control


# ------------------------------------------------------------------ highlighter
def test_highlighter_check_reports_found_missed_and_stray_with_rationale():
    h = mw.highlighter(category="attribution cue")
    h.paragraph.value = 4
    words = [b.description for b in h.word_buttons]
    h.select_words([words.index("said")])
    h.add_button.click()
    h.select_words([words.index("chat")])
    h.add_button.click()
    h.check_button.click()
    text = h.feedback.value
    assert "Found</strong> ¶4 “said”" in text
    assert "Stray</strong> ¶4 “chat”" in text and "loaded term" in text  # explained by the other category
    assert "Score: 0% — not yet" in text  # (1 found − 1 stray) ÷ 22 listed
    assert "How it is scored:" in text
    assert "Look again at paragraph 9: there are 3 more attribution cues there." in text
    assert [m["text"] for m in h.answer["marks"]] == ["said", "chat"]


def test_highlighter_consecutive_words_form_one_phrase_and_marks_can_be_removed():
    h = mw.highlighter(category="source", paragraphs=[13])
    words = [b.description for b in h.word_buttons]
    start = words.index("RIA")
    h.select_words([start, start + 1])
    h.add_button.click()
    assert [m["text"] for m in h.answer["marks"]] == ["RIA Novosti.”"[:-2]] or h.answer["marks"][0][
        "text"
    ] == "RIA Novosti."
    assert all(not b.value for b in h.word_buttons)  # the selection is cleared
    assert h.word_buttons[start].button_style == "info"  # marked words are shown (with a ✓ icon too)
    h.mark_list.index = 0
    h.remove_button.click()
    assert h.answer["marks"] == []


def test_highlighter_limited_to_some_paragraphs_checks_only_those():
    h = mw.highlighter(category="attribution cue", paragraphs=[4])
    h.select_words([[b.description for b in h.word_buttons].index("said")])
    h.add_button.click()
    h.check_button.click()
    assert "Score: 100%" in h.feedback.value and "You marked 1 of the 1 attribution cue." in h.feedback.value
    assert "Missed" not in h.feedback.value


def test_highlighter_show_answers_reveals_the_key_and_can_be_turned_off():
    h = mw.highlighter(category="time expression")
    h.answers_button.click()
    assert "“since 2014”" in h.feedback.value and "Crimea" in h.feedback.value
    hidden = mw.highlighter(category="time expression", show_answers=False)
    assert all(b.description != "Show answers" for b in controls_of(hidden) if isinstance(b, w.Button))


def test_highlighter_adding_nothing_says_what_to_do():
    h = mw.highlighter()
    h.add_button.click()
    assert "Press one or more words first" in h.feedback.value
    assert h.answer["marks"] == []


def test_highlighter_rejects_bad_options_with_friendly_errors():
    with pytest.raises(MedialitError, match="paragraphs"):
        mw.highlighter(paragraphs=[0, 99])
    with pytest.raises(MedialitError, match="category"):
        mw.highlighter(category="verbs")


def test_an_error_inside_a_callback_is_shown_in_the_widget():
    h = mw.highlighter()

    def broken(*_):
        raise RuntimeError("boom <b>")

    h.check_button._click_handlers.callbacks.clear()
    h.check_button.on_click(h.guard(broken))
    h.check_button.click()
    assert "boom &lt;b&gt;" in h.status.value and 'role="alert"' in h.status.value


# ------------------------------------------------------------------ quote tracker
def test_quote_tracker_checks_each_field_and_draws_who_speaks():
    t = mw.quote_tracker()
    rid = next(r["id"] for r in t.rows if r["speaker"] == "Sergei Ryabkov")
    t.set_row(rid, speaker="Sergei Ryabkov", kind="full", via="RIA Novosti")
    other = next(r["id"] for r in t.rows if r["speaker"] == "Joe Biden")
    t.set_row(other, speaker="Vladimir Putin", kind="partial")
    t.check_button.click()
    assert t.row_feedback[rid].value.count("✓") == 3
    assert "✗" in t.row_feedback[other].value and "Not quite" in t.row_feedback[other].value
    assert "4 of 21 answers in the table are right" in t.feedback.value and "Score: 19%" in t.feedback.value
    t.chart_button.click()
    assert "Who gets to speak" in t.chart.value and "Sergei Ryabkov" in t.chart.value
    assert t.answer["quotes"][rid] | {"text": None} == {
        "paragraph": 13,
        "text": None,
        "speaker": "Sergei Ryabkov",
        "kind": "full",
        "via": "RIA Novosti",
    }


# ------------------------------------------------------------------ verb swap
def test_verb_swap_starts_empty_and_keeps_the_new_verbs_class_until_a_stance_is_recorded():
    v = mw.verb_swap()
    assert v.sentence.value is None and v.verb.value is None and v.judgement.value is None
    assert v.rewritten.value == "" and v.rewrite() == ""
    v.record_button.click()
    assert "Choose a sentence first" in v.feedback.value and v.answer["records"] == []

    v.sentence.value = "p12:warned"
    assert "warned" in v.original.value and "evaluative" in v.original.value  # the original's own class
    v.verb.value = "warn"  # the verb it already has: no swap to judge
    assert "already has" in v.rewritten.value
    v.judgement.value = "evaluative"
    v.record_button.click()
    assert "already has" in v.feedback.value and v.answer["records"] == []

    v.verb.value = "say"
    assert "Sergei Ryabkov, said that if" in v.rewritten.value
    assert "neutral" not in v.rewritten.value and "Grammar check" in v.rewritten.value
    v.record_button.click()
    assert "Choose how the stance changes" in v.feedback.value and "neutral" not in v.feedback.value
    assert v.answer["records"] == []
    v.judgement.value = "neutral"
    v.note.value = "Calmer."
    v.record_button.click()
    assert "✓" in v.feedback.value and "“say” just reports the words: it is neutral" in v.feedback.value
    assert "From “warn” (evaluative" in v.feedback.value  # the explanation comes once judged
    (rec,) = v.answer["records"]
    assert rec["replacement"] == "say" and rec["judgement"] == "neutral" and rec["note"] == "Calmer."
    v.verb.value = "accuse"
    assert v.feedback.value == "" and v.judgement.value is None  # a new swap asks afresh
    v.judgement.value = "distancing"
    v.record_button.click()
    assert "✗" in v.feedback.value and len(v.answer["records"]) == 2
    assert "“accuse” tells the reader how to take the words: it is evaluative" in v.feedback.value
    assert "lexicon" not in v.feedback.value


# ------------------------------------------------------------------ frame check
def test_frame_check_profile_updates_live_and_compare_gives_feedback():
    f = mw.frame_check()
    before = f.profile.value
    f.toggles["C1"].value = True
    f.toggles["C2"].value = True
    assert f.profile.value != before and "0.50 (2 of 4 yes)" in f.profile.value
    f.evidence["C1"].value = "2, 9"
    f.toggles["H1"].value = True
    f.compare_button.click()
    assert "✓" in f.item_feedback["C1"].value and "among the key&#x27;s" in f.item_feedback["C1"].value
    assert "✗" in f.item_feedback["H1"].value
    assert "1.5 of 20 items right" in f.feedback.value  # C1 with evidence: 1; C2 without: ½; H1 wrong: 0
    assert f.answer["items"]["C1"] == {"answer": True, "evidence": [2, 9], "evidence_text": "2, 9"}


def test_frame_check_bad_evidence_shows_a_problem_not_a_traceback():
    f = mw.frame_check()
    f.evidence["R1"].value = "paragraph seventy"
    assert "Problem:" in f.status.value and "paragraph numbers" in f.status.value
    f.evidence["R1"].value = "1"
    assert f.status.value == "" and f.answer["items"]["R1"]["evidence"] == [1]


# ------------------------------------------------------------------ label lens
def test_label_lens_gives_instant_feedback_from_the_keys_note():
    lens = mw.label_lens()
    assert "pro-Moscow separatists" in html_of(lens) and "pro-Russian separatists" in html_of(lens)
    lens.ratings["p9:the partnership"].value = "neutral"
    fb = lens.label_feedback["p9:the partnership"].value
    assert "Think again" in fb and "the alliance" in fb
    lens.ratings["p9:the partnership"].value = "misleading"
    assert "✓" in lens.label_feedback["p9:the partnership"].value
    assert lens.answer["ratings"]["p9:the partnership"] == "misleading"


# ------------------------------------------------------------------ timeline
def test_timeline_says_right_off_by_n_days_and_vague():
    t = mw.timeline()
    assert "Tuesday 14 December 2021" in t.header.value
    t.set_date("p12:a day after", dt.date(2021, 12, 11))
    assert "Off by 2 days (early)" in t.row_feedback["p12:a day after"].value
    t.set_date("p12:a day after", "2021-12-13")
    assert "✓" in t.row_feedback["p12:a day after"].value
    t.set_date("p11:In recent days", None, vague=True)
    assert "too vague" in t.row_feedback["p11:In recent days"].value
    assert t.answer["dates"]["p11:In recent days"] == {
        "paragraph": 11,
        "text": "In recent days",
        "date": None,
        "vague": True,
    }
    t.draw_button.click()
    assert "a day after" in t.chart.value and "2021-12-13" in t.chart.value


# ------------------------------------------------------------------ any article, escaping
EVIL = (
    " date 2021-12-14 Bob & Co <script>alert(1)</script>\n\n"
    "Bob said “<i>we</i> & you” on Monday. Tom & Jerry met.\n\n"
    "The duo <b>x()</b> rested.\n"
)

FAKE_KEY = {
    "quotes": [
        {
            "id": "q1",
            "paragraph": 1,
            "text": "<i>we</i> & you",
            "speaker": "Bob <b>",
            "cue": "said",
            "kind": "partial",
            "via": None,
            "rationale": "R & <D>",
        }
    ],
    "sources": [
        {
            "name": "Bob <b>",
            "aliases": ["Bob"],
            "kind": "person",
            "official": False,
            "appearances": [{"paragraph": 1, "mode": "partial quote"}],
            "rationale": "<script>s</script>",
        }
    ],
    "appearances": [{"source": "Bob <b>", "paragraph": 1, "mode": "partial quote"}],
    "attributions": [
        {
            "paragraph": 1,
            "source": "Bob <b>",
            "cue": "said",
            "connotation": "neutral",
            "mode": "partial quote",
            "rationale": "<script>cue</script>",
        }
    ],
    "framing": [
        {
            "device": "label",
            "paragraph": 1,
            "text": "Tom & Jerry",
            "actor": "the <duo>",
            "neutral_alternative": "the pair",
            "suggests": "<em>fun</em>",
            "rationale": "A & B",
        },
        {
            "device": "label",
            "paragraph": 2,
            "text": "The duo",
            "actor": "the <duo>",
            "neutral_alternative": None,
            "suggests": "",
            "rationale": "",
        },
    ],
    "frames": [],
    "unattributed": [{"paragraph": 2, "text": "The duo <b>x()</b> rested.", "rationale": "<b>"}],
    "time_expressions": [
        {
            "paragraph": 1,
            "text": "on Monday",
            "date": "2021-12-13",
            "start": None,
            "end": None,
            "vague": False,
            "event": "<met>",
            "rationale": "Mon & day",
        }
    ],
}


@pytest.fixture
def evil_article(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(EVIL, encoding="utf-8")
    return str(path)


def test_html_from_the_article_and_key_is_escaped_everywhere(evil_article):
    h = mw.highlighter(evil_article, category="unattributed claim", key=FAKE_KEY)
    h.paragraph.value = 2
    h.select_words(range(len(h.word_buttons)))
    h.add_button.click()
    h.check_button.click()
    h.answers_button.click()
    q = mw.quote_tracker(evil_article, key=FAKE_KEY)
    q.set_row("q1", speaker="Bob <b>", kind="partial", via="(direct)")
    q.check_button.click()
    q.chart_button.click()
    lens = mw.label_lens(evil_article, key=FAKE_KEY)
    lens.ratings["p1:Tom & Jerry"].value = "leans one way"
    t = mw.timeline(evil_article, key=FAKE_KEY)
    t.set_date("p1:on Monday", "2021-12-13")
    t.draw_button.click()
    v = mw.verb_swap(evil_article, key=FAKE_KEY)
    f = mw.frame_check(evil_article, key=FAKE_KEY)
    f.compare_button.click()
    for widget in (h, q, lens, t, v, f):
        text = html_of(widget)
        for raw in ("<script>", "<i>we", "<em>fun", "<b>x()", "<b>\n", "<met>", "<duo>", "<D>"):
            assert raw not in text, (type(widget), raw)
        assert "&lt;script&gt;" in text, type(widget)
    assert "&lt;b&gt;x()&lt;/b&gt;" in html_of(h) and "&lt;i&gt;we&lt;/i&gt; &amp; you" in html_of(q)
    assert "Bob &amp; Co" in h.header.value
    assert "the &lt;duo&gt;" in html_of(lens) and "&lt;em&gt;fun&lt;/em&gt;" in html_of(lens)
    assert "✓" in q.row_feedback["q1"].value


def test_widgets_work_for_an_article_without_a_key_and_say_so(tmp_path):
    pytest.importorskip("medialit.analysis")
    path = tmp_path / "plain.txt"
    path.write_text(
        " date 2022-03-02 Mayor opens bridge\n\nThe mayor said on Monday that the bridge "
        "would open “next week”, according to the council.\n\nCritics claimed last year "
        "that costs had soared.\n",
        encoding="utf-8",
    )
    for name, build in ALL.items():
        widget = build(article=str(path))
        assert NO_KEY_NOTE.replace("'", "&#x27;") in widget.header.value, name
        json.dumps(widget.answer)
    h = mw.highlighter(str(path), category="time expression")
    h.paragraph.value = 1
    h.check_button.click()
    assert "the automatic analysis" in h.feedback.value


# ------------------------------------------------------------------ scoring saved answers as data
def _rescored(widget):
    """The widget's answer, saved as JSON and scored again by the rule alone (as a grader would)."""
    from medialit.scoring import score

    return score(widget.scoring_kind, widget.spec(), json.loads(json.dumps(widget.answer)))


def test_a_saved_answer_scored_as_data_gets_the_widgets_own_verdict_and_score():
    h = mw.highlighter(category="attribution cue", paragraphs=list(range(17)))
    h.paragraph.value = 9
    words = [b.description for b in h.word_buttons]
    h.select_words([words.index("denies")])
    h.add_button.click()
    h.select_words([words.index("plans")])
    h.add_button.click()
    h.check_button.click()
    assert h.last_result == _rescored(h)
    assert (h.last_result.extra["found"], h.last_result.extra["stray"]) == (1, 1)
    assert f"Score: {h.last_result.percent}%" in h.feedback.value

    q = mw.quote_tracker()
    rid = next(r["id"] for r in q.rows if r["speaker"] == "Sergei Ryabkov")
    q.set_row(rid, speaker="Sergei Ryabkov", kind="full", via="RIA Novosti")
    q.check_button.click()
    assert q.last_result == _rescored(q) and "3 of 21 answers" in q.feedback.value

    f = mw.frame_check()
    f.toggles["C1"].value = True
    f.toggles["M1"].value = True
    f.compare_button.click()
    assert f.last_result == _rescored(f)
    assert "0.5 of 20 items right" in f.feedback.value  # C1: yes without evidence; M1: wrong

    t = mw.timeline()
    t.set_date("p1:Tuesday", "2021-12-14")
    t.set_date("p2:For weeks", None, vague=True)
    t.set_date("p10:last week", "2021-12-20")
    t.set_date("p12:a day after", "2021-12-14")  # one day off: half a share
    t.check_button.click()
    assert t.last_result == _rescored(t) and t.last_result.fraction == pytest.approx(2.5 / 10)
    assert "2.5 of 10 time expressions" in t.feedback.value and "2.5 of 10" in t.summary.value

    lens = mw.label_lens()
    lens.ratings["p9:the partnership"].value = "misleading"
    lens.ratings["p3:pro-Moscow separatists"].value = "neutral"
    lens.check_button.click()
    assert lens.last_result == _rescored(lens) and "1 of 7 names" in lens.feedback.value

    v = mw.verb_swap()
    v.sentence.value = "p4:said"
    v.verb.value = "warn"
    v.judgement.value = "evaluative"
    v.record_button.click()
    assert v.last_result == _rescored(v) and v.last_result.verdict == "correct"


@pytest.mark.parametrize("name", ALL)
def test_the_rules_tolerate_garbage_answers(name):
    from medialit.scoring import score

    widget = ALL[name]()
    for junk in (
        None,
        [],
        "x",
        {
            "marks": 3,
            "quotes": [1],
            "records": "r",
            "items": {"C1": 5},
            "ratings": [],
            "dates": {"p1:Tuesday": "today"},
        },
    ):
        result = score(widget.scoring_kind, widget.spec(), junk)
        assert result.fraction == 0, (junk, result)
        assert result.verdict in ("unanswered", "wrong shape", "not yet"), (junk, result)
