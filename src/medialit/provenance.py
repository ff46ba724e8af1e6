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

import html
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._paths import data_dir
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


def _as_article(article: Article | str | Path | None) -> Article:
    return article if isinstance(article, Article) else load_article(article)


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
        message = exc.message.split(" ", 1)[1] if exc.message.startswith(exc.name) else exc.message
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
    rows: pd.DataFrame = field(repr=False)
    copies: pd.DataFrame = field(repr=False)
    earlier_layers: pd.DataFrame = field(repr=False)
    source: str = ""


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
    import pandas as pd
    import yaml

    art = _as_article(article)
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
            rows=pd.DataFrame(data["rows"], columns=COLUMNS),
            copies=pd.DataFrame(data.get("copies", []), columns=["outlet", "date", "note"]),
            earlier_layers=pd.DataFrame(data.get("earlier_layers", []), columns=["source", "detail"]),
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
        rows=rows,
        copies=pd.DataFrame(columns=["outlet", "date", "note"]),
        earlier_layers=pd.DataFrame(columns=["source", "detail"]),
        source="the answer key",
    )


def _rows_from_key(art: Article) -> pd.DataFrame | None:
    try:
        from .key import find_key
    except ImportError:  # the key module is not available
        return None
    key = find_key(art)
    table = getattr(key, "provenance", None) if key is not None else None
    if table is None or len(table) == 0:
        return None
    return table.reindex(columns=COLUMNS)


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
    rows = load_provenance(article).rows
    if clue is not None:
        if clue not in CLUES:
            raise MedialitError(f"There is no clue called {clue!r}.", hint=f"Use one of: {', '.join(CLUES)}.")
        rows = rows[rows["clue"] == clue]
    return rows.sort_values("paragraph", kind="stable").reset_index(drop=True)


class ProvenanceTable:
    """A readable, escaped HTML table of clues (what ``show_changes`` returns)."""

    def __init__(self, rows: pd.DataFrame, title: str) -> None:
        self.rows = rows
        self.title = title

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        lines = [self.title]
        for row in self.rows.itertuples():
            wire = row.wire_version if isinstance(row.wire_version, str) else "—"
            lines.append(f"¶{row.paragraph}: {row.text!r} | wire: {wire} | {row.clue}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        body = []
        for row in self.rows.itertuples():
            wire = row.wire_version if isinstance(row.wire_version, str) else "—"
            body.append(
                "<tr>"
                f'<td style="text-align:center">{int(row.paragraph)}</td>'
                f"<td><mark>{esc(str(row.text))}</mark></td>"
                f"<td>{esc(wire)}</td>"
                f"<td>{esc(_CLUE_LABELS.get(row.clue, str(row.clue)))}</td>"
                f"<td>{esc(str(row.rationale))}</td>"
                "</tr>"
            )
        return (
            '<table class="medialit-provenance" style="text-align:left">'
            f"<caption style='text-align:left;font-weight:bold'>{esc(self.title)}</caption>"
            "<thead><tr><th>Paragraph</th><th>This article says</th><th>The wire copies say</th>"
            "<th>Clue</th><th>Why it matters</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )


def show_changes(article: Article | str | Path | None = None, *, clue: str | None = None) -> ProvenanceTable:
    """Show the article's words beside the wire copies' words, as a table a student can read.

    >>> t = show_changes(clue="quotation changed")
    >>> len(t), "<mark>“urgent”</mark>" in t._repr_html_()
    (4, True)
    """
    rows = changes(article, clue=clue)
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
        esc = html.escape
        items = "".join(
            f"<li style='margin-bottom:.4em'><span aria-hidden='true'>☐</span> "
            f"<strong>{esc(step)}.</strong> {esc(question)}</li>"
            for step, question in self.items
        )
        return (
            '<div class="medialit-checklist" style="border:2px solid #0072B2;padding:6px 12px">'
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
