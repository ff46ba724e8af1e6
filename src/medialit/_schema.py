"""Checking data against the kit's JSON schemas: fast when the data is valid, detailed when not.

``fastjsonschema`` compiles a schema into a quick check and imports in milliseconds; ``jsonschema``
lists every problem with its path but takes a second or more to import. Valid data (the usual
case: shipped keys, lexicons, exercise masters) never pays for the second.

>>> schema_errors({"article": "x"}, "key.schema.json")[0].path
[]
>>> schema_errors({"article": "x", "quotes": [], "sources": [], "attributions": [],
...                "time_expressions": []}, "key.schema.json")
[]
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ._paths import data_dir

__all__ = ["SchemaError", "load_schema", "schema_errors"]


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


@cache
def _compiled(path: Path) -> Any:
    import fastjsonschema

    # fastjsonschema would try to fetch "$id" as a URL; our schemas have no remote references.
    return fastjsonschema.compile({k: v for k, v in _load(path).items() if k != "$id"})


def schema_errors(data: Any, schema: str | Path) -> list[SchemaError]:
    """Every violation of ``schema`` by ``data``, sorted by path; an empty list when valid."""
    import fastjsonschema

    path = _resolve(schema)
    try:
        _compiled(path)(data)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return []
    import jsonschema

    validator = jsonschema.Draft202012Validator(_load(path))
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [SchemaError(list(e.absolute_path), e.message, str(e.validator)) for e in errors]
