"""How the kit looks, defined once: the Okabe–Ito palette, tones, escaping, boxes and HTML tables.

Colour is never the only signal: every tone is used with a symbol and a word, and tables carry
captions and header cells. Text is always escaped; a piece of HTML that is already safe is marked
by wrapping it in :class:`Html`.

>>> table = html_table(["name", "said"], [["A & B", Html("<em>yes</em>")]], caption="Sources")
>>> table[:60]
'<table class="medialit-table"><caption style="text-align:lef'
>>> '<td style="text-align:left;vertical-align:top">A &amp; B</td>' in table, "<em>yes</em>" in table
(True, True)
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["OKABE_ITO", "PALETTE", "TONES", "Html", "box_html", "esc", "html_table"]

#: Okabe & Ito (2008), the colour-blind-safe palette, by the names its authors gave.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
#: The palette in the order charts use it (first colours first).
_ORDER = ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "yellow", "black")
PALETTE = tuple(OKABE_ITO[name] for name in _ORDER)
#: What a colour means in feedback (always shown with a symbol and a word as well).
TONES = {
    "right": OKABE_ITO["bluish green"],
    "missed": OKABE_ITO["orange"],
    "wrong": OKABE_ITO["vermillion"],
    "info": OKABE_ITO["blue"],
    "other": OKABE_ITO["reddish purple"],
    "muted": "#555555",
}


class Html(str):
    """A string of HTML that is already safe: :func:`esc` and :func:`html_table` leave it as it is."""

    __slots__ = ()


def esc(value: object) -> str:
    """HTML-escape any value (None becomes an empty string; :class:`Html` stays as it is).

    >>> esc('<script> & “quotes”'), esc(None), esc(Html("<b>ok</b>"))
    ('&lt;script&gt; &amp; “quotes”', '', '<b>ok</b>')
    """
    if value is None:
        return ""
    if isinstance(value, Html):
        return str(value)
    return html.escape(str(value))


def box_html(body: str, *, tone: str = "info", role: str | None = None) -> str:
    """Wrap already-escaped HTML ``body`` in a box with a coloured left border.

    >>> box_html("hi", tone="right")[:60]
    '<div class="medialit-box medialit-right" style="border-left:'
    """
    role_attr = f' role="{esc(role)}"' if role else ""
    return (
        f'<div class="medialit-box medialit-{esc(tone)}"{role_attr} style="border-left:4px solid '
        f'{TONES.get(tone, TONES["info"])};padding:4px 8px;margin:4px 0">{body}</div>'
    )


def html_table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    caption: object = None,
    more: int = 0,
    css_class: str = "medialit-table",
    align: Sequence[str] = (),
) -> str:
    """An accessible HTML table: a caption, header cells with ``scope``, every cell escaped.

    ``header`` and the cells of ``rows`` are text (escaped here) or :class:`Html`. ``align`` gives
    each column's alignment (default left: JupyterLab's stylesheet right-aligns cells otherwise).
    ``more`` adds a line saying how many rows are not shown.

    >>> "… 3 more rows" in html_table(["a"], [["1"]], more=3)
    True
    """

    def style(i: int) -> str:
        return f'style="text-align:{align[i] if i < len(align) else "left"};vertical-align:top"'

    head = "".join(f'<th scope="col" {style(i)}>{esc(h)}</th>' for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td {style(i)}>{esc(cell)}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    cap = f'<caption style="text-align:left">{esc(caption)}</caption>' if caption is not None else ""
    tail = f"<p><em>… {more} more rows</em></p>" if more > 0 else ""
    return (
        f'<table class="{esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>{tail}"
    )
