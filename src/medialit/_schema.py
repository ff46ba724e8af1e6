"""Checking data against the kit's JSON schemas: fast when the data is valid, detailed when not.

``fastjsonschema`` compiles a schema into a quick check and imports in milliseconds; ``jsonschema``
lists every problem with its path but takes a second or more to import. Valid data (the usual
case: shipped keys, lexicons, exercise masters) never pays for the second.

>>> schema_errors({"article": "x"}, "key.schema.json")[0].path
[]
>>> schema_errors({"article": "x", "quotes": [], "sources": [], "attributions": [],
...                "time_expressions": []}, "key.schema.json")
[]

``part`` checks data against one definition of a schema (its ``$defs``); ``relax`` lets fields
be missing where the schema requires them (an exercise master stripped of its answers):

>>> schema_errors({"id": "q1", "type": "choice", "prompt": "?", "points": 1, "options": {"a": "x", "b": "y"}},
...               "exercise.schema.json", part="question", relax=("answer",))
[]
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ._paths import data_dir

__all__ = ["VERIFIED", "SchemaError", "content_digest", "load_schema", "schema_errors", "verified"]

#: The list of shipped files the test suite has checked against their schemas, by content digest
#: (``data/schemas/verified.json``; written by ``python -m medialit.verify_data``).
VERIFIED = "verified.json"


class SchemaError(NamedTuple):
    """One violation: where in the data (keys and list indexes), what is wrong, which rule."""

    path: list[str | int]
    message: str
    rule: str


def _resolve(schema: str | Path) -> Path:
    path = Path(schema)
    return path if path.is_absolute() else data_dir() / "schemas" / path


@cache
def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def load_schema(schema: str | Path) -> dict[str, Any]:
    """A schema by file name in ``data/schemas/`` (or by absolute path), parsed once.

    >>> load_schema("key.schema.json")["title"]
    'medialit answer key for one article'
    """
    return _load(_resolve(schema))


def _relaxed(node: Any, relax: frozenset[str]) -> Any:
    """A copy of a schema in which no field named in ``relax`` is required."""
    if isinstance(node, dict):
        out = {k: _relaxed(v, relax) for k, v in node.items()}
        if isinstance(node.get("required"), list):
            out["required"] = [f for f in node["required"] if f not in relax]
        return out
    if isinstance(node, list):
        return [_relaxed(v, relax) for v in node]
    return node


@cache
def _schema(path: Path, part: str, relax: frozenset[str]) -> dict[str, Any]:
    # fastjsonschema would try to fetch "$id" as a URL; our schemas have no remote references.
    schema = {k: v for k, v in _load(path).items() if k != "$id"}
    if part:
        schema = {"$ref": f"#/$defs/{part}", "$defs": schema["$defs"]}
    return _relaxed(schema, relax) if relax else schema


@cache
def _compiled(path: Path, part: str = "", relax: frozenset[str] = frozenset()) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(_schema(path, part, relax))


def schema_errors(
    data: Any, schema: str | Path, *, part: str = "", relax: tuple[str, ...] = ()
) -> list[SchemaError]:
    """Every violation of ``schema`` (or of its definition ``part``) by ``data``, sorted by path;
    an empty list when valid. Fields in ``relax`` may be missing even where they are required."""
    import fastjsonschema

    path = _resolve(schema)
    key = (path, part, frozenset(relax))
    try:
        _compiled(*key)(data)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return []
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema(*key))
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [SchemaError(list(e.absolute_path), e.message, str(e.validator)) for e in errors]


@cache
def _schema_bytes(path: Path) -> bytes:
    return path.read_bytes()


def content_digest(raw: bytes, *schemas: str, relax: tuple[str, ...] = ()) -> str:
    """The digest of a file's bytes together with the schemas that check it (and any relaxed fields):
    the same bytes checked by the same schemas give the same digest, anywhere.

    >>> content_digest(b"x", "key.schema.json") == content_digest(b"x", "key.schema.json")
    True
    >>> content_digest(b"x", "key.schema.json") == content_digest(b"y", "key.schema.json")
    False
    """
    h = hashlib.sha256(b"medialit verified\0")
    for name in schemas:
        h.update(hashlib.sha256(_schema_bytes(_resolve(name))).digest())
    h.update(json.dumps(sorted(relax)).encode())
    h.update(b"\0")
    h.update(raw)
    return h.hexdigest()


@cache
def _verified_digests() -> frozenset[str]:
    try:
        data = json.loads((data_dir() / "schemas" / VERIFIED).read_text(encoding="utf-8"))
        return frozenset(str(d) for d in data["files"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return frozenset()  # no list (a teacher's own data folder): every file is checked


_TRUST = [True]  # False while the list itself is being made (every file is then checked in full)


def verified(raw: bytes, *schemas: str, relax: tuple[str, ...] = ()) -> bool:
    """Are these exact bytes a shipped file that the kit's tests checked against these schemas?

    Then loading it need not compile the schemas again (a fifth of a lesson's own time). Any other
    content, a teacher's edited key or a changed word list, is checked in full.

    >>> verified(b"not a shipped file", "key.schema.json")
    False
    """
    return _TRUST[0] and content_digest(raw, *schemas, relax=relax) in _verified_digests()
