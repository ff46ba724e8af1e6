"""Small synthetic articles for the analysis's rule tests: one helper per idea, shared by the test files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from medialit.analysis import analyze
from medialit.article import parse_article
from medialit.timeline import find_time_expressions_in

TUESDAY = dt.date(2021, 12, 14)  # the built-in article's date line


def quotes(text: str) -> Any:
    """The quotes table of ``text`` as the body of an article dated Tuesday 14 December 2021."""
    return analyze(parse_article(" date 2021-12-14 Head\n\n" + text)).quotes


def speakers(text: str) -> list[str | None]:
    """The speaker of each quotation in ``text`` (see :func:`quotes`), in order."""
    return quotes(text)["speaker"].tolist()


def one_time(text: str, ref: dt.date | None = TUESDAY) -> dict[str, Any]:
    """The one time expression found in ``text`` read against ``ref``; fails the test if not one."""
    rows = find_time_expressions_in(text, ref)
    assert len(rows) == 1, rows
    return rows[0]
