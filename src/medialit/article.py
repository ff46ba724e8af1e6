"""The article: headline, date, numbered paragraphs and sentences with character offsets.

File format (the kit's own, also accepted without the first line)::

     date 2021-12-14 Headline of the story
    <blank line>
    First paragraph.
    <blank line>
    Second paragraph.

Paragraph 0 is the headline; body paragraphs are numbered 1, 2, ... in order.
All offsets (``start``, ``end``) index into ``Article.text``: the file's text with
line endings normalised to ``\\n`` and any byte-order mark removed.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ._paths import data_dir
from ._sentences import split_sentences
from .errors import MedialitError, MedialitWarning

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_ARTICLE", "MAX_BYTES", "Article", "list_articles", "load_article", "parse_article"]

DEFAULT_ARTICLE = "putin-nato-talks-2021-12-14"
MAX_BYTES = 2 * 1024 * 1024

_DATE_LINE = re.compile(r"^[ \t]*date\b[ \t]*(?P<date>\S*)[ \t]*(?P<headline>.*)$", re.IGNORECASE)
_HTML_HINTS = re.compile(
    r"<\s*(!doctype|html|head|body|div|p|span|script|style|meta|article|br|a\s+href)\b", re.IGNORECASE
)


@dataclass(frozen=True, eq=False)
class Article:
    """A news article split into a headline, a date and numbered paragraphs.

    >>> a = load_article()
    >>> a.id, a.date.isoformat(), len(a.paragraphs) - 1
    ('putin-nato-talks-2021-12-14', '2021-12-14', 16)
    >>> a.paragraphs[13][:24]
    '“If there is no movement'
    >>> start, end = a.paragraph_spans[13]
    >>> a.text[start:end] == a.paragraphs[13]
    True
    """

    id: str
    text: str
    headline: str
    date: _dt.date | None
    paragraphs: tuple[str, ...]
    paragraph_spans: tuple[tuple[int, int], ...]
    path: Path | None = None
    encoding: str = "utf-8"
    _sentence_spans: tuple[tuple[int, int, int, int], ...] = field(default=(), repr=False)

    @property
    def body(self) -> tuple[str, ...]:
        """The body paragraphs (1, 2, ...), without the headline.

        >>> load_article().body[0].startswith("As tensions")
        True
        """
        return self.paragraphs[1:]

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: paragraph, sentence (1-based within its paragraph), text, start, end.

        >>> s = load_article().sentences
        >>> list(s.columns)
        ['paragraph', 'sentence', 'text', 'start', 'end']
        >>> int(s.iloc[0]["paragraph"]), int(s.iloc[-1]["paragraph"])
        (0, 16)
        """
        import pandas as pd

        rows = [
            {"paragraph": p, "sentence": n, "text": self.text[a:b], "start": a, "end": b}
            for p, n, a, b in self._sentence_spans
        ]
        return pd.DataFrame(rows, columns=["paragraph", "sentence", "text", "start", "end"])

    def paragraph_at(self, offset: int) -> int | None:
        """The number of the paragraph that contains character ``offset`` (None if between).

        >>> a = load_article()
        >>> a.paragraph_at(a.paragraph_spans[5][0])
        5
        """
        for number, (a, b) in enumerate(self.paragraph_spans):
            if a <= offset < b:
                return number
        return None

    def find(self, phrase: str, *, paragraph: int | None = None) -> list[tuple[int, int, int]]:
        """Every exact occurrence of ``phrase``: a list of ``(paragraph, start, end)``.

        >>> load_article().find("Ryabkov")
        [(12, 2080, 2087), (13, 2300, 2307)]
        """
        hits: list[tuple[int, int, int]] = []
        if not phrase:
            return hits
        numbers = range(len(self.paragraphs)) if paragraph is None else [paragraph]
        for number in numbers:
            if not 0 <= number < len(self.paragraphs):
                continue
            a, b = self.paragraph_spans[number]
            at = self.text.find(phrase, a, b)
            while at != -1:
                hits.append((number, at, at + len(phrase)))
                at = self.text.find(phrase, at + 1, b)
        return hits

    def __str__(self) -> str:
        lines = [self.headline, self.date.isoformat() if self.date else "(no date)", ""]
        lines += [f"[{n}] {p}" for n, p in enumerate(self.paragraphs) if n]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        date = esc(self.date.strftime("%A %d %B %Y")) if self.date else "no date given"
        items = "".join(
            f'<li value="{n}" style="margin-bottom:.4em"><span style="color:#555">'
            f'<span aria-hidden="true">¶</span> {n}</span>&ensp;{esc(p)}</li>'
            for n, p in enumerate(self.paragraphs)
            if n
        )
        return (
            f'<div class="medialit-article" lang="en">'
            f'<p style="margin:0;color:#555">Paragraph 0 (headline)</p>'
            f"<h2 style='margin-top:0;font-size:1.17em'>{esc(self.headline)}</h2>"
            f"<p><strong>Date:</strong> {date}</p>"
            f'<ol style="list-style:none;padding-left:0">{items}</ol></div>'
        )


def list_articles() -> list[str]:
    """The names of the articles shipped with the kit.

    >>> "putin-nato-talks-2021-12-14" in list_articles()
    True
    """
    folder = data_dir() / "articles"
    return sorted(p.stem for p in folder.glob("*.txt"))


def _resolve(name_or_path: str | Path | None) -> tuple[str, Path]:
    if name_or_path is None:
        name_or_path = DEFAULT_ARTICLE
    if isinstance(name_or_path, str):
        shipped = data_dir() / "articles" / f"{name_or_path}.txt"
        if "/" not in name_or_path and "\\" not in name_or_path and shipped.is_file():
            return name_or_path, shipped
        looks_like_path = any(c in name_or_path for c in "/\\.") or Path(name_or_path).exists()
        if not looks_like_path:
            names = ", ".join(repr(n) for n in list_articles())
            raise MedialitError(
                f"There is no shipped article called {name_or_path!r}.",
                hint=f"Use one of {names}, or give the path to a .txt file.",
            )
    path = Path(name_or_path).expanduser()
    return path.stem, path


def _decode(data: bytes, where: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.warn(
            f"{where} is not UTF-8; read it as {encoding} (Windows/Latin-1). "
            "If accented letters or quotation marks look wrong, save the file as UTF-8.",
            MedialitWarning,
            stacklevel=4,
        )
        return text, encoding
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > max(2, len(head) // 100)


def _read(path: Path) -> bytes:
    where = str(path)
    if not path.exists():
        raise MedialitError(
            f"Article file not found: {where}.",
            hint="Check the spelling and the folder, or use load_article() for the built-in article.",
        )
    if path.is_dir():
        raise MedialitError(
            f"{where} is a folder, not an article file.",
            hint="Give the path of the .txt file inside it.",
        )
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise MedialitError(
            f"{where} is {size / 1_048_576:.1f} MB; the kit reads articles up to 2 MB.",
            hint="Save just the article's text (one news story) as a .txt file.",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MedialitError(
            f"Could not read {where}: {exc.strerror or exc}.",
            hint="Check that the file is not open elsewhere and that you may read it.",
        ) from None


def load_article(name_or_path: Article | str | Path | None = None) -> Article:
    """Load an article: the built-in one, a shipped one by name, or any text file by path.

    >>> load_article().headline
    'Putin wants ‘immediate’ talks on Russia’s security with NATO.'
    >>> load_article("no-such-article")
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: There is no shipped article called 'no-such-article'. ...
    """
    if isinstance(name_or_path, Article):
        return name_or_path
    article_id, path = _resolve(name_or_path)
    data = _read(path)
    return parse_article(data, article_id=article_id, path=path)


def parse_article(data: bytes | str, *, article_id: str = "article", path: Path | None = None) -> Article:
    """Parse article text (bytes or str) in the kit's format, or plain text without a date line.

    >>> a = parse_article("My headline\\n\\nOne.\\n\\nTwo. Three.")
    >>> a.date is None, a.headline, a.paragraphs[2]
    (True, 'My headline', 'Two. Three.')
    """
    where = str(path) if path else f"the article {article_id!r}"
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise MedialitError(f"{where} is larger than 2 MB.", hint="Use the text of one news story.")
        if _looks_binary(data):
            raise MedialitError(
                f"{where} does not contain text (it looks like a PDF, picture or Word file).",
                hint="Copy the article's words into a plain .txt file and load that.",
            )
        text, encoding = _decode(data, where)
    else:
        text, encoding = data, "utf-8"
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise MedialitError(f"{where} is empty.", hint="Paste the article's headline and paragraphs into it.")
    if len(_HTML_HINTS.findall(text[:20000])) >= 2 or text.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    ):
        raise MedialitError(
            f"{where} looks like a web page (HTML code), not the article's text.",
            hint="In the browser, select the article's words, copy them into a .txt file, "
            "and put the headline on the first line.",
        )
    return _split(text, article_id=article_id, path=path, encoding=encoding, where=where)


def _split(text: str, *, article_id: str, path: Path | None, encoding: str, where: str) -> Article:
    # Blocks of non-blank lines, with offsets into text.
    blocks: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        a, b = match.span()
        while text[a].isspace():
            a += 1
        blocks.append((a, b))
    first_a, first_b = blocks[0]
    line_end = text.find("\n", first_a, first_b)
    line_end = first_b if line_end == -1 else line_end
    first_line = text[first_a:line_end]
    date = None
    header = _DATE_LINE.match(first_line)
    if header:
        raw_date = header.group("date")
        try:
            date = _dt.date.fromisoformat(raw_date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw_date) else None
        except ValueError:
            date = None
        if date is None:
            raise MedialitError(
                f"{where}, line 1: the date line has {raw_date or 'no date'!r} where a date like "
                "2021-12-14 should be.",
                hint="Write the first line as ' date YYYY-MM-DD Headline', or remove the word "
                "'date' to load the file without a date.",
            )
        if not header.group("headline").strip():
            raise MedialitError(
                f"{where}, line 1: the date line has no headline after the date.",
                hint="Write the headline after the date on the same line.",
            )
        head_a = first_a + header.start("headline")
    else:
        head_a = first_a
    head_b = line_end
    while head_b > head_a and text[head_b - 1].isspace():
        head_b -= 1
    spans = [(head_a, head_b)]
    # Whatever followed the headline in its own block is the first body paragraph.
    if line_end < first_b and text[line_end:first_b].strip():
        a = line_end
        while text[a].isspace():
            a += 1
        spans.append((a, first_b))
    spans.extend(blocks[1:])
    if len(spans) < 2:
        raise MedialitError(
            f"{where} has a headline but no paragraphs.",
            hint="Separate the headline and each paragraph with a blank line.",
        )
    paragraphs = tuple(text[a:b] for a, b in spans)
    sentence_spans = tuple(
        (number, i, a + s, a + e)
        for number, (a, b) in enumerate(spans)
        for i, (s, e) in enumerate(split_sentences(text[a:b]), start=1)
    )
    return Article(
        id=article_id,
        text=text,
        headline=paragraphs[0],
        date=date,
        paragraphs=paragraphs,
        paragraph_spans=tuple(spans),
        path=path,
        encoding=encoding,
        _sentence_spans=sentence_spans,
    )
