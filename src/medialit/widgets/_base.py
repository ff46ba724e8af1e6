"""The shared widget shell: title, notes, a visible error line, answer saving, checking (imports ipywidgets).

A widget built with ``save_as="<set>.<question>"`` for an exercise question checks *through that
question*: its Check shows exactly the verdict, points and feedback that ``check()`` and
``medialit grade`` give (same rule, same targets from the key). Built freely in a lesson, it checks
with the same rule over the widget's whole scope.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .._style import TONES, box_html, esc
from ..answers import AnswerSaver
from ..plots import figure_html
from ..scoring import Reference, Result, score
from ._common import NO_KEY_NOTE, choose, error_html
from ._keyguard import guarded, show

if TYPE_CHECKING:
    from ..exercises import Question, QuestionResult

__all__ = ["MedialitWidget", "bound_question", "button", "choice", "figure_html", "items_html"]


def bound_question(save_as: str | None, widget_name: str) -> Question | None:
    """The exercise question a widget saves its answer for, if it is one answered with this widget."""
    if save_as is None:
        return None
    from ..exercises import find_question

    question = find_question(save_as)
    if question is None or (question.widget or {}).get("name") != widget_name:
        return None
    return question


def items_html(result: Any, headings: dict[str, str] | None = None) -> str:
    """The detailed lines of a result (✓ right, ½ part, ✗ wrong or costing, ? not judged), escaped."""
    headings = headings or {}
    lines = []
    for item in result.items:
        colour = TONES.get(item.tone, TONES["muted"])
        mark = "–" if item.credit is None and item.id in ("again", "accepted", "little") else item.mark
        head = headings.get(item.id, "")
        if head:
            text = f"<strong>{esc(head)}</strong> " + (f"{esc(item.label)} — " if item.label else "")
        else:
            text = f"<strong>{esc(item.label)}</strong> — " if item.label else ""
        text += esc(item.message)
        lines.append(f"<li><span style='color:{colour}' aria-hidden='true'>{esc(mark)}</span> {text}</li>")
    return f"<ul style='list-style:none;padding-left:0'>{''.join(lines)}</ul>" if lines else ""


def button(label: str, tooltip: str, *, icon: str = "", style: str = "") -> w.Button:
    """A labelled button with a tooltip (its accessible description)."""
    return w.Button(
        description=label, tooltip=tooltip, icon=icon, button_style=style, layout=w.Layout(width="auto")
    )


def choice(prompt: str, options: list[tuple[str, Any]], **kwargs: Any) -> w.Dropdown:
    """A dropdown whose first option is ``prompt`` (value None), shown selected at the start.

    ``w.Dropdown(options=[("— choose —", None), ...], value=None)`` leaves ipywidgets 8 at "nothing
    selected" (an empty box in the page) or at the prompt, depending on the order its traits settle.
    """
    dropdown = w.Dropdown(options=[(prompt, None), *options], **kwargs)
    choose(dropdown, None)

    def keep_prompt(change: Any) -> None:  # the prompt chosen again: ipywidgets drops to "nothing"
        if change["new"] is None:
            choose(dropdown, None)

    dropdown.observe(keep_prompt, names="index")
    return dropdown


class MedialitWidget(w.VBox):
    """A VBox that knows its answer, shows errors inside itself and saves its answer if asked.

    Subclasses build their controls, call ``self._finish(children)``, implement ``_answer()``
    (JSON data) and ``_restore(answer)``, and call ``self._changed()`` after every change.
    """

    kind = "widget"
    widget_name = ""  # the function that builds it, e.g. "highlighter"
    scoring_kind = ""  # its rule in medialit.scoring, e.g. "marks"

    def __init__(
        self, ref: Reference, *, title: str, intro: str, save_as: str | None, question: Question | None = None
    ) -> None:
        super().__init__()
        self.ref = ref
        self.title = title
        self.article = ref.article
        self._saver = AnswerSaver(save_as) if save_as is not None else None
        self.question = question
        self.last_result: Result | QuestionResult | None = None
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
        self.status.add_class("medialit-live")
        self.add_class("medialit-widget")
        self.add_class(f"medialit-{self.kind}")
        # No tooltip on the Box itself: ipywidgets 8.1's front end reads `description` when a
        # tooltip is set, a Box has none, and the view then fails to render (tests/browser/FINDINGS.md).

    # --------------------------------------------------------------- wiring
    def _finish(self, children: list[w.Widget]) -> None:
        self.children = [self.header, *children, self.status]
        guarded(self)
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

    # --------------------------------------------------------------- checking
    def free_spec(self) -> dict[str, Any]:  # pragma: no cover - every checking widget overrides it
        """The rule's data for this widget used freely: the reference over the widget's scope."""
        raise NotImplementedError

    @property
    def sealed(self) -> bool:
        """True for a question of a sealed set (its answers are not in this copy of the kit): the
        widget shows no verdict and no feedback per item; the teacher marks the answer."""
        return self.question is not None and self.question.sealed

    def spec(self) -> dict[str, Any]:
        """The rule's data: the question's (with its targets from the key) or :meth:`free_spec`
        (also for a sealed question, whose targets this copy of the kit does not have)."""
        return self.question.spec if self.question is not None and not self.sealed else self.free_spec()

    def score(self) -> Result | QuestionResult:
        """Score the current answer with the rule of this widget's kind (through the question if bound)."""
        if self.question is not None:
            from ..exercises import score_question

            self.last_result = score_question(self.question, self.answer)
        else:
            self.last_result = score(self.scoring_kind, self.free_spec(), self.answer)
        return self.last_result

    def result_html(self, result: Any, headings: dict[str, str] | None = None) -> str:
        """The verdict (and, for a question, the points exactly as ``check()`` shows them), the
        feedback, the detailed lines and the sentence that explains the rule."""
        if self.question is not None:
            from ..exercises.student import CheckView

            head = CheckView(result, self.question).html()
            rule = ""  # CheckView shows the rule when it matters
        else:
            head = box_html(
                f"<strong><span aria-hidden='true'>{esc(result.mark)}</span> Score: {result.percent}% — "
                f"{esc(result.verdict)}</strong> (checked against {esc(self.ref.label)})"
                f"<div>{esc(result.feedback)}</div>",
                tone={"correct": "right", "partly": "missed", "not yet": "wrong"}.get(result.verdict, "info"),
                role="status",
            )
            from ..scoring import RULES

            rule = (
                "<div style='font-size:92%;color:#555'><strong>How it is scored:</strong> "
                f"{esc(RULES[self.scoring_kind])}</div>"
            )
        return head + items_html(result, headings) + rule

    # --------------------------------------------------------------- display
    def _ipython_display_(self) -> None:
        show(self, f"[{self.title} widget]")  # the view, and the line a reopened notebook shows
        if self._saver is not None:
            self._saver.show()
