"""The student's side: ``check("q3")`` and ``progress()`` inside an exercise notebook.

An exercise notebook's first cell is ``article, check, progress = start("ex01")``. Both helpers
return an object that a notebook displays as escaped HTML with a plain-text fallback (JupyterLab,
Notebook 7, VS Code and a terminal all show it). They use the same
:func:`~medialit.exercises.results.score_set` as the class grader, read saved answers with the
same reader (:mod:`medialit.answers`), and never show a traceback.

>>> view = check("ex01.q1", "zz")
>>> print(view)
? Question 1.1 — wrong shape (0 of 1 point)
  Answer with the letter of one option in quotes, like "a": "a", "b", "c" or "d".
>>> "&quot;a&quot;" in check("ex01.q1", "zz").html()  # escaped HTML
True
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .._style import Html, esc, html_table
from ..errors import MedialitError
from ..scoring import fmt, verdict_colour
from ._model import ExerciseSet, Question, get_set, list_sets
from .results import QuestionResult, SetResult, score_question

if TYPE_CHECKING:
    from ..article import Article

__all__ = ["CheckView", "ProgressView", "SavedView", "check", "progress", "start"]

_MISSING: Any = object()
_current_set: list[str] = []  # the set whose notebook started last (see start)


class CheckView:
    """What ``check()`` shows: verdict, points, feedback and (when not correct) a hint."""

    def __init__(self, result: QuestionResult, question: Question) -> None:
        self.result = result
        self.question = question

    @property
    def verdict(self) -> str:
        """The verdict word: correct, partly, not yet, unanswered, wrong shape or open."""
        return self.result.verdict

    def _points(self) -> str:
        r = self.result
        if r.points is None:
            return "teacher-graded"
        word = "point" if r.max_points == 1 else "points"
        return f"{fmt(r.points)} of {fmt(r.max_points)} {word}"

    def _shows_rule(self) -> bool:
        return bool(self.result.rule) and self.result.verdict in ("partly", "not yet")

    def __str__(self) -> str:
        r = self.result
        lines = [f"{r.mark} Question {r.number} — {r.verdict} ({self._points()})", f"  {r.feedback}"]
        if r.hint:
            lines.append(f"  Hint: {r.hint}")
        if self._shows_rule():
            lines.append(f"  How it is scored: {r.rule}")
        return "\n".join(lines)

    __repr__ = __str__

    def html(self) -> str:
        """The HTML shown in a notebook (all text escaped)."""
        r = self.result
        colour = verdict_colour(r.verdict)
        hint = f"<div><strong>Hint:</strong> {esc(r.hint)}</div>" if r.hint else ""
        if self._shows_rule():
            hint += f"<div style='color:#555'><strong>How it is scored:</strong> {esc(r.rule)}</div>"
        return (
            f'<div class="medialit-check" role="status" '
            f'style="border-left:4px solid {colour};padding:4px 10px;margin:2px 0">'
            f"<div><strong><span aria-hidden='true'>{esc(r.mark)}</span> Question {esc(r.number)} — "
            f"{esc(r.verdict)}</strong> <span style='color:#555'>({esc(self._points())})</span></div>"
            f"<div>{esc(r.feedback)}</div>{hint}</div>"
        )

    def _repr_html_(self) -> str:
        return self.html()


class ProgressView:
    """What ``progress()`` shows: one row per question and the auto-graded total."""

    def __init__(self, result: SetResult, exercise_set: ExerciseSet) -> None:
        self.result = result
        self.exercise_set = exercise_set

    def __str__(self) -> str:
        r = self.result
        lines = [f"{self.exercise_set.title}: {fmt(r.total)} of {fmt(r.max_total)} points so far"]
        for q in r.questions:
            pts = "teacher-graded" if q.points is None else f"{fmt(q.points)}/{fmt(q.max_points)}"
            lines.append(f"  {q.mark} Question {q.number:<5} {q.verdict:<12} {pts}")
        if r.open:
            lines.append("Teacher-graded questions are read with the rubric; they are not in the total.")
        return "\n".join(lines)

    __repr__ = __str__

    def html(self) -> str:
        """The HTML table (all text escaped)."""
        r = self.result
        rows = [
            [
                f"Question {q.number}",
                q.title,
                Html(
                    f"<span style='border-left:4px solid {verdict_colour(q.verdict)};padding-left:4px'>"
                    f"<span aria-hidden='true'>{esc(q.mark)}</span> {esc(q.verdict)}</span>"
                ),
                "teacher-graded" if q.points is None else f"{fmt(q.points)} / {fmt(q.max_points)}",
            ]
            for q in r.questions
        ]
        caption = Html(
            f"<strong>{esc(self.exercise_set.title)}</strong>: {esc(fmt(r.total))} of "
            f"{esc(fmt(r.max_total))} points so far"
        )
        table = html_table(
            ["Question", "About", "Verdict", "Points"],
            rows,
            caption=caption,
            align=("left",) * 3 + ("right",),
        )
        note = (
            "<p>Teacher-graded questions are read with the rubric; they are not in the total.</p>"
            if r.open
            else ""
        )
        return f"<div class='medialit-progress'>{table}{note}</div>"

    def _repr_html_(self) -> str:
        return self.html()


def _user_namespace(depth: int) -> dict[str, Any]:
    """The notebook's variables (IPython's user namespace), else the calling frame's globals."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except Exception:  # noqa: S110 - IPython missing or broken: fall back to the caller
        pass
    try:
        return sys._getframe(depth + 1).f_globals
    except Exception:
        return {}


def _saved_answer(save_as: str) -> Any:
    """The answer saved under ``save_as`` beside the notebook (None if none): the same file the
    widgets write and load (see :mod:`medialit.answers`)."""
    from ..answers import load_answer

    try:
        return load_answer(save_as)
    except Exception:  # a damaged file or an odd name: as if nothing was saved
        return None


def _resolve(question: str, set_id: str | None) -> tuple[ExerciseSet, Question]:
    if not isinstance(question, str) or not question.strip():
        raise MedialitError(
            "check() needs the question's name in quotes.",
            hint='Write check("q3") for question q3 - with quotation marks, not the answer itself.',
        )
    text = question.strip()
    if set_id is None and "." in text and text.split(".", 1)[0].startswith("ex"):
        set_id = text.split(".", 1)[0]
    if set_id is None:
        if not _current_set:
            raise MedialitError(
                f"check({question!r}) does not know which exercise set this is.",
                hint='Run the first code cell of the notebook, or write check("ex01.q3").',
            )
        set_id = _current_set[-1]
    s = get_set(set_id)
    return s, s.question(text)


def _answer(q: Question, namespace: dict[str, Any]) -> Any:
    """A saved answer wins (as in the grader); else the question's variable (a widget question's
    too: the solution notebook assigns the full-marks answer to it)."""
    saved = _saved_answer(q.save_as)
    return saved if saved is not None else namespace.get(q.variable)


def check(question: str = "", value: Any = _MISSING, *, set_id: str | None = None) -> CheckView:
    """Check one answer: ``check("q3")`` reads the variable ``q3``; ``check("q3", value)`` checks a value.

    Returns a view that the notebook displays; it never raises on a wrong answer. Problems with
    the question name are shown the same way (a :class:`~medialit.errors.MedialitError` view).

    >>> print(check("ex01.q1", None))  # doctest: +ELLIPSIS
    … Question 1.1 — unanswered (0 of 1 point)
      Not answered yet: replace the ... with your answer and run the cell.
      Hint: ...
    """
    if _without_answers():
        return SavedView(question)  # type: ignore[return-value]
    try:
        _, q = _resolve(question, set_id)
    except MedialitError as exc:
        return _ErrorView(exc)  # type: ignore[return-value]
    answer = _answer(q, _user_namespace(1)) if value is _MISSING else value
    return CheckView(score_question(q, answer), q)


def progress(set_id: str | None = None, answers: dict[str, Any] | None = None) -> ProgressView:
    """The whole set's progress: every question's verdict and the points so far.

    >>> print(progress("ex01", {}))  # doctest: +ELLIPSIS
    Exercise 1 · ...: 0 of ... points so far
    ...
    """
    from .results import score_set

    if _without_answers():
        return SavedView()  # type: ignore[return-value]
    if set_id is None:
        if not _current_set:
            return _ErrorView(  # type: ignore[return-value]
                MedialitError(
                    "progress() does not know which exercise set this is.",
                    hint='Run the first code cell of the notebook, or write progress("ex01").',
                )
            )
        set_id = _current_set[-1]
    s = get_set(set_id)
    if answers is None:
        namespace = _user_namespace(1)
        answers = {q.id: _answer(q, namespace) for q in s.questions}
    return ProgressView(score_set(s, answers), s)


class SavedView:
    """What ``check()`` and ``progress()`` show where this copy of the kit holds no answers.

    A sealed copy (what ``medialit grade`` runs notebooks against, or a copy for an assessed set)
    has no exercise data, so it cannot give a verdict; it says the answer is kept instead.

    >>> print(SavedView("q3"))
    ✎ q3: your answer is saved; your teacher will mark it.
    """

    def __init__(self, question: str = "") -> None:
        self.question = question if isinstance(question, str) else ""

    @property
    def verdict(self) -> str:
        """Always ``"saved"``: there is nothing here to give a verdict with."""
        return "saved"

    def __str__(self) -> str:
        what = f"{self.question}: your answer is" if self.question else "Your answers are"
        return f"✎ {what} saved; your teacher will mark {'it' if self.question else 'them'}."

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return f'<div class="medialit-check" role="status">{esc(str(self))}</div>'


def _without_answers() -> bool:
    """True when this copy of the kit has no exercise data at all (a sealed copy), so no verdicts."""
    try:
        return not list_sets()
    except Exception:  # a copy without the masters folder may fail in any way: same meaning
        return True


class _ErrorView:
    def __init__(self, error: MedialitError) -> None:
        self.error = error

    def __str__(self) -> str:
        return f"Problem: {self.error.message}" + (
            f"\nWhat to do: {self.error.hint}" if self.error.hint else ""
        )

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return self.error._repr_html_()


def start(set_id: str) -> tuple[Article, Any, Any]:
    """``article, check, progress`` for one exercise set: what an exercise notebook's first cell runs.

    ``check("q3")`` reads the variable ``q3`` (or the answer saved for it); ``check("q3", value)``
    checks a value; ``progress()`` shows the whole set.

    >>> article, check01, progress01 = start("ex01")
    >>> article.id, check01("q1", "zz").verdict
    ('putin-nato-talks-2021-12-14', 'wrong shape')
    """
    from ..article import load_article

    article_id = None  # a sealed copy of the kit has no sets: the built-in article, "saved" for every check
    if not _without_answers():
        exercise_set = get_set(set_id)
        set_id, article_id = exercise_set.id, exercise_set.article or None

    def check_(question: str = "", value: Any = _MISSING) -> CheckView:
        if _without_answers():
            return SavedView(question)  # type: ignore[return-value]
        s = get_set(set_id)
        _remember(s.id)
        if value is _MISSING:
            try:
                q = _resolve(question, s.id)[1]
            except MedialitError as exc:
                return _ErrorView(exc)  # type: ignore[return-value]
            value = _answer(q, _user_namespace(1))
        return check(question, value, set_id=s.id)

    def progress_() -> ProgressView:
        if _without_answers():
            return SavedView()  # type: ignore[return-value]
        s = get_set(set_id)
        _remember(s.id)
        namespace = _user_namespace(1)
        return progress(s.id, {q.id: _answer(q, namespace) for q in s.questions})

    check_.__doc__ = f'Check one answer of {set_id}: check("q3") reads q3; check("q3", value) checks a value.'
    progress_.__doc__ = f"Show the progress table of {set_id}."
    check_.__name__, progress_.__name__ = "check", "progress"
    _remember(set_id)
    return load_article(article_id), check_, progress_


def _remember(set_id: str) -> None:
    if not _current_set or _current_set[-1] != set_id:
        _current_set.append(set_id)
