"""Find quotations: the words between quotation marks, with rules a student can read.

The rules, in order:

1. **Double marks** ``“ ”`` and straight ``"`` pair up within a paragraph. A straight ``"`` opens
   when it follows a space, the start of the paragraph or an opening bracket, and closes otherwise.
2. **Single marks** ``‘ ’`` and straight ``'`` are quotation marks only when they are not apostrophes:
   an opening single mark stands at the start of a word (after a space, a bracket or the start of the
   paragraph); a closing one stands after a word and before a space, punctuation or the end.
   ``’`` between two letters (``Russia’s``, ``he’s``) is always an apostrophe, and so is a mark before
   a number (``’90s``). Marks inside a quotation that is already open are nested and not reported.
3. **Across paragraphs**: news style leaves a quotation open at the end of a paragraph and repeats the
   opening mark at the start of the next one. Each paragraph's part is reported as its own row.
4. **Unbalanced marks** (an opening mark never closed, a closing mark never opened) are reported as
   problems, never an error. An unclosed double quotation runs to the end of its paragraph; when the next
   paragraph has a closing mark before any opening one, the quotation goes on to that mark (the page
   forgot the opening mark that news style repeats at each paragraph). A straight
   ``"`` with nothing open, after the end of a sentence and before a space and a capital letter
   (``said X." The words go on``) is read as an opening mark typed on the wrong side of the space.

Whether the marked words are *someone's words* (and whose) is decided in :mod:`medialit.attribution`:
titles of works, nicknames and the writer's own scare quotes are left out there.

>>> from medialit.article import parse_article
>>> a = parse_article(" date 2021-12-14 Putin wants ‘immediate’ talks on Russia’s security\\n\\n"
...                   "He wants “urgent” talks, he said.")
>>> [q.text for q in find_quotes(a).quotes]
['immediate', 'urgent']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article import Article

__all__ = ["Problem", "QuoteScan", "QuoteSpan", "find_quotes", "mask_quotes"]

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_BEFORE_OPEN = " \t\n([{—–-/:;“‘\"'"  # what may stand before an opening mark
_TERMINAL = ".?!…"
_MARK = re.compile("[\"'“”„«»‘’‹›]")


@dataclass(frozen=True)
class QuoteSpan:
    """One stretch of quoted words inside one paragraph.

    ``start``/``end`` index the words between the marks in ``Article.text``; ``open_at`` and
    ``close_at`` are the offsets of the marks themselves (``close_at`` is None when the quotation
    continues into the next paragraph or was never closed).
    """

    paragraph: int
    start: int
    end: int
    open_at: int
    close_at: int | None
    text: str
    marks: str  # "double" or "single"
    continues: bool = False  # the quotation goes on in the next paragraph
    continued: bool = False  # this part continues a quotation from the previous paragraph

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or the end of the words when there is none)."""
        return self.close_at + 1 if self.close_at is not None else self.end

    @property
    def kind(self) -> str:
        """``full`` for a whole sentence, else ``partial``.

        A whole sentence starts with a capital letter (or a digit) and has four or more words or ends
        with the punctuation of speech (``.`` ``,`` ``?`` ``!``), as in “No comment,” she said.

        >>> full = QuoteSpan(1, 0, 9, 0, 10, "No comment,", "double")
        >>> full.kind, QuoteSpan(1, 0, 6, 0, 7, "urgent", "double").kind
        ('full', 'partial')
        """
        words = self.text.split()
        text = self.text.strip()
        starts_capital = bool(text) and (text[0].isupper() or text[0].isdigit())
        ends_like_speech = text.endswith((".", ",", "?", "!", "…"))
        if self.continued or (starts_capital and (len(words) >= 4 or ends_like_speech)):
            return "full"
        return "partial"


@dataclass(frozen=True)
class Problem:
    """A quotation mark that could not be paired."""

    paragraph: int
    offset: int
    mark: str
    message: str


@dataclass(frozen=True)
class QuoteScan:
    """Everything :func:`find_quotes` found: the quoted stretches and the unpaired marks."""

    quotes: tuple[QuoteSpan, ...]
    problems: tuple[Problem, ...] = field(default=())


def _prev_char(text: str, i: int, start: int) -> str:
    return text[i - 1] if i > start else " "


def _next_char(text: str, i: int, end: int) -> str:
    return text[i + 1] if i + 1 < end else " "


def _opens_single(text: str, i: int, start: int, end: int) -> bool:
    before, after = _prev_char(text, i, start), _next_char(text, i, end)
    if text[i] in _SINGLE_CLOSE:
        return False  # ’ never opens (’90s, ’em)
    if not (before in _BEFORE_OPEN or before.isspace()):
        return False
    return after.isalpha() or (after in '“"' and text[i] == "‘")


def _closes_single(text: str, i: int, start: int, end: int) -> bool:
    before, after = _prev_char(text, i, start), _next_char(text, i, end)
    if text[i] in _SINGLE_OPEN:
        return False
    if before.isspace():
        return False
    return not (after.isalnum())


def _opens_double_straight(text: str, i: int, start: int) -> bool:
    before = _prev_char(text, i, start)
    return before.isspace() or before in _BEFORE_OPEN


def _before_word(text: str, i: int, start: int, end: int) -> bool:
    """A straight ``"`` with nothing open, after a comma or colon and right before a word (``said,"The``):
    an opening mark typed without its space."""
    return _prev_char(text, i, start) in ",:" and _next_char(text, i, end).isalnum()


def _misplaced_opening(text: str, i: int, start: int, end: int) -> bool:
    """A straight ``"`` with nothing open, right after the end of a sentence and before a space and a
    capital letter (``said X." The next words``): an opening mark typed on the wrong side of the space."""
    before = _prev_char(text, i, start)
    return before in ".?!" and i + 2 < end and text[i + 1] == " " and text[i + 2].isupper()


def _starts_with_open(text: str, a: int, b: int, marks: str) -> bool:
    if a >= b:
        return False
    c = text[a]
    if marks == "double":
        return c in _DOUBLE_OPEN or c == '"'
    return c in _SINGLE_OPEN or (c == "'" and a + 1 < b and text[a + 1].isalpha())


def find_quotes(article: Article) -> QuoteScan:
    """Every stretch of text between quotation marks, paragraph by paragraph, and any unpaired marks.

    >>> from medialit.article import parse_article
    >>> a = parse_article("Head\\n\\n“We will go. We will win.\\n\\n“Soon,” he said. It’s late”.")
    >>> scan = find_quotes(a)
    >>> [(q.paragraph, q.text, q.continues) for q in scan.quotes]
    [(1, 'We will go. We will win.', True), (2, 'Soon,', False)]
    >>> [(p.paragraph, p.mark) for p in scan.problems]
    [(2, '”')]
    """
    text = article.text
    spans = article.paragraph_spans

    def span(
        number: int,
        opened: int,
        end: int,
        closed: int | None,
        marks: str,
        continued: bool,
        continues: bool = False,
    ) -> QuoteSpan:
        """The quotation from the mark at ``opened`` to ``end`` (the closing mark, or the paragraph's end)."""
        first = opened + 1
        while first < end and text[first].isspace():
            first += 1  # only a misplaced opening mark has white space after it
        return QuoteSpan(
            number,
            first,
            end,
            opened,
            closed,
            text[first:end],
            marks,
            continues=continues,
            continued=continued,
        )

    quotes: list[QuoteSpan] = []
    problems: list[Problem] = []
    carried = False  # the previous paragraph left a quotation open, continued here
    left_open = False  # the previous paragraph's double quotation was never closed
    for number, (a, b) in enumerate(spans):
        open_at: int | None = None
        marks = ""
        continued_part = False
        first_mark = True
        for mark in _MARK.finditer(text, a, b):
            i = mark.start()
            c = text[i]
            is_double = c in _DOUBLE_OPEN or c in _DOUBLE_CLOSE or c == '"'
            is_single = c in _SINGLE_OPEN or c in _SINGLE_CLOSE or c == "'"
            if open_at is None:
                if is_double:
                    if c in _DOUBLE_OPEN or (
                        c == '"' and (_opens_double_straight(text, i, a) or _before_word(text, i, a, b))
                    ):
                        open_at, marks = i, "double"
                        continued_part = carried and i == a
                    elif c == '"' and _misplaced_opening(text, i, a, b):
                        # 'adviser." The Army life …': a mark typed after the space instead of before it
                        problems.append(
                            Problem(number, i, c, "closing mark with no opening mark; read as opening")
                        )
                        open_at, marks = i, "double"
                        continued_part = False
                    elif left_open and first_mark and quotes and quotes[-1].paragraph == number - 1:
                        # the page forgot this paragraph's opening mark: the quotation goes on to here
                        quotes[-1] = replace(quotes[-1], continues=True)
                        problems.append(
                            Problem(number, i, c, "closing mark with no opening mark; read as the end")
                        )
                        quotes.append(QuoteSpan(number, a, i, a, i, text[a:i], "double", continued=True))
                    else:
                        problems.append(Problem(number, i, c, "closing mark with no opening mark"))
                elif is_single and _opens_single(text, i, a, b):
                    open_at, marks = i, "single"
                    continued_part = carried and i == a
            elif marks == "double" and is_double:
                closes = c in _DOUBLE_CLOSE or c == '"'
                if c == '"' and _opens_double_straight(text, i, a) and not text[i - 1].isspace():
                    closes = True
                if closes:
                    quotes.append(span(number, open_at, i, i, marks, continued_part))
                    open_at = None
                else:  # a second opening mark: the first was never closed
                    problems.append(Problem(number, open_at, text[open_at], "opening mark never closed"))
                    open_at = i
                    continued_part = False
            elif marks == "single" and is_single and _closes_single(text, i, a, b):
                quotes.append(span(number, open_at, i, i, marks, continued_part))
                open_at = None
            first_mark = False
        carried = left_open = False
        if open_at is not None:
            nxt = spans[number + 1] if number + 1 < len(spans) else None
            if nxt is not None and _starts_with_open(text, nxt[0], nxt[1], marks):
                carried = True
                quotes.append(span(number, open_at, b, None, marks, continued_part, continues=True))
            else:
                problems.append(Problem(number, open_at, text[open_at], "opening mark never closed"))
                if marks == "double" and b - open_at > 1:
                    quotes.append(span(number, open_at, b, None, marks, continued_part))
                    left_open = True
    return QuoteScan(tuple(quotes), tuple(problems))


def mask_quotes(article: Article, quotes: tuple[QuoteSpan, ...] | list[QuoteSpan]) -> str:
    """``article.text`` with every quotation (marks included) replaced by ``§`` signs, same length.

    Rules that look for reporting verbs and speakers read this text, so words inside a quotation
    are never taken for the writer's own.

    >>> from medialit.article import parse_article
    >>> a = parse_article("Head\\n\\n“No,” she said.")
    >>> mask_quotes(a, find_quotes(a).quotes)[a.paragraph_spans[1][0]:]
    '§§§§§ she said.'
    """
    chars = list(article.text)
    for q in quotes:
        for k in range(q.open_at, q.outer_end):
            chars[k] = "§"
    return "".join(chars)
