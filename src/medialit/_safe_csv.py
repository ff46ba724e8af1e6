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
from pathlib import Path
from typing import Any

from ._atomic import replacing

__all__ = ["SafeWriter", "safe_cell", "safe_writer", "write_csv"]

# What a spreadsheet runs as a formula at the start of a cell (also the full-width signs some read).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> str:
    """``value`` as CSV cell text that no spreadsheet runs as a formula. Numbers stay numbers.

    >>> safe_cell("+1"), safe_cell("  =1+1"), safe_cell(3.5), safe_cell("plain"), safe_cell(-1)
    ("'+1", "'  =1+1", '3.5', 'plain', '-1')
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
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


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]], *, bom: bool = False) -> Path:
    """Write a CSV file atomically (a temporary file, then a rename), every cell made safe.

    ``bom`` writes UTF-8 with a byte-order mark, which spreadsheet programs need to show accents.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_csv(Path(d) / "x.csv", ["name", "points"], [["=1+1", 2.0]]).read_text()
    "name,points\\n'=1+1,2\\n"
    """
    with replacing(path, newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = safe_writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path
