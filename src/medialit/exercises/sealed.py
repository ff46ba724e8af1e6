"""Sealed masters: an exercise set's master without its answers, for an *assessed* set.

A student edition of the kit can ship a set in one of two modes:

- **practice**: the full master; forms, widgets, ``check()`` and ``progress()`` give verdicts;
- **assessed**: the master written by :func:`sealed_master`, which leaves out every answer-bearing
  field (:data:`~medialit.exercises.ANSWER_FIELDS`) and lists, for a frames question, the frame
  questions it asks (``items``: code, frame and wording, which its stripped ``targets`` held).
  Such a master loads *sealed*
  (``get_set(...).sealed``): the student notebook is the same, every form and widget still saves
  its answer into the notebook, but nothing shows a verdict; ``check()`` says the answer is saved
  and well-formed and that the teacher will mark it.

A master with some answer-bearing fields but not all is an error, not a sealed master (a field a
teacher forgot is named), so a set cannot become sealed by accident.

>>> text = sealed_master("ex03")
>>> "answer:" in text or "targets:" in text
False
>>> data = strip_answers({"id": "x", "questions": [{"prompt": "P?", "answer": "b", "hint": "Look."}]})
>>> data
{'id': 'x', 'questions': [{'prompt': 'P?', 'hint': 'Look.'}]}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import MedialitError
from ._model import ANSWER_FIELDS, ExerciseSet, get_set, load_set

__all__ = ["sealed_data", "sealed_master", "strip_answers"]


def strip_answers(data: Any) -> Any:
    """A copy of a master's data (as YAML loads it) without any answer-bearing field, at any depth.

    >>> strip_answers([{"options": {"a": "yes"}, "feedback": {"a": "Right."}}])
    [{'options': {'a': 'yes'}}]
    """
    if isinstance(data, dict):
        return {k: strip_answers(v) for k, v in data.items() if k not in ANSWER_FIELDS}
    if isinstance(data, list):
        return [strip_answers(v) for v in data]
    return data


def sealed_data(master: str | Path | ExerciseSet) -> dict[str, Any]:
    """A master's data without its answers, plus what its stripped queries held that students see
    (the frame questions a frames question asks, as ``items``).

    ``master`` is a set id (``"ex03"``), a master file (any ``exNN_<slug>.yaml``, e.g. in another
    checkout of the kit) or a loaded set. The full master is loaded once, so its key must be at hand.

    >>> [it["item"] for it in sealed_data("ex04")["questions"][1]["items"]]
    ['C1', 'C2', 'C3', 'C4', 'H1']
    """
    import yaml

    if isinstance(master, ExerciseSet):
        exercise_set = master
    elif isinstance(master, Path) or (isinstance(master, str) and master.endswith((".yaml", ".yml"))):
        exercise_set = load_set(master)
    else:
        exercise_set = get_set(master)
    if exercise_set.path is None:  # pragma: no cover - every loaded set has a master file
        raise ValueError(f"{exercise_set.id} has no master file")
    if exercise_set.sealed:
        raise MedialitError(
            f"{exercise_set.path.name} is sealed already: it holds no answers to leave out.",
            hint="Seal the teacher's master, which holds the answers.",
        )
    data = yaml.safe_load(exercise_set.path.read_text(encoding="utf-8"))
    for raw in data["questions"]:  # which frame questions are asked is public, though its query is not
        q = exercise_set.question(raw["id"])
        if q.kind == "frames" and q.spec.get("items"):
            raw["items"] = [{k: it[k] for k in ("item", "frame", "question")} for it in q.spec["items"]]
    return strip_answers(data)


def sealed_master(set_id: str) -> str:
    """The YAML text of a set's master without its answers (:func:`sealed_data`): what a student
    edition ships for an assessed set, under the same file name in its masters folder.

    >>> import yaml
    >>> sorted(yaml.safe_load(sealed_master("ex01"))["questions"][0])
    ['hint', 'id', 'options', 'points', 'prompt', 'title', 'type']
    """
    import yaml

    exercise_set = get_set(set_id)
    header = (
        f"# {exercise_set.id}, sealed: an assessed set. Its answers are not in this copy of the kit;\n"
        "# the teacher's copy grades it (see medialit.exercises.sealed).\n"
    )
    data = sealed_data(exercise_set)
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
