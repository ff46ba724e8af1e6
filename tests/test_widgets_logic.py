"""The rules and helpers widgets use, tested without a widget: marks, hints, verbs, frames, labels, dates."""

from __future__ import annotations

import pytest

import medialit
from medialit.errors import MedialitError
from medialit.scoring import Reference, labels, quotes
from medialit.scoring import frames as frame_rule
from medialit.scoring import marks as hl
from medialit.scoring import timeline as dates
from medialit.scoring import verbs as verb_rule
from medialit.scoring._text import locate, make_marks, runs, same_name
from medialit.widgets import _frames as frames
from medialit.widgets import _verb_forms as verbs
from medialit.widgets._common import load_reference

P1 = "As tensions rise, Russian President Vladimir Putin said Tuesday that he wants “urgent” talks."


@pytest.fixture(scope="module")
def ref():
    return load_reference(None)


# ---------------------------------------------------------------- highlighter
def spec(paragraph: str, targets: list[tuple[int, str]], near=(), tolerated=()) -> dict:
    """A marks spec for a tiny article: paragraph 0 is "H", paragraph 1 is ``paragraph``."""
    return {
        "category": "source",
        "noun": "sources",
        "paragraphs": ["H", paragraph],
        "targets": [{"category": "source", "paragraph": p, "label": t, "phrases": [t]} for p, t in targets],
        "near": list(near),
        "tolerated": list(tolerated),
    }


def test_runs_group_consecutive_words_into_phrases():
    assert runs([7, 3, 4, 5, 9, 8]) == [(3, 6), (7, 10)]
    marks = make_marks(P1, 1, [3, 4, 5], "source")
    assert [m["text"] for m in marks] == ["Russian President Vladimir"]


def test_locate_ignores_case_and_quotes_but_respects_word_boundaries():
    assert locate(P1, "URGENT") == {12}
    assert locate(P1, "“urgent” talks") == {12, 13}
    assert locate(P1, "he") == {10}  # the word "he", not the "he" inside "the" or "tensions"
    assert locate(P1, "Biden") is None


def test_a_mark_finds_a_phrase_by_a_shared_word_but_a_whole_sentence_does_not_count_for_one_word():
    s = spec(P1, [(1, "Russian President Vladimir Putin")])
    assert hl.score(s, [{"paragraph": 1, "text": "Putin"}]).verdict == "correct"
    assert hl.score(s, [{"paragraph": 1, "text": "President Vladimir Putin said"}]).verdict == "correct"
    cue = spec(P1, [(1, "said")])
    result = hl.score(cue, [{"paragraph": 1, "text": P1}])
    assert result.fraction == 0 and result.extra["stray"] == 1 and result.extra["found"] == 0


def test_marks_in_another_paragraph_do_not_find_anything():
    s = spec(P1, [(1, "said")])
    s["paragraphs"].append(P1)
    result = hl.score(s, [{"paragraph": 2, "text": "said"}])
    assert result.extra == {"found": 0, "stray": 1, "listed": 1}


def test_a_second_mark_on_the_same_phrase_neither_earns_nor_costs():
    s = spec(P1, [(1, "Vladimir Putin")])
    marks = [
        {"paragraph": 1, "text": "President Vladimir Putin"},
        {"paragraph": 1, "text": "Vladimir Putin said"},
    ]
    result = hl.score(s, marks)
    assert result.fraction == 1.0 and result.extra["stray"] == 0
    assert [i.id for i in result.items] == ["found", "again"]


def test_stray_marks_cost_a_share_and_are_explained_by_near_entries():
    near = [{"paragraph": 1, "phrases": ["Tuesday"], "category": "time expression", "why": "the dateline"}]
    s = spec(P1, [(1, "Putin"), (1, "US")], near=near)
    result = hl.score(s, [{"paragraph": 1, "text": "Putin"}, {"paragraph": 1, "text": "Tuesday"}])
    assert result.fraction == 0.0  # (1 found - 1 stray) / 2
    (stray,) = [i for i in result.items if i.id == "stray"]
    assert "time expression" in stray.message and "the dateline" in stray.message


def test_little_words_alone_and_tolerated_phrases_neither_earn_nor_cost():
    tolerated = [{"paragraph": 1, "phrases": ["NATO"], "why": "A conduit."}]
    s = spec(P1, [(1, "Putin")], tolerated=tolerated)
    result = hl.score(s, [{"paragraph": 1, "text": "Putin"}, {"paragraph": 1, "text": "he"}])
    assert result.fraction == 1.0 and [i.id for i in result.items] == ["found", "little"]
    s = spec(P1 + " NATO said.", [(1, "Putin")], tolerated=tolerated)
    assert hl.score(s, [{"paragraph": 1, "text": "Putin"}, {"paragraph": 1, "text": "NATO"}]).fraction == 1.0


def test_the_little_words_are_a_data_file_with_a_schema(monkeypatch, tmp_path):
    from medialit.scoring import _text

    assert {"the", "it", "on", "no", "'s"} <= _text.little_words() and "us" not in _text.little_words()
    bad = tmp_path / "little_words.yaml"
    bad.write_text("pronouns: [it, on]\n", encoding="utf-8")  # unquoted: YAML reads True
    monkeypatch.setattr(_text, "_little_words_file", lambda: bad)
    _text.little_words.cache_clear()
    try:
        with pytest.raises(MedialitError, match="pronouns/1"):
            _text.little_words()
    finally:
        monkeypatch.undo()
        _text.little_words.cache_clear()


def test_garbage_marks_are_strays_or_wrong_shapes_never_errors():
    s = spec(P1, [(1, "said")])
    result = hl.score(s, [{"paragraph": "x"}, {"paragraph": 99, "text": "a b"}, {"text": None}])
    assert result.extra["found"] == 0
    with pytest.raises(Exception, match="highlighter"):
        hl.score(s, [None, 3])


@pytest.mark.parametrize("category", hl.CATEGORIES)
def test_every_key_item_can_be_marked_in_its_paragraph(ref, category):
    items = hl.spec_from(ref, category)["targets"]
    assert items, f"the key has no {category} items"
    for item in items:
        assert locate(ref.article.paragraphs[item["paragraph"]], item["label"]), item


@pytest.mark.parametrize("category", hl.CATEGORIES)
def test_marking_every_key_item_scores_full_and_hints_never_give_the_answer_away(ref, category):
    s = hl.spec_from(ref, category)
    assert hl.score(s, {"marks": hl.solution_marks(s)}).fraction == 1.0
    marks = [{"category": category, "paragraph": t["paragraph"], "text": t["label"]} for t in s["targets"]]
    assert hl.score(s, {"marks": marks}).fraction == 1.0  # marks typed by hand (text only) too
    for hint in hl.missed_hints(s["targets"], category):
        assert "paragraph" in hint
        for it in s["targets"]:
            assert f"“{it['label']}”" not in hint and f'"{it["label"]}"' not in hint


def test_mentioned_sources_are_not_counted_as_sources(ref):
    s = hl.spec_from(ref, "source")
    assert all(t["mode"] != "mentioned" for t in s["targets"])
    assert any("only mentioned" in n["why"] for n in s["near"])


def test_unknown_category_is_a_friendly_error(ref):
    with pytest.raises(MedialitError, match="not a highlighter category"):
        hl.spec_from(ref, "adjective")


# ---------------------------------------------------------------- quotes
def test_quote_check_accepts_aliases_and_flags_wrong_fields(ref):
    items = quotes.spec_from(ref)["items"]
    row = next(r for r in items.values() if r["speaker"] == "Sergei Ryabkov")
    fb = quotes.check_row({"speaker": "Ryabkov", "kind": "full", "via": "RIA Novosti"}, row)
    assert [fb[f]["ok"] for f in ("speaker", "kind", "via")] == [True, True, True]
    fb = quotes.check_row({"speaker": "Joe Biden", "kind": "partial", "via": quotes.DIRECT}, row)
    assert [fb[f]["ok"] for f in ("speaker", "kind", "via")] == [False, False, False]


def test_quote_choices_contain_every_right_answer_and_are_sorted(ref):
    from medialit.widgets._quote_tracker import choices

    rows = list(quotes.spec_from(ref)["items"].values())
    names = choices(ref, rows)
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
    assert verb_rule.judge("distancing", "claim")[0] == 1.0
    assert verb_rule.judge("neutral", "warn")[0] == 0.0


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
    for items in (frames.frame_items(ref), frames.frame_items(Reference(ref.article, {}, uses_key=False))):
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
    assert scores == pytest.approx(ref.source.frame_scores, abs=0.01)


def test_frame_credit_splits_between_yes_no_and_evidence_and_gives_nothing_away(ref):
    c1 = next(it for it in frames.frame_items(ref) if it["item"] == "C1")
    credit, message = frame_rule.item_credit(c1, not c1["answer"], [])
    assert credit == 0.0 and str(c1["evidence"][0]) not in message
    assert frame_rule.item_credit(c1, True, c1["evidence"][:1]) == (
        1.0,
        f"Right: yes, and your evidence (¶{c1['evidence'][0]}) is among the key's.",
    )
    assert frame_rule.item_credit(c1, True, [c1["evidence"][0], 15])[0] == 0.75
    assert frame_rule.item_credit(c1, True, [])[0] == 0.5


@pytest.mark.parametrize("text", ["two", "2, 40", "-1"])
def test_bad_evidence_is_a_friendly_error(text):
    with pytest.raises(MedialitError):
        frames.parse_evidence(text, 17)


# ---------------------------------------------------------------- labels
def test_label_groups_bring_together_the_names_of_one_actor(ref):
    groups = labels.groups_from(ref)
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
    ok, msg = labels.judge("misleading", lab)
    assert ok == 1.0 and "NATO is an alliance." in msg and "the alliance" in msg
    assert labels.judge("neutral", lab)[0] == 0.0
    assert labels.judge(None, lab)[0] is None


# ---------------------------------------------------------------- dates
ROW_EXACT = {"text": "a day after", "answer": "2021-12-13", "paragraph": 12}
ROW_VAGUE = {"text": "For weeks", "answer": "vague", "paragraph": 2}


def test_exact_dates_are_right_half_right_one_day_off_or_off_by_n_days():
    assert dates.judge(ROW_EXACT, "2021-12-13", False)[0] == 1.0
    assert dates.judge(ROW_EXACT, "2021-12-14", False)[0] == 0.5
    credit, msg = dates.judge(ROW_EXACT, "2021-12-16", False)
    assert credit == 0.0 and "Off by 3 days (late)" in msg


def test_vague_expressions_want_the_vague_box():
    assert dates.judge(ROW_VAGUE, None, True)[0] == 1.0
    assert dates.judge(ROW_VAGUE, "2021-12-01", False)[0] == 0.0
    assert dates.judge(ROW_EXACT, None, True)[0] == 0.0
    assert dates.judge(ROW_EXACT, None, False)[0] is None


def test_time_rows_match_the_key(ref):
    items = dates.spec_from(ref)["items"]
    assert len(items) == len(ref.source.time_expressions)
    vague = {r["text"] for r in items.values() if r["answer"] == "vague"}
    assert {"For weeks", "traditionally"} <= vague
    recent = items["p11:In recent days"]  # dated 11-13 December from other sources; "too vague" also right
    assert recent["answer"] == ["2021-12-11", "2021-12-13"] and recent["vague_ok"] is True


def test_the_doctest_sample_article_is_the_built_in_one():
    assert medialit.load_article().id == "putin-nato-talks-2021-12-14"
