"""Time rules of the third round of issue 13, written from ordinary news of batch E (dev part). One small
synthetic case per rule, with the rationale a student sees. 2021-12-14 was a Tuesday."""

from __future__ import annotations

import datetime as dt

import pytest

from medialit.timeline import find_time_expressions_in

TUESDAY = dt.date(2021, 12, 14)


def _one(text: str, ref: dt.date | None = TUESDAY) -> dict:
    rows = find_time_expressions_in(text, ref)
    assert len(rows) == 1, rows
    return rows[0]


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
