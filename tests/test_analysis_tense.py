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


@pytest.mark.parametrize(
    ("text", "ref", "when"),
    [
        ("On July 4, 1776, the founders signed.", dt.date(2009, 7, 1), "1776-07-04"),
        ("In 1777, West Point was a fort.", dt.date(2012, 5, 26), ("1777-01-01", "1777-12-31")),
        ("Celebrate this July 4 with us.", dt.date(2009, 6, 26), "2009-07-04"),
        ("Americans observe their Independence Day on July fourth.", dt.date(2009, 7, 1), "2009-07-04"),
        ("I will post more tomorrow on May 17.", dt.date(2012, 5, 17), "2012-05-17"),
        ("It named 16 May as the day, with the vote ten days later.", dt.date(2012, 5, 16), "2012-05-26"),
        ("The series looks back at the 1980s.", dt.date(2009, 11, 3), ("1980-01-01", "1989-12-31")),
        ("She became the 2012/13 beauty queen.", dt.date(2012, 5, 8), ("2012-01-01", "2013-12-31")),
        ("Winds will rise during the next 72 hours.", dt.date(2011, 8, 24), ("2011-08-24", "2011-08-27")),
    ],
)
def test_old_years_this_and_ordinal_dates_written_dates_win_and_counted_periods(text: str, ref, when) -> None:
    assert _when(find_time_expressions_in(text, ref)[-1]) == when


@pytest.mark.parametrize(
    "text",
    [
        "It has grown since its inception.",
        "In late April 2012 the siege began.",
        "It will be built in 40 months.",
        "The fireworks are held every year on July 4.",
        "The Fourth of July is America's birthday.",
    ],
)
def test_vague_or_no_date_at_all(text: str) -> None:
    rows = find_time_expressions_in(text, dt.date(2012, 5, 9))
    assert all(r["vague"] for r in rows)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Soldiers go home for Thanksgiving.", "2012-11-22"),
        ("Families will celebrate their first Fourth of July as citizens.", "2012-07-04"),
    ],
)
def test_a_holiday_used_as_a_time(text: str, date: str) -> None:
    assert _one(text, dt.date(2012, 6, 20))["date"] == date


def test_weekdays_after_a_written_date_in_the_same_sentence_follow_it() -> None:
    text = (
        "Russia started on Saturday, May 5, with a win over Latvia, before beating Norway on Sunday, "
        "Germany on Tuesday and Denmark on Thursday."
    )
    rows = find_time_expressions_in(text, dt.date(2012, 5, 17))
    assert [r["date"] for r in rows] == ["2012-05-05", "2012-05-06", "2012-05-08", "2012-05-10"]
    assert "first such day from then on" in rows[-1]["rationale"]
    rows = find_time_expressions_in(
        "They marked April 25 and took to the streets that Saturday.", dt.date(2012, 5, 9)
    )
    assert rows[-1]["date"] == "2012-04-28"


def test_a_weekend_of_a_month() -> None:
    row = _one("During the last weekend of April 2012, the fair began.", dt.date(2012, 5, 8))
    assert (row["start"], row["end"]) == ("2012-04-28", "2012-04-29")


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("West Point is more important to the country today than ever.", True),
        ("For many today Thanksgiving means turkey.", True),
        ("Rescuers are searching the rubble today.", False),
        ("Carter said today the war was over.", False),
    ],
)
def test_today_compared_with_other_times_is_nowadays(text: str, vague: bool) -> None:
    assert _one(text)["vague"] is vague


def test_a_reporting_verb_competes_with_other_verbs_for_the_tense() -> None:
    text = "Yavlinsky said in the interview on Tuesday that protests alone would not change the country."
    assert _one(text, dt.date(2012, 5, 11))["date"] == "2012-05-08"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Secretary Rice is in Baghdad Tuesday for talks.", "2021-12-14"),
        ("Leaders are meeting Thursday in Brussels.", "2021-12-16"),
    ],
)
def test_the_progressive_is_about_now_the_nearest_weekday(text: str, date: str) -> None:
    row = _one(text, dt.date(2021, 12, 15))
    assert row["date"] == date
    assert "going on" in row["rationale"]
