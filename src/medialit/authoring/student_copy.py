"""The students' copy of a generated exercise set, for practice or for an assessment.

:func:`student_copy` writes, into a folder handed to students::

    OUT/exercises/<set id>_<slug>.ipynb     the student notebook (no answers in it)
    OUT/sets/<set id>/<set id>_<slug>.yaml  the master, as the student edition holds it
    OUT/sets/<set id>/<article>.txt         the article
    OUT/sets/<set id>/<article>.key.yaml    the key (practice only)

The master follows the student edition's rules (``medialit release``, which calls this function for
each generated set of the course, and the schema's notes):

* **practice**: the master without the fields only the solutions show (``x-solution-only-fields``:
  model answers, the closing key points), and the key, so every check gives a verdict straight away
  (what the built-in sets do);
* **assessed**: no key, and the *sealed* master (:func:`medialit.exercises.sealed.sealed_data`:
  without any answer-bearing field, the schema's ``x-answer-fields``, but with what students see
  that its queries held, such as a frames question's items): nothing in the copy gives an answer
  away. Such a master loads sealed (answers are checked for their shape only and saved for the
  teacher, who grades the submissions with the full set: ``medialit grade --course``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..errors import MedialitError

__all__ = ["MODES", "strip_answers", "student_copy"]

MODES = ("practice", "assessed")


def strip_answers(node: Any, mode: str = "assessed") -> Any:
    """A master (or any part of one) as a students' copy in ``mode`` holds it: ``assessed``, without
    the fields that carry or reveal answers; ``practice``, without the fields only the solutions show.

    >>> q = {"id": "q1", "answer": "b", "model_answer": "B, because ...",
    ...      "options": {"a": {"text": "x", "stands_for": "x"}}}
    >>> strip_answers(q)
    {'id': 'q1', 'options': {'a': {'text': 'x'}}}
    >>> strip_answers(q, "practice")
    {'id': 'q1', 'answer': 'b', 'options': {'a': {'text': 'x', 'stands_for': 'x'}}}
    """
    from .._schema import load_schema

    if mode not in MODES:
        raise MedialitError(f"There is no mode {mode!r}.", hint="Use 'practice' or 'assessed'.")
    fields = set(
        load_schema("exercise.schema.json")[
            "x-answer-fields" if mode == "assessed" else "x-solution-only-fields"
        ]
    )
    return _without(node, fields)


def _without(node: Any, fields: set[str]) -> Any:
    if isinstance(node, dict):
        return {k: _without(v, fields) for k, v in node.items() if k not in fields}
    if isinstance(node, list):
        return [_without(v, fields) for v in node]
    return node


def student_copy(set_folder: str | Path, out: str | Path, *, mode: str = "practice") -> list[Path]:
    """Write the students' copy of the set in ``set_folder`` (``sets/<set id>/``) into ``out``.

    Returns the files written. The student notebook is built from the full set (it holds no answer),
    so it is the same notebook the teacher's grader recognises.
    """
    import yaml

    from ..exercises.build import load_master, render, student_notebook
    from ._files import dump_yaml, write_atomic

    if mode not in MODES:
        raise MedialitError(f"There is no mode {mode!r}.", hint="Use 'practice' or 'assessed'.")
    folder = Path(set_folder).resolve()
    masters = sorted(p for p in folder.glob(f"{folder.name}_*.yaml") if not p.name.endswith(".key.yaml"))
    if not masters:
        raise MedialitError(f"{folder} holds no exercise set.", hint="Give a set folder: sets/<set id>/.")
    exercise_set = load_master(masters[0])
    out = Path(out)
    if out.resolve() == folder.parent.parent:
        raise MedialitError(
            "The students' copy must go to another folder than the course.", hint="Give a new folder."
        )
    target = out / "sets" / folder.name
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    written: list[Path] = []
    data = yaml.safe_load(masters[0].read_text(encoding="utf-8"))
    article_name = str(data.get("article") or "")
    header = {
        "assessed": f"Exercise set {data['id']} (assessed copy: no answers).",
        "practice": f"Exercise set {data['id']} (practice copy: no model answers).",
    }[mode]
    if mode == "assessed":
        from ..exercises.sealed import sealed_data

        kept = sealed_data(exercise_set)
    else:
        kept = strip_answers(data, mode)
    written.append(write_atomic(target / masters[0].name, dump_yaml(kept, header=header)))
    article = folder / article_name
    if article_name and article.is_file():
        written.append(Path(shutil.copyfile(article, target / article.name)))
        key = article.with_name(f"{article.stem}.key.yaml")
        if mode == "practice" and key.is_file():
            written.append(Path(shutil.copyfile(key, target / key.name)))
    notebook = out / "exercises" / exercise_set.notebook_name
    written.append(write_atomic(notebook, render(student_notebook(exercise_set))))
    return written
