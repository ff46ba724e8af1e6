"""Any text a teacher pastes must give an analysis, never a traceback."""

from __future__ import annotations

import random

import pytest

from medialit.analysis import analyze
from medialit.article import parse_article

PIECES = [
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    " said ",
    " told ",
    " according to ",
    "He",
    "It",
    "The ministry",
    " Tuesday",
    " last week",
    " since 2014",
    " May ",
    "Mr. Smith",
    ",",
    ".",
    "\n\n",
    " and ",
    "KCNA",
    "Niinistö",
    " (",
    ")",
    "—",
    " 2021-02-30",
    " December 32",
    "§",
    "x" * 30,
]


@pytest.mark.parametrize("seed", range(40))
def test_random_mixtures_of_marks_and_cues_never_crash(seed: int) -> None:
    rng = random.Random(seed)
    body = "".join(rng.choice(PIECES) for _ in range(rng.randint(5, 80)))
    text = f" date 2021-12-14 Head ‘{rng.choice(PIECES)}\n\nStart {body} end."
    result = analyze(parse_article(text))
    for q in result.quotes.to_dict("records"):
        a, b = result.article.paragraph_spans[q["paragraph"]]
        assert a <= q["start"] <= q["end"] <= b
        assert result.article.text[q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize(
    "text",
    [
        "Head\n\n“",
        "Head\n\n”””",
        "Head\n\n‘’‘’",
        "Head\n\nsaid said said told according to",
        "Head\n\n" + "word " * 3000,
        "Head\n\n“" + "Long quote. " * 400,
        "Head\n\nOn 31 February 2021 and on February 30 it rained.",
    ],
)
def test_degenerate_texts_give_an_analysis(text: str) -> None:
    result = analyze(parse_article(text))
    key_columns = ["paragraph", "text", "start", "end", "speaker", "cue", "kind", "via"]
    assert list(result.quotes.columns) == [*key_columns, "rationale"]
