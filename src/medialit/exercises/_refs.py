"""References from a master to the answer key: a small query language, resolved when a set loads.

A master never copies the key; it says which key entries a question is about. A *query* is a
mapping with

* ``from: <table>`` (one of the key's tables: quotes, sources, appearances, unattributed,
  attributions, framing, frames, entman, time_expressions, absent_voices, provenance), or
  ``count: <table>`` for the number of matching rows;
* ``where:`` (optional) column -> condition, all of which must hold. A condition is a value
  (equal), a list (one of), ``{not: value or list}``, ``{between: [low, high]}`` (inclusive) or
  ``{contains: text}`` (case ignored). ``any: [where, where, ...]`` in a ``where`` holds when one of
  its ``where`` mappings does;
* ``take: <column>`` (or a list of columns) for the values of that column instead of whole rows;
* ``yields: <value>``: the query must find at least one row, and stands for this value.

>>> from medialit.key import answer_key
>>> key = answer_key()
>>> resolve({"count": "quotes", "where": {"kind": "full"}}, key)
1
>>> resolve({"from": "appearances", "where": {"paragraph": {"between": [10, 12]},
...          "mode": {"not": "mentioned"}}, "take": "source"}, key)
['Joe Biden', 'the EU and the G7', 'Sergei Ryabkov']
>>> resolve({"from": "time_expressions", "where": {"paragraph": 10}, "take": ["start", "end"]}, key)
[['2021-12-06', '2021-12-12']]
>>> resolve({"from": "time_expressions", "where": {"any": [{"vague": True}, {"vague_ok": True}]},
...          "take": "text"}, key)
['For weeks', 'traditionally', 'In recent days']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import MedialitError
from ..key import TABLES

if TYPE_CHECKING:
    from ..key import AnswerKey

__all__ = ["OPERATORS", "RefError", "column_values", "is_query", "resolve"]

OPERATORS = ("not", "between", "contains")


class RefError(MedialitError):
    """A query that does not fit the key (unknown table or column, nothing found, ...)."""


def is_query(value: Any) -> bool:
    """True for a mapping that is a query (has ``from`` or ``count``).

    >>> is_query({"from": "quotes"}), is_query("b"), is_query({"text": "x"})
    (True, False, False)
    """
    return isinstance(value, dict) and ("from" in value or "count" in value)


def _table(query: dict[str, Any]) -> str:
    table = query.get("from", query.get("count"))
    if table not in TABLES:
        raise RefError(f"there is no key table {table!r}", hint="Tables: " + ", ".join(TABLES) + ".")
    return str(table)


def _holds(value: Any, condition: Any) -> bool:
    if isinstance(condition, dict):
        arg: Any
        op, arg = next(iter(condition.items())) if len(condition) == 1 else ("", None)
        if op == "not":
            return not _holds(value, arg)
        if op == "between":
            return value is not None and arg[0] <= value <= arg[1]
        if op == "contains":
            return isinstance(value, str) and str(arg).casefold() in value.casefold()
        raise RefError(
            f"{condition!r} is not a condition",
            hint="Use a value, a list, or one of: " + ", ".join(OPERATORS),
        )
    if isinstance(condition, list):
        return any(_holds(value, c) for c in condition)
    if isinstance(value, list):  # a list column (aliases, evidence): the condition's value is in it
        return condition in value
    return value == condition


def _check_where(table: str, where: dict[str, Any]) -> None:
    for column, condition in where.items():
        if column == "any":
            if not isinstance(condition, list) or not all(isinstance(w, dict) for w in condition):
                raise RefError(f"'any' takes a list of where mappings, not {condition!r}")
            for w in condition:
                _check_where(table, w)
        elif column not in TABLES[table]:
            raise RefError(
                f"the key table {table!r} has no column {column!r}",
                hint="Its columns: " + ", ".join(TABLES[table]) + ".",
            )


def _matches(row: dict[str, Any], where: dict[str, Any]) -> bool:
    return all(
        any(_matches(row, w) for w in cond) if column == "any" else _holds(row.get(column), cond)
        for column, cond in where.items()
    )


def _rows(query: dict[str, Any], key: AnswerKey) -> list[dict[str, Any]]:
    table = _table(query)
    where = query.get("where") or {}
    _check_where(table, where)
    return [row for row in key.rows(table) if _matches(row, where)]


def _take(row: dict[str, Any], take: str | list[str]) -> Any:
    return [row.get(c) for c in take] if isinstance(take, list) else row.get(take)


def resolve(query: dict[str, Any], key: AnswerKey) -> Any:
    """What a query stands for: rows, values of one column, a count, or its ``yields`` value."""
    rows = _rows(query, key)
    table = _table(query)
    if "count" in query:
        return len(rows)
    take = query.get("take")
    for column in [take] if isinstance(take, str) else take or []:
        if column not in TABLES[table]:
            raise RefError(
                f"the key table {table!r} has no column {column!r} to take",
                hint="Its columns: " + ", ".join(TABLES[table]) + ".",
            )
    if "yields" in query:
        if not rows:
            raise RefError(f"the key has no {table} entry where {query.get('where')}")
        return [query["yields"]]
    if take is None:
        return rows
    return [_take(row, take) for row in rows]


def column_values(query: dict[str, Any], key: AnswerKey) -> list[Any]:
    """Every value the query's ``take`` column has in the whole table (ignoring ``where``), or its
    ``yields`` value: what an option may stand for."""
    if "yields" in query:
        return [query["yields"]]
    take = query.get("take")
    if take is None:
        return []
    return [_take(row, take) for row in key.rows(_table(query))]
