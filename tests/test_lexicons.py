"""The word lists are data with a schema: the shipped files pass, and a bad row is named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit import lexicons
from medialit.errors import MedialitError


@pytest.mark.parametrize("name", lexicons.NAMES)
def test_shipped_lexicon_passes_its_schema_and_cites_its_classes(name: str, root: Path) -> None:
    rows = lexicons.check_file(root / "data" / "lexicons" / f"{name}.csv")
    assert rows
    header = (root / "data" / "lexicons" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#")


def test_reporting_verbs_list_every_inflection_of_say() -> None:
    forms = {r["form"] for r in lexicons.rows("reporting_verbs") if r["lemma"] == "say"}
    assert forms == {"say", "says", "said", "saying"}


def test_every_frame_item_is_within_its_frame() -> None:
    for row in lexicons.rows("frame_cues"):
        assert 1 <= int(row["item"]) <= lexicons.FRAME_ITEMS[row["frame"]]


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.csv"
    path.write_text(body, encoding="utf-8")
    return path


def test_bad_row_error_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "reporting_verbs",
        "# test\nform,lemma,tense,connotation,explanation\n"
        "said,say,past,neutral,A neutral reporting verb.\n"
        "claimed,claim,past,sceptical,Keeps the writer at a distance.\n",
    )
    with pytest.raises(MedialitError) as info:
        lexicons.check_file(path)
    message = str(info.value)
    assert "reporting_verbs.csv, line 4, field 'connotation'" in message
    assert "'sceptical'" in message


def test_missing_header_comment_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "vague_time", "phrase,kind\nfor weeks,duration\n")
    with pytest.raises(MedialitError, match="line 1"):
        lexicons.check_file(path)


def test_wrong_number_of_fields_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "vague_time", "# c\nphrase,kind\nfor weeks,duration,extra\n")
    with pytest.raises(MedialitError, match="line 3: 3 fields"):
        lexicons.check_file(path)


def test_frame_item_beyond_the_frame_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "frame_cues", "# c\nframe,item,cue\nmorality,5,virtue\n")
    with pytest.raises(MedialitError, match="field 'item'"):
        lexicons.check_file(path)


def test_a_word_list_saved_with_windows_line_endings_reads_the_same(tmp_path) -> None:
    """A teacher's editor may save CRLF line endings; the rows are the same as with plain newlines."""
    from medialit._paths import data_dir
    from medialit.lexicons import check_file

    shipped = data_dir() / "lexicons" / "vague_time.csv"
    copy = tmp_path / "vague_time.csv"
    copy.write_bytes(shipped.read_bytes().replace(b"\n", b"\r\n"))
    assert check_file(copy) == check_file(shipped)
