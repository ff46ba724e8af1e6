"""What every widget needs, without ipywidgets: the article, the reference to check against, HTML bits.

The *reference* is the teacher's answer key when the article has one, otherwise the automatic
analysis (``medialit.analyze``), which the widgets then name plainly as a fallback.

>>> ref = Reference(load_article(), key=None, analysis={"quotes": [{"paragraph": 1, "text": "x"}]})
>>> ref.uses_key, ref.table("quotes")
(False, [{'paragraph': 1, 'text': 'x'}])
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article, load_article
from ..errors import MedialitError

__all__ = [
    "COLORS",
    "NO_KEY_NOTE",
    "Reference",
    "box_html",
    "error_html",
    "esc",
    "load_reference",
    "records",
    "resolve_article",
    "same_name",
]

NO_KEY_NOTE = (
    "No teacher's answer key for this article: checking against the automatic analysis, which can be wrong."
)

# Okabe–Ito colours, each used together with a symbol and a word.
COLORS = {
    "right": "#009E73",
    "missed": "#E69F00",
    "wrong": "#D55E00",
    "info": "#0072B2",
    "other": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}


def esc(value: object) -> str:
    """HTML-escape any value (None becomes an empty string).

    >>> esc('<script> & “quotes”')
    '&lt;script&gt; &amp; “quotes”'
    """
    return "" if value is None else html.escape(str(value))


def box_html(body: str, *, tone: str = "info", role: str | None = None) -> str:
    """Wrap already-escaped HTML ``body`` in a box with a coloured left border.

    >>> box_html("hi", tone="right")[:60]
    '<div class="medialit-box medialit-right" style="border-left:'
    """
    role_attr = f' role="{role}"' if role else ""
    return (
        f'<div class="medialit-box medialit-{tone}"{role_attr} style="border-left:4px solid '
        f'{COLORS.get(tone, COLORS["info"])};padding:4px 8px;margin:4px 0">{body}</div>'
    )


def error_html(exc: BaseException) -> str:
    """A visible message for an error raised inside a widget callback.

    >>> "What to do" in error_html(MedialitError("Bad date.", hint="Use YYYY-MM-DD."))
    True
    """
    if isinstance(exc, MedialitError):
        body = f"<strong>Problem:</strong> {esc(exc.message)}"
        if exc.hint:
            body += f"<br><strong>What to do:</strong> {esc(exc.hint)}"
    else:
        body = (
            f"<strong>Something went wrong inside the widget:</strong> {esc(type(exc).__name__)}: "
            f"{esc(exc)}<br>Please tell your teacher; re-running the cell usually helps."
        )
    return box_html(f'<span aria-hidden="true">✗</span> {body}', tone="wrong", role="alert")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        return value.tolist()
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return value


def records(table: Any) -> list[dict[str, Any]]:
    """A table (DataFrame, list of dicts or None) as a list of plain dicts, NaN as None.

    >>> import pandas as pd
    >>> records(pd.DataFrame({"a": [1.0, float("nan")]}))
    [{'a': 1.0}, {'a': None}]
    >>> records(None)
    []
    """
    if table is None:
        return []
    rows = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    return [{str(k): _clean(v) for k, v in dict(row).items()} for row in rows]


def resolve_article(article: Article | str | Path | None) -> Article:
    """An :class:`Article` from an Article, a shipped name, a path, or None (the built-in one).

    >>> resolve_article(None).id
    'putin-nato-talks-2021-12-14'
    """
    if isinstance(article, Article):
        return article
    if article is not None and not isinstance(article, str | Path):
        raise MedialitError(
            f"The widget got {type(article).__name__!r} where an article was expected.",
            hint="Pass an article from medialit.load_article(), an article's name, or a path to a .txt file.",
        )
    return load_article(article)


def _find_key(article: Article) -> Any | None:
    try:
        from ..key import find_key
    except ModuleNotFoundError as exc:  # the key module is not installed in this version
        if exc.name and exc.name.startswith("medialit"):
            return None
        raise
    return find_key(article)


@dataclass
class Reference:
    """What a widget checks against: the answer key's tables, or the automatic analysis's."""

    article: Article
    key: Any | None
    analysis: Any | None = None
    _cache: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    @property
    def uses_key(self) -> bool:
        """True when checking against a teacher's answer key."""
        return self.key is not None

    @property
    def label(self) -> str:
        """How the widgets name the reference in feedback ("the key" / "the automatic analysis")."""
        return "the key" if self.uses_key else "the automatic analysis"

    def _analysis(self) -> Any:
        if self.analysis is None:
            from ..analysis import analyze

            self.analysis = analyze(self.article)
        return self.analysis

    def table(self, name: str) -> list[dict[str, Any]]:
        """The rows of a key table (with a key) or of an analysis table (without), as dicts."""
        if name not in self._cache:
            source = self.key if self.uses_key else self._analysis()
            value = source.get(name) if isinstance(source, dict) else getattr(source, name, None)
            self._cache[name] = records(value)
        return self._cache[name]


def load_reference(article: Article | str | Path | None, key: Any = None) -> Reference:
    """Resolve the article and what to check it against.

    ``key`` may be an answer key object, ``None`` (look the article's key up) or ``False``
    (ignore any key and use the automatic analysis).

    >>> load_reference(None, key=False).uses_key
    False
    """
    art = resolve_article(article)
    if key is None:
        found = _find_key(art)
    elif key is False:
        found = None
    else:
        found = key
    return Reference(art, found)


_ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def same_name(a: object, b: object) -> bool:
    """Compare two names forgivingly (case, a leading "the", spacing, curly apostrophes).

    >>> same_name("The Kremlin", "the  kremlin"), same_name("Putin", "Biden")
    (True, False)
    """

    def norm(x: object) -> str:
        text = " ".join(str(x or "").replace("’", "'").split()).strip(" .,").casefold()
        return _ARTICLES.sub("", text)

    return bool(norm(a)) and norm(a) == norm(b)
