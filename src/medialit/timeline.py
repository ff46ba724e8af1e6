"""Time expressions: find them and resolve them against the article's date (the dateline).

Rules:

* **Tense** decides which weekday, month, date or season is meant. The verb nearest the expression (within
  eight words; a tie goes to the one before) sets it: "will", "is due to", "would", "next" speak of the
  future; "said", "began", "-ed" verbs and the irregular past forms of ``time_words.csv`` of the past;
  a reporting verb right next to the expression gives the day the words were said ("said on Monday").
  With none within eight words, the nearest "was", "were", "had", "did" or future marker anywhere in the
  clause decides ("On Thursday, with the bill still pending, members were furious"); with none at all the
  sentence is in the present tense; a headline's present tense tells the past.
* **Weekdays** ("Tuesday", "later Tuesday", "on Monday night") mean the most recent such day on or
  before the dateline in a past-tense sentence, the next one in a sentence about the future or in the
  present tense ("The summit opens Thursday"). After a date written earlier in the same sentence ("on
  Saturday, May 5, … on Sunday") or after "that" ("that Saturday"), the first such day from that date.
* **Relative days**: "today", "tonight", "this morning" = the dateline; "yesterday" = one day before;
  "tomorrow" = one day after; "N days ago" = N days before; "a day after" = one day before the dateline
  (the article's news came a day after it); "a day before" = one day after the dateline. "Today" inside
  a quotation, in a paragraph that has named an earlier day, is that day (the words were said then);
  "the next day" after a named day is the day after it; "N days later" counts from it. "Today" compared
  with other times ("more important today than ever", "for many today"), after a thing in general ("the
  world today") or set against a year long before ("In 1777, … Today, the academy trains") means nowadays:
  vague.
* **Weeks, months, years**: "last week" is the previous Monday–Sunday; "this week" the dateline's
  week; "earlier this month" and "so far this year" run from the 1st to the dateline; "last year" is
  the previous calendar year; "N weeks ago" is the Monday–Sunday week N weeks back; "N years ago today" is the
  very day; "over the past decade" is the ten years up to the dateline. "(by) the end of the year" is
  its last day; "a couple of" counts as two ("the past couple of years"). Seasons are meteorological
  (winter: December to February), also as a sentence's subject ("Spring was cool"). "early May",
  "mid-May", "the middle of July", "late 2019" or "late last year" is vague: part of a month or year
  with no edges. "The last weekend
  of April 2012" is that Saturday and Sunday; "2012/13" is both years. A month or a day followed by its
  year in words ("in March last year", "December 5 next year") is placed in that year.
* **Dates**: "December 14", "14 December 2021", "Dec. 14, 2021", "2021-12-14", "July fourth", "the 15th"
  (the day of the month the paragraph last named, else of the month the tense points to). A date without
  a year takes the year that puts it nearest the dateline ("last October 15": the one before it; "this
  July 4": the nearest). A month without a year is the latest one up to the dateline in a past-tense
  sentence, the next one in a sentence about the future, the nearest otherwise. "in 2013" or a bare
  "2013" is that year (not a count: "2013 soldiers"); spelled-out years and numbers count ("in nineteen
  eighty one", "Seventeen years ago"). "since 2014" starts on 2014-01-01 and ends on the dateline; "in the
  1990s" is the decade; "since World War II" and "since its inception" are vague; "since Saturday",
  "since last March" and "since last year" run from that day or period to the dateline.
* **Ranges** ("from November 20 to December 11", "between July 2003 and December 2004", "June 15-18",
  "Thursday and Friday", "from March to June") are one expression from the first day to the last; a
  range without years ends on the first such day after its start, so it never runs backwards across New
  Year.
* **Clock times** ("at 22:30", "4:33 p.m. EDT", "at 0800 GMT", "at midnight") are the day they fall
  on: the day written next to them ("at 2:30 the next day", "on May 15 at 7pm", "10 p.m. [April 30]"),
  else the last day the paragraph named, else the dateline.
* **Holidays** from ``data/lexicons/holidays.csv`` ("Christmas Eve", "Thanksgiving", "Good Friday",
  "9/11"): the nearest one to the dateline, or the last one before it when the clause is in the past
  tense — but only where the holiday is used as a time ("on", "for", "during", "this", "to celebrate"):
  "Thanksgiving dinner" names a meal and "The Fourth of July is America's birthday" the holiday itself.
  Frequencies ("every year on July 4", "every Sunday") are not dates.
* **Vague**: the phrases in ``data/lexicons/vague_time.csv`` ("for weeks", "in recent days") and
  durations ("for three hours") have no date; a length without "for" ("built in 40 months") is not
  reported. Without a dateline every relative expression is vague.

Month names, weekdays and number words come from ``data/lexicons/time_words.csv``. Every row has a
``rationale``: the rule that dated it, in words a student can check.

>>> import datetime as dt
>>> rows = find_time_expressions_in("Putin said Tuesday he met him last week.", dt.date(2021, 12, 14))
>>> [(r["text"], r["date"], r["start"], r["end"]) for r in rows]
[('Tuesday', '2021-12-14', None, None), ('last week', None, '2021-12-06', '2021-12-12')]
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from . import lexicons
from ._calendar import (
    holiday_in,
    month_range,
    nearest_year,
    season_range,
    shift_month,
    shift_years,
    week_of,
)

if TYPE_CHECKING:
    from .article import Article

__all__ = ["find_time_expressions", "find_time_expressions_in"]

#: a year written with a date, a month or a preposition ("July 4, 1776", "in 1777")
_YEAR = r"(?:1\d\d\d|20\d\d)"
#: a year standing alone ("2015"): only 1800 to 2099, since older-looking numbers are mostly counts
_MODERN_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
_DAY_ORDINAL = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
# what may follow "on the 15th" when it is a day of the month (not "the 15th anniversary", "the 5th Army")
_AFTER_ORDINAL = (
    r"(?=\s*(?:[.,;:)!?]|$)|\s+(?:and|or|at|to|through|until|till|when|in|after|before|but|with|as|"
    r"for|amid|during)\b)"
)
_SEASONS = r"(?:spring|summer|autumn|fall|winter)"
_ZONES = r"UTC|GMT|EDT|EST|CDT|CST|MDT|MST|PDT|PST|BST|CET|CEST"
_ZONE = rf"(?:\s*\(?(?:a\.m\.|p\.m\.|am|pm|local\s+time|{_ZONES})\)?)"


@cache
def _time_words() -> dict[str, dict[str, int | None]]:
    """``{class: {word: value}}`` from ``data/lexicons/time_words.csv``."""
    out: dict[str, dict[str, int | None]] = {}
    for row in lexicons.rows("time_words"):
        out.setdefault(row["class"], {})[row["word"]] = int(row["value"]) if row["value"] else None
    return out


def _alternation(words: list[str], dotted: set[str] | frozenset[str] = frozenset()) -> str:
    parts = [re.escape(w).replace(r"\ ", r"\s+") + (r"\.?" if w in dotted else "") for w in words]
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


def _tens() -> list[str]:
    """The number words for 20, 30 ... 90 (the first half of "twenty-five")."""
    return [w for w, n in _time_words()["number"].items() if n and 20 <= n <= 90 and n % 10 == 0]


def _units() -> list[str]:
    """The number words for 1 to 9 (the second half of "twenty-five")."""
    return [w for w, n in _time_words()["number"].items() if n and n < 10 and " " not in w and len(w) > 2]


@cache
def _words() -> dict[str, str]:
    """The regular-expression pieces built from the time-word lexicon: months, weekdays, numbers."""
    words = _time_words()
    months = words["month"]
    short = {w for w in months if any(o != w and o.startswith(w) for o in months)}  # "sept", "dec"
    compound = rf"(?:{'|'.join(_tens())})[- ](?:{'|'.join(_units())})"  # "twenty-five"
    small = [w for w, n in words["number"].items() if n is not None and n < 100 and " " not in w]
    one_to_99 = rf"(?:{compound}|{_alternation(small)[3:-1]})"
    return {
        "MON": _alternation(list(months), short),
        "WD": _alternation(list(words["weekday"])),
        "NUM": rf"(?:\d+|{compound}|" + _alternation(list(words["number"]))[3:],
        "ORD": _alternation(list(words["ordinal"])).replace(r"\s+", r"[-\s]+"),
        "SPELLED_YEAR": (
            rf"(?:(?:nineteen|twenty)[- ](?:hundred\s+(?:and\s+)?)?{one_to_99}"
            rf"|two\s+thousand(?:\s+and)?(?:[- ]{one_to_99})?)"
        ),
    }


@cache
def _patterns() -> list[tuple[str, str]]:
    """(kind, pattern) in priority order: earlier patterns claim text first."""
    w = _words()
    mon, wd, num = w["MON"], w["WD"], w["NUM"]
    clock = (
        rf"(?:(?:(?:0\d|1\d|2[0-3]|[1-9]):[0-5]\d(?![\d)]|:\d){_ZONE}*|(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|(?:am|pm)\b){_ZONE}*"
        rf"|(?:[01]?\d|2[0-3])h(?:[0-5]\d)?\b{_ZONE}*|noon|midnight|half\s+past\s+(?:1[0-2]|0?[1-9]){_ZONE}*"
        rf"|(?:[01]\d|2[0-3])\.?[0-5]\d(?=\s+(?:local\s+time|{_ZONES}|hours|h\b)){_ZONE}*)"
        # "1830 BST (1730 UTC)", "2:20 p.m. CDT (1920 UTC)": the same time in a second zone, in brackets
        rf"(?:\s*\((?:(?:[01]?\d|2[0-3])[:.]?[0-5]\d)\s*(?:a\.m\.|p\.m\.)?\s*(?:{_ZONES})\))?)"
    )
    return [
        ("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
        (
            "day_range",
            rf"\b(?:(?:from|between|on)\s+)?{mon}\s+{_DAY}\s*(?:-|–|and|to|through)\s*{_DAY}(?:,?\s+{_YEAR})?(?!\w)",
        ),
        (
            "day_range",
            rf"\b(?:(?:from|between|on)\s+)?(?:the\s+)?{_DAY}\s*(?:-|–|and|to)\s*(?:the\s+)?{_DAY}\s+(?:of\s+)?{mon}"
            rf"(?:,?\s+{_YEAR})?(?!\w)",
        ),
        (
            "since_date",
            rf"\b(?:since|from)\s+(?:{wd},?\s+)?(?:{mon}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{mon}"
            rf"(?:,?\s+{_YEAR})?)(?!\w)",
        ),
        (
            "mdy",
            rf"\b(?:(?:last|this)\s+)?(?:{wd},?\s+)?{mon}\s+(?:{_DAY}|{w['ORD']})(?:,?\s+{_YEAR})?(?!\w)",
        ),
        (
            "dmy",
            rf"\b(?:{wd},?\s+)?(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?|the\s+(?-i:{w['ORD']})\s+of\s+){mon}(?:,?\s+{_YEAR})?(?!\w)",
        ),
        (
            "month_range",
            rf"\b(?:from|between)\s+{mon}(?:,?\s+{_YEAR})?\s+(?:to|until|till|through|thru|and|-|–)\s+{mon}"
            rf"(?:,?\s+{_YEAR})?(?!\w)",
        ),
        ("since_month", rf"\b(?:since|from)\s+{mon}(?:\s+{_YEAR})?(?!\w)"),
        (
            "ordinal_day",
            rf"\b(?:(?:on|by|until|till|since|from|before|after)\s+|{wd},?\s+)the\s+{_DAY_ORDINAL}"
            rf"(?:\s+of\s+(?:this|last|next)\s+month)?{_AFTER_ORDINAL}",
        ),
        (
            "month_year",
            rf"\b(?:(?:in|during|by|until|last|early|late|mid-?)\s+)?{mon},?\s+(?:of\s+)?{_YEAR}\b",
        ),
        (
            "year_range",
            rf"\b(?:(?:from|between|in)\s+)?{_YEAR}\s*(?:[-–]\s*(?:{_YEAR}|\d\d)|\s+(?:to|and|until|through)\s+"
            rf"{_YEAR})\b",
        ),
        ("since_year", rf"\b(?:since|from)\s+(?:the\s+)?{_YEAR}s?\b"),
        ("split_year", rf"(?<![\d/]){_MODERN_YEAR}/\d\d(?![\d/])"),
        (
            "decade",
            r"\b(?:in|during)\s+the\s+(?:early\s+|late\s+|mid-?)?(?:1[89]|20)\d0s\b|\bthe\s+(?:1[89]|20)\d0s\b"
            r"|(?<![\w'’])(?:1[89]|20)\d0s\b",
        ),
        (
            "edge",
            rf"\b(?:(?:by|at|before|until|till|towards?|near|from|in)\s+)?the\s+(?:end|start|beginning)\s+of\s+"
            rf"(?:(?:the|this|next|last)\s+(?:year|month|week|decade)|{mon}(?:\s+{_YEAR})?|{_YEAR})\b",
        ),
        (
            "season",
            rf"\b(?:(?:last|this|next|past)\s+{_SEASONS}|(?:in|during|over|through|by)\s+the\s+{_SEASONS}(?:\s+of\s+{_YEAR})?(?!\s+of\s+[A-Z])|the\s+{_SEASONS}\s+of\s+{_YEAR}|{_SEASONS}\s+(?:of\s+)?{_YEAR}|(?:the\s+)?(?:spring|summer|autumn|winter)(?=\s+(?:was|were|came|arrived|began|ended|brought|had|has|is)\b))\b",
        ),
        (
            "year",
            rf"\b(?:in|during|by|until|before|after|of|early|late|mid-?|the|a)\s+{_YEAR}\b(?![-–/]?\d|-)",
        ),
        ("spelled_year", rf"\b(?:in|during|since|by|until|of|from)\s+{w['SPELLED_YEAR']}\b"),
        ("ago", rf"\b{num}\s+(?:of\s+)?(?:day|week|month|year|decade)s?\s+ago(?:\s+(?:today|tonight))?\b"),
        (
            "past_n",
            rf"\b(?:(?:in|over|during|for|within)\s+)?the\s+(?:past|last|previous|next|coming)\s+(?:{num}\s+(?:of\s+)?"
            rf"(?:hour|day|week|month|year|decade)s?|{num}\s+centuries|(?:decade|century)(?!\s+(?:of|before|after)\b))\b",
        ),
        ("rel_other", rf"\b{num}\s+(?:week|month|year|decade)s?\s+(?:later|earlier|after|before)\b"),
        (
            "rel_day",
            rf"\b(?:a|{num})\s+days?\s+(?:after|before|later|earlier)\b",
        ),
        (
            "rel_vague",
            r"\b(?:just|only|mere|a\s+few|several|some|the)\s+(?:hours|days|weeks|months|years)\s+"
            r"(?:before|after|earlier|later)\b",
        ),
        (
            "prev_day",
            r"\bthe\s+(?:day|night)\s+before\b|\bthe\s+(?:previous|next|following|same)\s+(?:day|morning|"
            r"afternoon|evening|night)\b|\bthat\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)\b",
        ),
        (
            "in_period",
            r"\b(?:earlier|later)\s+(?:this|last|next)\s+(?:week|month|year)\b|"
            r"\b(?:earlier|later)\s+in\s+the\s+(?:week|month|year)\b",
        ),
        (
            "period",
            r"\b(?:(?:early|late)\s+|mid-?\s*)?(?:last|this(?:\s+past)?|next|past)\s+(?:week(?:end)?|month|year)\b",
        ),
        (
            "quarter",  # a business quarter: "in the third quarter", "a third-quarter loss"
            rf"\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?(?:first|second|third|fourth|final|last)[\s-]+quarter"
            rf"(?:\s+of\s+{_YEAR})?\b(?!\s+of\s+(?:the\s+)?(?:a|an|game|match|century|mile))",
        ),
        (
            "event_day",  # "rolled into a second day", "through its third day": the event's day, today
            r"\b(?:into|through|on|in|entered|enters|entering)\s+(?:a|its|their|the)\s+(?:second|third|fourth|fifth|sixth|seventh)"
            r"\s+(?:straight\s+|consecutive\s+)?day\b(?!s)",
        ),
        (
            "date_weekend",
            rf"\b(?:(?:over|during|throughout|through|on|at|for|across)\s+)?the\s+weekend\s+of\s+{mon}\s+{_DAY}"
            rf"(?:\s*(?:/|-|–|and)\s*(?:{mon}\s+)?{_DAY})?(?:,?\s+{_YEAR})?(?!\w)",
        ),
        (
            "month_weekend",
            rf"\b(?:(?:over|during|throughout|through|on|at|for|across)\s+)?the\s+(?:first|second|third|fourth|last)"
            rf"\s+weekend\s+(?:of|in)\s+{mon}(?:,?\s+{_YEAR})?(?!\w)",
        ),
        ("weekend", r"\b(?:over|during|throughout|through|on|at|for|across)\s+the\s+weekend\b"),
        (
            "next_period",
            r"\bthe\s+(?:following|next|previous|preceding)\s+(?:week|month|year)\b",
        ),
        ("weekday_of_week", rf"\b(?:on\s+)?{wd}{_PARTS}\s+(?:of\s+)?(?:last|next|this)\s+week\b"),
        (
            "weekday",
            rf"\b(?:(?:later|earlier|late|early)\s+(?:on\s+)?)?(?:(?:last|this|next|on|that)\s+)?{wd}{_PARTS}\b"
            rf"(?!,?\s+(?:{mon}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}))",  # "Tuesday, December 14"
        ),
        ("nowadays", rf"\btoday['’]s\s+{_alternation(list(_time_words()['present noun']))}\b"),
        (
            "day_word",
            r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b",
        ),
        ("holiday", rf"\b(?:(?:on|last|this|next)\s+)?{_holiday_alternation()}(?![\w/])"),
        ("clock", rf"\b(?:(?:at|by|from|until)\s+(?:around\s+|about\s+|approximately\s+)?)?{clock}"),
        (
            "since_dated",  # "since our liberation in 1980", "since the revolution in January and February"
            rf"\bsince\s+(?:the|its|his|her|their|our|my|your|a|an)\s+(?:[\w’'-]+\s+){{0,3}}in\s+"
            rf"(?:{mon}(?:\s+and\s+{mon})?(?:,?\s+{_YEAR})?|{_YEAR})\b",
        ),
        (
            "month_pair",  # "in January and February": one span over both months
            rf"\b(?:in|during)\s+{mon}\s+and\s+{mon}(?:,?\s+{_YEAR})?\b",
        ),
        (
            "since_undated",
            r"\bsince\s+(?:its|his|her|their|our|my|your)\s+(?:[a-z]+['’]s\s+)?[a-z]+\b",
        ),
        (
            "since_event",
            r"\bsince\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'-]*\s+)*(?-i:War|Wars|Revolution|Crisis|Depression|Olympics|"
            r"Games|Cup|Spring|Uprising|Intifada)(?:\s+I{1,3}V?)?\b",
        ),
        (
            "in_span",
            rf"\b(?:in|within)\s+(?:(?:nearly|almost|more\s+than|over|about|at\s+least|just|only)\s+)?"
            rf"(?:several|many|a\s+few|a\s+dozen|{num})\s+(?:day|week|month|year|decade)s?\b",
        ),
        (
            "month",
            rf"\b(?:(?:in|during|since|until|by|last|next|this|early|late|on|of|after|before|throughout)\s+(?:mid-)?"
            rf"|mid-|(?:in\s+)?the\s+middle\s+of\s+){mon}\b(?!\.?\s+(?:\d|{w['ORD']}\b))",
        ),
        (
            "month_adj",  # "the June run-off", "the March election": a month before what happened in it
            rf"\bthe\s+(?-i:(?=[A-Z])){mon}(?=\s+(?-i:[a-z])[a-z-]{{2,}}\b)"
            r"(?!\s+(?:government|administration|cabinet|ministry|camp|team|era|doctrine|family)\b)",
        ),
        (
            "duration",
            rf"\bfor\s+(?:another\s+|as\s+long\s+as\s+)?(?:(?:over|more\s+than|nearly|almost|about|around|at\s+least|"
            rf"less\s+than|up\s+to|just|only|roughly|some)\s+)?(?:{num}(?:\s+(?:to|or|-)\s+{num})?|a\s+couple\s+of|a\s+number\s+of|"
            rf"dozens\s+of)\s+(?:more\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))(?:\s+to\s+come)?\b",
        ),
        ("bare_year", rf"(?<![\d$€£.,/#-]){_MODERN_YEAR}\b(?![-–/]?\d|%|,\d|\.\d|-)"),
    ]


#: words that make a clause speak of the future on their own ("will"), or before the next word ("is due")
_FUTURE_WORDS = frozenset(["will", "shall", "next", "upcoming"])
_FUTURE_BE = frozenset(["is", "are", "was", "were"])
_FUTURE_AFTER_BE = frozenset(["due", "set", "scheduled", "expected", "going", "planned", "to"])
#: "is closed", "are held": a participle after these is the present passive, not the past
_PASSIVE_BE = frozenset(["is", "are", "be", "being", "re", "m"])  # "re", "m": "we're", "I'm"


@cache
def _past_words() -> frozenset[str]:
    """Irregular past-tense forms and participles ("ran", "fought", "been") from the "past verb" class of
    ``data/lexicons/time_words.csv``; regular ones end in "-ed" and need no list."""
    return frozenset(_time_words()["past verb"])


@cache
def _saying_words() -> frozenset[str]:
    """Reporting verbs in the past or present tense ("said", "says", "told"): the day next to one is the day
    the words were said."""
    rows = lexicons.rows("reporting_verbs")
    return frozenset(r["form"] for r in rows if r["tense"] in ("past", "3sg") and " " not in r["form"])


def _is_past(low: str, raw_first: str) -> bool:
    """Is a word (lower case; ``raw_first`` its first letter as written) a verb in the past tense?"""
    if low in _past_words():
        return True
    regular = len(low) >= 4 and low.endswith("ed") and not low.endswith("eed") and low != "hundred"
    return regular and raw_first.islower()


_BE_NOW = frozenset(["is", "are", "am", "re", "s"])
#: how many words from an expression a verb may stand and still set its tense
_TENSE_WINDOW = 8

#: words that may stand before an expression that opens its clause ("Late on Monday, he said")
_OPENING = frozenset(["on", "late", "early", "earlier", "later", "and", "but", "then", "also", "by"])


def _tense(text: str, words: _Words, start: int, end: int, a: int, b: int) -> str:
    """The tense of the clause ``text[start:end]`` as it bears on the expression at ``text[a:b]``:
    ``future``, ``past`` or ``present`` (no tense marker at all). In order:

    1. a reporting verb right before the expression ("said on Monday", "told reporters Tuesday"), or right
       after one that opens the clause ("On Monday, he said"), gives the day the words were said: past;
    2. otherwise the tense marker nearest the expression, within eight words, decides ("He said Monday the
       talks will resume Thursday": "will" is nearer Thursday than "said"; a tie goes to the one before);
       a reporting verb further away still makes the clause past ("The ministry said … Friday");
    3. with no marker the clause is in the present tense ("The summit opens Thursday"), or in the
       progressive ("is meeting Tuesday", "is in Baghdad Sunday": about now).

    >>> text = "He said Monday the talks will resume Thursday."
    >>> w = _Words.of(text)
    >>> _tense(text, w, 0, 45, 8, 14), _tense(text, w, 0, 45, 37, 45)
    ('past', 'future')
    """
    starts, lows = words.starts, words.lows
    i0, i1 = bisect_left(starts, start), bisect_left(starts, end)
    ia, ib = bisect_left(starts, a), bisect_left(starts, b)
    saying_words = _saying_words()
    saying: list[int] = []
    marked: list[tuple[int, str]] = []  # (distance in half words, tense)
    skip = -1  # a word already read as part of a future phrase ("was expected")
    # "… a priority in January, and he planned to …": another clause's verb does not count
    clause_start, clause_end = words.clause_of(starts[ia], starts[max(ia, ib - 1)])
    # only the words within the window can set the tense (a word just before it may start "was expected")
    for k in range(max(i0, ia - _TENSE_WINDOW - 1), min(i1, ib + _TENSE_WINDOW + 1)):
        if ia <= k < ib or k == skip:
            continue
        low = lows[k]
        nxt = lows[k + 1] if k + 1 < i1 else ""
        distance = (
            2 * (ia - k) if k < ia else 2 * (k - ib) + 3
        )  # in half words: a tie goes to the verb before
        if distance > 2 * _TENSE_WINDOW + 1:
            continue
        if not clause_start < starts[k] < clause_end:
            continue
        if low in saying_words:  # "said", "says": the words were said by the date line
            saying.append(k)
            marked.append((distance, "past"))
            continue
        future = (
            low in _FUTURE_WORDS
            or (low == "would" and nxt != "have")
            or (low == "ll" and starts[k] > 0 and text[starts[k] - 1] in "’'")
            or (low in _FUTURE_BE and nxt in _FUTURE_AFTER_BE)
            or (low in ("plan", "plans") and nxt == "to")
            or (low == "planned" and nxt in ("for", "to"))
            or (low == "expected" and nxt == "to")  # "accumulation expected to continue into Sunday"
            or low in ("expect", "expects")  # "forecasters expect the storm to make landfall Monday"
            or (low == "as" and nxt == "soon")
            or (low == "to" and nxt == "be" and k + 2 < i1 and lows[k + 2] == "held")
        )
        if future:
            marked.append((distance, "future"))
            skip = k + 1
        elif _is_past(low, text[starts[k]]) and not (k > i0 and lows[k - 1] in _PASSIVE_BE):
            marked.append((distance, "past"))
    saying_far = not saying_words.isdisjoint(lows[i0:ia]) or not saying_words.isdisjoint(lows[ib:i1])
    for k in saying:
        if k < ia and ia - k - 1 <= 2:
            return "past"
        if k >= ib and k - ib <= 2 and all(lows[j] in _OPENING for j in range(i0, ia)):
            return "past"
    if marked:
        return min(marked)[1]
    if saying_far:
        return "past"
    window = lows[max(i0, ia - _TENSE_WINDOW) : min(i1, ib + _TENSE_WINDOW)]
    for j in range(len(window) - 1):  # "is meeting Tuesday", "are in Baghdad Sunday": happening about now
        if window[j] in _BE_NOW and (window[j + 1].endswith("ing") or window[j + 1] in ("in", "at")):
            return "progressive"
    return _far_tense(words, i0, i1, ia, ib)


_FINITE_PAST = frozenset(["was", "were", "had", "did"])
#: where one clause ends and another begins (", and the volunteers now need to …")
_CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|whereas|yet)\b|;")


def _far_tense(words: _Words, i0: int, i1: int, ia: int, ib: int) -> str:
    """The tense of a clause whose verb stands more than eight words from the expression: "On Thursday, with
    major legislation still pending, minority Republicans were infuriated", "Guard members in four states
    were continuing their support with manpower and equipment Thursday". The nearest past or future marker
    anywhere in the clause decides (for the past only "was", "were", "had", "did": a participle further off,
    "the work that has to get done", says nothing); with none, the clause is in the present tense.

    >>> text = "On Thursday, with the bill still pending in the chamber, members of the minority were out."
    >>> _tense(text, _Words.of(text), 0, len(text), 3, 11)
    'past'
    """
    lows = words.lows
    best: tuple[int, str] | None = None
    for k in [*range(ia - 1, i0 - 1, -1), *range(ib, i1)]:
        low = lows[k]
        nxt = lows[k + 1] if k + 1 < i1 else ""
        if low in _FUTURE_WORDS or (low in _FUTURE_BE and nxt in _FUTURE_AFTER_BE):
            tense = "future"
        elif low in _FINITE_PAST:  # not a participle far away ("to get Thursday done")
            tense = "past"
        elif (
            k < ia
            and k - i0 <= 3
            and _is_past(low, low[:1])
            and (k == 0 or lows[k - 1] not in _PASSIVE_BE)
            and not words.broken(words.starts[k], words.starts[ia])
        ):
            tense = "past"  # "The explosion occurred in a laboratory … Monday": the verb after the subject
        elif (
            low in ("has", "have")
            and nxt != "to"
            and _is_past(nxt, nxt[:1])
            and not words.broken(words.starts[k], words.starts[ia])
        ):
            tense = "past"  # "has taken full responsibility for … Thursday afternoon": the present perfect
        else:
            continue
        distance = ia - k if k < ia else k - ib + 1
        if best is None or distance < best[0]:
            best = (distance, tense)
    return best[1] if best is not None else "present"


_TOKEN = re.compile(r"[A-Za-z]+|\d+")


_NEAR = 4  # every expression has a time word among its first four words


@cache
def _time_anchors() -> frozenset[str]:
    """Words at least one of which stands among the first words of every time expression (a month, a
    weekday, a number, "week", "today", "noon", a holiday's name ...): the big pattern is tried only near
    one of them."""
    words = _time_words()
    found = {w for c in ("month", "weekday", "number") for phrase in words[c] for w in phrase.split()}
    found |= set(_tens()) | {w for name in _holidays() for w in re.findall(r"[a-z]+", name)}
    found |= set(words["anchor"])
    return frozenset(found)


class _Words(NamedTuple):
    """The text's words read once: where each starts, in lower case; and where clauses break."""

    starts: list[int]
    lows: list[str]
    breaks: list[int]  # offsets of ", and", ", but", ";" …: where one clause ends and another begins

    @classmethod
    def of(cls, text: str) -> _Words:
        found = _TOKEN.finditer(text)
        starts: list[int] = []
        lows: list[str] = []
        add_start, add_low = starts.append, lows.append
        for m in found:
            add_start(m.start())
            add_low(m.group().lower())
        return cls(starts, lows, [m.start() for m in _CLAUSE_BREAK.finditer(text)])

    def broken(self, a: int, b: int) -> bool:
        """Does a clause break stand between offsets ``a`` and ``b``?"""
        k = bisect_left(self.breaks, min(a, b))
        return k < len(self.breaks) and self.breaks[k] < max(a, b)

    def clause_of(self, a: int, b: int) -> tuple[int, int]:
        """The offsets of the clause breaks around ``text[a:b]``: the last before ``a`` (-1 if none) and the
        first at or after ``b`` (the end of the text if none); a word outside them is in another clause."""
        k = bisect_left(self.breaks, a)
        before = self.breaks[k - 1] if k else -1
        j = bisect_left(self.breaks, b)
        return before, self.breaks[j] if j < len(self.breaks) else 1 << 62


#: which patterns can start with which word ("#" for a number, "MON", "WD", "NUM" for the word classes)
_STARTS: dict[str, str] = {
    "iso": "#",
    "day_range": "# MON from between on the",
    "since_date": "since from",
    "mdy": "last this WD MON",
    "dmy": "# WD the",
    "since_month": "since from",
    "month_range": "from between",
    "ordinal_day": "on by until till since from before after WD",
    "month_year": "MON in during by until last early late mid",
    "year_range": "# from between in",
    "since_year": "since from",
    "decade": "in during the #",
    "split_year": "#",
    "since_undated": "since",
    "since_dated": "since",
    "month_pair": "in during",
    "edge": "by at before until till towards toward near from in the",
    "season": "SEASON last this next past in during over through by the",
    "year": "in during by until before after of early late mid the a",
    "spelled_year": "in during since by until of from",
    "ago": "# NUM",
    "past_n": "in over during for within the",
    "rel_other": "# NUM",
    "rel_day": "# a NUM",
    "rel_vague": "just only mere a several some the",
    "prev_day": "the that",
    "next_period": "the",
    "in_period": "earlier later",
    "period": "last this next past early late mid",
    "weekend": "over during throughout on at for across",
    "month_weekend": "over during throughout through on at for across the",
    "date_weekend": "over during throughout through on at for across the",
    "event_day": "into through on in entered enters entering",
    "quarter": "in during for over the first second third fourth final last",
    "weekday_of_week": "WD on",
    "weekday": "WD later earlier late early last this next on that",
    "nowadays": "today",
    "day_word": "today tonight yesterday tomorrow this last",
    "holiday": "HOLIDAY on last this next",
    "clock": "# at by from until noon midnight half",
    "since_event": "since",
    "in_span": "in within",
    "month": "MON in during since until by last next this early late on mid of after before throughout the",
    "month_adj": "the",
    "duration": "for",
    "bare_year": "#",
}


@cache
def _start_classes() -> dict[str, frozenset[str]]:
    """The word classes ``_STARTS`` names: months, weekdays, number words, seasons, holidays' first words."""
    words = _time_words()
    return {
        "MON": frozenset(words["month"]),
        "WD": frozenset(words["weekday"]),
        "NUM": frozenset(w.split()[0] for w in words["number"]) | frozenset(_tens()),
        "SEASON": frozenset(["spring", "summer", "autumn", "fall", "winter"]),
        "HOLIDAY": frozenset(_first_match(r"[a-z0-9]+", name) for name in _holidays()),
    }


@cache
def _first_words() -> frozenset[str]:
    """Every word some pattern can start with ("#" stands for a number)."""
    classes = _start_classes()
    words: set[str] = set()
    for starts in _STARTS.values():
        for start in starts.split():
            words |= classes.get(start, {start})
    return frozenset(words)


@cache
def _compiled_kinds() -> list[tuple[str, re.Pattern[str]]]:
    """Each pattern compiled on its own, in priority order."""
    return [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _patterns()]


@cache
def _patterns_for(word: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns that can start with ``word`` ("#" for a number), in priority order."""
    classes = _start_classes()
    found = []
    for kind, pattern in _compiled_kinds():
        starts = _STARTS[kind].split()
        in_class = any(
            c in classes and (word in classes[c] or (word == "#" and _numeric(classes[c]))) for c in starts
        )
        if word in starts or in_class:
            found.append((kind, pattern))
    return tuple(found)


def _numeric(words: frozenset[str]) -> bool:
    """Does a word of the class start with a digit ("9/11")?"""
    return any(w[:1].isdigit() for w in words)


def _matches_at_words(text: str, words: _Words) -> Iterator[tuple[str, re.Match[str]]]:
    """Like ``finditer`` with all the patterns, but tries only where a word that can start an expression
    stands with an anchor word close after it, and then only the patterns that can start with that word.

    Reading the words once and trying a few small patterns only at likely starts is many times faster
    than letting one big pattern scan every character. At each start the first pattern that matches
    (in priority order) wins, as in one alternation of them all.
    """
    position = 0
    anchors, firsts = _time_anchors(), _first_words()
    lows, starts = words.lows, words.starts
    # the words that can start an expression with an anchor word among the next few: found in one pass
    near: set[int] = set()
    for h, low in enumerate(lows):
        if low[0].isdigit() or low in anchors:
            near.update(range(max(0, h - _NEAR + 1), h + 1))
    for k in sorted(near):
        at = starts[k]
        word = "#" if lows[k][0].isdigit() else lows[k]
        if at < position or word not in firsts:
            continue
        if at and (text[at - 1].isalnum() or (text[at - 1] == "-" and at > 1 and text[at - 2].isalpha())):
            continue  # inside a longer word ("Café2020", "1999" in "A1999", "Pre-Christmas")
        for kind, pattern in _patterns_for(word):
            m = pattern.match(text, at)
            if m:
                position = m.end()
                yield kind, m
                break


def _vague_matches(text: str, words: _Words) -> Iterator[re.Match[str]]:
    """The phrases of ``data/lexicons/vague_time.csv``, tried where their first word stands."""
    position = 0
    firsts, pattern = _vague_firsts(), _vague_pattern()
    for k, at in enumerate(words.starts):
        if at < position or words.lows[k] not in firsts or (at and text[at - 1].isalnum()):
            continue
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


@cache
def _holidays() -> dict[str, str]:
    """Holiday name (lower case, straight apostrophe) -> its rule from ``data/lexicons/holidays.csv``."""
    return {r["name"].replace("’", "'"): r["rule"] for r in lexicons.rows("holidays")}


@cache
def _holiday_alternation() -> str:
    names = sorted(_holidays(), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+") for n in names) + ")"


# ---------------------------------------------------------------- resolving one expression


class _Time(NamedTuple):
    """What an expression resolves to: one date, a span, or vague; and why."""

    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    vague: bool = False
    why: str = ""

    @property
    def first(self) -> dt.date | None:
        return self.date or self.start

    @property
    def last(self) -> dt.date | None:
        return self.date or self.end


@dataclass(frozen=True)
class _Found:
    """One matched expression and what surrounds it."""

    text: str  # lower case, single spaces
    ref: dt.date | None  # the dateline
    future: bool  # the clause speaks of the future ("will", "is due to")
    past: bool  # the clause is told in the past tense
    anchor: dt.date | None = None  # the last day the paragraph named before this expression
    anchor_gap: str | None = None  # the text between that day's expression and this one
    quoted: bool = False  # the expression stands inside quotation marks
    narrated: bool = (
        False  # the anchor is a date written earlier in the same sentence ("on May 5, … on Sunday")
    )
    headline: bool = False  # the expression stands in the headline
    after: str = ""  # the words right after the expression
    initial: bool = False  # the expression opens its clause
    before: str = ""  # the words right before the expression
    progressive: bool = False  # "is meeting Tuesday": the present progressive, about now
    anchor_history: bool = False  # the anchor is a day in history known by name ("9/11")


def _day(d: dt.date, why: str) -> _Time:
    return _Time(date=d, why=why)


def _span(a: dt.date, b: dt.date | None, why: str) -> _Time:
    return _Time(start=a, end=b, why=why)


def _vague(why: str) -> _Time:
    return _Time(vague=True, why=why)


_NO_DATELINE = "Relative to the article's date, which this article does not give: vague."


def _dateline(f: _Found) -> dt.date:
    """The article's date; a rule that needs it is only called when there is one (else: vague)."""
    if f.ref is None:
        raise ValueError("no date line")  # _resolve turns this into "vague"
    return f.ref


#: what a rule returns when the words are not a time expression after all
_NOT_A_TIME = _Time(vague=True, why="")


def _month_number(word: str) -> int:
    number = _time_words()["month"][word.lower().rstrip(".")]
    if number is None:
        raise ValueError(word)
    return number


def _number(word: str) -> int | None:
    """ "3", "three", "Seventeen", "twenty-five" -> the number; "several" -> None."""
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    numbers = _time_words()["number"]
    if word in numbers:
        return numbers[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return (numbers[parts[0]] or 0) + (numbers[parts[1]] or 0)
    return None


def _spelled_year(text: str) -> int | None:
    """ "nineteen eighty one" -> 1981, "two thousand and six" -> 2006, "twenty twelve" -> 2012."""
    words = [w for w in re.split(r"[\s-]+", text) if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        tail = " ".join(words[2:])
        return 2000 + (_number(tail) or 0) if tail else 2000
    century = _number(words[0])
    rest = _number(" ".join(words[1:])) if len(words) > 1 else None
    if century is None or rest is None:
        return None
    return century * 100 + rest


def _first_match(pattern: str, text: str, group: int = 0) -> str:
    """The first match of ``pattern`` in ``text`` (a rule calls it only where one must be)."""
    m = re.search(pattern, text)
    if m is None:
        raise ValueError(f"{pattern!r} not in {text!r}")  # _resolve turns this into "vague"
    return m.group(group)


def _year_in(text: str) -> int | None:
    m = re.search(_YEAR + r"(?!\d)", text)
    return int(m.group()) if m else None


def _calendar_date(f: _Found) -> _Time:
    """ "December 14", "14 December 2021", "since Jan. 3": a day of a month, in the year given or the
    year that puts it nearest the dateline (the year before, in a past-tense clause or after "last",
    when the nearest is ahead of the dateline)."""
    mon = re.search(_words()["MON"], re.sub(_words()["WD"], "", f.text))
    dnum = re.search(r"(?<![\d])(" + _DAY + r")(?![\d])", re.sub(_YEAR, "", f.text))
    spelled = None if dnum else re.search(_words()["ORD"], f.text)  # "July fourth"
    if not mon or not (dnum or spelled):
        return _vague("A day or month the rules could not read.")
    month = _month_number(mon.group())
    if dnum:
        day = int(_first_match(r"\d+", dnum.group()))
    else:
        day = _time_words()["ordinal"][re.sub(r"[-\s]+", " ", spelled.group())] or 0  # type: ignore[union-attr]
    year = _year_in(f.text)
    if year:
        return _day(dt.date(year, month, day), "A date with its year.")
    if f.ref is None:
        return _vague("A date without a year, and the article gives no date to take the year from: vague.")
    target = nearest_year(month, day, f.ref)
    if target is None:
        return _vague("Not a date on the calendar.")
    if f.text.startswith("this "):
        return _day(target, "“This” and a date: the one nearest the article's date.")
    if f.text.startswith("last ") and target >= f.ref:
        return _day(
            target.replace(year=target.year - 1), "“Last” and a date: the one before the article's date."
        )
    if target > f.ref + dt.timedelta(days=7) and f.past:
        earlier = nearest_year(month, day, dt.date(f.ref.year - 1, f.ref.month, min(f.ref.day, 28)))
        why = "A date without a year, told in the past tense: the last such date before the article's."
        return _day(earlier, why) if earlier else _vague("Not a date on the calendar.")
    return _day(target, "A date without a year: the year that puts it nearest the article's date.")


def _since_date(f: _Found) -> _Time:
    found = _calendar_date(f)
    if found.date is None:
        return found
    return _Time(start=found.date, end=f.ref, why=found.why + " It runs from then to the article's date.")


def _month(f: _Found) -> _Time:
    """ "in March", "March 2020", "since March": the month in the year given, else the latest such month
    up to the dateline ("next March" and a future clause look ahead; "last March" looks back)."""
    part = r"(?:(?:in|during|since|until|by|on)\s+)?(?:early|late|mid)\b|(?:in\s+)?the\s+middle\b"
    if re.match(part, f.text):
        return _vague("Part of a month (early, mid, late, middle) has no edges a reader can check: vague.")
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
            why = "“Last” and a month: the latest such month before the article's."
        elif f.text.startswith("next ") or (f.future and month != ref.month):
            year = ref.year if month > ref.month else ref.year + 1
            why = "A month without a year in a sentence about the future: the next such month."
        elif f.past or month == ref.month:
            year = ref.year if month <= ref.month else ref.year - 1
            why = "A month without a year: the latest such month up to the article's date."
        else:
            ahead = ref.year if month > ref.month else ref.year + 1
            back = ref.year if month < ref.month else ref.year - 1
            gap_ahead = (ahead - ref.year) * 12 + month - ref.month
            gap_back = (ref.year - back) * 12 + ref.month - month
            year = ahead if gap_ahead < gap_back else back
            why = "A month without a year, in the present tense: the such month nearest the article's date."
    a, b = month_range(year, month)
    return _span(a, b, why)


def _month_range(f: _Found) -> _Time:
    """ "from March to June", "between October and January": from the first month's first day to the
    second's last. Without years: the last range that had ended by the date line in a past-tense sentence,
    the first that has not ended in a sentence about the future, else the one around (or nearest) the date."""
    months = re.findall(_words()["MON"], f.text)
    if len(months) != 2:
        return _vague("A range of months the rules could not read.")
    parts = re.split(r"\s+(?:to|until|till|through|thru|and)\s+|\s*[-–]\s*", f.text, maxsplit=1)
    first_year = _year_in(parts[0])
    second_year = _year_in(parts[1]) if len(parts) > 1 else None
    m1, m2 = _month_number(months[0]), _month_number(months[1])
    why = "A range of months: from the first day of the first to the last day of the second."
    if first_year is not None:
        y1 = first_year
        y2 = second_year if second_year is not None else (y1 if m2 >= m1 else y1 + 1)
        return _span(month_range(y1, m1)[0], month_range(y2, m2)[1], why)
    if second_year is not None:
        y1 = second_year if m1 <= m2 else second_year - 1
        return _span(month_range(y1, m1)[0], month_range(second_year, m2)[1], why)
    ref = f.ref
    if ref is None:
        return _vague("A range of months without years, and the article gives no date: vague.")
    ranges = [
        (month_range(y, m1)[0], month_range(y if m2 >= m1 else y + 1, m2)[1])
        for y in range(ref.year - 2, ref.year + 2)
    ]
    if f.past:  # "ran from November to February": the last such range that had ended, else begun
        ended = [r for r in ranges if r[1] <= ref]
        chosen = ended[-1] if ended else [r for r in ranges if r[0] <= ref][-1]
    elif f.future:
        chosen = next(r for r in ranges if r[1] >= ref)
    else:
        around = [r for r in ranges if r[0] <= ref <= r[1]]
        chosen = (
            around[0]
            if around
            else min(ranges, key=lambda r: min(abs((r[0] - ref).days), abs((r[1] - ref).days)))
        )
    return _span(*chosen, why + " Without years: placed by the sentence's tense around the article's date.")


def _ordinal_day(f: _Found) -> _Time:
    """ "on the 15th": the 15th of the month the paragraph last named a day in (the first 15th on or after
    that day), else of this, last or next month as the words say, else the last 15th up to the article's
    date in a past-tense sentence, the next one in a sentence about the future, the nearest otherwise."""
    ref = _dateline(f)
    day = int(_first_match(r"(\d+)(?:st|nd|rd|th)", f.text, 1))

    def on(year: int, month: int) -> dt.date | None:
        return dt.date(year, month, day) if day <= month_range(year, month)[1].day else None

    named = re.search(r"of (this|last|next) month", f.text)
    if named:
        y, m = shift_month(ref.year, ref.month, {"this": 0, "last": -1, "next": 1}[named.group(1)])
        d = on(y, m)
        return _day(d, "A day of the month the words name.") if d else _vague("Not a date on the calendar.")
    if f.anchor is not None:
        for shift in (0, 1):
            d = on(*shift_month(f.anchor.year, f.anchor.month, shift))
            if d is not None and d >= f.anchor:
                return _day(d, "A day of the month: the first such day on or after the day named before it.")
    options = [d for k in (-2, -1, 0, 1, 2) if (d := on(*shift_month(ref.year, ref.month, k))) is not None]
    before = [d for d in options if d <= ref]
    after = [d for d in options if d >= ref]
    if f.past and before:
        return _day(
            before[-1], "A day of the month in a past-tense sentence: the last such day up to the date."
        )
    if f.future and after:
        return _day(after[0], "A day of the month in a sentence about the future: the next such day.")
    nearest = min(options, key=lambda d: abs((d - ref).days))
    return _day(nearest, "A day of the month: the such day nearest the article's date.")


def _since_month(f: _Found) -> _Time:
    found = _month(f)
    if found.vague:
        return found
    return _Time(start=found.start, end=f.ref, why=found.why + " It runs from then to the article's date.")


def _dated_part(f: _Found) -> _Time:
    """The month or year named after "in" at the end of ``f.text`` (the first month of a pair)."""
    tail = re.sub(r"^.*?\bin\s+", "", f.text)
    tail = re.sub(rf"\s+and\s+{_words()['MON']}", "", tail)
    if re.fullmatch(rf"\s*{_YEAR}\s*", tail):
        return _year(_Found(tail.strip(), f.ref, f.future, f.past))
    return _month(_Found(tail, f.ref, f.future, True))


def _since_dated(f: _Found) -> _Time:
    """ "since our liberation in 1980": from the start of the month or year named to the article's date."""
    found = _dated_part(f)
    if found.start is None:
        return found
    return _span(
        found.start, _dateline(f), "Since something the text dates: from then to the article's date."
    )


def _month_pair(f: _Found) -> _Time:
    """ "in January and February": from the first day of the first month to the last of the second."""
    months = re.findall(_words()["MON"], f.text)
    year = _year_in(f.text)
    first = _month(_Found(f"{months[0]} {year}" if year else months[0], f.ref, f.future, f.past))
    if first.start is None:
        return first
    second = _month_number(months[1])
    y = first.start.year + (1 if second < first.start.month else 0)
    return _span(first.start, month_range(y, second)[1], "Two months named together: both of them.")


def _year_range(f: _Found) -> _Time:
    years = re.findall(r"\d{4}|\d{2}", f.text)
    first = int(years[0])
    last = int(years[1]) if len(years[1]) == 4 else first // 100 * 100 + int(years[1])
    if last < first:
        return _vague("A range of years that ends before it starts.")
    return _span(dt.date(first, 1, 1), dt.date(last, 12, 31), "A range of years, from the first to the last.")


def _split_year(f: _Found) -> _Time:
    """ "2012/13": a season or school year over two calendar years, from the first to the second."""
    first = int(f.text[:4])
    second = first // 100 * 100 + int(f.text[5:7])
    if second != first + 1:
        return _vague("Two years written with a slash that do not follow each other.")
    return _span(dt.date(first, 1, 1), dt.date(second, 12, 31), "Two years written with a slash: both years.")


def _since_year(f: _Found) -> _Time:
    start = dt.date(int(_first_match(_YEAR, f.text)), 1, 1)
    return _span(start, f.ref, "From the start of that year to the article's date.")


def _decade(f: _Found) -> _Time:
    decade = int(_first_match(r"(\d{4})s", f.text, 1))
    if re.search(r"\b(?:early|late|mid)\b|mid-", f.text):  # "in the late 1990s", like "late May"
        return _vague("Part of a decade (early, mid or late) has no edges a reader could check: vague.")
    return _span(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "A decade: its ten years.")


def _year(f: _Found) -> _Time:
    year = _year_in(f.text)
    if year is None:
        raise ValueError(f.text)
    if re.match(r"(?:early|late|mid)\b", f.text):
        return _vague("Part of a year (early, mid or late) has no edges a reader could check: vague.")
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "A year: from 1 January to 31 December.")


def _written_year(f: _Found) -> _Time:
    year = _spelled_year(re.sub(r"^\w+\s+", "", f.text))
    if year is None:
        return _vague("A year in words the rules could not read.")
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "A year written in words: the whole year.")


def _unit_back(ref: dt.date, n: int, unit: str) -> _Time:
    """The day, week, month or year ``n`` units before ``ref``, as that calendar unit."""
    why = "Counted back from the article's date."
    if unit == "day":
        return _day(ref - dt.timedelta(days=n), why)
    if unit == "week":
        return _span(*week_of(ref - dt.timedelta(weeks=n)), why + " It is that Monday-to-Sunday week.")
    if unit == "month":
        return _span(*month_range(*shift_month(ref.year, ref.month, -n)), why + " It is that month.")
    return _span(dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31), why + " It is that year.")


def _ago(f: _Found) -> _Time:
    """ "three days ago": counted back from the dateline; "14 years ago today": that very day."""
    ref = _dateline(f)
    m = re.match(rf"({_words()['NUM']})\s+(?:of\s+)?(day|week|month|year|decade)", f.text)
    n = _number(m.group(1)) if m else None
    if n is None or m is None:
        return _vague("No exact number to count back.")
    unit = m.group(2)
    if unit == "decade":
        n, unit = n * 10, "year"
    if f.text.endswith(("today", "tonight")):
        if unit == "year":
            return _day(shift_years(ref, -n), "“Ago today”: the same day, that many years back.")
        if unit == "month":
            y, mo = shift_month(ref.year, ref.month, -n)
            return _day(
                ref.replace(year=y, month=mo, day=min(ref.day, month_range(y, mo)[1].day)),
                "“Ago today”: the same day.",
            )
        return _day(ref - dt.timedelta(days=n * (7 if unit == "week" else 1)), "“Ago today”: the same day.")
    return _unit_back(ref, n, unit)


def _past_n(f: _Found) -> _Time:
    """ "over the past seven days": the N units up to the dateline; "the next two years": the N units
    from it."""
    ref = _dateline(f)
    ahead = re.search(r"\b(?:next|coming)\b", f.text) is not None
    m = re.search(
        rf"(?:({_words()['NUM']})\s+(?:of\s+)?)?(hour|day|week|month|year|decade|centur)(?:y|s|ies)?$", f.text
    )
    n = (_number(m.group(1)) if m.group(1) else 1) if m else None
    if n is None or m is None:
        return _vague("No exact number of days, weeks or months.")
    unit = m.group(2)
    if unit in ("decade", "centur"):  # "the past decade": ten years up to the date line
        n, unit = n * (10 if unit == "decade" else 100), "year"
    if unit == "hour":  # "the next 72 hours": the days they reach
        n, unit = -(-n // 24), "day"
    sign = 1 if ahead else -1
    why = f"The days, weeks or months {'from' if ahead else 'up to'} the article's date."
    if unit in ("day", "week"):
        other = ref + sign * dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        y, mo = shift_month(ref.year, ref.month, sign * n * (12 if unit == "year" else 1))
        other = dt.date(y, mo, min(ref.day, month_range(y, mo)[1].day))
    return _span(min(ref, other), max(ref, other), why)


def _rel_other(f: _Found) -> _Time:
    """ "four years after": in apposition to a named time ("in 2006, four years after ...") it is that
    year; after a year the paragraph named ("In 1981 ... four years later") it is counted from it;
    otherwise it is later or earlier than an event the text does not date: vague."""
    m = re.match(rf"({_words()['NUM']})\s+(week|month|year|decade)s?\s+(later|after|earlier|before)", f.text)
    n = _number(m.group(1)) if m else None
    if f.anchor is None or m is None or n is None:
        return _vague("Later or earlier than an event the text does not date: vague.")
    sign = 1 if m.group(3) in ("later", "after") else -1
    if m.group(2) == "week":  # "a week later": counted from the day named before
        return _day(
            f.anchor + sign * dt.timedelta(weeks=n), "Counted from the day the paragraph named before."
        )
    if m.group(2) == "month":
        y, mo = shift_month(f.anchor.year, f.anchor.month, sign * n)
        return _span(*month_range(y, mo), "Counted from the day the paragraph named before: that month.")
    if f.anchor_gap is not None and f.anchor_gap.strip() == ",":
        year, why = f.anchor.year, "It describes the year named just before."
    else:
        years = n * (10 if m.group(2) == "decade" else 1) * (1 if m.group(3) in ("later", "after") else -1)
        year, why = f.anchor.year + years, "Counted from the year the paragraph named before."
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), why)


def _rel_day(f: _Found) -> _Time:
    """ "two days later": counted from the day the paragraph named before; with none, "a day after": the
    news came a day after the event, so the event is a day before the dateline."""
    n = _number(f.text.split()[0]) or 1
    if f.anchor is not None:
        sign = 1 if ("after" in f.text or "later" in f.text) else -1
        return _day(
            f.anchor + sign * dt.timedelta(days=n), "Counted from the day the paragraph named before."
        )
    if "after" in f.text or "later" in f.text:
        return _day(_dateline(f) - dt.timedelta(days=n), "The article's news came this many days after it.")
    return _day(_dateline(f) + dt.timedelta(days=n), "The article's news came this many days before it.")


def _prev_day(f: _Found) -> _Time:
    """ "the next day", "the day before": after or before the day the paragraph last named, else the
    article's date; "that day", "the same morning": the day last named."""
    base, whose = (f.anchor, "the day named before it") if f.anchor else (_dateline(f), "the article's date")
    if f.text.startswith("that ") or " same " in f.text:
        if f.anchor is None:
            return _NOT_A_TIME  # "ignoring that day": no day named before it to refer to
        return _day(f.anchor, "The same day as the one named before it.")
    if "before" in f.text or "previous" in f.text:
        return _day(base - dt.timedelta(days=1), f"The day before {whose}.")
    return _day(base + dt.timedelta(days=1), f"The day after {whose}.")


def _next_period(f: _Found) -> _Time:
    """ "the following week": the week (month, year) after the day last named, else after the article's."""
    base = f.anchor or _dateline(f)
    unit = f.text.split()[-1]
    shift = -1 if re.search(r"previous|preceding", f.text) else 1
    why = f"The {unit} after (or before) the day named before it."
    if unit == "week":
        return _span(*week_of(base + dt.timedelta(weeks=shift)), why)
    if unit == "month":
        return _span(*month_range(*shift_month(base.year, base.month, shift)), why)
    year = base.year + shift
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), why)


_SO_FAR = re.compile(r"(?i)\b(?:so\s+far|to\s+date|thus\s+far|up\s+to\s+now)\s*,?\s*$")


def _period(f: _Found) -> _Time:
    """ "last week", "this month", "next year"; "earlier this month" runs up to the dateline."""
    ref = _dateline(f)
    low = f.text
    unit = _first_match(r"(weekend|week|month|year)", low)
    part = re.match(r"(?:early|late|mid)(?:-|\s+)", low)
    if part and unit in ("month", "year"):
        return _vague(f"Part of a {unit} (early, mid or late) has no edges a reader could check: vague.")
    low = low[part.end() :] if part else low  # "early next week": the week
    if low.startswith("past ") and unit != "weekend":  # "the past year": the year up to the date line
        return _past_n(_Found(f"past one {unit}", f.ref, f.future, f.past))
    shift = -1 if ("last" in low or "past" in low) else (1 if "next" in low else 0)  # "this past week" = last
    why = f"The {unit} before, of, or after the article's date, as the words say."
    if unit == "weekend" and shift == 0 and f.past and not f.future and ref.weekday() < 5:
        shift = -1  # "Fans gathered this weekend", told on a Tuesday: the weekend just past
        why = (
            "“This weekend” in a past-tense sentence: the Saturday and Sunday just before the article's date."
        )
    if unit in ("week", "weekend"):
        a, b = week_of(ref + dt.timedelta(weeks=shift))
        if unit == "weekend":
            a = a + dt.timedelta(days=5)
    elif unit == "month":
        a, b = month_range(*shift_month(ref.year, ref.month, shift))
    else:
        a, b = dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift, 12, 31)
    if low.startswith(("earlier", "later")) and shift == 0:
        a, b = (a, ref) if low.startswith("earlier") else (ref, b)
        why = f"The part of the article's {unit} before or after its date."
    elif shift == 0 and unit != "weekend" and _SO_FAR.search(f.before):
        a, b = a, ref
        why = f"“So far” or “to date” this {unit}: from its first day up to the article's date."
    return _span(a, b, why)


def _weekend(f: _Found) -> _Time:
    """ "over the weekend": the last Saturday and Sunday in a past-tense clause, the next ones in a
    future clause, else those of the dateline's week."""
    ref = _dateline(f)
    saturday = week_of(ref)[0] + dt.timedelta(days=5)
    if f.past and not f.future and ref.weekday() < 5:
        saturday -= dt.timedelta(weeks=1)
        why = (
            "“The weekend” in a past-tense sentence: the last Saturday and Sunday before the article's date."
        )
    else:
        why = "“The weekend”: the Saturday and Sunday of the article's week."
    return _span(saturday, saturday + dt.timedelta(days=1), why)


def _month_weekend(f: _Found) -> _Time:
    """ "the last weekend of April 2012": that Saturday and Sunday of the month (placed like the month)."""
    month = _month(_Found(re.sub(r"^.*?weekend\s+(?:of|in)\s+", "", f.text), f.ref, f.future, f.past))
    if month.start is None:
        return month
    first = month.start
    saturdays = [
        first + dt.timedelta(days=k) for k in range(31) if (first + dt.timedelta(days=k)).month == first.month
    ]
    saturdays = [d for d in saturdays if d.weekday() == 5]
    nth = _first_match(r"(first|second|third|fourth|last)", f.text)
    saturday = (
        saturdays[-1] if nth == "last" else saturdays[["first", "second", "third", "fourth"].index(nth)]
    )
    return _span(saturday, saturday + dt.timedelta(days=1), "A weekend of a month: its Saturday and Sunday.")


_MONEY_WORDS = re.compile(
    r"(?i)\b(?:loss|losses|lost|profits?|earn\w*|revenues?|sales|results|growth|gdp|econom\w*|grew|shr[au]nk|"
    r"contracted|quarterly|percent|billion|million|dividends?|output)\b|[$€£¥]"
)


def _quarter(f: _Found) -> _Time:
    """ "lost $1 billion in the third quarter": that quarter of the year named, else the latest such quarter
    that has begun by the article's date (the next one in a sentence about the future). Only next to
    words about money or the economy: a game's "third quarter" is no date."""
    if not _MONEY_WORDS.search(f"{f.before} {f.text} {f.after}"):
        return _NOT_A_TIME
    names = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
    number = names[_first_match(r"(first|second|third|fourth|final|last)", f.text)]
    year = _year_in(f.text)
    if year is None:
        ref = _dateline(f)
        year = ref.year if dt.date(ref.year, 3 * number - 2, 1) <= ref else ref.year - 1
        if f.future and month_range(year, 3 * number)[1] < ref:
            year += 1  # "will grow in the first quarter", told in November: next year's
    first = dt.date(year, 3 * number - 2, 1)
    last = month_range(year, 3 * number)[1]
    return _span(first, last, "A quarter of a business year: its three months.")


def _event_day(f: _Found) -> _Time:
    """ "Clashes have rolled into a second day": the day something still going on has reached, told on
    the article's date: that date (vague in a sentence about the future)."""
    if f.future:
        return _vague("A later day of something that goes on, in a sentence about the future: vague.")
    same_sentence = f.anchor_gap is not None and not re.search(r"[.!?]", f.anchor_gap)
    if f.anchor is not None and same_sentence:
        return _day(f.anchor, "The second (third …) day of something, on the day the sentence named before.")
    return _day(_dateline(f), "The second (third …) day of something still going on: the article's date.")


def _date_weekend(f: _Found) -> _Time:
    """ "the weekend of January 31/February 1": the Saturday and Sunday around the first date named."""
    first = re.sub(r"^.*?weekend\s+of\s+", "", f.text)
    first = re.split(r"\s*(?:/|-|–|\band\b)\s*", first)[0] + (
        f" {_year_in(f.text)}" if _year_in(f.text) else ""
    )
    day = _calendar_date(_Found(first, f.ref, f.future, f.past))
    if day.date is None:
        return day
    d = day.date
    saturday = d - dt.timedelta(days=1) if d.weekday() == 6 else d + dt.timedelta(days=(5 - d.weekday()) % 7)
    return _span(saturday, saturday + dt.timedelta(days=1), "The weekend of a date: its Saturday and Sunday.")


def _weekday(f: _Found) -> _Time:
    """The most recent such weekday on or before the dateline; the next one when the clause speaks of
    the future or the words say "next"."""
    ref = _dateline(f)
    wd = _time_words()["weekday"][_first_match(_words()["WD"], f.text)]
    if wd is None:
        raise ValueError(f.text)
    if "last " in f.text:
        back = (ref.weekday() - wd) % 7 or 7
        return _day(ref - dt.timedelta(days=back), "“Last” and a weekday: the one in the week before.")
    if f.anchor is not None and (f.narrated or f.text.startswith("that ")) and "next " not in f.text:
        ahead = (wd - f.anchor.weekday()) % 7
        why = (
            "A weekday after a day the sentence (or “that”) points back to: the first such day from then on."
        )
        return _day(f.anchor + dt.timedelta(days=ahead), why)
    if "next " in f.text or (f.future and wd != ref.weekday()):
        ahead = (wd - ref.weekday()) % 7 or 7
        return _day(ref + dt.timedelta(days=ahead), "A weekday in a sentence about the future: the next one.")
    if f.progressive and wd != ref.weekday():
        ahead, back = (wd - ref.weekday()) % 7, (ref.weekday() - wd) % 7
        why = "A weekday in a sentence about what is going on (“is meeting Tuesday”): the nearest one."
        return _day(ref + dt.timedelta(days=ahead) if ahead < back else ref - dt.timedelta(days=back), why)
    if not f.past and wd != ref.weekday():
        ahead = (wd - ref.weekday()) % 7
        why = "A weekday in a sentence in the present tense (“the summit opens Thursday”): the next one."
        return _day(ref + dt.timedelta(days=ahead), why)
    back = (ref.weekday() - wd) % 7
    return _day(
        ref - dt.timedelta(days=back),
        "A weekday in a sentence in the past tense: the most recent one on or before the article's date.",
    )


def _weekday_of_week(f: _Found) -> _Time:
    """ "Thursday last week": that weekday in the week before (after, of) the article's week."""
    ref = _dateline(f)
    wd = _time_words()["weekday"][_first_match(_words()["WD"], f.text)]
    if wd is None:
        raise ValueError(f.text)
    shift = -1 if "last week" in f.text else (1 if "next week" in f.text else 0)
    monday = week_of(ref + dt.timedelta(weeks=shift))[0]
    return _day(monday + dt.timedelta(days=wd), "A weekday of the week the words name.")


def _holiday(f: _Found) -> _Time:
    """The nearest such holiday to the dateline; the one before it in a past-tense clause or after
    "last"; a day in history ("9/11") is always its own date."""
    name = re.sub(r"^(?:on|last|this|next)\s+", "", f.text).replace("’", "'")
    rule = _holidays()[name]
    if rule.count("-") == 2:
        return _day(dt.date.fromisoformat(rule), "A day in history known by its name.")
    if f.ref is None:
        return _vague(_NO_DATELINE)
    ref = f.ref
    options = [holiday_in(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    target = min(options, key=lambda d: abs((d - ref).days))
    why = "A holiday: the one nearest the article's date."
    if target > ref + dt.timedelta(days=7) and (f.past or f.text.startswith("last")):
        target = max(d for d in options if d < target)
        why = "A holiday told in the past tense: the last one before the article's date."
    return _day(target, why)


@cache
def _general_before_today() -> re.Pattern[str]:
    """ "the world today", "our society today": a thing in general (a present noun of time_words.csv)."""
    nouns = _alternation(list(_time_words()["present noun"]))
    return re.compile(rf"(?i)\b(?:the|our|their|its|this)\s+{nouns}\s+$")


#: how many years before the date line a year must be for a "Today," after it to mean nowadays
_LONG_AGO = 10


def _day_word(f: _Found) -> _Time:
    """ "today" = the dateline (or, inside a quotation, the day the paragraph says the words were said);
    "yesterday" and "tomorrow" one day either side."""
    ref = _dateline(f)
    base, whose = ref, "the article's date"
    if f.quoted and f.anchor is not None and f.anchor != ref and not f.anchor_history:
        base, whose = f.anchor, "the day the quoted words were said (named earlier in the paragraph)"
    nowadays = (
        f.text == "today"
        and not (f.past or f.future or f.quoted or f.headline)
        and (
            re.match(r"\s*than\b", f.after)
            or re.search(r"(?i)\b(?:for\s+many|even|still|of|than)\s+$", f.before)
        )
    )
    if nowadays:  # "more important today than ever", "for many today": the present in general
        return _vague("“Today” compared with other times, in the present tense: nowadays, not a day.")
    if f.text == "today" and not f.future and _general_before_today().search(f.before):
        following = re.match(r"\s+([A-Za-z]+)", f.after)  # "the markets today fell": that day
        if not (following and _is_past(following.group(1).lower(), following.group(1)[0])):
            return _vague("“Today” after a thing in general (“the world today”): nowadays, not a day.")
    if (
        f.text == "today"
        and f.initial
        and f.after.startswith(",")
        and not (f.past or f.future or f.quoted or f.progressive)
        and f.anchor is not None
        and f.anchor.year <= ref.year - _LONG_AGO
    ):  # "In 1777, West Point was a fort. Today, it trains officers.": then and now
        return _vague("“Today,” set against a time long ago the paragraph named: nowadays, not a day.")
    if "yesterday" in f.text or f.text.startswith("last"):
        return _day(base - dt.timedelta(days=1), f"The day before {whose}.")
    if "tomorrow" in f.text:
        return _day(base + dt.timedelta(days=1), f"The day after {whose}.")
    return _day(
        base, f"The day of {whose}.".replace("The day of the article's date", "The article's own date")
    )


def _clock(f: _Found) -> _Time:
    """A clock time is the day it falls on: the last day the paragraph named, else the dateline."""
    if f.anchor is not None:
        return _day(f.anchor, "A clock time: the day the paragraph last named.")
    if f.ref is None:
        return _vague(_NO_DATELINE)
    return _day(f.ref, "A clock time with no other day named: the article's date.")


def _edge(f: _Found) -> _Time:
    """ "by the end of the year": the last day of that year; "the start of May": its first day."""
    period = re.sub(r"^.*?\bof\s+", "", f.text)
    sub = _Found(period, f.ref, f.future, f.past)
    if re.fullmatch(r"(?:the|this|next|last) (?:year|month|week|decade)", period):
        if f.ref is None:
            return _vague(_NO_DATELINE)
        if period.endswith("decade"):
            first = f.ref.year // 10 * 10 + {"last": -10, "next": 10}.get(period.split()[0], 0)
            span = _span(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "")
        else:
            span = _period(_Found(period.replace("the ", "this "), f.ref, f.future, f.past))
    elif re.fullmatch(_YEAR, period):
        span = _year(sub)
    else:
        span = _month(sub)
    if span.vague:
        return span
    if span.start is None or span.end is None:
        return _vague("A period the rules could not place.")
    if "end" in f.text:
        return _day(span.end, "The end of a period: its last day.")
    return _day(span.start, "The start of a period: its first day.")


def _season(f: _Found) -> _Time:
    """A meteorological season (winter runs December to February): of the year given; "last winter" the
    latest one that has ended; "next summer" the next to start; otherwise the one of the dateline's year
    (the year before in a past-tense clause, when that one has not started yet)."""
    season = _first_match(_SEASONS, f.text)
    year = _year_in(f.text)
    why = "A season (meteorological: winter is December to February)"
    if year is not None:
        return _span(*season_range(season, year), why + " of the year given.")
    if f.ref is None:
        return _vague(_NO_DATELINE)
    ref = f.ref
    seasons = [season_range(season, y) for y in range(ref.year - 2, ref.year + 3)]
    if f.text.startswith(("last ", "past ")):
        return _span(*[c for c in seasons if c[1] < ref][-1], why + ": the latest one that has ended.")
    if f.text.startswith("next "):
        return _span(*next(c for c in seasons if c[0] > ref), why + ": the next one.")
    this_year = ref.year + 1 if season == "winter" and ref.month == 12 else ref.year
    this = season_range(season, this_year)
    if f.past and this[0] > ref:
        return _span(*season_range(season, this_year - 1), why + ": the last one, in a past-tense sentence.")
    if f.future and this[1] < ref:
        return _span(
            *season_range(season, this_year + 1), why + ": the next one, in a sentence about the future."
        )
    return _span(*this, why + " of the article's year.")


_DAY_NUMBER = re.compile(r"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?(?![\d])")


def _day_range(f: _Found) -> _Time:
    """ "June 15-18", "May 19 and 20", "12 and 15 May, 2012": from the first day to the last, in the
    month (and year) the first day gets as a date."""
    mon = re.search(_words()["MON"], f.text)
    days = sorted(int(d) for d in _DAY_NUMBER.findall(re.sub(_YEAR, "", f.text)))
    if mon is None or len(days) < 2:
        return _vague("A range of days the rules could not read.")
    year = _year_in(f.text)
    first = _calendar_date(
        _Found(f"{mon.group()} {days[0]}" + (f" {year}" if year else ""), f.ref, f.future, f.past)
    )
    if first.date is None:
        return first
    end = first.date.replace(day=days[-1])
    return _span(first.date, end, "A range of days in one month. " + first.why)


def _vague_rule(why: str) -> Callable[[_Found], _Time]:
    return lambda f: _vague(why)


#: kind -> how to resolve it, and whether it needs the dateline
_RESOLVERS: dict[str, tuple[Callable[[_Found], _Time], bool]] = {
    "iso": (lambda f: _day(dt.date.fromisoformat(f.text), "A date written in full."), False),
    "mdy": (_calendar_date, False),
    "dmy": (_calendar_date, False),
    "day_range": (_day_range, False),
    "since_date": (_since_date, False),
    "month_year": (_month, False),
    "month": (_month, False),
    "month_adj": (_month, False),
    "since_month": (_since_month, False),
    "month_range": (_month_range, False),
    "ordinal_day": (_ordinal_day, True),
    "year_range": (_year_range, False),
    "rel_other": (_rel_other, False),
    "since_year": (_since_year, False),
    "decade": (_decade, False),
    "year": (_year, False),
    "bare_year": (_year, False),
    "spelled_year": (_written_year, False),
    "edge": (_edge, False),
    "season": (_season, False),
    "ago": (_ago, True),
    "past_n": (_past_n, True),
    "rel_day": (_rel_day, True),
    "prev_day": (_prev_day, True),
    "period": (_period, True),
    "next_period": (_next_period, True),
    "in_period": (_period, True),
    "weekend": (_weekend, True),
    "month_weekend": (_month_weekend, False),
    "date_weekend": (_date_weekend, False),
    "event_day": (_event_day, True),
    "quarter": (_quarter, True),
    "weekday": (_weekday, True),
    "weekday_of_week": (_weekday_of_week, True),
    "holiday": (_holiday, False),
    "day_word": (_day_word, True),
    "clock": (_clock, False),
    "since_dated": (_since_dated, False),
    "month_pair": (_month_pair, False),
    "since_event": (_vague_rule("Since an event the text does not date: vague."), False),
    "since_undated": (
        _vague_rule("Since something the text does not date (“since its inception”): vague."),
        False,
    ),
    "split_year": (_split_year, False),
    "nowadays": (_vague_rule("“Today's” as in “nowadays”: the present in general, not a day."), False),
    "rel_vague": (_vague_rule("Some time before or after another event: vague."), False),
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


@dataclass(frozen=True)
class _Hit:
    """One expression found in the text; a range or a day written twice has its parts."""

    a: int
    b: int
    kind: str
    parts: tuple[_Hit, ...] = ()


_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")


#: what stands before a holiday used as a time: "for Thanksgiving", "to celebrate Father's Day", "their first
#: Fourth of July", "next week is Thanksgiving"
_HOLIDAY_TIME_BEFORE = re.compile(
    r"(?:\b(?:on|over|for|during|before|after|until|till|since|by|through|around|at|ahead\s+of|"
    r"celebrat\w*|this|last|next|first|of\s+this)\s+(?:(?:the|their|my|our|his|her|its|this)\s+)?"
    r"(?:(?:first|last|next|coming|annual)\s+)?"
    r"|\b(?:week|weekend|day|tomorrow|today|yesterday)\s+(?:is|was|will\s+be)\s+)$",
    re.IGNORECASE,
)
_EVERY_BEFORE = re.compile(r"\b(?:every|each)\s+(?:(?:year|month|week)\s+(?:on|in)\s+)?$", re.IGNORECASE)


def _not_a_time(text: str, a: int, b: int, kind: str) -> bool:
    """A match that is a name or a count, not a time: "Thanksgiving dinner" (a meal), "call it
    Thanksgiving", "The Wednesday meetings" (a habit), "2000 troops" (a number)."""
    after = text[b : b + 30]
    name = re.sub(r"^(?:on|last|this|next)\s+", "", " ".join(text[a:b].lower().split())).replace("’", "'")
    if kind == "holiday" and _holidays().get(name, "").count("-") != 2:  # a day in history stays a date
        word = re.match(r"\s+([a-z]+)", after)
        if word and word.group(1) in _time_words()["event noun"]:
            return True
        if re.search(
            r"\b(?:call(?:ed|s)?\s+it|known\s+as|named)\s*$", text[max(0, a - 20) : a], re.IGNORECASE
        ):
            return True
        used_as_time = (
            name != " ".join(text[a:b].lower().split()).replace("’", "'")  # "on Thanksgiving"
            or _HOLIDAY_TIME_BEFORE.search(text, max(0, a - 40, text.rfind("\n", 0, a) + 1), a)
            or re.match(rf"\s+{_YEAR}\b", after)  # "Christmas 2011"
        )
        if not used_as_time:
            return True  # "The Fourth of July is America's birthday": the holiday itself, not a date
    if kind == "in_span" and re.match(r"(?i)(?:in|within)\s+(?:[a-z]+\s+)??\d", text[a:b]):
        return True  # "built in 40 months": how long, not when ("in several years" stays, vague)
    if kind in ("mdy", "dmy", "holiday", "weekday") and _EVERY_BEFORE.search(text, max(0, a - 30), a):
        return True  # "every year on July 4", "every Sunday": how often, not when
    if kind in ("mdy", "dmy") and _year_in(text[a:b]) is None:
        word = re.match(r"\s+([a-z]+)", after)
        if word and word.group(1) in _time_words()["event noun"]:
            return True  # "the September 11 attacks" names an event
    if kind == "weekday" and re.fullmatch(r"[A-Za-z]+", text[a:b]) and _PLURAL_AFTER.match(after):
        return bool(re.search(r"\b(?:the|on)\s*$", text[max(0, a - 5) : a], re.IGNORECASE))
    if kind == "bare_year" or (kind == "year" and (_year_in(text[a:b]) or 0) < 1800):
        word = re.match(r"\s+([a-z]+)", after)  # "2012 soldiers" counts; "2012 was" is a year
        return bool(
            word
            and len(word.group(1)) > 3
            and word.group(1).endswith("s")
            and word.group(1)[-2:] not in "ss is us"
        )
    return False


def _find(text: str, words: _Words | None = None) -> list[_Hit]:
    """Every expression, patterns first and vague phrases after, not overlapping, in text order."""
    taken = bytearray(len(text) + 1)  # 1 where an earlier pattern already claimed the character
    found: list[_Hit] = []

    def claim(a: int, b: int, kind: str) -> None:
        if "\n" in text[a:b] or any(taken[a:b]):
            return
        taken[a:b] = b"\x01" * (b - a)
        found.append(_Hit(a, b, kind))

    words = words if words is not None else _Words.of(text)
    for kind, m in _matches_at_words(text, words):
        if re.search(r"(?i)\bma[yr]\b", m.group()) and not re.search(r"\bMa[yr]\b", m.group()):
            continue  # "may" and "mar" in lower case are a verb, not a month
        if (
            kind == "season"
            and re.search(r"\bfall\b", m.group())
            and not re.search(r"(?i)\b(?:the|last|this|next|past)\s+fall|fall\s+(?:of\s+)?\d", m.group())
        ):
            continue
        if _not_a_time(text, *m.span(), kind):
            continue
        claim(*m.span(), kind)
    for m in _vague_matches(text, words):
        if re.search(r"(?i)\bas\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue  # "as soon as" joins clauses; it is not a time
        claim(*m.span(), "vague")
    return sorted(found, key=lambda h: h.a)


_DAY_KINDS = frozenset(
    ["iso", "mdy", "dmy", "weekday", "since_date", "holiday", "day_word", "prev_day", "ordinal_day"]
)
_MONTH_KINDS = frozenset(["month", "month_year", "since_month"])
_RANGE_GAP = re.compile(r"\s*(?:-|–|to|until|till|through|thru)\s*$|\s+and\s+$", re.IGNORECASE)
_SAME_DAY_GAP = re.compile(
    r"^[ \t,()\[\]]*(?:(?:at|on)(?:\s+(?:around|about))?)?[ \t,()\[\]]*$", re.IGNORECASE
)  # "10 p.m. [April 30]": a clock time and its day in brackets, as a quotation's editor adds it


def _join_ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "from May 12 to May 15", "between July 2003 and December 2004", "Monday through Friday":
    two expressions of the same grain joined by "to", "through", "-" (or "and" for days, or after
    "between") become one range."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and not prev.parts:
            gap = text[prev.b : hit.a]
            between = re.search(r"(?i)\bbetween\s+$", text[max(0, prev.a - 8) : prev.a])
            same_grain = (prev.kind in _DAY_KINDS and hit.kind in _DAY_KINDS and hit.kind != "day_word") or (
                prev.kind in _MONTH_KINDS and hit.kind in _MONTH_KINDS
            )
            joined = _RANGE_GAP.fullmatch(gap) and (
                gap.strip().lower() != "and" or between or prev.kind in _DAY_KINDS
            )
            if same_grain and joined and "\n" not in gap:
                start = prev.a - (len(between.group()) if between else 0)
                out[-1] = _Hit(start, hit.b, "range", (prev, hit))
                continue
        out.append(hit)
    return out


_OF_YEAR_GAP = re.compile(r",?\s+(?:of\s+)?", re.IGNORECASE)
_OF_YEAR = re.compile(r"(?:last|this|next)\s+year", re.IGNORECASE)


def _join_of_year(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "in March last year", "December 5 of next year": a month or a day without its year, then the year
    it falls in, become one expression."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("month", "since_month", "mdy", "dmy", "since_date")
            and hit.kind == "period"
            and _OF_YEAR.fullmatch(text, hit.a, hit.b)
            and _OF_YEAR_GAP.fullmatch(text, prev.b, hit.a)
            and _year_in(text[prev.a : prev.b]) is None
        ):
            out[-1] = _Hit(prev.a, hit.b, "of_year", (prev, hit))
            continue
        out.append(hit)
    return out


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
#: kinds that "since" can run from ("since Saturday", "since last year", "since the 3rd")
_SINCE_KINDS = frozenset(
    ["weekday", "period", "holiday", "day_word", "ordinal_day", "prev_day", "same_day", "month", "of_year"]
)


def _join_since(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "since Saturday", "since last year": from that day (or the start of that period) to the dateline."""
    out = []
    for hit in hits:
        before = _SINCE_BEFORE.search(text, max(0, hit.a - 8), hit.a)
        if before and hit.kind in _SINCE_KINDS:
            hit = _Hit(before.start(), hit.b, "since", (hit,))
        out.append(hit)
    return out


def _join_same_day(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "Tomorrow, May 27", "on May 15 at 7pm", "today at around 06:56, 7 September 2007": one day written
    in two or three ways, or a day and a clock time, become one expression."""
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and prev.kind != "range" and hit.kind != "range":
            kinds = {k.kind for k in (prev.parts or (prev,))} | {hit.kind}
            days = kinds & (_DAY_KINDS | {"ago"})
            if (
                _SAME_DAY_GAP.fullmatch(text[prev.b : hit.a])
                and days
                and kinds <= _DAY_KINDS | {"clock", "ago"}
            ):
                out[-1] = _Hit(prev.a, hit.b, "same_day", (*(prev.parts or (prev,)), hit))
                continue
        out.append(hit)
    return out


#: where a clause ends: a semicolon, a line break, or a full stop (question or exclamation mark) that ends a
#: sentence, not one inside "a.m.", "U.S.", "3.5", an initial ("John F. Kennedy") or "Mr."
_CLAUSE_STOP = re.compile(
    r";|\n|[.?!](?<!\.[A-Za-z].)(?<!\b[A-Z].)(?<!\bMr.)(?<!\bMrs.)(?<!\bMs.)(?<!\bDr.)(?<!\bSt.)"
    r"(?=[\"'”’)]*(?:\s|$))"
)


class _Clauses:
    """The clause ends of a text, found once: "the clause around" an expression is then two look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stops = [m.start() for m in _CLAUSE_STOP.finditer(text)]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Where the clause around ``text[a:b]`` starts and ends."""
        k = bisect_left(self.stops, a)
        start = self.stops[k - 1] + 1 if k else 0
        k = bisect_left(self.stops, b)
        return start, self.stops[k] if k < len(self.stops) else len(self.text)

    def clause(self, a: int, b: int) -> str:
        """The clause around ``text[a:b]``."""
        start, end = self.span(a, b)
        return self.text[start:end]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


#: kinds that write a day as a date ("May 5", "2012-05-05"): weekdays after one in its sentence follow it
_WRITTEN = frozenset(["iso", "mdy", "dmy", "ordinal_day"])
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")

#: kinds that name a day a later clock time, "the next day" or a quoted "today" can refer to
_ANCHORS = frozenset(
    [
        "iso",
        "of_year",
        "mdy",
        "dmy",
        "weekday",
        "weekday_of_week",
        "holiday",
        "same_day",
        "ago",
        "prev_day",
        "since_date",
        "ordinal_day",
    ]
)


class _Reader:
    """Resolves the expressions of one text in order, remembering the last day each paragraph named."""

    def __init__(
        self,
        text: str,
        ref: dt.date | None,
        quotes: list[tuple[int, int]],
        headline_end: int = 0,
        words: _Words | None = None,
    ) -> None:
        self.text, self.ref, self.quotes = text, ref, sorted(quotes)
        self.headline_end = headline_end
        self.clauses = _Clauses(text)
        self.words = words if words is not None else _Words.of(text)
        self._quote_starts = [a for a, _ in self.quotes]
        self.anchor: dt.date | None = None
        self.anchor_end = -1
        self.anchor_written = False  # the anchor is a date written as one ("May 5"), not "yesterday"
        self.anchor_history = False
        self.paragraph_start = -1

    def found(self, hit: _Hit) -> _Found:
        text = self.text
        paragraph_start = text.rfind("\n", 0, hit.a) + 1
        if paragraph_start != self.paragraph_start:
            self.paragraph_start, self.anchor, self.anchor_end = paragraph_start, None, -1
            self.anchor_written = self.anchor_history = False
        start, end = self.clauses.span(hit.a, hit.b)
        k = bisect_right(self._quote_starts, hit.a) - 1
        quoted = k >= 0 and hit.a < self.quotes[k][1]
        if quoted:  # words inside a quotation have their own tense
            start, end = max(start, self.quotes[k][0]), min(end, self.quotes[k][1])
        tense = _tense(text, self.words, start, end, hit.a, hit.b)
        if tense == "present" and hit.a < self.headline_end:
            tense = "past"  # a headline tells what happened in the present tense
        future, past, progressive = tense == "future", tense == "past", tense == "progressive"
        shown = (
            re.sub(r"(?i)^on\s+", "", text[hit.a : hit.b]) if hit.kind == "weekday" else text[hit.a : hit.b]
        )
        gap = text[self.anchor_end : hit.a] if self.anchor is not None else None
        narrated = self.anchor_written and gap is not None and not _SENTENCE_END.search(gap)
        return _Found(
            re.sub(r"\s+", " ", shown.lower()),
            self.ref,
            future,
            past,
            self.anchor,
            gap,
            quoted,
            narrated=narrated,
            headline=hit.a < self.headline_end,
            after=text[hit.b : hit.b + 16],
            initial=not text[start : hit.a].strip(" \t\"'“”‘’([—–-"),
            before=text[max(start, hit.a - 16) : hit.a],
            anchor_history=self.anchor_history,
            progressive=progressive,
        )

    def resolve(self, hit: _Hit) -> _Time:
        f = self.found(hit)
        if hit.kind == "range":
            time = self._range(hit, f)
        elif hit.kind == "same_day":
            time = self._same_day(hit, f)
        elif hit.kind == "since":
            time = self._since(hit, f)
        elif hit.kind == "of_year":
            time = self._of_year(hit, f)
        else:
            time = _resolve(hit.kind, f)
        if time.date is not None and hit.kind in _ANCHORS:
            written = hit.kind in _WRITTEN or any(p.kind in _WRITTEN for p in hit.parts)
            self.anchor_written = written or (f.narrated and hit.kind == "weekday")
            self.anchor, self.anchor_end = time.date, hit.b
            self.anchor_history = hit.kind == "holiday" and time.why.startswith("A day in history")
        elif time.start is not None and hit.kind in (
            "year",
            "bare_year",
            "month_year",
            "month",  # "up in September from the previous month": the month before September
            "month_adj",
            "spelled_year",
            "of_year",
        ):
            self.anchor, self.anchor_end, self.anchor_written = time.start, hit.b, False
            self.anchor_history = False
        return time

    def _part(self, hit: _Hit, f: _Found) -> _Time:
        text = re.sub(r"\s+", " ", self.text[hit.a : hit.b].lower())
        return _resolve(
            hit.kind,
            _Found(
                re.sub(r"^(?:from|since|on|between)\s+", "", text),
                f.ref,
                f.future,
                f.past,
                f.anchor,
                f.anchor_gap,
                f.quoted,
            ),
        )

    def _range(self, hit: _Hit, f: _Found) -> _Time:
        """From the first part's first day to the second part's last day; a part with no year takes the
        year that keeps the range in order (the end is the first such day on or after the start)."""
        first_hit, second_hit = hit.parts
        first, second = self._part(first_hit, f), self._part(second_hit, f)
        if first.first is None or second.last is None:
            return _vague("A range the rules could not place on the calendar.")
        start, end = first.first, second.last
        second_year = _year_in(self.text[second_hit.a : second_hit.b])
        first_year = _year_in(self.text[first_hit.a : first_hit.b])
        if second_year is None:
            while end < start:
                end = (
                    shift_years(end, 1) if second_hit.kind not in ("weekday",) else end + dt.timedelta(days=7)
                )
            while second_hit.kind not in ("weekday",) and shift_years(end, -1) >= start:
                end = shift_years(end, -1)
            if second_hit.kind == "weekday":
                while end - dt.timedelta(days=7) >= start:
                    end -= dt.timedelta(days=7)
        elif first_year is None:
            while start > end:
                start = shift_years(start, -1)
            while shift_years(start, 1) <= end:
                start = shift_years(start, 1)
        return _span(start, end, "A range: from the first day of its start to the last day of its end.")

    def _of_year(self, hit: _Hit, f: _Found) -> _Time:
        """ "in March last year": the month (or day) in the year the words name."""
        first, year_hit = hit.parts
        if f.ref is None:
            return _vague(_NO_DATELINE)
        shift = {"last": -1, "this": 0, "next": 1}[self.text[year_hit.a : year_hit.b].split()[0].lower()]
        year = f.ref.year + shift
        words = re.sub(r"\s+", " ", self.text[first.a : first.b].lower())
        time = _resolve(first.kind, replace(f, text=f"{re.sub(r'^(?:last|this|next) ', '', words)} {year}"))
        return (
            time._replace(why=time.why + " Its year is the one the words name.") if not time.vague else time
        )

    def _since(self, hit: _Hit, f: _Found) -> _Time:
        """ "since Saturday": from the day (or the first day of the period) before the dateline, to it."""
        (inner,) = hit.parts
        told_past = replace(f, future=False, past=True)  # "since" looks back
        part = self._same_day(inner, told_past) if inner.kind == "same_day" else self._part(inner, told_past)
        if part.first is None or f.ref is None:
            return part
        return _span(part.first, f.ref, part.why + " “Since”: from then to the article's date.")

    def _same_day(self, hit: _Hit, f: _Found) -> _Time:
        """One day written in several ways (or with a clock time): the part that names it most exactly."""
        parts = [p for p in hit.parts if p.kind != "clock"]
        times = [self._part(p, f) for p in parts]
        dated = [t for t in times if t.date is not None]
        if not dated:
            return times[0] if times else _vague("A clock time with no day.")
        written = [t for p, t in zip(parts, times, strict=True) if p.kind in ("iso", "mdy", "dmy") and t.date]
        differing = [t for t in dated if t.date != f.ref]
        best = written[0] if written else (differing[0] if differing else dated[0])  # "tomorrow on May 17"
        return _Time(date=best.date, why=best.why + " The same day is written next to it.")


def find_time_expressions_in(
    text: str,
    ref: dt.date | None,
    *,
    paragraph: int = 0,
    offset: int = 0,
    quotes: list[tuple[int, int]] | None = None,
    headline_end: int = 0,
    body_start: int = 0,
) -> list[dict[str, Any]]:
    """Time expressions in one piece of text, resolved against the date ``ref`` (or vague).

    Dates come back as ISO strings. ``offset`` is added to character positions; ``quotes`` lists the
    ``(start, end)`` of quotations in ``text`` ("today" inside one may be an earlier day);
    ``text[:headline_end]`` is a headline (its present tense tells what happened); nothing before
    ``body_start`` (the date line) is read.

    >>> import datetime as dt
    >>> [(r["text"], r["start"], r["end"]) for r in
    ...  find_time_expressions_in("separatists since 2014", dt.date(2021, 12, 14))]
    [('since 2014', '2014-01-01', '2021-12-14')]
    >>> [(r["text"], r["vague"]) for r in find_time_expressions_in("For weeks, it said so yesterday.", None)]
    [('For weeks', True), ('yesterday', True)]
    """
    words = _Words.of(text)
    reader = _Reader(text, ref, quotes or [], headline_end, words)
    rows = []
    joined = _join_ranges(text, _join_of_year(text, _find(text, words)))
    for hit in _join_since(text, _join_same_day(text, joined)):
        if hit.a < body_start:
            continue
        raw = text[hit.a : hit.b]
        shown = re.sub(r"(?i)^on\s+", "", raw) if hit.kind == "weekday" else raw
        a2 = hit.a + (len(raw) - len(shown))
        resolved = reader.resolve(hit)
        if resolved is _NOT_A_TIME:
            continue
        event = " ".join(reader.clauses.clause(hit.a, hit.b).split())
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
                "char_end": offset + hit.b,
            }
        )
    return rows


def find_time_expressions(
    article: Article, quotes: list[tuple[int, int]] | None = None
) -> list[dict[str, Any]]:
    """Every time expression in the article, paragraph by paragraph, resolved against ``article.date``.

    ``quotes`` are the ``(start, end)`` offsets of its quotations (found here when not given).

    >>> import medialit
    >>> rows = find_time_expressions(medialit.load_article())
    >>> [(r["paragraph"], r["text"], r["date"] or r["start"]) for r in rows][:3]
    [(1, 'Tuesday', '2021-12-14'), (2, 'For weeks', None), (3, 'since 2014', '2014-01-01')]
    """

    if quotes is None:
        from .quotes import find_quotes

        quotes = [(q.start, q.end) for q in find_quotes(article).quotes]
    starts = [a for a, _ in article.paragraph_spans]
    rows = []
    body, headline_end = article.paragraph_spans[0] if article.paragraph_spans else (0, 0)
    for row in find_time_expressions_in(
        article.text, article.date, quotes=quotes, headline_end=headline_end, body_start=body
    ):
        number = max(0, bisect_right(starts, row["char_start"]) - 1)
        a, b = article.paragraph_spans[number]
        if a <= row["char_start"] and row["char_end"] <= b:  # not the date line itself
            row["paragraph"] = number
            rows.append(row)
    return rows
