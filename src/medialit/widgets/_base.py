"""The shared widget shell: title, notes, a visible error line, answer saving (imports ipywidgets)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..plots import figure_html
from ._common import NO_KEY_NOTE, Reference, box_html, error_html, esc
from ._persist import AnswerSaver

__all__ = ["MedialitWidget", "button", "figure_html"]


def button(label: str, tooltip: str, *, icon: str = "", style: str = "") -> w.Button:
    """A labelled button with a tooltip (its accessible description)."""
    return w.Button(
        description=label, tooltip=tooltip, icon=icon, button_style=style, layout=w.Layout(width="auto")
    )


class MedialitWidget(w.VBox):
    """A VBox that knows its answer, shows errors inside itself and saves its answer if asked.

    Subclasses build their controls, call ``self._finish(children)``, implement ``_answer()``
    (JSON data) and ``_restore(answer)``, and call ``self._changed()`` after every change.
    """

    kind = "widget"

    def __init__(self, ref: Reference, *, title: str, intro: str, save_as: str | None) -> None:
        super().__init__()
        self.ref = ref
        self.article = ref.article
        self._saver = AnswerSaver(save_as) if save_as is not None else None
        self._restoring = False
        note = (
            ""
            if ref.uses_key
            else box_html(
                f'<span aria-hidden="true">?</span> <strong>Note:</strong> {esc(NO_KEY_NOTE)}', tone="missed"
            )
        )
        self.header = w.HTML(
            f'<div class="medialit-title"><strong>{esc(title)}</strong> '
            f'<span style="color:#555">— {esc(self.article.headline)}</span></div>'
            f'<div style="font-size:92%">{esc(intro)}</div>{note}'
        )
        self.status = w.HTML("")
        self.add_class("medialit-widget")
        self.add_class(f"medialit-{self.kind}")
        # No tooltip on the Box itself: ipywidgets 8.1's front end reads `description` when a
        # tooltip is set, a Box has none, and the view then fails to render (tests/browser/FINDINGS.md).

    # --------------------------------------------------------------- wiring
    def _finish(self, children: list[w.Widget]) -> None:
        self.children = [self.header, *children, self.status]
        if self._saver is not None:
            saved = self._saver.load()
            if isinstance(saved, dict) and saved.get("article") not in (None, self.article.id):
                self.status.value = box_html(
                    f"? The answer saved as {esc(self._saver.question)} is about another article "
                    f"({esc(saved.get('article'))}); starting fresh.",
                    tone="missed",
                )
                saved = None
            if saved is not None:
                self._restoring = True
                try:
                    self._restore(saved)
                    self.status.value = box_html(
                        f'<span aria-hidden="true">✓</span> Your saved answer to {esc(self._saver.question)} '
                        "was loaded.",
                        tone="info",
                    )
                except Exception:  # a damaged or outdated saved answer must not block the widget
                    self.status.value = box_html(
                        "? Your saved answer could not be loaded (it does not fit this widget); "
                        "starting fresh.",
                        tone="missed",
                    )
                finally:
                    self._restoring = False
            self._saver.answer = self.answer

    def guard(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a callback so that any error shows up in the widget instead of vanishing."""

        @functools.wraps(fn)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:
                self.status.value = error_html(exc)
                return None
            if self.status.value.startswith('<div class="medialit-box medialit-wrong"'):
                self.status.value = ""
            return result

        return wrapped

    def _changed(self) -> None:
        if self._restoring or self._saver is None:
            return
        self._saver.update(self.answer)
        if self._saver.error:
            self.status.value = box_html(esc(self._saver.error), tone="missed")

    # --------------------------------------------------------------- answer
    @property
    def answer(self) -> Any:
        """The student's current answer as plain JSON data (see the widget function's docstring)."""
        return self._answer()

    @property
    def save_as(self) -> str | None:
        """The question this widget saves its answer under (None if it does not save)."""
        return self._saver.question if self._saver else None

    def _answer(self) -> Any:  # pragma: no cover - every widget overrides it
        raise NotImplementedError

    def _restore(self, answer: Any) -> None:  # pragma: no cover
        raise NotImplementedError

    # --------------------------------------------------------------- display
    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)
        if self._saver is not None:
            self._saver.show()
