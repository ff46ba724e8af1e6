"""The widgets' pure logic, tested without any widget: matching, hints, verbs, frames, labels, dates."""

from __future__ import annotations

import datetime as dt

import pytest

import medialit
from medialit.errors import MedialitError
from medialit.widgets import _date_logic as dates
from medialit.widgets import _frame_logic as frames
from medialit.widgets import _highlight_logic as hl
from medialit.widgets import _label_logic as labels
from medialit.widgets import _quote_logic as quotes
from medialit.widgets import _verb_logic as verbs
from medialit.widgets._common import Reference, load_reference, same_name

P1 = "As tensions rise, Russian President Vladimir Putin said Tuesday that he wants “urgent” talks."


@pytest.fixture(scope="module")
def ref():
    return load_reference(None)


# ---------------------------------------------------------------- highlighter
def test_runs_group_consecutive_words_into_phrases():
    assert hl.runs([7, 3, 4, 5, 9, 8]) == [(3, 6), (7, 10)]
    marks = hl.make_marks(P1, 1, [3, 4, 5], "source")
    assert [m["text"] for m in marks] == ["Russian President Vladimir"]


def test_locate_ignores_case_and_quotes_but_respects_word_boundaries():
    assert hl.locate(P1, "URGENT") == {12}
    assert hl.locate(P1, "“urgent” talks") == {12, 13}
    assert hl.locate(P1, "he") == {10}  # the word "he", not the "he" inside "the" or "tensions"
    assert hl.locate(P1, "Biden") is None


def test_partial_overlap_counts_but_a_whole_sentence_does_not_count_for_one_word():
    paras = ("H", P1)
    item = {"paragraph": 1, "text": "Russian President Vladimir Putin"}
    assert (
        len(hl.match_marks(paras, [{"paragraph": 1, "text": "President Vladimir Putin"}], [item])["found"])
        == 1
    )
    assert len(hl.match_marks(paras, [{"paragraph": 1, "text": "Putin"}], [item])["found"]) == 0
    cue = {"paragraph": 1, "text": "said"}
    sentence = {"paragraph": 1, "text": P1}
    result = hl.match_marks(paras, [sentence], [cue])
    assert result["found"] == [] and result["missed"] == [cue] and len(result["extra"]) == 1


def test_marks_in_another_paragraph_do_not_match():
    paras = ("H", P1, P1)
    result = hl.match_marks(paras, [{"paragraph": 2, "text": "said"}], [{"paragraph": 1, "text": "said"}])
    assert not result["found"] and len(result["missed"]) == 1


def test_a_second_mark_on_the_same_item_is_repeated_not_extra():
    paras = ("H", P1)
    marks = [
        {"paragraph": 1, "text": "President Vladimir Putin"},
        {"paragraph": 1, "text": "Vladimir Putin said"},
    ]
    result = hl.match_marks(paras, marks, [{"paragraph": 1, "text": "Vladimir Putin"}])
    assert len(result["found"]) == 1 and len(result["repeated"]) == 1 and result["extra"] == []
    assert result["score"] == 1.0


def test_extra_marks_lower_the_score_and_are_explained_by_near_items():
    paras = ("H", P1)
    near = [{"paragraph": 1, "text": "Tuesday", "category": "time expression", "rationale": "the dateline"}]
    result = hl.match_marks(
        paras, [{"paragraph": 1, "text": "Tuesday"}], [{"paragraph": 1, "text": "said"}], near
    )
    assert result["score"] == 0.0
    ((_, hint),) = result["extra"]
    assert hint["category"] == "time expression"


def test_garbage_marks_are_ignored_not_fatal():
    result = hl.match_marks(
        ("H", P1),
        [None, 3, {"paragraph": "x"}, {"paragraph": 99, "text": "a"}],
        [{"paragraph": 1, "text": "said"}],
    )
    assert result["found"] == [] and len(result["missed"]) == 1


@pytest.mark.parametrize("category", hl.CATEGORIES)
def test_every_key_item_can_be_marked_in_its_paragraph(ref, category):
    items, _ = hl.category_items(ref, category)
    assert items, f"the key has no {category} items"
    for item in items:
        assert hl.locate(ref.article.paragraphs[item["paragraph"]], item["text"]), item


@pytest.mark.parametrize("category", hl.CATEGORIES)
def test_marking_every_key_item_scores_full_and_hints_never_give_the_answer_away(ref, category):
    items, near = hl.category_items(ref, category)
    marks = [{"category": category, "paragraph": it["paragraph"], "text": it["text"]} for it in items]
    assert hl.match_marks(ref.article.paragraphs, marks, items, near)["score"] == 1.0
    for hint in hl.missed_hints(items, category):
        assert "paragraph" in hint
        for it in items:
            assert f"“{it['text']}”" not in hint and f'"{it["text"]}"' not in hint


def test_mentioned_sources_are_not_counted_as_sources(ref):
    items, near = hl.category_items(ref, "source")
    assert all(it["mode"] != "mentioned" for it in items)
    assert any(it.get("mode") == "mentioned" for it in near)


def test_unknown_category_is_a_friendly_error(ref):
    with pytest.raises(MedialitError, match="not a highlighter category"):
        hl.category_items(ref, "adjective")


# ---------------------------------------------------------------- quotes
def test_quote_check_accepts_aliases_and_flags_wrong_fields(ref):
    row = next(r for r in quotes.quote_rows(ref) if r["speaker"] == "Sergei Ryabkov")
    fb = quotes.check_quote(
        {"speaker": "Ryabkov", "kind": "full", "via": "RIA Novosti"}, row, aliases=quotes.aliases_of(ref)
    )
    assert [fb[f]["ok"] for f in ("speaker", "kind", "via")] == [True, True, True]
    fb = quotes.check_quote(
        {"speaker": "Joe Biden", "kind": "partial", "via": quotes.DIRECT}, row, aliases=quotes.aliases_of(ref)
    )
    assert [fb[f]["ok"] for f in ("speaker", "kind", "via")] == [False, False, False]


def test_quote_choices_contain_every_right_answer_and_are_sorted(ref):
    rows = quotes.quote_rows(ref)
    names = quotes.choices(ref, rows)
    assert names[:-1] == sorted(names[:-1], key=str.casefold)
    for r in rows:
        assert r["speaker"] in names
        assert r["via"] is None or r["via"] in names


def test_same_name_is_forgiving_about_case_and_articles():
    assert same_name("the Kremlin", "Kremlin") and not same_name("", "")


# ---------------------------------------------------------------- verbs
@pytest.mark.parametrize(
    ("sentence", "cue", "lemma", "expected"),
    [
        ("Putin said he wants talks.", "said", "admit", "Putin admitted he wants talks."),
        ("The West has accused the Kremlin.", "has accused", "tell", "The West has told the Kremlin."),
        ("The president denies plans.", "denies", "claim", "The president claims plans."),
        (
            "With Russia stating it was watching.",
            "stating",
            "insist",
            "With Russia insisting it was watching.",
        ),
        ("Said the minister.", "Said", "warn", "Warned the minister."),
    ],
)
def test_swapping_a_verb_keeps_its_tense_and_form(sentence, cue, lemma, expected):
    assert verbs.swap_verb(sentence, cue, lemma) == expected


def test_every_offered_verb_has_all_forms_and_an_explanation():
    lex = verbs.lexicon()
    for v in verbs.verb_data()["verbs"]:
        entry = lex[v["lemma"]]
        assert {"base", "3sg", "past", "ing"} <= set(entry["forms"]), v
        assert entry["explanation"] and entry["connotation"] in ("neutral", "evaluative", "distancing")


def test_cue_sentences_cover_the_keys_verbs_and_skip_phrases(ref):
    found = verbs.cue_sentences(ref)
    cues = {s["cue"] for s in found}
    assert {"said", "has accused", "denies", "warned", "told"} <= cues
    assert "According to" not in cues and "made the same requests" not in cues
    for s in found:
        assert s["cue"] in s["sentence"]


def test_explanation_names_both_stances_and_judgement_follows_the_lexicon():
    text = verbs.explain_swap("say", "claim")
    assert "neutral" in text and "distancing" in text
    assert verbs.judge("distancing", "claim")[0] is True
    assert verbs.judge("neutral", "warn")[0] is False


def test_bad_verb_data_is_rejected_with_the_place():
    with pytest.raises(MedialitError, match="zorble"):
        verbs.check_verb_data(
            {
                "verbs": [{"lemma": "zorble", "pattern": "x"}, {"lemma": "say", "pattern": "y"}],
                "judgements": [],
                "classes": {"neutral": "", "evaluative": "", "distancing": ""},
            }
        )
    with pytest.raises(MedialitError, match="judgements"):
        verbs.check_verb_data(
            {
                "verbs": [{"lemma": "say", "pattern": "x"}] * 2,
                "judgements": [{"value": "odd"}],
                "classes": {"neutral": "", "evaluative": "", "distancing": ""},
            }
        )


# ---------------------------------------------------------------- frames
def test_frame_items_are_twenty_over_five_frames_in_both_wordings(ref):
    for items in (frames.frame_items(ref), frames.frame_items(Reference(ref.article, None, analysis={}))):
        assert len(items) == 20
        counts = {f: sum(1 for it in items if it["frame"] == f) for f in frames.FRAMES}
        assert counts == {
            "responsibility": 5,
            "human interest": 5,
            "conflict": 4,
            "morality": 3,
            "economic consequences": 3,
        }


def test_answering_like_the_key_reproduces_the_keys_frame_scores(ref):
    items = frames.frame_items(ref)
    scores = frames.frame_scores({it["item"]: it["answer"] for it in items}, items)
    assert scores == pytest.approx(ref.key.frame_scores, abs=0.01)


def test_check_items_reports_agreement_and_points_to_evidence(ref):
    items = frames.frame_items(ref)
    c1 = next(it for it in items if it["item"] == "C1")
    result = frames.check_items({"C1": not c1["answer"]}, {}, items)["C1"]
    assert result["ok"] is False and str(c1["evidence"][0]) in result["message"]
    result = frames.check_items({"C1": c1["answer"]}, {"C1": c1["evidence"][:1]}, items)["C1"]
    assert result["ok"] is True and "among the key's" in result["message"]


@pytest.mark.parametrize("text", ["two", "2, 40", "-1"])
def test_bad_evidence_is_a_friendly_error(text):
    with pytest.raises(MedialitError):
        frames.parse_evidence(text, 17)


# ---------------------------------------------------------------- labels
def test_label_groups_bring_together_the_names_of_one_actor(ref):
    groups = labels.label_groups(ref)
    names = {lab["text"] for lab in groups["NATO"]}
    assert names == {"the Western security alliance", "the partnership"}
    sep = {lab["text"]: lab["paragraphs"] for lab in groups["separatists in eastern Ukraine"]}
    assert sep == {"pro-Moscow separatists": [3], "pro-Russian separatists": [8]}


def test_label_feedback_quotes_the_keys_note():
    lab = {
        "text": "the partnership",
        "neutral_alternative": "the alliance",
        "suggests": "A loose tie.",
        "rationale": "NATO is an alliance.",
    }
    ok, msg = labels.judge_label("misleading", lab)
    assert ok is True and "NATO is an alliance." in msg and "the alliance" in msg
    assert labels.judge_label("neutral", lab)[0] is False
    assert labels.judge_label(None, lab)[0] is None


# ---------------------------------------------------------------- dates
ROW_EXACT = {"text": "a day after", "date": "2021-12-13", "start": None, "end": None, "vague": False}
ROW_VAGUE = {"text": "For weeks", "date": None, "start": None, "end": None, "vague": True}


def test_exact_dates_are_right_or_off_by_n_days():
    assert dates.judge_date(dt.date(2021, 12, 13), False, ROW_EXACT)[0] is True
    ok, msg, off = dates.judge_date(dt.date(2021, 12, 16), False, ROW_EXACT)
    assert (ok, off) == (False, 3) and "Off by 3 days (late)" in msg


def test_vague_expressions_want_the_vague_box():
    assert dates.judge_date(None, True, ROW_VAGUE)[0] is True
    assert dates.judge_date(dt.date(2021, 12, 1), False, ROW_VAGUE)[0] is False
    assert dates.judge_date(None, True, ROW_EXACT)[0] is False
    assert dates.judge_date(None, False, ROW_EXACT)[0] is None


def test_time_rows_match_the_key(ref):
    rows = dates.time_rows(ref)
    assert len(rows) == len(ref.key.time_expressions)
    vague = {r["text"] for r in rows if r["vague"]}
    assert {"For weeks", "traditionally", "In recent days"} <= vague


def test_the_doctest_sample_article_is_the_built_in_one():
    assert medialit.load_article().id == "putin-nato-talks-2021-12-14"
