"""Framing hints: loaded terms and frame cue words, looked up in the kit's word lists.

Rules:

* A **loaded term** is a whole-word, case-insensitive match of a term in
  ``data/lexicons/loaded_terms.csv`` outside quotation marks (words inside quotation marks are the
  speaker's, not the writer's choice). Longer terms win over shorter ones they contain
  ("pro-Moscow separatists" over "separatists").
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


def _pattern(words: list[str], case_sensitive_caps: bool = False) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w-])", re.IGNORECASE)


@cache
def _loaded() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    rows = {r["term"].lower(): r for r in lexicons.rows("loaded_terms")}
    return _pattern(list(rows)), rows


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, list[dict[str, str]]]]:
    rows: dict[str, list[dict[str, str]]] = {}
    for r in lexicons.rows("frame_cues"):
        rows.setdefault(r["cue"].lower(), []).append(r)
    return _pattern(list(rows)), rows


def loaded_terms(article: Article, *, masked: str | None = None) -> list[dict[str, Any]]:
    """Loaded terms outside quotations: paragraph, text, category, neutral_alternative, explanation.

    >>> import medialit
    >>> [t["text"] for t in loaded_terms(medialit.load_article()) if t["paragraph"] == 3]
    ['Thousands', 'the West', 'pro-Moscow separatists']
    """
    pattern, rows = _loaded()
    if masked is None:  # the text with quotations blanked out (analyze() passes the one it made)
        masked = mask_quotes(article, find_quotes(article).quotes)
    found = []
    for number, (a, b) in enumerate(article.paragraph_spans):
        for m in pattern.finditer(masked, a, b):
            row = rows[re.sub(r"\s+", " ", m.group().lower())]
            found.append(
                {
                    "paragraph": number,
                    "text": article.text[m.start() : m.end()],
                    "category": row["category"],
                    "neutral_alternative": row["neutral_alternative"] or None,
                    "explanation": row["explanation"],
                    "char_start": m.start(),
                    "char_end": m.end(),
                }
            )
    return found


def frame_cues(article: Article) -> list[dict[str, Any]]:
    """Frame cue words: frame, item, cue (as written), paragraph.

    >>> import medialit
    >>> rows = frame_cues(medialit.load_article())
    >>> sorted({r["frame"] for r in rows})[:2]
    ['conflict', 'economic consequences']
    """
    pattern, rows = _cues()
    found = []
    for number, (a, b) in enumerate(article.paragraph_spans):
        for m in pattern.finditer(article.text, a, b):
            for row in rows[re.sub(r"\s+", " ", m.group().lower())]:
                if row["cue"][:1].isupper() and not m.group()[:1].isupper():
                    continue  # "God" the name, not "god"
                found.append(
                    {
                        "frame": row["frame"],
                        "item": int(row["item"]),
                        "cue": m.group(),
                        "paragraph": number,
                        "char_start": m.start(),
                        "char_end": m.end(),
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
