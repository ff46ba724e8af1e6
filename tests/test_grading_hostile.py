"""The hostile corpus, end to end through ``medialit grade``: exact status and score per case, and
nothing outside each submission's private copy changed or leaked (submissions, kit, repository,
output folder, the teacher's environment), in two modes:

* ``root``: the full sandbox (Linux, as root: CI containers and this machine);
* ``user``: a normal user, whose submissions run in the user-namespace sandbox. When the tests
  run as root, the grader is started as an unused uid without privileges (``unprivileged.py``).

The corpus really tries to damage files, so a mode is skipped where its sandbox is not
available (no namespaces: the weak mode cannot stop it; see docs/grading.md).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "hostile"))
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
import unprivileged  # noqa: E402

ROOT = HERE.parent
EXPECTED = make_corpus.expected()
TOKEN = f"medialit-test-token-{secrets.token_hex(8)}"
CLI = "import sys; from medialit.grading.cli import main; sys.exit(main(sys.argv[1:]))"
PROBE = (
    "from medialit.grading.runner import Runner\n"
    "r = Runner(jobs=1)\nr.start()\nprint(r.isolation['mode'])\nr.close()"
)
LINUX = sys.platform.startswith("linux")


def _modes() -> list:
    modes = [
        pytest.param(
            "root",
            marks=pytest.mark.skipif(
                not LINUX or os.geteuid() != 0, reason="the root sandbox needs Linux and root"
            ),
        )
    ]
    why = unprivileged.why_not()
    modes.append(pytest.param("user", marks=pytest.mark.skipif(why is not None, reason=why or "")))
    return modes


def _tree_hashes(*folders: Path) -> dict[str, str]:
    """sha256 of every regular file under ``folders`` (links and deep folders not followed)."""
    hashes = {}
    for folder in folders:
        stack = [(folder, 0)]
        while stack:
            here, depth = stack.pop()
            try:
                entries = list(os.scandir(here))
            except OSError:
                continue
            for entry in entries:
                if entry.is_symlink() or entry.name == "__pycache__":
                    continue
                if entry.is_dir() and depth < 40:
                    stack.append((Path(entry.path), depth + 1))
                elif entry.is_file() and not entry.name.startswith(".nfs"):
                    with open(entry.path, "rb") as handle:
                        hashes[entry.path] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def _kit_folders() -> list[Path]:
    import medialit

    folders = [Path(medialit.__file__).resolve().parent, ROOT / "data", ROOT / "solutions"]
    return [f for f in folders if f.is_dir()]


def _grading_processes(base: Path) -> list[str]:
    """Command lines of running grading workers of the run in ``base`` (none may outlive it)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    line = handle.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if "medialit.grading._zygote" in line and str(base) in line:  # its sealed copy is in base
                found.append(line)
    return found


class Grader:
    """Runs ``medialit grade`` as root or as a normal user, with a secret in its environment."""

    def __init__(self, mode: str, base: Path) -> None:
        self.mode = mode
        self.base = base
        self.uid = unprivileged.unused_uid() if mode == "user" and os.geteuid() == 0 else os.geteuid()
        self.home = base / "home"
        self.home.mkdir()
        self.env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "MEDIALIT_API_TOKEN": TOKEN,
            "GITHUB_TOKEN": TOKEN,
        }

    def give_files(self) -> None:
        if self.mode == "user" and os.geteuid() == 0:
            subprocess.run(["chown", "-R", f"{self.uid}:{self.uid}", str(self.base)], check=True)

    def run(self, argv: list[str], code: str = CLI) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", code, *argv]
        if self.mode == "root":
            return subprocess.run(command, env=self.env, capture_output=True, check=False)
        return unprivileged.run(
            command, uid=self.uid, needed=[ROOT, self.base], env=self.env, capture_output=True
        )

    def sandbox_mode(self) -> str:
        result = self.run([], code=PROBE)
        lines = result.stdout.decode(errors="replace").split()
        return lines[-1] if lines else f"failed: {result.stderr.decode(errors='replace')[-500:]}"


@pytest.fixture(scope="module", params=_modes())
def graded(request):
    """Build the corpus, grade it once through the class folder given as a link, record everything."""
    mode = request.param
    base = Path(tempfile.mkdtemp(prefix="medialit-hostile-"))
    os.chmod(base, 0o755)  # noqa: S103 - the test uid must reach it
    try:
        grader = Grader(mode, base)
        subs = base / "subs"
        paths = make_corpus.build(subs)
        out = base / "out"
        out.mkdir()
        (out / "keep.txt").write_text("the teacher's own file in the output folder\n")
        grader.give_files()
        reached = grader.sandbox_mode()
        if reached != mode:
            pytest.skip(
                f"the {mode} sandbox is not available here ({reached}): the corpus would damage files"
            )
        for leftover in ("/tmp/medialit-hostile-was-here", "/tmp/medialit-hostile-subprocess"):
            Path(leftover).unlink(missing_ok=True)
        before = _tree_hashes(subs, base / "teacher", *_kit_folders())
        pyproject = (ROOT / "pyproject.toml").read_bytes()
        result = grader.run(
            [str(base / "subs_link"), "--out", str(out), "--timeout", "3", "--memory", "512", "--jobs", "2"]
        )
        after = _tree_hashes(subs, base / "teacher", *_kit_folders())
        with (out / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
            raw_rows = list(csv.reader(handle))
        rows = {row[0]: dict(zip(raw_rows[0], row, strict=True)) for row in raw_rows[1:]}
        yield {
            "mode": mode,
            "reached": reached,
            "result": result,
            "stdout": result.stdout.decode("utf-8", errors="replace"),
            "raw_rows": raw_rows,
            "rows": rows,
            "before": before,
            "after": after,
            "pyproject": pyproject,
            "out": out,
            "subs": subs,
            "base": base,
            "paths": paths,
            "processes": _grading_processes(base),
        }
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)  # shutil.rmtree recurses: 1,100 levels


def _want(case: str, graded: dict) -> dict:
    want = EXPECTED[case]
    isolation = graded["stdout"].rsplit("isolation", 1)[-1]
    if "without_cgroup" in want and "by cgroup" not in isolation:
        return {**want, **want["without_cgroup"]}
    return want


def test_grading_the_hostile_corpus_exits_0_in_the_expected_sandbox(graded):
    assert graded["result"].returncode == 0, graded["result"].stderr[-2000:]
    assert graded["reached"] == graded["mode"]
    line = graded["stdout"].strip().splitlines()[-3]
    expected = "full sandbox, as root" if graded["mode"] == "root" else "user-namespace sandbox"
    assert expected in line and "no answers, no classmates" in line, line


def test_the_corpus_covers_every_class_of_the_issue():
    classes: dict[str, int] = {}
    for want in EXPECTED.values():
        classes[want["class"]] = classes.get(want["class"], 0) + 1
    assert set(classes) == {"basics", "answers", "run", "secrets", "statuses", "output"}
    assert len(EXPECTED) >= 55 and min(classes.values()) >= 2


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_hostile_case_gets_exactly_its_expected_status_and_score(graded, case):
    want = _want(case, graded)
    row = graded["rows"][want.get("student", case)]
    assert row["status"] == want["status"], want["why"]
    if want["score"] is None:
        assert row["score"] == ""
    else:
        assert float(row["score"]) == want["score"], want["why"]


def test_every_file_is_one_row_and_checkpoint_copies_and_zips_are_none(graded):
    assert len(graded["raw_rows"]) - 1 == len(EXPECTED)
    assert not any("checkpoint" in student or "alice" in student for student in graded["rows"])


def test_no_submission_was_modified(graded):
    subs = str(graded["subs"])
    before = {k: v for k, v in graded["before"].items() if k.startswith(subs)}
    after = {k: v for k, v in graded["after"].items() if k.startswith(subs)}
    assert after == before
    assert str(graded["paths"]["huge_notebook"]) in before


def test_no_kit_or_repo_file_was_modified(graded):
    changed = [k for k in graded["after"] if graded["before"].get(k) != graded["after"][k]]
    if os.environ.get("CI") == "true":  # a fresh clone nobody else edits: exact hashes
        assert changed == []
        assert graded["after"].keys() == graded["before"].keys()
    for name in changed:  # every write the corpus attempts appends this marker
        assert b"hacked = True" not in Path(name).read_bytes(), name
    assert (ROOT / "pyproject.toml").read_bytes() == graded["pyproject"]


def test_nothing_a_submission_wrote_is_left_outside_its_copy(graded):
    assert not Path("/tmp/medialit-hostile-was-here").exists()
    assert not Path("/tmp/medialit-hostile-subprocess").exists()
    assert not Path("/tmp/medialit-leak.json").exists() and not Path("/dev/shm/medialit-leak.json").exists()
    assert (graded["out"] / "keep.txt").read_text() == "the teacher's own file in the output folder\n"
    assert (graded["subs"] / "planted.txt").read_text() == "a file next to the submissions\n"
    assert not (graded["base"] / "home" / "medialit-leak.json").exists()


def test_no_process_of_the_run_outlives_it(graded):
    assert graded["processes"] == []


def test_cheating_never_beats_the_honest_score_of_the_same_answers(graded):
    rows = graded["rows"]
    for cheat, want in EXPECTED.items():
        if want["class"] in ("answers", "secrets") and want["score"] is not None and want["score"] == 0:
            assert float(rows[cheat]["score"]) <= float(rows["blank"]["score"]), cheat


def test_feedback_pages_show_no_tracebacks_and_no_secret(graded):
    pages = list((graded["out"] / "feedback").glob("*.html"))
    assert len(pages) == len(graded["rows"])
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text and "Error:" not in text
        assert TOKEN not in text
    for name in ("gradebook.csv", "details.csv", "item_analysis.txt"):
        assert TOKEN not in (graded["out"] / name).read_text(encoding="utf-8")
    assert TOKEN not in graded["stdout"]


def test_no_gradebook_cell_can_become_a_spreadsheet_formula(graded):
    for name in ("gradebook.csv", "details.csv"):
        with (graded["out"] / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert graded["rows"][EXPECTED["formula_name"]["student"]]["student"].startswith("'=HYPERLINK")


def test_the_terminal_summary_holds_no_control_character_and_no_forged_line(graded):
    text = graded["stdout"]
    assert "\x1b" not in text and "\r" not in text
    assert not any(line.startswith(("all ", "Graded 0")) for line in text.splitlines())
    assert "\\x1b[31mFAKE\\x1b[0m\\nGraded 0 file(s)" in text  # listed, escaped, on one line


def _glob_run(mode: str, cases: list[str]) -> tuple[dict, str]:
    base = Path(tempfile.mkdtemp(prefix="medialit-glob-"))
    os.chmod(base, 0o755)  # noqa: S103 - the test uid must reach it
    try:
        grader = Grader(mode, base)
        paths = make_corpus.build(base / "subs")
        out = base / "out"
        grader.give_files()
        reached = grader.sandbox_mode()
        if reached != mode:
            pytest.skip(f"the {mode} sandbox is not available here ({reached})")
        given = [str(paths[c]) for c in cases]
        result = grader.run([*given, "--out", str(out), "--timeout", "5", "--memory", "512", "--quiet"])
        assert result.returncode == 0, result.stderr[-2000:]
        with (out / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
            return {row["student"]: row for row in csv.DictReader(handle)}, result.stdout.decode(
                errors="replace"
            )
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)  # shutil.rmtree recurses: 1,100 levels


@pytest.mark.parametrize("mode", _modes())
def test_files_named_one_by_one_get_the_same_rows_and_hide_every_classmate(mode):
    cases = [
        "complete",
        "reads_other_students",
        "reads_classmates_every_way",
        "non_utf8_name",
        "symlink",
        "hardlink",
    ]
    rows, _ = _glob_run(mode, cases)
    assert len(rows) == len(cases)
    for case in cases:
        want = EXPECTED[case]
        row = rows[want.get("student", case)]
        assert row["status"] == want["status"], case
        assert (row["score"] == "") if want["score"] is None else (float(row["score"]) == want["score"]), case


@pytest.fixture(scope="module")
def built():
    """The corpus built once more, in a folder removed with ``rm -rf`` (1,100 levels deep)."""
    base = Path(tempfile.mkdtemp(prefix="medialit-built-"))
    try:
        yield make_corpus.build(base / "subs")
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


def test_expected_json_names_only_cases_the_corpus_builds(built):
    assert set(built) == set(EXPECTED)
    assert json.loads((HERE / "hostile" / "expected.json").read_text())["_about"]


def test_every_case_s_code_compiles_so_each_attack_really_runs(built):
    checked = 0
    for case, path in built.items():
        if case in ("syntax_error", "huge_notebook", "deep_json", "many_parts") or not path.is_file():
            continue
        try:
            nb = json.loads(path.read_bytes())
        except ValueError:
            continue  # the damaged files
        for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
            if cell.get("cell_type") == "code":
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                compile(source, f"{case}", "exec")
                checked += 1
    assert checked > 1000
