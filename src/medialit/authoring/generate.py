"""Generate an exercise set for a teacher's article from its reviewed key.

``medialit generate-set ARTICLE.txt [--key KEY.yaml] [--course DIR] [--kinds ...] [--points ...]
[--config FILE]`` (or :func:`generate_set`) writes a **master** in the kit's master format
(``data/schemas/exercise.schema.json``) whose questions refer to the key with queries
(:mod:`medialit.exercises._refs`) - the master never copies the key - and builds its student and
solution notebooks with the kit's builder. The question kinds are the kit's own, so the same forms,
widgets and one-rule scoring apply, and ``medialit grade`` grades the set like a built-in one.

The set lives in a folder of its own, ``DIR/sets/<set id>/``: the master, the article and a copy of
the key. The notebooks go to ``DIR/exercises/`` and ``DIR/solutions/``; a notebook run from there
finds its set (``medialit.exercises._course`` gives the search rules), and so does
``medialit grade --course DIR``.

Question kinds (templates in ``authoring/data/question_templates.yaml``): ``sources`` (the
highlighter), ``quotes`` (the quote tracker), ``cue-stance`` (matching cues to their stance),
``verb-swap``, ``frames`` (the frame check), ``timeline``, ``absent-voices`` (a multiple choice) and
``open`` (an open question with the kit's standard rubric). A kind the key cannot support (no time
expression for a timeline, ...) is left out, and the result says why.

>>> import shutil, tempfile
>>> from medialit.key import answer_key
>>> course = Path(tempfile.mkdtemp())
>>> made = generate_set(None, answer_key().path, course=course, kinds=["quotes", "timeline", "open"])
>>> made.set_id, [p.relative_to(course).parts for p in made.notebooks]  # doctest: +NORMALIZE_WHITESPACE
('putin-nato-talks', [('exercises', 'putin-nato-talks_close-reading.ipynb'),
                      ('solutions', 'putin-nato-talks_close-reading.ipynb')])
>>> shutil.rmtree(course)
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MedialitError

if TYPE_CHECKING:
    from ..article import Article
    from ..key import AnswerKey

__all__ = ["KINDS", "GeneratedSet", "build_master", "generate_set", "main", "set_id_for", "templates"]

#: the question kinds a teacher may choose, in their default order
KINDS = ("sources", "quotes", "cue-stance", "verb-swap", "frames", "timeline", "absent-voices", "open")
_DATA = Path(__file__).resolve().parent / "data"


@cache
def templates() -> dict[str, Any]:
    """The question templates (validated against ``authoring-templates.schema.json``).

    >>> sorted(templates()["kinds"]) == sorted(KINDS)
    True
    """
    import yaml

    from .._schema import schema_errors

    data = yaml.safe_load((_DATA / "question_templates.yaml").read_text(encoding="utf-8"))
    errors = schema_errors(data, "authoring-templates.schema.json")
    if errors:
        where = "/".join(map(str, errors[0].path)) or "(top)"
        raise MedialitError(
            f"question_templates.yaml, at {where}: {errors[0].message}", hint="Fix the templates."
        )
    return data


def set_id_for(article_id: str) -> str:
    """A set id from an article's name: lower-case words joined by hyphens, without a trailing date.

    >>> set_id_for("voa-asean-chief-2013-01-09"), set_id_for("Election_Night"), set_id_for("ex01")
    ('voa-asean-chief', 'election-night', 'ex01-set')
    >>> set_id_for("lessons-of-war")  # the lessons' own question sets are lesson00 ...
    'set-lessons-of-war'
    """
    words = re.sub(r"[-_ ]?\d{4}-\d{2}-\d{2}$", "", article_id.lower())
    words = "-".join(w for w in re.split(r"[^a-z0-9]+", words) if w)
    if not words or not words[0].isalpha() or words.startswith("lesson"):
        words = f"set-{words}" if words else "my-article"
    return words if "-" in words else f"{words}-set"


@dataclass
class GeneratedSet:
    """What :func:`generate_set` wrote: the set's folder and master, its notebooks, and the kinds it
    left out (kind -> why)."""

    set_id: str
    folder: Path
    master: Path
    notebooks: list[Path]
    skipped: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- the questions


class _Context:
    def __init__(self, article: Article, key: AnswerKey, config: dict[str, Any]) -> None:
        from ..scoring import Reference

        self.article = article
        self.key = key
        self.config = config
        self.ref = Reference(article, key)
        self.skipped: dict[str, str] = {}

    def points(self, kind: str) -> float:
        points = (self.config.get("points") or {}).get(kind, templates()["kinds"][kind].get("points"))
        return int(points) if float(points).is_integer() else float(points)


def _common(kind: str, ctx: _Context, **fill: Any) -> dict[str, Any]:
    t = templates()["kinds"][kind]
    q: dict[str, Any] = {"title": t["title"], "prompt": t["prompt"].format(**fill).strip()}
    if kind != "open":
        q["points"] = ctx.points(kind)
    return q


def _tail(kind: str) -> dict[str, Any]:
    t = templates()["kinds"][kind]
    return {"hint": t["hint"].strip(), "explanation": t["explanation"].strip()}


def _q_sources(ctx: _Context) -> dict[str, Any] | None:
    from ..scoring import marks

    rows = [r for r in ctx.key.rows("appearances") if r["mode"] != "mentioned"]
    targets = marks.targets_from_rows(ctx.ref, "source", rows)
    chosen = ctx.config.get("paragraphs")
    if chosen:
        first, last = int(chosen[0]), int(chosen[1])
        targets = [t for t in targets if first <= t["paragraph"] <= last]
    elif targets:
        first, last = min(t["paragraph"] for t in targets), max(t["paragraph"] for t in targets)
    if not targets:
        ctx.skipped["sources"] = "no source in the key can be marked (none is named where it speaks)"
        return None
    t = templates()["kinds"]["sources"]
    return {
        "type": "widget",
        **_common("sources", ctx, first=first, last=last),
        "widget": {
            "name": "highlighter",
            "args": {"category": "source", "paragraphs": list(range(first, last + 1)), "show_answers": False},
        },
        "noun": t["noun"],
        "not_what": t["not_what"],
        "targets": {
            "from": "appearances",
            "where": {"paragraph": {"between": [first, last]}, "mode": {"not": "mentioned"}},
        },
        **_tail("sources"),
    }


def _q_quotes(ctx: _Context) -> dict[str, Any] | None:
    rows = ctx.key.rows("quotes")
    if not rows:
        ctx.skipped["quotes"] = "the key lists no quotation"
        return None
    return {
        "type": "widget",
        **_common("quotes", ctx, count=len(rows)),
        "widget": {"name": "quote_tracker", "args": {}},
        "fields": list(templates()["kinds"]["quotes"]["fields"]),
        "targets": {"from": "quotes"},
        **_tail("quotes"),
    }


def _snippet(article: Article, paragraph: int, cue: str, words: int = 7) -> str:
    """ "… the words around **cue** …" from the paragraph (the article's own text)."""
    text = article.paragraphs[paragraph]
    found = article.find(cue, paragraph=paragraph)
    if not found:
        return f"“{cue}”"
    start = article.paragraph_spans[paragraph][0]
    a, b = found[0][1] - start, found[0][2] - start
    before, after = text[:a].split(), text[b:].split()
    lead = ("… " if len(before) > words else "") + " ".join(before[-words:])
    tail = " ".join(after[:words]) + (" …" if len(after) > words else "")
    return f"{lead} **{text[a:b]}** {tail}".strip()


def _q_cue_stance(ctx: _Context) -> dict[str, Any] | None:
    t = templates()["kinds"]["cue-stance"]
    limit = int(ctx.config.get("cue_items") or t["max_items"])
    rows = ctx.key.rows("attributions")
    stance: dict[tuple[int, str], set[str]] = {}
    for r in rows:
        stance.setdefault((r["paragraph"], r["cue"]), set()).add(r["connotation"])
    usable = [(p, c) for (p, c), s in stance.items() if len(s) == 1 and ctx.article.find(c, paragraph=p)]
    by_class: dict[str, list[tuple[int, str]]] = {}
    for p, c in usable:
        by_class.setdefault(next(iter(stance[(p, c)])), []).append((p, c))
    picked: list[tuple[int, str]] = []
    while len(picked) < limit and any(by_class.values()):  # take the classes in turn, so all show up
        for cls in ("evaluative", "distancing", "neutral"):
            if by_class.get(cls) and len(picked) < limit:
                picked.append(by_class[cls].pop(0))
    picked.sort()
    if len(picked) < 2:
        ctx.skipped["cue-stance"] = "the key has fewer than two attribution cues to match"
        return None
    return {
        "type": "match",
        **_common("cue-stance", ctx, count=len(picked)),
        "items": [
            {
                "text": f"¶{p} {_snippet(ctx.article, p, c)}",
                "answer": {
                    "from": "attributions",
                    "where": {"paragraph": p, "cue": c},
                    "take": "connotation",
                },
            }
            for p, c in picked
        ],
        "options": {
            letter: {"text": t["options"][cls], "stands_for": cls}
            for letter, cls in zip("abc", ("neutral", "evaluative", "distancing"), strict=True)
        },
        **_tail("cue-stance"),
    }


def _q_verb_swap(ctx: _Context) -> dict[str, Any] | None:
    if not ctx.key.rows("attributions"):
        ctx.skipped["verb-swap"] = "the key lists no attribution cue to swap"
        return None
    return {
        "type": "widget",
        **_common("verb-swap", ctx),
        "widget": {"name": "verb_swap", "args": {}},
        **_tail("verb-swap"),
    }


def _q_frames(ctx: _Context) -> dict[str, Any] | None:
    rows = ctx.key.rows("frames")
    wanted = ctx.config.get("frame_items")
    items = [r["item"] for r in rows if not wanted or r["item"] in wanted]
    if wanted:
        missing = sorted(set(wanted) - set(items))
        if missing:
            raise MedialitError(
                f"The key does not answer the frame question {missing[0]}.",
                hint="Choose frame_items among: " + ", ".join(r["item"] for r in rows) + ".",
            )
        items = [i for i in wanted if i in items]
    if not items:
        ctx.skipped["frames"] = "the key answers no frame question"
        return None
    return {
        "type": "widget",
        **_common("frames", ctx, count=len(items)),
        "widget": {"name": "frame_check", "args": {}},
        "targets": {"from": "frames", "where": {"item": items}},
        **_tail("frames"),
    }


def _q_timeline(ctx: _Context) -> dict[str, Any] | None:
    rows = ctx.key.rows("time_expressions")
    if not rows:
        ctx.skipped["timeline"] = "the key lists no time expression"
        return None
    return {
        "type": "widget",
        **_common("timeline", ctx, count=len(rows)),
        "widget": {"name": "timeline", "args": {}},
        "targets": {"from": "time_expressions"},
        **_tail("timeline"),
    }


def _q_absent_voices(ctx: _Context) -> dict[str, Any] | None:
    t = templates()["kinds"]["absent-voices"]
    absent = [r["name"] for r in ctx.key.rows("absent_voices") if r["name"]]
    if not absent:
        ctx.skipped["absent-voices"] = "the key lists no absent voice"
        return None
    heard: dict[str, int] = {}
    for a in ctx.key.rows("appearances"):
        if a["mode"] != "mentioned" and a["source"] not in absent:
            heard[a["source"]] = heard.get(a["source"], 0) + 1
    distractors = sorted(heard, key=lambda n: (-heard[n], n))[: int(t["distractors"])]
    names = sorted(set(absent) | set(distractors), key=str.casefold)[:26]
    options: dict[str, Any] = {}
    feedback: dict[str, str] = {}
    for letter, name in zip("abcdefghijklmnopqrstuvwxyz", names, strict=False):
        options[letter] = {"text": name, "stands_for": name} if name in absent else name
        if name not in absent:
            feedback[letter] = t["distractor_feedback"]
    q = {
        "type": "multi",
        **_common("absent-voices", ctx),
        "options": options,
        "answer": {"from": "absent_voices", "take": "name"},
        "noun": t["noun"],
        **_tail("absent-voices"),
    }
    if feedback:
        q["feedback"] = feedback
    return q


def _q_open(ctx: _Context) -> dict[str, Any] | None:
    t = templates()["kinds"]["open"]
    return {
        "type": "open",
        **_common("open", ctx),
        "min_words": t["min_words"],
        "model_answer": t["model_answer"].strip(),
        "rubric": [dict(r) for r in templates()["rubric"]],
        **_tail("open"),
    }


_BUILDERS = {
    "sources": _q_sources,
    "quotes": _q_quotes,
    "cue-stance": _q_cue_stance,
    "verb-swap": _q_verb_swap,
    "frames": _q_frames,
    "timeline": _q_timeline,
    "absent-voices": _q_absent_voices,
    "open": _q_open,
}
_MINUTES = {"open": 5.0, "cue-stance": 2.0, "absent-voices": 1.5}  # a widget question: 5


def build_master(
    article: Article, key: AnswerKey, *, set_id: str, config: dict[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The master (plain data) for ``article`` and its key, and the kinds left out (kind -> why)."""
    config = dict(config or {})
    ctx = _Context(article, key, config)
    kinds = list(config.get("kinds") or KINDS)
    questions: list[dict[str, Any]] = []
    for kind in kinds:
        q = _BUILDERS[kind](ctx)
        if q is not None:
            questions.append({"id": f"q{len(questions) + 1}", **q})
    if not questions:
        raise MedialitError(
            "None of the chosen question kinds fits this key: "
            + "; ".join(f"{k}: {why}" for k, why in ctx.skipped.items())
            + ".",
            hint="Add entries to the key (in the review widget), or choose other kinds.",
        )
    included = [k for k in kinds if k not in ctx.skipped]
    words = len(article.text.split())
    minutes = words / 130 + sum(_MINUTES.get(k, 5.0) for k in included)
    date = f", {article.date.strftime('%d %B %Y').lstrip('0')}" if article.date else ""
    master = {
        "id": set_id,
        "slug": config.get("slug") or "close-reading",
        "title": config.get("title") or f"Close reading · {article.headline}",
        "lesson": config.get("lesson") or "07",
        "minutes": max(10, min(120, math.ceil(minutes / 5) * 5)),
        "objectives": [templates()["kinds"][k]["objective"] for k in included],
        "intro": f"These questions are about the article “{article.headline}”{date}. "
        "Paragraph 0 is the headline; the body starts at paragraph 1.",
        "article": f"{article.id}.txt",
        "questions": questions,
    }
    return master, ctx.skipped


# ---------------------------------------------------------------- writing the set


def _load_config(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    import json

    import yaml

    from .._schema import schema_errors

    path = Path(path)
    if not path.is_file():
        raise MedialitError(f"There is no config file {path}.", hint="Give a YAML or JSON file.")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise MedialitError(f"{path} cannot be read: {exc}", hint="Check the file's syntax.") from None
    data = data or {}
    errors = schema_errors(data, "authoring-config.schema.json")
    if errors:
        where = "/".join(map(str, errors[0].path)) or "(top)"
        raise MedialitError(
            f"{path}, at {where}: {errors[0].message}.",
            hint="docs/authoring.md and data/schemas/authoring-config.schema.json say what it may hold.",
        )
    return data


def _master_text(master: dict[str, Any], key_name: str) -> str:
    from ._files import dump_yaml

    header = (
        f"Exercise set {master['id']}, generated by `medialit generate-set` for {master['article']}.\n"
        f"Answers that follow from the key ({key_name}, beside this file) are queries,\n"
        "resolved when the set loads.\n"
        f"After editing, rebuild the notebooks: medialit build-exercises --master sets/{master['id']}/"
        f"{master['id']}_{master['slug']}.yaml"
    )
    return dump_yaml(master, header=header)


def generate_set(
    article: Article | str | Path | None,
    key: str | Path | None = None,
    *,
    course: str | Path = ".",
    set_id: str | None = None,
    kinds: list[str] | None = None,
    points: dict[str, float] | None = None,
    config: dict[str, Any] | str | Path | None = None,
    force: bool = False,
) -> GeneratedSet:
    """Write the set's folder (master, article, key) under ``course/sets/`` and build its notebooks.

    ``article`` and ``key`` default to each other (``<name>.key.yaml`` beside ``<name>.txt``); the key
    must be finished (no ``draft: true`` left). ``kinds``, ``points`` and ``set_id`` override the same
    entries of ``config`` (a dict, or a YAML/JSON file: ``authoring-config.schema.json``).
    """
    from ..article import load_article
    from ..exercises.build import build_set, load_master
    from ..key import key_path_for, load_key, unfinished

    settings = dict(config) if isinstance(config, dict) else _load_config(config)
    if kinds is not None:
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise MedialitError(
                f"There is no question kind {unknown[0]!r}.", hint="Kinds: " + ", ".join(KINDS) + "."
            )
        settings["kinds"] = list(dict.fromkeys(kinds))
    if points:
        settings["points"] = {**(settings.get("points") or {}), **points}
    if article is None and key is not None:
        loaded = load_key(key)
        art = loaded.article
    else:
        art = load_article(article)
        key_file = Path(key) if key is not None else key_path_for(art)
        if not key_file.is_file():
            raise MedialitError(
                f"There is no answer key for {art.id} ({key_file}).",
                hint=f"Draft one with: medialit draft-key {art.path or art.id}, and review it.",
            )
        loaded = load_key(key_file, art)
    left = unfinished(loaded.data, where=str(loaded.path))
    if left:
        raise MedialitError(
            f"The key still has {len(left)} draft entries: {left[0]}",
            hint="Finish the review in the review widget (accept, correct or delete each draft entry).",
        )
    sid = set_id or settings.get("id") or set_id_for(art.id)
    from ..exercises._course import is_generated_id

    if not is_generated_id(sid):
        raise MedialitError(
            f"{sid!r} cannot be a set id.",
            hint="Use lower-case words joined by hyphens, like 'election-night' (ex01 ... and lesson03 ... "
            "are the kit's).",
        )
    course = Path(course)
    folder = course / "sets" / sid
    master_path = folder / f"{sid}_{settings.get('slug') or 'close-reading'}.yaml"
    if folder.exists() and any(folder.iterdir()) and not force:
        raise MedialitError(
            f"{folder} already exists.", hint="Give another --id, or add --force to replace the set."
        )
    master, skipped = build_master(art, loaded, set_id=sid, config=settings)
    from ._files import dump_yaml, write_atomic

    if folder.exists() and force:
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    article_copy = folder / f"{art.id}.txt"
    key_copy = folder / f"{art.id}.key.yaml"
    if art.path is not None:
        shutil.copyfile(art.path, article_copy)
    else:
        article_copy.write_text(art.text, encoding="utf-8")
    if loaded.path is not None:
        shutil.copyfile(loaded.path, key_copy)
    else:
        write_atomic(key_copy, dump_yaml(loaded.data))
    write_atomic(master_path, _master_text(master, key_copy.name))
    try:
        exercise_set = load_master(master_path)
    except MedialitError as exc:  # a query that does not fit the key: a bug here, or a hand-edited key
        raise MedialitError(f"The generated set does not load: {exc.message}", hint=exc.hint) from None
    notebooks = build_set(exercise_set, course)
    return GeneratedSet(sid, folder, master_path, notebooks, skipped)


def _points(values: list[str]) -> dict[str, float]:
    out = {}
    for value in values:
        kind, _, number = value.partition("=")
        try:
            out[kind.strip()] = float(number)
        except ValueError:
            raise MedialitError(f"--points {value!r}: write KIND=NUMBER, like sources=4.") from None
        if out[kind.strip()] <= 0 or kind.strip() not in KINDS:
            raise MedialitError(
                f"--points {value!r}: give a kind ({', '.join(KINDS)}) and a positive number."
            )
    return out


def main(argv: list[str] | None = None) -> int:
    """``medialit generate-set ARTICLE [--key KEY] [--course DIR] [--id ID] [--kinds ...] [--points ...]``."""
    parser = argparse.ArgumentParser(
        prog="medialit generate-set",
        description="Generate an exercise set (a master, student and solution notebooks) for an article "
        "from its reviewed answer key.",
        epilog="Question kinds: " + ", ".join(KINDS) + ". Example: medialit generate-set my-article.txt "
        "--kinds sources,quotes,timeline,open --points sources=4. See docs/authoring.md.",
    )
    parser.add_argument("article", help="the article .txt (its key is ARTICLE.key.yaml beside it, or --key)")
    parser.add_argument("--key", help="the reviewed answer key (default: beside the article)")
    parser.add_argument(
        "--course",
        default=".",
        help="the course folder: writes sets/<id>/, exercises/, solutions/ (default: here)",
    )
    parser.add_argument(
        "--id",
        dest="set_id",
        help="the set's id, lower-case words with hyphens (default: from the article's name)",
    )
    parser.add_argument("--kinds", help="comma-separated question kinds to include, in order (default: all)")
    parser.add_argument(
        "--points", action="append", default=[], metavar="KIND=N", help="points for a kind (repeatable)"
    )
    parser.add_argument(
        "--config", help="a YAML or JSON file with these choices (data/schemas/authoring-config.schema.json)"
    )
    parser.add_argument("--force", action="store_true", help="replace a set folder that already exists")
    parser.add_argument(
        "--student-copy", metavar="DIR", help="also write the students' copy of the set into DIR"
    )
    parser.add_argument(
        "--mode",
        choices=("practice", "assessed"),
        default="practice",
        help="the students' copy: practice (checks give verdicts; ships the key) "
        "or assessed (no key, no answers)",
    )
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()] if args.kinds else None
    made = generate_set(
        args.article,
        args.key,
        course=args.course,
        set_id=args.set_id,
        kinds=kinds,
        points=_points(args.points) or None,
        config=args.config,
        force=args.force,
    )
    print(f"Wrote the set {made.set_id}: {made.master}")
    for path in made.notebooks:
        print(f"  {path}")
    for kind, why in made.skipped.items():
        print(f"Left out {kind}: {why}.")
    if args.student_copy:
        from .student_copy import student_copy

        written = student_copy(made.folder, args.student_copy, mode=args.mode)
        print(f"Wrote the students' copy ({args.mode}) into {args.student_copy}: {len(written)} files.")
    print(f"Grade a class with: medialit grade SUBMISSIONS --course {args.course} --out grades")
    return 0
