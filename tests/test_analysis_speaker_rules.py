"""Speaker rules written for news the rules had not seen (issue 13, second round): organisations named in
full, places and institutions that only say where a speaker is, answers, documents, asides, and speakers
the article names a little later. One small synthetic case per rule; each also checks the rationale."""

from __future__ import annotations

import pytest

from medialit.analysis import analyze
from medialit.article import parse_article


def _quotes(text: str):
    return analyze(parse_article(" date 2021-12-14 Head\n\n" + text)).quotes


def _speakers(text: str) -> list:
    return _quotes(text)["speaker"].tolist()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"It is provocative," the Foreign Ministry said.', "the Foreign Ministry"),
        ('The Russian Foreign Ministry called the move "provocative".', "the Russian Foreign Ministry"),
        ('"We are watching closely," the State Department said.', "the State Department"),
    ],
)
def test_an_organisations_name_is_not_a_title_and_a_name(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The BBC\'s correspondent in Cairo says the mood is "tense".', "The BBC's correspondent"),
        ('Doctors at the hospital in Fayetteville said the victims were in "stable condition".', "Doctors"),
        ('"The roads are closed," said Jordan of Fayetteville.', "Jordan"),
    ],
)
def test_a_place_or_institution_after_in_or_at_is_where_the_speaker_is(text: str, speaker: str) -> None:
    assert [s.lower() for s in _speakers(text)] == [speaker.lower()]


def test_a_statement_from_an_owner_speaks_for_the_owner() -> None:
    assert _speakers('"The deal is done," said a statement from the company.') == ["the company"]
    assert _speakers('A statement from the White House said it was "monitoring".') == ["the White House"]


def test_the_statement_said_is_the_words_of_whoever_issued_it() -> None:
    text = (
        'In a statement, Mayor Jane Cole said she was leaving "with a heavy heart".\n\n'
        '"Serving this city has been the honour of my life," the statement said.'
    )
    rows = _quotes(text)
    assert rows["speaker"].tolist() == ["Jane Cole", "Jane Cole"]
    assert "whoever issued the statement" in rows.loc[1, "rationale"]


def test_a_verb_after_a_contrast_word_starts_another_clause() -> None:
    text = "Critics say the plan is 'unrealistic', but the government insists it is 'fully funded'."
    assert _speakers(text) == ["Critics", "the government"]


def test_an_infinitive_after_to_reports_no_words() -> None:
    assert _speakers('Smith, who said the vote was "rigged", refused to concede.') == ["Smith"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Smith (pictured) said "the deal is done".', "Smith"),
        ('Park thanked the families, saying: "You are the backbone of this unit."', "Park"),
        ('"The deal is done," Smith was quoted as saying.', "Smith"),
        ('In Smith\'s words, "the deal is done".', "Smith"),
        ('Smith said,"The deal is done."', "Smith"),
    ],
)
def test_asides_one_word_subjects_and_in_someones_words(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_the_quotation_after_a_question_is_the_answer_of_the_one_asked() -> None:
    rows = _quotes('Reporters asked Tom Smith about the delay. "We are working on it."')
    assert rows["speaker"].tolist() == ["Tom Smith"]
    assert "asks this person a question" in rows.loc[0, "rationale"]


def test_the_one_person_the_sentence_before_names_said_the_words() -> None:
    rows = _quotes('It was a proud moment for Sgt. Tom Hale.\n\n"I couldn\'t believe it."')
    assert rows["speaker"].tolist() == ["Tom Hale"]
    assert "names one person" in rows.loc[0, "rationale"]


def test_a_surname_that_is_the_subject_of_the_sentence_before_speaks_next() -> None:
    text = "Mayor Ana Lopez opened the library.\n\nAt the ceremony, Lopez thanked the volunteers.\n\n" + (
        '"Without you, none of this would exist."'
    )
    assert _speakers(text) == ["Ana Lopez"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'A Texas hospital said it was "overwhelmed". Memorial Hermann Hospital has treated 300 patients.',
            "Memorial Hermann Hospital",
        ),
        ('A witness said the car was "very fast". The witness, John Smith, lives nearby.', "John Smith"),
        ('A witness said the car was "very fast". Police named the driver as John Smith.', "a witness"),
    ],
)
def test_a_speaker_described_with_a_role_and_named_soon_after(text: str, speaker: str) -> None:
    rows = _quotes(text)
    assert rows["speaker"].tolist() == [speaker]
    if speaker != "a witness":
        assert "names the" in rows.loc[0, "rationale"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Who will pay for this?" asked opposition MP Karen Hill.', "Karen Hill"),
        ('"Control is not the word," said Tom Reed of Relief International.', "Tom Reed"),
        ('Another user wrote that Navalny was "a hero".', "Another user"),
    ],
)
def test_more_titles_and_role_nouns(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]
