"""Accuracy floors on the hand-labelled development set (tests/devset), a little below what the rules
achieve, so that a regression fails. Figures: python benchmarks/bench_analysis.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "devset"))
import score


@pytest.fixture(scope="module")
def figures() -> dict:
    return score.evaluate()


def test_devset_has_enough_labelled_material(figures) -> None:
    assert figures["articles"] >= 19
    assert figures["quotes_labelled"] >= 30 and figures["times_labelled"] >= 90


def test_quotation_precision_and_recall_floors(figures) -> None:
    assert figures["quote_precision"] >= 0.95
    assert figures["quote_recall"] >= 0.90


def test_speaker_accuracy_floor(figures) -> None:
    assert figures["speaker_accuracy"] >= 0.93


def test_time_expression_floors(figures) -> None:
    assert figures["time_recall"] >= 0.90
    assert figures["time_resolved"] >= 0.88


def test_every_label_quotes_text_that_is_in_its_paragraph() -> None:
    import medialit

    for path, labels in score.cases():
        article = medialit.load_article(path)
        for row in (labels.get("quotes") or []) + (labels.get("time_expressions") or []):
            assert row["text"] in article.paragraphs[row["paragraph"]], (labels["id"], row)
