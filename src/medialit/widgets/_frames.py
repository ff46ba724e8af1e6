"""The frame check's questions: Semetko & Valkenburg's five generic news frames as yes/no items.

Semetko, H. A. & Valkenburg, P. M. (2000), "Framing European politics: a content analysis of
press and television news", *Journal of Communication* 50(2): 20 yes/no questions over five
frames; a frame's score is the share of its questions answered yes (0 to 1). The questions below
are our own paraphrases; with an answer key the key's wording and coding are used instead. The rule
that scores the answers is :mod:`medialit.scoring.frames`.

>>> scores = frame_scores({"C1": True, "C2": True, "C3": False}, ITEMS)
>>> scores["conflict"], scores["morality"]
(0.5, 0.0)
>>> parse_evidence("2, 9 and ¶16", 17)
[2, 9, 16]
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import MedialitError
from ..scoring import Reference
from ..scoring import frames as rule

__all__ = ["FRAMES", "ITEMS", "frame_cues", "frame_items", "frame_scores", "parse_evidence"]

FRAMES = ("responsibility", "human interest", "conflict", "morality", "economic consequences")

ITEMS: tuple[dict[str, Any], ...] = tuple(
    {"frame": frame, "item": item, "question": question}
    for frame, item, question in (
        (
            "responsibility",
            "R1",
            "Does the story hint that some government or authority has the power to ease the problem?",
        ),
        (
            "responsibility",
            "R2",
            "Does the story hint that a government or authority is to blame for the problem?",
        ),
        ("responsibility", "R3", "Does the story put forward one or more ways to solve the problem?"),
        ("responsibility", "R4", "Does the story hint that a particular person or group caused the problem?"),
        (
            "responsibility",
            "R5",
            "Does the story say or imply that the problem must be dealt with right away?",
        ),
        (
            "human interest",
            "H1",
            "Does the story show the issue through one person's or one group's experience?",
        ),
        (
            "human interest",
            "H2",
            "Does the story use descriptive words or little scenes meant to"
            " make readers "
            "feel anger, pity or sympathy?",
        ),
        ("human interest", "H3", "Does the story dwell on how people or groups are touched by the issue?"),
        ("human interest", "H4", "Does the story look into the private or personal lives of those involved?"),
        ("human interest", "H5", "Does the story contain images or descriptions likely to move the reader?"),
        ("conflict", "C1", "Does the story report that parties, people, groups or countries disagree?"),
        ("conflict", "C2", "Does one side in the story reproach or criticise another?"),
        ("conflict", "C3", "Does the story present the issue as having two sides, or more than two?"),
        ("conflict", "C4", "Does the story speak of who wins and who loses?"),
        ("morality", "M1", "Does the story carry a lesson about right and wrong?"),
        ("morality", "M2", "Does the story mention morality, God or religious teaching?"),
        ("morality", "M3", "Does the story tell readers how they ought to behave?"),
        ("economic consequences", "E1", "Does the story mention money lost or gained, now or in the future?"),
        (
            "economic consequences",
            "E2",
            "Does the story mention what something costs or how expensive it is?",
        ),
        (
            "economic consequences",
            "E3",
            "Does the story mention the economic effects of taking, or not taking, a course of action?",
        ),
    )
)


def frame_items(ref: Reference) -> list[dict[str, Any]]:
    """The questions with the reference's coding: ``frame, item, question, answer, evidence, rationale``.

    With a key: the key's rows. Without: our paraphrases, with ``answer`` None (the automatic analysis
    only finds cue words per frame; see :func:`frame_cues`).
    """
    if ref.uses_key and ref.rows("frames"):
        return rule.items_from_rows(ref.rows("frames"))
    return [{**it, "answer": None, "evidence": [], "allow": [], "rationale": ""} for it in ITEMS]


def frame_cues(ref: Reference) -> dict[str, list[int]]:
    """frame -> paragraphs where the automatic analysis found a cue word for it."""
    out: dict[str, list[int]] = {}
    for r in ref.rows("frame_cues"):
        if isinstance(r.get("paragraph"), int):
            out.setdefault(str(r.get("frame")), []).append(r["paragraph"])
    return {f: sorted(set(ps)) for f, ps in out.items()}


def parse_evidence(text: str, n_paragraphs: int) -> list[int]:
    """Paragraph numbers typed by a student ("2, 9" or "¶2 and 9"), checked against the article."""
    if not text or not text.strip():
        return []
    cleaned = re.sub(r"(?i)\b(and|paragraphs?|par|p)\b|[¶#.;,]", " ", text)
    numbers = []
    for token in cleaned.split():
        if not token.isdigit():
            raise MedialitError(
                f"“{text}” is not a list of paragraph numbers.",
                hint="Type paragraph numbers separated by commas, for example 2, 9.",
            )
        number = int(token)
        if not 0 <= number < n_paragraphs:
            raise MedialitError(
                f"There is no paragraph {number}: this article has paragraphs 0 to {n_paragraphs - 1}.",
                hint="Check the paragraph numbers.",
            )
        numbers.append(number)
    return sorted(set(numbers))


def frame_scores(answers: dict[str, bool | None], items: Any) -> dict[str, float]:
    """Each frame's score: the share of its items answered yes (unanswered count as no)."""
    totals: dict[str, list[int]] = {}
    for it in items:
        totals.setdefault(it["frame"], []).append(1 if answers.get(it["item"]) is True else 0)
    return {f: round(sum(v) / len(v), 2) for f, v in totals.items()}
