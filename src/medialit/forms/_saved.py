"""Has an answer reached the file the teacher collects? The saved line of a form, and its watcher.

A form keeps its answer in the notebook's outputs (and in ``.medialit-answers/``) at every change,
but the teacher gets the notebook **file**, which changes only when the notebook is saved (Ctrl+S,
or JupyterLab's autosave). So a form's saved line compares its answer with what the one reader
(:func:`medialit.answers.file_answers`) finds in that file:

* ``saved``: the file holds this answer ("✓ saved in the notebook file");
* ``recorded``: the file holds another answer or none ("recorded — press Ctrl+S ...");
* ``unknown``: the kernel does not know its notebook's file (nbclient, some editors): save anyway;
* ``empty``: nothing answered and nothing saved.

A :class:`Watcher` looks at the file about once a second (on the kernel's own event loop, between
cells) and refreshes the live forms' lines when it changes. This module imports no ipywidgets.

>>> saved_state("ex03.q3", None, None).state
'empty'
>>> saved_state("ex03.q3", "b", None).state
'unknown'
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .._style import TONES, esc
from ..answers import file_answers, same_answer
from ..scoring._values import is_blank, plain

__all__ = ["SAVE_KEYS", "SavedState", "Watcher", "saved_state", "watcher"]

#: How a student saves, said the same way everywhere.
SAVE_KEYS = "Ctrl+S (File ▸ Save Notebook)"


@dataclass(frozen=True)
class SavedState:
    """Where an answer is: ``state`` (saved, recorded, unknown, empty) and the line that says so."""

    state: str
    text: str

    @property
    def html(self) -> str:
        """The line as HTML: a symbol, words and a colour (never colour alone)."""
        if not self.text:
            return ""
        tone = {"saved": "right", "recorded": "missed", "unknown": "info"}.get(self.state, "muted")
        symbol, words = self.text.split(" ", 1)
        return (
            f'<div class="medialit-saved-state medialit-{esc(self.state)}" '
            f'style="border-left:4px solid {TONES[tone]};padding:2px 8px;margin:2px 0">'
            f'<span aria-hidden="true">{esc(symbol)}</span> {esc(words)}</div>'
        )


def saved_state(question: str, answer: Any, path: Path | None) -> SavedState:
    """Compare ``answer`` (what the form shows) with what the notebook file at ``path`` holds.

    >>> import json, tempfile, pathlib
    >>> from medialit.answers import answer_bundle
    >>> nb = {"cells": [{"cell_type": "code", "source": 'form("q3")',
    ...       "metadata": {"medialit": {"role": "form", "question": "q3", "save_as": "ex03.q3"}},
    ...       "outputs": [{"output_type": "display_data", "data": answer_bundle("ex03.q3", "b")}]}]}
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d) / "ex03.ipynb"
    ...     _ = path.write_text(json.dumps(nb))
    ...     saved_state("ex03.q3", "b", path).state, saved_state("ex03.q3", "c", path).state
    ('saved', 'recorded')
    """
    value = plain(answer)
    found = file_answers(path) if path is not None else None
    if found is None or path is None:
        if is_blank(value):
            return SavedState("empty", "")
        return SavedState(
            "unknown",
            f"💾 Recorded in this notebook: save it with {SAVE_KEYS} before you hand it in.",
        )
    if question in found and same_answer(plain(found[question]), value):
        if is_blank(value):
            return SavedState("empty", "")
        return SavedState(
            "saved", f"✓ Saved in the notebook file {path.name}: this is what your teacher gets."
        )
    if is_blank(value) and question not in found:
        return SavedState("empty", "")
    return SavedState("recorded", f"💾 Recorded — press {SAVE_KEYS} so your teacher gets it.")


class _Refreshable(Protocol):
    save_as: str

    def refresh_saved(self) -> None: ...


class Watcher:
    """Refreshes the saved line of live forms when the notebook file changes (about once a second).

    It runs on the kernel's event loop (``loop.call_later``), so it never races a cell; outside a
    kernel (no running loop) it does nothing, and forms refresh when they change.
    """

    interval = 1.0

    def __init__(self) -> None:
        self._forms: dict[str, weakref.ReferenceType[_Refreshable]] = {}
        self._handle: Any = None

    def add(self, form: _Refreshable) -> None:
        """Watch ``form`` (the latest form for its question replaces an earlier one)."""
        self._forms[form.save_as] = weakref.ref(form)
        self._schedule()

    def live(self) -> list[_Refreshable]:
        """The forms still alive."""
        alive = [(k, r()) for k, r in self._forms.items()]
        self._forms = {k: weakref.ref(f) for k, f in alive if f is not None}
        return [f for _, f in alive if f is not None]

    def _schedule(self) -> None:
        if self._handle is not None:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not inside a kernel's loop (a test, a script)
            return
        self._handle = loop.call_later(self.interval, self._tick)

    def _tick(self) -> None:
        self._handle = None
        forms = self.live()
        for form in forms:
            try:
                form.refresh_saved()
            except Exception:  # noqa: S112 - one broken form must not stop the others
                continue
        if forms:
            self._schedule()


_WATCHER = Watcher()


def watcher() -> Watcher:
    """The kernel's one watcher."""
    return _WATCHER
