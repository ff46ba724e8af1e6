"""Loaded terms that depend on context: "invasion" is the accurate word for an invasion that happened and
a loaded one for a plan or a threat; "aggression" is loaded but has no plain substitute."""

from __future__ import annotations

import pytest

from medialit.analysis import analyze
from medialit.article import parse_article


def _terms(text: str, date: str = "2022-03-14") -> list[list]:
    result = analyze(parse_article(f" date {date} Head\n\n{text}"))
    return result.loaded_terms[["text", "neutral_alternative"]].values.tolist()


@pytest.mark.parametrize(
    "text",
    [
        "The West accused Russia of plotting an invasion of its neighbour.",
        "Officials warned of a possible invasion within weeks.",
        "If the troops start an invasion, sanctions will follow.",
    ],
)
def test_invasion_used_of_a_plan_or_threat_is_loaded(text: str) -> None:
    assert ["invasion", None] in _terms(text, "2021-12-14")


@pytest.mark.parametrize(
    "text",
    [
        "The invasion of Ukraine began on 24 February.",
        "Since the invasion, millions have fled the country.",
    ],
)
def test_invasion_of_what_happened_is_the_accurate_word(text: str) -> None:
    assert "invasion" not in [t for t, _ in _terms(text)]


def test_aggression_is_flagged_without_a_euphemism_for_it() -> None:
    rows = analyze(parse_article(" date 2022-03-14 Head\n\nRussian aggression continued.")).loaded_terms
    assert rows[["text", "neutral_alternative"]].values.tolist() == [["aggression", None]]
    assert "military action" not in rows.loc[0, "explanation"].split("'military action' would")[0]


def test_the_explanation_says_why_a_context_term_was_flagged() -> None:
    rows = analyze(parse_article(" date 2021-12-14 Head\n\nThey fear an invasion.")).loaded_terms
    assert "used of a plan, a threat or a possibility" in rows.loc[0, "explanation"]
