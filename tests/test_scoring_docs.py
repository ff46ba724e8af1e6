"""docs/scoring.md explains every rule with the very sentence students see, and its example holds."""

from __future__ import annotations

import pytest
from exercise_cases import crafted

from medialit.exercises import check
from medialit.scoring import RULES


@pytest.mark.parametrize("kind", RULES)
def test_the_scoring_page_quotes_each_rule_word_for_word(root, kind):
    page = " ".join((root / "docs" / "scoring.md").read_text(encoding="utf-8").split())
    assert RULES[kind] in page, kind


def test_the_scoring_page_example_holds():
    answer = crafted()
    assert (check("ex02.q6", answer).verdict, check("ex02.q6", answer).result.points) == ("partly", 2.0)

    def plus(paragraph: int, text: str, start: int) -> dict:
        words = len(text.split())
        mark = {
            "category": "source",
            "paragraph": paragraph,
            "text": text,
            "start": start,
            "end": start + words,
        }
        return {**answer, "marks": [*answer["marks"], mark]}

    assert check("ex02.q6", plus(10, "forces", 2)).result.points == 1.5
    assert check("ex02.q6", plus(14, "it", 8)).result.points == 2.0
    assert check("ex02.q6", plus(13, "RIA Novosti.", 22)).result.points == 2.0
