"""Time rules of the third round of issue 13, written from ordinary news of batch E (dev part). One small
synthetic case per rule, with the rationale a student sees. 2021-12-14 was a Tuesday."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_cases import one_time as _one

from medialit.timeline import find_time_expressions_in


@pytest.mark.parametrize(
    "text",
    [
        # the main verb stands far after a weekday that opens the sentence
        "On Thursday, with the budget and two other bills still pending before the chamber, members of the"
        " opposition were furious.",
        # the main verb stands far before a weekday that ends the sentence
        "Volunteers in Ohio, Indiana, Kentucky and West Virginia were handing out water, food, blankets and"
        " medicine Thursday.",
    ],
)
def test_a_far_verb_in_the_past_sets_the_weekday_in_the_past(text: str) -> None:
    row = _one(text)
    assert row["date"] == "2021-12-09"
    assert "past tense" in row["rationale"]


def test_a_weekday_with_no_verb_in_the_past_is_still_the_next_one() -> None:
    row = _one("Members of the opposition from all the provinces of the north and the south meet Thursday.")
    assert row["date"] == "2021-12-16"


def test_a_participle_far_away_does_not_make_the_clause_past() -> None:
    text = "The cooks have finished a lot of the work for the big dinner, and the volunteers now need to make"
    row = _one(text + " Thursday a success.")
    assert row["date"] == "2021-12-16"


OCT = dt.date(2014, 10, 13)  # a Monday


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Prices have risen over the past couple of years.", "2012-10-13", "2014-10-13"),
        ("It stopped raining in the past couple of days.", "2014-10-11", "2014-10-13"),
        ("A couple of weeks ago, the river rose.", "2014-09-29", "2014-10-05"),  # that Monday-to-Sunday week
    ],
)
def test_a_couple_of_counts_as_two(text: str, start: str, end: str) -> None:
    row = _one(text, OCT)
    assert (row["start"], row["end"]) == (start, end)


@pytest.mark.parametrize(
    ("text", "found", "start", "end"),
    [
        ("The winter was mild.", "The winter", "2013-12-01", "2014-02-28"),  # the last one, in the past
        ("Spring was wet this time.", "Spring", "2014-03-01", "2014-05-31"),
    ],
)
def test_a_season_that_is_the_subject_of_was_or_came_is_a_time(
    text: str, found: str, start: str, end: str
) -> None:
    row = _one(text, OCT)
    assert (row["text"], row["start"], row["end"]) == (found, start, end)
    assert "season" in row["rationale"]


def test_a_season_word_that_is_not_the_subject_of_such_a_verb_is_not_a_time() -> None:
    assert find_time_expressions_in("The spring water and the summer camp were both closed.", OCT) == []


def test_a_month_after_of_is_the_latest_such_month() -> None:
    row = _one("Crops burned in the heat of August.", OCT)
    assert (row["start"], row["end"]) == ("2014-08-01", "2014-08-31")


@pytest.mark.parametrize(
    "text", ["He cut the crop in the middle of July.", "They worked for just four years."]
)
def test_the_middle_of_a_month_and_for_just_n_years_are_vague(text: str) -> None:
    row = _one(text, OCT)
    assert row["vague"] is True


def test_a_clock_time_and_its_day_in_brackets_are_one_expression() -> None:
    row = _one('"At roughly 10 p.m. [April 30], we received word," he said.', dt.date(2010, 5, 3))
    assert row["text"] == "10 p.m. [April 30"
    assert row["date"] == "2010-04-30"


@pytest.mark.parametrize(
    "text", ["To date this year, it has flown 103 missions.", "So far this year, 12 died."]
)
def test_so_far_this_year_runs_up_to_the_article_date(text: str) -> None:
    row = _one(text, dt.date(2014, 4, 29))
    assert (row["start"], row["end"]) == ("2014-01-01", "2014-04-29")
    assert "So far" in row["rationale"]
