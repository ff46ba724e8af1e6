"""Sample answers for each rubric level, shown beside the answer being marked (calibration).

They are read, if present, from YAML or JSON files in the instructor's ``solutions/`` folder whose
name contains ``calibration`` (``solutions/calibration.yaml``, ``solutions/ex01_calibration.json``,
``solutions/calibration/ex01.yaml``, ...). The reader accepts the shapes such a file naturally takes:

* nested by set and question: ``{ex01: {q9: {beginning: [...], emerging: "...", mastery: [...]}}}``;
* records: ``[{set: ex01, question: q9, level: mastery, answer: "..."}, ...]``
  (``exercise``/``set_id`` for the set, ``text``/``sample`` for the answer also work);
* a file for one set or question giving ``set``/``question`` beside ``samples:`` in either shape.

A question with no samples shows the master's model answer (as an example of mastery) instead.

>>> data = {"ex01": {"q9": {"mastery": ["News first."], "beginning": "No idea."}}}
>>> sorted(samples_in(data)[("ex01", "q9")].items())
[('beginning', ['No idea.']), ('mastery', ['News first.'])]
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

__all__ = ["calibration_files", "default_solutions_dir", "samples_for", "samples_in"]

_LEVELS = ("beginning", "emerging", "mastery")
_SET = re.compile(r"^ex\d{1,3}$", re.IGNORECASE)
_QUESTION = re.compile(r"^q\d{1,3}$", re.IGNORECASE)
_MAX_FILE = 5 * 1024 * 1024


def default_solutions_dir() -> Path | None:
    """The kit's ``solutions/`` folder in a source checkout, or ``./solutions``; None if neither."""
    from .._paths import data_dir

    for candidate in (data_dir().parent / "solutions", Path.cwd() / "solutions"):
        if candidate.is_dir():
            return candidate
    return None


def calibration_files(folder: Path | None) -> list[Path]:
    """The calibration files in ``folder`` (and one level of sub-folders), in a stable order."""
    if folder is None or not Path(folder).is_dir():
        return []
    found = []
    for pattern in ("*calibration*", "calibration*/*", "*/*calibration*"):
        for path in Path(folder).glob(pattern):
            if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".json"):
                found.append(path)
    return sorted(set(found))


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("answer", item.get("text", item.get("sample")))
            out += _texts(item)
        return out
    return []


def samples_in(data: Any, context: tuple[str, str] = ("", "")) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Every sample in one file's data, by ``(set, question)`` then level."""
    found: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(where: tuple[str, str], level: str, texts: list[str]) -> None:
        if where[0] and where[1] and level in _LEVELS and texts:
            found[where][level] += texts

    def walk(node: Any, where: tuple[str, str]) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, where)
            return
        if not isinstance(node, dict):
            return
        set_id = node.get("set", node.get("exercise", node.get("set_id", where[0])))
        question = node.get("question", node.get("question_id", where[1]))
        here = (str(set_id).lower(), str(question).lower())
        if isinstance(node.get("level"), str):
            add(
                here,
                node["level"].strip().lower(),
                _texts(node.get("answer", node.get("text", node.get("sample")))),
            )
        for key, value in node.items():
            name = str(key).strip().lower()
            if name in _LEVELS:
                add(here, name, _texts(value))
            elif _SET.match(name):
                walk(value, (name, here[1]))
            elif _QUESTION.match(name):
                walk(value, (here[0], name))
            elif isinstance(value, dict | list) and name not in ("rubric",):
                walk(value, here)

    walk(data, context)
    return {k: dict(v) for k, v in found.items()}


def _load(path: Path) -> Any:
    try:
        if path.stat().st_size > _MAX_FILE:
            return None
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".json":
            return json.loads(text)
        import yaml

        return yaml.safe_load(text)
    except (OSError, ValueError, UnicodeDecodeError, Exception):
        return None


def samples_for(set_id: str, question_id: str, folder: Path | None) -> dict[str, list[str]]:
    """The sample answers per level for one question (``{}`` when there are none).

    Samples given in the question's master (a ``samples`` or ``calibration`` entry) come first.
    """
    from medialit import exercises

    merged: dict[str, list[str]] = defaultdict(list)
    question = exercises.get_set(set_id).question(question_id)
    for key in ("samples", "calibration"):
        if key in question.spec:
            for level, texts in (
                samples_in(question.spec[key], (set_id, question.id)).get((set_id, question.id), {}).items()
            ):
                merged[level] += texts
    for path in calibration_files(folder):
        data = _load(path)
        if data is None:
            continue
        guess = (set_id if set_id in path.name.lower() else "", "")
        for level, texts in samples_in(data, guess).get((set_id, question.id), {}).items():
            merged[level] += [t for t in texts if t not in merged[level]]
    return {level: merged[level] for level in _LEVELS if merged[level]}
