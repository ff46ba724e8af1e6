"""CSV files a spreadsheet opens as plain text: no cell of ours can turn into a formula.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and some
treat a leading tab or carriage return the same way), so a student's file called
``=HYPERLINK(...)_ex01.ipynb`` could put a live link in a teacher's gradebook. Every CSV the kit
writes goes through :func:`safe_writer`, which starts such a cell with an apostrophe (shown as
text, the usual convention) and writes text that is not valid UTF-8 with ``\\xNN`` escapes.

>>> import io
>>> buffer = io.StringIO()
>>> safe_writer(buffer).writerow(["=HYPERLINK(\\"http://x\\")", "-2", 12, None, "Ana"])
>>> buffer.getvalue()
'"\\'=HYPERLINK(""http://x"")",\\'-2,12,,Ana\\r\\n'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

__all__ = ["SafeWriter", "safe_cell", "safe_writer"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as CSV cell text that no spreadsheet runs as a formula.

    >>> safe_cell("+1"), safe_cell("  =1+1"), safe_cell(3.5), safe_cell("plain")
    ("'+1", "'  =1+1", '3.5', 'plain')
    """
    text = "" if value is None else str(value)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write many rows."""
        for row in rows:
            self.writerow(row)


def safe_writer(handle: Any, **options: Any) -> SafeWriter:
    """A CSV writer for ``handle`` (opened with ``newline=""``) that neutralises formulas."""
    return SafeWriter(handle, **options)
