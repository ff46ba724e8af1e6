"""The word lists behind the automatic analysis, kept as CSV files a student can read.

Each file in ``data/lexicons/`` starts with ``#`` comment lines that say where its classes come
from, then a CSV header, then one row per word. Every row is checked against
``data/schemas/lexicon-<name>.schema.json`` when the file is first loaded, and a bad row stops
with a message naming the file, the line and the field.

>>> verbs = rows("reporting_verbs")
>>> [r["connotation"] for r in verbs if r["form"] == "claimed"]
['distancing']
>>> table("loaded_terms").columns.tolist()
['term', 'category', 'neutral_alternative', 'explanation', 'loaded_only']
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._paths import data_dir
from ._schema import load_schema, schema_errors, verified
from .errors import MedialitError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NAMES", "WordClasses", "check_file", "rows", "table", "words"]

#: The lexicons shipped with the kit (file stem in ``data/lexicons/``).
NAMES = (
    "reporting_verbs",
    "loaded_terms",
    "frame_cues",
    "source_words",
    "vague_time",
    "name_words",
    "pronouns",
    "clause_words",
    "time_words",
    "holidays",
)

# Semetko & Valkenburg (2000): how many yes/no items each frame has.
FRAME_ITEMS = {
    "responsibility": 5,
    "human interest": 5,
    "conflict": 4,
    "morality": 3,
    "economic consequences": 3,
}


def _schema(name: str) -> dict:
    return load_schema(f"lexicon-{name}.schema.json")


def check_file(path: str | Path, name: str | None = None) -> list[dict[str, str]]:
    """Read a lexicon CSV file, check every row against its schema, and return the rows.

    ``name`` picks the schema (default: the file's stem). A bad row raises
    :class:`~medialit.errors.MedialitError` naming the file, the line and the field.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "vague_time.csv"
    >>> _ = bad.write_text("# test\\nphrase,kind\\nfor ages,sometime\\n", encoding="utf-8")
    >>> check_file(bad)
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: .../vague_time.csv, line 3, field 'kind': 'sometime' is not ...
    """
    path = Path(path)
    name = name or path.stem
    if name not in NAMES:
        raise MedialitError(f"{path}: there is no lexicon called {name!r}.", hint=f"Use one of {NAMES}.")
    schema = _schema(name)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
    except (OSError, UnicodeDecodeError) as exc:
        raise MedialitError(
            f"Could not read {path}: {exc}.", hint="Save the word list as UTF-8 text."
        ) from None
    lines = text.split("\n")
    first = 0
    while first < len(lines) and (lines[first].startswith("#") or not lines[first].strip()):
        first += 1
    if first == 0:
        raise MedialitError(
            f"{path}, line 1: a lexicon must start with '#' comment lines "
            "saying where its classes come from.",
            hint="Add a comment line such as '# classes from Thompson & Ye (1991)'.",
        )
    reader = csv.reader(io.StringIO("\n".join(lines[first:])))
    header = next(reader, None)
    expected = list(schema["properties"])
    if header != expected:
        raise MedialitError(
            f"{path}, line {first + 1}: the CSV header is {header!r}.",
            hint=f"It should be {','.join(expected)}.",
        )
    numbered = []
    for offset, cells in enumerate(reader, start=1):
        line = first + 1 + offset
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise MedialitError(
                f"{path}, line {line}: {len(cells)} fields where {len(header)} were expected.",
                hint="Put text that contains commas in double quotes.",
            )
        numbered.append((line, dict(zip(header, cells, strict=True))))
    # a shipped word list, unchanged, was checked by the tests; else one check for the whole file
    valid = verified(raw, f"lexicon-{name}.schema.json") or _all_valid(name, [row for _, row in numbered])
    result = []
    for line, row in numbered:
        for error in [] if valid else schema_errors(row, f"lexicon-{name}.schema.json"):
            field = error.path[0] if error.path else "?"
            value = row.get(str(field), "")
            raise MedialitError(
                f"{path}, line {line}, field {field!r}: {value!r} is not valid ({error.message}).",
                hint=f"See data/schemas/lexicon-{name}.schema.json for what the field may hold.",
            )
        if name == "frame_cues" and int(row["item"]) > FRAME_ITEMS[row["frame"]]:
            raise MedialitError(
                f"{path}, line {line}, field 'item': {row['item']!r} is not valid "
                f"(the {row['frame']} frame has {FRAME_ITEMS[row['frame']]} items).",
                hint="Use an item number from the list in the file's header.",
            )
        result.append(row)
    return result


@cache
def _array_check(name: str) -> Any:
    import fastjsonschema

    row_schema = {k: v for k, v in _schema(name).items() if k not in ("$id", "$schema")}
    return fastjsonschema.compile({"type": "array", "items": row_schema})


def _all_valid(name: str, rows: list[dict[str, str]]) -> bool:
    """Are all rows valid? (One quick check; the row-by-row check then names the first bad line.)"""
    import fastjsonschema

    try:
        _array_check(name)(rows)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def _cached_rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(check_file(data_dir() / "lexicons" / f"{name}.csv", name))


def rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped lexicon as a list of dicts (loaded once, checked against the schema).

    >>> sorted({r["kind"] for r in rows("source_words")})
    ['government', 'institution', 'media', 'person', 'vague collective']
    """
    if name not in NAMES:
        raise MedialitError(f"There is no lexicon called {name!r}.", hint=f"Use one of {', '.join(NAMES)}.")
    return [dict(r) for r in _cached_rows(name)]


@cache
def words(name: str, word_class: str) -> frozenset[str]:
    """The words of one class in a ``word,class`` lexicon (``name_words``, ``clause_words``, ``time_words``).

    The analysis reads its small grammar words this way, so every list it uses is a file a student can open.

    >>> "kremlin" in words("name_words", "government"), "said" in words("clause_words", "helper")
    (True, False)
    """
    found = frozenset(r["word"] for r in _cached_rows(name) if r["class"] == word_class)
    if not found:
        raise MedialitError(
            f"The lexicon {name!r} has no words of class {word_class!r}.",
            hint=f"See the class list at the top of data/lexicons/{name}.csv.",
        )
    return found


class WordClasses:
    """Named word classes of one ``word,class`` lexicon, each read from the file on first use.

    >>> w = WordClasses("name_words", media="media", particles="name particle")
    >>> "reuters" in w.media, "van" in w.particles, "reuters" in w.particles
    (True, True, False)
    """

    def __init__(self, name: str, **classes: str) -> None:
        self._name = name
        self._classes = classes

    def __getattr__(self, attr: str) -> frozenset[str]:
        classes = self.__dict__.get("_classes", {})
        if attr not in classes:
            raise AttributeError(attr)
        value = words(self._name, classes[attr])
        setattr(self, attr, value)  # later reads find the attribute without calling this
        return value


def table(name: str) -> pd.DataFrame:
    """A shipped lexicon as a DataFrame, for reading in a lesson.

    >>> t = table("reporting_verbs")
    >>> t[t["lemma"] == "say"]["form"].tolist()
    ['say', 'says', 'said', 'saying']
    """
    import pandas as pd

    return pd.DataFrame(rows(name), columns=list(_schema(name)["properties"]))
