"""Places next to speakers (issue 13's category "a nearby place chosen instead of the person"): the state
after a town in a description, and an office "of" a place. One small synthetic case per rule."""

from __future__ import annotations

import pytest
from analysis_cases import speakers

from medialit.analysis import analyze
from medialit.article import parse_article


def _speakers(text: str) -> list[str | None]:
    return speakers("The clinic opened in May.\n\n" + text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Jane Hill, a doctor in Fayetteville, Arkansas, said: “The clinic is full.”",
        "“The clinic is full,” Jane Hill, a doctor in Fayetteville, Arkansas, said.",
        "Jane Hill, a nurse at the hospital in Fayetteville, Arkansas, said: “The clinic is full.”",
    ],
)
def test_the_state_after_a_town_in_a_description_is_not_the_speaker(sentence: str) -> None:
    assert _speakers(sentence) == ["Jane Hill"]


def test_people_in_a_town_and_its_state_speak_not_the_state() -> None:
    assert _speakers("Officials in Springfield, Illinois, said “we are ready.”") == ["Officials"]


@pytest.mark.parametrize(("office", "place"), [("mayor", "Springfield"), ("governor", "Texas")])
def test_an_office_of_a_place_speaks_not_the_place(office: str, place: str) -> None:
    assert _speakers(f"The {office} of {place} said “we are ready.”") == [f"the {office} of {place}"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The University of Texas said “we are ready.”", "the University of Texas"),
        ("Secretary of State Antony Blinken said “we are ready.”", "Antony Blinken"),
        ("Tom Brown, 45, of Springfield, Illinois, said “we lost everything.”", "Tom Brown"),
    ],
)
def test_names_with_of_and_home_towns_keep_their_speakers(sentence: str, speaker: str) -> None:
    assert _speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Mayor of London Sadiq Khan said “we are ready.”", "Sadiq Khan"),
        ("The Minister of Foreign Affairs Sergei Lavrov said “we are ready.”", "Sergei Lavrov"),
        ("U.S. Secretary of Defense Robert M. Gates said “we are ready.”", "Robert M. Gates"),
    ],
)
def test_an_office_of_a_place_before_a_name_leaves_the_place_out_of_the_name(
    sentence: str, speaker: str
) -> None:
    assert _speakers(sentence) == [speaker]


def test_a_headline_that_goes_on_after_the_name_keeps_the_whole_name() -> None:
    # the name is cut from the end only where the sentence goes on after it ("said", a comma); a headline
    # whose name is followed by more capitalised words keeps "Leon E. Panetta" as its one person
    from medialit.sources import person_names

    text = (
        " date 2012-05-19 Secretary of Defense Leon E. Panetta Armed Forces Day Message\n\n“Thank you all.”\n"
    )
    assert analyze(parse_article(text)).quotes["speaker"].tolist() == ["Leon E. Panetta"]
    assert [np.head for np in person_names("Mayor of London Sadiq Khan said so.")] == ["Sadiq Khan"]
