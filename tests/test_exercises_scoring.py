"""Scoring of exercise answers: partial credit per question type, wrong shapes, junk that must not raise.

These tests protect the contract the class grader relies on: ``score_set`` is a pure function of
JSON-like data, gives the same verdicts as the student's ``check()``, and never raises on an answer.
"""

from __future__ import annotations

import json
import random

import pytest

from medialit.exercises import answer_names, get_set, list_sets, score_question, score_set
from medialit.exercises.build import solution_answer
from medialit.scoring import VERDICTS


def result(set_id: str, qid: str, answer):
    return score_question(get_set(set_id).question(qid), answer)


# ---------------------------------------------------------------- the API the grader uses


def test_there_are_six_sets_each_with_five_or_more_questions_an_open_one_and_a_widget_one():
    assert list_sets() == ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06"]
    for set_id in list_sets():
        s = get_set(set_id)
        types = {q.type for q in s.questions}
        assert len(s.questions) >= 5, set_id
        assert "open" in types and "widget" in types, set_id
        assert len(types - {"open", "widget"}) >= 3, f"{set_id} should mix question types"


def test_answer_names_map_variables_and_widget_save_as_to_question_ids():
    names = answer_names("ex02")
    assert names["q1"] == "q1"
    assert names["ex02.q6"] == "q6"
    assert set(names.values()) == {q.id for q in get_set("ex02").questions}


def test_solution_answers_score_full_marks_and_survive_a_json_round_trip():
    for set_id in list_sets():
        s = get_set(set_id)
        answers = {q.answer_name: solution_answer(q) for q in s.questions}
        as_json = json.loads(json.dumps(answers))  # tuples -> lists, int keys -> str, as the grader sends
        for data in (answers, as_json):
            r = score_set(set_id, data)
            assert r.total == r.max_total == s.max_points, (set_id, str(r))
            for q in r.questions:
                assert q.verdict == ("unanswered" if not q.auto else "correct"), (set_id, q)


def test_empty_answers_score_zero_and_list_open_questions_for_the_teacher():
    r = score_set("ex04", {})
    assert r.total == 0
    assert r.open == ("q8",)
    open_q = r["q8"]
    assert open_q.points is None and open_q.max_points is None and not open_q.auto
    assert all(q.verdict == "unanswered" for q in r.questions)


def test_answers_not_a_dict_count_as_unanswered():
    for junk in (None, [], "q1", 42, [("q1", "b")]):
        assert score_set("ex01", junk).total == 0


def test_results_are_plain_data():
    r = score_set("ex01", {"q1": "b"})
    data = json.loads(json.dumps(r.to_dict()))
    assert data["questions"][0]["verdict"] == "correct"
    assert data["total"] == 1.0
    assert list(r.to_frame().columns)[:3] == ["question", "number", "type"]


# ---------------------------------------------------------------- partial credit, per type


def test_choice_accepts_letter_in_any_case_or_the_option_text():
    assert result("ex01", "q1", "b").verdict == "correct"
    assert result("ex01", "q1", " (B) ").verdict == "correct"
    assert (
        result(
            "ex01", "q1", "The first paragraph, which tells the most important news in one or two sentences."
        ).verdict
        == "correct"
    )
    wrong = result("ex01", "q1", "a")
    assert wrong.verdict == "not yet" and wrong.points == 0
    assert "paragraph 0" in wrong.feedback  # option-specific feedback
    assert wrong.hint


def test_multi_gives_credit_per_right_pick_and_charges_wrong_picks():
    three_of_four = result("ex02", "q1", ["a", "b", "c"])
    assert three_of_four.verdict == "partly"
    assert three_of_four.points == 1.5
    assert "3 of 4" in three_of_four.feedback
    with_wrong = result("ex02", "q1", ["a", "b", "c", "e"])
    assert with_wrong.points == 1.0  # (3 - 1) / 4 of 2 points
    assert "Finland" in with_wrong.feedback  # the wrong pick's own explanation
    assert result("ex02", "q1", ["e", "f", "g", "h"]).points == 0  # never below zero
    assert result("ex02", "q1", "a, b, c, d").verdict == "correct"  # a typed list is understood


def test_paragraphs_partial_credit_and_neutral_paragraphs():
    full = [1, 4, 5, 6, 7, 8, 14]
    assert result("ex01", "q4", full).verdict == "correct"
    assert result("ex01", "q4", [*full, 9, 16]).verdict == "correct"  # 9 and 16 count neither way
    partly = result("ex01", "q4", [1, 7, 14, 10])
    assert partly.verdict == "partly"
    assert partly.points == pytest.approx(2 * (3 - 1) / 7, abs=0.01)
    assert "last week" in partly.feedback  # why paragraph 10 is not Tuesday news
    assert result("ex03", "q2", 2).points == 0.5  # one number instead of a list
    assert result("ex03", "q2", ["2", "3", 8.0, 16]).verdict == "correct"


def test_paragraphs_out_of_range_is_the_wrong_shape_with_the_valid_range():
    r = result("ex03", "q2", [2, 99])
    assert r.verdict == "wrong shape"
    assert "1 to 16" in r.feedback


def test_match_credits_each_right_pair_and_points_to_items_to_recheck():
    r = result("ex01", "q3", {1: "a", 2: "c", 3: "d", 4: "d"})
    assert r.verdict == "partly" and r.points == 1.0
    assert "items 3, 4" in r.feedback
    assert result("ex01", "q3", ["a", "c", "b", "e"]).verdict == "correct"  # a list in item order
    assert result("ex01", "q3", {"1": "a", "2": "c", "3": "b", "4": "e"}).verdict == "correct"


def test_short_answers_ignore_case_quotes_and_punctuation():
    assert result("ex06", "q1", "“Urgent”.").verdict == "correct"
    assert result("ex03", "q7", "they say").verdict == "partly"
    assert result("ex01", "q6", "urgent").verdict == "not yet"


def test_number_answers_get_half_credit_when_close():
    assert result("ex02", "q4", 1).verdict == "correct"
    assert result("ex02", "q4", 2).verdict == "partly"
    assert result("ex02", "q4", 5).verdict == "not yet"
    assert result("ex02", "q4", "1").verdict == "correct"


def test_single_dates_one_day_off_and_ranges():
    assert result("ex05", "q2", "2021-12-13").verdict == "correct"
    assert result("ex05", "q2", "13 December 2021").verdict == "correct"
    assert result("ex05", "q2", "Monday 13 Dec 2021").verdict == "correct"
    off = result("ex05", "q2", "2021-12-14")
    assert off.verdict == "partly" and "One day off" in off.feedback
    assert result("ex05", "q2", "2021-12-01").verdict == "not yet"
    assert result("ex05", "q2", ["2021-12-12", "2021-12-14"]).verdict == "partly"


def test_a_span_question_wants_first_and_last_day():
    assert result("ex05", "q1", ["2021-12-06", "2021-12-12"]).verdict == "correct"
    assert result("ex05", "q1", ("2021-12-12", "2021-12-06")).verdict == "correct"  # order does not matter
    inside = result("ex05", "q1", "2021-12-07")
    assert inside.verdict == "partly" and "span" in inside.feedback
    assert result("ex05", "q1", ["2021-12-10", "2021-12-16"]).verdict == "partly"  # overlaps
    assert result("ex05", "q1", ["2021-11-01", "2021-11-07"]).verdict == "not yet"
    bad = result("ex05", "q1", "2021-02-30")
    assert bad.verdict == "wrong shape" and "not a real calendar date" in bad.feedback


def test_frames_split_credit_between_yes_no_and_evidence():
    full = {1: ("yes", [2, 3]), 2: ("yes", [8]), 3: ("yes", [1]), 4: ("no", []), 5: ("no", [])}
    assert result("ex04", "q2", full).verdict == "correct"
    no_evidence = {**full, 1: ("yes", [])}
    assert result("ex04", "q2", no_evidence).points == pytest.approx(3 * 4.5 / 5)
    bad_evidence = {**full, 1: ("yes", [11])}
    assert result("ex04", "q2", bad_evidence).points == pytest.approx(3 * 4.5 / 5)
    wrong = {**full, 4: ("yes", [2])}
    r = result("ex04", "q2", wrong)
    assert r.verdict == "partly" and "Item 4" in r.feedback
    assert result("ex04", "q2", {1: (True, [2]), 2: {"answer": "yes", "evidence": [16]}}).verdict == "partly"


def test_open_questions_are_never_auto_scored():
    r = result("ex04", "q8", "Putin said on Tuesday he wants talks.")
    assert r.verdict == "open" and r.points is None
    assert "at least 30 words" in r.feedback
    assert result("ex04", "q8", "   ").verdict == "unanswered"
    assert result("ex04", "q8", 42).verdict == "wrong shape"


# ---------------------------------------------------------------- widget answers


def test_highlighter_marks_credit_found_sources_and_charge_stray_marks():
    marks = [
        {"category": "source", "paragraph": 10, "text": "Biden"},
        {"category": "source", "paragraph": 11, "text": "the EU"},
        {"category": "source", "paragraph": 10, "text": "Putin"},  # only mentioned: a stray mark
        {"category": "time expression", "paragraph": 12, "text": "a day after"},  # other category: ignored
    ]
    r = result("ex02", "q6", {"question": "ex02.q6", "answer": {"category": "source", "marks": marks}})
    assert r.verdict == "partly"
    assert r.points == pytest.approx(3 * (2 - 1) / 6)
    assert "2 of the 6" in r.feedback
    whole = [{"category": "source", "paragraph": 10, "text": get_set("ex02").question("q6").prompt}]
    assert result("ex02", "q6", {"marks": whole}).points == 0  # marking everything earns nothing
    assert result("ex02", "q6", {"marks": []}).verdict == "unanswered"


def test_quote_tracker_counts_each_right_cell():
    spec_items = get_set("ex03").question("q6").spec["items"]
    table = {
        qid: {"speaker": row["speaker"], "kind": row["kind"], "via": row["via"] or "(direct)"}
        for qid, row in spec_items.items()
    }
    assert result("ex03", "q6", {"quotes": table}).verdict == "correct"
    table["q6"] = {"speaker": "RIA Novosti", "kind": "full", "via": "(direct)"}
    r = result("ex03", "q6", {"quotes": table})
    assert r.verdict == "partly" and "19 of 21" in r.feedback and "¶13" in r.feedback
    empty = {qid: {"speaker": None, "kind": None, "via": None} for qid in spec_items}
    assert result("ex03", "q6", {"quotes": empty}).verdict == "unanswered"


def test_frame_check_answers_are_scored_on_the_chosen_items_only():
    items = {"R1": {"answer": True, "evidence": [1]}, "M1": {"answer": False, "evidence": []}}
    items["C1"] = {"answer": False, "evidence": []}  # not one of the six scored items
    r = result("ex04", "q7", {"items": items})
    assert r.verdict == "partly"
    assert r.points == pytest.approx(3 * 2 / 6)


def test_timeline_accepts_any_day_inside_a_span_and_wants_vague_ticked():
    sol = solution_answer(get_set("ex05").question("q7"))
    assert result("ex05", "q7", sol).verdict == "correct"
    dates = json.loads(json.dumps(sol["dates"]))
    dates["p10:last week"]["date"] = "2021-12-11"
    assert result("ex05", "q7", {"dates": dates}).verdict == "correct"
    dates["p11:In recent days"] = {"date": "2021-12-12", "vague": False}  # dated from other sources: right
    assert result("ex05", "q7", {"dates": dates}).verdict == "correct"
    dates["p11:In recent days"] = {"date": "2021-12-08", "vague": False}  # outside 11-13 December
    dates["p12:a day after"]["date"] = "2021-12-14"
    r = result("ex05", "q7", {"dates": dates})
    assert r.verdict == "partly" and r.points == pytest.approx(3 * 8.5 / 10)
    dates["p2:For weeks"] = {"date": "2021-12-01", "vague": False}  # really vague: a date is wrong
    assert result("ex05", "q7", {"dates": dates}).points == pytest.approx(3 * 7.5 / 10)


# ---------------------------------------------------------------- wrong shapes and junk


@pytest.mark.parametrize(
    ("set_id", "qid", "answer", "expected"),
    [
        ("ex01", "q1", ["a", "b"], "one option"),
        ("ex01", "q4", "the first one", "paragraph numbers like [3, 5]"),
        ("ex01", "q3", "a", "item number to option letter"),
        ("ex05", "q2", "yesterday", '"2021-12-14"'),
        ("ex04", "q2", {1: "maybe"}, "yes or no"),
        ("ex02", "q4", "one", "whole number"),
        ("ex02", "q6", "Biden", "highlighter"),
    ],
)
def test_wrong_shapes_say_what_shape_is_expected(set_id, qid, answer, expected):
    r = result(set_id, qid, answer)
    assert r.verdict == "wrong shape"
    assert expected in r.feedback
    assert r.points == 0


JUNK = [
    None,
    ...,
    "",
    "x" * 5_000_000,
    b"bytes",
    float("nan"),
    float("inf"),
    -1,
    10**100,
    True,
    object(),
    {"a": {"b": {"c": {"d": {"e": {"f": []}}}}}},
    [[[[[[[[1]]]]]]]],
    list(range(10_000)),
    {i: i for i in range(1000)},
    {None: 1},
    {(1, 2): "b"},
    {"marks": [{"paragraph": "x" * 100, "text": None}]},
    {"quotes": {"q0": "Putin"}},
    {"dates": {"p1:Tuesday": {"date": 20211214}}},
    {"items": {"R1": {"answer": "yes", "evidence": "lots"}}},
    {1: ("yes", "2"), 2: [None, None], "3": {"answer": None}},
    [{"question": "ex01.q1"}],
    {"question": "ex02.q6", "answer": None},
    "2021-13-45",
    ["2021-12-01", "2021-12-02", "2021-12-03"],
    set(),
    frozenset({1, 2}),
    range(3),
]


class _Evil:
    def __eq__(self, other):
        raise RuntimeError("boom")

    def __hash__(self):
        raise RuntimeError("boom")

    def __repr__(self):
        raise RuntimeError("boom")


def test_junk_never_raises_and_always_gets_a_known_verdict():
    cases = [*JUNK, _Evil(), [_Evil()], {"k": _Evil()}]
    for set_id in list_sets():
        for q in get_set(set_id).questions:
            for junk in cases:
                r = score_question(q, junk)
                assert r.verdict in VERDICTS, (set_id, q.id, junk)
                assert r.points is None or 0 <= r.points <= (q.points or 0)
                assert isinstance(r.feedback, str) and len(r.feedback) < 1000


def test_random_nested_junk_never_raises():
    rng = random.Random(1234)
    atoms = [None, 0, 1, -3, 2.5, "", "b", "2021-12-13", "yes", True, False, [], {}]

    def junk(depth: int = 0):
        roll = rng.random()
        if depth > 3 or roll < 0.4:
            return rng.choice(atoms)
        if roll < 0.7:
            return [junk(depth + 1) for _ in range(rng.randint(0, 5))]
        return {
            rng.choice(["1", "2", "q1", "marks", "answer", "items", 3]): junk(depth + 1) for _ in range(3)
        }

    questions = [q for s in list_sets() for q in get_set(s).questions]
    for _ in range(3000):
        q = rng.choice(questions)
        assert score_question(q, junk()).verdict in VERDICTS


def test_score_set_with_junk_keys_and_values_never_raises():
    weird = {object(): 1, "q1": _Evil(), 3: "x", "ex01.q7": {"marks": "nope"}}
    r = score_set("ex01", weird)
    assert r.total == 0


def test_dates_type_scores_each_item_and_accepts_spans():
    from medialit.exercises import Question

    q = Question(
        id="q1",
        type="dates",
        number="9.1",
        title="",
        prompt="Date these.",
        points=2.0,
        kind="dates",
        spec={
            "items": [
                {"text": "a day after", "paragraph": 12, "answer": "2021-12-13"},
                {"text": "last week", "paragraph": 10, "answer": ["2021-12-06", "2021-12-12"]},
            ]
        },
        set_id="ex99",
    )
    assert score_question(q, {1: "2021-12-13", 2: ["2021-12-06", "2021-12-12"]}).verdict == "correct"
    half = score_question(q, {"1": "2021-12-13", "2": "nonsense"})
    assert half.points == 1.0 and "Item 2" in half.feedback
    assert score_question(q, {1: ..., 2: ...}).verdict == "unanswered"
    assert score_question(q, {3: "2021-12-13"}).verdict == "wrong shape"


def test_values_already_marked_unreadable_by_the_grader_stay_unreadable():
    from medialit.scoring._values import Unreadable

    r = result("ex01", "q1", Unreadable("a module"))
    assert r.verdict == "wrong shape" and "<a module>" in r.feedback


def test_a_conduit_the_key_only_infers_is_accepted_as_well_as_direct():
    """The headline's quote: the article names no go-between; the Kremlin is the key's inference."""
    sol = solution_answer(get_set("ex03").question("q6"))
    assert result("ex03", "q6", sol).verdict == "correct"
    table = json.loads(json.dumps(sol["quotes"]))
    assert table["q0"]["via"] == "(direct)"
    table["q0"]["via"] = "the Kremlin"  # inferred: accepted too
    assert result("ex03", "q6", {"quotes": table}).verdict == "correct"
    table["q1"]["via"] = "the Kremlin"  # ¶1's "urgent" was never the Kremlin's word: no inference keyed
    assert result("ex03", "q6", {"quotes": table}).verdict == "partly"
    table["q1"]["via"] = "(direct)"
    table["q0"]["via"] = "RIA Novosti"
    assert result("ex03", "q6", {"quotes": table}).verdict == "partly"


def test_a_frame_item_the_article_only_hints_at_accepts_no():
    """E1 (financial losses or gains) is keyed yes with either_ok: "no" with no evidence earns the share."""
    sol = solution_answer(get_set("ex04").question("q7"))
    assert result("ex04", "q7", sol).verdict == "correct"
    items = json.loads(json.dumps(sol["items"]))
    items["E1"] = {"answer": False, "evidence": []}
    assert result("ex04", "q7", {"items": items}).verdict == "correct"
    items["R1"] = {"answer": False, "evidence": []}  # R1 has no either_ok: "no" is wrong there
    assert result("ex04", "q7", {"items": items}).verdict == "partly"
