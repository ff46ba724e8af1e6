"""Interim helpers for text that came from students: CSV cells and terminal lines.

TODO(merge): use the shared writer from issue 11. The issue-11 branch brings ONE safe CSV writer and
ONE terminal-output sanitiser for the whole grader; when it is merged, ``safe_cell``/``write_csv`` and
``for_terminal`` here are replaced by those and this module is deleted. Only the round-trip modules
(collect, marks, export, returns) use it.

>>> safe_cell("=HYPERLINK(1)"), safe_cell("Ana"), safe_cell(3.5)
("'=HYPERLINK(1)", 'Ana', '3.5')
>>> for_terminal("Ana\\x1b[31m red")
'Ana\\\\x1b[31m red'
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["for_terminal", "safe_cell", "write_csv"]

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: Any) -> str:
    """``value`` as CSV text a spreadsheet will not run: a leading formula character gets a ``'``.

    Numbers are written as they are (``-1`` stays a number).

    >>> safe_cell(-1), safe_cell("-1+2"), safe_cell(None), safe_cell("@SUM(A1)")
    ('-1', "'-1+2", '', "'@SUM(A1)")
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]], *, bom: bool = False) -> Path:
    """Write a CSV atomically (temporary file, then rename), every cell through :func:`safe_cell`.

    ``bom`` writes UTF-8 with a byte-order mark, which spreadsheet programs need to read accents.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_csv(Path(d) / "x.csv", ["name", "points"], [["=1+1", 2.0]])
    ...     p.read_text()
    "name,points\\n'=1+1,2\\n"
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([safe_cell(h) for h in header])
            for row in rows:
                writer.writerow([safe_cell(c) for c in row])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def for_terminal(text: Any, limit: int = 200) -> str:
    """``text`` safe to print: control characters (escape sequences, carriage returns) shown as codes.

    >>> for_terminal("a\\rb"), len(for_terminal("x" * 500))
    ('a\\\\rb', 201)
    """
    out = []
    for ch in str(text):
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    joined = "".join(out)
    return joined if len(joined) <= limit else joined[:limit] + "…"
