"""The hostile corpus, end to end through ``medialit grade``: exact status and score per case, and
nothing outside each submission's private copy changed (submissions, kit, repo, output folder).

Runs only where the full sandbox is available (Linux as root: CI and this machine). As a normal
user the sandbox cannot stop a notebook from writing the teacher's files, and these notebooks
really try to, so they are not run there (see docs/grading.md).
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "hostile"))
import make_corpus  # noqa: E402

ROOT = HERE.parent
EXPECTED = make_corpus.expected()

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="the hostile corpus tries to damage files; only the root sandbox (Linux, as root) stops it",
)


def _tree_hashes(*folders: Path) -> dict[str, str]:
    hashes = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file() or path.is_symlink():
                continue
            hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def _kit_folders() -> list[Path]:
    import medialit

    folders = [Path(medialit.__file__).resolve().parent]
    if (ROOT / "src" / "medialit").is_dir():
        folders.append(ROOT / "src" / "medialit")
    return folders


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Build the corpus, grade it once, and record hashes before and after."""
    from medialit.grading.cli import main

    base = tmp_path_factory.mktemp("hostile")
    subs = base / "subs"
    make_corpus.build(subs)
    (subs / "symlink.ipynb").symlink_to(subs / "complete.ipynb")
    os.mkfifo(subs / "fifo.ipynb")
    out = base / "out"
    out.mkdir()
    (out / "keep.txt").write_text("the teacher's own file in the output folder\n")
    for leftover in ("/tmp/medialit-hostile-was-here", "/tmp/medialit-hostile-subprocess"):
        Path(leftover).unlink(missing_ok=True)
    before = _tree_hashes(subs, *_kit_folders())
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    code = main([str(subs), "--out", str(out), "--timeout", "3", "--memory", "512", "--jobs", "2", "--quiet"])
    after = _tree_hashes(subs, *_kit_folders())
    with (out / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    return {
        "code": code,
        "rows": rows,
        "before": before,
        "after": after,
        "pyproject": pyproject,
        "out": out,
        "subs": subs,
    }


def test_grading_the_hostile_corpus_exits_0(graded):
    assert graded["code"] == 0


def test_corpus_has_at_least_15_kinds_of_broken_or_cheating_submissions():
    hostile = [k for k in EXPECTED if k not in ("complete", "half", "blank")]
    assert len(hostile) >= 15


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_hostile_case_gets_exactly_its_expected_status_and_score(graded, case):
    row = graded["rows"][case]
    want = EXPECTED[case]
    assert row["status"] == want["status"], want["why"]
    if want["score"] is None:
        assert row["score"] == ""
    else:
        assert float(row["score"]) == want["score"], want["why"]


def test_no_submission_was_modified(graded):
    subs = str(graded["subs"])
    before = {k: v for k, v in graded["before"].items() if k.startswith(subs)}
    after = {k: v for k, v in graded["after"].items() if k.startswith(subs)}
    assert after == before
    assert len(before) == len(list(graded["subs"].iterdir())) - 2  # all but the link and the fifo


def test_no_kit_or_repo_file_was_modified(graded):
    changed = [k for k in graded["after"] if graded["before"].get(k) != graded["after"][k]]
    if os.environ.get("CI") == "true":  # a fresh clone nobody else edits: exact hashes
        assert changed == []
        assert graded["after"].keys() == graded["before"].keys()
    # Every write the corpus attempts appends this marker (checked everywhere, also where other
    # work may legitimately edit the checkout while the suite runs).
    for name in changed:
        assert b"hacked = True" not in Path(name).read_bytes(), name
    assert b"hacked = True" not in (ROOT / "pyproject.toml").read_bytes()
    assert (ROOT / "pyproject.toml").read_bytes() == graded["pyproject"]


def test_nothing_a_submission_wrote_is_left_outside_its_copy(graded):
    assert not Path("/tmp/medialit-hostile-was-here").exists()
    assert not Path("/tmp/medialit-hostile-subprocess").exists()
    assert (graded["out"] / "keep.txt").read_text() == "the teacher's own file in the output folder\n"
    assert (graded["subs"] / "planted.txt").read_text() == "a file next to the submissions\n"


def test_cheating_never_beats_the_honest_score_of_the_same_answers(graded):
    rows = graded["rows"]
    for cheat in (
        "checker_patched",
        "ast_transformer",
        "builtins_redefined",
        "fake_scores",
        "reads_other_students",
    ):
        assert float(rows[cheat]["score"]) <= float(rows["blank"]["score"])


def test_feedback_pages_show_no_tracebacks(graded):
    pages = list((graded["out"] / "feedback").glob("*.html"))
    assert len(pages) == len(graded["rows"])
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text and "Error:" not in text
