"""Time expressions resolved against the dateline (2021-12-14 was a Tuesday)."""

from __future__ import annotations

import pytest
from analysis_cases import TUESDAY
from analysis_cases import one_time as _one

from medialit.timeline import find_time_expressions_in


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Putin said Tuesday it was urgent.", "2021-12-14"),
        ("They met later Tuesday.", "2021-12-14"),
        ("They met on Monday.", "2021-12-13"),
        ("They met on Wednesday.", "2021-12-08"),
        ("They will meet on Wednesday.", "2021-12-15"),
        ("They met yesterday.", "2021-12-13"),
        ("They meet tomorrow.", "2021-12-15"),
        ("It comes a day after the warning.", "2021-12-13"),
        ("They met three days ago.", "2021-12-11"),
        ("They met on December 9.", "2021-12-09"),
        ("They met on 9 December 2020.", "2020-12-09"),
        ("They met on Jan. 3.", "2021-01-03"),
        ("They will meet on Jan. 3.", "2022-01-03"),
        ("Talks on Dec. 20 could help.", "2021-12-20"),
        ("It was filed on 2021-11-30.", "2021-11-30"),
    ],
)
def test_day_expressions_resolve_to_a_date(text: str, date: str) -> None:
    assert _one(text)["date"] == date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("They met last week.", "2021-12-06", "2021-12-12"),
        ("They meet next week.", "2021-12-20", "2021-12-26"),
        ("It began earlier this month.", "2021-12-01", "2021-12-14"),
        ("It happened last month.", "2021-11-01", "2021-11-30"),
        ("It happened last year.", "2020-01-01", "2020-12-31"),
        ("Crimea was annexed in 2014.", "2014-01-01", "2014-12-31"),
        ("Fighting has gone on since 2014.", "2014-01-01", "2021-12-14"),
        ("Prices rose in the 1990s.", "1990-01-01", "1999-12-31"),
        ("Talks began in March.", "2021-03-01", "2021-03-31"),
    ],
)
def test_period_expressions_resolve_to_a_range(text: str, start: str, end: str) -> None:
    row = _one(text)
    assert (row["start"], row["end"], row["date"]) == (start, end, None)


@pytest.mark.parametrize(
    "text", ["It has gone on for weeks.", "In recent days, it grew.", "It will end soon."]
)
def test_vague_phrases_are_marked_vague(text: str) -> None:
    row = _one(text)
    assert row["vague"] is True
    assert row["date"] is None and row["start"] is None


def test_without_a_dateline_relative_expressions_are_vague_but_years_resolve() -> None:
    assert _one("They met on Tuesday.", None)["vague"] is True
    assert _one("They met last week.", None)["vague"] is True
    assert _one("It happened in 2013.", None)["start"] == "2013-01-01"


def test_as_soon_as_is_not_a_time_and_makes_weekdays_future() -> None:
    rows = find_time_expressions_in("Results are expected as soon as Monday.", TUESDAY)
    assert [(r["text"], r["date"]) for r in rows] == [("Monday", "2021-12-20")]


def test_may_the_verb_is_not_a_month() -> None:
    assert (
        find_time_expressions_in("Moscow may resort to force, and in May it did.", TUESDAY)[0]["text"]
        == "in May"
    )


def test_builtin_article_times_match_the_answer_key(article) -> None:
    import medialit

    key = medialit.answer_key().time_expressions
    machine = medialit.analyze(article).time_expressions
    # dated rows the article itself dates (vague_ok rows are dated only from other sources)
    dated = key[~key["vague"].astype(bool) & ~key["vague_ok"].astype(bool)]
    for row in dated.to_dict("records"):
        hits = machine[
            (machine["paragraph"] == row["paragraph"])
            & machine["text"].apply(lambda t, k=row["text"]: t in k or k in t)
        ]
        assert len(hits) == 1, row
        got = hits.iloc[0]
        for field in ("date", "start", "end"):
            want = row[field] if isinstance(row[field], str) else None
            assert got[field] == want, (row["text"], field)


def test_weekday_before_a_date_is_one_expression() -> None:
    rows = find_time_expressions_in("They met on Tuesday, December 7, 2021, in Geneva.", TUESDAY)
    assert [(r["text"], r["date"]) for r in rows] == [("Tuesday, December 7, 2021", "2021-12-07")]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("From 1972-73, he painted.", "1972-01-01", "1973-12-31"),
        ("It ran from 2010 to 2015.", "2010-01-01", "2015-12-31"),
        ("Deaths rose over the last seven days.", "2021-12-07", "2021-12-14"),
        ("Prices doubled in the past two months.", "2021-10-14", "2021-12-14"),
    ],
)
def test_year_ranges_and_recent_periods(text: str, start: str, end: str) -> None:
    row = _one(text)
    assert (row["start"], row["end"]) == (start, end)


def test_years_later_than_another_event_are_vague() -> None:
    row = _one("He was freed four years later.")
    assert row["vague"] is True and row["date"] is None


def test_qualified_durations_and_determiner_years() -> None:
    assert _one("He played for over an hour.")["vague"] is True
    assert _one("It was a 2007 shooting.")["start"] == "2007-01-01"
    assert find_time_expressions_in("a 2000-strong crowd", TUESDAY) == []


def test_last_night_and_spans_of_years() -> None:
    assert _one("It culminated last night.")["date"] == "2021-12-13"
    assert _one("The worst clashes in several years.")["vague"] is True


def test_fixed_date_holidays() -> None:
    assert _one("We met on Christmas Eve.")["date"] == "2020-12-24"  # past tense: the last one before
    assert _one("They will meet on New Year’s Day.")["date"] == "2022-01-01"
