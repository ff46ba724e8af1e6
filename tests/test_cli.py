"""The medialit command: key tables and JSON, clear one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from medialit.cli import main


def test_key_json_lists_all_seven_quotations_with_speakers(capsys):
    assert main(["key", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = {"article", "quotes", "sources", "attributions", "framing", "time_expressions",
                "absent_voices", "provenance"}  # fmt: skip
    assert expected <= set(data)
    speakers = [(q["paragraph"], q["speaker"]) for q in data["quotes"]]
    assert speakers == [
        (0, "Vladimir Putin"), (1, "Vladimir Putin"), (5, "Vladimir Putin"), (8, "Vladimir Putin"),
        (9, "Vladimir Putin"), (10, "Joe Biden"), (13, "Sergei Ryabkov"),
    ]  # fmt: skip
    for q in data["quotes"]:
        assert {"paragraph", "text", "speaker", "cue", "kind", "via"} <= set(q)
    for s in data["sources"]:
        assert {"name", "aliases", "kind", "appearances"} <= set(s)
    for t in data["time_expressions"]:
        assert "date" in t or ("start" in t and "end" in t) or t.get("vague") is True


def test_key_tables_are_readable(capsys):
    assert main(["key", "putin-nato-talks-2021-12-14"]) == 0
    out = capsys.readouterr().out
    assert "Quotations (7)" in out and "Sergei Ryabkov" in out and "Absent voices" in out


def test_key_for_an_article_without_key_exits_2_with_one_line(tmp_path, capsys):
    f = tmp_path / "story.txt"
    f.write_text("Headline\n\nBody.\n", encoding="utf-8")
    assert main(["key", str(f)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("medialit key: There is no answer key") and "\n" not in err


def test_unknown_command_and_no_command_exit_2(capsys):
    assert main(["frobnicate"]) == 2
    assert main([]) == 2
    assert "usage: medialit COMMAND" in capsys.readouterr().out


def test_installed_command_runs_without_traceback_on_bad_input(tmp_path):
    bad = tmp_path / "page.txt"
    bad.write_text("<html><body><p>not an article</p></body></html>", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "medialit.cli", "key", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "web page" in result.stderr and len(result.stderr.strip().splitlines()) == 1
