"""Text that is safe to print on a terminal: nothing in it can move the cursor or forge a line.

File names and anything else that comes from students may hold escape sequences (which a
terminal obeys: colours, cursor moves, a fake "all ok" line over the real one), newlines and
carriage returns, invisible direction marks, or bytes that are not UTF-8. :func:`clean` shows
every such character as a visible escape instead; everything the kit prints about submissions
goes through it.

>>> clean("alice\\x1b[2K\\r  ok  100\\nbob")
'alice\\\\x1b[2K\\\\r  ok  100\\\\nbob'
>>> clean("line one\\nline two", keep_newlines=True)
'line one\\nline two'
"""

from __future__ import annotations

import sys
import unicodedata
from typing import Any, TextIO

__all__ = ["clean", "echo"]


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def clean(text: Any, *, keep_newlines: bool = False, limit: int | None = None) -> str:
    """``text`` with control, format (bidi, zero-width) and undecodable characters shown as escapes;
    cut to ``limit`` characters (with "…") when a limit is given.

    >>> clean("Jos\\udce9"), clean("a\\u202eb"), clean("x" * 9, limit=4)
    ('Jos\\\\xe9', 'a\\\\u202eb', 'xxxx…')
    """
    text = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    out = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char < " " or char == "\x7f" or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(_escape(char))
        else:
            out.append(char)
    joined = "".join(out)
    return joined if limit is None or len(joined) <= limit else joined[:limit] + "…"


def echo(text: Any, *, file: TextIO | None = None) -> None:
    """Print ``text`` cleaned (its own newlines kept) to ``file`` (default standard output)."""
    print(clean(text, keep_newlines=True), file=file if file is not None else sys.stdout)
