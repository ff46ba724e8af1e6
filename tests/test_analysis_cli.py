"""``medialit analyze``: tables, JSON with the key's fields, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from medialit.analysis import Analysis, analyze, compare
from medialit.cli import main


def test_tables_by_default(capsys) -> None:
    assert main(["analyze"]) == 0
    out = capsys.readouterr().out
    assert "== quotes (7) ==" in out and "Sergei Ryabkov" in out


def test_json_has_the_key_fields(capsys) -> None:
    assert main(["analyze", "putin-nato-talks-2021-12-14", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for field in (
        "article",
        "quotes",
        "sources",
        "attributions",
        "time_expressions",
        "loaded_terms",
        "frame_cues",
    ):
        assert field in data
    assert data["article"]["date"] == "2021-12-14"
    assert data["quotes"][-1]["speaker"] == "Sergei Ryabkov"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("", "empty"),
        (b"%PDF-1.4\x00\x00\x01binary", "does not contain text"),
        ("<html><body><p>Hi</p><div>x</div></body></html>", "web page"),
        (" date 2021-13-45 Head\n\nText.", "line 1"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, capsys, content, message: str) -> None:
    path = tmp_path / "article.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err


def test_directory_and_oversized_files_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["analyze", str(tmp_path)]) == 2
    big = tmp_path / "big.txt"
    big.write_text("Head\n\n" + "word " * 500_000, encoding="utf-8")
    assert main(["analyze", str(big)]) == 2
    assert "2 MB" in capsys.readouterr().err


def test_latin1_file_is_read_with_a_warning(tmp_path: Path, capsys) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        " date 2021-12-14 Caf\xe9 news\n\n\x93We will see,\x94 Jos\xe9 said Tuesday.".encode("latin-1")
    )
    from medialit.errors import MedialitWarning

    with pytest.warns(MedialitWarning, match="not UTF-8"):
        assert main(["analyze", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["quotes"][0]["speaker"] == "José"


def test_subprocess_run_of_the_installed_command(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2021-12-14 Head\n\n“We agree,” Ana Lopez said on Monday.", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "medialit.cli", "analyze", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["time_expressions"][0]["date"] == "2021-12-13"


def test_analysis_html_is_escaped() -> None:
    from medialit.article import parse_article

    a = analyze(parse_article("A <b>bold</b> & head\n\n“<script>x</script> is here,” Smith said."))
    page = a._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_compare_shows_what_each_side_found() -> None:
    import medialit

    result = compare(analyze(), medialit.answer_key())
    summary = result.summary.set_index("table")
    assert int(summary.loc["quotes", "both"]) == 7
    assert int(summary.loc["quotes", "key_only"]) == 0
    assert all(result["quotes"]["both"]["same_speaker"])
    assert "Only in the key" in result._repr_html_()


def test_analyze_accepts_article_name_path_and_none(root: Path) -> None:
    by_none = analyze()
    by_name = analyze("putin-nato-talks-2021-12-14")
    by_path = analyze(root / "data" / "articles" / "putin-nato-talks-2021-12-14.txt")
    assert isinstance(by_none, Analysis)
    assert by_none.quotes.equals(by_name.quotes) and by_name.quotes.equals(by_path.quotes)
