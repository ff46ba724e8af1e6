"""Display helpers for the lessons: numbered paragraphs with labelled highlights, and tidy tables.

Each helper returns a small object that shows itself when it is the last line of a cell
(escaped HTML in JupyterLab, plain text elsewhere). Nothing is printed or changed in place.

>>> import medialit
>>> from medialit.reading import show_paragraphs
>>> print(show_paragraphs(medialit.load_article(), 13, highlight={"Ryabkov told": "source + cue"}))
[13] “If there is no movement toward a political-diplomatic solution to this situation, we will respond \
militarily,” **Ryabkov told** [source + cue] the Russian news agency RIA Novosti.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from ._style import TONES, Html, esc, html_table
from .errors import MedialitError

if TYPE_CHECKING:
    import pandas as pd

    from .article import Article

__all__ = ["Passage", "Table", "show_paragraphs", "show_table"]

MAX_ROWS = 10

# Highlights never rely on colour alone: bold, a thick underline and a visible text label.
# Marks and labels set both colours, so they stay readable in light and dark themes.
_MARK_STYLE = (
    "background:#F0E442;color:#000;font-weight:bold;text-decoration:underline;"
    "text-decoration-thickness:2px;text-underline-offset:3px;padding:0 2px"
)
_LABEL_STYLE = (
    "font-size:.75em;font-weight:bold;color:#000;background:#fff;"
    "border:1px solid #555;border-radius:3px;padding:0 3px"
)
_NUMBER_STYLE = "opacity:.7;font-weight:bold;min-width:2.5em;display:inline-block"


def _numbers(article: Article, numbers: int | Iterable[int] | None) -> list[int]:
    last = len(article.paragraphs) - 1
    if numbers is None:
        return list(range(1, last + 1))
    if isinstance(numbers, bool) or not isinstance(numbers, int | Iterable):
        raise MedialitError(
            f"show_paragraphs() got {numbers!r} as paragraph numbers.",
            hint="Give one number like 5, or a list like [1, 2, 3], or range(4, 10).",
        )
    chosen = [numbers] if isinstance(numbers, int) else list(numbers)
    for n in chosen:
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= last:
            raise MedialitError(
                f"There is no paragraph {n!r}: this article has paragraph 0 (the headline) "
                f"and body paragraphs 1 to {last}.",
                hint=f"Use whole numbers from 0 to {last}.",
            )
    return chosen


if TYPE_CHECKING:
    Highlight = str | Iterable[str] | Mapping[str, str] | pd.DataFrame | None


def _highlights(highlight: Highlight, label: str | None) -> list[tuple[int | None, str, str]]:
    """Normalise ``highlight`` to a list of (paragraph or None, phrase, label).

    >>> import pandas as pd
    >>> _highlights({"said": "cue"}, None), _highlights(["a"], None)
    ([(None, 'said', 'cue')], [(None, 'a', '')])
    >>> table = pd.DataFrame({"paragraph": [2], "cue": ["accused"], "connotation": ["evaluative"]})
    >>> _highlights(table, "connotation")
    [(2, 'accused', 'evaluative')]
    """
    if highlight is None:
        return []
    if isinstance(highlight, str):
        return [(None, highlight, "")] if highlight else []
    if isinstance(highlight, Mapping):
        return [(None, str(k), str(v)) for k, v in highlight.items() if str(k)]
    if hasattr(highlight, "columns"):  # a DataFrame, e.g. a table of the answer key
        highlight = cast("pd.DataFrame", highlight)
        column = next((c for c in ("text", "cue") if c in highlight.columns), None)
        if column is None or (label is not None and label not in highlight.columns):
            raise MedialitError(
                "show_paragraphs() needs a table with a 'text' or 'cue' column"
                + (f" and a {label!r} column" if label else "")
                + ".",
                hint="Its columns are: " + ", ".join(str(c) for c in highlight.columns) + ".",
            )
        rows = []
        for record in highlight.to_dict("records"):
            phrase = record[column]
            if not isinstance(phrase, str) or not phrase:
                continue
            number = record.get("paragraph")
            number = int(number) if isinstance(number, int | float) and number == number else None
            rows.append((number, phrase, "" if label is None else str(record[label])))
        return rows
    return [(None, str(k), "") for k in highlight if str(k)]


def _segments(text: str, phrases: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """Split ``text`` into (piece, label) pairs; label is None outside highlights.

    Longer phrases win over shorter ones that overlap them.

    >>> _segments("Putin said Putin", [("Putin", "who"), ("said", "")])
    [('Putin', 'who'), (' ', None), ('said', ''), (' ', None), ('Putin', 'who')]
    """
    taken: list[tuple[int, int, str]] = []
    for phrase, label in sorted(phrases, key=lambda pair: len(pair[0]), reverse=True):
        at = text.find(phrase)
        while at != -1:
            end = at + len(phrase)
            if all(end <= a or at >= b for a, b, _ in taken):
                taken.append((at, end, label))
            at = text.find(phrase, at + 1)
    taken.sort()
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for a, b, label in taken:
        if a > pos:
            pieces.append((text[pos:a], None))
        pieces.append((text[a:b], label))
        pos = b
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


class Passage:
    """Numbered paragraphs with labelled highlights; made by :func:`show_paragraphs`."""

    def __init__(self, rows: list[tuple[int, list[tuple[str, str | None]]]], missing: list[str]) -> None:
        """Keep the (number, pieces) rows and the phrases that were not found."""
        self.rows = rows
        self.missing = missing

    def __str__(self) -> str:
        lines = []
        for n, pieces in self.rows:
            body = "".join(
                piece if label is None else f"**{piece}**" + (f" [{label}]" if label else "")
                for piece, label in pieces
            )
            lines.append(f"[{n}] {'(headline) ' if n == 0 else ''}{body}")
        if self.missing:
            lines.append("Not found in these paragraphs: " + ", ".join(repr(m) for m in self.missing))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = []
        for n, pieces in self.rows:
            body = "".join(
                esc(piece)
                if label is None
                else f'<mark style="{_MARK_STYLE}">{esc(piece)}</mark>'
                + (f' <span style="{_LABEL_STYLE}">{esc(label)}</span>' if label else "")
                for piece, label in pieces
            )
            number = "¶ 0 (headline)" if n == 0 else f"¶ {n}"
            items.append(
                f'<p style="margin:.35em 0"><span style="{_NUMBER_STYLE}">{number}</span> {body}</p>'
            )
        note = ""
        if self.missing:
            note = (
                f'<p role="note" style="border-left:4px solid {TONES["wrong"]};padding-left:6px">'
                "<strong>Not found in these paragraphs:</strong> "
                + esc(", ".join(repr(m) for m in self.missing))
                + "</p>"
            )
        return f'<div class="medialit-passage" lang="en">{"".join(items)}{note}</div>'


def show_paragraphs(
    article: Article,
    numbers: int | Iterable[int] | None = None,
    *,
    highlight: Highlight = None,
    label: str | None = None,
) -> Passage:
    """Show some paragraphs of ``article`` with their numbers, highlighting exact phrases.

    ``numbers`` is one paragraph number, a list or a range (None = the whole body, 1 to the end;
    0 is the headline). ``highlight`` is a phrase, a list of phrases, or a dict mapping each phrase
    to a short label shown beside it, or a table (DataFrame) with a ``text`` or ``cue`` column, an
    optional ``paragraph`` column, and the column named by ``label`` for the labels.
    Highlights are bold and underlined and carry their label, so they do not depend on colour.
    Phrases not found (in their paragraph, for a table) are listed under the paragraphs.

    >>> import medialit
    >>> a = medialit.load_article()
    >>> print(show_paragraphs(a, [0, 1], highlight={"said": "cue"}))
    [0] (headline) Putin wants ‘immediate’ talks on Russia’s security with NATO.
    [1] As tensions between Moscow and the West over Ukraine rise, Russian President Vladimir Putin \
**said** [cue] Tuesday that he wants “urgent” discussions with the US and NATO on security assurances.
    >>> print(show_paragraphs(a, 14, highlight=["Tensions rose", "NATO"]))
    [14] **Tensions rose** again on Tuesday, with Russia stating it was keeping an eye on a French vessel \
near its Black Sea boundaries.
    Not found in these paragraphs: 'NATO'
    >>> "&lt;b&gt;" in show_paragraphs(a, 1, highlight={"Tuesday": "<b>"})._repr_html_()
    True
    >>> import pandas as pd
    >>> cues = pd.DataFrame({"paragraph": [8, 16, 9], "cue": ["accused", "has accused", "denies"],
    ...                      "connotation": ["evaluative", "evaluative", "evaluative"]})
    >>> print(show_paragraphs(a, [8, 16], highlight=cues, label="connotation"))  # doctest: +ELLIPSIS
    [8] Putin also **accused** [evaluative] the Ukrainian administration of ...
    [16] Putin **has accused** [evaluative] the West of inflaming tensions in the Black Sea, ...
    >>> show_paragraphs(a, 17)
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: There is no paragraph 17: this article has paragraph 0 (the headline) \
and body paragraphs 1 to 16. Use whole numbers from 0 to 16.
    """
    chosen = _numbers(article, numbers)
    entries = _highlights(highlight, label)
    rows = []
    found: set[int] = set()
    for n in chosen:
        text = article.paragraphs[n]
        here = [(i, phrase, tag) for i, (p, phrase, tag) in enumerate(entries) if p is None or p == n]
        found.update(i for i, phrase, _ in here if phrase in text)
        rows.append((n, _segments(text, [(phrase, tag) for _, phrase, tag in here])))
    missing = []
    for i, (p, phrase, _) in enumerate(entries):
        if i not in found and (p is None or p in chosen) and phrase not in missing:
            missing.append(phrase)
    return Passage(rows, missing)


def _cell(value: Any) -> str:
    """Plain text for one table cell: lists joined with commas, booleans as yes/no, blanks as –.

    >>> _cell([2, 3]), _cell(True), _cell(None), _cell([{"paragraph": 5, "mode": "paraphrase"}])
    ('2, 3', 'yes', '–', '5: paraphrase')
    """
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return ": ".join(_cell(v) for v in value.values())
    if isinstance(value, list | tuple | set):
        return ", ".join(_cell(v) for v in value) or "–"
    try:
        import pandas as pd

        if pd.isna(value):
            return "–"
    except (TypeError, ValueError):
        pass
    return str(value)


class Table:
    """A tidy, escaped view of a DataFrame; made by :func:`show_table`."""

    def __init__(self, header: list[str], rows: list[list[str]], total: int, title: str | None) -> None:
        self.header = header
        self.rows = rows
        self.total = total
        self.title = title

    def __str__(self) -> str:
        lines = [self.title] if self.title else []
        lines.append(" | ".join(self.header))
        lines += [" | ".join(row) for row in self.rows]
        if self.total > len(self.rows):
            lines.append(f"... {self.total - len(self.rows)} more rows")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        caption = Html(f"<strong>{esc(self.title)}</strong>") if self.title else None
        table = html_table(self.header, self.rows, caption=caption, more=self.total - len(self.rows))
        return f'<div class="medialit-table">{table}</div>'


def show_table(
    df: pd.DataFrame,
    *,
    columns: Iterable[str] | None = None,
    title: str | None = None,
    max_rows: int | None = MAX_ROWS,
) -> Table:
    """Show a DataFrame as a tidy table: chosen columns, escaped text, at most ``max_rows`` rows.

    Lists are joined with commas, True/False read "yes"/"no", missing values "–".
    ``max_rows=None`` shows every row.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"name": ["Putin", "A & B"], "paragraphs": [[1, 4], []], "official": [True, False]})
    >>> print(show_table(df, columns=["name", "official"], title="Sources"))
    Sources
    name | official
    Putin | yes
    A & B | no
    >>> print(show_table(df, max_rows=1))
    name | paragraphs | official
    Putin | 1, 4 | yes
    ... 1 more rows
    >>> "A &amp; B" in show_table(df)._repr_html_()
    True
    >>> show_table(df, columns=["nam"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: The table has no column 'nam'. Its columns are: name, ...
    """
    header = list(df.columns) if columns is None else list(columns)
    for name in header:
        if name not in df.columns:
            raise MedialitError(
                f"The table has no column {name!r}.",
                hint="Its columns are: " + ", ".join(str(c) for c in df.columns) + ".",
            )
    shown = df if max_rows is None else df.head(max_rows)
    rows = [[_cell(v) for v in record] for record in shown[header].itertuples(index=False, name=None)]
    return Table([str(h) for h in header], rows, len(df), title)
