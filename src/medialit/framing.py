"""Framing hints: loaded terms and frame cue words, looked up in the kit's word lists.

Rules:

* A **loaded term** is a whole-word, case-insensitive match of a term in
  ``data/lexicons/loaded_terms.csv`` outside quotation marks (words inside quotation marks are the
  speaker's, not the writer's choice). Longer terms win over shorter ones they contain
  ("pro-Moscow separatists" over "separatists"). A term that is the accurate word for what happened
  ("invasion") counts only when its sentence shows it is used of a plan or a threat ("plotting an
  invasion"): the word list says which terms those are.
* A **frame cue** is a whole-word match of a cue in ``data/lexicons/frame_cues.csv`` anywhere in the
  article. Each cue is evidence for one yes/no item of a Semetko & Valkenburg (2000) frame; a frame's
  machine score is the share of its items with at least one cue (0..1). A cue is a hint for a reader
  to check, not a verdict.

>>> from medialit.article import parse_article
>>> a = parse_article("Head\\n\\nThe regime was plotting a strike, officials said.")
>>> [(t["text"], t["neutral_alternative"]) for t in loaded_terms(a)]
[('regime', 'government'), ('plotting', 'planning'), ('strike', 'attack')]
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from . import lexicons
from .lexicons import FRAME_ITEMS
from .quotes import find_quotes, mask_quotes

if TYPE_CHECKING:
    from .article import Article

__all__ = ["FRAMES", "frame_cues", "frame_scores", "loaded_terms"]

#: The five generic news frames of Semetko & Valkenburg (2000), in their usual order.
FRAMES = tuple(FRAME_ITEMS)


_WORDS = re.compile(r"[^\W\d_][\w’'-]*")


class _PhraseFinder:
    """Finds whole-word, case-insensitive occurrences of a list of phrases in one pass over the words.

    Faster than one large regular expression: each word is looked up in a dict keyed by the first
    word of the phrases (longest phrase first), so the text is read once.
    """

    def __init__(self, phrases: list[str]) -> None:
        self.first: dict[str, list[tuple[list[str], str]]] = {}
        for phrase in sorted(set(phrases), key=len, reverse=True):
            words = phrase.lower().split()
            self.first.setdefault(words[0], []).append((words, phrase.lower()))

    def find(self, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``(start, end, phrase)`` for every match among ``words`` (start, end, lower-case word), left
        to right, not overlapping."""
        out: list[tuple[int, int, str]] = []
        lows = [w[2] for w in words]
        first = self.first
        taken_to = 0  # matches do not overlap: a word inside an earlier match starts none
        for k in [k for k, low in enumerate(lows) if low in first]:  # the few words a phrase starts with
            if k < taken_to:
                continue
            for phrase_words, phrase in first[lows[k]]:
                n = len(phrase_words)
                if lows[k : k + n] == phrase_words:
                    out.append((words[k][0], words[k + n - 1][1], phrase))
                    taken_to = k + n
                    break
        return out


def _paragraph_words(article: Article) -> list[list[tuple[int, int, str]]]:
    """The words of each paragraph as ``(start, end, lower-case word)``, read once for both word lists."""
    return [
        [(m.start(), m.end(), m.group().lower()) for m in _WORDS.finditer(article.text, a, b)]
        for a, b in article.paragraph_spans
    ]


@cache
def _loaded() -> tuple[_PhraseFinder, dict[str, dict[str, str]]]:
    rows = {r["term"].lower(): r for r in lexicons.rows("loaded_terms")}
    return _PhraseFinder(list(rows)), rows


@cache
def _cues() -> tuple[_PhraseFinder, dict[str, list[dict[str, str]]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    for r in lexicons.rows("frame_cues"):
        rows.setdefault(r["cue"].lower(), []).append(r)
    return _PhraseFinder(list(rows)), rows


_SENTENCE_START = re.compile(r"[.!?;]\s")


def _of_a_plan(text: str, paragraph_start: int, start: int) -> bool:
    """Does a word that shows a plan, a threat or a possibility stand earlier in the term's sentence?"""
    before = text[paragraph_start:start]
    stops = list(_SENTENCE_START.finditer(before))
    clause = before[stops[-1].end() :] if stops else before
    plan_words = lexicons.words("clause_words", "plan or threat")
    return any(w in plan_words for w in re.findall(r"[a-z]+", clause.lower()))


def loaded_terms(
    article: Article,
    *,
    masked: str | None = None,
    words: list[list[tuple[int, int, str]]] | None = None,
) -> list[dict[str, Any]]:
    """Loaded terms outside quotations: paragraph, text, category, neutral_alternative, explanation.

    A term marked "of a plan or threat" in the word list (``invasion``) counts only when a word such as
    "plotting", "fears" or "if" earlier in its sentence shows it is used of something not yet done.

    >>> import medialit
    >>> [t["text"] for t in loaded_terms(medialit.load_article()) if t["paragraph"] == 3]
    ['Thousands', 'the West', 'pro-Moscow separatists']
    """
    finder, rows = _loaded()
    if masked is None:  # the text with quotations blanked out (analyze() passes the one it made)
        masked = mask_quotes(article, find_quotes(article).quotes)
    found = []
    for number, paragraph in enumerate(words or _paragraph_words(article)):
        outside = [w for w in paragraph if masked[w[0]] != "§"]
        for start, end, phrase in finder.find(outside):
            row = rows[phrase]
            if row["loaded_only"] and not _of_a_plan(article.text, article.paragraph_spans[number][0], start):
                continue  # "the invasion" of an invasion that happened is the accurate word
            explanation = row["explanation"]
            if row["loaded_only"]:
                explanation += " Here it is used of a plan, a threat or a possibility."
            found.append(
                {
                    "paragraph": number,
                    "text": article.text[start:end],
                    "category": row["category"],
                    "neutral_alternative": row["neutral_alternative"] or None,
                    "explanation": explanation,
                    "char_start": start,
                    "char_end": end,
                }
            )
    return found


def frame_cues(
    article: Article, *, words: list[list[tuple[int, int, str]]] | None = None
) -> list[dict[str, Any]]:
    """Frame cue words: frame, item, cue (as written), paragraph.

    >>> import medialit
    >>> rows = frame_cues(medialit.load_article())
    >>> sorted({r["frame"] for r in rows})[:2]
    ['conflict', 'economic consequences']
    """
    finder, rows = _cues()
    found = []
    for number, paragraph in enumerate(words or _paragraph_words(article)):
        for start, end, phrase in finder.find(paragraph):
            written = article.text[start:end]
            for row in rows[phrase]:
                if row["cue"][:1].isupper() and not written[:1].isupper():
                    continue  # "God" the name, not "god"
                found.append(
                    {
                        "frame": row["frame"],
                        "item": int(row["item"]),
                        "cue": written,
                        "paragraph": number,
                        "char_start": start,
                        "char_end": end,
                    }
                )
    return found


def frame_scores(cues: list[dict[str, Any]]) -> dict[str, float]:
    """Each frame's machine score: the share of its yes/no items that have at least one cue.

    >>> frame_scores([{"frame": "conflict", "item": 1}, {"frame": "conflict", "item": 2}])["conflict"]
    0.5
    """
    hit: dict[str, set[int]] = {frame: set() for frame in FRAMES}
    for cue in cues:
        hit[cue["frame"]].add(int(cue["item"]))
    return {frame: round(len(items) / FRAME_ITEMS[frame], 2) for frame, items in hit.items()}
