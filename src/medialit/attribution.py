"""Who said it: reporting verbs (cues), their speakers, and the speaker of every quotation.

Rules, for any English news article:

* A **cue** is a form from ``data/lexicons/reporting_verbs.csv`` outside quotation marks ("said",
  "warned", "according to"). A form right after a determiner or possessive ("Russia's *demands*",
  "a *warning*") is a noun, not a cue. Passive forms ("was accused") are skipped.
* The **speaker** of a cue is, in order: the phrase after "according to"; the name right after a cue
  that follows a quotation or a comma (``“…,” said X``); for an ``-ing`` cue after a comma
  (``…, demanding “…”``) the speaker of the sentence's earlier cue or else its subject; otherwise the
  noun phrase just before the cue, skipping helpers ("has", "also", "on Tuesday") and a comma-enclosed
  description (``X, a spokesman, said``; ``Russia's deputy minister, Sergei Ryabkov, warned``).
* A **quotation's** cue is the one right after it (``“…,” Ryabkov told``), else the nearest before it
  in its sentence, else any later one in the sentence, else a short next sentence (``He said.``).
  With no cue, a whole-sentence quotation continues the previous quotation's speaker (news style for
  quote paragraphs); in the headline, the speaker is whoever says the same words in the body, or else
  the headline's first name.
* **Not someone's words**: titles of works (every main word capitalised, or after "film", "book",
  "titled", "called" ...), nicknames (between a first name and a surname, or after "known as",
  "nicknamed", "dubbed") and scare quotes (after "so-called", or a short quotation with no speaker).
* **Via**: a news outlet that heard the words (``told RIA Novosti``, ``in an interview with``,
  ``quoted by``), or "according to X" when the sentence names another speaker.

>>> from medialit.article import parse_article
>>> a = parse_article("Head\\n\\n“We will respond,” Ryabkov told RIA Novosti.")
>>> r = attribute(a)
>>> [(q.text, q.speaker, q.cue, q.via) for q in r.quotes]
[('We will respond,', 'Ryabkov', 'told', 'RIA Novosti')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from . import lexicons
from .quotes import Problem, QuoteSpan, find_quotes, mask_quotes
from .sources import (
    _WORD,
    DETERMINERS,
    FUNCTION_WORDS,
    MODIFIERS,
    ORG_WORDS,
    PARTICLES,
    PRONOUNS,
    NounPhrase,
    Registry,
    Source,
    _bare,
    _is_cap,
    classify,
    parse_np,
    source_words,
)

if TYPE_CHECKING:
    from .article import Article

__all__ = ["AttributedQuote", "Attribution", "Cue", "Excluded", "Result", "attribute", "find_cues"]

_HELPERS = {
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "then",
    "again",
    "once",
    "earlier",
    "repeatedly",
    "reportedly",
    "publicly",
    "privately",
    "is",
    "was",
    "were",
    "are",
    "would",
    "will",
    "could",
    "did",
    "does",
    "do",
    "not",
    "never",
    "further",
    "separately",
    "today",
    "yesterday",
    "tonight",
    "already",
    "recently",
    "first",
    "initially",
    "subsequently",
    "since",
    "may",
    "might",
    "can",
    "should",
    "must",
    "shall",
    "just",
    "only",
    "even",
    "still",
    "now",
    "both",
    "all",
    "himself",
    "herself",
    "flatly",
    "instead",
    "angrily",
    "quickly",
    "immediately",
    "openly",
    "strongly",
    "explicitly",
    "directly",
    "bluntly",
    "firmly",
    "simply",
    "clearly",
    "allegedly",
    "apparently",
    "been",
    "being",
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TIME_NOUNS = {"week", "month", "year", "morning", "afternoon", "evening", "night", "weekend"}
_NOUN_BEFORE = DETERMINERS | {"’s", "'s", "any", "no", "every", "each", "whose", "of", "such", "more", "new"}
_PASSIVE = {"was", "were", "been", "being", "is", "are", "be"}
_TITLE_WORDS = re.compile(
    r"\b(?:film|movie|book|novel|song|album|single|poem|play|musical|show|series|episode|documentary|"
    r"painting|exhibition|titled|entitled|article|headline|slogan|campaign|operation|programme|program|"
    r"magazine|newspaper|report titled|podcast|game|app|hashtag)\s*,?\s*$",
    re.IGNORECASE,
)
_NICKNAME_WORDS = re.compile(
    r"\b(?:known as|nicknamed|dubbed|so-called|self-styled|called|named)\s*$", re.IGNORECASE
)
_VIA_PATTERNS = re.compile(
    r"\b(?:in an? (?:interview|statement|post|video|broadcast|article) (?:with|to|on|published by)|"
    r"quoted by|speaking to|speaking with|interviewed by|in comments to|told)\s+",
)
_SMALL_TITLE_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "is",
    "as",
    "but",
    "nor",
    "vs",
    "de",
}


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
    """A quotation with its speaker (None when no rule finds one), cue and conduit."""

    span: QuoteSpan
    speaker: str | None
    cue: str | None
    via: str | None
    kind: str

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


_LETTERS = re.compile(r"[A-Za-z]+")
# Reporting verbs that are also common nouns: a verb only after a subject-like word or before "that" ...
_NOUN_LIKE = frozenset(
    [
        "state",
        "states",
        "report",
        "reports",
        "claim",
        "claims",
        "demand",
        "demands",
        "comment",
        "comments",
        "note",
        "notes",
        "call",
        "calls",
        "post",
        "posts",
        "quote",
        "quotes",
        "warning",
        "promise",
        "promises",
        "praise",
        "protest",
        "protests",
        "joke",
        "jokes",
        "estimate",
        "estimates",
        "boast",
        "boasts",
        "vow",
        "vows",
        "pledge",
        "pledges",
        "reply",
        "replies",
        "respond",
        "cite",
        "cites",
        "stress",
        "stresses",
    ]
)
_SUBJECT_LIKE = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "who",
        "which",
        "that",
        "to",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "did",
        "does",
        "do",
        "also",
        "not",
        "never",
        "often",
        "later",
        "then",
        "still",
    ]
)


def find_cues(article: Article, masked: str) -> list[Cue]:
    """Every reporting cue in the article's text outside quotations (``masked`` from ``mask_quotes``).

    >>> from medialit.article import parse_article
    >>> from medialit.quotes import find_quotes, mask_quotes
    >>> a = parse_article("Head\\n\\nRussia's demands were clear, he said, “we say no”.")
    >>> [c.form for c in find_cues(a, mask_quotes(a, find_quotes(a).quotes))]
    ['said']
    """
    single, multi = _cue_table()
    cues = []
    for number, (a, b) in enumerate(article.paragraph_spans):
        for m in _LETTERS.finditer(masked, a, b):
            start = m.start()
            if start > a and (masked[start - 1].isalnum() or masked[start - 1] in "’'-"):
                continue
            low = m.group().lower()
            row = None
            end = m.end()
            for pattern, candidate in multi.get(low, ()):
                hit = pattern.match(masked, start, b)
                if hit:
                    row, end = candidate, hit.end()
                    break
            if row is None:
                row = single.get(low)
                if row is None or (end < b and (masked[end].isalnum() or masked[end] in "’'-")):
                    continue
            word = m.group()
            if word[0].isupper() and row["form"] != "according to" and number != 0:
                continue  # "Says" in a name or title; only the headline capitalises verbs
            before = masked[max(a, start - 30) : start]
            prev_words = re.findall(r"[\w’']+|§", before)
            prev = prev_words[-1].lower() if prev_words else ""
            if row["form"] != "according to":
                if prev in _NOUN_BEFORE or prev.endswith(("’s", "'s")):
                    continue
                if row["tense"] in ("past", "participle") and prev in _PASSIVE:
                    continue
                if row["tense"] in ("base", "3sg") and prev == "to" and row["lemma"] in ("state", "report"):
                    continue
                prev_raw = prev_words[-1] if prev_words else ""
                subject_word = (
                    prev in _SUBJECT_LIKE
                    or _bare(prev) in source_words()
                    or (prev_raw[:1].isupper() and not prev.endswith(("ish", "ian", "an", "ese", "ic")))
                )
                if row["form"] in _NOUN_LIKE and not subject_word:
                    after = masked[end : end + 8].lstrip().lower()
                    if not after.startswith(("that", "the ", "he ", "she ", "it ", "they ", "we ")):
                        continue  # "a Jewish state", "the reports": a noun, not a verb
            cues.append(Cue(number, start, end, row["form"], row["lemma"], row["tense"], row["connotation"]))
    return cues


def _tokens(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, a, b)]


def _np_word(tok: str) -> bool:
    low = tok.lower()
    bare = _bare(tok).lower()
    if tok.startswith("§") or tok in ",;:()—–":
        return False
    if _is_cap(tok) and low not in FUNCTION_WORDS:
        return True
    if low in DETERMINERS - {"that", "this", "these", "those"} or low == "and" or low in PARTICLES:
        return True
    if low in _COUNT_WORDS:
        return True
    return bare in MODIFIERS or bare in source_words() or bare.upper() == tok  # acronyms


def _np_backward(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """The noun phrase that ends the token list (None if the list does not end with one)."""
    if not toks:
        return None
    if toks[-1][0].lower() in PRONOUNS and toks[-1][0].lower() not in ("him", "her", "them"):
        return parse_np([toks[-1]])
    k = len(toks)
    while k > 0 and _np_word(toks[k - 1][0]):
        k -= 1
    chunk = toks[k:]
    # an "and" at the left edge or a particle at the edge belongs to the clause, not the phrase
    while chunk and (chunk[0][0].lower() in ("and", "of") or chunk[0][0].lower() in PARTICLES):
        chunk = chunk[1:]
    # a capitalised word that merely starts the sentence ("Thousands") is handled by FUNCTION_WORDS
    chunk = _cut_affiliation(chunk)
    return parse_np(chunk) if chunk else None


def _cut_affiliation(chunk: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "Lisa Wong of Stanford University" -> "Lisa Wong"; keeps "Secretary of State Antony Blinken"."""
    for i, tok in enumerate(chunk):
        if tok[0] == "of" and 0 < i < len(chunk) - 1:
            before = _bare(chunk[i - 1][0]).lower()
            if _is_cap(chunk[i - 1][0]) and before not in source_words() and before not in ORG_WORDS:
                return chunk[:i]
    return chunk


def _np_forward(toks: list[tuple[str, int, int]]) -> NounPhrase | None:
    """The noun phrase that starts the token list."""
    if not toks:
        return None
    if toks[0][0].lower() in PRONOUNS:
        return parse_np([toks[0]])
    k = 0
    while k < len(toks) and _np_word(toks[k][0]):
        k += 1
    chunk = _cut_affiliation(toks[:k])
    while chunk and chunk[-1][0].lower() in ("and", "of", *DETERMINERS):
        chunk = chunk[:-1]
    return parse_np(chunk) if chunk else None


class _Resolver:
    """Turns noun phrases into canonical sources, remembering who was mentioned most recently."""

    def __init__(self, article: Article, masked: str) -> None:
        self.article = article
        self.masked = masked
        self.registry = Registry()
        for a, b in article.paragraph_spans:
            self.registry.scan(masked[a:b], a)

    def _fuller_name(self, head: str, before: int) -> str | None:
        """ "the Church" -> "the Church of Scientology" when the article used that fuller name earlier."""
        if not head.startswith("the ") or len(head.split()) != 2:
            return None
        word = re.escape(head.split()[1])
        pattern = rf"\b{word}\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
        m = re.search(pattern, self.article.text[:before])
        return f"the {m.group()}" if m else None

    def resolve(
        self, np: NounPhrase | None, at: int, extra_titles: frozenset[str] = frozenset()
    ) -> Source | None:
        if np is None:
            return None
        reg = self.registry
        if np.kind == "pronoun":
            want = PRONOUNS[np.head]
            return reg.most_recent(at, want)
        if np.kind == "name":
            source = reg.resolve_name(np.head)
            titles = np.titles | extra_titles
            if source is None:
                fuller = self._fuller_name(np.head, at)
                if fuller is not None:
                    source = reg.resolve_name(fuller) or reg.add(fuller, classify(fuller, titles), titles)
                    source.add_alias(np.head)
                    return source
                kind = classify(np.head, titles)
                source = reg.add(np.head, kind, titles)
            else:
                source.titles |= set(titles)
            alias = np.head if np.head != source.name else ""
            source.add_alias(alias)
            return source
        if np.kind == "group":
            name = np.text[0].lower() + np.text[1:] if np.text.startswith("The ") else np.text
            kinds = [
                classify(p.head, p.titles)
                if p.kind == "name"
                else source_words().get(p.head, {}).get("kind", "vague collective")
                for p in np.parts
            ]
            kind = kinds[0] if len(set(kinds)) == 1 else "vague collective"
            return reg.add(name, kind, number="plural")
        # a role noun
        row = source_words().get(np.head, {})
        role_kind = row.get("kind", "vague collective")
        number = row.get("number", "singular")
        want = "person" if role_kind == "person" else ("group" if number == "plural" else "organisation")
        mods = frozenset(m for m in np.titles if m not in MODIFIERS or m in ("russian",))
        nationality = frozenset(m for m in np.titles if m[:1].isalpha() and m not in MODIFIERS)
        if np.text.split()[0].lower() in ("the", "this") or want == "person":
            found = reg.most_recent(at, want, role=np.head, modifiers=nationality or mods)
            if found is not None and (want != "person" or np.text.split()[0].lower() == "the"):
                found.add_alias(np.text[0].lower() + np.text[1:] if np.text.startswith("The ") else np.text)
                return found
        name = (
            np.text[0].lower() + np.text[1:]
            if np.text[:1].isupper()
            and np.text.split()[0] in ("The", "A", "An", "Its", "His", "Her", "Their")
            else np.text
        )
        return reg.add(name, role_kind, titles=set(np.titles) | {np.head}, number=number)


def _apposition_titles(toks: list[tuple[str, int, int]]) -> frozenset[str]:
    np = _np_backward(toks)
    if np is not None and np.kind == "role":
        return frozenset(np.titles | {np.head})
    return frozenset()


def _subject_before(masked: str, sent_start: int, cue_start: int) -> tuple[NounPhrase | None, frozenset[str]]:
    """The noun phrase just before a cue, and any titles from a comma-enclosed description."""
    toks = _tokens(masked, sent_start, cue_start)
    while toks:
        low = toks[-1][0].lower()
        if low in _HELPERS or low in _WEEKDAYS or low in _TIME_NOUNS or low in ("last", "this", "on", "next"):
            toks.pop()
            continue
        break
    if not toks:
        return None, frozenset()
    # "X continued by saying", "X went on to say": skip the linking words and their verb
    if toks[-1][0].lower() in _LINKS and len(toks) >= 2:
        k = len(toks) - 1
        while k > 0 and toks[k - 1][0].lower() in _LINKS:
            k -= 1
        if k > 0 and not _np_word(toks[k - 1][0]) and toks[k - 1][0].islower():
            return _np_backward(toks[: k - 1]), frozenset()
    if toks[-1][0] == ",":
        body = toks[:-1]
        k = len(body)
        while k > 0 and body[k - 1][0] != ",":
            k -= 1
        segment = body[k:]
        if (
            k > 0
            and segment
            and (
                segment[0][0].lower() in ("a", "an", "the", "his", "her", "its", "their")
                or segment[0][0].islower()
            )
        ):
            # "Pape Amadou Diop, a student in Dakar, said": the name before the description
            name_np = _np_backward(body[: k - 1])
            if name_np is not None and name_np.kind in ("name", "pronoun"):
                described = _role_of(segment)
                return name_np, described
        np = _np_backward(body)
        if np is not None and np.kind == "role":
            # "Ryabkov, Russia's deputy minister, said": the name before the description
            k = len(body)
            while k > 0 and body[k - 1][0] != ",":
                k -= 1
            if k > 0:
                name_np = _np_backward(body[: k - 1])
                if name_np is not None and name_np.kind == "name":
                    return name_np, frozenset(np.titles | {np.head})
            return np, frozenset()
        if np is not None:
            # "Russia's deputy minister, Sergei Ryabkov, warned"
            k = len(body)
            while k > 0 and body[k - 1][0] != ",":
                k -= 1
            titles = (
                _apposition_titles(body[: k - 1]) if k > 0 and body[k - 1][1] >= np.start - 3 else frozenset()
            )
            return np, titles
        # "X, speaking in Geneva, said": the phrase before the inserted clause
        k = len(body)
        while k > 0 and body[k - 1][0] != ",":
            k -= 1
        if k > 0:
            return _np_backward(body[: k - 1]), frozenset()
        return None, frozenset()
    np = _np_backward(toks)
    if np is None:
        np = _role_of_phrase(toks)
    return np, frozenset()


_COUNT_WORDS = {"one", "another", "two", "three", "four", "several", "some", "many", "other", "both"}
_LINKS = {"by", "to", "on", "while", "after", "before", "in"}


def _role_of(segment: list[tuple[str, int, int]]) -> frozenset[str]:
    """Titles from a description such as "a student in Dakar" or "president of the commission"."""
    words = {_bare(t[0]).lower() for t in segment}
    return frozenset(w for w in words if w in source_words() or w in MODIFIERS)


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


_STOP_AFTER = {
    "on",
    "in",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "who",
    "which",
    "that",
    "after",
    "before",
    "during",
    "when",
    "while",
    "as",
    "and",
    "but",
    "of",
}


def _np_after(masked: str, start: int, end: int) -> tuple[NounPhrase | None, frozenset[str]]:
    toks = _tokens(masked, start, end)
    np = _np_forward(toks)
    # "said Republican whip Roy Blunt": read up to the end of the phrase; the last name is the speaker
    k = 0
    while k < len(toks) and k < 8 and toks[k][0] not in ",;:()—–" and not toks[k][0].startswith("§"):
        if toks[k][0].islower() and (toks[k][0] in _STOP_AFTER or toks[k][0] in _HELPERS):
            break
        k += 1
    if k and (np is None or (np.kind != "pronoun" and k > len([t for t in toks if t[2] <= np.end]))):
        longer = parse_np(_cut_affiliation(toks[:k]))
        if np is None and longer is not None and longer.kind == "name":
            return longer, frozenset()
        if longer is not None and longer.kind == "name" and longer.end > np.end and longer.head != np.head:
            np = longer
    titles: frozenset[str] = frozenset()
    if np is not None:
        rest = [t for t in toks if t[1] >= np.end]
        if rest and rest[0][0] == ",":
            more = _np_forward(rest[1:])
            if more is not None and more.kind == "role" and np.kind == "name":
                titles = frozenset(more.titles | {more.head})
            elif more is not None and more.kind == "name" and np.kind == "role":
                # "said the group's leader, Omar Ali": the name, with the role as its title
                return more, frozenset(np.titles | {np.head})
    return np, titles


_SUBORDINATE = {
    "in",
    "on",
    "at",
    "for",
    "as",
    "after",
    "before",
    "when",
    "while",
    "since",
    "although",
    "though",
    "if",
    "should",
    "despite",
    "during",
    "last",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "but",
    "and",
    "yet",
    "still",
    "so",
    "because",
    "once",
    "with",
    "without",
    "amid",
    "following",
    "over",
    "under",
    "by",
    "from",
    "speaking",
    "asked",
    "according",
    "unlike",
    "like",
    "besides",
    "then",
    "now",
    "today",
    "yesterday",
    "also",
    "instead",
}


def _sentence_subject(masked: str, start: int, end: int) -> NounPhrase | None:
    toks = _tokens(masked, start, min(end, start + 240))  # the subject is near the start
    if toks and toks[0][0].lower() in _SUBORDINATE:
        commas = [i for i, t in enumerate(toks) if t[0] == ","]
        if not commas:
            return None
        toks = toks[commas[0] + 1 :]
    while toks and (toks[0][0].startswith("§") or toks[0][0] in ",;:"):
        toks = toks[1:]
    if toks and toks[0][0].lower() in ("but", "and", "yet", "so", "meanwhile", "however"):
        toks = toks[1:]
    np = _np_forward(toks)
    if np is not None and np.kind == "pronoun":
        return np
    # "American rock singer Meat Loaf has ...": the words up to the first verb-like word, read as titles
    # and a name (the last run of capitalised words)
    k = 0
    while k < len(toks) and toks[k][0] not in ",;:()—–" and not toks[k][0].startswith("§"):
        low = toks[k][0].lower()
        if (
            low in _VERBISH
            or low in _cue_table()[0]
            or (k > 0 and toks[k][0].islower() and low.endswith("ed"))
        ):
            break
        k += 1
    if 0 < k <= 8:
        chunk = _cut_affiliation(toks[:k])
        longer = parse_np(chunk)
        if longer is not None and longer.kind == "name" and (np is None or len(longer.head) > len(np.head)):
            return longer
    return np


_VERBISH = {
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "should",
    "must",
    "who",
    "which",
    "that",
    "whose",
}


def _is_title_case(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) < 2:
        return False
    main = [w for w in words if w.lower() not in _SMALL_TITLE_WORDS]
    return bool(main) and all(w[0].isupper() for w in main) and not re.search(r"[.?!,;]\s*$", text)


def _not_speech(article: Article, q: QuoteSpan) -> str | None:
    text = article.text
    pa, _ = article.paragraph_spans[q.paragraph]
    before = text[max(pa, q.open_at - 40) : q.open_at]
    if _TITLE_WORDS.search(before):
        return "title of a work (after a word such as 'film', 'book' or 'titled')"
    if _NICKNAME_WORDS.search(before):
        if re.search(r"so-called\s*$", before, re.IGNORECASE):
            return "scare quote (after 'so-called')"
        return "nickname or label (after 'known as', 'dubbed', 'called' ...)"
    prev_word = re.findall(r"[\w’'-]+", before)
    next_word = re.findall(r"^\s+([\w’'-]+)", text[q.outer_end : q.outer_end + 30])
    if (
        prev_word
        and _is_cap(prev_word[-1])
        and prev_word[-1].lower() not in FUNCTION_WORDS
        and next_word
        and _is_cap(next_word[0])
        and len(q.text.split()) <= 3
        and before.endswith(" ")
    ):
        return "nickname (between a first name and a surname)"
    if q.paragraph != 0 and _is_title_case(q.text) and not q.text.rstrip().endswith((".", "?", "!", ",")):
        return "title of a work or a name (every main word capitalised)"
    words = q.text.split()
    starts_sentence = not before.strip() or before.rstrip()[-1:] in ".?!:;—–"
    if len(words) == 1 and _is_cap(words[0]) and words[0].isalpha() and not starts_sentence:
        return "a name in quotation marks (one capitalised word inside a sentence)"
    return None


@dataclass
class _Sentence:
    paragraph: int
    start: int
    end: int


def attribute(article: Article) -> Result:
    """Find cues and speakers for every quotation and every reported statement in ``article``.

    >>> import medialit
    >>> r = attribute(medialit.load_article())
    >>> [(q.paragraph, q.speaker) for q in r.quotes][:3]
    [(0, 'Vladimir Putin'), (1, 'Vladimir Putin'), (5, 'Vladimir Putin')]
    """
    scan = find_quotes(article)
    masked = mask_quotes(article, scan.quotes)
    cues = find_cues(article, masked)
    resolver = _Resolver(article, masked)
    sentences = [_Sentence(p, a, b) for p, _n, a, b in article._sentence_spans]
    starts = [s.start for s in sentences]

    def sentence_at(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    # 1. speakers of cues, sentence by sentence (so "he" means the most recent person so far)
    cue_speaker: dict[int, tuple[Source | None, str | None]] = {}
    by_sentence: dict[int, list[Cue]] = {}
    for cue in cues:
        by_sentence.setdefault(sentence_at(cue.start), []).append(cue)
    quote_by_end = {q.outer_end: q for q in scan.quotes}
    for index, sent in enumerate(sentences):
        subject = _sentence_subject(masked, sent.start, sent.end)
        subject_source = None
        if subject is not None and subject.kind != "pronoun":
            known = resolver.registry.resolve_name(subject.head) if subject.kind == "name" else None
            person = subject.kind == "name" and classify(subject.head, subject.titles) == "person"
            role_person = (
                subject.kind == "role" and source_words().get(subject.head, {}).get("kind") == "person"
            )
            if known is not None or person or role_person or subject.kind == "group":
                subject_source = resolver.resolve(subject, subject.start)
            if subject_source is not None and sent.paragraph != 0:  # the headline is not running text
                resolver.registry.mention(subject.start, subject_source.name)
        previous: Source | None = None
        for cue in by_sentence.get(index, []):
            speaker: Source | None = None
            listener: str | None = None
            left = masked[sent.start : cue.start]
            if cue.lemma == "according to":
                np, titles = _np_after(masked, cue.end, sent.end)
                speaker = resolver.resolve(np, cue.start, titles)
            else:
                stripped = left.rstrip()
                after_quote_or_comma = stripped.endswith(("§", ",")) or not stripped
                if cue.tense == "ing" and (stripped.endswith(",") or stripped.endswith(" and")):
                    speaker = previous or subject_source
                elif after_quote_or_comma and cue.tense != "ing" and not stripped.endswith(","):
                    np, titles = _np_after(masked, cue.end, sent.end)
                    if (np is not None and np.kind != "pronoun") or (np is not None and np.kind == "pronoun"):
                        speaker = resolver.resolve(np, cue.start, titles)
                elif (
                    stripped.endswith(",")
                    and cue.tense in ("past", "3sg")
                    and re.search(r"§\s*,\s*$", stripped)
                ):
                    np, titles = _np_after(masked, cue.end, sent.end)
                    speaker = resolver.resolve(np, cue.start, titles)
                if (speaker is None and cue.tense != "ing") or (
                    speaker is None and not stripped.endswith(",")
                ):
                    np, titles = _subject_before(masked, sent.start, cue.start)
                    speaker = resolver.resolve(np, cue.start, titles)
                if speaker is None and stripped.endswith(",") and cue.tense == "ing":
                    speaker = previous or subject_source
                if speaker is None and cue.tense != "ing" and subject is not None:
                    # "He tried to sing, but instead said …": the sentence's subject
                    speaker = subject_source or (
                        resolver.resolve(subject, subject.start) if subject.kind == "pronoun" else None
                    )
                if cue.lemma == "tell" and speaker is not None:
                    lnp, _ = _np_after(masked, cue.end, sent.end)
                    if lnp is not None and lnp.kind in ("name", "role"):
                        listener = lnp.head
            if speaker is not None:
                if sent.paragraph != 0:
                    resolver.registry.mention(cue.start, speaker.name)
                previous = speaker
            cue_speaker[cue.start] = (speaker, listener)
    del quote_by_end

    # 2. quotations
    excluded: list[Excluded] = []
    attributed: list[AttributedQuote] = []
    cue_mode: dict[int, str] = {}
    cues_by_start = {c.start: c for c in cues}
    chain_speaker: dict[int, tuple[str | None, str | None, str | None]] = {}
    last_quote: AttributedQuote | None = None
    headings: list[AttributedQuote] = []
    for qi, q in enumerate(scan.quotes):
        reason = _not_speech(article, q)
        if reason is not None and not q.continued:
            excluded.append(Excluded(q.paragraph, q.text, reason))
            continue
        s_open, s_close = sentence_at(q.open_at), sentence_at(max(q.open_at, q.outer_end - 1))
        sent_a, sent_b = sentences[s_open], sentences[s_close]
        in_sentence = [c for c in cues if sent_a.start <= c.start < sent_b.end and c.paragraph == q.paragraph]
        chosen: Cue | None = None
        adjacent = False  # the cue follows the quotation closely ("“…,” he said")
        right = [c for c in in_sentence if c.start >= q.outer_end]
        if right:
            gap = masked[q.outer_end : right[0].start]
            gap_words = len(_tokens(masked, q.outer_end, right[0].start))
            if "§" not in gap and gap_words <= 7:
                chosen = right[0]
                speech_end = q.text.rstrip().endswith((",", ".", "?", "!", "…")) or gap.lstrip()[:1] in ",—–"
                adjacent = speech_end and gap_words <= 5
        if chosen is None:
            left = [c for c in in_sentence if c.end <= q.open_at]
            if left:
                chosen = left[-1]
        if chosen is None and right:
            chosen = right[0]
        if chosen is None and s_close + 1 < len(sentences):
            nxt = sentences[s_close + 1]
            if nxt.paragraph == q.paragraph and (q.close_at is not None):
                early = [
                    c
                    for c in cues
                    if nxt.start <= c.start < nxt.end
                    and len(_tokens(masked, nxt.start, c.start)) <= 5
                    and "§" not in masked[nxt.start : c.start]
                ]
                if early:
                    chosen = early[0]
        speaker_name = cue_text = via = None
        if chosen is not None:
            source, listener = cue_speaker.get(chosen.start, (None, None))
            speaker_name = source.name if source else None
            cue_text = article.text[chosen.start : chosen.end]
            sent_text_start = sentences[sentence_at(chosen.start)].start
            sent_text_end = sentences[sentence_at(chosen.start)].end
            for other in cues:
                if (
                    other.lemma == "according to"
                    and other is not chosen
                    and sent_text_start <= other.start < sent_text_end
                ):
                    other_source = cue_speaker.get(other.start, (None, None))[0]
                    if other_source is not None and other_source.name != speaker_name:
                        via = other_source.name
            if listener is not None and classify(listener) == "media":
                via = listener
            if via is None:
                m = _VIA_PATTERNS.search(masked, sent_text_start, sent_text_end)
                if m:
                    vnp, _ = _np_after(masked, m.end(), sent_text_end)
                    if vnp is not None and vnp.kind == "name" and classify(vnp.head) == "media":
                        via = vnp.head
        heading = chosen is None and _is_heading(article, q.paragraph)
        if chosen is None and not heading:
            dashed = _DASH_NAME.match(masked, q.outer_end, sent_b.end)
            if dashed:  # "“We will not give up.” — Ana Smith"
                np = parse_np(_tokens(masked, dashed.start(1), dashed.end(1)))
                source = resolver.resolve(np, q.outer_end) if np is not None else None
                speaker_name = source.name if source else None
            elif q.open_at == article.paragraph_spans[q.paragraph][0] and q.paragraph > 1:
                before = article.paragraphs[q.paragraph - 1].rstrip()
                if before.endswith(":"):  # "Smith put it this way:" then the quotation
                    speaker_name = _colon_speaker(article, masked, q.paragraph - 1, cue_speaker, resolver)
        if heading:
            # decided after the body has been read: whoever says the same words there
            aq = AttributedQuote(q, None, None, None, q.kind)
            attributed.append(aq)
            headings.append(aq)
            continue
        if speaker_name is None and q.continued and last_quote is not None:
            speaker_name, cue_text, via = last_quote.speaker, last_quote.cue, last_quote.via
        if (
            speaker_name is None
            and chosen is None
            and q.kind == "full"
            and last_quote is not None
            and q.paragraph - last_quote.paragraph <= 1
        ):
            speaker_name, via = last_quote.speaker, last_quote.via
        if speaker_name is None and q.kind == "partial" and reason is None and not adjacent:
            excluded.append(
                Excluded(q.paragraph, q.text, "scare quote or unattributed words: no speaker found")
            )
            continue
        aq = AttributedQuote(q, speaker_name, cue_text, via, q.kind)
        attributed.append(aq)
        chain_speaker[qi] = (speaker_name, cue_text, via)
        if chosen is not None:
            mode = "direct quote" if q.kind == "full" else "partial quote"
            if cue_mode.get(chosen.start) != "direct quote":
                cue_mode[chosen.start] = mode
        last_quote = aq
    for aq in headings:
        aq.speaker = _heading_speaker(article, masked, aq.span, attributed, resolver)
        if aq.speaker is None:
            attributed.remove(aq)
            excluded.append(Excluded(aq.paragraph, aq.text, "words in a heading with no speaker found"))
        else:
            aq.cue = _heading_verb(article, aq.span, aq.speaker, resolver)
    # a quotation running over several paragraphs has one speaker: fill earlier parts from later ones
    for i in range(len(attributed) - 2, -1, -1):
        cur, nxt_q = attributed[i], attributed[i + 1]
        if cur.span.continues and nxt_q.span.continued and cur.speaker is None:
            cur.speaker, cur.cue, cur.via = nxt_q.speaker, nxt_q.cue, nxt_q.via

    attributions = [
        Attribution(aq.paragraph, aq.speaker, aq.cue, _connotation(aq.cue), "partial quote", aq.span.open_at)
        for aq in headings
        if aq.speaker and aq.cue and aq in attributed
    ]
    for cue in cues:
        source, listener = cue_speaker.get(cue.start, (None, None))
        if source is None:
            continue
        attributions.append(
            Attribution(
                cue.paragraph,
                source.name,
                article.text[cue.start : cue.end],
                cue.connotation,
                cue_mode.get(cue.start, "paraphrase"),
                cue.start,
                listener,
            )
        )
    del cues_by_start
    attributions.sort(key=lambda t: (t.paragraph, t.start))
    return Result(attributed, attributions, excluded, list(scan.problems), resolver.registry, cues, masked)


_DASH_NAME = re.compile(r"\s*,?\s*[—–-]\s*([^\W\d_][\w’'. -]{1,60}?)\s*[.]?\s*$")


def _colon_speaker(
    article: Article,
    masked: str,
    number: int,
    cue_speaker: dict[int, tuple[Source | None, str | None]],
    resolver: _Resolver,
) -> str | None:
    """The speaker a paragraph ending with a colon introduces: its last cue's speaker, else its subject."""
    a, b = article.paragraph_spans[number]
    for start in sorted((s for s in cue_speaker if a <= s < b), reverse=True):
        source = cue_speaker[start][0]
        if source is not None:
            return source.name
    last = [s for p, _n, s, _e in article._sentence_spans if p == number]
    if not last:
        return None
    subject = _sentence_subject(masked, last[-1], b)
    source = resolver.resolve(subject, last[-1]) if subject is not None else None
    return source.name if source else None


def _connotation(word: str) -> str:
    """The lexicon's connotation for a reporting verb form, "neutral" for any other verb."""
    row = _cue_table()[0].get(word.lower())
    return row["connotation"] if row else "neutral"


def _heading_verb(article: Article, q: QuoteSpan, speaker: str, resolver: _Resolver) -> str | None:
    """In "Putin wants ‘immediate’ talks", the word after the speaker's name that ties the words to
    them ("wants"), when it comes before the quotation."""
    a, _ = article.paragraph_spans[q.paragraph]
    head = article.text[a : q.open_at]
    source = resolver.registry.sources.get(speaker)
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


def _heading_speaker(
    article: Article, masked: str, q: QuoteSpan, attributed: list[AttributedQuote], resolver: _Resolver
) -> str | None:
    """Whose words a heading quotes, in order: the speaker of the same words in a later paragraph; a
    person named in the heading; for a title alone ("Justice Secretary"), the person the article gives
    that title. Otherwise they are not counted as anyone's words."""
    words = _norm_words(q.text)
    for other in attributed:
        below = _norm_words(other.text)
        same = words and (words == below or (len(words.split()) >= 2 and f" {words} " in f" {below} "))
        if other.paragraph > q.paragraph and other.speaker and same:
            return other.speaker
    a, b = article.paragraph_spans[q.paragraph]
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
    registry = resolver.registry
    for np in names:  # only people: a heading's quotation marks around a group's name are not speech
        if np.kind == "name":
            source = registry.resolve_name(np.head)
            if source is not None and source.kind == "person":
                return source.name
        words_ = [_bare(w).lower() for w in np.text.split() if w.lower() not in DETERMINERS]
        if words_ and words_[-1] in source_words() and source_words()[words_[-1]]["kind"] == "person":
            wanted = set(words_)
            for source in registry.sources.values():
                if source.kind == "person" and wanted <= source.titles:
                    return source.name
    for np in names:
        if np.kind == "name" and classify(np.head, np.titles) == "person":
            source = resolver.resolve(np, np.start)
            return source.name if source else None
    return None
