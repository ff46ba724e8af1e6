"""Exercise sets as data: load the masters, validate them, and describe their questions.

A master is a YAML file in ``src/medialit/exercises/masters/`` (schema:
``data/schemas/exercise.schema.json``). Its name is ``<set id>_<slug>.yaml``.

>>> s = get_set("ex01")
>>> s.id, s.notebook_name
('ex01', 'ex01_anatomy.ipynb')
>>> answer_names("ex01")["q1"]
'q1'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .._schema import schema_errors
from ..errors import MedialitError

__all__ = [
    "AUTO_TYPES",
    "QUESTION_TYPES",
    "ExerciseSet",
    "Question",
    "answer_names",
    "get_set",
    "list_sets",
    "masters_dir",
]

AUTO_TYPES = ("choice", "multi", "paragraphs", "match", "short", "number", "date", "dates", "frames")
QUESTION_TYPES = (*AUTO_TYPES, "widget", "open")


@dataclass(frozen=True)
class Question:
    """One question of a set.

    ``spec`` holds the type's own data (options, answer, items, ...). A widget question scores
    its answer as ``spec["score_as"]`` (another type) after converting the widget's saved data.
    """

    id: str
    type: str
    number: str
    title: str
    prompt: str
    points: float | None
    spec: dict[str, Any] = field(repr=False)
    explanation: str = field(default="", repr=False)
    hint: str = field(default="", repr=False)
    rubric: tuple[dict[str, str], ...] = field(default=(), repr=False)
    set_id: str = ""

    @property
    def auto(self) -> bool:
        """True when the computer grades it; False for an open question the teacher grades."""
        return self.type != "open"

    @property
    def variable(self) -> str | None:
        """The variable the student assigns in the answer cell (None for widget questions)."""
        return None if self.type == "widget" else self.spec.get("variable", self.id)

    @property
    def save_as(self) -> str | None:
        """``"<set>.<question>"`` for a widget question (the widget's ``save_as``), else None."""
        return f"{self.set_id}.{self.id}" if self.type == "widget" else None

    @property
    def answer_name(self) -> str:
        """The name a submission's answer goes by: the variable, or the widget's ``save_as``."""
        return self.save_as or self.variable or self.id

    @property
    def scored_type(self) -> str:
        """The type whose rules score the answer (a widget question's ``score_as`` type)."""
        return self.spec["score_as"]["type"] if self.type == "widget" else self.type


@dataclass(frozen=True)
class ExerciseSet:
    """An exercise set: its questions in order, plus the text around them."""

    id: str
    slug: str
    title: str
    lesson: str
    minutes: int
    objectives: tuple[str, ...]
    intro: str
    outro: str
    questions: tuple[Question, ...]
    path: Path | None = field(default=None, repr=False)

    @property
    def notebook_name(self) -> str:
        """File name of the generated notebooks, e.g. ``ex01_anatomy.ipynb``."""
        return f"{self.id}_{self.slug}.ipynb"

    @property
    def max_points(self) -> float:
        """The auto-graded total (open questions are graded by the teacher and not included)."""
        return float(sum(q.points or 0 for q in self.questions if q.auto))

    def question(self, question_id: str) -> Question:
        """The question with this id (``"q3"``, also ``"ex01.q3"`` or ``"3"``).

        >>> get_set("ex01").question("ex01.q2").id
        'q2'
        """
        wanted = str(question_id).strip()
        if wanted.startswith(f"{self.id}."):
            wanted = wanted[len(self.id) + 1 :]
        for q in self.questions:
            if wanted in (q.id, q.number, q.number.split(".")[-1]) or wanted == q.variable:
                return q
        names = ", ".join(repr(q.id) for q in self.questions)
        raise MedialitError(
            f"Exercise set {self.id} has no question {question_id!r}.",
            hint=f'Its questions are {names}; write the name in quotes, like check("q3").',
        )


def masters_dir() -> Path:
    """The folder that holds the exercise masters.

    >>> (masters_dir() / "ex01_anatomy.yaml").is_file()
    True
    """
    return Path(__file__).resolve().parent / "masters"


@cache
def _master_paths() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(masters_dir().glob("ex*_*.yaml")):
        set_id = path.stem.split("_", 1)[0]
        found[set_id] = path
    return found


def list_sets() -> list[str]:
    """The ids of the exercise sets, in order.

    >>> list_sets()[0]
    'ex01'
    """
    return list(_master_paths())


def get_set(set_id: str) -> ExerciseSet:
    """Load and validate one exercise set by id (``"ex03"``; ``"3"`` and ``"03"`` work too).

    >>> [q.type for q in get_set("ex01").questions][:2]
    ['choice', 'date']
    >>> get_set("ex99")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: There is no exercise set 'ex99'. ...
    """
    key = str(set_id).strip().lower()
    if key.isdigit():
        key = f"ex{int(key):02d}"
    paths = _master_paths()
    if key not in paths:
        raise MedialitError(
            f"There is no exercise set {set_id!r}.",
            hint=f"The sets are {', '.join(paths) or '(none found)'}.",
        )
    return _load(key, paths[key])


@cache
def _load(set_id: str, path: Path) -> ExerciseSet:
    import yaml

    where = f"{path.parent.name}/{path.name}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MedialitError(f"{where} is not valid YAML: {exc}", hint="Fix the master file.") from None
    _validate(data, where)
    if data["id"] != set_id or path.stem != f"{set_id}_{data['slug']}":
        raise MedialitError(
            f"{where}: id {data['id']!r} and slug {data['slug']!r} do not match the file name.",
            hint=f"Name the file {data['id']}_{data['slug']}.yaml.",
        )
    questions = []
    for index, raw in enumerate(data["questions"], start=1):
        spec = {
            k: v
            for k, v in raw.items()
            if k not in {"id", "type", "title", "prompt", "points", "explanation", "hint", "rubric"}
        }
        q = Question(
            id=raw["id"],
            type=raw["type"],
            number=f"{int(set_id[2:])}.{index}",
            title=raw.get("title", ""),
            prompt=raw["prompt"].strip(),
            points=None if raw["type"] == "open" else float(raw["points"]),
            spec=spec,
            explanation=raw.get("explanation", "").strip(),
            hint=raw.get("hint", "").strip(),
            rubric=tuple(raw.get("rubric", ())),
            set_id=set_id,
        )
        _check_question(q, f"{where}, question {q.id}")
        questions.append(q)
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise MedialitError(f"{where}: two questions share an id.", hint="Give each question its own id.")
    return ExerciseSet(
        id=set_id,
        slug=data["slug"],
        title=data["title"],
        lesson=str(data["lesson"]),
        minutes=int(data["minutes"]),
        objectives=tuple(data["objectives"]),
        intro=data.get("intro", "").strip(),
        outro=data.get("outro", "").strip(),
        questions=tuple(questions),
        path=path,
    )


def _validate(data: Any, where: str) -> None:
    errors = schema_errors(data, "exercise.schema.json")
    if errors:
        first = errors[0]
        place = "/".join(str(p) for p in first.path) or "(top)"
        raise MedialitError(f"{where}, at {place}: {first.message}", hint="Fix the master file.")


def _check_question(q: Question, where: str) -> None:
    """Consistency the schema cannot express: answers refer to existing options, and so on."""
    spec = q.spec["score_as"] if q.type == "widget" else q.spec
    kind = q.scored_type
    problems: list[str] = []
    options = spec.get("options", {})
    if kind == "choice" and spec["answer"] not in options:
        problems.append(f"answer {spec['answer']!r} is not one of the options")
    if kind == "multi":
        problems += [f"answer {a!r} is not an option" for a in spec["answer"] if a not in options]
    if kind == "match":
        problems += [
            f"item {i} answer {item['answer']!r} is not an option"
            for i, item in enumerate(spec["items"], start=1)
            if item["answer"] not in options
        ]
    if kind in ("multi", "choice", "match"):
        problems += [
            f"feedback for unknown option {k!r}" for k in spec.get("feedback", {}) if k not in options
        ]
    if problems:
        raise MedialitError(f"{where}: {problems[0]}.", hint="Fix the master file.")


def answer_names(set_id: str) -> dict[str, str]:
    """Map each answer's name in a notebook to its question id.

    Answer cells assign a variable (``q3 = ...``); widget questions save under the widget's
    ``save_as`` (``"ex04.q6"``), and their answer may also be assigned to the question's own
    variable (``q6 = {...}``, as the solution notebooks do). A grader gives the widget's saved
    answer precedence over that variable.

    >>> names = answer_names("ex04")
    >>> names["q1"], names["ex04.q7"], names["q7"]
    ('q1', 'q7', 'q7')
    """
    questions = get_set(set_id).questions
    names = {q.answer_name: q.id for q in questions}
    names.update({q.id: q.id for q in questions if q.type == "widget"})
    return names
