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
* **Holidays** from ``data/lexicons/holidays.csv`` ("Christmas Eve", "Thanksgiving", "Good Friday"):
  the nearest one to the dateline, or the last one before it when the clause is in the past tense.
* **Vague**: the phrases in ``data/lexicons/vague_time.csv`` ("for weeks", "in recent days") and
  durations ("for three hours") have no date. Without a dateline every relative expression is vague.

Month names, weekdays and number words come from ``data/lexicons/time_words.csv``. Every row has a
``rationale``: the rule that dated it, in words a student can check.

>>> import datetime as dt
>>> rows = find_time_expressions_in("Putin said Tuesday he met him last week.", dt.date(2021, 12, 14))
>>> [(r["text"], r["date"], r["start"], r["end"]) for r in rows]
[('Tuesday', '2021-12-14', None, None), ('last week', None, '2021-12-06', '2021-12-12')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from . import lexicons

if TYPE_CHECKING:
    from .article import Article

__all__ = ["find_time_expressions", "find_time_expressions_in"]

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"


@cache
def _time_words() -> dict[str, dict[str, int | None]]:
    """``{class: {word: value}}`` from ``data/lexicons/time_words.csv``."""
    out: dict[str, dict[str, int | None]] = {}
    for row in lexicons.rows("time_words"):
        out.setdefault(row["class"], {})[row["word"]] = int(row["value"]) if row["value"] else None
    return out


def _alternation(words: list[str], dotted: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    parts = [re.escape(w).replace(r"\ ", r"\s+") + (r"\.?" if w in dotted else "") for w in words]
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


@cache
def _words() -> dict[str, str]:
    """The regular-expression pieces built from the time-word lexicon: months, weekdays, numbers."""
    months = _time_words()["month"]
    short = {w for w in months if any(o != w and o.startswith(w) for o in months)}  # "sept", "dec"
    return {
        "MON": _alternation(list(months), short),
        "WD": _alternation(list(_time_words()["weekday"])),
        "NUM": r"(?:\d+|" + _alternation(list(_time_words()["number"]))[3:],
    }


@cache
def _patterns() -> list[tuple[str, str]]:
    """(kind, pattern) in priority order: earlier patterns claim text first."""
    w = _words()
    mon, wd, num = w["MON"], w["WD"], w["NUM"]
    return [
        ("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
        (
            "since_date",
            rf"\b(?:since|from)\s+(?:{wd},?\s+)?(?:{mon}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{mon}"
            rf"(?:,?\s+{_YEAR})?)(?!\w)",
        ),
        ("mdy", rf"\b(?:{wd},?\s+)?{mon}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\w)"),
        ("dmy", rf"\b(?:{wd},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{mon}(?:,?\s+{_YEAR})?(?!\w)"),
        ("since_month", rf"\b(?:since|from)\s+{mon}(?:\s+{_YEAR})?(?!\w)"),
        ("month_year", rf"\b(?:(?:in|during|by|until|last|early|late|mid-?)\s+)?{mon}\s+{_YEAR}\b"),
        (
            "year_range",
            rf"\b(?:(?:from|between|in)\s+)?{_YEAR}\s*(?:[-–]\s*(?:{_YEAR}|\d\d)|\s+(?:to|and|until|through)\s+"
            rf"{_YEAR})\b",
        ),
        ("since_year", rf"\b(?:since|from)\s+(?:the\s+)?{_YEAR}s?\b"),
        (
            "decade",
            r"\b(?:in|during)\s+the\s+(?:early\s+|late\s+|mid-?)?(?:1[89]|20)\d0s\b|\bthe\s+(?:1[89]|20)\d0s\b",
        ),
        (
            "year",
            rf"\b(?:in|during|by|until|before|after|of|early|late|mid-?|the|a)\s+{_YEAR}\b(?![-–]?\d|-)",
        ),
        ("ago", rf"\b{num}\s+(?:day|week|month|year)s?\s+ago\b"),
        (
            "past_n",
            rf"\b(?:in|over|during|for|within)\s+the\s+(?:past|last|previous)\s+{num}\s+(?:day|week|month|year)s?\b",
        ),
        ("rel_other", rf"\b{num}\s+(?:week|month|year|decade)s?\s+(?:later|earlier|after|before)\b"),
        (
            "rel_day",
            r"\b(?:a|one|two|three|four|five|six|seven|\d+)\s+days?\s+(?:after|before|later|earlier)\b",
        ),
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
            rf"\b(?:(?:later|earlier|late|early)\s+(?:on\s+)?)?(?:(?:last|this|next|on)\s+)?{wd}{_PARTS}\b"
            rf"(?!,?\s+(?:{mon}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}))",  # "Tuesday, December 14"
        ),
        (
            "day_word",
            r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
        ),
        ("holiday", rf"\b(?:(?:on|last|this|next)\s+)?{_holiday_alternation()}\b"),
        ("in_span", rf"\bin\s+(?:several|many|a\s+few|{num})\s+(?:day|week|month|year|decade)s\b"),
        (
            "month",
            rf"\b(?:(?:in|during|since|until|by|last|next|this|early|late)\s+(?:mid-)?|mid-){mon}\b(?!\s+\d)",
        ),
        (
            "duration",
            rf"\bfor\s+(?:(?:over|more\s+than|nearly|almost|about|around|at\s+least|less\s+than|up\s+to)\s+)?"
            rf"{num}\s+(?:hours?|days?|weeks?|months?|years?|decades?)\b",
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
    return re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _patterns()), re.IGNORECASE)


@cache
def _first_words() -> frozenset[str]:
    """Words a time expression can start with (every pattern starts with one of them, or with a digit)."""
    firsts = {w.split()[0] for group in _time_words().values() for w in group}
    firsts |= {re.match(r"[a-z]+", name).group() for name in _holidays()}  # type: ignore[union-attr]
    return frozenset(firsts)


_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def _matches_at_words(pattern: re.Pattern[str], text: str, firsts: frozenset[str]) -> Iterator[re.Match[str]]:
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


# ---------------------------------------------------------------- holidays


@cache
def _holidays() -> dict[str, str]:
    """Holiday name (lower case, straight apostrophe) -> its rule from ``data/lexicons/holidays.csv``."""
    return {r["name"].replace("’", "'"): r["rule"] for r in lexicons.rows("holidays")}


@cache
def _holiday_alternation() -> str:
    names = sorted(_holidays(), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+") for n in names) + ")"


def _easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the Anonymous Gregorian algorithm).

    >>> _easter(2021), _easter(2024)
    (datetime.date(2021, 4, 4), datetime.date(2024, 3, 31))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday_in(rule: str, year: int) -> dt.date:
    """The date a holiday rule gives in ``year`` ("12-25", "4 thursday of 11", "easter-2")."""
    if rule.startswith("easter"):
        return _easter(year) + dt.timedelta(days=int(rule[6:]))
    if "of" not in rule:
        month, day = map(int, rule.split("-"))
        return dt.date(year, month, day)
    nth, weekday, _, month_text = rule.split()
    month = int(month_text)
    wd = list(_time_words()["weekday"]).index(weekday)
    days = [
        d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == wd
    ]
    return days[-1] if nth == "last" else days[int(nth) - 1]


# ---------------------------------------------------------------- resolving one expression


class _Time(NamedTuple):
    """What an expression resolves to: one date, a span, or vague; and why."""

    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    vague: bool = False
    why: str = ""


@dataclass(frozen=True)
class _Found:
    """One matched expression and the clause it stands in."""

    text: str  # lower case, single spaces
    ref: dt.date | None  # the dateline
    future: bool  # the clause speaks of the future ("will", "is due to")
    past: bool  # the clause is told in the past tense


def _day(d: dt.date, why: str) -> _Time:
    return _Time(date=d, why=why)


def _span(a: dt.date, b: dt.date | None, why: str) -> _Time:
    return _Time(start=a, end=b, why=why)


def _vague(why: str) -> _Time:
    return _Time(vague=True, why=why)


_NO_DATELINE = "Relative to the article's date, which this article does not give: vague."


def _month_number(word: str) -> int:
    return int(_time_words()["month"][word.lower().rstrip(".")])  # type: ignore[arg-type]


def _number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _time_words()["number"].get(word)


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


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    m = month + by
    return year + (m - 1) // 12, (m - 1) % 12 + 1


def _year_in(text: str) -> int | None:
    m = re.search(_YEAR + r"(?!\d)", text)
    return int(m.group()) if m else None


def _calendar_date(f: _Found) -> _Time:
    """ "December 14", "14 December 2021", "since Jan. 3": a day of a month, in the year given or the
    year that puts it nearest the dateline (the year before, in a past-tense clause, when the nearest is
    more than a week ahead)."""
    mon = re.search(_words()["MON"], re.sub(_words()["WD"], "", f.text))
    dnum = re.search(r"(?<![\d])(" + _DAY + r")(?![\d])", re.sub(_YEAR, "", f.text))
    if not mon or not dnum:
        return _vague("A day or month the rules could not read.")
    month, day = _month_number(mon.group()), int(re.match(r"\d+", dnum.group()).group())  # type: ignore[union-attr]
    year = _year_in(f.text)
    if year:
        target, why = dt.date(year, month, day), "A date with its year."
    elif f.ref is None:
        return _vague("A date without a year, and the article gives no date to take the year from: vague.")
    else:
        target = _nearest_year(month, day, f.ref)
        why = "A date without a year: the year that puts it nearest the article's date."
        if target is not None and target > f.ref + dt.timedelta(days=7) and f.past:
            target = _nearest_year(month, day, dt.date(f.ref.year - 1, f.ref.month, min(f.ref.day, 28)))
            why = "A date without a year, told in the past tense: the last such date before the article's."
    if target is None:
        return _vague("Not a date on the calendar.")
    return _day(target, why)


def _since_date(f: _Found) -> _Time:
    found = _calendar_date(f)
    if found.date is None:
        return found
    return _Time(start=found.date, end=f.ref, why=found.why + " It runs from then to the article's date.")


def _month(f: _Found) -> _Time:
    """ "in March", "March 2020", "since March": the month in the year given, else the latest such month
    up to the dateline ("next March" and a future clause look ahead; "last March" looks back)."""
    mon = re.search(_words()["MON"], f.text.replace("mid-", "").replace("may be", ""))
    month = _month_number(mon.group()) if mon else 1
    year = _year_in(f.text)
    why = "A month with its year."
    if year is None:
        ref = f.ref
        if ref is None:
            return _vague("A month without a year, and the article gives no date: vague.")
        if f.text.startswith("last "):
            year = ref.year - 1 if month >= ref.month else ref.year
        elif f.text.startswith("next ") or (f.future and month > ref.month):
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        why = (
            "A month without a year: the latest such month up to the article's date (or the next one ahead)."
        )
    a, b = _month_range(year, month)
    return _span(a, b, why)


def _since_month(f: _Found) -> _Time:
    found = _month(f)
    if found.vague:
        return found
    return _Time(start=found.start, end=f.ref, why=found.why + " It runs from then to the article's date.")


def _year_range(f: _Found) -> _Time:
    years = re.findall(r"\d{4}|\d{2}", f.text)
    first = int(years[0])
    last = int(years[1]) if len(years[1]) == 4 else first // 100 * 100 + int(years[1])
    if last < first:
        return _vague("A range of years that ends before it starts.")
    return _span(dt.date(first, 1, 1), dt.date(last, 12, 31), "A range of years, from the first to the last.")


def _since_year(f: _Found) -> _Time:
    start = dt.date(int(re.search(_YEAR, f.text).group()), 1, 1)  # type: ignore[union-attr]
    return _span(start, f.ref, "From the start of that year to the article's date.")


def _decade(f: _Found) -> _Time:
    decade = int(re.search(r"(\d{4})s", f.text).group(1))  # type: ignore[union-attr]
    return _span(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "A decade: its ten years.")


def _year(f: _Found) -> _Time:
    year = _year_in(f.text)
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "A year: from 1 January to 31 December.")  # type: ignore[arg-type]


def _ago(f: _Found) -> _Time:
    """ "three days ago": counted back from the dateline."""
    ref = f.ref
    n_m = re.match(r"(\d+|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)", f.text)
    n = _number(n_m.group()) if n_m else None
    unit = re.search(r"(day|week|month|year)", f.text).group()  # type: ignore[union-attr]
    if n is None or ref is None:
        return _vague("No exact number to count back.")
    why = "Counted back from the article's date."
    if unit == "day":
        return _day(ref - dt.timedelta(days=n), why)
    if unit == "week":
        return _day(ref - dt.timedelta(weeks=n), why)
    if unit == "month":
        return _span(*_month_range(*_shift_month(ref.year, ref.month, -n)), why)
    return _span(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31), why)


def _past_n(f: _Found) -> _Time:
    """ "over the past seven days": the N units up to the dateline."""
    ref = f.ref
    n_m = re.search(
        r"(\d+|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+\w+s?$", f.text
    )
    n = _number(n_m.group(1)) if n_m else None
    unit = re.search(r"(day|week|month|year)s?$", f.text).group(1)  # type: ignore[union-attr]
    if n is None or ref is None:
        return _vague("No exact number of days, weeks or months.")
    why = "The days, weeks or months up to the article's date."
    if unit in ("day", "week"):
        return _span(ref - dt.timedelta(days=n * (7 if unit == "week" else 1)), ref, why)
    y, m = _shift_month(ref.year, ref.month, -n * (12 if unit == "year" else 1))
    return _span(dt.date(y, m, min(ref.day, calendar.monthrange(y, m)[1])), ref, why)


def _rel_day(f: _Found) -> _Time:
    """ "a day after": the news came a day after the event, so the event is a day before the dateline."""
    n = _number(f.text.split()[0]) or 1
    if "after" in f.text or "later" in f.text:
        return _day(f.ref - dt.timedelta(days=n), "The article's news came this many days after it.")  # type: ignore[operator]
    return _day(f.ref + dt.timedelta(days=n), "The article's news came this many days before it.")  # type: ignore[operator]


def _prev_day(f: _Found) -> _Time:
    if "before" in f.text or "previous" in f.text:
        return _day(f.ref - dt.timedelta(days=1), "The day before the article's date.")  # type: ignore[operator]
    return _day(f.ref + dt.timedelta(days=1), "The day after the article's date.")  # type: ignore[operator]


def _period(f: _Found) -> _Time:
    """ "last week", "this month", "next year"; "earlier this month" runs up to the dateline."""
    ref: dt.date = f.ref  # type: ignore[assignment]
    low = f.text
    unit = re.search(r"(weekend|week|month|year)", low).group()  # type: ignore[union-attr]
    shift = -1 if ("last" in low or "past" in low) else (1 if "next" in low else 0)
    if unit in ("week", "weekend"):
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        a, b = monday, monday + dt.timedelta(days=6)
        if unit == "weekend":
            a = monday + dt.timedelta(days=5)
    elif unit == "month":
        a, b = _month_range(*_shift_month(ref.year, ref.month, shift))
    else:
        a, b = dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift, 12, 31)
    why = f"The {unit} before, of, or after the article's date, as the words say."
    if low.startswith(("earlier", "later")) and shift == 0:
        a, b = (a, ref) if low.startswith("earlier") else (ref, b)
        why = f"The part of the article's {unit} before or after its date."
    return _span(a, b, why)


def _weekday(f: _Found) -> _Time:
    """The most recent such weekday on or before the dateline; the next one when the clause speaks of
    the future or the words say "next"."""
    ref: dt.date = f.ref  # type: ignore[assignment]
    wd = _time_words()["weekday"][re.search(_words()["WD"], f.text).group()]  # type: ignore[union-attr,index]
    if "last " in f.text:
        back = (ref.weekday() - wd) % 7 or 7  # type: ignore[operator]
        return _day(ref - dt.timedelta(days=back), "“Last” and a weekday: the one in the week before.")
    if "next " in f.text or (f.future and wd != ref.weekday()):
        ahead = (wd - ref.weekday()) % 7 or 7  # type: ignore[operator]
        return _day(ref + dt.timedelta(days=ahead), "A weekday in a sentence about the future: the next one.")
    back = (ref.weekday() - wd) % 7  # type: ignore[operator]
    return _day(
        ref - dt.timedelta(days=back), "A weekday: the most recent one on or before the article's date."
    )


def _holiday(f: _Found) -> _Time:
    """The nearest such holiday to the dateline; the one before it in a past-tense clause or after "last"."""
    ref: dt.date = f.ref  # type: ignore[assignment]
    name = re.sub(r"^(?:on|last|this|next)\s+", "", f.text).replace("’", "'")
    rule = _holidays()[name]
    options = [_holiday_in(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    target = min(options, key=lambda d: abs((d - ref).days))
    why = "A holiday: the one nearest the article's date."
    if target > ref + dt.timedelta(days=7) and (f.past or f.text.startswith("last")):
        target = max(d for d in options if d < target)
        why = "A holiday told in the past tense: the last one before the article's date."
    return _day(target, why)


def _day_word(f: _Found) -> _Time:
    ref: dt.date = f.ref  # type: ignore[assignment]
    if "yesterday" in f.text or f.text.startswith("last"):
        return _day(ref - dt.timedelta(days=1), "The day before the article's date.")
    if "tomorrow" in f.text:
        return _day(ref + dt.timedelta(days=1), "The day after the article's date.")
    return _day(ref, "The article's own date.")


def _vague_rule(why: str) -> Callable[[_Found], _Time]:
    return lambda f: _vague(why)


#: kind -> how to resolve it, and whether it needs the dateline
_RESOLVERS: dict[str, tuple[Callable[[_Found], _Time], bool]] = {
    "iso": (lambda f: _day(dt.date.fromisoformat(f.text), "A date written in full."), False),
    "mdy": (_calendar_date, False),
    "dmy": (_calendar_date, False),
    "since_date": (_since_date, False),
    "month_year": (_month, False),
    "month": (_month, False),
    "since_month": (_since_month, False),
    "year_range": (_year_range, False),
    "rel_other": (
        _vague_rule("Later or earlier than another event, not than the article's date: vague."),
        False,
    ),
    "since_year": (_since_year, False),
    "decade": (_decade, False),
    "year": (_year, False),
    "ago": (_ago, True),
    "past_n": (_past_n, True),
    "rel_day": (_rel_day, True),
    "prev_day": (_prev_day, True),
    "period": (_period, True),
    "in_period": (_period, True),
    "weekday": (_weekday, True),
    "holiday": (_holiday, True),
    "day_word": (_day_word, True),
    "vague": (_vague_rule("A phrase from the list of vague time phrases: no date to check."), False),
    "duration": (_vague_rule("A length of time, not a date."), False),
    "in_span": (_vague_rule("A length of time, not a date."), False),
}


def _resolve(kind: str, found: _Found) -> _Time:
    """Resolve one matched expression by its kind's rule."""
    rule, relative = _RESOLVERS[kind]
    if relative and found.ref is None:
        return _vague(_NO_DATELINE)
    try:
        return rule(found)
    except (ValueError, OverflowError):  # "2021-02-30", or a date beyond the calendar
        return _vague("Not a date on the calendar.")


# ---------------------------------------------------------------- finding expressions


def _find(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every expression, patterns first and vague phrases after, not overlapping."""
    taken = bytearray(len(text) + 1)  # 1 where an earlier pattern already claimed the character
    found: list[tuple[int, int, str]] = []

    def claim(a: int, b: int, kind: str) -> None:
        if "\n" in text[a:b] or any(taken[a:b]):
            return
        taken[a:b] = b"\x01" * (b - a)
        found.append((a, b, kind))

    for m in _matches_at_words(_compiled(), text, _first_words()):
        if re.search(r"(?i)\bma[yr]\b", m.group()) and not re.search(r"\bMa[yr]\b", m.group()):
            continue  # "may" and "mar" in lower case are a verb, not a month
        claim(*m.span(), m.lastgroup or "")
    for m in _matches_at_words(_vague_pattern(), text, _vague_firsts()):
        if re.search(r"(?i)\bas\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue  # "as soon as" joins clauses; it is not a time
        claim(*m.span(), "vague")
    return sorted(found)


def _clause(text: str, a: int, b: int) -> str:
    """The clause around ``text[a:b]``: between the full stops, semicolons or line breaks around it."""
    start = max(text.rfind(".", 0, a), text.rfind(";", 0, a), text.rfind("\n", 0, a)) + 1
    end_m = _CLAUSE_END.search(text, b)
    return text[start : end_m.start() if end_m else len(text)]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


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
    rows = []
    for a, b, kind in _find(text):
        raw = text[a:b]
        shown = re.sub(r"(?i)^on\s+", "", raw) if kind == "weekday" else raw
        a2 = a + (len(raw) - len(shown))
        clause = _clause(text, a, b)
        future = bool(_FUTURE.search(clause))
        past = not future and bool(_PAST.search(clause))
        resolved = _resolve(kind, _Found(re.sub(r"\s+", " ", shown.lower()), ref, future, past))
        event = " ".join(clause.split())
        rows.append(
            {
                "paragraph": paragraph,
                "text": shown,
                "date": _iso(resolved.date),
                "start": _iso(resolved.start),
                "end": _iso(resolved.end),
                "vague": resolved.vague,
                "event": event if len(event) <= 120 else event[:117] + "...",
                "rationale": resolved.why,
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
