"""Exercise sets as data: load the masters, validate them, resolve their references to the key.

A master is a YAML file in ``src/medialit/exercises/masters/`` (schema:
``data/schemas/exercise.schema.json``), named ``<set id>_<slug>.yaml``. Answers that follow from the
answer key are written as queries (:mod:`._refs`) and resolved from the key of the set's article
when the set loads, so every question's :attr:`Question.spec` is what the scoring rules need.

>>> s = get_set("ex01")
>>> s.id, s.notebook_name
('ex01', 'ex01_anatomy.ipynb')
>>> answer_names("ex01")["q1"]
'q1'
>>> get_set("ex01").question("q2").spec["answer"]  # from the key's time expression in paragraph 1
'2021-12-14'

A master stripped of every answer-bearing field (:data:`ANSWER_FIELDS`: an *assessed* set in a
student edition) loads **sealed**: no query is resolved, no answer is needed, and each question's
``spec`` holds only what a form needs to show it (options, items, the last paragraph). Scoring a
sealed question checks the answer's shape only (see :func:`medialit.exercises.score_question`).

The auto-checked questions of the lessons are kept the same way, one file per lesson in
``lessons/`` (``lesson03.yaml``: questions in the masters' format, ids ``A``, ``B``, ...), and load as
sets named ``lesson03`` (``get_set("lesson03").question("A")``); they are never graded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._schema import load_schema, schema_errors, verified
from ..errors import MedialitError
from . import _course, _refs

if TYPE_CHECKING:
    from ..key import AnswerKey
    from ..scoring import Reference

__all__ = [
    "ANSWER_FIELDS",
    "AUTO_TYPES",
    "PUBLIC_FIELDS",
    "QUESTION_TYPES",
    "ExerciseSet",
    "Question",
    "answer_names",
    "builtin_sets",
    "find_question",
    "get_set",
    "lessons_dir",
    "list_sets",
    "load_set",
    "masters_dir",
]

AUTO_TYPES = ("choice", "multi", "paragraphs", "match", "short", "number", "date", "dates", "frames")
QUESTION_TYPES = (*AUTO_TYPES, "widget", "open")
#: The master fields that carry or reveal answers, wherever they occur (from the schema's
#: ``x-answer-fields``); removing them leaves only :data:`PUBLIC_FIELDS`.
ANSWER_FIELDS: tuple[str, ...] = tuple(load_schema("exercise.schema.json")["x-answer-fields"])
#: The master fields a student may see (question text, options, items, points, rubric, widget args, hint).
PUBLIC_FIELDS: tuple[str, ...] = tuple(load_schema("exercise.schema.json")["x-public-fields"])


@dataclass(frozen=True)
class Question:
    """One question of a set, with everything its scoring rule needs.

    ``kind`` names the rule in :mod:`medialit.scoring` (for a widget question, the widget's kind:
    ``marks``, ``quotes``, ``frames``, ``timeline``, ...); ``spec`` is that rule's data, with the
    answers resolved from the key; ``public`` keeps the master's public fields (options as shown, ...).
    """

    id: str
    type: str
    number: str
    title: str
    prompt: str
    points: float | None
    kind: str = ""
    spec: dict[str, Any] = field(default_factory=dict, repr=False)
    explanation: str = field(default="", repr=False)
    hint: str = field(default="", repr=False)
    rubric: tuple[dict[str, str], ...] = field(default=(), repr=False)
    set_id: str = ""
    widget: dict[str, Any] | None = field(default=None, repr=False)
    article: str = field(default="", repr=False)
    answer_variable: str = field(default="", repr=False)
    sealed: bool = field(default=False, repr=False)

    @property
    def auto(self) -> bool:
        """True when the computer grades it; False for an open question the teacher grades."""
        return self.type != "open"

    @property
    def variable(self) -> str:
        """The variable the student assigns in the answer cell (a widget question's may hold the
        widget's answer too, as in the solution notebooks)."""
        return self.answer_variable or self.id

    @property
    def save_as(self) -> str:
        """``"<set>.<question>"``: the name this question's answer is saved under (by a widget, or any
        other tool that saves answers; see :mod:`medialit.answers`)."""
        return f"{self.set_id}.{self.id}"

    @property
    def answer_name(self) -> str:
        """The name a submission's answer goes by: the widget's ``save_as``, else the variable."""
        return self.save_as if self.type == "widget" else self.variable

    @property
    def rule(self) -> str:
        """The sentence that explains how this question is scored."""
        from ..scoring import RULES

        return RULES.get(self.kind, "")


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
    article: str = ""
    sealed: bool = False
    #: a lesson's written question number -> the text its answer box starts with
    starters: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def is_lesson(self) -> bool:
        """True for a lesson's auto-checked questions (``lesson03``), which are never graded."""
        return self.id.startswith("lesson")

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


def lessons_dir() -> Path:
    """The folder that holds the lessons' auto-checked questions (``lesson00.yaml`` ...).

    >>> (lessons_dir() / "lesson03.yaml").is_file()
    True
    """
    return Path(__file__).resolve().parent / "lessons"


@cache
def _builtin_paths() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(masters_dir().glob("ex*_*.yaml")):
        set_id = path.stem.split("_", 1)[0]
        found[set_id] = path
    return found


def _master_paths() -> dict[str, Path]:
    """The kit's own sets, then the sets a teacher generated (``exercises/_course.py`` says where the
    kit looks for them); a built-in id always wins."""
    builtin = _builtin_paths()
    return {**builtin, **{k: v for k, v in _course.set_masters().items() if k not in builtin}}


_master_paths.cache_clear = _builtin_paths.cache_clear  # type: ignore[attr-defined]  # the cached part


def builtin_sets() -> list[str]:
    """The ids of the kit's own exercise sets (``ex01`` ...), without any generated ones.

    >>> builtin_sets()[-1]
    'ex06'
    """
    return list(_builtin_paths())


def _lesson_path(key: str) -> Path | None:
    path = lessons_dir() / f"{key}.yaml"
    return path if path.is_file() else None


def list_sets() -> list[str]:
    """The ids of the exercise sets, in order: the kit's own, then any generated ones found.

    >>> list_sets()[0]
    'ex01'
    """
    return list(_master_paths())


def _stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        info = os.stat(path) if path is not None else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info else None


# set id -> (master's stamp, key file, key's stamp, the loaded set): a set reloads when either changes
_SETS: dict[str, tuple[Any, Path | None, Any, ExerciseSet]] = {}


def get_set(set_id: str) -> ExerciseSet:
    """Load and validate one exercise set by id (``"ex03"``; ``"3"`` and ``"03"`` work too).

    A set is loaded once and loaded again when its master or its article's answer key changes.

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
    path = paths.get(key) or (_lesson_path(key) if key.startswith("lesson") else None)
    if path is None:
        raise MedialitError(
            f"There is no exercise set {set_id!r}.",
            hint=f"The sets are {', '.join(paths) or '(none found)'}.",
        )
    cached = _SETS.get(key)
    if cached and cached[3].path == path and cached[0] == _stamp(path) and cached[2] == _stamp(cached[1]):
        return cached[3]
    stamp = _stamp(path)
    loaded, key_file = _load(key, path)
    _SETS[key] = (stamp, key_file, _stamp(key_file), loaded)
    return loaded


def load_set(path: str | Path) -> ExerciseSet:
    """Load a master from any path (``exNN_<slug>.yaml``), e.g. one a teacher wrote for their own article.

    >>> load_set(masters_dir() / "ex01_anatomy.yaml").id
    'ex01'
    """
    path = Path(path)
    if not path.is_file():
        raise MedialitError(f"There is no master file {path}.", hint="Give the path of an exNN_<slug>.yaml file.")
    return _load(path.stem.split("_", 1)[0], path)[0]


def find_question(save_as: object) -> Question | None:
    """The question a ``"<set>.<question>"`` name belongs to, or None (never raises).

    >>> find_question("ex02.q6").kind, find_question("demo.q1") is None
    ('marks', True)
    """
    if not isinstance(save_as, str) or "." not in save_as:
        return None
    set_id, qid = save_as.split(".", 1)
    try:
        s = get_set(set_id)
        return next((q for q in s.questions if q.id == qid), None)
    except MedialitError:
        return None


class _Context:
    """What resolving one master needs: its article and (loaded on first use) the article's key."""

    def __init__(self, article: str, where: str) -> None:
        self.article_name = article
        self.where = where
        self._key: AnswerKey | None = None

    @property
    def key(self) -> AnswerKey:
        if self._key is None:
            from ..key import answer_key

            self._key = answer_key(self.article_name or None)
        return self._key

    @property
    def reference(self) -> Reference:
        from ..scoring import Reference

        return Reference(self.key.article, self.key)

    @property
    def last_paragraph(self) -> int:
        from ..article import load_article

        return len(load_article(self.article_name or None).paragraphs) - 1


def _article_of(data: dict[str, Any], path: Path) -> str:
    name = data.get("article")
    if not name:
        return ""
    beside = (path.parent / name).resolve()
    return str(beside) if beside.is_file() else str(name)


def _has_answers(node: Any) -> bool:
    """True when an answer-bearing field occurs anywhere in a master (as a mapping's key)."""
    if isinstance(node, dict):
        return any(k in ANSWER_FIELDS for k in node) or any(_has_answers(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_answers(v) for v in node)
    return False


def _load(set_id: str, path: Path) -> tuple[ExerciseSet, Path | None]:
    import yaml

    where = f"{path.parent.name}/{path.name}"
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MedialitError(f"{where} is not valid YAML: {exc}", hint="Fix the master file.") from None
    if set_id.startswith("lesson"):
        checked = verified(raw, "lesson-checks.schema.json", "exercise.schema.json")
        return _load_lesson(set_id, path, data, where, schema_checked=checked)
    sealed = isinstance(data, dict) and not _has_answers(data)
    relax = ANSWER_FIELDS if sealed else ()
    if not verified(raw, "exercise.schema.json", relax=tuple(relax)):
        _validate(data, where, sealed=sealed)
    if data["id"] != set_id or path.stem != f"{set_id}_{data['slug']}":
        raise MedialitError(
            f"{where}: id {data['id']!r} and slug {data['slug']!r} do not match the file name.",
            hint=f"Name the file {data['id']}_{data['slug']}.yaml.",
        )
    context = _Context(_article_of(data, path), where)
    questions = _questions(set_id, data["questions"], context, where, sealed=sealed)
    exercise_set = ExerciseSet(
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
        article=context.article_name,
        sealed=sealed,
    )
    return exercise_set, (context.key.path if context._key is not None else None)


def _load_lesson(
    set_id: str, path: Path, data: Any, where: str, *, schema_checked: bool = False
) -> tuple[ExerciseSet, Path | None]:
    """A lesson's auto-checked questions (schema ``lesson-checks.schema.json``; each question in the
    masters' format); ``schema_checked`` when the file is a shipped one the tests checked."""
    errors = [] if schema_checked else schema_errors(data, "lesson-checks.schema.json")
    if errors:
        place = "/".join(str(p) for p in errors[0].path) or "(top)"
        raise MedialitError(f"{where}, at {place}: {errors[0].message}", hint="Fix the lesson's file.")
    if data["id"] != set_id:
        raise MedialitError(f"{where}: id {data['id']!r} does not match the file name.", hint="Fix the file.")
    for i, raw in enumerate(data.get("questions", [])):
        errors = [] if schema_checked else schema_errors(raw, "exercise.schema.json", part="question")
        if errors:
            place = "/".join(str(p) for p in errors[0].path) or "(top)"
            raise MedialitError(
                f"{where}, question {i + 1}, at {place}: {errors[0].message}", hint="Fix the lesson's file."
            )
    context = _Context(_article_of(data, path), where)
    lesson = str(data["lesson"])
    questions = _questions(set_id, data.get("questions", []), context, where, number=str(int(lesson)))
    exercise_set = ExerciseSet(
        id=set_id,
        slug=set_id,
        title=data["title"],
        lesson=lesson,
        minutes=0,
        objectives=(),
        intro="",
        outro="",
        questions=tuple(questions),
        path=path,
        article=context.article_name,
        starters=dict(data.get("starters") or {}),
    )
    return exercise_set, (context.key.path if context._key is not None else None)


def _questions(
    set_id: str,
    raws: list[dict[str, Any]],
    context: _Context,
    where: str,
    *,
    sealed: bool = False,
    number: str = "",
) -> list[Question]:
    """The questions of a set or lesson, numbered ``<set>.<index>`` (a lesson's ``<lesson>.<id>``)."""
    questions = []
    for index, raw in enumerate(raws, start=1):
        here = f"{where}, question {raw['id']}"
        unknown = sorted(set(raw) - set(ANSWER_FIELDS) - set(PUBLIC_FIELDS))
        if unknown:
            raise MedialitError(f"{here}: unknown field {unknown[0]!r}.", hint="Fix the master file.")
        try:
            kind, spec = _sealed_spec(raw, context) if sealed else _resolve(raw, context)
        except MedialitError as exc:
            raise MedialitError(f"{here}: {exc.message}", hint=exc.hint or "Fix the master file.") from None
        q = Question(
            id=raw["id"],
            type=raw["type"],
            number=(
                f"{number}.{raw['id']}"
                if number
                else str(index)  # a generated set's questions: 1, 2, ...
                if _course.is_generated_id(set_id)
                else f"{int(set_id[2:])}.{index}"
            ),
            title=raw.get("title", ""),
            prompt=raw["prompt"].strip(),
            points=None if raw["type"] == "open" else float(raw["points"]),
            kind=kind,
            spec=spec,
            explanation=raw.get("explanation", "").strip(),
            hint=raw.get("hint", "").strip(),
            rubric=tuple(raw.get("rubric", ())),
            set_id=set_id,
            widget=raw.get("widget"),
            article=context.article_name,
            answer_variable=raw.get("variable", ""),
            sealed=sealed,
        )
        questions.append(q)
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise MedialitError(f"{where}: two questions share an id.", hint="Give each question its own id.")
    return questions


def _validate(data: Any, where: str, *, sealed: bool = False) -> None:
    errors = schema_errors(data, "exercise.schema.json", relax=ANSWER_FIELDS if sealed else ())
    if errors:
        first = errors[0]
        place = "/".join(str(p) for p in first.path) or "(top)"
        raise MedialitError(f"{where}, at {place}: {first.message}", hint="Fix the master file.")


# ---------------------------------------------------------------- resolving answers


def _options(raw: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """The options as shown (letter -> text) and what each stands for in the key (if it says)."""
    texts, stands = {}, {}
    for letter, option in raw["options"].items():
        if isinstance(option, dict):
            texts[letter] = option["text"]
            if "stands_for" in option:
                stands[letter] = option["stands_for"]
        else:
            texts[letter] = option
    return texts, stands


def _letters(query: dict[str, Any], stands: dict[str, Any], context: _Context) -> list[str]:
    """The options whose key value is among what the query finds."""
    found = _refs.resolve(query, context.key)
    possible = _refs.column_values(query, context.key)
    for letter, value in stands.items():
        if value not in possible:
            raise MedialitError(
                f"option {letter} stands for {value!r}, which the key never has there",
                hint="Use a value exactly as the key writes it.",
            )
    return [letter for letter, value in stands.items() if value in found]


def _one(values: list[Any], what: str) -> Any:
    distinct = list(dict.fromkeys(repr(v) for v in values))
    if len(distinct) != 1:
        raise MedialitError(f"{what} must find exactly one value in the key; it finds {len(distinct)}")
    return values[0]


def _resolve(raw: dict[str, Any], context: _Context) -> tuple[str, dict[str, Any]]:
    """The question's scoring kind and its spec, with every query answered from the key."""
    kind = raw["type"]
    keep = ("feedback", "correct", "wrong", "noun", "wrong_noun", "partly", "close", "close_feedback")
    spec: dict[str, Any] = {k: raw[k] for k in keep if k in raw}
    answer: Any = raw.get("answer")
    if kind in ("choice", "multi"):
        spec["options"], stands = _options(raw)
        if _refs.is_query(answer):
            picked = _letters(answer, stands, context)
            if kind == "choice":
                answer = _one(picked, "the answer's query (as options)")
            elif not picked:
                raise MedialitError("the answer's query finds none of the options")
            else:
                answer = picked
        known = spec["options"]
        for letter in [answer] if kind == "choice" else answer:
            if letter not in known:
                raise MedialitError(f"answer {letter!r} is not one of the options")
        spec["answer"] = answer
    elif kind == "match":
        spec["options"], stands = _options(raw)
        items = []
        for i, item in enumerate(raw["items"], start=1):
            letter = item["answer"]
            if _refs.is_query(letter):
                value = _one(_refs.resolve(letter, context.key), f"item {i}'s query")
                matching = [k for k, v in stands.items() if v == value]
                letter = _one(matching, f"item {i}'s key value {value!r} (as options)")
            if letter not in spec["options"]:
                raise MedialitError(f"item {i} answer {letter!r} is not an option")
            items.append({"text": item["text"], "answer": letter})
        spec["items"] = items
    elif kind == "paragraphs":
        values = _refs.resolve(answer, context.key) if _refs.is_query(answer) else answer
        spec.update(
            answer=sorted(set(values)), allow=raw.get("allow", []), last_paragraph=context.last_paragraph
        )
    elif kind == "short":
        accept: Any = raw["accept"]
        spec["accept"] = (
            list(dict.fromkeys(_refs.resolve(accept, context.key))) if _refs.is_query(accept) else accept
        )
        if not spec["accept"]:
            raise MedialitError("the accepted answers' query finds nothing in the key")
    elif kind == "number":
        if _refs.is_query(answer):
            found = _refs.resolve(answer, context.key)
            answer = found if isinstance(found, int) else _one(found, "the answer's query")
        spec["answer"] = answer
    elif kind == "date":
        spec["answer"] = (
            _one(_refs.resolve(answer, context.key), "the answer's query")
            if _refs.is_query(answer)
            else answer
        )
    elif kind == "dates":
        spec["items"] = [
            {
                "text": item["text"],
                "paragraph": item["paragraph"],
                "answer": _one(_refs.resolve(item["answer"], context.key), f"item {i}'s query")
                if _refs.is_query(item["answer"])
                else item["answer"],
            }
            for i, item in enumerate(raw["items"], start=1)
        ]
    elif kind == "frames":
        return "frames", _frames_spec(raw, context)
    elif kind == "widget":
        return _widget_spec(raw, context)
    elif kind == "open":
        return "open", {k: raw[k] for k in ("min_words", "model_answer", "starter") if k in raw}
    return kind, spec


def _sealed_spec(raw: dict[str, Any], context: _Context) -> tuple[str, dict[str, Any]]:
    """A sealed question's kind and what showing it needs, from its public fields only (no key)."""
    kind = raw["type"]
    spec: dict[str, Any] = {"sealed": True}
    if "options" in raw:
        spec["options"] = _options(raw)[0]
    if kind == "match":
        spec["items"] = [{"text": item["text"]} for item in raw["items"]]
    elif kind == "dates":
        spec["items"] = [{"text": item["text"], "paragraph": item["paragraph"]} for item in raw["items"]]
    elif kind in ("paragraphs", "frames"):
        spec["last_paragraph"] = context.last_paragraph
        if kind == "frames":  # the questions asked, as sealed_master() copied them from the key
            spec["items"] = [{k: it[k] for k in ("frame", "item", "question")} for it in raw.get("items") or []]
    elif kind == "widget":
        from ..scoring import WIDGET_KINDS

        kind = WIDGET_KINDS[raw["widget"]["name"]]
        if kind == "frames" and raw.get("items"):  # the frame questions its prompt lists
            spec["items"] = [{k: it[k] for k in ("frame", "item", "question")} for it in raw["items"]]
        return kind, spec
    elif kind == "open":
        spec.update({k: raw[k] for k in ("min_words", "starter") if k in raw})
    return kind, spec


def _rows(
    raw: dict[str, Any], context: _Context, table: str, field_name: str = "targets"
) -> list[dict[str, Any]] | None:
    query = raw.get(field_name)
    if query is None:
        return None
    if not _refs.is_query(query) or "count" in query or query.get("take") or "yields" in query:
        raise MedialitError(f"{field_name} must be a query for rows: {{from: {table}, where: ...}}")
    if field_name == "targets" and query["from"] != table:
        raise MedialitError(f"{field_name} must come from the key table {table!r}, not {query['from']!r}")
    return _refs.resolve(query, context.key)


def _frames_spec(raw: dict[str, Any], context: _Context) -> dict[str, Any]:
    from ..scoring import frames

    rows = _rows(raw, context, "frames")
    order = (raw["targets"].get("where") or {}).get("item") if rows is not None else None
    if rows is not None and isinstance(order, list):  # the items in the order the master lists them
        rows = sorted(rows, key=lambda r: order.index(r["item"]) if r["item"] in order else len(order))
    allow = raw.get("allow") or {}
    if _refs.is_query(allow):
        raise MedialitError("allow for frames gives extra evidence paragraphs per item, like {C1: [1, 8]}")
    items = frames.items_from_rows(rows if rows is not None else context.key.rows("frames"), allow)
    unknown = sorted(set(allow) - {it["item"] for it in items})
    if unknown:
        raise MedialitError(f"allow names item {unknown[0]}, which the question does not ask")
    if not items:
        raise MedialitError("the targets' query finds no frame questions in the key")
    listed = [it.get("item") for it in raw.get("items") or []]
    if listed and listed != [it["item"] for it in items]:
        raise MedialitError(
            f"items lists the frame questions {', '.join(map(str, listed))}, but the targets ask "
            f"{', '.join(it['item'] for it in items)}; make them the same (or leave items out)"
        )
    return {"items": items, "last_paragraph": context.last_paragraph}


def _widget_spec(raw: dict[str, Any], context: _Context) -> tuple[str, dict[str, Any]]:
    from ..scoring import WIDGET_KINDS, labels, marks, quotes, timeline

    name = raw["widget"]["name"]
    args = raw["widget"].get("args") or {}
    kind = WIDGET_KINDS[name]
    ref = context.reference
    if kind == "marks":
        category = args.get("category", "source")
        rows = _rows(raw, context, marks.TABLES.get(category, ""))
        allow = raw.get("allow")
        allow_rows = _rows(raw, context, "", "allow") if allow is not None else None
        spec = marks.spec_from(ref, category, rows=rows, allow_rows=allow_rows, noun=raw.get("noun"))
        if raw.get("not_what"):
            spec["not_what"] = raw["not_what"]
        offered = args.get("paragraphs")
        outside = sorted(
            {t["paragraph"] for t in spec["targets"]} - set(offered or range(len(spec["paragraphs"])))
        )
        if outside:
            raise MedialitError(f"a target in paragraph {outside[0]} is not among the widget's paragraphs")
    elif kind == "quotes":
        spec = quotes.spec_from(ref, _rows(raw, context, "quotes"), raw.get("fields", quotes.FIELDS))
    elif kind == "frames":
        spec = _frames_spec(raw, context)
    elif kind == "timeline":
        spec = timeline.spec_from(ref, _rows(raw, context, "time_expressions"))
    elif kind == "labels":
        spec = labels.spec_from(ref)
    else:
        spec = {}
    if kind in ("marks", "quotes", "timeline") and not (spec.get("targets") or spec.get("items")):
        raise MedialitError("the targets' query finds nothing in the key")
    return kind, spec


def answer_names(set_id: str) -> dict[str, str]:
    """Map each name a submission's answer may go by to its question id.

    Answer cells assign a variable (``q3 = ...``); any question's answer may also be saved under
    ``"<set>.<question>"`` (a widget's ``save_as``; see :mod:`medialit.answers`). A widget
    question's answer may be its own variable too (``q6 = {...}``, as the solution notebooks do);
    a grader gives a saved answer precedence over the variable.

    >>> names = answer_names("ex04")
    >>> names["q1"], names["ex04.q7"], names["q7"], names["ex04.q1"]
    ('q1', 'q7', 'q7', 'q1')
    """
    questions = get_set(set_id).questions
    names = {q.variable: q.id for q in questions}
    names.update({q.save_as: q.id for q in questions})
    return names
