"""Time rules written for news the rules had not seen (issue 13, second round): the tense of the words
next to an expression decides which weekday, month or season it is; days of the month ("on the 15th"),
ranges of months, "since" anything, and the rest. One small synthetic case per rule; each also checks the
rationale a student sees. 2021-12-14 was a Tuesday."""

from __future__ import annotations

import datetime as dt

import pytest

from medialit.article import parse_article
from medialit.timeline import find_time_expressions, find_time_expressions_in

TUESDAY = dt.date(2021, 12, 14)


def _one(text: str, ref: dt.date = TUESDAY) -> dict:
    rows = find_time_expressions_in(text, ref)
    assert len(rows) == 1, rows
    return rows[0]


def _when(row: dict) -> str | tuple | None:
    return row["date"] or (row["start"], row["end"])


@pytest.mark.parametrize(
    ("text", "date", "why"),
    [
        ("The minister resigned on Friday.", "2021-12-10", "past tense"),
        ("The minister will resign on Friday.", "2021-12-17", "future"),
        ("The summit opens Thursday in Brussels.", "2021-12-16", "present tense"),
        ("Voters go to the polls on Sunday.", "2021-12-19", "present tense"),
        ("Three people died in Saturday's attack.", "2021-12-11", "past tense"),
        ("Wednesday saw long queues at the border.", "2021-12-08", "past tense"),
    ],
)
def test_a_weekday_follows_the_tense_of_its_sentence(text: str, date: str, why: str) -> None:
    row = _one(text)
    assert row["date"] == date
    assert why in row["rationale"]


def test_the_verb_nearest_the_weekday_decides() -> None:
    rows = find_time_expressions_in("He said Monday the talks will resume Thursday.", TUESDAY)
    assert [r["date"] for r in rows] == ["2021-12-13", "2021-12-16"]
    rows = find_time_expressions_in("Talks will resume Thursday, he said.", TUESDAY)
    assert [r["date"] for r in rows] == ["2021-12-16"]
    rows = find_time_expressions_in("“We meet Thursday,” he said.", TUESDAY, quotes=[(1, 17)])
    assert [r["date"] for r in rows] == ["2021-12-16"]


def test_a_headline_tells_what_happened_in_the_present_tense() -> None:
    article = parse_article(" date 2021-12-14 Storm hits coast on Sunday\n\nThe storm moved inland.")
    assert [r["date"] for r in find_time_expressions(article)] == ["2021-12-12"]


@pytest.mark.parametrize(
    ("text", "ref", "start"),
    [
        ("The plant will close in January.", TUESDAY, "2022-01-01"),
        ("The plant closed in January.", TUESDAY, "2021-01-01"),
        ("The plant is to close in January.", TUESDAY, "2022-01-01"),
        ("Sales fell in December.", dt.date(2022, 1, 5), "2021-12-01"),
        ("The tournament starts in January.", dt.date(2021, 12, 28), "2022-01-01"),
    ],
)
def test_a_month_without_a_year_across_new_year(text: str, ref: dt.date, start: str) -> None:
    assert _one(text, ref)["start"] == start


def test_a_participle_after_is_is_no_past_tense() -> None:
    row = _one("The shop is closed on New Year's Day.")
    assert row["date"] == "2022-01-01"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The plant will close on the 23rd.", "2021-12-23"),
        ("The plant closed on the 23rd.", "2021-11-23"),
        ("The plant closed on the 3rd of this month.", "2021-12-03"),
        ("The strike began on November 30. On the 3rd, talks resumed.", "2021-12-03"),
    ],
)
def test_a_day_of_the_month_written_as_an_ordinal(text: str, date: str) -> None:
    rows = find_time_expressions_in(text, TUESDAY)
    assert rows[-1]["date"] == date
    assert "day of the month" in rows[-1]["rationale"]


@pytest.mark.parametrize(
    "text", ["The 5th Army arrived.", "It was their 15th anniversary.", "He finished 3rd in the race."]
)
def test_ordinals_that_are_no_day(text: str) -> None:
    assert find_time_expressions_in(text, TUESDAY) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The works lasted from March to June.", "2021-03-01", "2021-06-30"),
        ("The works ran from November to February.", "2020-11-01", "2021-02-28"),
        ("The works will run from November to February.", "2021-11-01", "2022-02-28"),
        ("He served between July 2003 and December 2004.", "2003-07-01", "2004-12-31"),
    ],
)
def test_ranges_of_months(text: str, start: str, end: str) -> None:
    row = _one(text)
    assert (row["start"], row["end"]) == (start, end)
    assert "range" in row["rationale"].lower()


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Since Saturday, police have arrested 40 people.", "2021-12-11"),
        ("Since last year, prices have doubled.", "2020-01-01"),
        ("Since last month, prices have doubled.", "2021-11-01"),
    ],
)
def test_since_anything_runs_to_the_date_line(text: str, start: str) -> None:
    row = _one(text)
    assert (row["start"], row["end"]) == (start, "2021-12-14")
    assert row["text"].lower().startswith("since")
    assert "“Since”" in row["rationale"]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Police arrested 40 people at 3 a.m.", "2021-12-14"),
        ("Police arrested 40 people at 3 a.m. on Sunday.", "2021-12-12"),
        ("In May of 2011, the movement began.", ("2011-05-01", "2011-05-31")),
        ("In mid-November the talks failed.", None),
        ("Fans gathered this weekend for the concert.", ("2021-12-11", "2021-12-12")),
        ("The concert is this weekend.", ("2021-12-18", "2021-12-19")),
        ("The talks will resume in the spring.", ("2022-03-01", "2022-05-31")),
        ("He was arrested on Monday. Two days later he was freed.", "2021-12-15"),
    ],
)
def test_clock_times_months_of_years_weekends_seasons_and_days_later(text: str, when) -> None:
    row = find_time_expressions_in(text, TUESDAY)[-1]
    if when is None:
        assert row["vague"]
    else:
        assert _when(row) == when


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Fireworks lit the sky on Independence Day.", "2021-07-04"),
        ("Workers marched on May Day.", "2021-05-01"),
        ("Families will gather on Mother's Day.", "2022-05-08"),
    ],
)
def test_more_named_days(text: str, date: str) -> None:
    assert _one(text)["date"] == date
