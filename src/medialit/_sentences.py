"""Rule-based sentence splitting with character offsets (no language model needed)."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep st jr sr rev hon pres
    maj brig cpt cdr ens spc pfc pvt cpl sfc ssg msg
    inc corp ltd co bros vs etc approx dept est fig no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    ave blvd rd mt ft""".split()  # noqa: SIM905 - a word list reads better as prose
)
_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘(["
# A candidate boundary: terminal punctuation, optional closing marks, then white space.
_BOUNDARY = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text[max(0, dot - 20) : dot + 1])
    if not match:
        return False
    word = match.group(1)
    if "." in word:  # U.S., U.N., e.g.
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in _ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return ``(start, end)`` offsets, white space trimmed.

    >>> s = 'Putin said so. “We will respond,” Ryabkov told RIA. Mr. Biden warned.'
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['Putin said so.', '“We will respond,” Ryabkov told RIA.', 'Mr. Biden warned.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        rest = text[end:].lstrip()
        if not rest:
            break
        nxt = rest[0]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        single_stop = text[match.start()] == "." and match.end() - match.start() == 1
        if single_stop and _is_abbreviation(text, match.start()):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed
