"""Who said it: reporting verbs (cues), their speakers, and the speaker of every quotation.

Rules, for any English news article:

* A **cue** is a form from ``data/lexicons/reporting_verbs.csv`` outside quotation marks ("said",
  "warned", "according to"). A form right after a determiner or possessive ("Russia's *demands*",
  "a *warning*") is a noun, not a cue. Passive forms ("was accused") are skipped.
* The **speaker** of a cue is, in order: the phrase after "according to"; the name right after a cue
  that follows a quotation or a comma (``“…,” said X``); for an ``-ing`` cue after a comma
  (``…, demanding “…”``) the speaker of the sentence's earlier cue or else its subject; otherwise the
  noun phrase just before the cue, skipping helpers ("has", "also", "on Tuesday"), an aside in brackets
  and comma-enclosed descriptions (``X, a spokesman, said``; ``X, 22, of San Antonio, Texas, said``;
  ``Russia's deputy minister, Sergei Ryabkov, warned``; ``Smith, who said``). A place or an institution
  after "in", "at", "from" or "on" says where the speaker is ("the BBC's correspondent in Cairo says",
  "doctors at the hospital said"), and so is a state after a town ("Jane Hill, a doctor in Fayetteville,
  Arkansas, said"); an office of a place speaks, not the place ("the mayor of Springfield said"), and
  the place is no part of the name after it ("Mayor of London Sadiq Khan said": Sadiq Khan); a
  document speaks for its owner ("said a statement from the
  company"; "the statement said" after "In a statement, Cole said"). "The" and a person noun that is
  not an office ("said the father of four", "the 52-year-old farmer in … said") describe the most
  recent person named before it; a noun that brings in someone new ("the man", "the victim") does not.
* A **quotation's** cue is the one right after it (``“…,” Ryabkov told``, unless a "but" or "while"
  starts another clause first, or it is an infinitive such as "refused to concede"), else the nearest
  before it in its sentence, else any later one in the sentence, else a short next sentence (``He
  said.``). With no cue, in order: "in Smith's words"; a colon after a speaker; the sentence's subject;
  the person asked in the sentence before (the words are the answer); the speaker of the sentence
  before's first, main cue, or its subject (but words that say "I" are not an organisation's); a person
  named just before the quotation in its paragraph; the previous quotation's speaker (news style for
  quote paragraphs, also across one paragraph that names no one); the one person the sentence before
  names; the one person the paragraph before names (a quotation in a paragraph of its own); the one
  person the headline names over a body that names no one first. In the headline, the speaker is
  whoever says the same words in the body, or else the headline's first name.
* **Named later**: a speaker first described with "a" and a role ("A California college") whom the
  next sentences name with the same noun ("Orange Coast College"), or described by a role alone ("the
  Army's chief of staff") whom they name with a title sharing a word ("Army Gen. Raymond T. Odierno"),
  is that named source.
* **Not someone's words**: titles of works (every main word capitalised, or after "film", "book",
  "titled", "called" ...), nicknames (between a first name and a surname inside one sentence, or after
  "known as", "nicknamed", "dubbed") and scare quotes (after "so-called", or a short quotation with no
  speaker).
* **Via**: a news outlet that heard the words (``told RIA Novosti``, ``in an interview with``,
  ``quoted by``), or "according to X" when the sentence names another speaker.

Every quotation carries a ``rationale``: the rule that found its speaker, in words a student can check.
The small words these rules read are in ``data/lexicons/clause_words.csv``.

>>> from medialit.article import parse_article
>>> a = parse_article("Head\\n\\n“We will respond,” Ryabkov told RIA Novosti.")
>>> r = attribute(a)
>>> [(q.text, q.speaker, q.cue, q.via) for q in r.quotes]
[('We will respond,', 'Ryabkov', 'told', 'RIA Novosti')]
>>> for part in r.quotes[0].rationale.split("; "):
...     print(part)
The reporting verb “told” comes right after the quotation
its speaker is the name or role just before the verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from . import lexicons
from .quotes import Problem, QuoteSpan, find_quotes, mask_quotes
from .sources import (
    NAME_WORDS,
    Mention,
    NounPhrase,
    ReadText,
    Registry,
    Source,
    _bare,
    _is_cap,
    _is_name_word,
    _is_particle,
    _is_title,
    classify,
    gender_words,
    name_words_at_end,
    parse_np,
    pronouns,
    source_words,
    title_words,
    words_between,
)

if TYPE_CHECKING:
    from .article import Article

__all__ = ["AttributedQuote", "Attribution", "Cue", "Excluded", "Result", "attribute", "find_cues"]

#: The classes of ``data/lexicons/clause_words.csv``, read on first use.
CLAUSE_WORDS = lexicons.WordClasses(
    "clause_words",
    helpers="helper",
    noun_markers="noun marker",
    passive="passive helper",
    subject_words="subject word",
    noun_like="also a noun",
    openers="clause opener",
    ends_subject="ends a subject",
    ends_name="ends a name",
    links="linking word",
    counts="count word",
    small_title="small title word",
    time_nouns="time noun",
    work_words="work word",
    label_words="label word",
    conduits="conduit",
    conduit_nouns="conduit noun",
    places="place preposition",
    new_person="new person",
)


@cache
def _phrases(word_class: str, suffix: str = r"\s*$") -> re.Pattern[str]:
    """One pattern for every phrase of a clause-word class, ending where ``suffix`` says."""
    words = sorted(getattr(CLAUSE_WORDS, word_class), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")" + suffix, re.IGNORECASE)


@cache
def _via_pattern() -> re.Pattern[str]:
    """ "told", "quoted by", "in an interview with": the words before the outlet that heard a quotation."""
    nouns = "|".join(sorted(CLAUSE_WORDS.conduit_nouns))
    phrases = "|".join(re.escape(w) for w in sorted(CLAUSE_WORDS.conduits, key=len, reverse=True))
    return re.compile(rf"\b(?:in an? (?:{nouns}) (?:with|to|on|published by)|{phrases})\s+")


@dataclass(frozen=True)
class Cue:
    """One reporting verb (or "according to") outside quotation marks."""

    paragraph: int
    start: int
    end: int
    form: str
    lemma: str
    tense: str
    connotation: str


@dataclass
class Attribution:
    """A cue with its resolved speaker."""

    paragraph: int
    source: str
    cue: str
    connotation: str
    mode: str
    start: int
    listener: str | None = None


@dataclass
class AttributedQuote:
    """A quotation with its speaker (None when no rule finds one), cue, conduit and the rule used."""

    span: QuoteSpan
    speaker: str | None
    cue: str | None
    via: str | None
    kind: str
    rationale: str = ""

    @property
    def text(self) -> str:
        """The words between the marks."""
        return self.span.text

    @property
    def paragraph(self) -> int:
        """The paragraph the quoted words stand in."""
        return self.span.paragraph


@dataclass(frozen=True)
class Excluded:
    """Words between quotation marks that the rules decided are not someone's words, and why."""

    paragraph: int
    text: str
    reason: str


@dataclass
class Result:
    """Everything the attribution rules found in one article."""

    quotes: list[AttributedQuote]
    attributions: list[Attribution]
    excluded: list[Excluded]
    problems: list[Problem]
    registry: Registry
    cues: list[Cue] = field(default_factory=list)
    masked: str = ""


# ---------------------------------------------------------------- cues


@cache
def _cue_table() -> tuple[dict[str, dict[str, str]], dict[str, list[tuple[re.Pattern[str], dict[str, str]]]]]:
    """Single-word forms -> row, and first word of a multi-word form -> [(pattern, row)]."""
    single: dict[str, dict[str, str]] = {}
    multi: dict[str, list[tuple[re.Pattern[str], dict[str, str]]]] = {}
    for row in lexicons.rows("reporting_verbs"):
        words = row["form"].split()
        if len(words) == 1:
            single[row["form"]] = row
        else:
            pattern = re.compile(r"\s+".join(map(re.escape, words)) + r"(?![\w’'-])", re.IGNORECASE)
            multi.setdefault(words[0], []).append((pattern, row))
    return single, multi


_PREVIOUS_WORDS = re.compile(r"[\w’']+|§")
_NOUN_AFTER = ("that", "the ", "he ", "she ", "it ", "they ", "we ")  # "reports that", "states the"


@cache
def _cue_firsts() -> frozenset[str]:
    """The words a reporting verb can start with (one-word forms and the first words of longer ones)."""
    single, multi = _cue_table()
    return frozenset(single) | frozenset(multi)


def _cue_row(masked: str, low: str, start: int, end: int, b: int) -> tuple[dict[str, str] | None, int]:
    """The lexicon row of the reporting verb whose first word ``low`` is at ``masked[start:end]``
    (multi-word forms first)."""
    single, multi = _cue_table()
    for pattern, row in multi.get(low, ()):
        hit = pattern.match(masked, start, b)
        if hit:
            return row, hit.end()
    found = single.get(low)
    if found is None or (end < b and (masked[end].isalnum() or masked[end] in "’'-")):
        return None, end
    return found, end


def _used_as_verb(masked: str, row: dict[str, str], a: int, start: int, end: int) -> bool:
    """Is the form at ``masked[start:end]`` a verb here? Not after a determiner or a possessive ("a
    warning", "Russia's demands"), not passive ("was accused"), and a form that is also a noun ("state",
    "reports") only after a subject-like word or before "that"."""
    if row["form"] == "according to":
        return True
    words = _PREVIOUS_WORDS.findall(masked[max(a, start - 30) : start])
    prev_raw = words[-1] if words else ""
    prev = prev_raw.lower()
    if prev in NAME_WORDS.determiners or prev in CLAUSE_WORDS.noun_markers or prev.endswith(("’s", "'s")):
        return False
    if row["tense"] in ("past", "participle") and prev in CLAUSE_WORDS.passive:
        return False
    if row["tense"] in ("base", "3sg") and prev == "to" and row["lemma"] in ("state", "report"):
        return False
    if row["form"] not in CLAUSE_WORDS.noun_like or (prev_raw == "§" and row["tense"] == "3sg"):
        return (
            True  # right after a quotation ("“…” comments Ikbek Tafi") a form that is also a noun is a verb
        )
    subject_word = (
        prev in CLAUSE_WORDS.subject_words
        or _bare(prev) in source_words()
        or (prev_raw[:1].isupper() and not prev.endswith(("ish", "ian", "an", "ese", "ic")))
    )
    return subject_word or masked[end : end + 8].lstrip().lower().startswith(_NOUN_AFTER)


def find_cues(article: Article, masked: str) -> list[Cue]:
    """Every reporting cue in the article's text outside quotations (``masked`` from ``mask_quotes``).

    >>> from medialit.article import parse_article
    >>> from medialit.quotes import find_quotes, mask_quotes
    >>> a = parse_article("Head\\n\\nRussia's demands were clear, he said, “we say no”.")
    >>> [c.form for c in find_cues(a, mask_quotes(a, find_quotes(a).quotes))]
    ['said']
    """
    cues = []
    firsts = _cue_firsts()
    for number, (a, b) in enumerate(article.paragraph_spans):
        for word, start, word_end in words_between(masked, a, b):
            low = word.lower()
            if low not in firsts:
                continue
            if start > a and (masked[start - 1].isalnum() or masked[start - 1] in "’'-"):
                continue
            row, end = _cue_row(masked, low, start, word_end, b)
            if row is None:
                continue
            if word[0].isupper() and row["form"] != "according to" and number != 0:
                continue  # "Says" in a name or title; only the headline capitalises verbs
            if _used_as_verb(masked, row, a, start, end):
                cues.append(
                    Cue(number, start, end, row["form"], row["lemma"], row["tense"], row["connotation"])
                )
    return cues


# ---------------------------------------------------------------- noun phrases around a cue


def _tokens(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """The words of ``text[a:b]`` (see :func:`medialit.sources.tokens`)."""
    return words_between(text, a, b)


@lru_cache(maxsize=16384)
def _could_name(tok: str) -> bool:
    """Could this word name a source (a name, a pronoun, a source word such as "ministry")?"""
    return _is_name_word(tok) or tok.lower() in pronouns() or _bare(tok).lower() in source_words()


_AGE_WORD = re.compile(r"(?:\d+-)?(?:year|month|week)s?-old")
_DESCRIPTION_TAIL = frozenset(["of", "in", "from", "at"])


@lru_cache(maxsize=16384)
def _np_word(tok: str) -> bool:
    """Can this word be part of a source's noun phrase?"""
    low = tok.lower()
    if tok.startswith("§") or tok in ",;:()—–":
        return False
    if _is_cap(tok) and low not in NAME_WORDS.not_names:
        return True
    if (
        low in NAME_WORDS.determiners - {"that", "this", "these", "those"}
        or low == "and"
        or _is_particle(low)
    ):
        return True
    if low in CLAUSE_WORDS.counts or _AGE_WORD.fullmatch(low):
        return True  # "the 52-year-old farmer": an age describes the person
    bare = _bare(tok).lower()
    return bare in NAME_WORDS.modifiers or bare in source_words() or bare.upper() == tok  # acronyms


def _np_backward(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """The noun phrase that ends the token list (None if the list does not end with one)."""
    if not toks:
        return None
    last = toks[-1][0].lower()
    if last in pronouns() and pronouns()[last]["case"] == "subject":
        return parse_np([toks[-1]])
    k = len(toks)
    while k > 0 and _np_word(toks[k - 1][0]):
        k -= 1
    chunk = toks[k:]
    # an "and" at the left edge or a particle at the edge belongs to the clause, not the phrase
    while chunk and (chunk[0][0].lower() == "and" or _is_particle(chunk[0][0].lower())):
        chunk = chunk[1:]
    chunk = _cut_affiliation(chunk)
    return parse_np(chunk) if chunk else None


def _cut_affiliation(chunk: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "Lisa Wong of Stanford University" -> "Lisa Wong", "Smith of the BBC" -> "Smith"; keeps "Secretary
    of State Antony Blinken" and one name that "of" continues ("Church of Scientology")."""
    for i, tok in enumerate(chunk):
        if tok[0] == "of" and 0 < i < len(chunk) - 1:
            before = _bare(chunk[i - 1][0]).lower()
            # "Jordan of Fayetteville": one name word, then a place
            full_name = (i >= 2 and _is_name_word(chunk[i - 2][0])) or (
                i == 1 and all(_is_name_word(t[0]) for t in chunk[i + 1 :])
            )
            if (
                _is_cap(chunk[i - 1][0])
                and before not in source_words()
                and before not in NAME_WORDS.org_words
                and (full_name or chunk[i + 1][0].lower() == "the")
            ):
                return chunk[:i]
    return chunk


def _np_forward(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """The noun phrase that starts the token list."""
    if not toks:
        return None
    if toks[0][0].lower() in pronouns():
        return parse_np([toks[0]])
    k = 0
    while k < len(toks) and _np_word(toks[k][0]):
        k += 1
    if k == 1 and toks[0][0].lower() in _DETERMINERS:
        # "the flight controller", "a hospital worker": one or two plain nouns before a person noun
        j = k
        while (
            j < min(len(toks), k + 2)
            and toks[j][0].isalpha()
            and toks[j][0].islower()
            and not _person_role(toks[j][0])
        ):
            j += 1
        if k < j < len(toks) and toks[j][0].islower() and _person_role(toks[j][0]):
            k = j + 1
    chunk = _cut_affiliation(toks[:k])
    while chunk and (chunk[-1][0].lower() in ("and", "of") or chunk[-1][0].lower() in NAME_WORDS.determiners):
        chunk = chunk[:-1]
    np = parse_np(chunk) if chunk else None
    if np is None and len(chunk) > 2:
        # "the father of four", "the mother of two": a description whose "of" tail is not a name
        cut = next((i for i, t in enumerate(chunk) if i > 1 and t[0].lower() in _DESCRIPTION_TAIL), 0)
        if cut:
            head = parse_np(chunk[:cut])
            if head is not None and head.kind == "role":
                return head
    return np


def _phrase_end(toks: list[tuple[str, int, int]], limit: int = 8) -> int:
    """How many tokens, from the start, can belong to the name after a cue ("said Republican whip Roy
    Blunt on Monday": up to "Blunt")."""
    k = 0
    while k < len(toks) and k < limit and toks[k][0] not in ",;:()—–" and not toks[k][0].startswith("§"):
        word = toks[k][0]
        if word.islower() and (word in CLAUSE_WORDS.ends_name or word in CLAUSE_WORDS.helpers):
            break
        k += 1
    return k


_APPOSITION_GOES_ON = frozenset(["of", "for", "at", "in", "with", "from", "on", "to", "and", "who", "based"])


def _np_after(masked: str, start: int, end: int) -> tuple[NounPhrase | None, frozenset[str]]:
    """The noun phrase after a cue, and titles from a description after it (``said X, a spokesman``)."""
    toks = _tokens(masked, start, end)
    named = _name_then_role(toks) or _roles_then_name(toks)
    if named is not None:
        return named
    np = _np_forward(toks)
    k = _phrase_end(toks)
    if k and (np is None or (np.kind != "pronoun" and k > len([t for t in toks if t[2] <= np.end]))):
        longer = parse_np(_cut_affiliation(toks[:k]))
        if np is None and longer is not None and longer.kind == "name":
            return longer, frozenset()
        fuller = np is not None and longer is not None and longer.kind == "name"
        if fuller and longer.end > np.end and longer.head != np.head:  # type: ignore[union-attr]
            np = longer
    if np is None:
        return None, frozenset()
    rest = [t for t in toks if t[1] >= np.end]
    if np.kind == "role" and np.head in lexicons.words("clause_words", "document"):
        owner = _np_forward(rest[1:]) if rest and rest[0][0].lower() in ("from", "by", "of") else None
        if owner is not None and owner.kind in ("name", "role", "group"):
            return owner, frozenset()  # "said a statement from the company": the company's words
    if not rest or rest[0][0] != ",":
        return np, frozenset()
    more = _np_forward(rest[1:])
    after = [t[0] for t in rest[1:] if more is not None and t[1] >= more.end][:1]
    if after and after[0].islower() and after[0] not in _APPOSITION_GOES_ON:
        return (
            np,
            frozenset(),
        )  # "According to the Guardian, the survey asked": a new clause, not a description
    if more is not None and more.kind == "role" and np.kind == "name":
        return np, frozenset(more.titles | {more.head})
    if more is not None and more.kind == "name" and np.kind == "role":
        return more, frozenset(np.titles | {np.head})  # "said the group's leader, Omar Ali"
    return np, frozenset()


def _person_role(tok: str) -> bool:
    return source_words().get(_bare(tok).lower(), {}).get("kind") == "person"


def _name_then_role(toks: list[tuple[str, int, int]]) -> tuple[NounPhrase, frozenset[str]] | None:
    """ "said Lawrence Springborg head of the Liberal National Party": a person's name right after the
    verb, then a description of them whose comma the writer left out; the name speaks, not the party."""
    j = 0
    while j < len(toks) and _is_cap(toks[j][0]) and not _is_title(_bare(toks[j][0]).lower()):
        j += 1
    if not (2 <= j < len(toks) and toks[j][0].islower() and _person_role(toks[j][0])):
        return None
    if j + 1 < len(toks) and _is_cap(toks[j + 1][0]):
        return None  # "said Mt Coo-tha candidate Larrisa Waters": the role is a title before the name
    np = parse_np(toks[:j])
    if np is None or np.kind != "name" or _kind_of(np) != "person":
        return None
    return np, frozenset({_bare(toks[j][0]).lower()})


_ROLE_CHAIN_JOINS = frozenset(["and", "of", "for", "in", "at", "from", "the"])


def _roles_then_name(toks: list[tuple[str, int, int]]) -> tuple[NounPhrase, frozenset[str]] | None:
    """ "said environmental lawyer and Greens Senate candidate for Queensland Larissa Waters": a chain of
    roles and their places after the verb, up to the end of the sentence, ending with a person's name."""
    k = 0
    while k < len(toks) and toks[k][0] not in ",;:()—–" and not toks[k][0].startswith("§"):
        k += 1
    chain = toks[:k]
    if not 4 <= len(chain) <= 14 or (k < len(toks) and toks[k][0] != ","):
        return None
    first = chain[0][0]
    if not first.islower() or first in NAME_WORDS.determiners:
        return None  # "said the lawyer for John Smith": the lawyer speaks
    if not any(t[0].islower() and _person_role(t[0]) for t in chain):
        return None
    stops = (CLAUSE_WORDS.ends_name | CLAUSE_WORDS.helpers) - _ROLE_CHAIN_JOINS
    if not all(_is_cap(t[0]) or (t[0].isalpha() and t[0].islower() and t[0] not in stops) for t in chain):
        return None
    run = len(chain)
    while run > 0 and _is_cap(chain[run - 1][0]):
        run -= 1
    words = [t[0] for t in chain[run:]]
    if len(words) < 2:
        return None
    keep = min(len(words), name_words_at_end(words))
    if len(chain) > keep and chain[-keep - 1][0] in _ROLE_CHAIN_JOINS - {"and"}:
        return None  # "candidate for John Smith": the name is not the one who speaks
    np = parse_np(chain[len(chain) - keep :])
    if np is None or np.kind != "name" or _kind_of(np) != "person":
        return None
    return np, frozenset(_bare(t[0]).lower() for t in chain[:run] if _person_role(t[0]))


def _without_date(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The tokens without a date at their end ("on May 8, 2012", "May 9"): a month is no speaker."""
    k = len(toks)
    while k and toks[k - 1][0].isdigit():
        k -= 1
        if k >= 2 and toks[k - 1][0] == "," and toks[k - 2][0].isdigit():
            k -= 1
    if (
        k == len(toks)
        or not k
        or toks[k - 1][0].lower().rstrip(".") not in lexicons.words("time_words", "month")
    ):
        return toks
    k -= 1
    if k and toks[k - 1][0].lower() in ("on", "in", "of"):
        k -= 1
    return toks[:k]


def _skip_helpers(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop the words between a speaker and the verb: "has", "also", "on Tuesday", "last week", a date."""
    while toks:
        dated = _without_date(toks)
        if len(dated) < len(toks):
            toks = dated
            continue
        if toks[-1][0] == ")":  # "Smith (pictured) said": an aside in brackets
            opening = next((i for i in range(len(toks) - 1, -1, -1) if toks[i][0] == "("), None)
            if opening is not None:
                toks = toks[:opening]
                continue
        low = toks[-1][0].lower()
        adverb = low.endswith("ly") and len(low) > 4 and toks[-1][0].islower()  # "jokingly", "angrily"
        if not (
            adverb
            or low in CLAUSE_WORDS.helpers
            or low in lexicons.words("time_words", "weekday")
            or low in CLAUSE_WORDS.time_nouns
            or low in ("last", "this", "on", "next")
        ):
            break
        toks = toks[:-1]
    return toks


def _last_comma(toks: list[tuple[str, int, int]]) -> int:
    """The index just after the last comma in ``toks`` (0 when there is none)."""
    k = len(toks)
    while k > 0 and toks[k - 1][0] != ",":
        k -= 1
    return k


def _linked_subject(toks: list[tuple[str, int, int]]) -> tuple[bool, NounPhrase | None]:
    """ "X continued by saying", "X went on to say": (True, the phrase before the linking words and their
    verb), or (False, None) when the tokens do not end that way."""
    if toks[-1][0].lower() not in CLAUSE_WORDS.links or len(toks) < 2:
        return False, None
    k = len(toks) - 1
    while k > 0 and toks[k - 1][0].lower() in CLAUSE_WORDS.links:
        k -= 1
    if k > 0 and not _np_word(toks[k - 1][0]) and toks[k - 1][0].islower():
        return True, _np_backward(toks[: k - 1])
    return False, None


_HOME_WORDS = frozenset(["of", "from"])
_DETERMINERS = frozenset(["a", "an", "the", "his", "her", "its", "their"])


def _is_description(segment: list[tuple[str, int, int]], before: list[tuple[str, int, int]]) -> bool:
    """Is a comma-enclosed ``segment`` an age, a description or the state after a home town (``before``
    is what precedes its comma)? "22", "a teacher", "of San Antonio", "Texas" after ", of San Antonio" or
    after ", a doctor in Fayetteville"."""
    if not segment:
        return False
    first = segment[0][0]
    if first.isdigit() or first.islower() or first.lower() in _DETERMINERS:
        return True
    k = _last_comma(before)
    if not (k > 0 and len(segment) <= 2 and k < len(before)):
        return False
    return before[k][0] in _HOME_WORDS or _state_after_town(segment, before[k:])


def _state_after_town(segment: list[tuple[str, int, int]], before: list[tuple[str, int, int]]) -> bool:
    """Is ``segment`` ("Arkansas") the state or country after a town that ends ``before`` behind a place
    word ("a doctor in Fayetteville", "the mayor of Springfield")?"""
    if not (0 < len(segment) <= 2 and all(_is_cap(t[0]) for t in segment)):
        return False
    j = len(before)
    while j > 0 and _is_cap(before[j - 1][0]):
        j -= 1
    return 0 < j < len(before) and before[j - 1][0].lower() in CLAUSE_WORDS.places | _HOME_WORDS


def _name_before_descriptions(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """ "Spc. Jose Diaz, 22, of San Antonio, Texas": the person's name before a chain of comma-enclosed
    descriptions (an age, a home town and its state); None when something else stands there."""
    for _ in range(4):
        np = _np_backward(toks)
        if np is not None and np.kind in ("name", "pronoun"):
            return np if np.kind == "pronoun" or _kind_of(np) == "person" else None
        k = _last_comma(toks)
        if k == 0 or not _is_description(toks[k:], toks[: k - 1]):
            return None
        toks = toks[: k - 1]
    return None


def _subject_before_comma(body: list[tuple[str, int, int]]) -> tuple[NounPhrase | None, frozenset[str]]:
    """The speaker when a comma stands just before the cue (``body`` is what comes before that comma)."""
    body = _skip_helpers(body)
    k = _last_comma(body)
    segment = body[k:]
    if k > 0 and _is_description(segment, body[: k - 1]):
        # "Pape Amadou Diop, a student in Dakar, said": the name before the description
        before = body[: k - 1]
        home = _last_comma(before)
        home_state = segment[0][0][:1].isupper() and segment[0][0].lower() not in _DETERMINERS  # ", Texas,"
        name_np = None if home_state else _np_backward(before)
        if name_np is None:  # "Jose Diaz, 22, of San Antonio, Texas, said": a chain of descriptions
            name_np = _name_before_descriptions(before[: home - 1] if home_state else before)
        if name_np is not None and name_np.kind == "name":
            # "The U.S. Embassy in Kabul, in a statement, said": the place is not the speaker
            name_np = _speaker_before_place(before, name_np)
        if name_np is not None and name_np.kind in ("name", "pronoun"):
            return name_np, _role_of(segment)
    if k > 0 and _last_comma(body[: k - 1]) == 0 and _state_after_town(segment, body[: k - 1]):
        # "The mayor of Springfield, Illinois, said": the subject before the town, not the state
        return _plain_subject(body[: k - 1]), frozenset()
    np = _np_backward(body)
    if np is not None and np.kind == "role":
        # "Ryabkov, Russia's deputy minister, said": the name before the description
        if k > 0:
            name_np = _np_backward(body[: k - 1])
            if name_np is not None and name_np.kind == "name":
                return name_np, frozenset(np.titles | {np.head})
        return np, frozenset()
    if np is not None:
        # "Russia's deputy minister, Sergei Ryabkov, warned"
        near = k > 0 and body[k - 1][1] >= np.start - 3
        return np, _apposition_titles(body[: k - 1]) if near else frozenset()
    # "X, speaking in Geneva, said": the phrase before the inserted clause
    return (_np_backward(body[: k - 1]), frozenset()) if k > 0 else (None, frozenset())


def _subject_before(masked: str, sent_start: int, cue_start: int) -> tuple[NounPhrase | None, frozenset[str]]:
    """The noun phrase just before a cue, and any titles from a comma-enclosed description."""
    toks = _skip_helpers(_tokens(masked, sent_start, cue_start))
    if not toks:
        return None, frozenset()
    is_linked, linked = _linked_subject(toks)
    if is_linked:
        return linked, frozenset()
    if len(toks) >= 5 and [t[0].lower() for t in toks[-4:]] == [",", "one", "of", "whom"]:
        # "put out by firefighters, one of whom said": one person of that group
        group = _np_backward(toks[:-4])
        if group is not None and group.kind == "role":
            bare = group.text.split()[-1]
            text = f"one of the {bare}"
            return NounPhrase(
                text, toks[-3][1], toks[-1][2], "role", group.head, titles=group.titles
            ), frozenset()
    if len(toks) >= 3 and toks[-1][0].lower() == "who" and toks[-2][0] == ",":
        # "Smith, who said the vote was “rigged”, …": the person the relative clause describes
        return (
            _subject_before_comma(toks[:-2]) if toks[-3][0] == "," else (_np_backward(toks[:-2]), frozenset())
        )
    if toks[-1][0] == ",":
        return _subject_before_comma(toks[:-1])
    unclosed = _name_before_unclosed_description(toks)
    if unclosed is not None:
        return unclosed
    return _plain_subject(toks), frozenset()


def _name_before_unclosed_description(
    toks: list[tuple[str, int, int]],
) -> tuple[NounPhrase, frozenset[str]] | None:
    """ "Dave Hutcheson, a U.S. rescue worker says", "Conceding defeat, Rene Hidding, leader of the
    opposition in Tasmania said": a person's name opening its clause, then a description of a person whose
    closing comma the writer left out; the name speaks. Not "After meeting Smith, the minister said": there
    the name does not open the clause."""
    k = _last_comma(toks)
    if k < 2 or len(toks) - k > 12:
        return None
    segment = toks[k:]
    first = segment[0][0]
    if not (first in ("a", "an", "the") or (first.islower() and first in source_words())):
        return None
    if not any(_person_role(t[0]) for t in segment):
        return None
    np = _np_backward(toks[: k - 1])
    if np is None or np.kind != "name" or _kind_of(np) != "person":
        return None
    opens = next(i for i, t in enumerate(toks) if t[1] >= np.start)
    if opens > 0 and toks[opens - 1][0] != ",":
        return None
    return np, _role_of(segment)


def _plain_subject(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """The noun phrase ending ``toks`` with no comma before the cue: past a place it names ("the
    correspondent in Cairo"), else a role with an "of" phrase ("an organizer of the protests")."""
    np = _np_backward(toks)
    if np is not None and np.kind == "name" and "of" in np.titles | {np.head.split()[0]}:
        # "Mayor of London Sadiq Khan said", "Minister of Foreign Affairs Sergei Lavrov said": the
        # office's place ends where the name begins, and the name ends at the verb
        words = np.head.split()
        words = words[1:] if words[0] == "of" else words
        keep = name_words_at_end(words)
        name = " ".join(words[-keep:])
        if len(words) > keep and all(map(_is_cap, words)) and classify(name, np.titles) == "person":
            np = replace(np, head=name, titles=np.titles | {w.lower() for w in words[:-keep]})
    if np is not None and np.kind in ("name", "role"):
        np = _speaker_before_place(toks, np)
    return np if np is not None else _role_of_phrase(toks)


def _speaker_before_place(toks: list[tuple[str, int, int]], np: NounPhrase) -> NounPhrase:
    """ "The BBC's correspondent in Cairo says", "Doctors at the hospital in Fayetteville said": a place or
    an institution after a preposition ("in", "at", "from") is where the speaker is, not who speaks; the
    speaker is the noun phrase before the preposition."""
    while True:
        first = next((i for i, t in enumerate(toks) if t[1] >= np.start), len(toks))
        if first < 2 or toks[first - 1][0].lower() not in CLAUSE_WORDS.places:
            return np
        if _kind_of(np) == "person":
            return np
        before = _np_backward(toks[: first - 1])
        if before is None or before.kind not in ("name", "role", "group"):
            return np
        if _bare(before.head).lower() in lexicons.words("clause_words", "document"):
            return np  # "a statement from the White House said": the White House speaks through it
        if np.kind == "role" and _kind_of(before) not in ("person", "vague collective"):
            return np  # "the office of the hospital in …": only people stand before an institution
        if before.kind == "name" and before.head.split()[-1].lower() in _NAMED_WITH_CITY:
            # "the U.S. Embassy in Kabul": an embassy is named with its city
            return replace(
                before, text=f"{before.text} in {np.text}", head=f"{before.head} in {np.head}", end=np.end
            )
        np = before


# words that cannot stand inside one subject noun phrase after its first word: a second determiner or
# a preposition means a verb came before them ("One swings his bar at a protester")
_INNER_BREAKS = frozenset(["a", "an", "his", "her", "its", "their", "at", "to", "into", "with", "through"])
_SPOKEN_TO = re.compile(
    r"\s*(?:speaking|talking|in\s+an\s+interview)\s+(?:to|with)\b[^,.;§]{1,100},", re.IGNORECASE
)
_NOBODY = frozenset(["neither", "no", "none", "nobody", "nothing", "nor"])
_ANNOUNCEMENTS = frozenset(["statement", "release", "communique", "communiqué"])
_NAMED_WITH_CITY = frozenset(["embassy", "consulate", "consulate-general", "mission"])


def _kind_of(np: NounPhrase) -> str:
    """The kind of source a noun phrase names (person, government, institution, media, vague collective)."""
    if np.kind == "name":
        return classify(np.head, np.titles)
    if np.kind == "role":
        return source_words().get(np.head, {}).get("kind", "vague collective")
    return "vague collective"


def _apposition_titles(toks: list[tuple[str, int, int]]) -> frozenset[str]:
    np = _np_backward(toks)
    if np is not None and np.kind == "role":
        return frozenset(np.titles | {np.head})
    return frozenset()


def _role_of(segment: list[tuple[str, int, int]]) -> frozenset[str]:
    """Titles from a description such as "a student in Dakar" or "president of the commission"."""
    words = {_bare(t[0]).lower() for t in segment}
    return frozenset(w for w in words if w in source_words() or w in NAME_WORDS.modifiers)


def _role_of_phrase(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """ "An organizer of the demonstrations": a role noun with an "of" phrase, ending the tokens."""
    for k in range(len(toks) - 1, 0, -1):
        if toks[k][0].lower() == "of" and _bare(toks[k - 1][0]).lower() in source_words():
            start = k - 1
            if start > 0 and toks[start - 1][0].lower() in ("a", "an", "the"):
                start -= 1
            tail = toks[k + 1 :]
            if tail and len(tail) <= 4 and all(t[0].isalpha() for t in tail):
                phrase = " ".join(t[0] for t in toks[start:])
                role = _bare(toks[k - 1][0]).lower()
                return NounPhrase(phrase, toks[start][1], toks[-1][2], "role", role, titles=frozenset({"of"}))
            break
    return None


def _ends_subject(tok: str, k: int) -> bool:
    low = tok.lower()
    return (
        low in CLAUSE_WORDS.ends_subject
        or low in _cue_table()[0]
        or (
            k > 0
            and tok.islower()
            and (low.endswith("ed") or low in lexicons.words("time_words", "past verb"))
        )
    )  # "The second goal came from Leo Vance": "came" ends the subject


@cache
def _gender_word_pattern() -> re.Pattern[str]:
    """Any pronoun that states a gender ("he", "her", "himself")."""
    words = "|".join(sorted(gender_words(), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_JOINERS = frozenset(["but", "and", "yet", "so", "meanwhile", "however"])


def _possessive(toks: list[tuple[str, int, int]], k: int) -> bool:
    """Is the pronoun ``toks[k]`` ("her") a possessive ("her husband"), not an object ("with her.")?"""
    if k + 1 >= len(toks):
        return False
    nxt = toks[k + 1][0]
    return nxt[:1].isalpha() and nxt.lower() not in CLAUSE_WORDS.small_title


def _named_after_description(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """ "The leader of Zimbabwe's opposition Movement for Democratic Change, Morgan Tsvangirai, delivered":
    a long description of a person opening the sentence (a determiner and a person noun), then the person's
    name between commas: the name is the subject, not the organisation inside the description."""
    if len(toks) < 6 or toks[0][0].lower() not in ("the", "a", "an") or not _person_role(toks[1][0]):
        return None
    comma = next((i for i, t in enumerate(toks[:16]) if t[0] == ","), None)
    if comma is None or comma < 3:
        return None
    named = _np_forward(toks[comma + 1 :])
    if named is None or named.kind != "name" or _kind_of(named) != "person":
        return None
    after = [t[0] for t in toks[comma + 1 :] if t[1] >= named.end][:1]
    if after != [","]:
        return None
    titles = named.titles | _role_of(toks[1:comma])
    return NounPhrase(named.text, named.start, named.end, "name", named.head, titles=titles)


def _opening_phrase(toks: list[tuple[str, int, int]]) -> int:
    """Where the subject starts after a short opening phrase with no name in it ("Eager to look ahead,
    Hillary Clinton is …", "Conceding defeat, Rene Hidding said"): after its comma, when a name follows;
    else 0."""
    comma = next((i for i, t in enumerate(toks[:7]) if t[0] == ","), None)
    if comma is None or comma < 2 or comma + 2 >= len(toks):
        return 0
    if any(_is_cap(t[0]) for t in toks[1:comma]) or not all(t[0].isalpha() for t in toks[:comma]):
        return 0
    after = toks[comma + 1 : comma + 3]
    return comma + 1 if all(_is_name_word(t[0]) for t in after) else 0


def _sentence_subject(masked: str, start: int, end: int) -> NounPhrase | None:
    """The subject of the sentence at ``masked[start:end]``, skipping an opening clause ("In Geneva, ...")."""
    toks = _tokens(masked, start, min(end, start + 240))  # the subject is near the start
    dash = next((i for i, t in enumerate(toks[:8]) if t[0] in "—–"), None)
    if dash is not None and all(_is_cap(t[0]) or t[0] == "," for t in toks[:dash]):
        toks = toks[dash + 1 :]  # a dateline: "WASHINGTON, D.C. — The ministry ..."
    if toks and toks[0][0].lower() in _JOINERS and len(toks) > 1 and toks[1][0] != ",":
        toks = toks[1:]  # "But Nancy Sahli does.": a joining word, not an opening clause
    if toks and toks[0][0].lower() in CLAUSE_WORDS.openers:
        commas = [i for i, t in enumerate(toks) if t[0] == ","]
        if not commas:
            return None
        toks = toks[commas[0] + 1 :]
    else:
        toks = toks[_opening_phrase(toks) :]  # "Eager to look ahead, Hillary Clinton is …"
    while toks and (toks[0][0].startswith("§") or toks[0][0] in ",;:"):
        toks = toks[1:]
    if toks and toks[0][0].lower() in _JOINERS:
        toks = toks[1:]
    if not any(_could_name(t[0]) for t in toks[:8]):
        return None  # "The decision was made": no name, pronoun or source word to be a subject
    described = _named_after_description(toks)
    if described is not None:
        return described
    np = _np_forward(toks)
    if np is not None and np.kind == "role":  # "The commander, Col. John Smith, said": the named person
        rest = [t for t in toks if t[1] >= np.end]
        named = _np_forward(rest[1:]) if rest and rest[0][0] == "," else None
        after = [t[0] for t in rest if named is not None and t[1] >= named.end][:1]
        if named is not None and named.kind == "name" and after == [","]:
            titles = named.titles | np.titles | {np.head}
            return NounPhrase(named.text, named.start, named.end, "name", named.head, titles=titles)
    if np is not None and np.kind == "pronoun":
        return np
    # "American rock singer Meat Loaf has ...": the words up to the first verb-like word, read as titles
    # and a name (the last run of capitalised words)
    k = 0
    while k < len(toks) and toks[k][0] not in ",;:()—–" and not toks[k][0].startswith("§"):
        if _ends_subject(toks[k][0], k):
            break
        k += 1
    if 0 < k <= 8:
        longer = parse_np(_cut_affiliation(toks[:k]))
        if longer is not None and longer.kind == "name" and (np is None or len(longer.head) > len(np.head)):
            return longer
        if (
            np is None
            and longer is not None
            and longer.kind == "role"
            and not any(t[0].lower() in _INNER_BREAKS for t in toks[1:k])  # not "One swings his bar at a …"
        ):
            return longer  # "the site administrators thanked ...": a role noun after a plain word
    return np


# ---------------------------------------------------------------- from noun phrases to sources


def _lower_first(text: str) -> str:
    """ "The ministry" -> "the ministry" (a role noun phrase that started a sentence)."""
    if text[:1].isupper() and text.split()[0] in (
        "The",
        "A",
        "An",
        "Its",
        "His",
        "Her",
        "Their",
        "One",
        "Another",
    ):
        return text[0].lower() + text[1:]
    return text


def _person_forms(registry: Registry) -> dict[str, str]:
    """Every form that names a person of the registry (full name, other forms, a surname no one else
    has) -> the canonical name."""
    forms: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    for source in registry.sources.values():
        if source.kind != "person":
            continue
        for form in (source.name, *source.aliases):
            forms[form] = source.name
        surnames.setdefault(source.name.split()[-1], set()).add(source.name)
    for surname, names in surnames.items():
        if len(names) == 1:
            forms.setdefault(surname, next(iter(names)))
    return forms


def _mentions_of(forms: dict[str, str], words: list[tuple[str, int, int]]) -> list[Mention]:
    """Every place the words name a person by one of ``forms`` (full name, other form or surname)."""
    by_first: dict[str, list[tuple[list[str], str]]] = {}
    for form, name in sorted(forms.items(), key=lambda item: -len(item[0])):
        parts = form.split()
        by_first.setdefault(parts[0], []).append((parts, name))
    found = []
    k = 0
    while k < len(words):
        word = words[k][0]
        for parts, name in by_first.get(word[:-2] if word.endswith(("’s", "'s")) else word, ()):
            n = len(parts)
            inside = k + n <= len(words) and [w[0] for w in words[k : k + n - 1]] == parts[:-1]
            if inside and _bare(words[k + n - 1][0]) == parts[-1]:  # "Putin's" names Putin too
                found.append(Mention(words[k][1], name, False))
                k += n - 1
                break
        k += 1
    return found


@cache
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])(?:{alternation})(?![\w’'])")


class _Lazy:
    """A set of names worked out only when a pronoun needs it (most speakers are named)."""

    def __init__(self, make: Callable[[], frozenset[str]]) -> None:
        self._make = make
        self._value: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._value is None:
            self._value = self._make()
        return name in self._value


class _Resolver:
    """Turns noun phrases into canonical sources, remembering who was mentioned most recently."""

    def __init__(self, article: Article, masked: str) -> None:
        self.article = article
        self.masked = masked
        self.registry = Registry()
        self.registry.sentence_starts = [a for _p, _n, a, _b in article._sentence_spans] or [0]
        for a, b in article.paragraph_spans:
            self.registry.scan(masked, start=a, end=b)
        self.forms = _person_forms(self.registry)
        self.described: dict[int, str] = {}  # where "the farmer" stood -> the person it describes
        self.registry.mention_all(_mentions_of(self.forms, _tokens(masked, 0, len(masked))))

    def resolve(
        self,
        np: NounPhrase | None,
        at: int,
        extra_titles: frozenset[str] = frozenset(),
        exclude: Container[str] = frozenset(),
    ) -> Source | None:
        """The source a noun phrase at offset ``at`` stands for (registering it when new); a pronoun
        never stands for a source in ``exclude``."""
        if np is None:
            return None
        if np.kind == "pronoun":
            row = pronouns()[np.head]
            gender = row["gender"] if row["gender"] in ("male", "female") else None
            return self.registry.most_recent(at, row["refers_to"], gender=gender, exclude=exclude)
        if np.kind == "name":
            return self._name(np, at, np.titles | extra_titles)
        if np.kind == "group":
            return self._group(np)
        return self._role(np, at)

    def _fuller_name(self, head: str, before: int) -> str | None:
        """ "the Church" -> "the Church of Scientology" when the article used that fuller name earlier."""
        if not head.startswith("the ") or len(head.split()) != 2:
            return None
        word = re.escape(head.split()[1])
        pattern = re.compile(rf"\b{word}\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
        m = pattern.search(self.article.text, 0, before)
        return f"the {m.group()}" if m else None

    def _name(self, np: NounPhrase, at: int, titles: frozenset[str]) -> Source:
        reg = self.registry
        source = reg.resolve_name(np.head) or reg.resolve_other_form(np.head)
        if source is None:
            fuller = self._fuller_name(np.head, at)
            if fuller is not None:
                source = reg.resolve_name(fuller) or reg.add(fuller, classify(fuller, titles), titles)
            else:
                source = reg.add(np.head, classify(np.head, titles), titles)
        else:
            reg.add_titles(source, titles)
            full = np.head if np.head.startswith("the ") or np.head[:1].isupper() else None
            if full is not None and source.kind != "person" and len(full) > len(source.name) and " " in full:
                reg.rename(source, full)  # "the U.N." named in full later: "the United Nations"
        reg.alias(source, np.head)
        return source

    def _group(self, np: NounPhrase) -> Source:
        kinds = {
            classify(p.head, p.titles)
            if p.kind == "name"
            else source_words().get(p.head, {}).get("kind", "vague collective")
            for p in np.parts
        }
        kind = kinds.pop() if len(kinds) == 1 else "vague collective"
        for part in np.parts:  # "Senators Barack Obama and Hillary Clinton": each of them is a person too
            if part.kind == "name" and classify(part.head, part.titles) == "person":
                words = part.head.split()
                while len(words) > 2 and (
                    words[0].lower() in title_words() or words[0].lower()[:-1] in title_words()
                ):
                    words = words[1:]  # "Senators Barack Obama": the title is not part of the name
                part = replace(part, head=" ".join(words))
                name = self._name(part, part.start, part.titles).name
                self.registry.mention(part.start, name, subject=False)
        return self.registry.add(
            _lower_first(np.text) if np.text.startswith("The ") else np.text, kind, number="plural"
        )

    def _described(self, np: NounPhrase, row: dict[str, str]) -> Source | None:
        """ "Yin Pong lost his crops. “…,” said the father of four.": "the" and a person noun that is not an
        office ("farmer", "father", not "president") describe the most recent person named before it, as
        "he" would; a noun that brings in someone new ("the man", "the victim") does not."""
        if row.get("kind") != "person" or row.get("title") != "no" or np.head in CLAUSE_WORDS.new_person:
            return None
        gender = row.get("gender") if row.get("gender") in ("male", "female") else None
        found = self.registry.most_recent(np.start, "person", gender=gender)
        if found is not None:
            self.described[np.start] = found.name
        return found

    def _role(self, np: NounPhrase, at: int) -> Source:
        """ "the ministry", "the Russian president": an earlier source with that role, else a new one."""
        row = source_words().get(np.head, {})
        role_kind = row.get("kind", "vague collective")
        if classify(np.text) == "media":  # "Yonhap news agency", "state television"
            role_kind = "media"
        number = row.get("number", "singular")
        if np.text.lower().startswith("one of ") and number == "plural" and role_kind != "media":
            # "One of four other policemen …": one person of the group, someone new
            return self.registry.add(_lower_first(np.text), "person", titles=set(np.titles) | {np.head})
        want = "person" if role_kind == "person" else ("group" if number == "plural" else "organisation")
        modifiers = NAME_WORDS.modifiers
        mods = frozenset(m for m in np.titles if m not in modifiers or m == "russian")
        nationality = frozenset(m for m in np.titles if m[:1].isalpha() and m not in modifiers)
        first = np.text.split()[0].lower()
        if first in ("the", "this") or want == "person":
            found = self.registry.most_recent(at, want, role=np.head, modifiers=nationality or mods)
            if found is None and first == "the":
                found = self._described(np, row)
            if found is not None and (want != "person" or first == "the"):
                self.registry.alias(found, _lower_first(np.text) if np.text.startswith("The ") else np.text)
                return found
        return self.registry.add(
            _lower_first(np.text), role_kind, titles=set(np.titles) | {np.head}, number=number
        )


# ---------------------------------------------------------------- words that are not speech


def _is_title_case(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) < 2:
        return False
    main = [w for w in words if w.lower() not in CLAUSE_WORDS.small_title]
    return bool(main) and all(w[0].isupper() for w in main) and not re.search(r"[.?!,;]\s*$", text)


def _between_names(before: str, after: str, q: QuoteSpan) -> bool:
    """ "Dwayne “The Rock” Johnson": a short quotation between a first name and a surname (inside one
    sentence: "… across Missouri. “It's my job,” Maguire said." opens a new sentence)."""
    if before.rstrip().endswith((".", "?", "!", ":", ";")):
        return False
    prev_word = re.findall(r"[\w’'-]+", before)
    next_word = re.findall(r"^\s+([\w’'-]+)", after)
    return bool(
        prev_word
        and _is_cap(prev_word[-1])
        and prev_word[-1].lower() not in NAME_WORDS.not_names
        and next_word
        and _is_cap(next_word[0])
        and len(q.text.split()) <= 3
        and before.endswith(" ")
    )


def _not_speech(article: Article, q: QuoteSpan) -> str | None:
    """Why the quoted words are not someone's words (a title, a nickname, a label), or None."""
    text = article.text
    pa, _ = article.paragraph_spans[q.paragraph]
    before = text[max(pa, q.open_at - 40) : q.open_at]
    if _phrases("work_words", r"\s*,?\s*$").search(before):
        return "title of a work (after a word such as 'film', 'book' or 'titled')"
    if _phrases("label_words").search(before):
        if re.search(r"so-called\s*$", before, re.IGNORECASE):
            return "scare quote (after 'so-called')"
        return "nickname or label (after 'known as', 'dubbed', 'called' ...)"
    if not _is_heading(article, q.paragraph) and _between_names(
        before, text[q.outer_end : q.outer_end + 30], q
    ):
        return "nickname (between a first name and a surname)"
    heading = _is_heading(article, q.paragraph)  # a heading capitalises every word anyway
    if not heading and _is_title_case(q.text) and not q.text.rstrip().endswith((".", "?", "!", ",")):
        return "title of a work or a name (every main word capitalised)"
    words = q.text.split()
    starts_sentence = not before.strip() or before.rstrip()[-1:] in ".?!:;—–"
    # a heading capitalises every word: there the word is a name unless the body writes it in lower case
    ordinary = (
        heading and re.search(rf"\b{re.escape(words[0].lower())}\b", text) is not None if words else False
    )
    if len(words) == 1 and _is_cap(words[0]) and words[0].isalpha() and not starts_sentence and not ordinary:
        return "a name in quotation marks (one capitalised word inside a sentence)"
    return None


# ---------------------------------------------------------------- reading an article


@dataclass
class _Sentence:
    paragraph: int
    start: int
    end: int


@dataclass
class _Speaker:
    """The speaker found for one cue, who heard it (``told X``), and how it was found."""

    source: Source | None
    listener: str | None
    how: str


@dataclass
class _Choice:
    """The cue chosen for a quotation, and where it stands."""

    cue: Cue | None
    where: str = ""
    adjacent: bool = False  # the cue follows the quotation closely ("“…,” he said")


_SAID_PRONOUN = re.compile(r"\s+(?:that\s+)?(he|she)\b", re.IGNORECASE)
#: "…'unrealistic', but the government insists": a verb after one of these starts another clause
_WORDS_OF = re.compile(
    r"\bin\s+(?:the\s+words\s+of\s+(?P<who>[^,;§]{2,60}?)|(?P<who2>[^,;§]{2,60}?['’]s?)\s+(?:own\s+)?words)\s*,?\s*:?$",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"(?i)(?:at\s+least\s+|more\s+than\s+|about\s+|nearly\s+)?(?:\d|hundreds\b|thousands\b|dozens\b|millions\b)"
)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b|\bI['’](?:m|ve|d|ll)\b")
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:but|while|whereas|although|though|yet)\b|;", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s*")
_QUOTED_AS = re.compile(r"\bquoted\s+([^§,;:]{1,80}?)\s+as$|\b(?:was|were|is|are|been)\s+quoted\s+as$")
_DASH_NAME = re.compile(r"\s*,?\s*[—–-]\s*([^\W\d_][\w’'. -]{1,60}?)\s*[.]?\s*$")
_PRONOUN_HOW = "“{word}” stands for the most recent {kind} named before it"


class _Reading:
    """One article read for attribution: its masked text, sentences, cues and sources."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.scan = find_quotes(article)
        self.masked = ReadText(mask_quotes(article, self.scan.quotes))
        self.cues = find_cues(article, self.masked)
        self.resolver = _Resolver(article, self.masked)
        self.registry = self.resolver.registry
        self.sentences = [_Sentence(p, a, b) for p, _n, a, b in article._sentence_spans]
        self._starts = [s.start for s in self.sentences]
        self._quote_opens = [q.open_at for q in self.scan.quotes]
        self._cue_starts = [c.start for c in self.cues]
        self.speakers: dict[int, _Speaker] = {}  # cue start -> its speaker
        self.cue_mode: dict[int, str] = {}  # cue start -> "direct quote" / "partial quote"

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def resolve(
        self,
        np: NounPhrase | None,
        at: int,
        titles: frozenset[str] = frozenset(),
        exclude: Container[str] = frozenset(),
    ) -> Source | None:
        return self.resolver.resolve(np, at, titles, exclude)

    def cues_between(self, a: int, b: int) -> list[Cue]:
        """The cues that start at ``a`` or later and before ``b``, in text order."""
        return self.cues[bisect_left(self._cue_starts, a) : bisect_left(self._cue_starts, b)]

    def quotes_in(self, sent: _Sentence) -> list[QuoteSpan]:
        """The quotations that overlap a sentence."""
        quotes = self.scan.quotes
        k = bisect_left(self._quote_opens, sent.end)
        found = []
        while k > 0 and quotes[k - 1].outer_end > sent.start - 2000:  # no quotation runs on that long
            k -= 1
            if quotes[k].outer_end > sent.start:
                found.append(quotes[k])
        return found[::-1]

    def named_in_quotes(self, sent: _Sentence) -> frozenset[str]:
        """The people whose names stand inside the sentence's quotations: "he said" is not one of them."""
        forms = self.resolver.forms
        if not forms:
            return frozenset()
        pattern = _forms_pattern(tuple(forms))
        text = self.article.text
        return frozenset(
            forms[m.group()] for q in self.quotes_in(sent) for m in pattern.finditer(text, q.start, q.end)
        )

    def _listeners(self, sent: _Sentence, until: int) -> frozenset[str]:
        """ "Speaking with reporter Peter Clottey, he said": the people an opening phrase names as the ones
        spoken to; "he" is not one of them."""
        opening = _SPOKEN_TO.match(self.masked, sent.start, until)
        forms = self.resolver.forms
        if opening is None or not forms:
            return frozenset()
        found = _forms_pattern(tuple(forms)).finditer(self.masked, opening.start(), opening.end())
        return frozenset(forms[m.group()] for m in found)

    # ---- 1. the speaker of every cue, sentence by sentence (so "he" means the most recent person so far)

    def find_speakers(self) -> None:
        by_sentence: dict[int, list[Cue]] = {}
        for cue in self.cues:
            by_sentence.setdefault(self.sentence_at(cue.start), []).append(cue)
        for index, sent in enumerate(self.sentences):
            subject, subject_source = self._subject(sent)
            if subject is not None and subject_source is not None and subject_source.kind == "person":
                self._gender_from_sentence(subject, subject_source, sent)
            previous: Source | None = None
            for cue in by_sentence.get(index, []):
                found = self._cue_speaker(cue, sent, subject, subject_source, previous)
                if found.source is not None:
                    if sent.paragraph != 0:
                        self.registry.mention(cue.start, found.source.name)
                        self.registry.spoke.setdefault(id(found.source), []).append(cue.start)
                    previous = found.source
                    said_pronoun = _SAID_PRONOUN.match(self.masked, cue.end, sent.end)
                    if said_pronoun:
                        self.registry.note_gender(found.source, said_pronoun.group(1))
                self.speakers[cue.start] = found

    def _gender_from_sentence(self, subject: NounPhrase, source: Source, sent: _Sentence) -> None:
        """ "Pat Moseley lit the menorah without her husband": "her" later in a sentence whose subject is a
        person, with no other person named in between, states that person's gender."""
        if source.gender is not None or source.pronoun_gender is not None:
            return
        if not _gender_word_pattern().search(self.masked, subject.end, sent.end):
            return  # most sentences have no "he", "her" or "himself" after their subject
        genders = gender_words()
        toks = _tokens(self.masked, subject.end, sent.end)
        for k, (word, _a, _b) in enumerate(toks):
            low = word.lower()
            if low in genders:
                if pronouns().get(low, {}).get("case") == "object" and not _possessive(toks, k):
                    continue  # "Park agreed with her": an object is someone else, never the subject
                self.registry.note_gender(source, low, weak=True)
                return
            bare = _bare(word).lower()
            if source_words().get(bare, {}).get("kind") == "person" or (
                _is_name_word(word) and classify(_bare(word)) == "person"
            ):
                return  # another person stands between: the pronoun may be theirs
            known = self.registry.resolve_name(_bare(word)) if _is_cap(word) else None
            if known is not None and known is not source and known.kind == "person":
                return

    def _subject(self, sent: _Sentence) -> tuple[NounPhrase | None, Source | None]:
        """The sentence's subject, and its source when it is a known name, a person or a group."""
        subject = _sentence_subject(self.masked, sent.start, sent.end)
        if subject is None or subject.text.split()[0].lower() in _NOBODY:
            return None, None  # "neither candidate was about to …": nobody to refer back to
        if subject.kind == "pronoun":  # "He recalled ...": whoever "he" is was this sentence's subject
            meant = self.resolve(subject, subject.start)
            if meant is not None and sent.paragraph != 0:
                self.registry.mention(subject.start, meant.name)
            return subject, None
        known = self.registry.resolve_name(subject.head) if subject.kind == "name" else None
        person = subject.kind == "name" and classify(subject.head, subject.titles) == "person"
        role_person = subject.kind == "role" and (
            source_words().get(subject.head, {}).get("kind") == "person"
            or subject.text.lower().startswith("one of ")  # "One of four other policemen …"
        )
        if not (known is not None or person or role_person or subject.kind == "group"):
            return subject, None
        source = self.resolve(subject, subject.start)
        if source is not None and sent.paragraph != 0:  # the headline is not running text
            self.registry.mention(subject.start, source.name)
        return subject, source

    def _cue_speaker(
        self,
        cue: Cue,
        sent: _Sentence,
        subject: NounPhrase | None,
        subject_source: Source | None,
        previous: Source | None,
    ) -> _Speaker:
        """The speaker of one cue, by the rules in the module's docstring, in order."""
        masked = self.masked
        if cue.lemma == "according to":
            named, titles = _np_after(masked, cue.end, sent.end)
            how = self._how(named, "the source named after it")
            return _Speaker(self.resolve(named, cue.start, titles), None, how)
        left = masked[sent.start : cue.start].rstrip()
        speaker: Source | None = None
        how = ""
        np: NounPhrase | None = None
        exclude = _Lazy(lambda: self.named_in_quotes(sent) | self._listeners(sent, cue.start))
        quoted_as = _QUOTED_AS.search(left) if cue.tense == "ing" else None
        if quoted_as:  # "state television quoted Kim as saying", "Kim was quoted as saying"
            if quoted_as.group(1):
                np = _np_forward(
                    _tokens(masked, sent.start + quoted_as.start(1), sent.start + quoted_as.end(1))
                )
                return _Speaker(self.resolve(np, cue.start), None, "the person quoted “as saying” the words")
            if subject_source is None and subject is not None and subject.kind == "name":
                subject_source = self.resolve(subject, subject.start)
            return _Speaker(subject_source, None, "the sentence's subject, quoted “as saying” the words")
        if cue.tense == "ing" and left.endswith((",", " and")):
            speaker = previous or subject_source
            if speaker is None and subject is not None and subject.kind in ("name", "pronoun"):
                np = (
                    subject  # "Park thanked them, saying …": a subject named by one word is still its speaker
                )
                speaker = self.resolve(subject, subject.start, exclude=exclude)
            how = "an -ing verb after a comma belongs to the sentence's earlier speaker or subject"
        elif (cue.tense != "ing" and (not left or left.endswith("§"))) or (
            cue.tense in ("past", "3sg") and re.search(r"§\s*,\s*$", left)
        ):
            np, titles = _np_after(masked, cue.end, sent.end)
            speaker = self.resolve(np, cue.start, titles, exclude)
            how = "the name or role right after the verb"
        if speaker is None and (cue.tense != "ing" or not left.endswith(",")):
            np, titles = _subject_before(masked, sent.start, cue.start)
            speaker = self.resolve(np, cue.start, titles, exclude)
            how = "the name or role just before the verb"
        if speaker is None and cue.tense != "ing" and subject is not None:
            # "He tried to sing, but instead said …": the sentence's subject
            np = subject
            speaker = subject_source or (
                self.resolve(subject, subject.start, exclude=exclude) if subject.kind == "pronoun" else None
            )
            how = "the sentence's subject"
        if np is not None and np.kind == "role" and speaker is not None:
            owner = self._document_owner(np, sent)
            if owner is not None:
                speaker, how = owner, f"whoever issued {_lower_first(np.text)}, named in an earlier sentence"
        listener = None
        if cue.lemma == "tell" and speaker is not None:
            lnp, _ = _np_after(masked, cue.end, sent.end)
            if lnp is not None and lnp.kind in ("name", "role"):
                listener = lnp.head if lnp.kind == "name" else _lower_first(lnp.text)
        how = self._how(np, how)
        if np is not None and np.kind == "role" and self.resolver.described.get(np.start) is not None:
            words = " ".join(self.masked[np.start : np.end].split())
            how += f" (“{_lower_first(words)}” describes the most recent person named before it)"
        return _Speaker(speaker, listener, how)

    def _document_owner(self, np: NounPhrase, sent: _Sentence) -> Source | None:
        """ "the statement said", after "In a statement, Cole said": the one who issued the document, when
        one of the three sentences before names a speaker beside the same document noun."""
        first = np.text.split()[0].lower()
        if np.head not in lexicons.words("clause_words", "document") or first not in ("the", "this", "that"):
            return None
        # "a media release …. the statement said": statements, releases and communiqués are one kind of text
        same = _ANNOUNCEMENTS if np.head in _ANNOUNCEMENTS else {np.head}
        nouns = "|".join(map(re.escape, sorted(same)))
        noun = re.compile(rf"\b(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?(?:{nouns})\b", re.I)
        index = self.sentence_at(sent.start)
        for earlier in reversed(self.sentences[max(0, index - 3) : index]):
            if not noun.search(self.masked, earlier.start, earlier.end):
                continue
            documents = lexicons.words("clause_words", "document")
            for c in reversed(self.cues_between(earlier.start, earlier.end)):
                source = self.speakers[c.start].source if c.start in self.speakers else None
                if source is None or source.name.lower() == np.text.lower():
                    continue
                if _bare(source.name.split()[-1]).lower() not in documents:
                    return source
        return None

    @staticmethod
    def _how(np: NounPhrase | None, how: str) -> str:
        if np is not None and np.kind == "pronoun":
            kind = pronouns()[np.head]["refers_to"]
            return f"{how} ({_PRONOUN_HOW.format(word=np.text, kind=kind)})"
        return how

    # ---- 2. the speaker of every quotation

    def _choose_cue(self, q: QuoteSpan) -> _Choice:
        """A quotation's cue: right after it, else the nearest before it in its sentence, else later in
        the sentence, else early in the next sentence of the paragraph ("He said.")."""
        masked = self.masked
        s_open, s_close = self.sentence_at(q.open_at), self.sentence_at(max(q.open_at, q.outer_end - 1))
        sent_a, sent_b = self.sentences[s_open], self.sentences[s_close]
        in_sentence = [c for c in self.cues_between(sent_a.start, sent_b.end) if c.paragraph == q.paragraph]
        right = [c for c in in_sentence if c.start >= q.outer_end and not self._infinitive(c)]
        if right:
            gap = masked[q.outer_end : right[0].start]
            gap_words = len(_tokens(masked, q.outer_end, right[0].start))
            new_clause = _NEW_CLAUSE.search(gap) and any(c.end <= q.open_at for c in in_sentence)
            speech_end = q.text.rstrip().endswith((",", ".", "?", "!", "…")) or gap.lstrip()[:1] in ",—–"
            # "as the “process” continues": quoted words inside a noun phrase are the verb's subject
            before = _PREVIOUS_WORDS.findall(masked[max(0, q.open_at - 20) : q.open_at])
            in_phrase = (
                not q.text.rstrip().endswith((",", ".", "?", "!", "…"))
                and not gap.strip()
                and bool(before)
                and before[-1].lower() in _DETERMINERS
            )
            if "§" not in gap and gap_words <= 7 and not new_clause and not in_phrase:
                adjacent = speech_end and gap_words <= 5
                return _Choice(right[0], "comes right after the quotation", adjacent)
        left = [c for c in in_sentence if c.end <= q.open_at]
        if left:
            return _Choice(left[-1], "stands before the quotation in its sentence")
        if right:
            return _Choice(right[0], "stands later in the quotation's sentence")
        if s_close + 1 < len(self.sentences) and q.close_at is not None:
            nxt = self.sentences[s_close + 1]
            if nxt.paragraph == q.paragraph:
                for c in self.cues_between(nxt.start, nxt.end):
                    if (
                        len(_tokens(masked, nxt.start, c.start)) <= 5
                        and "§" not in masked[nxt.start : c.start]
                    ):
                        return _Choice(c, "opens the next sentence")
        return _Choice(None)

    def _infinitive(self, cue: Cue) -> bool:
        """ "refused to concede", "declined to comment": a verb after "to" that reports no words here (but
        "went on to say" does)."""
        if cue.tense != "base":
            return False
        words = _PREVIOUS_WORDS.findall(self.masked[max(0, cue.start - 40) : cue.start])
        return len(words) >= 2 and words[-1] == "to" and words[-2].lower() not in CLAUSE_WORDS.links

    def _via(self, chosen: Cue, speaker_name: str | None, listener: str | None) -> str | None:
        """The outlet or other source the words came through: "according to X" beside another speaker,
        the news outlet that was told, or one named after "in an interview with", "quoted by" ..."""
        sent = self.sentences[self.sentence_at(chosen.start)]
        via = None
        for other in self.cues_between(sent.start, sent.end):
            if other.lemma == "according to" and other is not chosen:
                other_source = self.speakers[other.start].source
                if other_source is not None and other_source.name != speaker_name:
                    via = other_source.name
        if listener is not None and classify(listener) == "media":
            via = listener
        if via is None:
            m = _via_pattern().search(self.masked, sent.start, sent.end)
            if m:
                vnp, _ = _np_after(self.masked, m.end(), sent.end)
                if vnp is not None and vnp.kind == "name" and classify(vnp.head) == "media":
                    via = vnp.head
        return via

    def _without_cue(self, q: QuoteSpan) -> tuple[str | None, str]:
        """A speaker for a quotation with no cue: a name after a dash, or the speaker a colon introduces."""
        sent_b = self.sentences[self.sentence_at(max(q.open_at, q.outer_end - 1))]
        dashed = _DASH_NAME.match(self.masked, q.outer_end, sent_b.end)
        if dashed:  # "“We will not give up.” — Ana Smith"
            np = parse_np(_tokens(self.masked, dashed.start(1), dashed.end(1)))
            source = self.resolve(np, q.outer_end) if np is not None else None
            return (source.name if source else None), "the name after a dash"
        opens_paragraph = q.open_at == self.article.paragraph_spans[q.paragraph][0] and q.paragraph > 1
        if opens_paragraph and self.article.paragraphs[q.paragraph - 1].rstrip().endswith(":"):
            how = "the paragraph before ends with a colon after its speaker"
            return self._colon_speaker(q.paragraph - 1), how
        return None, ""

    def _colon_speaker(self, number: int) -> str | None:
        """The speaker a paragraph ending with a colon introduces: its last cue's speaker, or its subject."""
        a, b = self.article.paragraph_spans[number]
        for start in sorted((s for s in self.speakers if a <= s < b), reverse=True):
            source = self.speakers[start].source
            if source is not None:
                return source.name
        last = [s for p, _n, s, _e in self.article._sentence_spans if p == number]
        if not last:
            return None
        subject = _sentence_subject(self.masked, last[-1], b)
        source = self.resolve(subject, last[-1]) if subject is not None else None
        return source.name if source else None

    def attribute_quotes(self) -> tuple[list[AttributedQuote], list[Excluded], list[AttributedQuote]]:
        """Every quotation with its speaker; the words that are nobody's; and the headings' quotations
        (decided after the body, by :meth:`settle_headings`)."""
        attributed: list[AttributedQuote] = []
        excluded: list[Excluded] = []
        headings: list[AttributedQuote] = []
        last: AttributedQuote | None = None
        for q in self.scan.quotes:
            reason = _not_speech(self.article, q)
            if reason is not None and not q.continued:
                excluded.append(Excluded(q.paragraph, q.text, reason))
                continue
            choice = self._choose_cue(q)
            if choice.cue is None and _is_heading(self.article, q.paragraph):
                aq = AttributedQuote(q, None, None, None, q.kind)
                attributed.append(aq)
                headings.append(aq)
                continue
            aq = self._quote(q, choice, last)
            introduced = choice.cue is not None and choice.cue.end <= q.open_at  # "told VOA that the “…”"
            if (
                aq.speaker is None
                and q.kind == "partial"
                and reason is None
                and not (choice.adjacent or introduced)
            ):
                excluded.append(
                    Excluded(q.paragraph, q.text, "scare quote or unattributed words: no speaker found")
                )
                continue
            attributed.append(aq)
            if choice.cue is not None and self.cue_mode.get(choice.cue.start) != "direct quote":
                self.cue_mode[choice.cue.start] = "direct quote" if q.kind == "full" else "partial quote"
            last = aq
        return attributed, excluded, headings

    def _quote(self, q: QuoteSpan, choice: _Choice, last: AttributedQuote | None) -> AttributedQuote:
        """One quotation's speaker, cue, conduit and rationale."""
        if choice.cue is not None:
            cue, found, outlet = self._person_behind_outlet(q, choice.cue)
            name = found.source.name if found.source else None
            cue_text = self.article.text[cue.start : cue.end]
            if name is not None or not (q.continued and last is not None):
                where = choice.where if cue is choice.cue else "stands in the quotation's sentence"
                why = f"The reporting verb “{cue_text}” {where}"
                why += f"; its speaker is {found.how}." if name else ", but no speaker was found for it."
                answerer = self._answerer(q, found)
                if answerer is not None:
                    name = answerer.name
                    self.speakers[cue.start] = _Speaker(answerer, found.listener, found.how)
                    why += (
                        f" The sentence before asks {name} a question, so “he” or “she” is {name}, answering."
                    )
                if outlet:
                    why += f" {outlet} only reported the words, so it is the conduit, not the speaker."
                via = outlet or self._via(cue, name, found.listener)
                return AttributedQuote(q, name, cue_text, via, q.kind, why)
        else:
            name, how = self._without_cue(q)
            if name is not None:
                return AttributedQuote(
                    q, name, None, None, q.kind, f"No reporting verb; the speaker is {how}."
                )
        if last is not None and q.continued:
            why = "It continues the quotation of the paragraph before: the same speaker."
            return AttributedQuote(q, last.speaker, last.cue, last.via, q.kind, why)
        if choice.cue is None:
            return self._nearby_speaker(q, last)
        return AttributedQuote(q, None, None, None, q.kind, "No speaker found.")

    def _person_behind_outlet(self, q: QuoteSpan, cue: Cue) -> tuple[Cue, _Speaker, str | None]:
        """When the chosen verb's speaker is a news outlet ("…, state television reported") and another
        verb in the quotation's sentence has a speaker who is not, that speaker said the words; the
        outlet is the conduit."""
        found = self.speakers[cue.start]
        if found.source is None or found.source.kind != "media":
            return cue, found, None
        sent_a = self.sentences[self.sentence_at(q.open_at)]
        sent_b = self.sentences[self.sentence_at(max(q.open_at, q.outer_end - 1))]
        others = []
        for c in self.cues_between(sent_a.start, sent_b.end):
            source = self.speakers[c.start].source
            if c is not cue and c.lemma != "according to" and source is not None and source.kind != "media":
                others.append(c)
        if not others:
            return cue, found, None
        best = min(others, key=lambda c: min(abs(c.start - q.open_at), abs(c.start - q.outer_end)))
        return best, self.speakers[best.start], found.source.name

    def _nearby_speaker(self, q: QuoteSpan, last: AttributedQuote | None) -> AttributedQuote:
        """A quotation with no reporting verb in its sentence, in order: a colon after a speaker in the same
        sentence ("X gave a statement: “…”"); the sentence's own subject ("X thanked them with the message
        “…”"); the speaker or person who is the subject of the sentence before; the quotation before."""
        whole = q.kind == "full" or len(q.text.split()) >= 3
        sent = self.sentences[self.sentence_at(q.open_at)]
        before = self.masked[sent.start : q.open_at].rstrip()
        words_of = _WORDS_OF.search(before)
        if words_of:  # "In Smith's words, “…”", "in the words of the mayor"
            group = "who" if words_of.group("who") else "who2"
            a = sent.start + words_of.start(group)
            np = _np_forward(_tokens(self.masked, a, sent.start + words_of.end(group)))
            source = self.resolve(np, a) if np is not None else None
            if source is not None:
                why = "No reporting verb; “in … words” names whose words they are."
                return AttributedQuote(q, source.name, None, None, q.kind, why)
        if before.endswith(":") and before[:-1].strip():
            source = self._speaker_of_clause(sent, q.open_at)
            if source is not None:
                why = "No reporting verb; the words follow a colon after the sentence's speaker or subject."
                return AttributedQuote(q, source.name, None, None, q.kind, why)
        if whole and before:
            source = self._subject_source(sent, q.open_at)
            if source is not None:
                why = "No reporting verb; the sentence's subject is the one the words are given to."
                return AttributedQuote(q, source.name, None, None, q.kind, why)
        previous = self._previous_sentence(sent, q)
        if previous is not None and (q.kind == "full" or (whole and self.quotes_in(previous))):
            asked = self._asked(previous)
            if asked is not None:
                why = (
                    "No reporting verb; the sentence before asks this person a question: this is the answer."
                )
                return AttributedQuote(q, asked.name, None, None, q.kind, why)
            source = self._speaker_of_clause(previous, previous.end)
            person = self._one_person(previous) if q.kind == "full" else None
            says_i = _FIRST_PERSON.search(q.text) is not None
            organisation = source is not None and (
                source.kind in ("institution", "media") or source.name.lower().startswith("the ")
            )
            if organisation and source is not None and source.number != "plural" and says_i:
                # "… relies on volunteers such as Marlene Hoffman. “I got time.”": "I" is a person
                if person is not None:
                    why = "No reporting verb; the words say “I”, and the sentence before names one person."
                    return AttributedQuote(q, person, None, None, q.kind, why)
                source = None  # "The team plays on Sunday. “I believe …”": a team does not say "I"
            if source is not None:
                why = "No reporting verb; the sentence before names its speaker."
                return AttributedQuote(q, source.name, None, None, q.kind, why)
        person = self._one_person(previous) if previous is not None and q.kind == "full" else None
        # "… such as retired teacher Marlene Hoffman. “Because people need help.”": a person named just
        # before the quotation, in its own paragraph, speaks rather than the last speaker
        new_person = (
            person is not None
            and previous is not None
            and previous.paragraph == q.paragraph
            and (last is None or person != last.speaker)
        )
        if last is not None and q.kind == "full" and q.paragraph - last.paragraph <= 1 and not new_person:
            why = "A whole-sentence quotation right after another, with no new speaker: the same speaker."
            return AttributedQuote(q, last.speaker, None, last.via, q.kind, why)
        if (
            last is not None
            and q.kind == "full"
            and q.paragraph - last.paragraph == 2
            and self._quiet(last, q)
        ):
            why = (
                "A whole-sentence quotation after one paragraph that names no one: the speaker quoted before."
            )
            return AttributedQuote(q, last.speaker, None, last.via, q.kind, why)
        if person is not None:
            why = "No reporting verb; the sentence before names one person, and only one."
            return AttributedQuote(q, person, None, None, q.kind, why)
        person = self._paragraph_person(q)
        if person is not None:
            why = (
                "No reporting verb, in a paragraph of its own; the paragraph before names one person, "
                "and only one."
            )
            return AttributedQuote(q, person, None, None, q.kind, why)
        headline_person = self._headline_person(q)
        if headline_person is not None:
            why = "No reporting verb, and no one is named before it but the one person the headline names."
            return AttributedQuote(q, headline_person, None, None, q.kind, why)
        return AttributedQuote(q, None, None, None, q.kind, "No reporting verb and no speaker found.")

    def _paragraph_person(self, q: QuoteSpan) -> str | None:
        """ "Mr. Muller was hopeful earlier in the year. … But that hope went away." then “Things looked
        phenomenal …” as a paragraph of its own: the one person the paragraph before names (none of its
        sentences need be the last one)."""
        spans = self.article.paragraph_spans
        if q.kind != "full" or q.paragraph < 2 or q.open_at != spans[q.paragraph][0]:
            return None
        a, b = spans[q.paragraph - 1]
        return self._one_person(_Sentence(q.paragraph - 1, a, b))

    def _headline_person(self, q: QuoteSpan) -> str | None:
        """ "Secretary Leon E. Panetta's Armed Forces Day Message" over a quoted message: the one person the
        headline names, when the body names no one before the quotation."""
        spans = self.article.paragraph_spans
        if len(spans) < 2 or q.paragraph == 0:
            return None
        mentions = self.registry.mentions
        body_before = mentions[bisect_left(mentions, (spans[1][0],)) : bisect_left(mentions, (q.open_at,))]
        if body_before:
            return None
        head = _Sentence(0, spans[0][0], spans[0][1])
        return self._one_person(head)

    def _quiet(self, last: AttributedQuote, q: QuoteSpan) -> bool:
        """Does the text between the quotation before and this one name no one and report no one?"""
        a, b = self.sentences[self.sentence_at(last.span.outer_end - 1)].end, q.open_at
        mentions = self.registry.mentions
        return not self.cues_between(a, b) and bisect_left(mentions, (a,)) == bisect_left(mentions, (b,))

    def _one_person(self, sent: _Sentence) -> str | None:
        """The one person a sentence names (None when it names none or several)."""
        mentions = self.registry.mentions
        found = {
            m.name
            for m in mentions[bisect_left(mentions, (sent.start,)) : bisect_left(mentions, (sent.end,))]
            if m.name in self.registry.sources and self.registry.sources[m.name].kind == "person"
        }
        return found.pop() if len(found) == 1 else None

    def _answerer(self, q: QuoteSpan, found: _Speaker) -> Source | None:
        """ "Reporters asked Attorney General Alberto Gonzales about the case. '…,' he said.": a pronoun
        speaker right after a sentence that asks someone a question is that person, answering (when the
        pronoun can stand for them)."""
        if found.source is None or "stands for the most recent" not in found.how:
            return None
        sent = self.sentences[self.sentence_at(q.open_at)]
        previous = self._previous_sentence(sent, q)
        asked = self._asked(previous) if previous is not None else None
        if asked is None or asked is found.source or asked.kind != "person":
            return None
        gender = found.source.gender or found.source.pronoun_gender
        if asked.gender not in (None, gender) and gender is not None:
            return None
        return asked

    def _asked(self, sent: _Sentence) -> Source | None:
        """ "Reporters asked Smith about the delay.": the person asked (the next quotation is the answer)."""
        cues = self.cues_between(sent.start, sent.end)
        if not cues or cues[-1].lemma != "ask":
            return None
        np, _ = _np_after(self.masked, cues[-1].end, sent.end)
        if np is None or np.kind not in ("name", "role"):
            return None
        return self.resolve(np, cues[-1].end)

    def _previous_sentence(self, sent: _Sentence, q: QuoteSpan) -> _Sentence | None:
        """The sentence before, in the same paragraph or ending the paragraph before (when the quotation
        opens its own paragraph)."""
        index = self.sentence_at(sent.start)
        if index == 0:
            return None
        previous = self.sentences[index - 1]
        opens_paragraph = q.open_at == self.article.paragraph_spans[q.paragraph][0]
        if previous.paragraph == q.paragraph or (opens_paragraph and previous.paragraph == q.paragraph - 1):
            return previous if previous.paragraph != 0 else None
        return None

    def _speaker_of_clause(self, sent: _Sentence, until: int) -> Source | None:
        """The speaker of the first reporting verb in ``sent`` before ``until`` (the main one: in "Smith
        said his family has been calling him", the family's "calling" is part of what Smith said), else
        the sentence's subject when it is a person, a known source or a group."""
        for c in self.cues_between(sent.start, until):
            if self.speakers[c.start].source is not None:
                return self.speakers[c.start].source
        return self._subject_source(sent)

    def _subject_source(self, sent: _Sentence, until: int | None = None) -> Source | None:
        """The subject of the sentence (of its last clause before ``until``) when it can be a source."""
        start = sent.start
        if until is not None:
            for m in _CLAUSE_BREAK.finditer(self.masked, sent.start, until):
                start = m.end()
        subject = _sentence_subject(self.masked, start, sent.end)
        if subject is None:
            return None
        if subject.kind == "pronoun":
            return self.resolve(subject, subject.start)
        in_lexicon = subject.kind == "role" and subject.head in source_words()
        counted = subject.kind == "role" and _COUNTED.match(subject.text) is not None
        if counted and source_words()[subject.head]["number"] == "plural":
            return None  # "At least 17 people have died": a count of those affected, not a speaker
        if subject.kind in ("name", "group") or in_lexicon:
            # any name: "Lopez thanked the volunteers" (a surname the text gives no title) speaks too
            return self.resolve(subject, subject.start)
        return None

    def settle_headings(
        self, attributed: list[AttributedQuote], headings: list[AttributedQuote], excluded: list[Excluded]
    ) -> None:
        """A heading's quotation: whose words they are, decided once the body has been read."""
        for aq in attributed:
            # "Mugabe Spokesman: Reports … 'Nonsense'": a heading's title-case role is the person the
            # article gives that role
            speaker = aq.speaker or ""
            if aq not in headings and _is_heading(self.article, aq.paragraph) and " " in speaker:
                titled = _titled_person(
                    NounPhrase(speaker, 0, 0, "role", speaker.split()[-1].lower()), self.registry
                )
                if titled is not None and titled != speaker:
                    aq.rationale += f" The heading's “{speaker}” is the title the article gives {titled}."
                    aq.speaker = titled
        for aq in headings:
            aq.speaker, aq.rationale = _heading_speaker(
                self.article, self.masked, aq.span, attributed, self.resolver
            )
            if aq.speaker is None:
                attributed.remove(aq)
                excluded.append(Excluded(aq.paragraph, aq.text, "words in a heading with no speaker found"))
            else:
                aq.cue = _heading_verb(self.article, aq.span, aq.speaker, self.registry)

    def name_unnamed(self, attributed: list[AttributedQuote], attributions: list[Attribution]) -> None:
        """ "A California college is seeking … Orange Coast College discovered": a speaker first described
        with "a" or "an" and a role noun, whom the next sentences name with that same noun (an institution
        whose name ends with it, or a person given it as a title), is that named source."""
        names: dict[str, tuple[str, str]] = {}
        seen: set[str] = set()
        for aq in attributed:
            name = aq.speaker
            if not name or name in seen or (name in self.registry.sources and name[:1].isupper()):
                continue
            seen.add(name)
            # the role stands near its first quotation
            near = (max(0, aq.span.open_at - 400), min(len(self.masked), aq.span.outer_end + 400))
            if name.lower().startswith(("a ", "an ")) and len(name.split()) >= 2:
                found = self._named_later(name, near)
            else:
                found = self._identified_later(name, near)
            if found is not None:
                names[name] = found
        if not names:
            return
        for aq in attributed:
            if aq.speaker in names:
                new, role = names[aq.speaker]
                aq.rationale += f" The article names {role} soon after: {new}."
                aq.speaker = new
        for t in attributions:
            if t.source in names:
                t.source = names[t.source][0]

    def _identified_later(self, name: str, near: tuple[int, int]) -> tuple[str, str] | None:
        """ "…, the Army's chief of staff said today. … Army Gen. Raymond T. Odierno said": a person the
        article calls only by a role, whom the next two sentences name for the first time with a title that
        shares a word with the role ("Army") — the news habit of naming a speaker in the second sentence."""
        source = self.registry.sources.get(name)
        if source is None or source.kind != "person" or any(a[:1].isupper() for a in source.aliases):
            return None
        lead = name.split()[0].lower()
        if lead != "the" and lead not in title_words() and lead not in NAME_WORDS.modifiers:
            return None  # "one soldier", "another person": someone the article leaves unnamed
        bare = name.removeprefix("the ")
        pattern = re.compile(rf"(?i)\b(?:the\s+)?(?:([\w-]+)['’]s\s+)?{re.escape(bare)}\b")
        first = pattern.search(self.masked, *near)
        if first is None:
            return None
        role_words = {w.lower() for w in [first.group(1) or "", *bare.split()]} - {"", "of", "the", "and"}
        window_end = self.sentences[min(len(self.sentences) - 1, self.sentence_at(first.end()) + 2)].end
        found = [
            other
            for other in self.registry.sources.values()
            if other.kind == "person"
            and other is not source
            and other.titles & title_words()
            and other.titles & role_words
            and self.registry.mentioned_between(other.name, first.end(), window_end)
            and not self.registry.mentioned_between(other.name, 0, first.end())
        ]
        if len(found) != 1:
            return None
        return found[0].name, "this person"

    def _named_later(self, name: str, near: tuple[int, int]) -> tuple[str, str] | None:
        """The name the article soon gives a source it first called ``name`` ("a California college")."""
        head = name.split()[-1]
        source = self.registry.sources.get(name)
        text = self.article.text
        first = re.compile(rf"(?i)\b{re.escape(name)}\b").search(text, *near)
        if first is None or source is None:
            return None
        window_end = self.sentences[min(len(self.sentences) - 1, self.sentence_at(first.end()) + 2)].end
        if source.kind == "person":
            for other in self.registry.sources.values():
                if (
                    other.kind == "person"
                    and other is not source
                    and head.lower() in other.titles
                    and self.registry.mentioned_between(other.name, first.end(), window_end)
                    # named there for the first time
                    and not self.registry.mentioned_between(other.name, 0, first.start())
                ):
                    return other.name, f"the {head.lower()}"
            return None
        named = re.compile(rf"\b((?:[A-Z][\w’'-]*\s+){{1,4}}{re.escape(head.capitalize())})\b")
        m = named.search(text, first.end(), window_end)
        if m is None:
            return None
        full = m.group(1)
        return full, f"the {head.lower()}"

    def attributions(
        self, headings: list[AttributedQuote], attributed: list[AttributedQuote]
    ) -> list[Attribution]:
        """Every cue with a speaker (and every heading quotation with a verb), in text order."""
        rows = [
            Attribution(
                aq.paragraph, aq.speaker, aq.cue, _connotation(aq.cue), "partial quote", aq.span.open_at
            )
            for aq in headings
            if aq.speaker and aq.cue and aq in attributed
        ]
        for cue in self.cues:
            found = self.speakers[cue.start]
            if found.source is None:
                continue
            text = self.article.text[cue.start : cue.end]
            mode = self.cue_mode.get(cue.start, "paraphrase")
            rows.append(
                Attribution(
                    cue.paragraph, found.source.name, text, cue.connotation, mode, cue.start, found.listener
                )
            )
        rows.sort(key=lambda t: (t.paragraph, t.start))
        return rows


def _share_speakers_across_paragraphs(attributed: list[AttributedQuote]) -> None:
    """A quotation running over several paragraphs has one speaker: fill earlier parts from later ones."""
    for i in range(len(attributed) - 2, -1, -1):
        cur, nxt = attributed[i], attributed[i + 1]
        if cur.span.continues and nxt.span.continued and cur.speaker is None and nxt.speaker is not None:
            cur.speaker, cur.cue, cur.via = nxt.speaker, nxt.cue, nxt.via
            cur.rationale = "The quotation goes on in the next paragraph, where its speaker is named."


def attribute(article: Article) -> Result:
    """Find cues and speakers for every quotation and every reported statement in ``article``.

    >>> import medialit
    >>> r = attribute(medialit.load_article())
    >>> [(q.paragraph, q.speaker) for q in r.quotes][:3]
    [(0, 'Vladimir Putin'), (1, 'Vladimir Putin'), (5, 'Vladimir Putin')]
    """
    reading = _Reading(article)
    reading.find_speakers()
    attributed, excluded, headings = reading.attribute_quotes()
    reading.settle_headings(attributed, headings, excluded)
    _share_speakers_across_paragraphs(attributed)
    attributions = reading.attributions(headings, attributed)
    reading.name_unnamed(attributed, attributions)
    return Result(
        attributed,
        attributions,
        excluded,
        list(reading.scan.problems),
        reading.registry,
        reading.cues,
        reading.masked,
    )


# ---------------------------------------------------------------- headings


def _connotation(word: str) -> str:
    """The lexicon's connotation for a reporting verb form, "neutral" for any other verb."""
    row = _cue_table()[0].get(word.lower())
    return row["connotation"] if row else "neutral"


def _heading_verb(article: Article, q: QuoteSpan, speaker: str, registry: Registry) -> str | None:
    """In "Putin wants ‘immediate’ talks", the word after the speaker's name that ties the words to
    them ("wants"), when it comes before the quotation."""
    a, _ = article.paragraph_spans[q.paragraph]
    head = article.text[a : q.open_at]
    source = registry.sources.get(speaker)
    forms = [speaker, *(source.aliases if source else [])]
    for form in sorted(forms, key=len, reverse=True):
        m = re.search(rf"{re.escape(form.removeprefix('the '))}\s+([a-z]+)\b", head)
        if m:
            return m.group(1)
    return None


def _is_heading(article: Article, number: int) -> bool:
    """The headline, or a short paragraph that does not end like a sentence (a sub-heading)."""
    if number == 0:
        return True
    text = article.paragraphs[number].strip()
    return len(text.split()) <= 20 and not re.search(r"[.!?…][\"'”’»]*\s*$", text)


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"[\w’']+", text.lower()))


def _names_in(masked: str, a: int, b: int) -> list[NounPhrase]:
    """Every name or role noun phrase in ``masked[a:b]``, left to right."""
    toks = _tokens(masked, a, b)
    names = []
    k = 0
    while k < len(toks):
        np = _np_forward(toks[k:])
        if np is not None and np.kind in ("name", "role"):
            names.append(np)
            k += max(1, len([t for t in toks[k:] if t[2] <= np.end]))
        else:
            k += 1
    return names


def _titled_person(np: NounPhrase, registry: Registry) -> str | None:
    """For a title alone ("Justice Secretary"), the person the article gives that title."""
    words = [_bare(w).lower() for w in np.text.split() if w.lower() not in NAME_WORDS.determiners]
    if words and source_words().get(words[-1], {}).get("kind") == "person":
        people = [s for s in registry.sources.values() if s.kind == "person"]
        for source in people:
            if set(words) <= source.titles:
                return source.name
        # "Mugabe Spokesman": the title of someone who works for a person the article names
        named = [s for s in people if s.name[:1].isupper() and _norm_words(s.name) != _norm_words(np.text)]
        owners = {w for w in words for s in named if w in s.name.lower().split()}
        roles = set(words) - owners
        if owners and roles:
            found = [s for s in named if roles <= s.titles and not owners & set(s.name.lower().split())]
            if len(found) == 1:
                return found[0].name
    return None


def _heading_speaker(
    article: Article, masked: str, q: QuoteSpan, attributed: list[AttributedQuote], resolver: _Resolver
) -> tuple[str | None, str]:
    """Whose words a heading quotes, and why, in order: the speaker of the same words in a later
    paragraph; a person named in the heading; for a title alone ("Justice Secretary"), the person the
    article gives that title. Otherwise they are not counted as anyone's words."""
    words = _norm_words(q.text)
    for other in attributed:
        below = _norm_words(other.text)
        same = words and (words == below or (len(words.split()) >= 2 and f" {words} " in f" {below} "))
        if other.paragraph > q.paragraph and other.speaker and same:
            return (
                other.speaker,
                f"The same words are quoted in paragraph {other.paragraph}, said by {other.speaker}.",
            )
    a, b = article.paragraph_spans[q.paragraph]
    names = _names_in(masked, a, b)
    registry = resolver.registry
    for np in names:  # only people: a heading's quotation marks around a group's name are not speech
        if np.kind == "name":
            source = registry.resolve_name(np.head)
            if source is not None and source.kind == "person":
                return source.name, "The heading names this person beside the quoted words."
        titled = _titled_person(np, registry)
        if titled is not None:
            return titled, f"The heading's “{np.text}” is the title the article gives {titled}."
    for np in names:
        if np.kind == "name" and np.titles & title_words() and classify(np.head, np.titles) == "person":
            source = resolver.resolve(np, np.start)
            if source:
                return source.name, "The heading names this person beside the quoted words."
            return None, ""
    return None, ""
