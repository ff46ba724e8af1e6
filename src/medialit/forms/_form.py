"""The form shown under a question: its inputs, a Check, the feedback and the saved line (imports ipywidgets).

A form saves like the widgets do (:class:`medialit.answers.AnswerSaver`: the cell's display output
and ``.medialit-answers/``), checks with the very same :func:`medialit.exercises.score_question`
as ``check()`` and ``medialit grade``, and says whether its answer has reached the notebook file
(:mod:`._saved`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .._style import TONES, box_html, esc
from ..answers import AnswerSaver, file_answers, notebook_path, summarize
from ..scoring import MARKS, verdict_colour
from ..widgets._common import error_html
from ..widgets._keyguard import guarded, show
from ._aria import Aria, rule
from ._controls import build_control, inline_markdown
from ._saved import SavedState, saved_state, watcher

if TYPE_CHECKING:
    from ..exercises import Question, QuestionResult

__all__ = ["Form"]


class Form(w.VBox):
    """The inputs for one question, a Check button, the feedback and the saved line.

    ``name`` starts the accessible name of every input ("Question 3.2", "Check 3.A"); ``prompt``
    shows the question's text at the top (lesson checks, whose text is data); ``check=False`` leaves
    out the Check button (a lesson's written questions, which nobody grades). ``notebook`` is the
    notebook file to compare with (default: the one the kernel belongs to, if it says).
    """

    def __init__(
        self,
        question: Question,
        *,
        name: str | None = None,
        prompt: bool = False,
        check: bool = True,
        starter: str = "",
        folder: str | Path | None = None,
        notebook: str | Path | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.save_as = question.save_as
        self.name = name or f"Question {question.number}"
        self.control = build_control(question, self.name, starter=starter)
        self._notebook = Path(notebook) if notebook is not None else None
        self.last_result: QuestionResult | None = None
        self.check_button = w.Button(
            description="Check",
            tooltip=f"Check your answer to {self.name}",
            icon="check",
            button_style="primary",
            layout=w.Layout(width="auto"),
        )
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.saved_line = w.HTML()
        self.saved_line.add_class("medialit-saved-line")
        self.state = SavedState("empty", "")
        self._saver = AnswerSaver(self.save_as, folder=folder, text=self._record_line)
        self._restore()
        self.control.observe(self._guard(self._on_change))
        self.check_button.on_click(self._guard(lambda _: self.check()))
        live = {"role": "status", "aria-live": "polite"}
        self.feedback.add_class("mlf-feedback")
        self.saved_line.add_class("mlf-saved")
        self.add_class("mlf-root")
        self.aria = Aria(
            rules=[
                rule("mlf-root", **{"role": "group", "aria-label": f"Your answer to {self.name}"}),
                *self.control.rules,
                rule("mlf-feedback", ".widget-html-content", **live),
                rule("mlf-saved", ".widget-html-content", **live),
            ]
        )
        head = [w.HTML(self._prompt_html())] if prompt else []
        if not check and not prompt:  # a lesson's written question: a pencil, as on paper
            pencil = "<span aria-hidden='true'>✏️</span>"
            head = [w.HTML(f"<div>{pencil} Your answer to <strong>{esc(self.name)}</strong></div>")]
        buttons = [w.HBox([self.check_button])] if check else []
        self.children = [*head, self.control.widget, *buttons, self.feedback, self.saved_line, self.aria]
        self.add_class("medialit-form")
        self.add_class(f"medialit-form-{question.kind}")
        self._outer = guarded(self)
        self.refresh_saved()
        watcher().add(self)

    # ------------------------------------------------------------------ answer and saving
    @property
    def answer(self) -> Any:
        """The answer as plain data (what is saved, and what the question's rule reads)."""
        return self.control.value()

    def _record_line(self, question: str, answer: Any) -> str:
        shown = "nothing yet" if answer is None else summarize(answer)
        return f"Your answer to {self.name}, recorded in this notebook: {shown}"

    def _restore(self) -> None:
        """Put back the answer saved earlier: beside the notebook, else in the notebook file."""
        saved = self._saver.load()
        if saved is None:
            found = file_answers(self.notebook())
            saved = found.get(self.save_as) if found else None
        if saved is not None:
            try:
                self.control.set(saved)
            except Exception:  # a saved answer that no longer fits the question: start fresh
                self.feedback.value = box_html(
                    "? Your saved answer does not fit this question any more; starting fresh.", tone="missed"
                )
        self._saver.answer = self.answer

    def _on_change(self, change: Any = None) -> None:
        self._saver.update(self.answer)
        self.feedback.value = ""
        self.refresh_saved()

    def notebook(self) -> Path | None:
        """The notebook file the teacher will collect (None when the kernel does not know it)."""
        return self._notebook or notebook_path()

    def refresh_saved(self) -> None:
        """Say whether the answer has reached the notebook file (the watcher calls this too)."""
        if self._saver.error:
            html = box_html(f'<span aria-hidden="true">?</span> {esc(self._saver.error)}', tone="missed")
        else:
            self.state = saved_state(self.save_as, self.answer, self.notebook())
            html = self.state.html
        if self.saved_line.value != html:
            self.saved_line.value = html

    # ------------------------------------------------------------------ checking
    def check(self) -> QuestionResult:
        """Score the answer with the question's rule and show the verdict (as ``check()`` does)."""
        from ..exercises import score_question

        result = score_question(self.question, self.answer)
        self.last_result = result
        self.feedback.value = self._result_html(result)
        return result

    def _result_html(self, result: QuestionResult) -> str:
        if not self.question.set_id.startswith("lesson"):
            from ..exercises.student import CheckView

            return CheckView(result, self.question).html()
        hint = f"<div><strong>Hint:</strong> {esc(result.hint)}</div>" if result.hint else ""
        mark = esc(MARKS.get(result.verdict, "?"))
        return (
            f'<div class="medialit-check" style="border-left:4px solid {verdict_colour(result.verdict)};'
            f'padding:4px 10px;margin:2px 0"><div><strong><span aria-hidden="true">{mark}</span> '
            f"{esc(self.name)} — {esc(result.verdict)}</strong></div>"
            f"<div>{esc(result.feedback)}</div>{hint}</div>"
        )

    def _prompt_html(self) -> str:
        q = self.question
        title = f" · {esc(q.title)}" if q.title else ""
        return (
            '<div class="medialit-form-prompt" '
            f'style="border-left:4px solid {TONES["info"]};padding:2px 8px">'
            f"<div><strong>{esc(self.name)}</strong>{title}</div>"
            f"<div>{inline_markdown(q.prompt)}</div></div>"
        )

    # ------------------------------------------------------------------ errors and display
    def _guard(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """A callback whose errors show up in the form instead of vanishing."""

        @functools.wraps(fn)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                self.feedback.value = error_html(exc)
                return None

        return wrapped

    def _ipython_display_(self) -> None:
        show(self._outer, f"[Form for {self.name}]")
        self._saver.show()
