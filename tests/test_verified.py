"""The list of shipped files already checked against their schemas (data/schemas/verified.json): it is
up to date, lessons use it (they load the key, word lists and questions without compiling a schema), and
any file whose bytes differ, however little, is still checked in full."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medialit._paths import data_dir
from medialit._schema import VERIFIED, content_digest
from medialit._verified import build, shipped

ROOT = Path(__file__).resolve().parent.parent


def test_the_list_is_up_to_date() -> None:
    on_disk = json.loads((data_dir() / "schemas" / VERIFIED).read_text(encoding="utf-8"))
    assert on_disk == build(), "a shipped data file or schema changed: run `make verified`"


def test_the_list_covers_every_kind_of_checked_file() -> None:
    names = json.loads((data_dir() / "schemas" / VERIFIED).read_text(encoding="utf-8"))["files"]
    assert any(n.endswith(".key.yaml") for n in names)
    assert any(n.startswith("data/lexicons/") for n in names)
    assert any("/lessons/lesson" in n for n in names)
    assert any("/masters/ex" in n for n in names)
    assert len(names) == len(list(shipped()))


def _run(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )


def test_a_lesson_s_files_load_without_compiling_a_schema() -> None:
    code = (
        "import sys, medialit\n"
        "from medialit.exercises import get_set\n"
        "medialit.answer_key(); medialit.analyze(medialit.load_article())\n"
        "get_set('lesson07'); get_set('ex02')\n"
        "from medialit.scoring._text import little_words; little_words()\n"
        "print('fastjsonschema' in sys.modules, 'jsonschema' in sys.modules)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "False"]


def _data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    return copy


def _with_data(copy: Path) -> dict[str, str]:
    return {**os.environ, "MEDIALIT_DATA": str(copy)}


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        ("# a teacher's note\n", "loaded"),  # still valid, but different bytes: checked in full, and passes
        ("quotes: 7\n", "MedialitError"),  # breaks the schema: caught although the key is otherwise shipped
    ],
)
def test_a_changed_key_is_checked_in_full(tmp_path: Path, change: str, outcome: str) -> None:
    copy = _data_copy(tmp_path)
    key = next((copy / "articles").glob("*.key.yaml"))
    key.write_text(key.read_text(encoding="utf-8") + change, encoding="utf-8")
    code = (
        "import sys, medialit\n"
        "try:\n    medialit.answer_key(); print('loaded')\n"
        "except medialit.MedialitError: print('MedialitError')\n"
        "print('fastjsonschema' in sys.modules)\n"
    )
    result = _run(code, _with_data(copy))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [outcome, "True"]  # the schema was compiled: the full check ran


def test_a_changed_word_list_is_checked_in_full(tmp_path: Path) -> None:
    copy = _data_copy(tmp_path)
    lexicon = copy / "lexicons" / "vague_time.csv"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "for ages,sometime\n", encoding="utf-8")
    code = (
        "import medialit\n"
        "from medialit import lexicons\n"
        "try:\n    lexicons.rows('vague_time'); print('loaded')\n"
        "except medialit.MedialitError as e: print('refused', 'line' in str(e))\n"
    )
    result = _run(code, _with_data(copy))
    assert result.stdout.split() == ["refused", "True"], result.stderr[-2000:]


def test_a_forged_list_cannot_vouch_for_other_bytes(tmp_path: Path) -> None:
    """The list holds digests of content and schema together: listing a broken file's path does not help;
    only its exact bytes, checked against the exact schema, would."""
    copy = _data_copy(tmp_path)
    key = next((copy / "articles").glob("*.key.yaml"))
    key.write_text(key.read_text(encoding="utf-8") + "quotes: 7\n", encoding="utf-8")
    listed = json.loads((copy / "schemas" / VERIFIED).read_text(encoding="utf-8"))
    listed["files"] = dict.fromkeys(listed["files"], "0" * 64)
    (copy / "schemas" / VERIFIED).write_text(json.dumps(listed), encoding="utf-8")
    result = _run(
        "import medialit\ntry:\n    medialit.answer_key(); print('loaded')\n"
        "except medialit.MedialitError: print('refused')\n",
        _with_data(copy),
    )
    assert result.stdout.split() == ["refused"], result.stderr[-2000:]


def test_a_digest_depends_on_the_schema_as_well_as_the_bytes() -> None:
    raw = b"words: [a]\n"
    assert content_digest(raw, "key.schema.json") != content_digest(raw, "little-words.schema.json")
    assert content_digest(raw, "exercise.schema.json") != content_digest(
        raw, "exercise.schema.json", relax=("answer",)
    )
