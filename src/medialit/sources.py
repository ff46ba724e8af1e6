"""Who is speaking: noun phrases for sources, their canonical names, and what "he" or "it" refers to.

Rules (stated for any English news article):

* **Names** are runs of capitalised words (accents allowed: ``Niinistö``), all-capital acronyms
  (``KCNA``, ``G7``) and name particles between them (``de``, ``van``, ``al``). Title words from
  ``data/lexicons/source_words.csv`` written before a name (``Russian President Vladimir Putin``)
  are not part of the name; they are remembered as the person's titles.
* **Canonical names**: a person is named by the longest form the article uses ("Vladimir Putin"),
  and a later surname alone ("Putin") means the same person. An organisation keeps a lower-case
  "the" when the article writes one ("the Kremlin").
* **Pronouns and role nouns** resolve to the most recent compatible source: ``he``/``she`` to a person,
  ``it`` to an organisation, ``they`` to a group; "the Russian president" to a source whose titles
  include "Russian" and "president".

>>> reg = Registry.from_texts(["Russian President Vladimir Putin said so.", "Putin said more."])
>>> reg.resolve_name("Putin").name
'Vladimir Putin'
>>> sorted(reg.resolve_name("Putin").titles)
['president', 'russian']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

from . import lexicons

__all__ = ["NounPhrase", "Registry", "Source", "parse_np", "source_words"]

PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "it": "organisation",
    "they": "group",
    "them": "group",
}
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"}
PARTICLES = {
    "de",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "la",
    "le",
    "du",
    "dos",
    "das",
    "y",
    "of",
}
_NAME_PARTICLES = PARTICLES - {"of"}
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
# Two or more capitalised words in a row (name particles allowed between): where full names can be.
_CAP_WORD = rf"(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}][\w’'-]{{0,2}}\.|[{_UPPER}][\w’'-]*)"
_CAP_RUN = re.compile(
    rf"(?<![\w’']){_CAP_WORD}(?:\s+(?:(?:{'|'.join(sorted(PARTICLES - {'of'}))})\s+)?{_CAP_WORD})+"
)
# Capitalised words that start sentences or clauses but never names.
FUNCTION_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "so",
    "yet",
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
    "according",
    "despite",
    "during",
    "last",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "still",
    "also",
    "then",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "with",
    "without",
    "by",
    "from",
    "to",
    "of",
    "about",
    "over",
    "under",
    "between",
    "among",
    "amid",
    "following",
    "because",
    "once",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "what",
    "who",
    "which",
    "where",
    "why",
    "how",
    "some",
    "many",
    "most",
    "several",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "only",
    "even",
    "just",
    "thousands",
    "hundreds",
    "dozens",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
}
FUNCTION_WORDS |= {"one", "two", "three", "four", "five", "another", "other", "many"}
# Lower-case words that may sit inside a source's noun phrase ("the deputy foreign minister").
MODIFIERS = {
    "deputy",
    "foreign",
    "former",
    "senior",
    "top",
    "vice",
    "prime",
    "defence",
    "defense",
    "interior",
    "state",
    "news",
    "press",
    "national",
    "federal",
    "local",
    "regional",
    "military",
    "chief",
    "general",
    "first",
    "new",
    "acting",
    "interim",
    "assistant",
    "associate",
    "executive",
    "security",
    "health",
    "finance",
    "economy",
    "trade",
    "education",
    "justice",
    "public",
    "private",
    "international",
    "western",
    "eastern",
    "junior",
    "government",
    "police",
    "white",
    "house",
    "energy",
    "environment",
    "transport",
    "space",
    "opposition",
    "ruling",
    "presidential",
    "official",
    "main",
}
# Capitalised words that mark a name as an organisation or a place, not a person.
ORG_WORDS = {
    "news",
    "agency",
    "press",
    "times",
    "post",
    "journal",
    "house",
    "ministry",
    "office",
    "department",
    "sea",
    "ocean",
    "states",
    "nations",
    "union",
    "council",
    "university",
    "party",
    "court",
    "bank",
    "group",
    "company",
    "corporation",
    "inc",
    "ltd",
    "association",
    "committee",
    "commission",
    "army",
    "navy",
    "force",
    "forces",
    "police",
    "service",
    "institute",
    "foundation",
    "organisation",
    "organization",
    "centre",
    "center",
    "hospital",
    "school",
    "college",
    "airport",
    "airlines",
    "fund",
    "network",
    "radio",
    "television",
    "tv",
    "channel",
    "broadcasting",
    "kremlin",
    "pentagon",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "government",
    "administration",
    "alliance",
    "federation",
    "league",
    "club",
    "team",
    "board",
    "authority",
    "agencies",
    "novosti",
    "street",
    "river",
    "mountains",
    "city",
    "county",
    "province",
    "republic",
    "kingdom",
    "island",
    "islands",
    "east",
    "west",
    "north",
    "south",
}
MEDIA_WORDS = {
    "news",
    "agency",
    "press",
    "times",
    "post",
    "journal",
    "radio",
    "television",
    "tv",
    "channel",
    "broadcasting",
    "broadcaster",
    "newspaper",
    "magazine",
    "novosti",
    "gazette",
    "herald",
    "tribune",
    "telegraph",
    "guardian",
    "reuters",
    "afp",
    "ap",
    "bbc",
    "cnn",
    "tass",
    "interfax",
    "xinhua",
    "kcna",
    "yonhap",
    "kyodo",
    "voa",
    "npr",
    "pbs",
    "abc",
    "cbs",
    "nbc",
    "fox",
    "sky",
    "rai",
    "itv",
    "nhk",
    "dpa",
    "efe",
    "ansa",
    "aljazeera",
    "jazeera",
}
GOVERNMENT_WORDS = {
    "kremlin",
    "pentagon",
    "white house",
    "ministry",
    "government",
    "administration",
    "department",
    "army",
    "navy",
    "military",
    "police",
    "embassy",
    "cabinet",
    "parliament",
    "congress",
    "senate",
    "downing street",
    "élysée",
    "elysee",
}

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_](?:[\w’'\-]|\.(?=[^\W\d_]))*|\d+\w*|§+|[,;:()—–]")


@cache
def title_words() -> frozenset[str]:
    """Source words written before a name as a title ("president", "minister", "dr.").

    >>> "minister" in title_words()
    True
    """
    return frozenset(w for w, r in source_words().items() if r["title"] == "yes")


@cache
def source_words() -> dict[str, dict[str, str]]:
    """The source-word lexicon as ``{word: row}`` (lower case).

    >>> source_words()["president"]["title"]
    'yes'
    """
    return {r["word"]: r for r in lexicons.rows("source_words")}


def _is_cap(token: str) -> bool:
    return bool(token) and (token[0].isupper() or (token[0].isdigit() and any(ch.isupper() for ch in token)))


def _bare(token: str) -> str:
    """A token without a possessive ending."""
    for ending in ("’s", "'s", "’", "'"):
        if token.endswith(ending) and len(token) > len(ending):
            return token[: -len(ending)]
    return token


@dataclass(frozen=True)
class NounPhrase:
    """A noun phrase that can name a source.

    ``kind`` is ``name`` (a proper name), ``pronoun``, ``role`` (a role noun such as "the ministry"),
    or ``group`` (two phrases joined by "and").
    """

    text: str
    start: int
    end: int
    kind: str
    head: str  # the name (titles removed), the pronoun, or the role noun
    titles: frozenset[str] = frozenset()
    parts: tuple[NounPhrase, ...] = ()


def _title_split(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split capitalised tokens into (titles and modifiers, name)."""
    words = source_words()
    last_title = -1
    for i, tok in enumerate(tokens):
        low = _bare(tok).lower()
        is_title = low in words and words[low]["title"] == "yes"
        two = " ".join(_bare(t).lower() for t in tokens[i : i + 2])
        if is_title or (two in words and words[two]["title"] == "yes") or low in MODIFIERS:
            last_title = i
    if last_title >= 0 and last_title < len(tokens) - 1:
        return tokens[: last_title + 1], tokens[last_title + 1 :]
    return [], tokens


_ADJECTIVE_ENDINGS = ("ish", "ian", "an", "ese", "i", "ic", "ch")


def _only_titles(run: list[str]) -> bool:
    """True when every word is a title or modifier (a nationality-like adjective may come first)."""
    lows = [_bare(w).lower() for w in run]
    words = source_words()
    if not (lows[-1] in words and words[lows[-1]]["title"] == "yes"):
        return False
    for i, low in enumerate(lows[:-1]):
        if low in title_words() or low in MODIFIERS:
            continue
        if i == 0 and (low.endswith(_ADJECTIVE_ENDINGS) or run[0].isupper()):
            continue
        return False
    return True


def parse_np(tokens: list[tuple[str, int, int]]) -> NounPhrase | None:
    """Read a list of ``(word, start, end)`` tokens as one source noun phrase (None if it is not one).

    >>> toks = [(m.group(), m.start(), m.end()) for m in _WORD.finditer("Russian President Vladimir Putin")]
    >>> np = parse_np(toks)
    >>> np.kind, np.head, sorted(np.titles)
    ('name', 'Vladimir Putin', ['president', 'russian'])
    """
    if not tokens:
        return None
    words = [t[0] for t in tokens]
    text_start, text_end = tokens[0][1], tokens[-1][2]
    text = " ".join(words)
    lows = [w.lower() for w in words]
    # "X and Y" where both are noun phrases
    if "and" in lows and 0 < lows.index("and") < len(lows) - 1:
        k = lows.index("and")
        left, right = parse_np(tokens[:k]), parse_np(tokens[k + 1 :])
        if left and right:
            return NounPhrase(text, text_start, text_end, "group", text, parts=(left, right))
        return right
    if len(words) == 1 and lows[0] in PRONOUNS:
        return NounPhrase(text, text_start, text_end, "pronoun", lows[0])
    lexicon = source_words()
    caps = [i for i, w in enumerate(words) if _is_cap(w) and w.lower() not in FUNCTION_WORDS]
    if (
        len(caps) == 1
        and caps[0] == len(words) - 1
        and lexicon.get(_bare(words[-1]).lower(), {}).get("title") == "no"
        and (len(words) == 1 or words[0].lower() in DETERMINERS | {"one", "another", "some"})
    ):
        caps = []  # "Officials said", "Police said": a role noun that starts a sentence
    if caps:
        # the name: the last run of capitalised words (with particles between them)
        end_i = caps[-1]
        begin_i = end_i
        while begin_i - 1 >= 0 and (
            (
                _is_cap(words[begin_i - 1])
                and words[begin_i - 1].lower() not in FUNCTION_WORDS
                and not words[begin_i - 1].endswith(("’s", "'s"))
            )
            or (words[begin_i - 1].lower() in PARTICLES and begin_i - 2 >= 0 and _is_cap(words[begin_i - 2]))
        ):
            begin_i -= 1
        run = words[begin_i : end_i + 1]
        titles, name = _title_split(run)
        if end_i == len(words) - 1 and _only_titles(run):
            # "Scottish Justice Secretary", "the Russian President": a title with no name after it
            lows = [_bare(w).lower() for w in words if w.lower() not in DETERMINERS]
            return NounPhrase(text, text_start, text_end, "role", lows[-1], titles=frozenset(lows[:-1]))
        if end_i < len(words) - 1:
            # a role noun after the name: "the Russian army", "Foreign Ministry spokeswoman"
            tail = [_bare(w).lower() for w in words[end_i + 1 :]]
            if tail and tail[-1] in lexicon:
                return NounPhrase(
                    text,
                    text_start,
                    text_end,
                    "role",
                    tail[-1],
                    titles=frozenset(_bare(w).lower() for w in words[:-1] if w.lower() not in DETERMINERS),
                )
        if not name:
            return None
        before = [_bare(w).lower() for w in words[:begin_i] if w.lower() not in DETERMINERS]
        all_titles = frozenset([*(t.lower() for t in titles), *before])
        head = " ".join(_bare(w) if i == len(name) - 1 else w for i, w in enumerate(name))
        if begin_i > 0 and words[begin_i - 1].lower() == "the" and not titles:
            head = "the " + head
        return NounPhrase(text, text_start, text_end, "name", head, titles=all_titles)
    # a role noun: "the ministry", "The Russian president", "officials"
    last = _bare(words[-1]).lower()
    two = " ".join(_bare(w).lower() for w in words[-2:])
    role = two if two in lexicon else last
    if role in lexicon:
        mods = frozenset(_bare(w).lower() for w in words[:-1] if w.lower() not in DETERMINERS)
        return NounPhrase(text, text_start, text_end, "role", role, titles=mods)
    return None


@dataclass
class Source:
    """One source in the article: canonical name, kind, the forms used for it, and its titles."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    number: str = "singular"

    edits: ClassVar[list[int]] = [0]  # bumped on every new alias, so registries know to re-index

    def add_alias(self, alias: str) -> None:
        """Remember another form the article uses for this source (no duplicates, no pronouns).

        >>> s = Source("Vladimir Putin", "person")
        >>> s.add_alias("Putin"); s.add_alias("he"); s.add_alias("Putin")
        >>> s.aliases
        ['Putin']
        """
        alias = alias.strip()
        if alias and alias != self.name and alias not in self.aliases and alias.lower() not in PRONOUNS:
            self.aliases.append(alias)
            Source.edits[0] += 1


def classify(head: str, titles: frozenset[str] | set[str] = frozenset()) -> str:
    """The kind of a named source: person, government, institution, media or vague collective.

    >>> classify("Vladimir Putin", {"president"}), classify("the Kremlin"), classify("RIA Novosti")
    ('person', 'government', 'media')
    """
    low = head.lower().removeprefix("the ").strip()
    tokens = [_bare(t) for t in low.split()]
    if any(t in MEDIA_WORDS for t in tokens) or low in MEDIA_WORDS:
        return "media"
    if low in GOVERNMENT_WORDS or any(t in GOVERNMENT_WORDS for t in tokens):
        return "government"
    lexicon = source_words()
    if tokens and tokens[-1] in lexicon and lexicon[tokens[-1]]["kind"] != "person":
        return lexicon[tokens[-1]]["kind"]
    if any(t in ORG_WORDS for t in tokens):
        return "institution"
    original = head.removeprefix("the ").strip()
    if original.isupper() or any(ch.isdigit() for ch in original):
        return "institution"
    person_title = any(t in lexicon and lexicon[t]["kind"] == "person" for t in titles)
    if head.startswith("the "):
        return "institution"
    if person_title or len(tokens) >= 2:
        return "person"
    return "government"  # a single name that is not a person: a country or capital speaking


@cache
def _speech_forms() -> frozenset[str]:
    return frozenset(r["form"] for r in lexicons.rows("reporting_verbs") if " " not in r["form"])


_WORD_BEFORE = re.compile(r"([\w’']+)[\s,]*$")
_LOWER_WORDS = re.compile(r"[a-z]+")


def _person_context(text: str, a: int, b: int) -> bool:
    """Signs that the capitalised words at ``text[a:b]`` name a person, not a place or a thing: a role
    noun just before ("singer Meat Loaf", "minister, Sergei Ryabkov"), a reporting verb just after
    ("Ana Lopez said", "Ana Lopez, 45, told"), or an age or description between commas after it."""
    before = _WORD_BEFORE.search(text[max(0, a - 30) : a])
    if before and _bare(before.group(1)).lower() in source_words():
        return True
    after = text[b : b + 60]
    if re.match(r"\s*,\s*(?:\d{1,3}|a|an|the|who)\b", after):
        return True
    return any(w in _speech_forms() for w in _LOWER_WORDS.findall(after)[:3])


class Registry:
    """The sources of one article: names, aliases and titles, and who was mentioned most recently."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self._people_by_surname: dict[str, str] = {}
        self.recent: list[tuple[int, str]] = []  # (offset, canonical name) of salient mentions
        self._by_key: dict[str, str] = {}

    @classmethod
    def from_texts(cls, texts: list[str]) -> Registry:
        """Build a registry of every person named in full (two or more name words) in ``texts``.

        >>> Registry.from_texts(["US President Joe Biden warned."]).resolve_name("Biden").kind
        'person'
        """
        reg = cls()
        for text in texts:
            reg.scan(text, 0)
        return reg

    def scan(self, text: str, base: int) -> None:
        """Register full personal names found in ``text`` (offsets shifted by ``base``).

        >>> reg = Registry(); reg.scan("The Tippu Express left. Ana Lopez, 45, said so.", 0)
        >>> list(reg.sources)
        ['Ana Lopez']

        A name is a run of capitalised words with only spaces (and name particles) between them:
        a full stop, comma or other mark ends it.
        """
        for region in _CAP_RUN.finditer(text):
            tokens = [
                (m.group(), m.start() + base, m.end() + base)
                for m in _WORD.finditer(text, region.start(), region.end())
            ]
            self._scan_run(tokens, text, base)

    def _scan_run(self, tokens: list[tuple[str, int, int]], text: str, base: int) -> None:
        def joined(j: int) -> bool:  # only white space between token j and token j + 1
            return not text[tokens[j][2] - base : tokens[j + 1][1] - base].strip()

        i = 0
        while i < len(tokens):
            if _is_cap(tokens[i][0]) and tokens[i][0].lower() not in FUNCTION_WORDS:
                j = i
                while (
                    j + 1 < len(tokens)
                    and joined(j)
                    and (
                        (
                            _is_cap(tokens[j + 1][0])
                            and tokens[j + 1][0].lower() not in FUNCTION_WORDS
                            and not tokens[j][0].endswith(("’s", "'s"))
                        )
                        or (
                            tokens[j + 1][0].lower() in _NAME_PARTICLES
                            and j + 2 < len(tokens)
                            and _is_cap(tokens[j + 2][0])
                        )
                    )
                ):
                    j += 1
                # one capitalised word alone cannot be a full name or carry a title
                np = parse_np(tokens[i : j + 1]) if j > i else None
                if np is not None and np.kind == "name":
                    name_words = np.head.split()
                    has_title = bool(np.titles & title_words())
                    a, b = tokens[i][1] - base, tokens[j][2] - base
                    if (
                        (len(name_words) >= 2 or has_title)
                        and classify(np.head, np.titles) == "person"
                        and (has_title or _person_context(text, a, b))
                    ):
                        self.add(np.head, "person", np.titles)
                i = j + 1
            else:
                i += 1

    def add(
        self, name: str, kind: str, titles: frozenset[str] | set[str] = frozenset(), number: str = "singular"
    ) -> Source:
        """Register (or update) a source and return it; a fuller name of a known person renames it.

        >>> reg = Registry()
        >>> reg.add("Putin", "person").name, reg.add("Vladimir Putin", "person").name
        ('Putin', 'Vladimir Putin')
        >>> reg.sources["Vladimir Putin"].aliases
        ['Putin']
        """
        name = name.strip()
        if kind == "person":
            surname = name.split()[-1]
            existing = self._people_by_surname.get(surname.lower())
            if (
                existing
                and len(existing.split()) > 1
                and len(name.split()) > 1
                and existing.split()[0].lower() != name.split()[0].lower()
            ):
                existing = None  # "Issa Sall" is not "Macky Sall": two people who share a surname
            elif existing and existing != name:
                source = self.sources[existing]
                if len(name.split()) > len(existing.split()):  # a fuller form: rename
                    del self.sources[existing]
                    source.name = name
                    source.add_alias(existing)
                    self.sources[name] = source
                    self._by_key[self._key(name)] = name
                    self._people_by_surname[surname.lower()] = name
                else:
                    source.add_alias(name)
                source.titles |= set(titles)
                return source
            self._people_by_surname.setdefault(surname.lower(), name)
        key = self._key(name)
        existing = self._by_key.get(key)
        if existing is not None and existing in self.sources:
            source = self.sources[existing]
            source.titles |= set(titles)
            return source
        self._by_key[key] = name
        source = Source(name, kind, titles=set(titles), number=number)
        self.sources[name] = source
        return source

    @staticmethod
    def _key(name: str) -> str:
        return name.lower().removeprefix("the ").strip()

    def _index(self) -> dict[str, Source]:
        """Canonical names and aliases (lower case, no leading "the") -> source; rebuilt when it grows."""
        size = (len(self.sources), Source.edits[0])
        if getattr(self, "_index_size", None) != size:
            index: dict[str, Source] = {}
            for name, source in self.sources.items():
                for alias in source.aliases:
                    index.setdefault(self._key(alias), source)
                index[self._key(name)] = source
            self._index_cache, self._index_size = index, size
        return self._index_cache

    def resolve_name(self, head: str) -> Source | None:
        """The registered source a name refers to (a surname finds the full name), or None.

        >>> reg = Registry(); _ = reg.add("Sergei Ryabkov", "person")
        >>> reg.resolve_name("Ryabkov").name, reg.resolve_name("Lavrov")
        ('Sergei Ryabkov', None)
        """
        head = head.strip()
        found = self._index().get(self._key(head))
        if found is not None:
            return found
        surname = head.split()[-1].lower() if head.split() else ""
        if surname in self._people_by_surname:
            full = self._people_by_surname[surname]
            first = head.split()[0].lower()
            if len(head.split()) == 1 or first in (w.lower() for w in full.split()):
                return self.sources[full]
        return None

    def mention(self, offset: int, name: str) -> None:
        """Note that ``name`` was a subject or speaker at ``offset`` (for pronouns and role nouns).

        >>> reg = Registry(); _ = reg.add("Ana Lopez", "person"); reg.mention(10, "Ana Lopez")
        >>> reg.most_recent(20, "person").name
        'Ana Lopez'
        """
        self.recent.append((offset, name))

    def most_recent(
        self, before: int, want: str, role: str | None = None, modifiers: frozenset[str] = frozenset()
    ) -> Source | None:
        """The most recent compatible source mentioned before ``before``.

        ``want`` is ``person``, ``organisation`` or ``group``; a ``role`` noun ("president") prefers a
        source with that title (and the given ``modifiers``, such as "russian").

        >>> reg = Registry()
        >>> _ = reg.add("Vladimir Putin", "person", {"russian", "president"})
        >>> _ = reg.add("Emmanuel Macron", "person", {"french", "president"})
        >>> reg.mention(1, "Vladimir Putin"); reg.mention(2, "Emmanuel Macron")
        >>> reg.most_recent(9, "person", role="president", modifiers=frozenset({"russian"})).name
        'Vladimir Putin'
        """
        # mentions are noted in reading order, so walk them backwards
        candidates = [
            name for offset, name in reversed(self.recent) if offset < before and name in self.sources
        ]

        def fits(source: Source) -> bool:
            if want == "person":
                return source.kind == "person"
            if want == "group":
                return source.number == "plural" or source.kind == "vague collective"
            return source.kind != "person" and source.number != "plural"

        if role is not None:
            for strict in (True, False):
                for name in candidates:
                    source = self.sources[name]
                    need = {role} | (set(modifiers) if strict else set())
                    if fits(source) and need <= source.titles:
                        return source
            for name in candidates:
                source = self.sources[name]
                if role in source.titles or role in source.name.lower().split():
                    return source
            return None
        for name in candidates:
            if fits(self.sources[name]):
                return self.sources[name]
        return None
