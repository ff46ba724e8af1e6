"""What the rules compare answers with: the answer key's tables, or (without a key) the analysis's.

A :class:`Reference` gives tables as plain rows (lists of dicts, NaN as None). It reads an
``AnswerKey`` (``key.rows(name)``), a dict of tables, or any object with DataFrame attributes
(``medialit.analyze()``'s ``Analysis``); the automatic analysis is loaded only when asked for.

>>> from medialit.article import load_article
>>> ref = Reference(load_article(), {"quotes": [{"paragraph": 1, "text": "x"}]}, uses_key=False)
>>> ref.label, ref.rows("quotes"), ref.rows("sources")
('the automatic analysis', [{'paragraph': 1, 'text': 'x'}], [])
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..article import Article

__all__ = ["Reference", "records"]


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is not None and type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        return value.tolist()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return value


def records(table: Any) -> list[dict[str, Any]]:
    """A table (DataFrame, list of dicts or None) as a list of plain dicts, NaN and NA as None.

    >>> import pandas as pd
    >>> records(pd.DataFrame({"a": [1.0, float("nan")]}))
    [{'a': 1.0}, {'a': None}]
    >>> records(None)
    []
    """
    if table is None:
        return []
    rows = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    return [{str(k): _clean(v) for k, v in dict(row).items()} for row in rows if isinstance(row, dict)]


@dataclass
class Reference:
    """An article and the tables its answers are compared with.

    ``source`` is an ``AnswerKey``, a dict of tables, an object with table attributes, or None with
    ``load`` (a function returning one of those, called on first use).
    """

    article: Article
    source: Any = None
    uses_key: bool = True
    load: Callable[[], Any] | None = field(default=None, repr=False)
    _cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        """How feedback names the reference: "the key" or "the automatic analysis"."""
        return "the key" if self.uses_key else "the automatic analysis"

    def rows(self, name: str) -> list[dict[str, Any]]:
        """The rows of one table (an empty list when the reference has no such table)."""
        if name not in self._cache:
            if self.source is None and self.load is not None:
                self.source = self.load()
            source = self.source
            if hasattr(source, "rows") and callable(source.rows) and not isinstance(source, dict):
                try:
                    self._cache[name] = records(source.rows(name))
                except Exception:  # a table the key does not have
                    self._cache[name] = []
            elif isinstance(source, dict):
                self._cache[name] = records(source.get(name))
            else:
                self._cache[name] = records(getattr(source, name, None))
        return self._cache[name]
