"""What every widget needs, without ipywidgets: the article and the reference to check against.

The *reference* is the teacher's answer key when the article has one, otherwise the automatic
analysis (``medialit.analyze``), which the widgets then name plainly as a fallback.

>>> load_reference(None, key=False).uses_key
False
>>> "What to do" in error_html(MedialitError("Bad date.", hint="Use YYYY-MM-DD."))
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._style import box_html, esc
from ..article import Article, load_article
from ..errors import MedialitError
from ..scoring import Reference

__all__ = ["NOTE_MIME", "NO_KEY_NOTE", "choose", "error_html", "load_reference"]

#: The MIME type that marks the "run this cell to continue" line shown beside every kit widget
#: (``_keyguard.note_bundle``), so that handouts can leave it out.
NOTE_MIME = "application/vnd.medialit.widget-note+json"

NO_KEY_NOTE = (
    "No teacher's answer key for this article: checking against the automatic analysis, which can be wrong."
)


def choose(dropdown: Any, value: Any) -> None:
    """Set a dropdown to ``value``; for None, show its "— choose —" option (the one whose value is None).

    ipywidgets turns ``value=None`` into "no option selected", which a browser shows as an empty box
    and a screen reader as an unnamed choice; selecting the None option by position shows the prompt.

    >>> import ipywidgets as w
    >>> d = w.Dropdown(options=[("— choose —", None), ("full", "full")])
    >>> choose(d, "full"); choose(d, None); d.index, d.value
    (0, None)
    """
    values = [o[1] if isinstance(o, tuple) else o for o in dropdown.options]
    dropdown.index = values.index(value)
    if dropdown.index is None:  # ipywidgets turned a change to None into "nothing selected": once more
        dropdown.index = values.index(value)


def error_html(exc: BaseException) -> str:
    """A visible message for an error raised inside a widget callback."""
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


def load_reference(article: Article | str | Path | None, key: Any = None) -> Reference:
    """Load the article and what to check it against.

    ``key`` may be an answer key (or a dict of tables), ``None`` (the article's own key, if it has
    one) or ``False`` (ignore any key and use the automatic analysis).
    """
    if article is not None and not isinstance(article, Article | str | Path):
        raise MedialitError(
            f"The widget got {type(article).__name__!r} where an article was expected.",
            hint="Pass an article from medialit.load_article(), an article's name, or a path to a .txt file.",
        )
    art = load_article(article)
    if key is None:
        from ..key import find_key

        key = find_key(art)
    if key is None or key is False:

        def analyse() -> Any:
            from ..analysis import analyze

            return analyze(art)

        return Reference(art, None, uses_key=False, load=analyse)
    return Reference(art, key)
