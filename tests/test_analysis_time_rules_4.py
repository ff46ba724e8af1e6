"""Time rules of the fourth round of issue 13, written from the misses of batch F (wire-style Wikinews and
VOA texts, measured blind first, then added to the dev part): the present perfect and "quit" tell the past,
a 24-hour clock time with a time zone is not a year, "the weekend of" a date, "a second day" of something
still going on, and a month written before an event ("the June run-off"). One small synthetic case per
rule, in our own words, read against Tuesday 14 December 2021, with the case each rule must leave alone."""

from __future__ import annotations

import pytest
from analysis_cases import TUESDAY
from analysis_cases import one_time as _one

from medialit.timeline import find_time_expressions_in


def test_the_present_perfect_far_from_a_weekday_tells_the_past() -> None:
    row = _one(
        "The group has taken responsibility for the paint thrown at the offices of the regional premier in "
        "the city centre Thursday afternoon."
    )
    assert row["date"] == "2021-12-09"


def test_quit_is_a_past_verb() -> None:
    assert _one("The premier quit politics on Friday after a row.")["date"] == "2021-12-10"


def test_a_24_hour_time_with_its_zones_is_a_clock_time_not_a_year() -> None:
    row = _one("Two people were hurt in the crash at about 1830 BST (1730 UTC) yesterday.")
    assert row["text"] == "at about 1830 BST (1730 UTC) yesterday"
    assert row["date"] == "2021-12-13"


def test_the_weekend_of_a_date_is_its_saturday_and_sunday() -> None:
    row = _one("Fewer people voted on the weekend of December 4/5 than in spring.")
    assert (row["start"], row["end"]) == ("2021-12-04", "2021-12-05")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protests have spilled into a third day, with more arrests.", ("2021-12-14", False)),
        ("The talks will go into a third day if no deal is found.", (None, True)),
    ],
)
def test_a_later_day_of_something_going_on_is_the_article_s_date(text: str, expected: tuple) -> None:
    row = _one(text)
    assert (row["date"], row["vague"]) == expected


def test_a_later_day_after_a_weekday_in_the_same_sentence_is_that_weekday() -> None:
    rows = find_time_expressions_in("On Friday, the strike entered a second day.", TUESDAY)
    assert [r["date"] for r in rows] == ["2021-12-10", "2021-12-10"]


def test_a_month_written_before_an_event_is_that_month() -> None:
    row = _one("The opposition boycotted the June run-off.")
    assert (row["start"], row["end"]) == ("2021-06-01", "2021-06-30")


@pytest.mark.parametrize(
    "text", ["Critics of the May government spoke out.", "The march through the city was calm."]
)
def test_a_name_or_a_noun_that_looks_like_a_month_is_not_one(text: str) -> None:
    assert find_time_expressions_in(text, TUESDAY) == []


# ---- written from the misses of batch G (courts, business, science news; measured blind first)


def test_a_clock_time_in_two_zones_then_a_weekday_far_from_the_verb_after_the_subject() -> None:
    row = _one("The blast happened in a laboratory in the north wing around 2:20 p.m. CDT (1920 UTC) Monday.")
    assert row["text"] == "2:20 p.m. CDT (1920 UTC) Monday"
    assert row["date"] == "2021-12-13"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The carmaker lost $1 billion in the third quarter.", ("2021-07-01", "2021-09-30")),
        ("It posted a third-quarter loss.", ("2021-07-01", "2021-09-30")),
        ("Profits fell in the fourth quarter of 2019.", ("2019-10-01", "2019-12-31")),
        ("Sales will grow in the first quarter, the firm said.", ("2022-01-01", "2022-03-31")),
    ],
)
def test_a_business_quarter_is_its_three_months(text: str, span: tuple[str, str]) -> None:
    row = _one(text)
    assert (row["start"], row["end"]) == span


def test_a_quarter_of_a_game_or_of_the_voters_is_no_date() -> None:
    for text in ("The team scored 30 points in the third quarter.", "A quarter of voters stayed home."):
        assert find_time_expressions_in(text, TUESDAY) == []


def test_the_previous_month_after_a_month_is_the_month_before_it() -> None:
    rows = find_time_expressions_in("Home sales rose in September from the previous month.", TUESDAY)
    assert [(r["start"], r["end"]) for r in rows] == [
        ("2021-09-01", "2021-09-30"),
        ("2021-08-01", "2021-08-31"),
    ]


def test_part_of_a_decade_is_vague_like_part_of_a_month() -> None:
    assert _one("He trained there in the late 1990s.")["vague"] is True


# ---- written from the misses of batch H (VOA world and US news; measured blind first)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another coordinated clause's verb ("planned") does not set the tense of "in January"
        (
            "The leader has said the trial would be a priority in January, and he planned to speak.",
            "2022-01-01",
        ),
        ("Forecasters expect the storm to make landfall on Thursday.", "2021-12-16"),
        ("Snow is expected to continue into Sunday.", "2021-12-19"),
        ("He planned to speak about it Thursday morning.", "2021-12-16"),
    ],
)
def test_words_of_expecting_and_planning_look_ahead(text: str, expected: str) -> None:
    row = find_time_expressions_in(text, TUESDAY)[0]
    assert (row["date"] or row["start"]) == expected


def test_since_something_dated_runs_from_that_date() -> None:
    row = _one("It is the first such march since our liberation in 1980.")
    assert (row["start"], row["end"]) == ("1980-01-01", "2021-12-14")


def test_two_months_named_together_are_one_span() -> None:
    row = _one("Prices rose sharply in January and February 2021.")
    assert (row["start"], row["end"]) == ("2021-01-01", "2021-02-28")
