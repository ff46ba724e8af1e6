"""The machine against the teacher's answer key for the built-in article (data/articles/*.key.yaml)."""

from __future__ import annotations

import pytest

import medialit


@pytest.fixture(scope="module")
def comparison():
    return medialit.compare(medialit.analyze(), medialit.answer_key())


def test_every_key_quotation_is_found_with_its_speaker(comparison) -> None:
    quotes = comparison["quotes"]
    assert len(quotes["key_only"]) == 0 and len(quotes["machine_only"]) == 0
    assert quotes["both"]["same_speaker"].all()


def test_every_key_source_is_found(comparison) -> None:
    assert len(comparison["sources"]["key_only"]) == 0


def test_attributions_mostly_agree_with_the_key(comparison) -> None:
    summary = comparison.summary.set_index("table")
    assert summary.loc["attributions", "precision"] >= 0.95
    assert summary.loc["attributions", "recall"] >= 0.85


def test_the_via_chain_for_ryabkov_is_the_news_agency() -> None:
    quotes = medialit.analyze().quotes
    assert quotes.loc[quotes["paragraph"] == 13, "via"].item() == "RIA Novosti"
