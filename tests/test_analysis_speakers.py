"""Whose words: one small synthetic case per speaker rule (names, pronouns, quotations with no verb,
news outlets as conduits). Each case also checks the rationale a student sees."""

from __future__ import annotations

import pytest
from analysis_cases import quotes as _quotes
from analysis_cases import speakers as _speakers

from medialit.analysis import analyze
from medialit.article import parse_article


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will win,” Army Gen. Raymond T. Odierno said.", "Raymond T. Odierno"),
        ("“We will win,” said Staff Sgt. Ana M. Lopez.", "Ana M. Lopez"),
        ("Marine Gen. Joseph F. Dunford Jr. said it was “a good day”.", "Joseph F. Dunford"),
        ("“It is calm,” Spc. Tom Brown told reporters.", "Tom Brown"),
    ],
)
def test_ranks_initials_and_suffixes_are_not_part_of_the_name(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_a_person_named_once_with_an_age_is_a_person() -> None:
    text = (
        "Josep Puig Ferrer, 69, joined the march. Karlos, also 44, stepped in.\n\n"
        "Karlos has found an escape. “I am living this with a lot of hope,” he said."
    )
    assert _speakers(text) == ["Karlos"]


def test_he_is_not_the_person_his_own_words_talk_about() -> None:
    text = (
        "President George Bush honoured Sergeant Paul Smith on Monday.\n\n"
        "Sergeant Smith led the counter attack.\n\n"
        "“Sergeant Smith fought until the end. He saved his men,” he said."
    )
    rows = _quotes(text)
    assert rows["speaker"].tolist() == ["George Bush"]
    assert "“he” stands for the most recent person" in rows.loc[0, "rationale"]


def test_a_title_that_states_a_gender_guides_he_and_she() -> None:
    text = "Mrs. Ana Lopez met Mr. Tom Brown on Monday.\n\n“It went well,” she said.\n\n“It did,” he said."
    assert _speakers(text) == ["Ana Lopez", "Tom Brown"]


def test_she_finds_a_person_named_in_passing() -> None:
    text = "The ministry said on Monday that Minister Ana Lopez would resign.\n\n“I am proud,” she said."
    assert _speakers(text) == ["Ana Lopez"]


def test_he_as_a_sentence_subject_keeps_the_chain_of_he() -> None:
    text = (
        "President George Bush honoured the soldier on Monday.\n\n"
        "He recalled how Sergeant Paul Smith fought at the airport.\n\n"
        "“Sergeant Smith saved more than 100 lives,” he said."
    )
    assert _speakers(text) == ["George Bush"]


@pytest.mark.parametrize(
    ("text", "speaker", "why"),
    [
        ('Police chief John Brown gave a statement: "The suspect is in custody now."', "John Brown", "colon"),
        (
            'Mayor Ana Lopez spoke to reporters on Monday. "We are doing everything we can."',
            "Ana Lopez",
            "sentence before",
        ),
        (
            'Mayor Ana Lopez addressed the crowd on Monday.\n\n"We are doing everything we can to help."',
            "Ana Lopez",
            "sentence before",
        ),
        (
            'The count went on, and the site administrators thanked everyone with the message "Thanks for '
            'all your work, everyone!"',
            "the site administrators",
            "subject",
        ),
    ],
)
def test_a_quotation_with_no_verb_takes_the_speaker_named_nearby(text: str, speaker: str, why: str) -> None:
    rows = _quotes(text)
    assert rows["speaker"].tolist() == [speaker]
    assert why in rows.loc[0, "rationale"]


def test_a_partial_quotation_goes_on_with_the_speaker_quoted_just_before() -> None:
    text = "It is still “up in the air,” Odierno said. It is “based on what the Congress decides.”"
    assert _speakers(text) == ["Odierno", "Odierno"]


def test_a_scare_quote_after_a_quotation_is_still_nobodys() -> None:
    text = "“We will win,” Odierno said. The “experts” disagree."
    result = analyze(parse_article(" date 2021-12-14 Head\n\n" + text))
    assert result.quotes["text"].tolist() == ["We will win,"]
    assert result.excluded["text"].tolist() == ["experts"]


@pytest.mark.parametrize(
    ("text", "speaker", "via"),
    [
        (
            'A military official said "the enemy will pay", Yonhap news agency reported.',
            "a military official",
            "Yonhap news agency",
        ),
        (
            '"The enemy will pay," state television quoted Kim Jong-un as saying.',
            "Kim Jong-un",
            "state television",
        ),
        ('"The enemy will pay," Kim Jong-un was quoted as saying by state television.', "Kim Jong-un", None),
        (
            'According to the Guardian, the survey asked whether voters "strongly agree" with it.',
            "the survey",
            "the Guardian",
        ),
    ],
)
def test_a_news_outlet_is_the_conduit_not_the_speaker(text: str, speaker: str, via: str | None) -> None:
    row = _quotes(text).iloc[0]
    assert row["speaker"] == speaker
    if via is not None:
        assert row["via"] == via


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Global Times's editorial on May 9, stated that “it would be a miracle”.", "Global Times"),
        (
            "The China Daily commentary on May 8, 2012, highlighted that China “could not tolerate it”.",
            "the China Daily",
        ),
    ],
)
def test_a_papers_editorial_speaks_for_the_paper_and_a_date_is_no_name(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_a_closing_mark_typed_after_the_space_opens_the_next_quotation() -> None:
    text = '"I have been on both sides," said Ana Lopez, an adviser." The Army life is different.'
    rows = _quotes(text)
    assert rows["text"].tolist() == ["I have been on both sides,", "The Army life is different."]
    assert rows["speaker"].tolist() == ["Ana Lopez", "Ana Lopez"]


def test_a_partial_quotation_a_verb_introduces_is_kept_without_a_speaker() -> None:
    text = 'A speaker at the ceremony told VOA that the "bodies were scattered throughout the hall."'
    assert _quotes(text)["text"].tolist() == ["bodies were scattered throughout the hall."]


def test_a_dateline_is_not_a_subject() -> None:
    text = "WASHINGTON — Mayor Ana Lopez thanked everyone with the words “You were all wonderful today.”"
    assert _speakers(text) == ["Ana Lopez"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister called the report 'ill-founded'.",
        "The minister called the report ‘ill-founded’ and ‘biased’.",
    ],
)
def test_short_british_style_partial_quotes(text: str) -> None:
    rows = _quotes(text)
    assert set(rows["speaker"]) == {"the minister"}
    assert rows["text"].tolist()[0] == "ill-founded"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('U.N. Secretary-General Kofi Annan spoke.\n\n"We must act now," Mr. Annan said.', "Kofi Annan"),
        ('Vice-President Joe Biden praised the troops. "You are the finest," he said.', "Joe Biden"),
        ('Army Gen. Raymond Odierno visited.\n\n"A great day," the general said.', "Raymond Odierno"),
        ('The crowd chanted "GO ARMY!" as the cadets marched past.', "the crowd"),
    ],
)
def test_hyphenated_and_abbreviated_titles_and_chants(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_a_headline_word_in_quotation_marks_is_speech_when_the_body_uses_it() -> None:
    text = "Karzai 'Confident' About Elections\n\nAfghan President Hamid Karzai says he is confident."
    rows = analyze(parse_article(" date 2004-06-13 " + text)).quotes
    assert rows[["paragraph", "text", "speaker"]].values.tolist() == [[0, "Confident", "Hamid Karzai"]]
    headline = " date 2012-05-05 Madrid Preparing for 'Indignado' Day\n\nCrowds met."
    named = analyze(parse_article(headline)).quotes
    assert len(named) == 0


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Marine Gen. Joseph F. Dunford Jr., chairman of the Joint Chiefs, visited the base.\n\n"
            '"This is an important mission," the chairman said.',
            "Joseph F. Dunford",
        ),
        ('Tom Brown and his wife, Ann Brown, attended. "We are proud of him," she said.', "Ann Brown"),
        ('The commander, Col. John Smith, spoke. He told them: "You made history."', "John Smith"),
        ('Blogger Maria Lopez wrote on her blog: "The protests are growing every day."', "Maria Lopez"),
        ('"We did not expect this," said one soldier, who asked not to be named.', "one soldier"),
    ],
)
def test_descriptions_around_a_name_and_plain_role_nouns(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Twitter user @ivan_petrov wrote: "The police are everywhere today."', "@ivan_petrov"),
        ('As one protester put it: "We are not going home."', "one protester"),
    ],
)
def test_account_names_and_put_it(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


def test_a_quoted_sub_heading_in_title_case_is_speech_of_whoever_says_it_below() -> None:
    text = "‘Serious Storm’\n\nForecaster Ana Diaz said Matthew was a “serious storm” for the coast."
    rows = _quotes(text)
    assert rows[["paragraph", "speaker"]].values.tolist() == [[1, "Ana Diaz"], [2, "Ana Diaz"]]


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lopez hailed the deal as “a new beginning”.",
        "Ana Lopez labelled the report “ill-founded”.",
        "“Not again,” Ana Lopez quipped.",
        "Ana Lopez expressed “deep regret” over the vote.",
    ],
)
def test_more_reporting_verbs_introduce_partial_quotes(text: str) -> None:
    assert _speakers(text) == ["Ana Lopez"]


def test_she_after_a_reporting_verb_states_the_speakers_gender() -> None:
    text = (
        "Ann Jones said she was tired. Tom Smith, however, disagreed with the plan.\n\n"
        "“We will go,” she said.\n\n“No,” he said."
    )
    assert _speakers(text) == ["Ann Jones", "Tom Smith"]


def test_an_adverb_between_speaker_and_verb_and_a_name_that_of_continues() -> None:
    text = (
        "The protester Denis Morozov threw tomatoes. “Tomato terrorism,” as Morozov jokingly called it, "
        "spread.\n\nThe Church of Scientology falsely accused the group.\n\n"
        "“It was them,” said the Church in a press release."
    )
    assert _speakers(text) == ["Denis Morozov", "the Church of Scientology"]


def test_a_paragraph_that_forgot_its_opening_mark_goes_on_with_the_quotation() -> None:
    text = (
        "Uccellini said: “We will build a Weather-Ready Nation.\n\n"
        "That is our mission, and we will keep it,” he added.\n\nThe agency has 5,000 staff."
    )
    rows = _quotes(text)
    assert rows[["paragraph", "text"]].values.tolist() == [
        [1, "We will build a Weather-Ready Nation."],
        [2, "That is our mission, and we will keep it,"],
    ]
    assert set(rows["speaker"]) == {"Uccellini"}


def test_portuguese_and_dutch_name_particles() -> None:
    text = 'A U.N. spokesman, Manoel de Almeida e Silva, said the vote was "behind schedule."'
    assert _speakers(text) == ["Manoel de Almeida e Silva"]
