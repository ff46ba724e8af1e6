"""The teacher's answer key: a YAML file beside the article, validated, served as tables.

The key for ``data/articles/<id>.txt`` is ``data/articles/<id>.key.yaml``; its schema is
``data/schemas/key.schema.json``. Errors name the file, the entry and the field.

>>> key = answer_key()
>>> len(key.quotes), sorted(set(key.quotes["speaker"]))
(7, ['Joe Biden', 'Sergei Ryabkov', 'Vladimir Putin'])
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._paths import data_dir
from ._schema import schema_errors, verified
from .article import Article, load_article
from .errors import MedialitError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TABLES",
    "AnswerKey",
    "answer_key",
    "find_key",
    "key_path_for",
    "load_key",
    "main",
    "unfinished",
    "validate_key",
]

_FRAMING_DEVICES = {
    "labels": "label",
    "loaded_terms": "loaded term",
    "actorless": "actorless",
    "presuppositions": "presupposition",
    "vague_quantities": "vague quantity",
}
#: table name -> its columns, in order (docs/ARCHITECTURE.md describes each)
TABLES: dict[str, list[str]] = {
    "quotes": ["id", "paragraph", "text", "speaker", "cue", "kind", "via", "via_inferred", "rationale"],
    "sources": ["name", "aliases", "kind", "official", "appearances", "rationale"],
    "appearances": ["source", "paragraph", "mode"],
    "unattributed": ["paragraph", "text", "rationale"],
    "attributions": ["paragraph", "source", "cue", "connotation", "mode", "rationale"],
    "framing": [
        "device", "paragraph", "text", "actor", "neutral_alternative", "suggests", "presupposes", "rationale",
    ],
    "frames": ["frame", "item", "question", "answer", "evidence", "either_ok", "rationale"],
    "entman": ["function", "summary", "evidence", "rationale"],
    "time_expressions": [
        "paragraph", "text", "date", "start", "end", "vague", "vague_ok", "event", "rationale",
    ],
    "absent_voices": ["name", "mentioned_in", "rationale"],
    "provenance": ["clue", "paragraph", "text", "wire_version", "rationale"],
}  # fmt: skip


def _entry_name(data: Any, path: list[Any]) -> str:
    """'quotes entry 3 (q2)' for a JSON path like ['quotes', 2, 'speaker']."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            label = f"entry {step + 1}"
            try:
                node = node[step]
                ident = node.get("id") or node.get("name") or node.get("item") or node.get("text")
                if ident:
                    label += f" ({str(ident)[:40]})"
            except (IndexError, KeyError, TypeError, AttributeError):
                pass
            parts.append(label)
        else:
            parts.append(str(step))
            try:
                node = node[step]
            except (KeyError, TypeError):
                node = None
    return ", ".join(parts) if parts else "top level"


def validate_key(
    data: Any, article: Article | None = None, *, where: str = "the key", schema_checked: bool = False
) -> list[str]:
    """Every problem in a key's data, as sentences naming the entry and field (empty list = valid).

    ``schema_checked`` skips the schema for data already known to pass it (a shipped key, unchanged:
    see :func:`medialit._schema.verified`); the checks against the article still run.

    >>> validate_key({"article": "x", "quotes": [{"id": "q1"}], "sources": [],
    ...               "attributions": [], "time_expressions": []})[0]
    "the key, quotes, entry 1 (q1): 'paragraph' is missing."
    """
    problems: list[str] = []
    errors = [] if schema_checked else schema_errors(data, "key.schema.json")
    if not errors:
        return _check_against_article(data, article, where) if article is not None else []
    for error in errors:
        path = error.path
        where_in = _entry_name(data, path)
        if error.rule == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            if missing == "draft":  # a field left empty (null) is allowed only while the entry is a draft
                entry = _node(data, path)
                empty = (
                    [k for k, v in entry.items() if v is None and k in _DRAFT_EMPTY]
                    if isinstance(entry, dict)
                    else []
                )
                what = " and ".join(map(repr, empty)) or "a field"
                problems.append(
                    f"{where}, {where_in}: {what} {'are' if len(empty) > 1 else 'is'} empty; fill it in "
                    "(an empty field is allowed only in an entry marked 'draft: true')."
                )
                continue
            problems.append(f"{where}, {where_in}: '{missing}' is missing.")
        elif error.rule == "additionalProperties":
            problems.append(f"{where}, {where_in}: {error.message}.")
        elif error.rule == "oneOf" and path and "time_expressions" in map(str, path):
            problems.append(
                f"{where}, {where_in}: give exactly one of 'date', 'start' and 'end', or 'vague: true'."
            )
        else:
            problems.append(f"{where}, {where_in}: {error.message}.")
    return problems


# the fields a machine draft may leave empty (null) for the teacher; elsewhere null keeps its meaning
_DRAFT_EMPTY = frozenset({"speaker", "cue", "official", "actor", "answer", "event", "name", "rationale"})


def _node(data: Any, path: list[Any]) -> Any:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


#: the sections of a key that hold entries, as paths into its data (framing's are one level down)
SECTIONS: tuple[tuple[str, ...], ...] = (
    ("quotes",),
    ("sources",),
    ("unattributed",),
    ("attributions",),
    *(("framing", sub) for sub in (*_FRAMING_DEVICES, "frames", "entman")),
    ("time_expressions",),
    ("absent_voices",),
    ("provenance",),
)


def unfinished(data: Any, *, where: str = "the key") -> list[str]:
    """The entries of a key still marked ``draft: true`` (empty list = a finished key).

    A machine draft (``medialit draft-key``) marks every entry; the teacher's review removes the
    mark entry by entry. Exercises are generated only from a finished key.

    >>> unfinished(answer_key().data)
    []
    >>> unfinished({"quotes": [{"id": "q1", "draft": True}]})
    ['the key, quotes, entry 1 (q1) is still a draft: review it (accept, correct or delete).']
    """
    left = []
    for section in SECTIONS:
        for i, entry in enumerate(_entries(data, section) if isinstance(data, dict) else []):
            if isinstance(entry, dict) and entry.get("draft"):
                left.append(
                    f"{where}, {_entry_name(data, [*section, i])} is still a draft: review it "
                    "(accept, correct or delete)."
                )
    return left


# section path -> the fields whose text must stand verbatim in the entry's paragraph
_SPAN_FIELDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("quotes",): ("text",),
    ("unattributed",): ("text",),
    ("attributions",): ("cue",),
    ("time_expressions",): ("text",),
    ("provenance",): ("text",),
    **{("framing", sub): ("text",) for sub in _FRAMING_DEVICES},
}
# section path -> the field that lists paragraph numbers
_PARAGRAPH_LISTS = {("absent_voices",): "mentioned_in", ("framing", "frames"): "evidence",
                    ("framing", "entman"): "evidence"}  # fmt: skip


def _entries(data: dict[str, Any], section: tuple[str, ...]) -> list[dict[str, Any]]:
    node: Any = data
    for step in section:
        node = (node or {}).get(step)
    return node or []


def _check_against_article(data: dict[str, Any], article: Article, where: str) -> list[str]:
    """Texts must occur in their paragraphs, paragraphs must exist, names must match 'sources'."""
    problems: list[str] = []
    last = len(article.paragraphs) - 1

    def missing_paragraph(name: str, paragraph: int) -> str:
        return f"{where}, {name}: paragraph {paragraph} does not exist (the last is {last})."

    for section, fields in _SPAN_FIELDS.items():
        for i, entry in enumerate(_entries(data, section)):
            paragraph, name = entry.get("paragraph"), _entry_name(data, [*section, i])
            if paragraph is None:
                continue
            if paragraph > last:
                problems.append(missing_paragraph(name, paragraph))
                continue
            for f in fields:
                text = entry.get(f)
                if text and not article.find(text, paragraph=paragraph):
                    problems.append(f"{where}, {name}: {f} {text!r} is not in paragraph {paragraph}.")
    for section, f in _PARAGRAPH_LISTS.items():
        for i, entry in enumerate(_entries(data, section)):
            for paragraph in entry[f]:
                if paragraph > last:
                    problems.append(missing_paragraph(f"{_entry_name(data, [*section, i])}, {f}", paragraph))
    for i, source in enumerate(data.get("sources") or []):
        for appearance in source["appearances"]:
            if appearance["paragraph"] > last:
                problems.append(missing_paragraph(_entry_name(data, ["sources", i]), appearance["paragraph"]))
    names = {s["name"] for s in data.get("sources") or []}
    for table, column in (("quotes", "speaker"), ("attributions", "source")):
        for i, entry in enumerate(data.get(table) or []):
            if entry[column] is not None and entry[column] not in names:  # None: a draft's empty field
                problems.append(
                    f"{where}, {_entry_name(data, [table, i])}: {column} {entry[column]!r} is not one of the "
                    "names under 'sources'."
                )
    dateline = data.get("dateline")
    if article.date and dateline and dateline != article.date.isoformat():
        problems.append(f"{where}: dateline {dateline} differs from the article's date {article.date}.")
    return problems


@dataclass(frozen=True, eq=False)
class AnswerKey:
    """A validated answer key; each attribute is a table (DataFrame) with one row per entry.

    >>> key = answer_key()
    >>> key.attributions.query("cue == 'told'")[["paragraph", "source"]].values.tolist()
    [[13, 'Sergei Ryabkov']]
    """

    article: Article
    data: dict[str, Any]
    path: Path | None = None
    _tables: dict[str, Any] = field(default_factory=dict, repr=False)

    def rows(self, name: str) -> list[dict[str, Any]]:
        """One table as plain rows (dicts with every column of :data:`TABLES`), without pandas.

        >>> answer_key().rows("appearances")[0]
        {'source': 'Vladimir Putin', 'paragraph': 0, 'mode': 'partial quote'}
        """
        if name not in TABLES:
            raise MedialitError(
                f"The answer key has no table {name!r}.", hint="Its tables are: " + ", ".join(TABLES) + "."
            )
        data, framing = self.data, self.data.get("framing") or {}
        entries: list[dict[str, Any]]
        if name == "appearances":
            entries = [{"source": s["name"], **a} for s in data["sources"] for a in s["appearances"]]
        elif name == "framing":
            entries = [
                {"device": device, **entry}
                for sub, device in _FRAMING_DEVICES.items()
                for entry in framing.get(sub) or []
            ]
        elif name == "frames":
            entries = [{**f, "either_ok": bool(f.get("either_ok", False))} for f in framing.get(name) or []]
        elif name == "entman":
            entries = framing.get(name) or []
        elif name == "time_expressions":
            entries = [
                {**t, "vague": bool(t.get("vague", False)), "vague_ok": bool(t.get("vague_ok", False))}
                for t in data["time_expressions"]
            ]
        else:
            entries = data.get(name) or []
        return [{column: entry.get(column) for column in TABLES[name]} for entry in entries]

    def _table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            import pandas as pd

            frame = pd.DataFrame(self.rows(name), columns=TABLES[name])
            if "paragraph" in TABLES[name]:  # whole numbers even where a row has none (a missing byline)
                frame["paragraph"] = frame["paragraph"].astype("Int64")
            self._tables[name] = frame
        return self._tables[name].copy()

    @property
    def quotes(self) -> pd.DataFrame:
        """paragraph, text, speaker, cue, kind, via, via_inferred, rationale (plus id)."""
        return self._table("quotes")

    @property
    def sources(self) -> pd.DataFrame:
        """name, aliases, kind, official, appearances, rationale."""
        return self._table("sources")

    @property
    def appearances(self) -> pd.DataFrame:
        """One row per source appearance: source, paragraph, mode."""
        return self._table("appearances")

    @property
    def unattributed(self) -> pd.DataFrame:
        """The writer's own assertions: paragraph, text, rationale."""
        return self._table("unattributed")

    @property
    def attributions(self) -> pd.DataFrame:
        """paragraph, source, cue, connotation, mode, rationale."""
        return self._table("attributions")

    @property
    def framing(self) -> pd.DataFrame:
        """Labels, loaded terms, actorless phrasing, presuppositions and vague quantities, one table."""
        return self._table("framing")

    @property
    def frames(self) -> pd.DataFrame:
        """Semetko & Valkenburg items: frame, item, question, answer, evidence, either_ok, rationale."""
        return self._table("frames")

    @property
    def frame_scores(self) -> dict[str, float]:
        """Each frame's score: the share of its questions answered yes (0 to 1).

        >>> answer_key().frame_scores["conflict"]
        0.75
        """
        frames = self.frames
        frames = frames[frames["answer"].notna()]  # a draft's unanswered items do not count
        if frames.empty:
            return {}
        frames = frames.assign(answer=frames["answer"].astype(bool))
        scores = frames.groupby("frame", sort=False)["answer"].mean()
        return {str(k): round(float(v), 2) for k, v in scores.items()}

    @property
    def entman(self) -> pd.DataFrame:
        """Entman's four functions: function, summary, evidence, rationale."""
        return self._table("entman")

    @property
    def time_expressions(self) -> pd.DataFrame:
        """paragraph, text, date, start, end, vague, vague_ok, event, rationale (dates as ISO strings)."""
        return self._table("time_expressions")

    @property
    def absent_voices(self) -> pd.DataFrame:
        """name, mentioned_in, rationale."""
        return self._table("absent_voices")

    @property
    def provenance(self) -> pd.DataFrame:
        """clue, paragraph, text, wire_version, rationale."""
        return self._table("provenance")

    def to_json(self) -> dict[str, Any]:
        """The key as plain JSON data (what ``medialit key --json`` prints).

        >>> sorted(answer_key().to_json())[:3]
        ['absent_voices', 'article', 'attributions']
        """
        out: dict[str, Any] = {
            "article": {
                "id": self.article.id,
                "headline": self.article.headline,
                "date": self.article.date.isoformat() if self.article.date else None,
            }
        }
        for section in ("quotes", "sources", "unattributed", "attributions", "framing", "time_expressions",
                        "absent_voices", "provenance"):  # fmt: skip
            out[section] = self.data.get(section) or ([] if section != "framing" else {})
        return json.loads(json.dumps(out))  # a deep copy of plain data

    def _repr_html_(self) -> str:
        counts = [
            ("quotations", len(self.data["quotes"])),
            ("sources", len(self.data["sources"])),
            ("attribution cues", len(self.data["attributions"])),
            ("time expressions", len(self.data["time_expressions"])),
            ("absent voices", len(self.data.get("absent_voices") or [])),
            ("provenance clues", len(self.data.get("provenance") or [])),
        ]
        items = "".join(f"<li>{n} {html.escape(label)}</li>" for label, n in counts)
        return (
            f"<div><strong>Answer key for {html.escape(self.article.headline)}</strong>"
            f"<ul>{items}</ul><p>See <code>.quotes</code>, <code>.sources</code>, "
            "<code>.attributions</code>, <code>.framing</code>, <code>.frames</code>, "
            "<code>.time_expressions</code>, <code>.absent_voices</code>, <code>.provenance</code>.</p></div>"
        )


def key_path_for(article: Article) -> Path:
    """Where the key for ``article`` lives: beside its file, else in the kit's data folder.

    >>> key_path_for(load_article()).name
    'putin-nato-talks-2021-12-14.key.yaml'
    """
    if article.path is not None:
        beside = article.path.with_name(f"{article.path.stem}.key.yaml")
        if beside.is_file():
            return beside
    return data_dir() / "articles" / f"{article.id}.key.yaml"


def _read_yaml(path: Path, raw: bytes | None = None) -> Any:
    import yaml

    where = str(path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~7x faster
    try:
        text = (path.read_bytes() if raw is None else raw).decode("utf-8")
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except UnicodeDecodeError:
        raise MedialitError(f"{where} is not UTF-8 text.", hint="Save the key as UTF-8.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise MedialitError(
            f"{where}{line}: {problem}.",
            hint="Check the indentation and quotation marks near that line.",
        ) from None


# (file, its mtime and size, article id and text) -> validated data; a memo, so edits are seen at once
_VALID: dict[tuple[Path, int, int, str, str], dict[str, Any]] = {}


def _article_for(path: Path, data: dict[str, Any]) -> Article:
    """The article a key names: the .txt beside it, else the shipped article of that name."""
    beside = path.with_name(path.name.replace(".key.yaml", ".txt"))
    if beside.is_file():
        return load_article(beside)
    name = data.get("article")
    shipped = isinstance(name, str) and (data_dir() / "articles" / f"{name}.txt").is_file()
    return load_article(name if shipped else None)


def load_key(path: str | Path, article: Article | None = None) -> AnswerKey:
    """Read and validate a key file; ``article`` defaults to the one the key names.

    Each call parses the file afresh (fast, with the C YAML parser) and returns a new
    ``AnswerKey``; the validation is reused while the file and the article are unchanged.

    >>> load_key(key_path_for(load_article())).article.id
    'putin-nato-talks-2021-12-14'
    """
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise MedialitError(f"Answer key not found: {where}.", hint="Check the file name and folder.")
    stat = path.stat()
    raw = path.read_bytes()
    data = _read_yaml(path, raw)
    if not isinstance(data, dict):
        raise MedialitError(f"{where}: the key must be a YAML mapping with sections such as 'quotes'.")
    if article is None:
        article = _article_for(path, data)
    memo = (path.resolve(), stat.st_mtime_ns, stat.st_size, article.id, article.text)
    if memo not in _VALID:
        problems = validate_key(data, article, where=where, schema_checked=verified(raw, "key.schema.json"))
        if problems:
            more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
            raise MedialitError(
                " ".join(problems[:5]) + more, hint="Fix these entries and load the key again."
            )
        if len(_VALID) >= 32:
            _VALID.clear()
        _VALID[memo] = data
    return AnswerKey(article=article, data=data, path=path)


def find_key(article: Article | str | Path | None = None) -> AnswerKey | None:
    """The article's answer key, or None when it has none (widgets then use ``analyze()``).

    >>> find_key() is not None
    True
    """
    article = load_article(article)
    path = key_path_for(article)
    if not path.is_file():
        return None
    return load_key(path, article)


def answer_key(article: Article | str | Path | None = None) -> AnswerKey:
    """The teacher's answer key for an article (None = the built-in one), as tables.

    >>> answer_key().time_expressions.query("text == 'a day after'")["date"].item()
    '2021-12-13'
    """
    article = load_article(article)
    key = find_key(article)
    if key is None:
        raise MedialitError(
            f"There is no answer key for the article {article.id!r}.",
            hint="The widgets and medialit.analyze() work without one; lesson 07 shows how to write "
            f"a key ({article.id}.key.yaml beside the article).",
        )
    return key


def _print_tables(key: AnswerKey) -> None:
    sections = [
        ("Quotations", key.quotes.drop(columns=["rationale", "id"])),
        ("Sources", key.sources[["name", "kind", "official"]].assign(appearances=[
            ", ".join(f"{a['paragraph']}:{a['mode']}" for a in s) for s in key.sources["appearances"]
        ])),
        ("Unattributed assertions", key.unattributed.drop(columns=["rationale"])),
        ("Attribution cues", key.attributions.drop(columns=["rationale"])),
        ("Framing devices", key.framing[["device", "paragraph", "text", "neutral_alternative"]]),
        ("Frame questions (Semetko & Valkenburg)", key.frames[["frame", "item", "answer", "evidence"]]),
        ("Time expressions", key.time_expressions.drop(columns=["rationale"])),
        ("Absent voices", key.absent_voices.drop(columns=["rationale"])),
        ("Provenance clues", key.provenance[["clue", "paragraph", "text", "wire_version"]]),
    ]  # fmt: skip
    print(f"Answer key: {key.article.headline} ({key.article.date or 'no date'})")
    for title, table in sections:
        print(f"\n{title} ({len(table)})\n{'-' * len(title)}")
        if table.empty:
            print("(none)")
            continue
        print(table.astype(object).where(table.notna(), "").to_string(index=False, max_colwidth=60))


def main(argv: list[str] | None = None) -> int:
    """``medialit key [ARTICLE] [--json]``: print an article's answer key."""
    parser = argparse.ArgumentParser(
        prog="medialit key", description="Print an article's answer key as tables, or as JSON."
    )
    parser.add_argument("article", nargs="?", help="a shipped article name, an article .txt, or a .key.yaml")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    if args.article and str(args.article).endswith((".yaml", ".yml")):
        key = load_key(args.article)
    else:
        key = answer_key(args.article)
    if args.json:
        print(json.dumps(key.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_tables(key)
    left = unfinished(key.data)
    if left:  # a draft from medialit draft-key: say so, where it cannot be mistaken for the key's data
        print(
            f"medialit key: this key is a draft: {len(left)} entries still marked 'draft: true' "
            "(review them with medialit.authoring.review_key).",
            file=sys.stderr,
        )
    return 0
