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

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._style import TONES, Html, esc, html_table
from ..errors import MedialitError
from ..scoring import fmt, verdict_colour
from ..scoring._values import is_blank, plain
from ._model import ExerciseSet, Question, get_set, list_sets
from .results import QuestionResult, SetResult, score_question

if TYPE_CHECKING:
    from ..article import Article

__all__ = ["CheckView", "ProgressView", "SavedView", "check", "current_set", "progress", "start"]

_MISSING: Any = object()
_current_set: list[str] = []  # the set whose notebook started last (see start)
#: How a student saves, said the same way everywhere.
SAVE_KEYS = "Ctrl+S (File ▸ Save Notebook)"


def current_set() -> str | None:
    """The exercise set whose notebook started last in this kernel (None before ``start``).

    >>> _ = start("ex02"); current_set()
    'ex02'
    """
    return _current_set[-1] if _current_set else None


class CheckView:
    """What ``check()`` shows: verdict, points, feedback and (when not correct) a hint.

    ``note`` is said plainly under the verdict (the kernel's answer differs from the saved one ...).
    ``withheld`` replaces the verdict: there is no saved answer to judge (a label such as "not saved
    yet" and what to do).
    """

    def __init__(
        self, result: QuestionResult, question: Question, *, note: str = "", withheld: tuple[str, str] | None = None
    ) -> None:
        self.result = result
        self.question = question
        self.note = note
        self.withheld = withheld

    @property
    def verdict(self) -> str:
        """The verdict word: correct, partly, not yet, unanswered, wrong shape or open (or, when
        withheld, what stands instead: "not saved yet", "did not run")."""
        return self.withheld[0] if self.withheld else self.result.verdict

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
        if self.withheld:
            return f"! Question {r.number} — {self.withheld[0]}\n  {self.withheld[1]}"
        lines = [f"{r.mark} Question {r.number} — {r.verdict} ({self._points()})", f"  {r.feedback}"]
        if r.hint:
            lines.append(f"  Hint: {r.hint}")
        if self._shows_rule():
            lines.append(f"  How it is scored: {r.rule}")
        if self.note:
            lines.append(f"  Note: {self.note}")
        return "\n".join(lines)

    __repr__ = __str__

    def html(self) -> str:
        """The HTML shown in a notebook (all text escaped)."""
        r = self.result
        if self.withheld:
            return (
                f'<div class="medialit-check medialit-withheld" role="status" '
                f'style="border-left:4px solid {TONES["missed"]};padding:4px 10px;margin:2px 0">'
                f"<div><strong><span aria-hidden='true'>!</span> Question {esc(r.number)} — "
                f"{esc(self.withheld[0])}</strong></div><div>{esc(self.withheld[1])}</div></div>"
            )
        colour = verdict_colour(r.verdict)
        hint = f"<div><strong>Hint:</strong> {esc(r.hint)}</div>" if r.hint else ""
        if self._shows_rule():
            hint += f"<div style='color:#555'><strong>How it is scored:</strong> {esc(r.rule)}</div>"
        if self.note:
            hint += f"<div><strong>Note:</strong> {esc(self.note)}</div>"
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
    """What ``progress()`` shows: one row per question and the auto-graded total.

    ``source`` says where the answers were read (the saved notebook file, or this kernel);
    ``withheld`` maps a question id to ``(label, why)`` for a row shown without a verdict, and
    ``notes`` to a sentence said under the table.
    """

    def __init__(
        self,
        result: SetResult,
        exercise_set: ExerciseSet,
        *,
        source: str = "",
        withheld: dict[str, tuple[str, str]] | None = None,
        notes: dict[str, str] | None = None,
    ) -> None:
        self.result = result
        self.exercise_set = exercise_set
        self.source = source
        self.withheld = withheld or {}
        self.notes = notes or {}

    def _verdict(self, q: QuestionResult) -> tuple[str, str]:
        """(mark, word) for a row."""
        if q.question in self.withheld:
            return "!", self.withheld[q.question][0]
        return q.mark, q.verdict

    def _footer(self) -> list[str]:
        lines = []
        if self.exercise_set.sealed:
            lines.append("Your teacher marks this set: the kit only checks that each answer is saved and well-formed.")
        elif self.result.open:
            lines.append("Teacher-graded questions are read with the rubric; they are not in the total.")
        for qid, (label, why) in self.withheld.items():
            lines.append(f"Question {self.result[qid].number}: {label}. {why}")
        for qid, note in self.notes.items():
            lines.append(f"Question {self.result[qid].number}: {note}")
        return lines

    def __str__(self) -> str:
        r = self.result
        lines = [f"{self.exercise_set.title}: {fmt(r.total)} of {fmt(r.max_total)} points so far"]
        if self.source:
            lines.append(self.source)
        for q in r.questions:
            pts = "teacher-graded" if q.points is None else f"{fmt(q.points)}/{fmt(q.max_points)}"
            mark, word = self._verdict(q)
            lines.append(f"  {mark} Question {q.number:<5} {word:<12} {pts}")
        lines += self._footer()
        return "\n".join(lines)

    __repr__ = __str__

    def html(self) -> str:
        """The HTML table (all text escaped)."""
        r = self.result
        rows = []
        for q in r.questions:
            mark, word = self._verdict(q)
            colour = TONES["missed"] if q.question in self.withheld else verdict_colour(q.verdict)
            rows.append(
                [
                    f"Question {q.number}",
                    q.title,
                    Html(
                        f"<span style='border-left:4px solid {colour};padding-left:4px'>"
                        f"<span aria-hidden='true'>{esc(mark)}</span> {esc(word)}</span>"
                    ),
                    "teacher-graded" if q.points is None else f"{fmt(q.points)} / {fmt(q.max_points)}",
                ]
            )
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
        source = f"<p>{esc(self.source)}</p>" if self.source else ""
        note = "".join(f"<p>{esc(line)}</p>" for line in self._footer())
        return f"<div class='medialit-progress'>{source}{table}{note}</div>"

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
    """This kernel's answer: a saved answer wins (as in the grader); else the question's variable
    (a widget question's too: the solution notebook assigns the full-marks answer to it)."""
    saved = _saved_answer(q.save_as)
    return saved if saved is not None else namespace.get(q.variable)


# ---------------------------------------------------------------- what the saved notebook holds

#: Answer variables whose answer cell failed the last time it ran: variable -> what to tell the student.
_FAILED: dict[str, str] = {}


@dataclass(frozen=True)
class _Found:
    """What to score for one question: the answer the saved file holds (or this kernel's, without a
    file); ``withheld`` when there is nothing to judge, ``note`` when the kernel's answer differs."""

    value: Any = None
    note: str = ""
    withheld: tuple[str, str] | None = None


def _found(q: Question, namespace: dict[str, Any], path: Path | None) -> _Found:
    from ..answers import DOES_NOT_RUN, NOT_LITERAL, assigned_answers, read_notebook_file, same_answer
    from ..answers import file_answers as read_file_answers

    kernel = _answer(q, namespace)
    failed = _FAILED.get(q.variable)
    nb = read_notebook_file(path) if path is not None else None
    records = read_file_answers(path) if nb is not None else None
    if nb is None or records is None:  # no notebook file to read: this kernel's answers
        if failed and _saved_answer(q.save_as) is None:
            return _Found(withheld=("did not run", failed))
        return _Found(kernel)
    kept = "the saved notebook file"
    if q.save_as in records:
        value = records[q.save_as]
        if kernel is not None and not same_answer(plain(value), plain(kernel)):
            return _Found(
                value,
                note=f"Your latest answer is not in {kept} yet: press {SAVE_KEYS}. "
                "This verdict is for the answer the file holds.",
            )
        return _Found(value)
    typed = assigned_answers(nb, [q.variable]).get(q.variable)
    if typed is not None:
        status, value = typed
        if status == DOES_NOT_RUN:
            return _Found(
                withheld=(
                    "does not run",
                    f"The answer cell for {q.variable} in {kept} does not run (usually a missing quotation "
                    f"mark), so your teacher's grader would find no answer. {_how(q)} Run it, then press {SAVE_KEYS}.",
                )
            )
        if status == NOT_LITERAL:
            value = namespace.get(q.variable)
        note = ""
        if failed:
            note = f"This kernel could not run your last change: {failed}"
        elif q.variable in namespace and not same_answer(plain(value), plain(namespace.get(q.variable))):
            note = (
                f"The answer cell for {q.variable} in {kept} is not the answer this kernel has (changed "
                f"without running it, or not saved?). This verdict is for what the file holds: run the cell, "
                f"then press {SAVE_KEYS}."
            )
        return _Found(value, note=note)
    if failed:
        return _Found(withheld=("did not run", failed))
    if not is_blank(plain(kernel)):
        return _Found(
            withheld=(
                "not saved yet",
                f"Your answer is recorded, but {kept} does not hold it yet, so your teacher would not get it. "
                f"Press {SAVE_KEYS}, then check again.",
            )
        )
    return _Found(None)


def _how(q: Question) -> str:
    from .build import HOW

    kind = q.kind if q.type != "widget" else ""
    if kind not in HOW:
        return ""
    what, example = HOW[kind]
    return f"Write it like {q.variable} = {example} ({what})."


def _path(namespace: dict[str, Any]) -> Path | None:
    from ..answers import notebook_path

    try:
        return notebook_path(namespace)
    except Exception:
        return None


def _source_line(path: Path | None) -> str:
    if path is None:
        return f"Read from this kernel: save the notebook ({SAVE_KEYS}) before you hand it in."
    return f"What your teacher will grade: the notebook file {path.name}, as last saved."


def check(question: str = "", value: Any = _MISSING, *, set_id: str | None = None) -> CheckView:
    """Check one answer: ``check("q3")`` reads the answer to ``q3`` the saved notebook holds (or, without
    a notebook file, the variable ``q3`` or a saved answer); ``check("q3", value)`` checks a value.

    Returns a view that the notebook displays; it never raises on a wrong answer. Problems with
    the question name are shown the same way (a :class:`~medialit.errors.MedialitError` view).

    >>> print(check("ex01.q1", None))  # doctest: +ELLIPSIS
    … Question 1.1 — unanswered (0 of 1 point)
      Not answered yet: replace the ... with your answer and run the cell.
      Hint: ...
    """
    if _without_answers():
        return _unmarked(question, set_id, _user_namespace(1))  # type: ignore[return-value]
    try:
        _, q = _resolve(question, set_id)
    except MedialitError as exc:
        return _ErrorView(exc)  # type: ignore[return-value]
    if value is not _MISSING:
        return CheckView(score_question(q, value), q)
    namespace = _user_namespace(1)
    found = _found(q, namespace, _path(namespace))
    return CheckView(score_question(q, found.value), q, note=found.note, withheld=found.withheld)


def progress(set_id: str | None = None, answers: dict[str, Any] | None = None) -> ProgressView:
    """The whole set's progress: every question's verdict and the points so far.

    Without ``answers``, reads what the saved notebook holds (see :func:`check`).

    >>> print(progress("ex01", {}))  # doctest: +ELLIPSIS
    Exercise 1 · ...: 0 of ... points so far
    ...
    """
    from .results import score_set

    if _without_answers():
        return _unmarked("", set_id, _user_namespace(1))  # type: ignore[return-value]
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
    if answers is not None:
        return ProgressView(score_set(s, answers), s)
    namespace = _user_namespace(1)
    path = _path(namespace)
    found = {q.id: _found(q, namespace, path) for q in s.questions}
    result = score_set(s, {qid: f.value for qid, f in found.items()})
    return ProgressView(
        result,
        s,
        source=_source_line(path),
        withheld={qid: f.withheld for qid, f in found.items() if f.withheld},
        notes={qid: f.note for qid, f in found.items() if f.note},
    )


class SavedView:
    """What ``check()`` and ``progress()`` show where this copy of the kit has no master for the set
    (the sealed copy ``medialit grade`` runs notebooks against): whether an answer is saved, never a
    verdict.

    >>> print(SavedView("q3"))
    ✎ q3: your answer is saved; your teacher will mark it.
    >>> SavedView("q3", saved=[]).verdict
    'not saved yet'
    >>> print(SavedView("", saved=["q1", "q3"], set_id="ex01"))
    ✎ ex01: answers saved for q1, q3; your teacher will mark them.
    """

    def __init__(self, question: str = "", *, saved: list[str] | None = None, set_id: str = "") -> None:
        self.question = question.strip() if isinstance(question, str) else ""
        self.set_id = set_id or ""
        #: The questions an answer is saved for (None: not looked at; everything is taken as saved).
        self.saved = saved

    @property
    def verdict(self) -> str:
        """``"saved"`` or ``"not saved yet"``: there is nothing here to give a verdict with."""
        if self.saved is None:
            return "saved"
        found = self.question in self.saved if self.question else bool(self.saved)
        return "saved" if found else "not saved yet"

    def __str__(self) -> str:
        saved = self.verdict == "saved"
        if self.question and saved:
            return f"✎ {self.question}: your answer is saved; your teacher will mark it."
        if self.question:
            return (
                f"✎ {self.question}: your answer is not saved yet: answer it, then save the notebook "
                f"({SAVE_KEYS}). Your teacher will mark what the saved notebook holds."
            )
        if self.saved is None or not self.set_id:
            return "✎ Your answers are saved; your teacher will mark them."
        if saved:
            return f"✎ {self.set_id}: answers saved for {', '.join(self.saved)}; your teacher will mark them."
        return f"✎ {self.set_id}: no answer is saved yet; save the notebook ({SAVE_KEYS}) before you hand it in."

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


_ANSWER_VARIABLE = re.compile(r"^(q[0-9]+)\s*=(?!=)", re.M)


def _source_text(source: Any) -> str:
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def _unmarked(question: Any, set_id: str | None, namespace: dict[str, Any]) -> SavedView:
    """Without a master, an answer counts as saved when the notebook file (or, without one, this
    kernel) holds something under its name (``<set>.<question>`` or the variable ``q3``)."""
    from ..answers import assigned_answers, file_answers, read_notebook_file

    text = question.strip() if isinstance(question, str) else ""
    if set_id is None and "." in text:
        set_id, text = text.split(".", 1)
    set_id = set_id or (_current_set[-1] if _current_set else "")
    if not set_id:
        return SavedView(text)
    path = _path(namespace)
    nb = read_notebook_file(path) if path is not None else None
    records = file_answers(path) or {}
    names = {name.split(".", 1)[1] for name in records if name.startswith(f"{set_id}.")}
    if nb is not None:
        sources = "\n".join(
            _source_text(c.get("source"))
            for c in nb.get("cells", [])
            if isinstance(c, dict) and c.get("cell_type") == "code"
        )
        typed = assigned_answers(nb, {text} if text else set(_ANSWER_VARIABLE.findall(sources)))
        names |= {k for k, (status, value) in typed.items() if status == "value" and value is not None}
    else:
        names |= {k for k, v in namespace.items() if _ANSWER_VARIABLE.match(f"{k}=") and not is_blank(plain(v))}
        names |= {p.stem.split(".", 1)[1] for p in _answer_files(set_id)}
    if text:
        return SavedView(text, saved=[text] if text in names else [], set_id=set_id)
    return SavedView("", saved=sorted(names, key=lambda n: (len(n), n)), set_id=set_id)


def _answer_files(set_id: str) -> list[Path]:
    from ..answers import ANSWER_DIR

    try:
        return sorted((Path.cwd() / ANSWER_DIR).glob(f"{set_id}.*.json"))
    except OSError:
        return []


# ---------------------------------------------------------------- an answer cell that did not run


def _failure(error: BaseException, variable: str, q: Question | None) -> str:
    """What to tell a student whose answer cell failed with ``error``."""
    how = _how(q) if q is not None else f'Write it like {variable} = "b".'
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or ""
        if name:
            return (
                f"Your answer cell did not run: Python read {name} as a name because it has no quotation marks. "
                f'Put your answer in quotes, like {variable} = "{name}", and run the cell again.'
            )
    return (
        "Your answer cell did not run: usually a missing quotation mark (an answer in quotes needs one "
        f"at each end) or a missing bracket. {how} Then run the cell again."
    )


class _AnswerCellHelp:
    """Turns a failed answer cell into a kit message; other cells keep IPython's usual error display.

    Installed by :func:`start` in an IPython kernel: a custom exception handler for ``SyntaxError``
    and ``NameError`` (the mistakes of typing answers) and a ``pre_run_cell``/``post_run_cell``
    pair that knows which answer variables a cell assigns.
    """

    def __init__(self) -> None:
        self.questions: dict[str, Question] = {}  # answer variable -> its question
        self.cell = ""

    def assigned(self, source: str) -> list[str]:
        found = re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", source or "", re.M)
        return [name for name in found if name in self.questions]

    def before(self, info: Any) -> None:
        self.cell = getattr(info, "raw_cell", "") or ""

    def after(self, result: Any) -> None:
        if getattr(result, "success", False):
            for name in self.assigned(getattr(getattr(result, "info", None), "raw_cell", "") or self.cell):
                _FAILED.pop(name, None)

    def handler(self, shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None) -> Any:
        names = self.assigned(self.cell)
        if not names:  # not an answer cell: IPython's own display, unchanged
            if issubclass(etype, SyntaxError):
                shell.showsyntaxerror()
            else:
                shell.showtraceback(running_compiled_code=True)
            return None
        message = _failure(value, names[0], self.questions.get(names[0]))
        for name in names:
            _FAILED[name] = message
        from IPython.display import display

        display(
            {
                "text/plain": f"! {message}",
                "text/html": (
                    f'<div class="medialit-answer-error" role="alert" style="border-left:4px solid '
                    f'{TONES["wrong"]};padding:4px 10px"><span aria-hidden="true">✗</span> {esc(message)}</div>'
                ),
            },
            raw=True,
        )
        return None


_HELP = _AnswerCellHelp()


def _install_answer_cell_help(exercise_set: ExerciseSet) -> None:
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        return
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return
    _HELP.questions = {q.variable: q for q in exercise_set.questions}
    if getattr(shell, "_medialit_answer_help", False):
        return
    if shell.custom_exceptions:  # someone else's handler: leave it alone
        return
    shell.set_custom_exc((SyntaxError, NameError), _HELP.handler)
    shell.events.register("pre_run_cell", _HELP.before)
    shell.events.register("post_run_cell", _HELP.after)
    shell._medialit_answer_help = True


# ---------------------------------------------------------------- start


def start(set_id: str) -> tuple[Article, Any, Any]:
    """``article, check, progress`` for one exercise set: what an exercise notebook's first cell runs.

    ``check("q3")`` reads the answer to q3 (see :func:`check`); ``check("q3", value)`` checks a
    value; ``progress()`` shows the whole set. In a copy of the kit without exercise data (the
    sealed copy ``medialit grade`` runs notebooks against), ``check`` and ``progress`` say which
    answers are saved (:class:`SavedView`) and never raise.

    >>> article, check01, progress01 = start("ex01")
    >>> article.id, check01("q1", "zz").verdict
    ('putin-nato-talks-2021-12-14', 'wrong shape')
    """
    from ..article import load_article

    if _without_answers():  # a sealed copy of the kit has no sets: the built-in article, no verdicts
        return _start_unmarked(str(set_id).strip())
    exercise_set = get_set(set_id)
    set_id = exercise_set.id

    def check_(question: str = "", value: Any = _MISSING) -> CheckView:
        if _without_answers():
            return _unmarked(question, set_id, _user_namespace(1))  # type: ignore[return-value]
        s = get_set(set_id)
        _remember(s.id)
        if value is _MISSING:
            try:
                q = _resolve(question, s.id)[1]
            except MedialitError as exc:
                return _ErrorView(exc)  # type: ignore[return-value]
            namespace = _user_namespace(1)
            found = _found(q, namespace, _path(namespace))
            return CheckView(score_question(q, found.value), q, note=found.note, withheld=found.withheld)
        return check(question, value, set_id=s.id)

    def progress_() -> ProgressView:
        if _without_answers():
            return _unmarked("", set_id, _user_namespace(1))  # type: ignore[return-value]
        s = get_set(set_id)
        _remember(s.id)
        namespace = _user_namespace(1)
        path = _path(namespace)
        found = {q.id: _found(q, namespace, path) for q in s.questions}
        from .results import score_set

        return ProgressView(
            score_set(s, {qid: f.value for qid, f in found.items()}),
            s,
            source=_source_line(path),
            withheld={qid: f.withheld for qid, f in found.items() if f.withheld},
            notes={qid: f.note for qid, f in found.items() if f.note},
        )

    check_.__doc__ = f'Check one answer of {set_id}: check("q3") reads q3; check("q3", value) checks a value.'
    progress_.__doc__ = f"Show the progress table of {set_id}."
    check_.__name__, progress_.__name__ = "check", "progress"
    _remember(set_id)
    _install_answer_cell_help(exercise_set)
    return load_article(exercise_set.article or None), check_, progress_


def _start_unmarked(set_id: str) -> tuple[Article, Any, Any]:
    """``start()`` for a set this copy of the kit has no master for: nothing raises, nothing is judged."""
    from ..article import load_article

    def check_(question: str = "", value: Any = _MISSING) -> Any:
        return _unmarked(question, set_id, _user_namespace(1))

    def progress_() -> Any:
        return _unmarked("", set_id, _user_namespace(1))

    check_.__name__, progress_.__name__ = "check", "progress"
    _remember(set_id)
    return load_article(), check_, progress_


def _remember(set_id: str) -> None:
    if not _current_set or _current_set[-1] != set_id:
        _current_set.append(set_id)
