"""The built-in article ships verbatim and loads into numbered paragraphs; bad input gets a clear error."""

from __future__ import annotations

import hashlib
import warnings

import pytest

import medialit
from medialit import MedialitError, MedialitWarning, load_article

ARTICLE_SHA256 = "9954672e85fe29c67ff976a5fb966cebf9bd5e1ea1f3ce3f9665413881393a0e"


def test_built_in_article_is_the_seed_byte_for_byte(root):
    shipped = root / "data" / "articles" / "putin-nato-talks-2021-12-14.txt"
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == ARTICLE_SHA256
    seed = root.parent / "shared" / "seed" / "article.txt"
    if seed.is_file():  # beside the checkout in development and CI
        assert seed.read_bytes() == shipped.read_bytes()


def test_no_argument_loads_the_built_in_article_with_date_and_headline(article):
    assert article.id == "putin-nato-talks-2021-12-14"
    assert article.date.isoformat() == "2021-12-14"
    assert article.date.strftime("%A") == "Tuesday"
    assert article.headline == "Putin wants ‘immediate’ talks on Russia’s security with NATO."
    assert article.paragraphs[0] == article.headline


def test_body_paragraphs_are_numbered_from_one_in_order(article):
    assert len(article.paragraphs) == 17
    assert article.paragraphs[1].startswith("As tensions between Moscow and the West")
    assert article.paragraphs[13].endswith("Ryabkov told the Russian news agency RIA Novosti.")
    assert article.paragraphs[16].startswith("Putin has accused the West")
    for number, (start, end) in enumerate(article.paragraph_spans):
        assert article.text[start:end] == article.paragraphs[number]


def test_sentences_carry_offsets_into_the_text(article):
    sentences = article.sentences
    assert list(sentences.columns) == ["paragraph", "sentence", "text", "start", "end"]
    for row in sentences.itertuples():
        assert article.text[row.start : row.end] == row.text
    # Every paragraph here is one sentence long; the splitter must not break inside quotes.
    assert sentences.groupby("paragraph").size().max() == 1
    assert len(sentences) == 17


def test_sentence_splitter_handles_abbreviations_and_quotes():
    a = medialit.parse_article(
        "Headline\n\nMr. Smith said the U.S. team won. “We did it,” he said. Dr. Jones agreed!"
    )
    assert a.sentences["text"].tolist() == [
        "Headline",
        "Mr. Smith said the U.S. team won.",
        "“We did it,” he said.",
        "Dr. Jones agreed!",
    ]


def test_a_shipped_name_and_a_path_load_the_same_article(root, article):
    by_path = load_article(root / "data" / "articles" / "putin-nato-talks-2021-12-14.txt")
    by_str = load_article(str(root / "data" / "articles" / "putin-nato-talks-2021-12-14.txt"))
    by_name = load_article("putin-nato-talks-2021-12-14")
    assert by_path.paragraphs == by_str.paragraphs == by_name.paragraphs == article.paragraphs
    assert "putin-nato-talks-2021-12-14" in medialit.list_articles()


def test_plain_text_without_date_line_uses_first_line_as_headline(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Council votes on park\nThe council met on Monday.\n\nIt voted 5-2.\n", encoding="utf-8")
    a = load_article(f)
    assert a.date is None
    assert a.headline == "Council votes on park"
    assert a.paragraphs[1:] == ("The council met on Monday.", "It voted 5-2.")
    assert a.id == "story"


def test_windows_line_endings_and_bom_are_normalised(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes("\ufeff date 2020-01-02 Head\r\n\r\nOne.\r\n\r\nTwo.\r\n".encode())
    a = load_article(f)
    assert a.date.isoformat() == "2020-01-02"
    assert a.paragraphs == ("Head", "One.", "Two.")
    assert "\r" not in a.text


def test_latin1_text_is_read_with_a_warning(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes(" date 2021-12-14 Niinistö speaks\n\nPresident Niinistö said “yes”.\n".encode("cp1252"))
    with pytest.warns(MedialitWarning, match="not UTF-8"):
        a = load_article(f)
    assert a.headline == "Niinistö speaks"
    assert "“yes”" in a.paragraphs[1]
    assert a.encoding == "cp1252"


def test_utf8_text_gives_no_warning(article):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_article()


# case -> (file content, words the message must contain, words the hint must contain)
BAD_FILES = {
    "empty": (b"", "is empty", "Paste"),
    "blank": (b"  \n\n \n", "is empty", "Paste"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "does not contain text", "plain .txt"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "does not contain text", "plain .txt"),
    "html": (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "web page", "copy them"),
    "html-fragment": (b"Title\n\n<div class='a'><p>Text</p></div>", "web page", "copy them"),
    "too-big": (b"Head\n\n" + b"word " * 500_000, "2 MB", "one news story"),
    "bad-date": (b" date 2021-13-45 Head\n\nBody.", "line 1", "YYYY-MM-DD"),
    "word-date": (b" date yesterday Head\n\nBody.", "line 1", "YYYY-MM-DD"),
    "no-headline": (b" date 2021-12-14\n\nBody.", "no headline", "after the date"),
    "headline-only": (b"Just a headline\n", "no paragraphs", "blank line"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_raises_one_clear_error_naming_the_file(tmp_path, case):
    content, message, hint = BAD_FILES[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(content)
    with pytest.raises(MedialitError) as caught:
        load_article(path)
    assert message in caught.value.message
    assert hint in caught.value.hint
    assert str(path) in caught.value.message


def test_missing_file_and_folder_get_clear_errors(tmp_path):
    with pytest.raises(MedialitError, match="not found") as caught:
        load_article(tmp_path / "nope.txt")
    assert str(tmp_path / "nope.txt") in caught.value.message
    with pytest.raises(MedialitError, match="is a folder") as caught:
        load_article(tmp_path)
    assert ".txt file inside" in caught.value.hint


def test_unknown_article_name_lists_the_shipped_ones():
    with pytest.raises(MedialitError) as caught:
        load_article("not-an-article")
    assert "putin-nato-talks-2021-12-14" in caught.value.hint


def test_html_display_escapes_the_text():
    a = medialit.parse_article("Tom & Jerry <b>win</b>\n\nThey said “<script>alert(1)</script>” & left.")
    page = a._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Tom &amp; Jerry &lt;b&gt;win&lt;/b&gt;" in page


def test_html_display_numbers_every_body_paragraph(article):
    page = article._repr_html_()
    for number in range(1, 17):
        assert f'value="{number}"' in page
    assert "Tuesday 14 December 2021" in page


def test_import_has_no_heavy_side_effects():
    import subprocess
    import sys

    heavy = "('pandas', 'matplotlib', 'ipywidgets')"
    code = f"import sys, medialit; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
