"""The time rules added for unseen articles: ranges, clock times, weekends, bare and spelled-out years,
period edges, seasons, holidays, anchored expressions. One small synthetic case per rule; each checks the
rationale a student sees as well as the dates. 2021-12-14 was a Tuesday."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_cases import TUESDAY
from analysis_cases import one_time as _one

from medialit.article import parse_article
from medialit.timeline import find_time_expressions, find_time_expressions_in


def _rows(text: str, ref: dt.date | None = TUESDAY) -> list[tuple]:
    return [(r["text"], r["date"], r["start"], r["end"]) for r in find_time_expressions_in(text, ref)]


@pytest.mark.parametrize(
    ("text", "ref", "start", "end"),
    [
        ("It ran from November 20 to December 11.", TUESDAY, "2021-11-20", "2021-12-11"),
        ("It ran between July 2003 and December 2004.", TUESDAY, "2003-07-01", "2004-12-31"),
        # a range read in January must not put its start in the new year and its end in the old one
        ("Voting ran from November 20 to January 11.", dt.date(2022, 1, 20), "2021-11-20", "2022-01-11"),
        ("It is open from January 23 through March 9.", dt.date(2021, 12, 14), "2022-01-23", "2022-03-09"),
        ("It took place June 15-18.", dt.date(2009, 6, 23), "2009-06-15", "2009-06-18"),
        ("A forum on May 19 and 20 includes talks.", dt.date(2012, 5, 5), "2012-05-19", "2012-05-20"),
        ("They protested on 12 and 15 May, 2012.", dt.date(2012, 5, 20), "2012-05-12", "2012-05-15"),
        ("Talks were held Thursday and Friday.", dt.date(2008, 4, 26), "2008-04-24", "2008-04-25"),
    ],
)
def test_ranges_are_one_expression_in_order(text: str, ref: dt.date, start: str, end: str) -> None:
    row = _one(text, ref)
    assert (row["start"], row["end"]) == (start, end)
    assert "range" in row["rationale"].lower()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The blast came at 22:30.", "2021-12-14"),
        ("The launch is at 4:33 p.m. EDT.", "2021-12-14"),
        ("On December 9 they met. The vote came at midnight.", "2021-12-09"),
    ],
)
def test_clock_times_are_the_day_they_fall_on(text: str, date: str) -> None:
    rows = find_time_expressions_in(text, TUESDAY)
    assert rows[-1]["date"] == date
    assert "clock time" in rows[-1]["rationale"]


def test_a_clock_time_and_its_day_are_one_expression() -> None:
    rows = _rows("The assembly meets on December 15 at 7pm. He left at 2:30 the next day.")
    assert rows == [
        ("December 15 at 7pm", "2021-12-15", None, None),
        ("at 2:30 the next day", "2021-12-16", None, None),
    ]


def test_audio_time_stamps_are_not_clock_times() -> None:
    assert find_time_expressions_in("Writer dies aged 25 (0:30)", TUESDAY) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("They meet this weekend.", "2021-12-18", "2021-12-19"),
        ("Crowds gathered throughout the weekend.", "2021-12-11", "2021-12-12"),
        ("He will rest over the weekend.", "2021-12-18", "2021-12-19"),
    ],
)
def test_weekends(text: str, start: str, end: str) -> None:
    row = _one(text)
    assert (row["start"], row["end"]) == (start, end)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Talisman Saber 2017 began.", "2017-01-01"),
        ("It happened in 2008.", "2008-01-01"),
        ("In nineteen eighty one, he was exiled.", "1981-01-01"),
        ("He came to power in two thousand and six.", "2006-01-01"),
    ],
)
def test_bare_and_spelled_out_years(text: str, start: str) -> None:
    assert _one(text)["start"] == start


def test_counts_are_not_years() -> None:
    assert find_time_expressions_in("About 2000 troops and $2015 arrived.", TUESDAY) == []


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Seventeen years ago, it began.", ("2004-01-01", "2004-12-31")),
        ("It happened twenty-five years ago.", ("1996-01-01", "1996-12-31")),
        ("They met two weeks ago.", ("2021-11-29", "2021-12-05")),
    ],
)
def test_counting_back_with_words_and_weeks(text: str, result: tuple) -> None:
    row = _one(text)
    assert (row["start"], row["end"]) == result


def test_years_ago_today_is_the_very_day() -> None:
    row = _one("They died 14 years ago today.", dt.date(2015, 9, 11))
    assert row["date"] == "2001-09-11"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("It must pass by the end of the year.", "2021-12-31"),
        ("Pay is due at the end of the month.", "2021-12-31"),
        ("It ends at the end of next month.", "2022-01-31"),
        ("Work starts at the beginning of May 2022.", "2022-05-01"),
    ],
)
def test_the_end_of_a_period_is_its_last_day(text: str, date: str) -> None:
    row = _one(text)
    assert row["date"] == date
    assert "period" in row["rationale"]


@pytest.mark.parametrize(
    ("text", "ref", "start", "end"),
    [
        ("Protests began last winter.", dt.date(2012, 5, 7), "2011-12-01", "2012-02-29"),
        ("It happened in the summer of 2005.", TUESDAY, "2005-06-01", "2005-08-31"),
        ("Elections come next spring.", TUESDAY, "2022-03-01", "2022-05-31"),
    ],
)
def test_seasons_are_meteorological(text: str, ref: dt.date, start: str, end: str) -> None:
    row = _one(text, ref)
    assert (row["start"], row["end"]) == (start, end)


def test_the_fall_of_a_city_is_not_autumn() -> None:
    rows = find_time_expressions_in("They fled just days before the fall of Baghdad.", TUESDAY)
    assert [(r["text"], r["vague"]) for r in rows] == [("just days before", True)]


@pytest.mark.parametrize(
    ("text", "ref", "date"),
    [
        ("They met on Thanksgiving.", dt.date(2012, 11, 29), "2012-11-22"),
        ("They prayed on Good Friday.", dt.date(2021, 4, 10), "2021-04-02"),
        ("Shops close on Memorial Day.", dt.date(2021, 5, 20), "2021-05-31"),
        ("It was never the same after 9/11.", dt.date(2015, 9, 11), "2001-09-11"),
    ],
)
def test_holidays_and_named_days(text: str, ref: dt.date, date: str) -> None:
    assert _one(text, ref)["date"] == date


@pytest.mark.parametrize(
    "text",
    ["They served Thanksgiving dinner.", "Call it Thanksgiving or Turkey Day.", "The Pre-Christmas rush."],
)
def test_a_holiday_that_names_a_meal_or_a_word_is_no_date(text: str) -> None:
    found = [r["text"] for r in find_time_expressions_in(text, TUESDAY)]
    assert not [t for t in found if "Thanksgiving" in t or "Christmas" in t]


def test_today_inside_a_quotation_from_an_earlier_day() -> None:
    body = "On June 20, 2005, Kashin wrote: “Today, the square is full.” Today it is empty."
    text = " date 2012-05-16 Head\n\n" + body
    article = parse_article(text)
    rows = [(r["text"], r["date"]) for r in find_time_expressions(article)]
    assert rows == [("June 20, 2005", "2005-06-20"), ("Today", "2005-06-20"), ("Today", "2012-05-16")]


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("In 1981 he was exiled. He was freed four years later.", ("1985-01-01", "1985-12-31")),
        ("He was briefed in 2006, four years after it began.", ("2006-01-01", "2006-12-31")),
    ],
)
def test_years_later_counts_from_the_year_named_before(text: str, result: tuple) -> None:
    row = find_time_expressions_in(text, TUESDAY)[-1]
    assert (row["start"], row["end"]) == result


@pytest.mark.parametrize(
    "text",
    [
        "Only three were awarded since World War II.",
        "It came just days before the fall of the city.",
        "It was the first rise in nearly a decade.",
        "He will serve for two to three years to come.",
        "It was inconceivable in late May.",
        "Those are today's challenges.",
    ],
)
def test_vague_phrases_found_on_unseen_articles(text: str) -> None:
    rows = find_time_expressions_in(text, TUESDAY)
    assert rows and all(r["vague"] for r in rows), rows


def test_a_weekday_after_would_looks_ahead() -> None:
    text = "On Sunday he declared that troops would start their pullout on Monday."
    rows = _rows(text, dt.date(2008, 8, 17))
    assert rows[-1] == ("Monday", "2008-08-18", None, None)


def test_last_and_a_date_is_the_one_before() -> None:
    assert _one("Replicating last October 15, they march.", dt.date(2012, 5, 5))["date"] == "2011-10-15"


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("On December 9 they met. That day, it rained.", ("2021-12-09", None, None)),
        ("On December 9 they met. The following week, they left.", (None, "2021-12-13", "2021-12-19")),
        ("They met this past weekend.", (None, "2021-12-11", "2021-12-12")),
        ("It happened a decade ago.", (None, "2011-01-01", "2011-12-31")),
        ("The quake struck at 07.49 local time.", ("2021-12-14", None, None)),
        ("Fireworks light the sky on the 4th of July.", ("2021-07-04", None, None)),
    ],
)
def test_anaphoric_days_following_weeks_and_more_written_times(text: str, result: tuple) -> None:
    row = find_time_expressions_in(text, TUESDAY)[-1]
    assert (row["date"], row["start"], row["end"]) == result


def test_that_day_with_no_day_named_before_is_not_a_time() -> None:
    assert find_time_expressions_in("We remember, versus ignoring that day.", TUESDAY) == []


def test_the_holidays_are_a_season_not_a_date() -> None:
    assert _one("Soldiers came home for the holidays.")["vague"] is True


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("They met on Thursday last week.", ("2021-12-09", None, None, False)),
        ("Prices will rise over the next two years.", (None, "2021-12-14", "2023-12-14", False)),
        ("The last two weeks were hard.", (None, "2021-11-30", "2021-12-14", False)),
        ("Sales grew over the past year.", (None, "2020-12-14", "2021-12-14", False)),
        ("It will be decided within a week.", (None, None, None, True)),
        ("They met on December 1. A week later, they signed.", ("2021-12-08", None, None, False)),
    ],
)
def test_weeks_named_by_their_neighbours_and_rolling_periods(text: str, result: tuple) -> None:
    row = find_time_expressions_in(text, TUESDAY)[-1]
    assert (row["date"], row["start"], row["end"], row["vague"]) == result


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("It happened in December last year.", ("in December last year", None, "2020-12-01", "2020-12-31")),
        ("He was jailed in March of last year.", ("in March of last year", None, "2020-03-01", "2020-03-31")),
        ("They met on December 5 last year.", ("December 5 last year", "2020-12-05", None, None)),
        ("It will open in May next year.", ("in May next year", None, "2022-05-01", "2022-05-31")),
        (
            "He has been held since March last year.",
            ("since March last year", None, "2020-03-01", "2021-12-14"),
        ),
        ("He has lived there since last March.", ("since last March", None, "2021-03-01", "2021-12-14")),
    ],
)
def test_a_month_or_day_with_the_year_named_in_words(text: str, result: tuple) -> None:
    assert _rows(text) == [result]


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Crime fell over the past decade.", (None, "2011-12-14", "2021-12-14", False)),
        ("Crime fell in the last two decades.", (None, "2001-12-14", "2021-12-14", False)),
        ("Sales slowed late last year.", (None, None, None, True)),
        ("Prices should ease in early next year.", (None, None, None, True)),
        ("He will travel early next week.", (None, "2021-12-20", "2021-12-26", False)),
        ("The ceasefire began at 0800 GMT.", ("2021-12-14", None, None, False)),
        ("The budget for 2012 was cut.", (None, "2012-01-01", "2012-12-31", False)),
    ],
)
def test_decades_parts_of_years_military_clock_times_and_a_year_before_a_verb(
    text: str, result: tuple
) -> None:
    row = _one(text)
    assert (row["date"], row["start"], row["end"], row["vague"]) == result


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Events shaped the world today, he said.", True),
        ("Phones shape how today's students learn.", True),
        ("In 1777, West Point was a fort. Today, the academy trains officers.", True),
        ("The markets today fell sharply.", False),
        ("Today, the president visits Rome.", False),
    ],
)
def test_today_as_nowadays_after_a_thing_in_general_or_set_against_long_ago(text: str, vague: bool) -> None:
    row = next(r for r in find_time_expressions_in(text, TUESDAY) if r["text"].lower().startswith("today"))
    assert row["vague"] is vague
    assert ("nowadays" in row["rationale"]) is vague
