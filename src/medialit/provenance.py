"""Where did this text come from? The article set beside the wire copies it was reworded from (lesson 06).

The notes for an article live in ``data/provenance/<article id>.yaml`` (schema:
``data/provenance/provenance.schema.json``). When an article has no such file, the answer key's
``provenance`` rows are used instead, if the key has any.

>>> table = changes(clue="number changed")
>>> table[["paragraph", "text", "wire_version"]].to_dict("records")
[{'paragraph': 3, 'text': 'Thousands', 'wire_version': 'tens of thousands'}]
>>> "Investigate the source" in sift_checklist().table()["step"].tolist()
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._paths import data_dir
from ._style import TONES, Html, esc, html_table
from .article import Article, load_article
from .errors import MedialitError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLUES",
    "COLUMNS",
    "Checklist",
    "Provenance",
    "changes",
    "load_provenance",
    "provenance_path",
    "show_changes",
    "sift_checklist",
    "validate_provenance",
]

CLUES = (
    "quotation changed",
    "number changed",
    "reworded",
    "label dropped",
    "kept from wire",
    "rewording slip",
)
COLUMNS = ["clue", "paragraph", "text", "wire_version", "rationale"]

_CLUE_LABELS = {
    "quotation changed": "Words in quotation marks were changed",
    "number changed": "A number was changed",
    "reworded": "A word or phrase was swapped",
    "label dropped": "A description of a source was dropped",
    "kept from wire": "Already in the wire copies",
    "rewording slip": "A slip (grammar or spelling)",
}


def provenance_path(article_id: str) -> Path:
    """Where the provenance notes of an article are kept.

    >>> provenance_path("putin-nato-talks-2021-12-14").name
    'putin-nato-talks-2021-12-14.yaml'
    """
    return data_dir() / "provenance" / f"{article_id}.yaml"


def _schema() -> dict[str, Any]:
    return json.loads((data_dir() / "provenance" / "provenance.schema.json").read_text(encoding="utf-8"))


@cache
def _validator() -> Any:
    # fastjsonschema (installed with nbformat) compiles this small schema in milliseconds;
    # importing jsonschema can take a second, which students would wait for in every lesson.
    import fastjsonschema

    return fastjsonschema.compile(_schema())


def _schema_problem(data: Any) -> tuple[list[str], str] | None:
    """The first schema violation as (path inside the data, message), or None."""
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - nbformat depends on it
        import jsonschema

        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(_schema()).iter_errors(data))
        return None if error is None else ([str(p) for p in error.absolute_path], error.message)
    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        path = [str(p) for p in exc.path[1:]]  # exc.path starts with "data"
        message = (
            exc.message.split(" ", 1)[1] if exc.name and exc.message.startswith(exc.name) else exc.message
        )
        return path, message
    return None


def validate_provenance(data: Any, article: Article, *, where: str = "the provenance notes") -> None:
    """Check provenance notes against the schema and the article; raise ``MedialitError`` if wrong.

    >>> a = load_article()
    >>> validate_provenance({"article": a.id, "wire": {"agency": "AFP"}, "rows": [
    ...     {"clue": "reworded", "paragraph": 2, "text": "plotting", "wire_version": "planning",
    ...      "rationale": "neutral verb"}]}, a)
    >>> validate_provenance({"article": a.id, "wire": {"agency": "AFP"}, "rows": [
    ...     {"clue": "reworded", "paragraph": 3, "text": "plotting", "wire_version": "planning",
    ...      "rationale": "x"}]}, a, where="notes.yaml")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: notes.yaml, row 1: 'plotting' is not in paragraph 3. ...
    """
    problem = _schema_problem(data)
    if problem is not None:
        path, message = problem
        place = "/".join(path)
        if len(path) >= 2 and path[0] == "rows" and path[1].isdigit():
            place = f"row {int(path[1]) + 1}" + "".join(f", {p}" for p in path[2:])
        raise MedialitError(
            f"{where}{', ' + place if place else ''}: {message}.",
            hint="Compare the file with data/provenance/provenance.schema.json.",
        )
    for number, row in enumerate(data["rows"], start=1):
        paragraph = row["paragraph"]
        if paragraph >= len(article.paragraphs):
            raise MedialitError(
                f"{where}, row {number}: paragraph {paragraph} does not exist "
                f"(the article has paragraphs 0 to {len(article.paragraphs) - 1}).",
                hint="Paragraph 0 is the headline; body paragraphs start at 1.",
            )
        if row["text"] not in article.paragraphs[paragraph]:
            raise MedialitError(
                f"{where}, row {number}: {row['text']!r} is not in paragraph {paragraph}.",
                hint="Copy the words exactly from the article, with its curly quotation marks.",
            )


@dataclass(frozen=True)
class Provenance:
    """What is known about where an article's text came from."""

    article_id: str
    wire: dict[str, Any]
    records: tuple[dict[str, Any], ...] = field(repr=False)
    copy_records: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    layer_records: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    source: str = ""

    @property
    def rows(self) -> pd.DataFrame:
        """One row per clue: clue, paragraph, text, wire_version, rationale."""
        import pandas as pd

        return pd.DataFrame(list(self.records), columns=COLUMNS)

    @property
    def copies(self) -> pd.DataFrame:
        """Other published copies of the wire story: outlet, date, note."""
        import pandas as pd

        return pd.DataFrame(list(self.copy_records), columns=["outlet", "date", "note"])

    @property
    def earlier_layers(self) -> pd.DataFrame:
        """What the wire story itself changed from its sources: source, detail."""
        import pandas as pd

        return pd.DataFrame(list(self.layer_records), columns=["source", "detail"])


def load_provenance(article: Article | str | Path | None = None) -> Provenance:
    """Load and check the provenance notes of an article (default: the built-in one).

    >>> p = load_provenance()
    >>> p.wire["agency"], sorted(set(p.rows["clue"])) == sorted(set(p.rows["clue"]) & set(CLUES))
    ('AFP (Agence France-Presse)', True)
    >>> load_provenance("no-such-article")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: There is no shipped article called 'no-such-article'. ...
    """
    import yaml

    art = load_article(article)
    path = provenance_path(art.id)
    if path.is_file():
        where = f"data/provenance/{path.name}"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise MedialitError(
                f"{where} is not valid YAML: {exc}.", hint="Check the indentation and the quotation marks."
            ) from None
        data = json.loads(json.dumps(data, default=str))  # dates -> ISO strings, as the schema expects
        validate_provenance(data, art, where=where)
        return Provenance(
            article_id=art.id,
            wire=dict(data["wire"]),
            records=tuple({c: row.get(c) for c in COLUMNS} for row in data["rows"]),
            copy_records=tuple(data.get("copies", [])),
            layer_records=tuple(data.get("earlier_layers", [])),
            source=where,
        )
    rows = _rows_from_key(art)
    if rows is None:
        raise MedialitError(
            f"There are no provenance notes for the article {art.id!r}.",
            hint=f"A teacher can write them in data/provenance/{art.id}.yaml "
            "(see the built-in article's file), or in the answer key's 'provenance' section.",
        )
    return Provenance(
        article_id=art.id,
        wire={"agency": "unknown"},
        records=rows,
        source="the answer key",
    )


def _rows_from_key(art: Article) -> tuple[dict[str, Any], ...] | None:
    try:
        from .key import find_key
    except ImportError:  # the key module is not available
        return None
    key = find_key(art)
    table = getattr(key, "provenance", None) if key is not None else None
    if table is None or len(table) == 0:
        return None
    table = table.reindex(columns=COLUMNS).astype(object)
    return tuple(table.where(table.notna(), None).to_dict("records"))


def changes(article: Article | str | Path | None = None, *, clue: str | None = None) -> pd.DataFrame:
    """The table of differences between the article and the wire copies, one row per clue.

    ``clue`` keeps only one kind of clue (one of ``CLUES``).

    >>> changes(clue="label dropped")["text"].tolist()
    ['the Russian news agency RIA Novosti']
    >>> changes(clue="rumour")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: There is no clue called 'rumour'. ...
    """
    import pandas as pd

    return pd.DataFrame(_select(article, clue), columns=COLUMNS)


def _select(article: Article | str | Path | None, clue: str | None) -> list[dict[str, Any]]:
    records = list(load_provenance(article).records)
    if clue is not None:
        if clue not in CLUES:
            raise MedialitError(f"There is no clue called {clue!r}.", hint=f"Use one of: {', '.join(CLUES)}.")
        records = [r for r in records if r["clue"] == clue]
    # By paragraph, the headline (0) first; notes about the whole article (no paragraph) last.
    return sorted(records, key=lambda r: (r["paragraph"] is None, r["paragraph"] or 0))


def _text(value: Any) -> str:
    return "–" if value is None or value != value else str(value)  # None and NaN read as a dash


class ProvenanceTable:
    """A readable, escaped HTML table of clues (what ``show_changes`` returns)."""

    def __init__(self, rows: pd.DataFrame | list[dict[str, Any]], title: str) -> None:
        self.records = rows.to_dict("records") if hasattr(rows, "to_dict") else list(rows)
        self.title = title

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        lines = [self.title]
        for r in self.records:
            where, text, wire = _text(r["paragraph"]), _text(r["text"]), _text(r["wire_version"])
            lines.append(f"¶{where}: {text!r} | wire: {wire} | {r['clue']}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            [
                _text(r["paragraph"]),
                Html(f"<mark>{esc(_text(r['text']))}</mark>"),
                _text(r["wire_version"]),
                _CLUE_LABELS.get(r["clue"], _text(r["clue"])),
                _text(r["rationale"]),
            ]
            for r in self.records
        ]
        header = ("Paragraph", "This article says", "The wire copies say", "Clue", "Why it matters")
        caption = Html(f"<strong>{esc(self.title)}</strong>")
        return html_table(header, rows, caption=caption, css_class="medialit-provenance", align=("center",))


def show_changes(article: Article | str | Path | None = None, *, clue: str | None = None) -> ProvenanceTable:
    """Show the article's words beside the wire copies' words, as a table a student can read.

    >>> t = show_changes(clue="quotation changed")
    >>> len(t), "<mark>“urgent”</mark>" in t._repr_html_()
    (4, True)
    """
    rows = _select(article, clue)
    title = "The article beside the wire copies"
    if clue is not None:
        title += f": {_CLUE_LABELS[clue].lower()}"
    return ProvenanceTable(rows, title)


_SIFT = (
    (
        "Stop",
        "Before you share or believe it: do you know this website or outlet? "
        "What do you feel when you read the headline?",
    ),
    (
        "Investigate the source",
        "Who published this, and who wrote it? Is there a byline? "
        "Read what other sites say about the publisher (lateral reading), not only its own 'About' page.",
    ),
    (
        "Find better coverage",
        "Search for the same news in other outlets. Do they report the same facts and numbers? "
        "Is one of them the original (a news agency such as AFP, AP or Reuters)?",
    ),
    (
        "Trace claims, quotes and media to the original context",
        "Find who first said each quoted sentence and where (an official readout, an interview). "
        "Are the words in quotation marks the same as in the original?",
    ),
)


class Checklist:
    """The SIFT checklist (after Mike Caulfield) as a table and as a printable box."""

    def __init__(self, items: tuple[tuple[str, str], ...]) -> None:
        self.items = items

    def table(self) -> pd.DataFrame:
        """The checklist as a table: step, question."""
        import pandas as pd

        return pd.DataFrame(self.items, columns=["step", "question"])

    def __repr__(self) -> str:
        return "\n".join(f"[ ] {step}: {question}" for step, question in self.items)

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li style='margin-bottom:.4em'><span aria-hidden='true'>☐</span> "
            f"<strong>{esc(step)}.</strong> {esc(question)}</li>"
            for step, question in self.items
        )
        return (
            f'<div class="medialit-checklist" style="border:2px solid {TONES["info"]};padding:6px 12px">'
            "<p style='margin:0'><strong>My SIFT checklist</strong> "
            "(after Mike Caulfield's SIFT)</p>"
            f"<ul style='list-style:none;padding-left:0'>{items}</ul></div>"
        )


def sift_checklist() -> Checklist:
    """The four SIFT moves (Caulfield), each with the questions a student asks of any article.

    >>> print(sift_checklist())  # doctest: +ELLIPSIS
    [ ] Stop: Before you share or believe it: ...
    [ ] Investigate the source: ...
    [ ] Find better coverage: ...
    [ ] Trace claims, quotes and media to the original context: ...
    """
    return Checklist(_SIFT)
