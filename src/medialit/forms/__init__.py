"""Forms: every question answered by clicking and typing prose, never by writing code.

Two calls, one per notebook kind::

    form("q3")                  # in an exercise notebook, after start("ex03"): question 3 of the set
    medialit.forms.answer("3.2")  # in a lesson: written question 3.2, or ("3.A") auto-checked question 3.A

A form shows the inputs its question needs (radio buttons, checkboxes, a dropdown per item, a
paragraph picker, dates, text boxes; see :mod:`._controls`), or, for a widget question, the widget
itself. It saves its answer like the widgets (into the notebook and ``.medialit-answers/``; re-running
the cell puts the answer back), checks it with the same rule as ``check()`` and ``medialit grade``,
and says whether the answer has reached the notebook file the teacher collects.

``import medialit.forms`` imports no ipywidgets; the forms load on first use.

>>> import medialit.forms
>>> sorted(medialit.forms.__all__)
['Form', 'answer', 'form']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._style import box_html, esc
from ..errors import MedialitError

if TYPE_CHECKING:
    from ..exercises import Question

__all__ = ["Form", "answer", "form"]


def __getattr__(name: str) -> Any:
    if name == "Form":
        from ._form import Form

        return Form
    raise AttributeError(f"module 'medialit.forms' has no attribute {name!r}")


class Notice:
    """A line shown instead of a form (a question this copy of the kit does not have); never raises."""

    def __init__(self, message: str, hint: str = "", *, saved: Any = None, question: str = "") -> None:
        self.message, self.hint, self.saved, self.question = message, hint, saved, question

    def __str__(self) -> str:
        return self.message + (f"\n{self.hint}" if self.hint else "")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        hint = f"<div>{esc(self.hint)}</div>" if self.hint else ""
        return box_html(f"<div>{esc(self.message)}</div>{hint}", tone="info", role="status")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        from ..answers import answer_bundle

        display({"text/plain": str(self), "text/html": self._repr_html_()}, raw=True)
        if self.saved is not None and self.question:  # keep the saved answer in the notebook file
            display(answer_bundle(self.question, self.saved), raw=True)


def _widget_for(q: Question) -> Any:
    """The widget a widget question is answered with, built as its exercise cell builds it."""
    import medialit.widgets as mw

    spec = q.widget or {}
    return getattr(mw, spec["name"])(**(spec.get("args") or {}), save_as=q.save_as)


def _missing(save_as: str, exc: MedialitError) -> Notice:
    """What a form cell shows when this copy of the kit has no master for its set (never raises)."""
    from ..answers import file_answers, load_answer, notebook_path

    try:
        saved = load_answer(save_as)
    except MedialitError:  # not even a question's name
        saved = None
    if saved is None:
        found = file_answers(notebook_path()) or {}
        saved = found.get(save_as)
    state = "Your answer is saved in this notebook" if saved is not None else "Nothing is saved for it yet"
    known = "There is no exercise set" not in exc.message  # the set exists: the question name is wrong
    return Notice(
        f"This copy of the kit cannot show the form for {save_as}. {state}; your teacher will mark it.",
        exc.hint if known else "",
        saved=saved,
        question=save_as if saved is not None else "",
    )


def form(question: str, *, set_id: str | None = None) -> Any:
    """The form (or widget) for one question of an exercise set: ``form("q3")`` after ``start("ex03")``.

    ``"ex03.q3"`` names the set too. Never raises: a question the kit does not know gets a line
    that says so (and keeps any answer saved for it).

    >>> f = form("ex03.q3")
    >>> f.control.radio.value = "c"
    >>> f.check().verdict
    'correct'
    """
    from ..exercises import get_set
    from ..exercises.student import current_set

    text = str(question).strip()
    if set_id is None and "." in text:
        set_id, text = text.split(".", 1)
    set_id = set_id or current_set()
    if set_id is None:
        return Notice(
            f"form({question!r}) does not know which exercise set this is.",
            'Run the first code cell of the notebook, or write form("ex01.q3").',
        )
    try:
        q = get_set(set_id).question(text)
    except MedialitError as exc:
        return _missing(f"{set_id}.{text}", exc)
    if q.type == "widget":
        return _widget_for(q)
    from ._form import Form

    return Form(q)


_LESSON_NUMBER = re.compile(r"(\d{1,2})\.(\d{1,2}|[A-Z])")


class _Prompted:
    """A lesson check answered with a widget: its prompt, then the widget (which saves itself)."""

    def __init__(self, q: Question, widget: Any) -> None:
        self.question, self.widget = q, widget

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        from ._controls import inline_markdown

        number = esc(self.question.number)
        display(
            HTML(
                box_html(f"<strong>Check {number}</strong><div>{inline_markdown(self.question.prompt)}</div>")
            )
        )
        display(self.widget)


def answer(number: str, *, starter: str | None = None) -> Any:
    """The form for a lesson's question: ``answer("3.2")`` (written question 3.2: a text area that
    saves itself) or ``answer("3.A")`` (auto-checked question 3.A, with a Check).

    A written question's text area starts with the lesson's ``starters`` entry for it, if any (a
    table to fill in, say; see ``exercises/lessons/``), or with ``starter``.

    >>> f = answer("3.2")
    >>> f.save_as, f.question.kind
    ('lesson03.3.2', 'open')
    """
    from ..exercises import Question, get_set

    match = _LESSON_NUMBER.fullmatch(str(number).strip())
    if match is None:
        raise MedialitError(
            f"answer({number!r}) needs a lesson question's number.",
            hint='Write it like answer("3.2") for Question 3.2, or answer("3.A") for check 3.A.',
        )
    lesson, part = int(match[1]), match[2]
    set_id = f"lesson{lesson:02d}"
    from ._form import Form

    if part.isalpha():
        q = get_set(set_id).question(part)
        if q.type == "widget":
            return _Prompted(q, _widget_for(q))
        return Form(q, name=f"Check {lesson}.{part}", prompt=True)
    written = Question(
        id=f"{lesson}.{part}",
        type="open",
        number=f"{lesson}.{part}",
        title="",
        prompt="",
        points=None,
        kind="open",
        set_id=set_id,
    )
    if starter is None:
        try:
            starter = get_set(set_id).starters.get(written.number, "")
        except MedialitError:  # a lesson without auto-checked questions has no file
            starter = ""
    return Form(written, name=f"Question {lesson}.{part}", check=False, starter=starter)
