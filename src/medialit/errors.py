"""The one error type students and teachers see, and the one warning type.

Every message says what was wrong, where, and what to do next.

>>> from medialit.errors import MedialitError
>>> str(MedialitError("article.txt is empty.", hint="Paste the article text into it."))
'article.txt is empty. Paste the article text into it.'
"""

from __future__ import annotations

__all__ = ["MedialitError", "MedialitWarning"]


class MedialitError(Exception):
    """A problem a student or teacher can fix; the message explains how.

    >>> err = MedialitError("No article named 'x'.", hint="Try medialit.list_articles().")
    >>> err.hint
    'Try medialit.list_articles().'
    """

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}".strip())

    def _repr_html_(self) -> str:  # shown when a notebook displays the error object
        from ._style import box_html, esc

        body = f"<strong>Problem:</strong> {esc(self.message)}"
        if self.hint:
            body += f"<br><strong>What to do:</strong> {esc(self.hint)}"
        return box_html(body, tone="wrong", role="alert")


class MedialitWarning(UserWarning):
    """Something worked, but not quite as expected (for example an unusual text encoding)."""
