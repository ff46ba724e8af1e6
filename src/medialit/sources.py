"""Who is speaking: noun phrases for sources, their canonical names, and what "he" or "it" refers to.

Rules (stated for any English news article):

* **Names** are runs of capitalised words (accents allowed: ``Niinistö``), all-capital acronyms
  (``KCNA``, ``G7``) and name particles between them (``de``, ``van``, ``al``). Title words from
  ``data/lexicons/source_words.csv`` written before a name (``Russian President Vladimir Putin``)
  are not part of the name; they are remembered as the person's titles. The small words these rules
  read (determiners, particles, words that mark a media outlet or a government) are in
  ``data/lexicons/name_words.csv``.
* **Canonical names**: a person is named by the longest form the article uses ("Vladimir Putin"),
  and a later surname alone ("Putin") means the same person. An organisation keeps a lower-case
  "the" when the article writes one ("the Kremlin").
* **Pronouns and role nouns** (``data/lexicons/pronouns.csv``) resolve to the most recent compatible
  source: ``he``/``she`` to a person, ``it`` to an organisation, ``they`` to a group. Sentences are read
  backwards from the pronoun; in each, the subject or speaker comes before other people named there, and
  a subject or speaker of the last two sentences before anyone named there in passing.
  A person's gender counts only where the text states it (Mrs., spokeswoman, "X said she ..."):
  ``she`` skips a person the text calls "he"; a pronoun later in a person's own sentence ("Pat Moseley
  lit the menorah without her husband") only rules the other pronoun out, but an object ("Park agreed
  with her") is someone else and states nothing about the subject. "The Russian president" goes
  to a source whose titles include "Russian" and "president" ("the vice president": both words).
* **Other forms of a name**: a family name written first ("Ban" for Ban Ki-moon, "Xi" for Xi Jinping),
  an organisation's initials ("the U.N." and "the United Nations" are one source, named in full).

>>> reg = Registry.from_texts(["Russian President Vladimir Putin said so.", "Putin said more."])
>>> reg.resolve_name("Putin").name
'Vladimir Putin'
>>> sorted(reg.resolve_name("Putin").titles)
['president', 'russian']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from . import lexicons

__all__ = [
    "NAME_WORDS",
    "NounPhrase",
    "Registry",
    "Source",
    "classify",
    "parse_np",
    "pronouns",
    "source_words",
]

#: The classes of ``data/lexicons/name_words.csv``, read on first use.
NAME_WORDS = lexicons.WordClasses(
    "name_words",
    not_names="not a name",
    suffixes="name suffix",
    determiners="determiner",
    particles="name particle",
    modifiers="modifier",
    org_words="organisation or place",
    media_words="media",
    government_words="government",
)

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAP_WORD = rf"(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}][\w’'-]{{0,2}}\.|[{_UPPER}][\w’'-]*)"
_WORD_PARTS = r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w’'\-]*+(?:\.(?=[^\W\d_])[\w’'\-]*+)*+|@\w+|\d+\w*|§+|[,;:()—–]"
_ADJECTIVE_ENDINGS = ("ish", "ian", "an", "ese", "i", "ic", "ch")


_WORD_RE = re.compile(_WORD_PARTS)


@cache
def _dotted_titles() -> frozenset[str]:
    titles = {w[:-1] for w in source_words() if w.endswith(".")}
    return frozenset(titles | {w[:-1] for w in NAME_WORDS.suffixes if w.endswith(".")})


class ReadText(str):
    """A text that remembers its words: read once, then sliced by offset. The rules ask for the words of
    many overlapping stretches of the same text (the article with its quotations masked)."""

    words: list[tuple[str, int, int]]
    starts: list[int]

    def words_between(self, a: int, b: int) -> list[tuple[str, int, int]]:
        """The words that start at ``a`` or later and end by ``b``."""
        if not hasattr(self, "words"):
            self.words = tokens(self)
            self.starts = [w[1] for w in self.words]
        i, j = bisect_left(self.starts, a), bisect_left(self.starts, b)
        while j > i and self.words[j - 1][2] > b:
            j -= 1
        return self.words[i:j]


def words_between(text: str, a: int, b: int) -> list[tuple[str, int, int]]:
    """The words of ``text[a:b]`` (read once when ``text`` is a :class:`ReadText`)."""
    if isinstance(text, ReadText):
        return text.words_between(a, b)
    return tokens(text, a, b)


def tokens(text: str, a: int = 0, b: int | None = None) -> list[tuple[str, int, int]]:
    """The words of ``text[a:b]`` as ``(word, start, end)``: abbreviated titles keep their full stop
    ("Gen.", "Sgt."), and so do initials inside a name ("Raymond T. Odierno"); "U.S." is one word;
    punctuation that ends a phrase is a word of its own; quotations masked as "§" are one word.

    >>> [t[0] for t in tokens("Army Gen. Raymond T. Odierno, the U.S. chief, said")]
    ['Army', 'Gen.', 'Raymond', 'T.', 'Odierno', ',', 'the', 'U.S.', 'chief', ',', 'said']
    """
    end = len(text) if b is None else b
    dotted = _dotted_titles()
    out = []
    for m in _WORD_RE.finditer(text, a, end):
        word, s, e = m.group(), m.start(), m.end()
        if e + 1 < len(text) and text[e] == "." and (text[e + 1].isspace() or text[e + 1] in ",;:"):
            initial = (
                word.isupper() and len(word) == 1 and text[e + 1] == " " and text[e + 2 : e + 3].isalpha()
            )
            if initial or word.lower() in dotted:
                word, e = word + ".", e + 1
        out.append((word, s, e))
    return out


@cache
def _cap_run() -> re.Pattern[str]:
    """Two or more capitalised words in a row (name particles allowed between): where full names can be."""
    particles = "|".join(sorted(NAME_WORDS.particles))
    joined = rf"(?:(?:{particles})-)?{_CAP_WORD}"  # "al-Hatoum": a particle joined by a hyphen
    return re.compile(rf"(?<![\w’']){_CAP_WORD}(?:\s+(?:(?:{particles})\s+)?{joined})+")


def _is_particle(low: str) -> bool:
    """A lower-case word that may join the words of a name or role: "de", "van", and "of"."""
    return low == "of" or low in NAME_WORDS.particles


@cache
def pronouns() -> dict[str, dict[str, str]]:
    """The pronoun lexicon as ``{pronoun: row}``.

    >>> pronouns()["she"]["refers_to"], pronouns()["she"]["gender"]
    ('person', 'female')
    """
    return {r["pronoun"]: r for r in lexicons.rows("pronouns") if r["case"] in ("subject", "object")}


@cache
def gender_words() -> dict[str, str]:
    """Pronouns that state a person's gender ("he", "his", "herself") -> that gender.

    >>> gender_words()["his"], gender_words()["herself"]
    ('male', 'female')
    """
    rows = lexicons.rows("pronouns")
    return {r["pronoun"]: r["gender"] for r in rows if r["gender"] in ("male", "female")}


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
    """Written like a name: a capital first letter, a number with capitals ("G7"), or a handle ("@ivan")."""
    if not token:
        return False
    first = token[0]
    if first.isupper() or first == "@" or (first.isdigit() and any(ch.isupper() for ch in token)):
        return True
    # "al-Hatoum", "bin-Ali": a lower-case name particle joined by a hyphen to a capitalised name
    particle, hyphen, rest = token.partition("-")
    return bool(hyphen) and rest[:1].isupper() and particle.lower() in NAME_WORDS.particles


def _bare(token: str) -> str:
    """A token without a possessive ending."""
    for ending in ("’s", "'s", "’", "'"):
        if token.endswith(ending) and len(token) > len(ending):
            return token[: -len(ending)]
    return token


def _is_name_word(token: str) -> bool:
    return _is_cap(token) and token.lower() not in NAME_WORDS.not_names


def gender_of(titles: frozenset[str] | set[str]) -> str | None:
    """The gender a person's titles state ("spokeswoman", "mrs."), or None when they state none.

    >>> gender_of({"spokeswoman", "russian"}), gender_of({"president"})
    ('female', None)
    """
    words = source_words()
    found = {words[t]["gender"] for t in titles if t in words and words[t]["gender"]}
    return found.pop() if len(found) == 1 else None


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


def _is_title(low: str) -> bool:
    """A title word ("president"), also inside a hyphenated title ("vice-president", "major-general")."""
    row = source_words().get(low)
    if row is None and "-" in low:
        return any(_is_title(part) for part in low.split("-") if part)
    return row is not None and row["title"] == "yes"


def _is_person_role(low: str) -> bool:
    """A singular noun for a person ("activist", "blogger"): before a name it works as a title."""
    row = source_words().get(low)
    return row is not None and row["kind"] == "person" and row["number"] == "singular"


def _title_split(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split capitalised tokens into (titles and modifiers, name)."""
    last_title = -1
    for i, tok in enumerate(tokens):
        low = _bare(tok).lower()
        two = " ".join(_bare(t).lower() for t in tokens[i : i + 2])
        if _is_title(low) or _is_title(two) or low in NAME_WORDS.modifiers or _is_person_role(low):
            last_title = i
    if 0 <= last_title < len(tokens) - 1:
        return tokens[: last_title + 1], tokens[last_title + 1 :]
    return [], tokens


def _only_titles(run: list[str]) -> bool:
    """True when every word is a title or modifier (a nationality-like adjective may come first)."""
    lows = [_bare(w).lower() for w in run]
    if not _is_title(lows[-1]):
        return False
    for i, low in enumerate(lows[:-1]):
        if low in title_words() or low in NAME_WORDS.modifiers:
            continue
        if i == 0 and (low.endswith(_ADJECTIVE_ENDINGS) or run[0].isupper()):
            continue
        return False
    return True


def _without_determiners(words: list[str]) -> list[str]:
    return [_bare(w).lower() for w in words if w.lower() not in NAME_WORDS.determiners]


def _name_run(words: list[str], end_i: int) -> int:
    """Where the run of name words that ends at ``words[end_i]`` begins (particles allowed inside)."""
    begin_i = end_i
    while begin_i > 0:
        prev = words[begin_i - 1]
        joins_name = _is_name_word(prev) and not prev.endswith(("’s", "'s"))
        particle = _is_particle(prev.lower()) and begin_i >= 2 and _is_cap(words[begin_i - 2])
        if not (joins_name or particle):
            break
        begin_i -= 1
    return begin_i


def _name_np(tokens: list[tuple[str, int, int]], caps: list[int]) -> NounPhrase | None:
    """The noun phrase for tokens that contain capitalised words: a name, or a titled role."""
    words = [t[0] for t in tokens]
    start, end, text = tokens[0][1], tokens[-1][2], " ".join(words)
    end_i = caps[-1]
    begin_i = _name_run(words, end_i)
    run = words[begin_i : end_i + 1]
    if end_i == len(words) - 1 and _only_titles(run):
        # "Scottish Justice Secretary", "the Russian President": a title with no name after it
        lows = _without_determiners(words)
        return NounPhrase(text, start, end, "role", lows[-1], titles=frozenset(lows[:-1]))
    if end_i < len(words) - 1:
        # a role noun after the name: "the Russian army", "Foreign Ministry spokeswoman"
        tail = [_bare(w).lower() for w in words[end_i + 1 :]]
        if len(tail) == 1 and tail[0] in lexicons.words("clause_words", "document"):
            # "Global Times's editorial", "The China Daily commentary": the paper speaks
            return _name_np(tokens[: end_i + 1], [c for c in caps if c <= end_i])
        if tail and tail[-1] in source_words():
            titles = frozenset(_without_determiners(words[:-1]))
            return NounPhrase(text, start, end, "role", tail[-1], titles=titles)
    last = _bare(run[-1]).lower()
    if source_words().get(last, {}).get("kind", "person") != "person" or last in NAME_WORDS.org_words:
        # "the Foreign Ministry", "the State Department": an organisation's name, not a title and a name
        run_titles: list[str] = []
        name = run
    else:
        run_titles, name = _title_split(run)
    while len(name) > 1 and name[-1].lower().rstrip(",") in NAME_WORDS.suffixes:
        name = name[:-1]  # "Joseph F. Dunford Jr." is named "Joseph F. Dunford"
    if not name:
        return None
    all_titles = frozenset([*(t.lower() for t in run_titles), *_without_determiners(words[:begin_i])])
    head = " ".join(_bare(w) if i == len(name) - 1 else w for i, w in enumerate(name))
    office = _bare(words[begin_i - 2]).lower() if begin_i >= 2 and words[begin_i - 1] == "of" else ""
    if (
        not run_titles
        and source_words().get(office, {}).get("kind") == "person"
        and classify(head) in ("government", "institution", "media")
    ):
        # "the mayor of Springfield", "the governor of Texas": the office is the speaker, not the place
        return NounPhrase(text, start, end, "role", office, titles=frozenset({"of"}))
    if begin_i > 0 and words[begin_i - 1].lower() == "the" and not run_titles:
        head = "the " + head
    return NounPhrase(text, start, end, "name", head, titles=all_titles)


def _role_np(tokens: list[tuple[str, int, int]]) -> NounPhrase | None:
    """A role noun with no name: "the ministry", "The Russian president", "officials"."""
    words = [t[0] for t in tokens]
    last = _bare(words[-1]).lower()
    two = " ".join(_bare(w).lower() for w in words[-2:])
    role = two if two in source_words() else last
    if role not in source_words():
        return None
    mods = frozenset(_without_determiners(words[:-1]))
    return NounPhrase(" ".join(words), tokens[0][1], tokens[-1][2], "role", role, titles=mods)


def parse_np(tokens: list[tuple[str, int, int]]) -> NounPhrase | None:
    """Read a list of ``(word, start, end)`` tokens as one source noun phrase (None if it is not one).

    >>> text = "Russian President Vladimir Putin"
    >>> toks = tokens(text)
    >>> np = parse_np(toks)
    >>> np.kind, np.head, sorted(np.titles)
    ('name', 'Vladimir Putin', ['president', 'russian'])
    """
    if not tokens:
        return None
    # The reading depends only on the words, and the same names come back again and again: read each
    # sequence of words once (positions are token numbers there) and place it on these tokens.
    found = _parse_words(tuple(t[0] for t in tokens))
    return None if found is None else _placed(found, tokens)


def _placed(np: NounPhrase, tokens: list[tuple[str, int, int]]) -> NounPhrase:
    """A phrase read by :func:`_parse_words` (positions = token numbers) at the tokens' offsets."""
    parts = tuple(_placed(p, tokens) for p in np.parts)
    start, end = tokens[np.start][1], tokens[np.end - 1][2]
    return NounPhrase(np.text, start, end, np.kind, np.head, np.titles, parts)


@lru_cache(maxsize=8192)
def _parse_words(words: tuple[str, ...]) -> NounPhrase | None:
    return _parse(list(zip(words, range(len(words)), range(1, len(words) + 1), strict=True)))


def _parse(tokens: list[tuple[str, int, int]]) -> NounPhrase | None:
    words = [t[0] for t in tokens]
    lows = [w.lower() for w in words]
    if "and" in lows and 0 < lows.index("and") < len(lows) - 1:  # "X and Y" where both are noun phrases
        k = lows.index("and")
        left, right = _parse(tokens[:k]), _parse(tokens[k + 1 :])
        if left and right:
            text = " ".join(words)
            return NounPhrase(text, tokens[0][1], tokens[-1][2], "group", text, parts=(left, right))
        return right
    if len(words) == 1 and lows[0] in pronouns():
        return NounPhrase(words[0], tokens[0][1], tokens[0][2], "pronoun", lows[0])
    caps = [i for i, w in enumerate(words) if _is_name_word(w)]
    starts_sentence = len(words) == 1 or lows[0] in NAME_WORDS.determiners | {"one", "another", "some"}
    role_noun = source_words().get(_bare(lows[-1]), {}).get("title") == "no"
    if caps == [len(words) - 1] and starts_sentence and role_noun:
        caps = []  # "Officials said", "Police said": a role noun that starts a sentence
    return _name_np(tokens, caps) if caps else _role_np(tokens)


@dataclass
class Source:
    """One source in the article: canonical name, kind, the forms used for it, titles and gender."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    number: str = "singular"
    gender: str | None = None  # only where the text states it
    #: the gender a pronoun later in the person's own sentence suggests ("Moseley lit … her menorah"): it
    #: keeps "he" from a person the text calls "her", but never makes a person preferred over others
    pronoun_gender: str | None = None

    def add_alias(self, alias: str) -> bool:
        """Remember another form the article uses for this source (no duplicates, no pronouns).

        Returns True when the form is new.

        >>> s = Source("Vladimir Putin", "person")
        >>> s.add_alias("Putin"), s.add_alias("he"), s.add_alias("Putin")
        (True, False, False)
        >>> s.aliases
        ['Putin']
        """
        alias = alias.strip()
        if alias and alias != self.name and alias not in self.aliases and alias.lower() not in pronouns():
            self.aliases.append(alias)
            return True
        return False


def classify(head: str, titles: frozenset[str] | set[str] = frozenset()) -> str:
    """The kind of a named source: person, government, institution, media or vague collective.

    >>> classify("Vladimir Putin", {"president"}), classify("the Kremlin"), classify("RIA Novosti")
    ('person', 'government', 'media')
    """
    return _classify(head, frozenset(titles))


@lru_cache(maxsize=4096)
def _classify(head: str, titles: frozenset[str]) -> str:
    low = head.lower().removeprefix("the ").strip()
    tokens = [_bare(t) for t in low.split()]
    if low in NAME_WORDS.media_words or any(t in NAME_WORDS.media_words for t in tokens):
        return "media"
    if low in NAME_WORDS.government_words or any(t in NAME_WORDS.government_words for t in tokens):
        return "government"
    lexicon = source_words()
    if tokens and tokens[-1] in lexicon and lexicon[tokens[-1]]["kind"] != "person":
        return lexicon[tokens[-1]]["kind"]
    if any(t in NAME_WORDS.org_words for t in tokens):
        return "institution"
    original = head.removeprefix("the ").strip()
    if original.isupper() or any(ch.isdigit() for ch in original):
        return "institution"
    if head.startswith("the "):
        return "institution"
    if (
        len(tokens) >= 2
        or original.startswith("@")
        or any(lexicon.get(t, {}).get("kind") == "person" for t in titles)
    ):
        return "person"  # a handle ("@ivan_petrov") is someone's account
    return "government"  # a single name that is not a person: a country or capital speaking


@cache
def _speech_forms() -> frozenset[str]:
    return frozenset(r["form"] for r in lexicons.rows("reporting_verbs") if " " not in r["form"])


def _word_before(text: str, a: int, span: int = 30) -> str:
    """The last word before offset ``a``, past any spaces and commas (read backwards, not by a pattern
    anchored at the end, which would try every position)."""
    before = text[max(0, a - span) : a].rstrip(" \t\n,")
    i = len(before)
    while i and (before[i - 1].isalnum() or before[i - 1] in "’'_-"):
        i -= 1
    return before[i:]


@cache
def _gendered_later() -> re.Pattern[str]:
    """The words up to the first pronoun that states a gender ("her") in the rest of a sentence."""
    words = "|".join(sorted(gender_words(), key=len, reverse=True))
    return re.compile(rf"([^.;!?\n]*?)\b(?:{words})\b")


_CAP_PAIR = re.compile(rf"[{_UPPER}][\w’'-]+\s+[{_UPPER}]")


_AGE_BEFORE = re.compile(r"\byears?[- ]old\s*$|\baged?\s+\d{1,3}\s*,?\s*$", re.IGNORECASE)
_LOWER_WORDS = re.compile(r"[a-z]+")


_PLACE_BEFORE = frozenset(["of", "in", "from", "at", "near"])
# "Among them was Ahmad al-Hatoum", "Among the injured were …": one of the people just counted
_AMONG_BEFORE = re.compile(
    r"\bamong\s+(?:them|those|the\s+[\w-]+)\s*,?\s+(?:was|were|is|are)\s*$", re.IGNORECASE
)
# "one unemployed American, Dana Stevens": a person described by where they come from, then named
_ONE_OF_A_PEOPLE = re.compile(
    r"\b(?:a|an|one|another)\s+(?:[a-z-]+\s+){0,2}[A-Z][a-z]+(?:an|ese|ish|i|ch)\s*,\s*$"
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
_STATE_AFTER = re.compile(rf"\s*,\s*[{_UPPER}][\w.]*(?:\s+[{_UPPER}][\w.]*)?\s*(?:[,.;]|$)")


def _person_context(text: str, a: int, b: int) -> bool:
    """Signs that the capitalised words at ``text[a:b]`` name a person, not a place or a thing: a role
    noun just before ("singer Meat Loaf", "minister, Sergei Ryabkov"), a reporting verb just after
    ("Ana Lopez said", "Ana Lopez, 45, told"), or an age or description between commas after it."""
    if _bare(_word_before(text, a)).lower() in source_words():
        return True
    if _AGE_BEFORE.search(text[max(0, a - 30) : a]):  # "69-year-old Josep Maria"
        return True
    if _AMONG_BEFORE.search(text[max(0, a - 40) : a]) or _ONE_OF_A_PEOPLE.search(text[max(0, a - 60) : a]):
        return True
    after = text[b : b + 60]
    if _word_before(text, a).lower() in _PLACE_BEFORE and _STATE_AFTER.match(after):
        return False  # "a native of Avon Lake, Ohio, …", "from San Antonio, Texas, said": a town, a state
    if re.match(r"\s*,\s*(?:\d{1,3}|a|an|the|who)\b", after):
        return True
    role = re.match(r"\s*,\s*([a-z]+)\b", after)  # "Rene Hidding, leader of the opposition, said"
    if role and source_words().get(role.group(1), {}).get("kind") == "person":
        return True
    # a reporting verb in the same sentence ("in the Gaza Strip. Palestinian officials say" is a place)
    if any(w in _speech_forms() for w in _LOWER_WORDS.findall(_SENTENCE_END.split(after, 1)[0])[:3]):
        return True
    # "Pat Moseley lit the menorah without her husband": "her" later in the sentence, no other name between
    later = _gendered_later().match(text, b, min(len(text), b + 160))
    return later is not None and not _CAP_PAIR.search(later.group(1))


def _name_word_runs(tokens: list[tuple[str, int, int]], text: str, base: int) -> Iterator[tuple[int, int]]:
    """``(i, j)`` for every run ``tokens[i..j]`` of name words with only spaces between them."""

    def joined(j: int) -> bool:  # only white space between token j and token j + 1
        return not text[tokens[j][2] - base : tokens[j + 1][1] - base].strip()

    def continues(j: int) -> bool:
        nxt = tokens[j + 1][0]
        if _is_name_word(nxt) and not tokens[j][0].endswith(("’s", "'s")):
            return True
        return nxt.lower() in NAME_WORDS.particles and j + 2 < len(tokens) and _is_cap(tokens[j + 2][0])

    i = 0
    while i < len(tokens):
        if not _is_name_word(tokens[i][0]):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and joined(j) and continues(j):
            j += 1
        yield i, j
        i = j + 1


_TITLE_OF = re.compile(rf"\b([{_UPPER}][a-z]+) of\s+$")  # "Mayor of ", "Minister of "
_INITIAL = re.compile(rf"[{_UPPER}]\.")


def name_words_at_end(words: list[str]) -> int:
    """How many of the last ``words`` are a person's name when an office and its place come first: two,
    or three with a middle initial ("Robert M. Gates").

    >>> name_words_at_end(["London", "Sadiq", "Khan"]), name_words_at_end(["Defense", "Bob", "M.", "Gates"])
    (2, 3)
    """
    return 2 + sum(1 for w in words[-3:-1] if _INITIAL.fullmatch(w))


def _name_after_office(text: str, found: list[tuple[str, int, int]], i: int, j: int, base: int) -> int:
    """Where the name starts in the run ``found[i..j]`` of "Mayor of London Sadiq Khan said": after an
    office and "of", a run that ends where the sentence goes on (a reporting verb, a comma) holds the
    place and then the name, so the name is its last words. Elsewhere (a headline) the run is kept."""
    if j - i < 2:
        return i
    a, b = found[i][1] - base, found[j][2] - base
    office = _TITLE_OF.search(text[max(0, a - 40) : a])
    words = [t[0] for t in found[i : j + 1]]
    if (
        office is None
        or not _is_title(office.group(1).lower())
        or any(_is_title(_bare(w).lower()) for w in words)
    ):
        return i  # no office before, or a title inside the run that splits it already ("of Staff Gen. …")
    after = re.match(r"\s*(,|[a-z]+)", text[b : b + 20])
    if after is None or (after.group(1) != "," and after.group(1) not in _speech_forms()):
        return i
    return max(i, j + 1 - name_words_at_end(words))


def person_names(text: str, base: int = 0, *, start: int = 0, end: int | None = None) -> Iterator[NounPhrase]:
    """Full personal names in ``text``: two or more name words (or a title and a name) that the context
    shows to be a person. Offsets are shifted by ``base``.

    >>> [np.head for np in person_names("The Tippu Express left. Ana Lopez, 45, said so.")]
    ['Ana Lopez']

    A name is a run of capitalised words with only spaces (and name particles) between them:
    a full stop, comma or other mark ends it.
    """
    for region in _cap_run().finditer(text, start, len(text) if end is None else end):
        found = [(w, a + base, b + base) for w, a, b in words_between(text, region.start(), region.end())]
        for i, j in _name_word_runs(found, text, base):
            i = _name_after_office(text, found, i, j, base)
            np = parse_np(found[i : j + 1]) if j > i else None  # one word alone is no full name
            if np is None or np.kind != "name":
                continue
            has_title = bool(np.titles & title_words())
            a, b = found[i][1] - base, found[j][2] - base
            if (
                (len(np.head.split()) >= 2 or has_title)
                and classify(np.head, np.titles) == "person"
                and (has_title or _person_context(text, a, b))
            ):
                yield np


_DESCRIPTION = re.compile(
    r"\s*,\s*(?:the\s+|a\s+|an\s+)?((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s*(?:,|\bof\b|\bfor\b|\bat\b|\bin\b|\.)"
)


def _described_as(text: str, a: int, b: int) -> frozenset[str]:
    """Role words the text gives a name between commas after it ("Joseph Dunford, chairman of ...") or
    just before it ("his wife, Ann Brown")."""
    found: set[str] = set()
    after = _DESCRIPTION.match(text, b)
    if after:
        found |= {w for w in after.group(1).split() if w in source_words()}
    before = _word_before(text, a)
    if before in source_words() and source_words()[before]["kind"] == "person":
        found.add(before)
    return frozenset(found)


_AGE_AFTER = re.compile(
    rf"(?<![\w’'])([{_UPPER}][^\W\d_][\w’'-]*),\s*(?:also\s+|now\s+|aged?\s+)?\d{{1,3}}(?:,|\s+years?\b)"
)


_INITIAL_HINT = re.compile(rf" [{_UPPER}]\. [{_UPPER}]")
_INITIALED = re.compile(rf"(?<![\w’'.])([{_UPPER}][a-z]+(?:\s+[{_UPPER}]\.)+\s+[{_UPPER}][a-z][\w’'-]*)")


_AGE_HINT = re.compile(r",\s*(?:also\s+|now\s+|aged?\s+)?\d")


def single_names(text: str, base: int = 0, *, start: int = 0, end: int | None = None) -> Iterator[NounPhrase]:
    """People the article names with one word and an age ("Karlos, also 44, stepped in").

    >>> [np.head for np in single_names("Karlos, also 44, stepped in. Dakar, 2019, was calm.")]
    ['Karlos']
    """
    end = len(text) if end is None else end
    if not _AGE_HINT.search(text, start, end):
        return
    for m in _AGE_AFTER.finditer(text, start, end):
        word = m.group(1)
        if word.lower() in NAME_WORDS.not_names or _is_title(word.lower()):
            continue
        yield NounPhrase(word, m.start(1) + base, m.end(1) + base, "name", word)


class Mention(NamedTuple):
    """A source named (or meant) at ``offset``; ``subject`` when it is a sentence's subject or a speaker."""

    offset: int
    name: str
    subject: bool


def _agrees(source: Source, want: str, gender: str | None = None) -> bool:
    """Does ``source`` fit a pronoun that wants a ``person``, an ``organisation`` or a ``group``?"""
    if want == "person":
        if source.kind != "person" or source.number == "plural":
            return False
        stated = source.gender or source.pronoun_gender
        return not (gender and stated and stated != gender)
    if want == "group":
        return source.number == "plural" or source.kind == "vague collective"
    return source.kind != "person" and source.number != "plural"


#: how many sentences back "he", "she", "it" or "they" may look for the source they stand for
_PRONOUN_WINDOW = 25
#: how many sentences back a subject or speaker is preferred to a person named in passing for "he" or "she"
_SUBJECT_WINDOW = 2
#: how many sentences back a person whose gender the text states is preferred for "he" or "she"
_GENDER_WINDOW = 3


_SMALL_WORDS = frozenset(["of", "the", "and", "for", "on", "in", "&"])


@lru_cache(maxsize=4096)
def _initials(name: str) -> str | None:
    """ "U.N." and "UN" -> "UN"; "the United Nations" -> "UN" (small words skipped); None for a one-word
    name that is not written in capitals.

    >>> _initials("the U.N."), _initials("United Nations"), _initials("North Atlantic Treaty Organization")
    ('UN', 'UN', 'NATO')
    """
    bare = name.removeprefix("the ").strip()
    letters = bare.replace(".", "")
    if " " not in bare and letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6:
        return letters
    words = [w for w in bare.split() if w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _key(name: str) -> str:
    return name.lower().removeprefix("the ").strip()


class Registry:
    """The sources of one article: names, aliases and titles, and who was mentioned where."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self._names: dict[str, Source] = {}  # canonical name (lower case, no "the") -> source
        self._aliases: dict[str, Source] = {}  # other forms -> source
        self._surnames: dict[str, Source] = {}  # a person's last name -> the first person with it
        self.mentions: list[Mention] = []  # in text order
        self._offsets: dict[str, list[int]] = {}  # canonical name -> offsets of its mentions, in order
        self.sentence_starts: list[int] = [0]  # set by the reader, so mentions can be ranked by sentence
        # id of a source -> offsets of the reporting verbs it is the speaker of
        self.spoke: dict[int, list[int]] = {}

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

    def scan(self, text: str, base: int = 0, *, start: int = 0, end: int | None = None) -> None:
        """Register the full personal names found in ``text`` (offsets shifted by ``base``), or in
        ``text[start:end]``.

        >>> reg = Registry(); reg.scan("The Tippu Express left. Ana Lopez, 45, said so.", 0)
        >>> list(reg.sources)
        ['Ana Lopez']
        """
        for np in person_names(text, base, start=start, end=end):
            self.add(np.head, "person", np.titles | _described_as(text, np.start - base, np.end - base))
        for np in single_names(text, base, start=start, end=end):
            if self.resolve_name(np.head) is None and self.resolve_other_form(np.head) is None:
                self.add(np.head, "person")  # not "Mr. Ban" after "Ban Ki-moon": the same person
        stop = len(text) if end is None else end
        initials = _INITIAL_HINT.search(text, start, stop) is not None  # most paragraphs have none
        for m in _INITIALED.finditer(text, start, stop) if initials else ():
            # "Leon E. Panetta" inside a title-case headline: a middle initial marks a person's name
            name = m.group(1)
            if name.split()[0].lower() not in NAME_WORDS.not_names and self.resolve_name(name) is None:
                self.add(name, "person")

    # ------------------------------------------------------------------ adding and renaming

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
        # a name, not a description: "a second policeman" is not "a policeman" because both end alike
        named = kind == "person" and name[:1].isupper()
        source = self._same_person(name) if named else None
        if source is not None and source.name != name:
            self._merge_person(source, name)
        elif source is None:
            source = self._names.get(_key(name))
        if source is None:
            source = Source(name, kind, titles=set(titles), number=number)
            self.sources[name] = source
            self._names[_key(name)] = source
            if named:
                self._surnames.setdefault(name.split()[-1].lower(), source)
        self.add_titles(source, titles)
        return source

    def _same_person(self, name: str) -> Source | None:
        """The registered person with the same last name, unless both names are full and differ in the
        first name ("Issa Sall" is not "Macky Sall")."""
        known = self._surnames.get(name.split()[-1].lower())
        if known is None:
            # "Mr. Ban" after "Ban Ki-moon": a family name written first
            return self._family_name_first(_key(name)) if " " not in name.strip() else None
        both_full = len(known.name.split()) > 1 and len(name.split()) > 1
        if both_full and known.name.split()[0].lower() != name.split()[0].lower():
            return None
        return known

    def _merge_person(self, source: Source, name: str) -> None:
        """Another form of a known person's name: the longer form becomes the canonical name."""
        if len(name.split()) <= len(source.name.split()):
            self.alias(source, name)
            return
        old = source.name
        del self.sources[old]
        source.name = name
        self.sources[name] = source
        self._names[_key(name)] = source
        self.alias(source, old)

    def alias(self, source: Source, form: str) -> None:
        """Remember that ``form`` also names ``source``.

        >>> reg = Registry(); s = reg.add("the Church of Scientology", "institution")
        >>> reg.alias(s, "the Church"); reg.resolve_name("Church").name
        'the Church of Scientology'
        """
        if source.add_alias(form):
            self._aliases.setdefault(_key(form), source)

    def add_titles(self, source: Source, titles: frozenset[str] | set[str]) -> None:
        """Add titles to a source; a title that states a gender ("spokeswoman") sets it."""
        words = source_words()
        source.titles |= set(titles) | {
            words[t]["stands_for"] for t in titles if words.get(t, {}).get("stands_for")
        }
        if source.kind == "person" and source.gender is None:
            source.gender = gender_of(source.titles)

    # ------------------------------------------------------------------ looking up

    def resolve_name(self, head: str) -> Source | None:
        """The registered source a name refers to (a surname finds the full name), or None.

        >>> reg = Registry(); _ = reg.add("Sergei Ryabkov", "person")
        >>> reg.resolve_name("Ryabkov").name, reg.resolve_name("Lavrov")
        ('Sergei Ryabkov', None)
        """
        key = _key(head)
        found = self._names.get(key) or self._aliases.get(key)
        if found is not None or not key:
            return found
        words = head.split()
        person = self._surnames.get(words[-1].lower())
        if person is not None and (len(words) == 1 or words[0].lower() in person.name.lower().split()):
            return person
        return None

    def resolve_other_form(self, head: str) -> Source | None:
        """A registered source another form of the name stands for: a family name written first ("Ban" for
        "Ban Ki-moon") or an organisation's initials ("the U.N." for "the United Nations", or the reverse).

        >>> reg = Registry(); _ = reg.add("the United Nations", "institution")
        >>> reg.resolve_other_form("U.N.").name
        'the United Nations'
        """
        if " " not in head.strip():
            found = self._family_name_first(_key(head))
            if found is not None:
                return found
        return self._by_initials(head)

    def _family_name_first(self, word: str) -> Source | None:
        """ "Ban said", after "Ban Ki-moon": in Chinese and Korean names the family name comes first, so a
        word that begins exactly one person's full name (and ends none) is that person."""
        if len(word) > 4 and not any("-" in name for name in self._names):
            return None  # neither a short family name nor a hyphenated given name anywhere
        found = [s for s in self.sources.values() if s.kind == "person" and s.name.lower().split()[0] == word]
        # family names first: "Ban Ki-moon", "Xi Jinping" (a hyphenated given name, or a short family name)
        found = [
            s for s in found if len(s.name.split()) == 2 and ("-" in s.name.split()[1] or len(word) <= 4)
        ]
        return found[0] if len(found) == 1 else None

    def _by_initials(self, head: str) -> Source | None:
        """ "the U.N." after "the United Nations" (or the other way round): an organisation named once in
        full and once by its initials is one source."""
        initials = _initials(head)
        if initials is None:
            return None
        for source in self.sources.values():
            if (
                source.kind != "person"
                and _initials(source.name) == initials
                and _key(source.name) != _key(head)
            ):
                return source
        return None

    def rename(self, source: Source, name: str) -> None:
        """Give a source a fuller name ("the United Nations" for "the U.N."); the old name becomes an alias.

        >>> reg = Registry(); s = reg.add("the U.N.", "institution"); reg.rename(s, "the United Nations")
        >>> reg.resolve_name("U.N.").name
        'the United Nations'
        """
        old = source.name
        if old == name:
            return
        del self.sources[old]
        source.name = name
        self.sources[name] = source
        self._names[_key(name)] = source
        self.alias(source, old)
        if old in self._offsets:
            self._offsets.setdefault(name, []).extend(self._offsets.pop(old))
            self._offsets[name].sort()
        self.mentions = sorted(m._replace(name=name) if m.name == old else m for m in self.mentions)

    # ------------------------------------------------------------------ mentions and pronouns

    def mention(self, offset: int, name: str, *, subject: bool = True) -> None:
        """Note that ``name`` was named at ``offset`` (a subject or speaker unless ``subject=False``).

        >>> reg = Registry(); _ = reg.add("Ana Lopez", "person"); reg.mention(10, "Ana Lopez")
        >>> reg.most_recent(20, "person").name
        'Ana Lopez'
        """
        insort(self.mentions, Mention(offset, name, subject))
        insort(self._offsets.setdefault(name, []), offset)

    def mention_all(self, mentions: list[Mention]) -> None:
        """Note many mentions at once (cheaper than one by one)."""
        self.mentions = sorted([*self.mentions, *mentions])
        for m in mentions:
            self._offsets.setdefault(m.name, []).append(m.offset)
        for offsets in self._offsets.values():
            offsets.sort()

    def mentioned_between(self, name: str, a: int, b: int) -> bool:
        """Is the source ``name`` mentioned at an offset from ``a`` up to ``b``?

        >>> reg = Registry(); reg.mention(10, "Ana Lopez")
        >>> reg.mentioned_between("Ana Lopez", 5, 20), reg.mentioned_between("Ana Lopez", 11, 20)
        (True, False)
        """
        offsets = self._offsets.get(name, [])
        k = bisect_left(offsets, a)
        return k < len(offsets) and offsets[k] < b

    def _sentence_of(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def _candidates(self, before: int, window: int | None = None) -> Iterator[Source]:
        """Sources mentioned before ``before``, sentence by sentence backwards (at most ``window``
        sentences); within a sentence, its subjects and speakers first (latest first), then the others
        it names (latest first). Each source comes once."""
        k = bisect_left(self.mentions, (before,)) - 1
        seen: set[int] = set()
        first_sentence = None
        while k >= 0:
            sentence = self._sentence_of(self.mentions[k].offset)
            first_sentence = sentence if first_sentence is None else first_sentence
            if window is not None and first_sentence - sentence > window:
                return
            group = []
            while k >= 0 and self._sentence_of(self.mentions[k].offset) == sentence:
                group.append(self.mentions[k])
                k -= 1
            for m in sorted(group, key=lambda m: not m.subject):  # stable: latest first within each
                source = self.sources.get(m.name)
                if source is not None and id(source) not in seen:
                    seen.add(id(source))
                    yield source

    def most_recent(
        self,
        before: int,
        want: str,
        role: str | None = None,
        modifiers: frozenset[str] = frozenset(),
        gender: str | None = None,
        exclude: Container[str] = frozenset(),
    ) -> Source | None:
        """The most recent compatible source mentioned before ``before``.

        ``want`` is ``person``, ``organisation`` or ``group``; ``gender`` (from "he" or "she") skips a
        person whose gender the text states otherwise; a ``role`` noun ("president") prefers a source
        with that title (and the given ``modifiers``, such as "russian"); sources named in ``exclude``
        are skipped (a speaker is not the person their own words talk about).

        >>> reg = Registry()
        >>> _ = reg.add("Vladimir Putin", "person", {"russian", "president"})
        >>> _ = reg.add("Emmanuel Macron", "person", {"french", "president"})
        >>> reg.mention(1, "Vladimir Putin"); reg.mention(2, "Emmanuel Macron")
        >>> reg.most_recent(9, "person", role="president", modifiers=frozenset({"russian"})).name
        'Vladimir Putin'
        """
        if role is not None:
            return self._by_role(before, want, role, modifiers)
        fits = [s for s in self._candidates(before, window=_PRONOUN_WINDOW) if s.name not in exclude]
        fits = [s for s in fits if _agrees(s, want, gender)]
        if fits and gender is not None and self._in_sentence_of(fits[0], before):
            return fits[0]  # "Diop, a student, said … whom he calls": the person of its own sentence
        if want == "person":  # "Smith met Jones. He said …": a speaker or subject before one named in passing
            talkers = self._subjects_before(before, _SUBJECT_WINDOW)
            fits.sort(key=lambda s: id(s) not in talkers)
        if gender is not None:  # "she": a woman the text calls so, named close by, before anyone unknown
            close = self._candidates(before, window=_GENDER_WINDOW)
            stated = {id(s) for s in close if s.gender == gender}
            if not (fits and id(fits[0]) not in stated and self._talker_over(fits[0], stated, before)):
                fits.sort(key=lambda s: id(s) not in stated)
        return fits[0] if fits else None

    def _talker_over(self, recent: Source, stated: set[int], before: int) -> bool:
        """Does the subject or speaker of the sentence just before win over the people whose gender the text
        states? Yes when they spoke in it (a reporting verb), or when none of the others was named in the
        last two sentences ("Lennon said …. Hidding, leader of the opposition, said …. '…,' he said":
        Hidding; but "Ann Jones said she …. Tom Smith disagreed. '…,' she said": Ann Jones)."""
        here = self._sentence_of(before)
        last = max(
            ((o, who) for who, offsets in self.spoke.items() for o in offsets if o < before), default=None
        )
        if last is not None and last[1] == id(recent) and here - self._sentence_of(last[0]) <= 3:
            return True  # "Inhofe … said his vote was not easy. '…,' he said": the last to speak goes on
        if id(recent) not in self._subjects_before(before, 1):
            return False
        for source in self.sources.values():
            if id(source) in stated:
                offsets = [o for o in self._offsets.get(source.name, []) if o < before]
                if offsets and here - self._sentence_of(offsets[-1]) <= 2:
                    return False
        return True

    def _subjects_before(self, before: int, window: int) -> set[int]:
        """The sources that were a sentence's subject or a speaker in the last ``window`` sentences."""
        last = self._sentence_of(before)
        found: set[int] = set()
        k = bisect_left(self.mentions, (before,)) - 1
        while k >= 0 and last - self._sentence_of(self.mentions[k].offset) <= window:
            m = self.mentions[k]
            if m.subject and m.name in self.sources:
                found.add(id(self.sources[m.name]))
            k -= 1
        return found

    def _in_sentence_of(self, source: Source, offset: int) -> bool:
        """Is ``source`` mentioned earlier in the sentence that contains ``offset``?"""
        sentence = self._sentence_of(offset)
        start = self.sentence_starts[sentence] if sentence >= 0 else 0
        return self.mentioned_between(source.name, start, offset)

    def note_gender(self, source: Source, pronoun: str, *, weak: bool = False) -> None:
        """ "Jones said she ...": a pronoun right after a person's reporting verb states their gender;
        ``weak`` for a pronoun further on in the person's sentence (it only rules a pronoun out)."""
        gender = gender_words().get(pronoun.lower())
        if source.kind != "person" or gender not in ("male", "female"):
            return
        if weak:
            source.pronoun_gender = source.pronoun_gender or gender
        elif source.gender is None:
            source.gender = gender

    def _by_role(self, before: int, want: str, role: str, modifiers: frozenset[str]) -> Source | None:
        """The latest-named source with the role as a title and all the modifiers; else the latest with
        the role as a title; else the latest whose name contains the role word."""

        def last_named(source: Source) -> int:
            offsets = self._offsets.get(source.name, [])
            k = bisect_left(offsets, before)
            return offsets[k - 1] if k else -1

        words = set(re.split(r"[\s-]+", role))  # "vice president": a title of two words
        strict, loose = {*words, *modifiers}, words
        tiers: list[list[tuple[int, Source]]] = [[], [], []]
        for source in self.sources.values():
            named = role in source.titles or words <= source.titles or role in source.name.lower().split()
            if not (named or loose <= source.titles):
                continue
            at = last_named(source)
            if at < 0:
                continue
            agrees = _agrees(source, want)
            fits = (agrees and strict <= source.titles, agrees and loose <= source.titles, agrees and named)
            for number, fit in enumerate(fits):
                if fit:
                    tiers[number].append((at, source))
        for tier in tiers:
            if tier:
                return max(tier, key=lambda pair: pair[0])[1]
        return None
