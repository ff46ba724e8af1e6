"""Words of a paragraph, forgiving phrase search, and name comparison, shared by rules and widgets.

A paragraph's *words* are its runs of non-space characters, numbered from 0; punctuation stays
on the word but is ignored when words are compared.

>>> p = "Putin said Tuesday that he wants “urgent” talks."
>>> [w for w, _, _ in words(p)][:3]
['Putin', 'said', 'Tuesday']
>>> sorted(locate(p, "SAID tuesday")), locate(p, "Biden")
([1, 2], None)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "is_little",
    "little_words",
    "locate",
    "locate_all",
    "make_marks",
    "norm_word",
    "runs",
    "same_name",
    "words",
]

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _little_words_file() -> Path:
    return Path(__file__).with_name("data") / "little_words.yaml"


@cache
def little_words() -> frozenset[str]:
    """Words too small to name anything by themselves (articles, pronouns, prepositions, ...): a mark
    made only of these finds nothing, unless it is exactly a listed phrase, and costs nothing.

    The list is ``scoring/data/little_words.yaml``, checked against its schema when first read.

    >>> {"the", "it", "of"} <= little_words(), "us" in little_words()
    (True, False)
    """
    import yaml

    from .._schema import schema_errors, verified
    from ..errors import MedialitError

    path = _little_words_file()
    raw = path.read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    errors = (
        [] if verified(raw, "little-words.schema.json") else schema_errors(data, "little-words.schema.json")
    )
    if errors:
        place = "/".join(str(p) for p in errors[0].path) or "(top)"
        raise MedialitError(f"{path}, at {place}: {errors[0].message}", hint="Fix the word list.")
    return frozenset(word for group in data.values() for word in group)


def words(paragraph: str) -> list[tuple[str, int, int]]:
    """The paragraph's words (split at white space, punctuation kept) with character offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(paragraph)]


def norm_word(word: str) -> str:
    """A word without case, edge punctuation or curly quotes.

    >>> norm_word("“Urgent”,"), norm_word("Russia’s")
    ('urgent', "russia's")
    """
    return _EDGE.sub("", word.translate(_QUOTES)).casefold()


def is_little(word: str) -> bool:
    """True for a word too small to name anything by itself (see :func:`little_words`).

    >>> is_little("The"), is_little("its"), is_little("US"), is_little("Ryabkov")
    (True, True, False, False)
    """
    w = norm_word(word)
    return not w or w in little_words()


def runs(selected: Any) -> list[tuple[int, int]]:
    """Consecutive word positions grouped into ``(start, end)`` runs (``end`` exclusive).

    >>> runs([5, 1, 2])
    [(1, 3), (5, 6)]
    """
    out: list[tuple[int, int]] = []
    for i in sorted(set(selected)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def make_marks(paragraph_text: str, paragraph: int, selected: Any, category: str) -> list[dict[str, Any]]:
    """Turn selected word positions into marks, one per run of consecutive words.

    >>> make_marks("Putin said Tuesday that", 1, [0, 2, 3], "source")[1]["text"]
    'Tuesday that'
    """
    ws = words(paragraph_text)
    marks = []
    for a, b in runs(i for i in selected if 0 <= i < len(ws)):
        text = paragraph_text[ws[a][1] : ws[b - 1][2]]
        marks.append({"category": category, "paragraph": paragraph, "text": text, "start": a, "end": b})
    return marks


def locate_all(paragraph_text: str, phrase: str) -> list[set[int]]:
    """Every occurrence of ``phrase`` as a set of word positions (case, quotes, edge punctuation ignored).

    >>> locate_all("Last week and last week.", "last week")
    [{0, 1}, {3, 4}]
    >>> locate_all("the West", "he")
    []
    """
    if not isinstance(phrase, str) or not phrase.strip():
        return []
    ws = words(paragraph_text)
    hay = paragraph_text.translate(_QUOTES).casefold()
    needle = phrase.strip().translate(_QUOTES).casefold()
    found = []
    for match in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay):
        at, end = match.span()
        found.append({i for i, (_, a, b) in enumerate(ws) if a < end and b > at})
    if found:
        return found
    target = [w for w in (norm_word(x) for x in phrase.split()) if w]
    normed = [norm_word(w) for w, _, _ in ws]
    return [
        set(range(i, i + len(target)))
        for i in range(len(normed) - len(target) + 1)
        if target and normed[i : i + len(target)] == target
    ]


def locate(paragraph_text: str, phrase: str) -> set[int] | None:
    """Word positions of the first occurrence of ``phrase`` in the paragraph (None if absent).

    >>> locate("the West", "he") is None, sorted(locate("“Urgent” talks", "urgent TALKS"))
    (True, [0, 1])
    """
    found = locate_all(paragraph_text, phrase)
    return found[0] if found else None


_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def _name(x: object) -> str:
    text = " ".join(str(x or "").replace("’", "'").split()).strip(" .,").casefold()
    return _ARTICLES.sub("", text)


def same_name(a: object, b: object) -> bool:
    """Compare two names forgivingly (case, a leading "the", spacing, curly apostrophes).

    >>> same_name("The Kremlin", "the  kremlin"), same_name("Putin", "Biden"), same_name("", "")
    (True, False, False)
    """
    return bool(_name(a)) and _name(a) == _name(b)
