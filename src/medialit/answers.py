"""Saved answers: the one record, the one MIME type, the answers folder, and the one reader.

Any question's answer can be saved, whatever gave it (a widget, a form, code): a **saved answer**
is the record ``{"question": "<set>.<question>", "answer": <JSON data>}`` (:func:`record`). It is
kept in two places:

1. in the notebook, as a display output whose bundle holds ``text/plain`` and ``text/html``
   summaries and :data:`ANSWER_MIME` = the record (:func:`answer_bundle`); the output is updated at
   every change, so a saved notebook carries the latest answer in that cell's outputs;
2. in the file ``.medialit-answers/<set>.<question>.json`` in the kernel's working directory
   (:func:`write_answer`, :func:`load_answer`), so the answer survives a kernel restart.

:func:`saved_answers` is the one reader of a notebook's saved answers (pure data reading; nothing
is executed). It takes a record only from the outputs of a **code** cell, and only when that cell
is not marked as creating another question's answer. Widgets, forms, ``check()``, the grader and
the handout all use this module; it imports no ipywidgets.

**What the teacher will grade** is the notebook *file* as last saved, not the kernel's memory.
:func:`notebook_path` finds that file (jupyter-server tells the kernel its notebook's path; None
elsewhere, e.g. under nbclient), :func:`file_answers` reads the answers it holds with the one
reader (cached until the file changes), and :func:`assigned_answers` reads typed answers
(``q1 = "b"``) from its code cells the way the grader's run would find them, without running
anything.

>>> nb = {"cells": [{"cell_type": "code", "source": 'highlighter(save_as="ex03.q5")', "outputs": [
...     {"output_type": "display_data",
...      "data": {ANSWER_MIME: {"question": "ex03.q5", "answer": {"marks": []}}}}]}]}
>>> saved_answers(nb)
{'ex03.q5': {'marks': []}}
>>> nb["cells"][0]["cell_type"] = "markdown"  # a markdown cell creates no answers
>>> saved_answers(nb)
{}
"""

from __future__ import annotations

import ast
import html
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._atomic import replacing
from .errors import MedialitError

__all__ = [
    "ANSWER_DIR",
    "ANSWER_MIME",
    "DOES_NOT_RUN",
    "MAX_ANSWER_BYTES",
    "NOT_LITERAL",
    "AnswerSaver",
    "answer_bundle",
    "answer_path",
    "assigned_answers",
    "check_save_as",
    "file_answers",
    "load_answer",
    "notebook_path",
    "read_notebook_file",
    "record",
    "same_answer",
    "saved_answers",
    "write_answer",
]

#: The MIME type of a saved answer in a notebook's outputs (its value is :func:`record`).
ANSWER_MIME = "application/vnd.medialit.answer+json"
#: The folder beside the notebook that keeps one file per saved answer.
ANSWER_DIR = ".medialit-answers"
#: A saved answer larger than this (as JSON) is not read: no real answer is that big.
MAX_ANSWER_BYTES = 64_000
_SAVE_AS = re.compile(r"[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_.-]{1,64}")
_OUTPUT_TYPES = ("display_data", "execute_result", "update_display_data")


def check_save_as(save_as: object) -> str:
    """Return ``save_as`` if it looks like ``"<set>.<question>"``, else raise a friendly error.

    >>> check_save_as("ex03.q5")
    'ex03.q5'
    >>> check_save_as("my answer")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: save_as='my answer' is not a question name. ...
    """
    if not isinstance(save_as, str) or not _SAVE_AS.fullmatch(save_as) or save_as.endswith("."):
        raise MedialitError(
            f"save_as={save_as!r} is not a question name.",
            hint='Write it as "<set>.<question>", for example save_as="ex03.q5" '
            "(letters, digits, - and _ only).",
        )
    return save_as


def answer_path(save_as: str, folder: str | Path | None = None) -> Path:
    """The file that keeps the answer for ``save_as`` (in ``folder``, default the working directory).

    >>> answer_path("ex03.q5", "/tmp/x").as_posix()
    '/tmp/x/.medialit-answers/ex03.q5.json'
    """
    base = Path(folder) if folder is not None else Path.cwd()
    return base / ANSWER_DIR / f"{check_save_as(save_as)}.json"


_IDENTITY = ("paragraph", "text")  # fields that name an entry rather than answer it


def _answered(entry: Any) -> bool:
    """True when a student has filled in something in this entry ("no" counts as an answer)."""
    if not isinstance(entry, dict):
        return entry not in (None, "", [], {})
    for name, value in entry.items():
        if name in _IDENTITY:
            continue
        if name == "answer" and value is not None:
            return True
        if value not in (None, "", [], {}, False):
            return True
    return False


def summarize(answer: Any) -> str:
    """A short, readable description of an answer (for the ``text/plain`` summary).

    It changes as the student answers, so the saved line visibly follows their work.

    >>> summarize({"marks": [1, 2], "category": "source"})
    'marks: 2 items; category: source'
    >>> summarize({"article": "x", "dates": {"a": {"text": "Tuesday", "date": "2021-12-14"},
    ...                                      "b": {"text": "x", "date": None}}})
    'dates: 1 of 2 answered'
    """
    if isinstance(answer, dict):
        parts = []
        for name, value in answer.items():
            if name in ("article", "scores"):  # not the student's work: which article, computed scores
                continue
            if isinstance(value, dict) and value:
                done = sum(_answered(v) for v in value.values())
                parts.append(f"{name}: {done} of {len(value)} answered")
            elif isinstance(value, list | dict):
                parts.append(f"{name}: {len(value)} item{'s' if len(value) != 1 else ''}")
            elif value is not None and len(str(value)) <= 40:
                parts.append(f"{name}: {value}")
        return "; ".join(parts) or "empty"
    return str(answer)[:80]


def record(question: str, answer: Any) -> dict[str, Any]:
    """The saved-answer record for one question (what the notebook output and the file hold).

    >>> record("ex01.q1", "b")
    {'question': 'ex01.q1', 'answer': 'b'}
    """
    return {"question": check_save_as(question), "answer": answer}


def _read_record(data: Any) -> tuple[str, Any] | None:
    """``(question, answer)`` from a record (or its JSON text); None when it is not a good one."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):
            return None
    if not isinstance(data, dict) or "answer" not in data:
        return None
    question = data.get("question")
    if not isinstance(question, str) or not _SAVE_AS.fullmatch(question) or question.endswith("."):
        return None
    try:
        if len(json.dumps(data["answer"])) > MAX_ANSWER_BYTES:
            return None
    except (TypeError, ValueError, RecursionError):
        return None
    return question, data["answer"]


def answer_bundle(question: str, answer: Any, *, text: str | None = None) -> dict[str, Any]:
    """The display bundle that carries ``answer`` in the notebook's outputs (``text``: its visible line).

    >>> b = answer_bundle("ex03.q5", {"marks": []})
    >>> sorted(b)
    ['application/vnd.medialit.answer+json', 'text/html', 'text/plain']
    >>> b[ANSWER_MIME]
    {'question': 'ex03.q5', 'answer': {'marks': []}}
    """
    text = text or f"Answer to {question} saved in this notebook ({summarize(answer)})."
    return {
        "text/plain": text,
        "text/html": (
            '<div class="medialit-saved" style="color:#555;font-size:85%">'
            f'<span aria-hidden="true">💾</span> {html.escape(text)}</div>'
        ),
        ANSWER_MIME: record(question, answer),
    }


def write_answer(save_as: str, answer: Any, folder: str | Path | None = None) -> Path:
    """Write ``answer`` as JSON to :func:`answer_path` (atomically) and return the path.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_answer("ex01.q1", {"x": 1}, d)
    ...     load_answer("ex01.q1", d)
    {'x': 1}
    """
    path = answer_path(save_as, folder)
    data = json.dumps(record(save_as, answer), ensure_ascii=False, indent=1)
    with replacing(path) as handle:
        handle.write(data)
    return path


def load_answer(save_as: str, folder: str | Path | None = None) -> Any | None:
    """The answer saved for ``save_as``, or None when there is none or the file is damaged.

    >>> load_answer("ex99.nothing", "/nonexistent-folder") is None
    True
    """
    path = answer_path(save_as, folder)
    try:
        if path.stat().st_size > 2 * MAX_ANSWER_BYTES:
            return None
        found = _read_record(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return found[1] if found is not None and found[0] == save_as else None


def _cell_answers(cell: Any) -> list[tuple[str, Any]]:
    """The records in one cell's outputs, if it is a code cell allowed to hold them."""
    if not isinstance(cell, dict) or cell.get("cell_type") != "code":
        return []
    outputs = cell.get("outputs")
    if not isinstance(outputs, list):
        return []
    meta = cell.get("metadata")
    meta = meta.get("medialit") if isinstance(meta, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    creates = meta.get("save_as")  # a generated widget cell
    asks = meta.get("question")  # a generated answer cell: its question id ("q3")
    source = cell.get("source")
    if isinstance(source, list):
        source = "".join(part for part in source if isinstance(part, str))
    source = source if isinstance(source, str) else ""
    found = []
    for output in outputs:
        if not isinstance(output, dict) or output.get("output_type") not in _OUTPUT_TYPES:
            continue
        data = output.get("data")
        if not isinstance(data, dict) or ANSWER_MIME not in data:
            continue
        answer = _read_record(data[ANSWER_MIME])
        if answer is None:
            continue
        # Only from the cell that made it: a generated cell names its question in its metadata, a
        # cell a student typed names it in its code (save_as="ex03.q6"); anything else was planted.
        if creates is not None:
            made_here = answer[0] == creates
        else:
            made_here = answer[0] in source or (asks is not None and answer[0].endswith(f".{asks}"))
        if made_here:
            found.append(answer)
    return found


def saved_answers(nb: Any) -> dict[str, Any]:
    """Every answer saved in a notebook's outputs: ``{"<set>.<question>": answer}``.

    ``nb`` is a notebook as data (an ``nbformat`` node or the parsed JSON dict). A record counts
    only in the outputs of the code cell that made it: a generated cell whose metadata names that
    question, or a cell whose code names it (``save_as="ex03.q6"``); anything that is not a
    well-formed record, or is too big to be a real answer, is skipped. When a question appears
    more than once, the last one in the notebook wins.

    >>> saved_answers({"cells": [{"outputs": "garbage"}, 42]})
    {}
    """
    answers: dict[str, Any] = {}
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return answers
    for cell in cells:
        for question, answer in _cell_answers(cell):
            answers[question] = answer
    return answers


class AnswerSaver:
    """Keeps one widget's answer in the notebook's outputs and in ``.medialit-answers/``.

    ``show()`` displays the answer output (call it right after displaying the widget);
    ``update(answer)`` refreshes the output and rewrites the file.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     saver = AnswerSaver("ex01.q2", folder=d)
    ...     saver.update({"dates": {}})
    ...     AnswerSaver("ex01.q2", folder=d).load()
    {'dates': {}}
    """

    def __init__(
        self,
        save_as: str,
        *,
        folder: str | Path | None = None,
        text: Callable[[str, Any], str] | None = None,
    ) -> None:
        self.question = check_save_as(save_as)
        # Fix the folder now: the kernel's working directory when the widget was built.
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.answer: Any = None
        self.handle: Any = None
        self.error: str = ""
        self.text = text  # (question, answer) -> the visible line of the answer output

    def bundle(self, answer: Any) -> dict[str, Any]:
        """The display bundle for ``answer`` (with this saver's visible line)."""
        return answer_bundle(
            self.question, answer, text=self.text(self.question, answer) if self.text else None
        )

    def load(self) -> Any | None:
        """The answer saved earlier for this question (None if none)."""
        return load_answer(self.question, self.folder)

    def show(self) -> None:
        """Display the answer output (again, with the same display id, if already shown)."""
        from IPython.display import display

        bundle = self.bundle(self.answer)
        if self.handle is None:
            self.handle = display(bundle, raw=True, display_id=True)
        else:
            self.handle.display(bundle, raw=True)

    def update(self, answer: Any) -> None:
        """Record a new answer: update the notebook output and write the file."""
        self.answer = answer
        if self.handle is not None:
            self.handle.update(self.bundle(answer), raw=True)
        try:
            write_answer(self.question, answer, self.folder)
            self.error = ""
        except OSError as exc:  # a read-only folder must not break the widget
            self.error = (
                f"Could not write {ANSWER_DIR}/{self.question}.json ({exc.strerror or exc}); "
                "your answer is still saved in the notebook when you save it."
            )


# ---------------------------------------------------------------- the notebook file a teacher collects


def notebook_path(namespace: dict[str, Any] | None = None) -> Path | None:
    """The notebook file this kernel belongs to, or None when the front end does not say.

    jupyter-server gives the kernel its notebook's path (``JPY_SESSION_NAME``; ipykernel copies it
    to ``__session__``); VS Code sets ``__vsc_ipynb_file__``. A path that is not an existing
    ``.ipynb`` file (a renamed notebook, nbclient, a terminal) gives None.

    >>> notebook_path({"__session__": "/nonexistent/x.ipynb"}) is None
    True
    """
    if namespace is None:
        namespace = _user_namespace()
    found = [
        namespace.get("__session__"),
        namespace.get("__vsc_ipynb_file__"),
        os.environ.get("JPY_SESSION_NAME"),
    ]
    for value in found:
        if not isinstance(value, str) or not value.endswith(".ipynb"):
            continue
        path = Path(value)
        tries = [path] if path.is_absolute() else [Path.cwd() / path.name, Path.cwd() / path]
        for candidate in tries:
            try:
                if candidate.is_file():
                    return candidate
            except OSError:
                continue
    return None


def _user_namespace() -> dict[str, Any]:
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:  # IPython missing or broken
        return {}
    return getattr(shell, "user_ns", None) or {}


# path -> ((mtime_ns, size), parsed notebook, its saved answers): read again only when the file changes
_FILES: dict[Path, tuple[tuple[int, int], Any, dict[str, Any]]] = {}
#: A notebook file larger than this is not read for answers (a real exercise notebook is far smaller).
MAX_NOTEBOOK_BYTES = 50_000_000


def read_notebook_file(path: str | Path) -> Any | None:
    """The notebook at ``path`` as plain JSON data (cached until the file changes); None if unreadable.

    >>> read_notebook_file("/nonexistent.ipynb") is None
    True
    """
    path = Path(path)
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
        cached = _FILES.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if info.st_size > MAX_NOTEBOOK_BYTES:
            return None
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    _FILES[path] = (stamp, nb, saved_answers(nb))
    return nb


def file_answers(path: str | Path | None) -> dict[str, Any] | None:
    """The answers saved in the notebook file at ``path`` (:func:`saved_answers`); None if unreadable."""
    if path is None:
        return None
    nb = read_notebook_file(path)
    cached = _FILES.get(Path(path))
    if nb is None or cached is None:
        return None
    return cached[2]


def same_answer(a: Any, b: Any) -> bool:
    """True when two answers are the same data once written as JSON (tuples as lists, 1 as "1" keys).

    >>> same_answer({1: ("yes", [2])}, {"1": ["yes", [2]]}), same_answer("b", "c")
    (True, False)
    """
    try:
        return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)
    except (TypeError, ValueError, RecursionError):
        return False


#: :func:`assigned_answers` for an answer cell that Python cannot read (it would not run).
DOES_NOT_RUN = "does not run"
#: :func:`assigned_answers` for an answer written as code rather than a plain value (only running tells).
NOT_LITERAL = "not a plain value"


def _source(cell: Any) -> str:
    source = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        source = "".join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ""


def _assigns(source: str, names: set[str]) -> list[str]:
    """The answer names a cell's text assigns at the start of a line (found even when it does not parse)."""
    found = re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", source, re.M)
    return [n for n in found if n in names]


def assigned_answers(nb: Any, names: list[str] | set[str]) -> dict[str, tuple[str, Any]]:
    """Typed answers in a notebook's code cells: ``{name: (status, value)}`` for the last cell assigning each.

    ``status`` is ``"value"`` (``value`` is the plain value, read with :func:`ast.literal_eval`: what
    running the cell gives), :data:`DOES_NOT_RUN` (Python cannot read the cell: a missing quote...)
    or :data:`NOT_LITERAL` (the answer is an expression; only running it tells). Nothing is run.

    >>> cells = [{"cell_type": "code", "source": 'q1 = "b"'}, {"cell_type": "code", "source": "q2 = [3, 5"},
    ...          {"cell_type": "code", "source": "q3 = b"}, {"cell_type": "code", "source": "q4 = ..."}]
    >>> found = assigned_answers({"cells": cells}, ["q1", "q2", "q3", "q4"])
    >>> found["q1"], found["q2"], found["q3"], found["q4"]
    (('value', 'b'), ('does not run', None), ('not a plain value', None), ('value', None))
    """
    wanted = set(names)
    found: dict[str, tuple[str, Any]] = {}
    cells = nb.get("cells") if isinstance(nb, dict) else None
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = _source(cell)
        assigned = _assigns(source, wanted)
        if not assigned:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            found.update({n: (DOES_NOT_RUN, None) for n in assigned})
            continue
        for node in tree.body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
                continue
            target = node.targets[0]
            if not (isinstance(target, ast.Name) and target.id in wanted):
                continue
            try:
                value = ast.literal_eval(node.value)
                found[target.id] = ("value", None if value is Ellipsis else value)
            except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
                found[target.id] = (NOT_LITERAL, None)
    return found
