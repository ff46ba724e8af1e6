"""Keys typed in a kit widget act on the widget, never on the notebook (imports anywidget).

JupyterLab and Notebook 7 run their command-mode shortcuts for a key pressed while anything in a
cell that is not a text editor has focus: with a dropdown, a radio button or a toggle button
focused, ``a`` inserts a cell, ``d d`` deletes the cell, ↓ moves the cell selection instead of the
value, ``r`` in a read-only exercise cell pops up "Cell is read-only". Lumino skips every shortcut
for a key event whose *target* carries ``data-lm-suppress-shortcuts``. The notebook's command-mode
shortcuts are bound to selectors ending in ``:focus`` (``.jp-Notebook.jp-mod-commandMode
:focus``), which the focused control itself matches, so the mark must sit on that control: a mark
on the output area above it is never reached (Lumino stops at the first element that matches).

ipywidgets cannot set attributes, so :func:`guarded` adds an invisible :class:`KeyGuard` (an
anywidget, ``data/keyguard.js``) to a widget's outermost box. In the page, the guard marks each
control of that box as it takes focus, lets Ctrl/⌘ combinations (save, undo) through to
JupyterLab, and sends the keys back to the notebook on Escape. It also adds the ARIA ipywidgets
cannot: radio groups and yes/no groups named by their label, ``aria-pressed`` on toggle buttons,
``aria-live`` on elements of class ``medialit-live``, and heading levels that follow the notebook.

:func:`sr_only` gives a control an accessible name longer than its visible label;
:func:`heading_html` is a heading inside a widget; :func:`note_bundle` is the line a reopened
notebook shows in place of a widget whose kernel is gone, and :func:`show` displays a guarded
widget with that line (every kit widget and form is displayed through it).

>>> import ipywidgets as w
>>> box = guarded(w.VBox([w.Dropdown(options=["allege", "deny"])]))
>>> [type(c).__name__ for c in box.children]
['Dropdown', 'KeyGuard']
>>> guarded(box) is box and len(box.children)
2
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anywidget
import ipywidgets as w
import traitlets

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["NOTE_MIME", "KeyGuard", "guarded", "heading_html", "note_bundle", "show", "sr_only"]

from ._common import NOTE_MIME

_DATA = Path(__file__).parent / "data"

# Visually hidden but read by screen readers (the usual "sr-only" recipe). Inline, because
# ipywidgets' label sanitiser keeps these style properties and the CSS below may not be loaded yet.
_SR_STYLE = (
    "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0"
)

W = TypeVar("W", bound=w.Box)


@cache
def _asset(name: str) -> str:
    return (_DATA / name).read_text(encoding="utf-8")


class KeyGuard(anywidget.AnyWidget):
    """The invisible front-end helper :func:`guarded` adds to a widget (see the module docstring)."""

    _esm = traitlets.Unicode().tag(sync=True)
    _css = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_esm")
    def _default_esm(self) -> str:
        return _asset("keyguard.js")

    @traitlets.default("_css")
    def _default_css(self) -> str:
        return _asset("keyguard.css")

    def __init__(self) -> None:
        super().__init__(layout=w.Layout(display="none"))
        self.add_class("medialit-keyguard")


def guarded(widget: W) -> W:
    """Make keys typed inside ``widget`` act on it, never on the notebook; returns the same widget.

    ``widget`` is a kit widget's outermost box. An invisible :class:`KeyGuard` is added as its last
    child, and stays there if the box's children are replaced later. Guarding twice changes nothing.
    """
    if not isinstance(widget, w.Box):
        raise TypeError(f"guarded() takes a widget's outermost Box, not {type(widget).__name__}")
    if any(isinstance(child, KeyGuard) for child in widget.children):
        return widget
    guard = KeyGuard()

    def keep_guard(change: Mapping[str, Any]) -> None:
        if guard not in change["new"]:
            widget.children = (*change["new"], guard)

    widget.children = (*widget.children, guard)
    widget.observe(keep_guard, names="children")
    return widget


def sr_only(visible: str, hidden: str) -> dict[str, Any]:
    """A control's ``description`` that shows ``visible`` and names the control "visible hidden".

    ipywidgets 8 names a dropdown, text box or radio group by its description label and drops the
    tooltip when there is a description, so 21 dropdowns labelled "Speaker" all sound alike. Pass
    the result as keyword arguments: ``w.Dropdown(**sr_only("Speaker", "of the quote in ¶5"))``;
    screen readers say "Speaker of the quote in ¶5", the page shows "Speaker".

    >>> sr_only("Speaker", "of the quote in ¶5")["description"]  # doctest: +ELLIPSIS
    'Speaker<span class="medialit-sr" style="position:absolute;...">&nbsp;of the quote in ¶5</span>'
    """
    return {
        "description": (
            f'{html.escape(visible)}<span class="medialit-sr" style="{_SR_STYLE}">&nbsp;'
            f"{html.escape(hidden)}</span>"
        ),
        "description_allow_html": True,
    }


def heading_html(text: str, level: int = 3) -> str:
    """A heading inside a widget (escaped): ``level`` until the key guard sets it one below the
    notebook heading above the widget, so the page's outline has no jumps.

    >>> heading_html("Conflict & crisis")  # doctest: +ELLIPSIS
    '<div class="medialit-heading" role="heading" aria-level="3" style="...">Conflict &amp; crisis</div>'
    """
    return (
        f'<div class="medialit-heading" role="heading" aria-level="{int(level)}" '
        f'style="font-weight:bold;margin:8px 0 2px">{html.escape(text)}</div>'
    )


def note_bundle() -> dict[str, Any]:
    """The display bundle shown beside a widget: hidden while the widget lives, shown when it is gone.

    A reopened notebook (its kernel gone or new) cannot draw the widget; JupyterLab then writes
    "Error displaying widget: model not found" in its place. This line's own style hides that
    message and shows the line instead; while the widget is drawn (its :class:`KeyGuard` is in
    the same output area) the line stays hidden. Front ends without the widget (a web viewer, an
    untrusted notebook) show the line as it is.

    >>> sorted(note_bundle())
    ['application/vnd.medialit.widget-note+json', 'text/html', 'text/plain']
    """
    text = "Run this cell to continue where you left off (Shift+Enter): the widget needs it."
    return {
        "text/plain": text,
        "text/html": _asset("note.html").replace("{text}", html.escape(text)),
        NOTE_MIME: {},
    }


def show(widget: w.Box, label: str) -> None:
    """Display a kit widget or form the kit's way: its view, then the :func:`note_bundle` line.

    ``widget`` is guarded first (the line's style needs the guard to know the widget is drawn).
    ``label`` is the plain text shown where no widget can be drawn (an untrusted or exported
    notebook), e.g. ``"[Timeline widget]"``, instead of ipywidgets' ``VBox(children=(HTML(…``.
    Call it from the widget's ``_ipython_display_``, before displaying anything else of the cell.

    >>> from unittest import mock
    >>> import ipywidgets as w
    >>> with mock.patch("IPython.display.display") as shown:
    ...     show(w.VBox([w.Dropdown(options=["deny"])]), "[Demo widget]")
    >>> [call.args[0]["text/plain"] for call in shown.call_args_list][0]
    '[Demo widget]'
    >>> NOTE_MIME in shown.call_args_list[1].args[0]
    True
    """
    from IPython.display import display

    bundle = guarded(widget)._repr_mimebundle_()
    bundle["text/plain"] = label
    display(bundle, raw=True)
    display(note_bundle(), raw=True)
