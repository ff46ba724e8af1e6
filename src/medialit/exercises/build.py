"""Build the student notebooks (``exercises/``) and the instructor's (``solutions/``) from the masters.

``medialit build-exercises [--out DIR] [--check] [--typed] [--hand-in TEXT]``. The notebooks are
written without outputs and with stable cell ids, so building twice gives byte-identical files;
``--check`` only compares and exits 1 when a committed notebook differs from its master. Only
``exNN_*.ipynb`` files are written or compared: anything else in those folders (an instructor
guide, say) is left alone.

A student answers every question without writing code: under each prompt, one locked cell shows
the question's form (``form("q3")``) or widget. ``--typed`` builds, instead, the notebooks for a
class that learns Python: an answer cell to type the answer in (``q3 = ...``) and a ``check("q3")``
cell. ``--hand-in`` says, in the last cell, how the teacher collects the notebooks.

``medialit build-exercises --master PATH [--out DIR]`` builds one master given by its path (a set
generated for a teacher's article, in ``sets/<set id>/``) into ``DIR/exercises`` and
``DIR/solutions`` (default: the folder that holds ``sets/``).

>>> nb = student_notebook(get_set("ex01"))
>>> nb.metadata["medialit"]["exercise"], nb.cells[0].source.splitlines()[-1]
('ex01', 'article, check, progress = start("ex01")')
>>> next(c.source for c in nb.cells if c.id == "ex01-q1-form")
'form("q1")'
"""

from __future__ import annotations

import argparse
import json
import pprint
from pathlib import Path
from typing import Any

from ..errors import MedialitError
from ._model import ExerciseSet, Question, builtin_sets, get_set

__all__ = ["build_all", "build_set", "load_master", "main", "render", "solution_notebook", "student_notebook"]

LOCKED = {"editable": False, "deletable": False}
_KERNEL = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
# How to give each type's answer: (what, example), shown under the prompt and in the answer cell.
HOW = {
    "choice": ("one letter in quotes", '"b"'),
    "multi": ("a list of letters", '["a", "c"]'),
    "paragraphs": ("a list of paragraph numbers", "[3, 5]"),
    "match": ("a letter in quotes for each item", '{1: "b", 2: "a", ...}'),
    "short": ("text in quotes", '"word"'),
    "number": ("a whole number", "4"),
    "date": ("a date in quotes, or a span as [first, last]", '"2021-12-14" or ["2021-12-01", "2021-12-05"]'),
    "dates": (
        "a date (or a span [first, last]) for each item",
        '{1: "2021-12-14", 2: ["2021-12-01", "2021-12-05"]}',
    ),
    "frames": (
        '"yes" or "no" and a list of evidence paragraphs for each item',
        '{1: ("yes", [2, 5]), 2: ("no", [])}',
    ),
    "open": ("your text in triple quotes", '"""My answer ..."""'),
}


def _cell(kind: str, cell_id: str, source: str, *, locked: bool, meta: dict[str, Any]):
    import nbformat

    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    cell = make(source.strip(), id=cell_id)
    if locked:
        cell.metadata.update(LOCKED)
    if meta:
        cell.metadata["medialit"] = meta
    return cell


def _md(cell_id: str, source: str, *, locked: bool = True, **meta: Any):
    return _cell("markdown", cell_id, source, locked=locked, meta=meta)


def _code(cell_id: str, source: str, *, locked: bool = True, **meta: Any):
    return _cell("code", cell_id, source, locked=locked, meta=meta)


#: How the teacher collects the notebooks, said in the last cell unless ``--hand-in`` says otherwise.
HAND_IN = (
    "the way your teacher told you: for example, upload it to your class's online classroom, "
    "or, on a class server, leave it in your `exercises` folder for your teacher to collect."
)


def _title(s: ExerciseSet, *, solution: bool, typed: bool = False) -> str:
    objectives = "\n".join(f"- {o}" for o in s.objectives)
    label = " — solutions (instructor copy)" if solution else ""
    how = (
        "**How to answer.** Run the first cell (the import above) once: Shift+Enter, or Run ▸ Run All Cells. "
        "Under each question there is a form: choose or type your answer, and it is recorded at once. "
        "Press **Check** to see ✓ correct, ½ partly or ✗ not yet, with a hint; you may check as often as "
        "you like. Save the notebook often (Ctrl+S, or File ▸ Save Notebook): the line under each form says "
        "whether your answer is in the saved file, which is what your teacher gets. "
        "`progress()` at the end shows the whole set as your teacher will grade it. "
        "Questions marked *teacher-graded* are read by your teacher with the rubric shown."
    )
    if typed:
        how = (
            "**How to answer.** Run the first cell (the import above) once. "
            "For each question, replace the `...` in the answer cell with your answer and run it, "
            "then run the `check` cell under it: it says ✓ correct, ½ partly or ✗ not yet, with a hint. "
            "You may check as often as you like. "
            "`progress()` at the end shows the whole set as your teacher will grade it: save the notebook "
            "(Ctrl+S) first. "
            "Questions marked *teacher-graded* are read by your teacher with the rubric shown."
        )
    if solution:
        source = (
            "edit `src/medialit/exercises/masters/` and run `medialit build-exercises`"
            if s.id in builtin_sets()
            else f"edit `sets/{s.id}/{s.id}_{s.slug}.yaml` and run "
            f"`medialit build-exercises --master sets/{s.id}/{s.id}_{s.slug}.yaml`"
        )
        how = (
            "This copy has every answer filled in, followed by why it is right. "
            "Open questions show a model answer and the rubric (Beginning / Emerging / Mastery). "
            f"It is generated from the same master as the student notebook: {source}, never this file."
        )
    parts = [
        f"# {s.title}{label}",
        f"**Time:** about {s.minutes} minutes · goes with lesson {s.lesson}",
        f"**You will practise:**\n{objectives}",
        s.intro,
        how,
    ]
    return "\n\n".join(p for p in parts if p)


def _setup_source(s: ExerciseSet, *, forms: bool) -> str:
    imports = "from medialit.exercises import start\nfrom medialit.forms import form" if forms else (
        "from medialit.exercises import start"
    )
    return f'{imports}\n\narticle, check, progress = start("{s.id}")'


def _prompt(q: Question, *, forms: bool = False) -> str:
    kind = q.kind if q.type == "widget" else q.type  # a frame check question lists its items too
    worth = "*teacher-graded with the rubric above*" if q.type == "open" else f"*{_points(q.points)}*"
    head = f"### Question {q.number}" + (f" · {q.title}" if q.title else "")
    body = [head, q.prompt]
    spec = q.spec
    if "options" in spec and kind in ("choice", "multi"):
        body.append("\n".join(f"- **{k}**: {v}" for k, v in spec["options"].items()))
    if kind == "match":
        items = "\n".join(f"{i}. {item['text']}" for i, item in enumerate(spec["items"], start=1))
        options = "\n".join(f"- **{k}**: {v}" for k, v in spec["options"].items())
        body.append(f"**Items**\n\n{items}\n\n**Options**\n\n{options}")
    if kind == "dates":
        items = "\n".join(
            f"{i}. “{item['text']}” (paragraph {item['paragraph']})"
            for i, item in enumerate(spec["items"], start=1)
        )
        body.append(f"**Items**\n\n{items}")
    if kind == "frames":
        items = "\n".join(
            f"{i}. *{item['frame']}:* {item['question']}" for i, item in enumerate(spec["items"], start=1)
        )
        body.append(f"**Items**\n\n{items}")
    if q.type == "widget":
        body.append("Answer with the widget below; it saves your answer into this notebook.")
    elif forms:
        body.append("Answer with the form below; it records your answer in this notebook.")
    else:
        what, example = HOW[kind]
        body.append(f"Answer with {what}, like `{example}`.")
    if q.type == "open" and q.rubric:
        body.append(_rubric_table(q))
    body.append(worth)
    return "\n\n".join(body)


def _points(points: float | None) -> str:
    if points is None:
        return "teacher-graded"
    n = int(points) if float(points).is_integer() else points
    return f"{n} point" + ("" if n == 1 else "s")


def _rubric_table(q: Question) -> str:
    rows = ["| Criterion | Beginning | Emerging | Mastery |", "|---|---|---|---|"]
    for r in q.rubric:
        cells = [r["criterion"], r["beginning"], r["emerging"], r["mastery"]]
        rows.append("| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in cells) + " |")
    return "**Rubric**\n\n" + "\n".join(rows)


def _widget_source(q: Question) -> str:
    w = q.widget or {}
    args = dict(w.get("args") or {})
    parts = [f"{k}={_literal(v)}" for k, v in args.items()]
    parts.append(f'save_as="{q.save_as}"')
    return f"from medialit.widgets import {w['name']}\n\n{w['name']}({', '.join(parts)})"


def _literal(value: Any) -> str:
    """Python source for a plain value, deterministic and readable (dict keys 1, 2 as ints)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return pprint.pformat(value)


def solution_answer(q: Question) -> Any:
    """The full-marks answer for a question, as a student would give it (None for open questions).

    >>> solution_answer(get_set("ex01").question("q1"))
    'b'
    >>> solution_answer(get_set("ex02").question("q6"))["marks"][0]["text"]
    'Joe Biden'
    """
    spec, kind = q.spec, q.kind
    if q.type == "open":
        return None
    if q.type == "widget":
        return _widget_solution(q)
    if kind in ("choice", "multi", "paragraphs", "number", "date"):
        return spec["answer"]
    if kind == "short":
        return spec["accept"][0]
    if kind in ("match", "dates"):
        return {i: item["answer"] for i, item in enumerate(spec["items"], start=1)}
    if kind == "frames":
        return {
            i: ("yes" if item["answer"] else "no", list(item["evidence"]) if item["answer"] else [])
            for i, item in enumerate(spec["items"], start=1)
        }
    raise AssertionError(kind)  # pragma: no cover


def _widget_solution(q: Question) -> dict[str, Any]:
    """What a widget saves when every answer in it is right (built from the resolved targets)."""
    from ..article import load_article
    from ..scoring import marks

    spec = q.spec
    article = load_article(q.article or None).id
    if q.kind == "marks":
        return {"article": article, "category": spec["category"], "marks": marks.solution_marks(spec)}
    if q.kind == "quotes":
        rows = {
            qid: {
                "paragraph": it["paragraph"],
                "text": it["text"],
                "speaker": it["speaker"],
                "kind": it["kind"],
                "via": it["via"] or "(direct)",
            }
            for qid, it in spec["items"].items()
        }
        return {"article": article, "quotes": rows}
    if q.kind == "timeline":
        dates = {}
        for rid, it in spec["items"].items():
            vague = it["answer"] == "vague"
            day = None if vague else it["answer"] if isinstance(it["answer"], str) else it["answer"][0]
            dates[rid] = {"paragraph": it["paragraph"], "text": it["text"], "date": day, "vague": vague}
        return {"article": article, "dates": dates}
    if q.kind == "frames":
        items = {}
        for it in spec["items"]:
            evidence = list(it["evidence"]) if it["answer"] else []
            items[it["item"]] = {
                "answer": it["answer"],
                "evidence": evidence,
                "evidence_text": ", ".join(map(str, evidence)),
            }
        return {"article": article, "items": items}
    if q.kind == "verbs":
        return _verb_swap_solution(q, article)
    raise AssertionError(q.kind)  # pragma: no cover


def _verb_swap_solution(q: Question, article: str) -> dict[str, Any]:
    """Two recorded swaps, each judged with the class the reporting-verb list gives the new verb: a
    non-neutral cue swapped for "say" (neutral), a neutral one for "claim" (distancing)."""
    from ..key import answer_key
    from ..scoring import verbs

    records = []
    for row in answer_key(q.article or None).rows("attributions")[:2]:
        new = "say" if row["connotation"] != "neutral" else "claim"
        records.append(
            {
                "sentence": f"p{row['paragraph']}:{row['cue']}",
                "paragraph": row["paragraph"],
                "original": row["cue"],
                "replacement": new,
                "rewritten": "",
                "judgement": verbs.classes()[new][0],
                "note": "",
            }
        )
    return {"article": article, "records": records}


def _answer_source(q: Question, *, solution: bool) -> str:
    if not solution:
        what, example = HOW[q.type]
        if q.type in ("match", "dates", "frames"):  # one ... per item to replace
            slots = ", ".join(f"{i}: ..." for i in range(1, len(q.spec["items"]) + 1))
            return f"{q.variable} = {{{slots}}}  # your answer: {what}, like {example}"
        return f"{q.variable} = ...  # your answer: {what}, like {example}"
    if q.type == "open":
        model = q.spec.get("model_answer", "").strip().replace('"""', "'''")
        return f'{q.variable} = """\n{model}\n"""'
    return f"{q.variable} = {_literal(solution_answer(q))}"


def _explanation(q: Question) -> str:
    parts = [f"**Why (Question {q.number}).** {q.explanation}" if q.explanation else ""]
    if q.type == "open" and q.rubric:
        parts.append(_rubric_table(q))
    return "\n\n".join(p for p in parts if p)


def _hand_in(s: ExerciseSet, hand_in: str | None) -> str:
    return (
        "## Handing in\n\n"
        "1. Run `progress()` above once more: it shows your answers as your teacher will grade them "
        "(the notebook file as last saved).\n"
        "2. Save the notebook: press **Ctrl+S** (on a Mac **Cmd+S**), or use File ▸ Save Notebook. "
        "Then run `progress()` again: every answer should be in the saved file, and no row should say "
        "*not saved yet*.\n"
        f"3. Hand in this file, **{s.notebook_name}**, {hand_in or HAND_IN}\n\n"
        "Your teacher will go through the key points with you afterwards."
    )


def _notebook(s: ExerciseSet, *, solution: bool, typed: bool = False, hand_in: str | None = None):
    import nbformat

    sid = s.id
    forms = not solution and not typed
    cells = [
        _code(f"{sid}-setup", _setup_source(s, forms=forms), role="setup"),
        _md(f"{sid}-title", _title(s, solution=solution, typed=typed), role="title"),
        _md(
            f"{sid}-article-intro", "The article, with its paragraphs numbered (paragraph 0 is the headline):"
        ),
        _code(f"{sid}-article", "article", role="article"),
    ]
    for q in s.questions:
        meta: dict[str, Any] = {"question": q.id}
        cells.append(_md(f"{sid}-{q.id}-prompt", _prompt(q, forms=forms), role="prompt", **meta))
        if forms and q.type != "widget":
            cells.append(_code(f"{sid}-{q.id}-form", f'form("{q.id}")', role="form", save_as=q.save_as, **meta))
        elif q.type == "widget":
            cells.append(
                _code(f"{sid}-{q.id}-widget", _widget_source(q), role="widget", save_as=q.save_as, **meta)
            )
            if solution:
                cells.append(
                    _code(
                        f"{sid}-{q.id}-solution",
                        f"{q.id} = {_literal(solution_answer(q))}",
                        role="solution",
                        **meta,
                    )
                )
                cells.append(_code(f"{sid}-{q.id}-check", f'check("{q.id}", {q.id})', role="check", **meta))
            else:
                cells.append(_code(f"{sid}-{q.id}-check", f'check("{q.id}")', role="check", **meta))
        else:
            cells.append(
                _code(
                    f"{sid}-{q.id}-answer",
                    _answer_source(q, solution=solution),
                    locked=solution,
                    role="answer",
                    variable=q.variable,
                    **meta,
                )
            )
            cells.append(_code(f"{sid}-{q.id}-check", f'check("{q.id}")', role="check", **meta))
        if solution and (q.explanation or q.rubric):
            cells.append(_md(f"{sid}-{q.id}-why", _explanation(q), role="explanation", **meta))
    cells.append(
        _md(
            f"{sid}-progress-intro",
            "## Your progress\n\nRun this cell to see the whole set as your teacher will grade it: "
            "the answers in the notebook file, as last saved.",
        )
    )
    cells.append(_code(f"{sid}-progress", "progress()", role="progress"))
    if solution and s.outro:  # the key points give answers away, so students see them afterwards
        cells.append(_md(f"{sid}-outro", f"## Key points\n\n{s.outro}", role="outro"))
    elif not solution:
        cells.append(_md(f"{sid}-finish", _hand_in(s, hand_in), role="finish"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.update(json.loads(json.dumps(_KERNEL)))
    nb.metadata["medialit"] = {
        "exercise": sid,
        "kind": "solution" if solution else "student-typed" if typed else "student",
    }
    nbformat.validate(nb)
    return nb


def student_notebook(s: ExerciseSet, *, typed: bool = False, hand_in: str | None = None):
    """The student notebook for a set (nbformat NotebookNode, no outputs): a form (or widget) under
    each question; with ``typed``, an answer cell and a check cell instead of each form.

    >>> nb = student_notebook(get_set("ex02"))
    >>> [c.id for c in nb.cells[:2]]
    ['ex02-setup', 'ex02-title']
    >>> next(c.source for c in student_notebook(get_set("ex01"), typed=True).cells if c.id == "ex01-q1-answer")[:9]
    'q1 = ...'
    """
    return _notebook(s, solution=False, typed=typed, hand_in=hand_in)


def solution_notebook(s: ExerciseSet):
    """The instructor's notebook: answers filled in, explanations and rubrics.

    >>> nb = solution_notebook(get_set("ex01"))
    >>> next(c.source for c in nb.cells if c.id == "ex01-q1-answer")
    'q1 = "b"'
    """
    return _notebook(s, solution=True)


def render(nb) -> str:
    """The notebook's file text (stable: sorted keys, one-space indent, final newline).

    >>> text = render(student_notebook(get_set("ex01")))
    >>> text == render(student_notebook(get_set("ex01"))), text.endswith(chr(10))
    (True, True)
    """
    import nbformat

    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def build_all(
    out: Path, *, check: bool = False, typed: bool = False, hand_in: str | None = None
) -> list[Path]:
    """Write (or, with ``check``, compare) every set's two notebooks under ``out``.

    Returns the paths written, or with ``check`` the paths that differ or are missing. ``typed``
    and ``hand_in`` are passed to :func:`student_notebook`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     written = build_all(Path(d))
    ...     len(written), build_all(Path(d), check=True)
    (12, [])
    """
    changed: list[Path] = []
    for set_id in builtin_sets():  # the kit's own sets; a generated set is built with build_set
        changed += build_set(get_set(set_id), out, check=check, typed=typed, hand_in=hand_in)
    return changed


def build_set(
    s: ExerciseSet, out: Path, *, check: bool = False, typed: bool = False, hand_in: str | None = None
) -> list[Path]:
    """Write (or, with ``check``, compare) one set's student and solution notebooks under ``out``
    (``out/exercises/`` and ``out/solutions/``); return the paths written (or that differ).
    ``typed`` and ``hand_in`` are passed to :func:`student_notebook`."""
    changed: list[Path] = []
    student = student_notebook(s, typed=typed, hand_in=hand_in)
    for folder, nb in (("exercises", student), ("solutions", solution_notebook(s))):
        path = out / folder / s.notebook_name
        text = render(nb)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if check:
            if current != text:
                changed.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if current != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        changed.append(path)
    return changed


def load_master(path: str | Path) -> ExerciseSet:
    """The set of a master file given by its path: ``sets/<set id>/<set id>_<slug>.yaml`` (its set
    folder is searched from then on, so the notebooks' ``start("<set id>")`` finds it too), or one of
    the kit's own masters.

    >>> from medialit.exercises._model import masters_dir
    >>> load_master(masters_dir() / "ex01_anatomy.yaml").id
    'ex01'
    """
    from . import _course

    path = Path(path).resolve()
    if not path.is_file():
        raise MedialitError(f"There is no master file {path}.", hint="Give the path of a set's .yaml master.")
    set_id = path.stem.split("_", 1)[0]
    if set_id not in builtin_sets():
        if path.parent.name != set_id or not _course.is_generated_id(set_id):
            raise MedialitError(
                f"{path.name}: a generated set's master lives in a folder named after the set "
                f"(sets/<set id>/<set id>_<slug>.yaml), with a set id like 'my-article'.",
                hint="medialit generate-set writes it there.",
            )
        _course.register(path.parent)
    s = get_set(set_id)
    if s.path is None or s.path.resolve() != path:
        raise MedialitError(
            f"Another set is also called {set_id!r} ({s.path}).", hint="Rename one of the two sets' folders."
        )
    return s


def _default_root() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "medialit").is_dir():
            return parent
    return Path.cwd()


def main(argv: list[str] | None = None) -> int:
    """``medialit build-exercises``: regenerate (or ``--check``) exercises/ and solutions/.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     main(["--out", d, "--check"])  # nothing built there yet
    ... # doctest: +ELLIPSIS
    out of date: ...
    Run 'medialit build-exercises' to regenerate them.
    1
    """
    parser = argparse.ArgumentParser(
        prog="medialit build-exercises",
        description="Regenerate exercises/*.ipynb (students) and solutions/ex*.ipynb (instructors) "
        "from the masters in src/medialit/exercises/masters/.",
    )
    parser.add_argument("--out", type=Path, default=None, help="top folder (default: the repository)")
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if a notebook is out of date"
    )
    parser.add_argument(
        "--master",
        type=Path,
        action="append",
        metavar="PATH",
        help="build only this master (a generated set's sets/<id>/<id>_<slug>.yaml); "
        "--out defaults to the folder that holds sets/",
    )
    parser.add_argument(
        "--typed",
        action="store_true",
        help="students type their answers as Python (q3 = ...) instead of using forms (give --out too)",
    )
    parser.add_argument(
        "--hand-in", default=None, metavar="TEXT", help="how your class hands in notebooks (the last cell says it)"
    )
    args = parser.parse_args(argv)
    if args.master:
        return _main_masters(args.master, args.out, check=args.check, typed=args.typed, hand_in=args.hand_in)
    out = args.out if args.out is not None else _default_root()
    if out.exists() and not out.is_dir():
        raise MedialitError(f"{out} is a file, not a folder.", hint="Give --out a folder.")
    if (args.typed or args.hand_in) and args.out is None:
        raise MedialitError(
            "--typed and --hand-in build notebooks for your own class, not the kit's.",
            hint="Give them a folder with --out, for example --out myclass.",
        )
    paths = build_all(out, check=args.check, typed=args.typed, hand_in=args.hand_in)
    if args.check:
        if paths:
            for p in paths:
                print(f"out of date: {p}")
            print("Run 'medialit build-exercises' to regenerate them.")
            return 1
        print(f"All {2 * len(builtin_sets())} exercise notebooks match their masters.")
        return 0
    print(f"Wrote {len(paths)} notebooks under {out}/exercises and {out}/solutions.")
    return 0


def _main_masters(
    masters: list[Path], out: Path | None, *, check: bool, typed: bool = False, hand_in: str | None = None
) -> int:
    changed: list[Path] = []
    for master in masters:
        s = load_master(master)
        resolved = master.resolve()
        here = (
            out
            if out is not None
            else (resolved.parents[2] if resolved.parent.parent.name == "sets" else Path.cwd())
        )
        if here.exists() and not here.is_dir():
            raise MedialitError(f"{here} is a file, not a folder.", hint="Give --out a folder.")
        paths = build_set(s, here, check=check, typed=typed, hand_in=hand_in)
        changed += paths
        if not check:
            print(f"Wrote {', '.join(str(p) for p in paths)}.")
    if check:
        for p in changed:
            print(f"out of date: {p}")
        return 1 if changed else 0
    return 0
