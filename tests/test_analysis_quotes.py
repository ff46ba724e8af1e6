"""Quotation marks and speakers: one small synthetic case per rule, plus the built-in article."""

from __future__ import annotations

import pytest

from medialit.analysis import analyze
from medialit.article import parse_article


def _quotes(text: str, date: str | None = "2021-12-14"):
    head = f" date {date} Head\n\n" if date else "Head\n\n"
    return analyze(parse_article(head + text)).quotes


def _one(text: str):
    rows = _quotes(text)
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We will win,” Smith said.", "Smith", "said"),
        ("“We will win,” said Jane Smith, a spokeswoman.", "Jane Smith", "said"),
        ("Jane Smith told reporters: “We will win this time.”", "Jane Smith", "told"),
        ("“We will respond with force,” KCNA said.", "KCNA", "said"),
        ("President Sauli Niinistö said Finland wants “calm” talks.", "Sauli Niinistö", "said"),
        ("The ministry, in a short note, warned of “grave consequences”.", "the ministry", "warned"),
        ("According to the agency, prices will rise by “a lot”.", "the agency", "According to"),
    ],
)
def test_speaker_patterns_find_the_speaker(text: str, speaker: str, cue: str) -> None:
    row = _one(text)
    assert row["speaker"] == speaker
    assert row["cue"] == cue


def test_participle_cue_belongs_to_the_sentence_subject() -> None:
    row = _one("Mary Jones denied the plan, demanding “formal guarantees” from them.")
    assert (row["speaker"], row["cue"]) == ("Mary Jones", "demanding")


def test_pronoun_and_role_noun_resolve_to_earlier_people() -> None:
    text = (
        "French President Anne Martin met Paul Berger on Monday.\n\n"
        "Later the French president said the talks were “useful”.\n\n"
        "She added that they were “only a start”."
    )
    assert _quotes(text)["speaker"].tolist() == ["Anne Martin", "Anne Martin"]


def test_apposition_before_the_name_gives_the_name() -> None:
    row = _one("Russia’s deputy foreign minister, Sergei Ryabkov, warned of “military action”.")
    assert row["speaker"] == "Sergei Ryabkov"


def test_description_between_commas_is_skipped() -> None:
    row = _one("“It was calm,” Ana Diop, a student in Dakar, said after voting.")
    assert row["speaker"] == "Ana Diop"


def test_told_a_news_agency_is_the_conduit() -> None:
    row = _one("“We will respond,” Ryabkov told the news agency RIA Novosti.")
    assert row["via"] == "RIA Novosti"


def test_apostrophes_are_not_quotation_marks() -> None:
    assert len(_quotes("Russia’s plan and the allies’ views, he’s said, aren’t new. It's Smith's.")) == 0


def test_single_quotes_in_a_headline_belong_to_the_named_person() -> None:
    a = analyze(parse_article(" date 2021-12-14 Putin wants ‘immediate’ talks\n\nVladimir Putin spoke."))
    assert a.quotes[["paragraph", "text", "speaker"]].values.tolist() == [[0, "immediate", "Vladimir Putin"]]


def test_quotation_running_over_paragraphs_is_one_speakers() -> None:
    text = "“We will go on. We will not stop.\n\n“We will win,” Ryabkov said."
    rows = _quotes(text)
    assert rows[["paragraph", "text"]].values.tolist() == [
        [1, "We will go on. We will not stop."],
        [2, "We will win,"],
    ]
    assert set(rows["speaker"]) == {"Ryabkov"}
    assert len(analyze(parse_article("Head\n\n" + text)).problems) == 0


def test_quote_paragraph_after_a_quote_continues_the_speaker() -> None:
    rows = _quotes("“It is late,” Smith said.\n\n“We cannot wait any longer for them.”")
    assert rows["speaker"].tolist() == ["Smith", "Smith"]


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” failed.",
        "She starred in the film “The Long Road Home” last year.",
        "Dwayne “The Rock” Johnson arrived.",
        "The “experts” were wrong, the column argued.",
    ],
)
def test_titles_nicknames_and_scare_quotes_are_not_someones_words(text: str) -> None:
    a = analyze(parse_article("Head\n\n" + text))
    assert len(a.quotes) == 0
    assert len(a.excluded) == 1


def test_unbalanced_marks_are_reported_not_raised() -> None:
    a = analyze(parse_article("Head\n\n“We will win, Smith said.\n\nAnd then” nothing."))
    assert len(a.problems) == 2
    assert set(a.problems["mark"]) == {"“", "”"}


def test_builtin_article_quotes_match_the_answer_key(article) -> None:
    import medialit

    key = medialit.answer_key().quotes
    machine = analyze(article).quotes
    assert machine[["paragraph", "text", "speaker"]].values.tolist() == (
        key[["paragraph", "text", "speaker"]].values.tolist()
    )
    assert machine["kind"].tolist() == key["kind"].tolist()


def test_people_who_share_a_surname_stay_apart() -> None:
    text = "Macky Sall faces Issa Sall.\n\n“We will win,” Macky Sall said.\n\n“No,” Issa Sall said."
    rows = _quotes(text)
    assert rows["speaker"].tolist() == ["Macky Sall", "Issa Sall"]


def test_a_name_does_not_run_across_a_full_stop() -> None:
    text = "Prices follow the Euro Interbank Offered Rate. Jose Zapatero said it was “difficult”."
    assert _one(text)["speaker"] == "Jose Zapatero"


def test_quote_in_a_sub_heading_belongs_to_the_titled_person() -> None:
    text = (
        "Justice Secretary 'acutely aware of publicity' in court case\n\n"
        "Scottish Justice Secretary Kenny MacAskill wrote to a colleague about the case."
    )
    rows = _quotes(text)
    assert rows[["paragraph", "text", "speaker"]].values.tolist() == [
        [1, "acutely aware of publicity", "Kenny MacAskill"]
    ]


def test_heading_quote_takes_the_speaker_of_the_same_words_below() -> None:
    text = "Deal ‘within reach’ as talks go on\n\n“A deal is within reach,” Ana Lopez said on Monday."
    assert _quotes(text)["speaker"].tolist() == ["Ana Lopez", "Ana Lopez"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will not stop,” said the group’s leader, Omar Ali.", "Omar Ali"),
        ("“He was calm,” Sgt. Ray Diaz said.", "Ray Diaz"),
        ("“We’re ready,” said Dr. Lisa Wong of Stanford University.", "Lisa Wong"),
        ("Secretary of State Antony Blinken said it was “a good day”.", "Antony Blinken"),
        ("“This is a disaster,” according to one resident.", "one resident"),
    ],
)
def test_common_newsroom_attribution_shapes(text: str, speaker: str) -> None:
    assert _one(text)["speaker"] == speaker


def test_short_sentence_quote_is_full_and_kept_without_a_known_speaker() -> None:
    row = _one("“No comment,” she said.")
    assert (row["kind"], row["speaker"]) == ("full", None)


def test_titles_after_an_inverted_cue_lead_to_the_name() -> None:
    assert _one("“It was bad,” said Republican whip Roy Blunt.")["speaker"] == "Roy Blunt"
    assert _one("“Not fair,” said House Democratic majority leader Steny Hoyer:")["speaker"] == "Steny Hoyer"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The ministry reports a rise in cases.", [["the ministry", "reports"]]),
        ("Putin states that it is over.", [["Putin", "states"]]),
        ("Kerry will describe Israel as a Jewish state in a deal.", [["Kerry", "describe"]]),
    ],
)
def test_reporting_verbs_that_are_also_nouns(text: str, found: list) -> None:
    rows = analyze(parse_article("Head\n\n" + text)).attributions
    assert rows[["source", "cue"]].values.tolist() == found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Why now?” asked reporter Jane Doe.", "Jane Doe"),
        ("Ana Smith put it this way:\n\n“We will not give up on the people of this city.”", "Ana Smith"),
        ("“We will not give up,” — Ana Smith.", "Ana Smith"),
        ("Ana Smith’s spokesman, John Doe, said “the plan is dead”.", "John Doe"),
    ],
)
def test_more_attribution_shapes(text: str, speaker: str) -> None:
    assert _one(text)["speaker"] == speaker
