"""Speaker rules of the third round of issue 13, written from ordinary news of batch E (dev part): a
quotation that opens a sentence after a place name is speech, not a nickname; "the" with a person noun that
is not an office describes the person named before it. One small synthetic case per rule; the rationale is
checked where the rule adds to it."""

from __future__ import annotations

import pytest
from analysis_cases import quotes as _quotes

from medialit.analysis import analyze
from medialit.article import parse_article


def test_a_short_quotation_that_opens_a_sentence_is_not_a_nickname() -> None:
    rows = _quotes('She grew up in Ohio. "Not bad," Harris said.')
    assert rows["text"].tolist() == ["Not bad,"]
    assert rows["speaker"].tolist() == ["Harris"]


def test_a_nickname_between_a_first_name_and_a_surname_is_still_left_out() -> None:
    assert _quotes('Dwayne "The Rock" Johnson arrived on Monday.').empty


@pytest.mark.parametrize(
    "clause",
    [
        "said the mother of three",
        "the 61-year-old teacher said",
        "the farmer from the next village said",
    ],
)
def test_the_and_a_person_noun_describe_the_person_named_before(clause: str) -> None:
    rows = _quotes(f'Ana Ruiz lost her harvest in the flood.\n\n"We have nothing left," {clause}.')
    assert rows["speaker"].tolist() == ["Ana Ruiz"]
    assert "describes the most recent person named before it" in rows.loc[0, "rationale"]


@pytest.mark.parametrize(
    ("clause", "speaker"),
    [
        ("the man said", "the man"),  # a noun that brings in someone new
        ("the governor said", "the governor"),  # an office: whoever holds it, not the person named before
    ],
)
def test_a_new_person_or_an_office_is_not_a_description(clause: str, speaker: str) -> None:
    rows = _quotes(f'Ana Ruiz lost her harvest in the flood.\n\n"Help is coming," {clause}.')
    assert rows["speaker"].tolist() == [speaker]


def test_a_quotation_paragraph_after_a_paragraph_about_one_person_is_theirs() -> None:
    text = (
        "Ruth Okafor grows maize near the river.\n\n"
        "Ms. Okafor planted early this year. The rains never came.\n\n"
        '"We lost almost everything."'
    )
    rows = _quotes(text)
    assert rows["speaker"].tolist() == ["Ruth Okafor"]
    assert "the paragraph before names one person" in rows.loc[0, "rationale"]


def test_a_paragraph_that_names_two_people_gives_no_speaker_this_way() -> None:
    text = (
        "Ruth Okafor and Sam Bell grow maize near the river.\n\n"
        "Ms. Okafor planted early. Mr. Bell waited. The rains never came.\n\n"
        '"We lost almost everything."'
    )
    assert _quotes(text)["speaker"].isna().all()


def test_a_rank_abbreviation_does_not_end_the_sentence() -> None:
    from medialit._sentences import split_sentences

    text = "Pfc. Ana Cruz and Spc. Dan Reyes left. Maj. Bo Lee stayed."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Pfc. Ana Cruz and Spc. Dan Reyes left.",
        "Maj. Bo Lee stayed.",
    ]
    rows = _quotes('"It was hard," said Spc. Dan Reyes, 27. "We never stopped."')
    assert rows["speaker"].tolist() == ["Dan Reyes", "Dan Reyes"]


def test_a_town_and_its_state_after_native_of_is_not_a_person() -> None:
    text = (
        'Dan Reyes left first. "It was hard," Reyes said.\n\n'
        "For Pfc. Ana Cruz, 20, and a native of Avon Lake, Ohio, the day was spent on her phone. "
        '"I called my mother twice."'
    )
    result = analyze(parse_article(" date 2021-12-14 Head\n\n" + text))
    assert result.quotes["speaker"].tolist() == ["Dan Reyes", "Ana Cruz"]
    assert "Avon Lake" not in set(result.sources["name"])


def test_the_main_reporting_verb_of_the_sentence_before_names_the_speaker() -> None:
    # Army stories write "Family" with a capital: read alone, it could be a speaker's name
    text = (
        "Dan Reyes, a first-time deployer, said his Family has been calling his cell phone all day. "
        '"They worry more than I do."'
    )
    rows = _quotes(text)
    assert rows["speaker"].tolist() == ["Dan Reyes"]
    assert "sentence before names its speaker" in rows.loc[0, "rationale"]
