"""Calendar arithmetic for the time rules: months, weeks, seasons, holidays and Easter.

Pure functions of dates; the word lists they serve are in ``data/lexicons/time_words.csv`` and
``data/lexicons/holidays.csv``.

>>> month_range(2024, 2)
(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
>>> holiday_in("4 thursday of 11", 2012), holiday_in("easter-2", 2021)
(datetime.date(2012, 11, 22), datetime.date(2021, 4, 2))
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "easter",
    "holiday_in",
    "month_range",
    "nearest_year",
    "season_range",
    "shift_month",
    "shift_years",
    "week_of",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: meteorological seasons: the first month of each (winter runs December to February)
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """(year, month) ``by`` months later (or earlier when negative).

    >>> shift_month(2021, 12, 1), shift_month(2021, 1, -13)
    ((2022, 1), (2019, 12))
    """
    m = month + by
    return year + (m - 1) // 12, (m - 1) % 12 + 1


def shift_years(day: dt.date, by: int) -> dt.date:
    """The same day ``by`` years later or earlier (29 February becomes 28 February).

    >>> shift_years(dt.date(2015, 9, 11), -14), shift_years(dt.date(2024, 2, 29), 1)
    (datetime.date(2001, 9, 11), datetime.date(2025, 2, 28))
    """
    try:
        return day.replace(year=day.year + by)
    except ValueError:
        return day.replace(year=day.year + by, day=28)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday-to-Sunday week that contains ``day`` (ISO 8601 weeks)."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The date with this month and day nearest ``ref`` (the year before, of, or after it)."""
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


def season_range(season: str, year: int) -> tuple[dt.date, dt.date]:
    """A meteorological season of a year; winter ``year`` is the one that includes January of ``year``.

    >>> season_range("summer", 2005)
    (datetime.date(2005, 6, 1), datetime.date(2005, 8, 31))
    >>> season_range("winter", 2012)
    (datetime.date(2011, 12, 1), datetime.date(2012, 2, 29))
    """
    first = SEASON_START[season]
    start_year = year - 1 if season == "winter" else year
    end_year, end_month = shift_month(start_year, first, 2)
    return dt.date(start_year, first, 1), month_range(end_year, end_month)[1]


def easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the Anonymous Gregorian algorithm).

    >>> easter(2021), easter(2024)
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


def holiday_in(rule: str, year: int) -> dt.date:
    """The date a holiday rule of ``data/lexicons/holidays.csv`` gives in ``year``: "12-25",
    "4 thursday of 11", "easter-2", or a day in history ("2001-09-11", the same every year)."""
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:]))
    if rule.count("-") == 2:
        return dt.date.fromisoformat(rule)
    if "of" not in rule:
        month, day = map(int, rule.split("-"))
        return dt.date(year, month, day)
    nth, weekday, _, month_text = rule.split()
    month = int(month_text)
    wd = WEEKDAYS.index(weekday)
    in_month = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]
    days = [d for d in in_month if d.weekday() == wd]
    return days[-1] if nth == "last" else days[int(nth) - 1]
