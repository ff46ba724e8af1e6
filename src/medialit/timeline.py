"""Time expressions: find them and resolve them against the article's date (the dateline).

Rules:

* **Weekdays** ("Tuesday", "later Tuesday", "on Monday night") mean the most recent such day on or
  before the dateline, or the next one on or after it when the clause speaks of the future ("will",
  "is due to", "next Monday").
* **Relative days**: "today", "tonight", "this morning" = the dateline; "yesterday" = one day before;
  "tomorrow" = one day after; "N days ago" = N days before; "a day after" = one day before the dateline
  (the article's news came a day after it); "a day before" = one day after the dateline.
* **Weeks, months, years**: "last week" is the previous Monday–Sunday; "this week" the dateline's
  week; "earlier this month" runs from the 1st to the dateline; "last year" is the previous
  calendar year, and so on.
* **Dates**: "December 14", "14 December 2021", "Dec. 14, 2021", "2021-12-14". A date without a year
  takes the year that puts it nearest the dateline. "in 2013" is that year; "since 2014" starts on
  2014-01-01 and ends on the dateline; "in the 1990s" is the decade.
* **Vague**: the phrases in ``data/lexicons/vague_time.csv`` ("for weeks", "in recent days") and
  durations ("for three hours") have no date. Without a dateline every relative expression is vague.

>>> import datetime as dt
>>> rows = find_time_expressions_in("Putin said Tuesday he met him last week.", dt.date(2021, 12, 14))
>>> [(r["text"], r["date"], r["start"], r["end"]) for r in rows]
[('Tuesday', '2021-12-14', None, None), ('last week', None, '2021-12-06', '2021-12-12')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from . import lexicons

if TYPE_CHECKING:
    from .article import Article

__all__ = ["find_time_expressions", "find_time_expressions_in"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": None,
    "few": None,
    "a few": None,
}

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several)"
_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"

# (name, pattern); order matters: earlier patterns claim text first.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    (
        "since_date",
        rf"\b(?:since|from)\s+(?:{_WD},?\s+)?(?:{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MON}"
        rf"(?:,?\s+{_YEAR})?)(?!\w)",
    ),
    ("mdy", rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\w)"),
    ("dmy", rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?(?!\w)"),
    ("since_month", rf"\b(?:since|from)\s+{_MON}(?:\s+{_YEAR})?(?!\w)"),
    ("month_year", rf"\b(?:(?:in|during|by|until|last|early|late|mid-?)\s+)?{_MON}\s+{_YEAR}\b"),
    (
        "year_range",
        rf"\b(?:(?:from|between|in)\s+)?{_YEAR}\s*(?:[-–]\s*(?:{_YEAR}|\d\d)|\s+(?:to|and|until|through)\s+{_YEAR})\b",
    ),
    ("since_year", rf"\b(?:since|from)\s+(?:the\s+)?{_YEAR}s?\b"),
    (
        "decade",
        r"\b(?:in|during)\s+the\s+(?:early\s+|late\s+|mid-?)?(?:1[89]|20)\d0s\b|\bthe\s+(?:1[89]|20)\d0s\b",
    ),
    ("year", rf"\b(?:in|during|by|until|before|after|of|early|late|mid-?|the|a)\s+{_YEAR}\b(?![-–]?\d|-)"),
    ("ago", rf"\b{_NUM}\s+(?:day|week|month|year)s?\s+ago\b"),
    (
        "past_n",
        rf"\b(?:in|over|during|for|within)\s+the\s+(?:past|last|previous)\s+{_NUM}\s+(?:day|week|month|year)s?\b",
    ),
    ("rel_other", rf"\b{_NUM}\s+(?:week|month|year|decade)s?\s+(?:later|earlier|after|before)\b"),
    ("rel_day", r"\b(?:a|one|two|three|four|five|six|seven|\d+)\s+days?\s+(?:after|before|later|earlier)\b"),
    (
        "prev_day",
        r"\bthe\s+(?:day|night)\s+before\b|\bthe\s+previous\s+day\b|\bthe\s+next\s+day\b|"
        r"\bthe\s+following\s+day\b",
    ),
    (
        "in_period",
        r"\b(?:earlier|later)\s+(?:this|last|next)\s+(?:week|month|year)\b|"
        r"\b(?:earlier|later)\s+in\s+the\s+(?:week|month|year)\b",
    ),
    ("period", r"\b(?:last|this|next|past)\s+(?:week(?:end)?|month|year)\b"),
    (
        "weekday",
        rf"\b(?:(?:later|earlier|late|early)\s+(?:on\s+)?)?(?:(?:last|this|next|on)\s+)?{_WD}{_PARTS}\b"
        rf"(?!,?\s+(?:{_MON}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}))",  # "Tuesday, December 14"
    ),
    (
        "day_word",
        r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
    ),
    (
        "holiday",
        r"\b(?:(?:on|last|this|next)\s+)?(?:christmas\s+(?:day|eve)|christmas|new\s+year['’]s\s+(?:day|eve)|"
        r"halloween(?:\s+night)?)\b",
    ),
    ("in_span", rf"\bin\s+(?:several|many|a\s+few|{_NUM})\s+(?:day|week|month|year|decade)s\b"),
    (
        "month",
        rf"\b(?:(?:in|during|since|until|by|last|next|this|early|late)\s+(?:mid-)?|mid-){_MON}\b(?!\s+\d)",
    ),
    (
        "duration",
        rf"\bfor\s+(?:(?:over|more\s+than|nearly|almost|about|around|at\s+least|less\s+than|up\s+to)\s+)?"
        rf"{_NUM}\s+(?:hours?|days?|weeks?|months?|years?|decades?)\b",
    ),
]
_FUTURE = re.compile(
    r"\b(?:will|shall|’ll|'ll|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|going)\b|as\s+soon\s+as|plans?\s+to|"
    r"planned\s+for|next|upcoming|to\s+be\s+held)\b",
    re.IGNORECASE,
)


# a clause told in the past tense: "had started", "was held", "began"
_PAST = re.compile(
    r"\b(?:had|was|were|did|began|went|came|took|held|met|said|told)\b|\b\w{3,}ed\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[.;\n]")


@cache
def _compiled() -> re.Pattern[str]:
    """All patterns in one expression, one named group each, in priority order (read in one pass)."""
    return re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS), re.IGNORECASE)


# Words a time expression can start with (every pattern starts with one of them, or with a digit).
_FIRST_WORDS = (
    frozenset(
        [
            "since",
            "from",
            "in",
            "during",
            "by",
            "until",
            "before",
            "after",
            "of",
            "early",
            "late",
            "mid",
            "the",
            "last",
            "this",
            "next",
            "past",
            "later",
            "earlier",
            "a",
            "an",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "few",
            "several",
            "today",
            "tonight",
            "yesterday",
            "tomorrow",
            "for",
            "on",
            "over",
            "within",
            "christmas",
            "new",
            "halloween",
        ]
    )
    | frozenset(_WEEKDAYS)
    | frozenset(_MONTHS)
)


_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def _matches_at_words(pattern: re.Pattern[str], text: str, firsts: frozenset[str]):
    """Like ``pattern.finditer(text)``, but only tries where a word from ``firsts`` (or a number) starts.

    Reading the words once and trying the big pattern only at likely starts is several times faster
    than letting the pattern scan every character.
    """
    position = 0
    for token in _TOKEN.finditer(text):
        at = token.start()
        if at < position:
            continue
        word = token.group().lower()
        if not (word[0].isdigit() or word in firsts or word == "mid"):
            continue
        if at and text[at - 1].isalnum():
            continue  # inside a longer word ("Café2020", "1999" in "A1999")
        m = pattern.match(text, at)
        if m:
            position = m.end()
            yield m


@cache
def _vague_pattern() -> re.Pattern[str]:
    phrases = sorted((r["phrase"] for r in lexicons.rows("vague_time")), key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b", re.IGNORECASE
    )


@cache
def _vague_firsts() -> frozenset[str]:
    return frozenset(r["phrase"].split()[0] for r in lexicons.rows("vague_time"))


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def _resolve(kind: str, text: str, ref: dt.date | None, future: bool, past: bool = False) -> dict[str, Any]:
    """Return date/start/end (dates) and vague for one matched expression."""
    low = re.sub(r"\s+", " ", text.lower())
    out: dict[str, Any] = {"date": None, "start": None, "end": None, "vague": False}

    def day(d: dt.date) -> dict[str, Any]:
        out["date"] = d
        return out

    def span(a: dt.date, b: dt.date) -> dict[str, Any]:
        out["start"], out["end"] = a, b
        return out

    year_m = re.search(_YEAR + r"(?!\d)", low)
    year = int(year_m.group()) if year_m else None
    if kind == "iso":
        return day(dt.date.fromisoformat(low))
    if kind in ("mdy", "dmy", "since_date"):
        mon = re.search(_MON, re.sub(_WD, "", low))
        dnum = re.search(r"(?<![\d])(" + _DAY + r")(?![\d])", re.sub(_YEAR, "", low))
        if not mon or not dnum:
            out["vague"] = True
            return out
        month = _month_number(mon.group())
        d_value = int(re.match(r"\d+", dnum.group()).group())
        try:
            if year:
                target = dt.date(year, month, d_value)
            elif ref is not None:
                target = _nearest_year(month, d_value, ref)
                if target is not None and target > ref + dt.timedelta(days=7) and past:
                    target = _nearest_year(month, d_value, dt.date(ref.year - 1, ref.month, min(ref.day, 28)))
            else:
                out["vague"] = True
                return out
        except ValueError:
            out["vague"] = True
            return out
        if target is None:
            out["vague"] = True
            return out
        if kind == "since_date":
            return span(target, ref) if ref else span(target, target) | {"end": None}
        return day(target)
    if kind in ("month_year", "since_month", "month"):
        mon = re.search(_MON, low.replace("mid-", "").replace("may be", ""))
        month = _month_number(mon.group()) if mon else 1
        if year is None:
            if ref is None:
                out["vague"] = True
                return out
            if low.startswith("last "):
                year = ref.year - 1 if month >= ref.month else ref.year
            elif low.startswith("next ") or (future and month > ref.month):
                year = ref.year if month > ref.month else ref.year + 1
            else:
                year = ref.year if month <= ref.month else ref.year - 1
        a, b = _month_range(year, month)
        if kind == "since_month":
            return span(a, ref) if ref else {**out, "start": a}
        return span(a, b)
    if kind == "year_range":
        years = re.findall(r"\d{4}|\d{2}", low)
        first = int(years[0])
        last = int(years[1]) if len(years[1]) == 4 else first // 100 * 100 + int(years[1])
        if last < first:
            out["vague"] = True
            return out
        return span(dt.date(first, 1, 1), dt.date(last, 12, 31))
    if kind == "rel_other":
        out["vague"] = True  # "four years later": later than another event, not than the dateline
        return out
    if kind == "since_year":
        start_year = int(re.search(_YEAR, low).group())
        return span(dt.date(start_year, 1, 1), ref) if ref else {**out, "start": dt.date(start_year, 1, 1)}
    if kind == "decade":
        decade = int(re.search(r"(\d{4})s", low).group(1))
        return span(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31))
    if kind == "year":
        return span(dt.date(year, 1, 1), dt.date(year, 12, 31))
    # everything below is relative to the dateline
    if ref is None:
        out["vague"] = True
        return out
    if kind == "ago":
        n_m = re.match(r"(\d+|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)", low)
        n = _number(n_m.group()) if n_m else None
        unit = re.search(r"(day|week|month|year)", low).group()
        if n is None:
            out["vague"] = True
            return out
        if unit == "day":
            return day(ref - dt.timedelta(days=n))
        if unit == "week":
            return day(ref - dt.timedelta(weeks=n))
        if unit == "month":
            m = ref.month - n
            y = ref.year + (m - 1) // 12
            m = (m - 1) % 12 + 1
            return span(*_month_range(y, m))
        return span(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31))
    if kind == "past_n":
        n_m = re.search(
            r"(\d+|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+\w+s?$", low
        )
        n = _number(n_m.group(1)) if n_m else None
        unit = re.search(r"(day|week|month|year)s?$", low).group(1)
        if n is None:
            out["vague"] = True
            return out
        if unit in ("day", "week"):
            return span(ref - dt.timedelta(days=n * (7 if unit == "week" else 1)), ref)
        months = n * (12 if unit == "year" else 1)
        m = ref.month - months
        y = ref.year + (m - 1) // 12
        m = (m - 1) % 12 + 1
        return span(dt.date(y, m, min(ref.day, calendar.monthrange(y, m)[1])), ref)
    if kind == "rel_day":
        n = _number(low.split()[0]) or 1
        if "after" in low or "later" in low:
            return day(ref - dt.timedelta(days=n))
        return day(ref + dt.timedelta(days=n))
    if kind == "prev_day":
        if "before" in low or "previous" in low:
            return day(ref - dt.timedelta(days=1))
        return day(ref + dt.timedelta(days=1))
    if kind in ("period", "in_period"):
        unit = re.search(r"(weekend|week|month|year)", low).group()
        shift = -1 if ("last" in low or "past" in low) else (1 if "next" in low else 0)
        if unit in ("week", "weekend"):
            monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
            a, b = monday, monday + dt.timedelta(days=6)
            if unit == "weekend":
                a = monday + dt.timedelta(days=5)
        elif unit == "month":
            m = ref.month + shift
            y = ref.year + (m - 1) // 12
            m = (m - 1) % 12 + 1
            a, b = _month_range(y, m)
        else:
            a, b = dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift, 12, 31)
        if kind == "in_period" and shift == 0:
            if low.startswith("earlier"):
                b = ref
            else:
                a = ref
        return span(a, b)
    if kind == "weekday":
        wd = _WEEKDAYS.index(re.search(_WD, low).group())
        if "last " in low:
            back = (ref.weekday() - wd) % 7 or 7
            return day(ref - dt.timedelta(days=back))
        if "next " in low or (future and wd != ref.weekday()):
            ahead = (wd - ref.weekday()) % 7 or 7
            return day(ref + dt.timedelta(days=ahead))
        back = (ref.weekday() - wd) % 7
        return day(ref - dt.timedelta(days=back))
    if kind == "holiday":
        month, day_of_month = (
            (10, 31)
            if "halloween" in low
            else (12, 24)
            if "eve" in low and "christmas" in low
            else (12, 31)
            if "eve" in low
            else (1, 1)
            if "new year" in low
            else (12, 25)
        )
        target = _nearest_year(month, day_of_month, ref)
        if target > ref + dt.timedelta(days=7) and (past or low.startswith("last")):
            target = dt.date(target.year - 1, month, day_of_month)
        return day(target)
    if kind == "day_word":
        if "yesterday" in low or low.startswith("last"):
            return day(ref - dt.timedelta(days=1))
        if "tomorrow" in low:
            return day(ref + dt.timedelta(days=1))
        return day(ref)
    out["vague"] = True
    return out


class _Claims:
    """Marks claimed character ranges in a byte array (list-like ``append`` of ``(start, end)``)."""

    def __init__(self, taken: bytearray) -> None:
        self.taken = taken

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self.taken[a:b] = b"\x01" * (b - a)


def find_time_expressions_in(
    text: str, ref: dt.date | None, *, paragraph: int = 0, offset: int = 0
) -> list[dict[str, Any]]:
    """Time expressions in one piece of text, resolved against the date ``ref`` (or vague).

    Dates come back as ISO strings. ``offset`` is added to character positions.

    >>> import datetime as dt
    >>> [(r["text"], r["start"], r["end"]) for r in
    ...  find_time_expressions_in("separatists since 2014", dt.date(2021, 12, 14))]
    [('since 2014', '2014-01-01', '2021-12-14')]
    >>> [(r["text"], r["vague"]) for r in find_time_expressions_in("For weeks, it said so yesterday.", None)]
    [('For weeks', True), ('yesterday', True)]
    """
    taken = bytearray(len(text) + 1)  # 1 where an earlier pattern already claimed the character
    claimed = _Claims(taken)
    found: list[tuple[int, int, str]] = []

    def free(a: int, b: int) -> bool:
        return "\n" not in text[a:b] and not any(taken[a:b])

    for m in _matches_at_words(_compiled(), text, _FIRST_WORDS):
        kind = m.lastgroup or ""
        a, b = m.span()
        if not free(a, b):
            continue
        if re.search(r"(?i)\bma[yr]\b", m.group()) and not re.search(r"\bMa[yr]\b", m.group()):
            continue  # "may" and "mar" in lower case are a verb, not a month
        claimed.append((a, b))
        found.append((a, b, kind))
    for m in _matches_at_words(_vague_pattern(), text, _vague_firsts()):
        if re.search(r"(?i)\bas\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue  # "as soon as" joins clauses; it is not a time
        if free(*m.span()):
            claimed.append(m.span())
            found.append((m.start(), m.end(), "vague"))
    found.sort()
    rows = []
    for a, b, kind in found:
        raw = text[a:b]
        shown = re.sub(r"(?i)^on\s+", "", raw) if kind == "weekday" else raw
        a2 = a + (len(raw) - len(shown))
        clause_start = max(text.rfind(".", 0, a), text.rfind(";", 0, a), text.rfind("\n", 0, a)) + 1
        clause_end_m = _CLAUSE_END.search(text, b)
        clause = text[clause_start : clause_end_m.start() if clause_end_m else len(text)]
        future = bool(_FUTURE.search(clause))
        past = not future and bool(_PAST.search(clause))
        if kind in ("vague", "duration", "in_span"):
            resolved: dict[str, Any] = {"date": None, "start": None, "end": None, "vague": True}
        else:
            try:
                resolved = _resolve(kind, shown, ref, future, past)
            except (ValueError, OverflowError):  # "2021-02-30", or a date beyond the calendar
                resolved = {"date": None, "start": None, "end": None, "vague": True}
        event = " ".join(clause.split())
        rows.append(
            {
                "paragraph": paragraph,
                "text": shown,
                "date": resolved["date"].isoformat() if resolved["date"] else None,
                "start": resolved["start"].isoformat() if resolved["start"] else None,
                "end": resolved["end"].isoformat() if resolved["end"] else None,
                "vague": bool(resolved["vague"]),
                "event": event if len(event) <= 120 else event[:117] + "...",
                "char_start": offset + a2,
                "char_end": offset + b,
            }
        )
    return rows


def find_time_expressions(article: Article) -> list[dict[str, Any]]:
    """Every time expression in the article, paragraph by paragraph, resolved against ``article.date``.

    >>> import medialit
    >>> rows = find_time_expressions(medialit.load_article())
    >>> [(r["paragraph"], r["text"], r["date"] or r["start"]) for r in rows][:3]
    [(1, 'Tuesday', '2021-12-14'), (2, 'For weeks', None), (3, 'since 2014', '2014-01-01')]
    """
    from bisect import bisect_right

    starts = [a for a, _ in article.paragraph_spans]
    rows = []
    for row in find_time_expressions_in(article.text, article.date):
        number = max(0, bisect_right(starts, row["char_start"]) - 1)
        a, b = article.paragraph_spans[number]
        if a <= row["char_start"] and row["char_end"] <= b:  # not the date line itself
            row["paragraph"] = number
            rows.append(row)
    return rows
