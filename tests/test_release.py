"""The student edition (`medialit release`): nothing only the teacher should have, sets in the
mode the teacher chose, the kit students import is the edition's own, and nothing is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from medialit.cli import main as cli_main
from medialit.errors import MedialitError
from medialit.exercises import ANSWER_FIELDS
from medialit.release import MANIFEST, check_edition, course_root, release, solution_only_texts

ROOT = course_root()
ASSESSED = "ex03"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return release(tmp_path_factory.mktemp("release") / "course-student", assessed=[ASSESSED])


def _fields(node, names):
    if isinstance(node, dict):
        return {k for k in node if k in names} | {f for v in node.values() for f in _fields(v, names)}
    if isinstance(node, list):
        return {f for v in node for f in _fields(v, names)}
    return set()


def _master(folder: Path, set_id: str) -> dict:
    (path,) = (folder / "src/medialit/exercises/masters").glob(f"{set_id}_*.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _edition_python(edition_dir: Path, code: str) -> dict:
    """Run ``code`` with the edition's package first on the path; it prints one JSON object."""
    env = {**os.environ, "PYTHONPATH": str(edition_dir / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=edition_dir, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_edition_holds_no_teacher_only_file(edition):
    names = {p.name for p in edition.out.rglob("*")}
    assert not names & {"solutions", "instructor_guide.md", "calibration.md"}
    assert not (edition.out / "tests" / "test_release.py").exists()  # the kit's own tests stay home
    assert sorted(p.name for p in (edition.out / "exercises").glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "exercises").glob("*.ipynb")
    )
    assert (edition.out / "data/articles/putin-nato-talks-2021-12-14.txt").read_bytes() == (
        ROOT / "data/articles/putin-nato-talks-2021-12-14.txt"
    ).read_bytes()
    assert check_edition(edition.out) == []


def test_no_file_holds_a_text_only_the_solutions_have(edition):
    texts = solution_only_texts(ROOT, [ASSESSED])
    assert len(texts) >= 20  # model answers and key points of six sets and the lesson checks
    everything = " ".join(
        " ".join(p.read_text(encoding="utf-8", errors="replace").replace("\\n", " ").split())
        for p in edition.out.rglob("*")
        if p.is_file()
    )
    assert [t for t in texts if t in everything] == []


def test_practice_masters_keep_their_answers_assessed_ones_none(edition):
    practice, assessed = _master(edition.out, "ex01"), _master(edition.out, ASSESSED)
    assert _fields(practice, set(ANSWER_FIELDS)) - {"model_answer", "outro"}  # verdicts still possible
    assert _fields(practice, {"model_answer", "outro"}) == set()
    assert _fields(assessed, set(ANSWER_FIELDS)) == set()
    full = _master(ROOT, ASSESSED)
    assert [q["id"] for q in assessed["questions"]] == [q["id"] for q in full["questions"]]
    manifest = json.loads((edition.out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["sets"][ASSESSED] == "assessed" and manifest["sets"]["ex01"] == "practice"


def test_a_leak_would_be_caught(edition, tmp_path):
    """check_edition is not vacuous: a solution notebook or a model answer put back is found."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(edition.out, copy)
    shutil.copy(ROOT / "solutions" / "ex04_framing.ipynb", copy / "exercises" / "ex04_answers.ipynb")
    assert any("ex04_answers.ipynb holds a solution text" in p for p in check_edition(copy))

    copy2 = tmp_path / "copy2"
    shutil.copytree(edition.out, copy2)
    master = _master(copy2, "ex01")
    master["questions"][0]["model_answer"] = "x"
    (path,) = (copy2 / "src/medialit/exercises/masters").glob("ex01_*.yaml")
    path.write_text(yaml.safe_dump(master), encoding="utf-8")
    assert any("answer fields a practice set leaves out" in p for p in check_edition(copy2))


def test_students_import_the_edition_and_an_assessed_set_is_sealed(edition):
    code = (
        "import json, medialit\n"
        "from medialit.exercises import get_set\n"
        "print(json.dumps({'file': medialit.__file__, "
        "'sealed': {s: get_set(s).sealed for s in ('ex01', 'ex03')}}))"
    )
    seen = _edition_python(edition.out, code)
    assert Path(seen["file"]).resolve().is_relative_to(edition.out)
    assert seen["sealed"] == {"ex01": False, "ex03": True}


def test_an_assessed_set_gives_no_verdict_where_the_teacher_gives_full_marks(edition):
    """The solution's answers to the assessed set: the teacher's kit gives full marks; the edition
    (what students import) says only "saved, your teacher will mark it" and shows no points."""
    from medialit.exercises import get_set, score_question
    from medialit.exercises.build import solution_answer

    full = get_set(ASSESSED)
    answers = {q.id: solution_answer(q) for q in full.questions if q.auto}
    teacher = {i: score_question(full.question(i), a) for i, a in answers.items()}
    assert teacher and all(r.points == r.max_points for r in teacher.values())
    code = "\n".join(
        [
            "import json",
            "from medialit.exercises import get_set, score_question",
            "from medialit.exercises.results import SEALED_NOTE",
            f"answers = json.loads({json.dumps(answers)!r})",
            f"s = get_set({ASSESSED!r})",
            "seen = {i: score_question(s.question(i), a) for i, a in answers.items()}",
            "print(json.dumps({i: [r.verdict, r.points, r.feedback == SEALED_NOTE]",
            "                  for i, r in seen.items()}))",
        ]
    )
    seen = _edition_python(edition.out, code)
    assert seen == {i: ["open", None, True] for i in answers}


def test_the_two_commands_are_the_editions_too(edition):
    readme = (edition.out / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert f"| `{ASSESSED}` |" in readme and "assessed" in readme
    dry = subprocess.run(["make", "-n", "lab"], cwd=edition.out, capture_output=True, text=True, check=True)
    assert "jupyter lab" in dry.stdout and "notebooks/00_start_here.ipynb" in dry.stdout
    dry = subprocess.run(["make", "-n", "test"], cwd=edition.out, capture_output=True, text=True, check=True)
    assert "pytest" in dry.stdout and "tests" in dry.stdout


@pytest.mark.slow
def test_the_editions_own_checks_pass(edition):
    """The edition's `make test` file, run against the edition: its structure checks, and a lesson
    and the assessed exercise set run from top to bottom (the kit's tests run every notebook)."""
    env = {**os.environ, "PYTHONPATH": str(edition.out / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "testpaths=tests", "-o", "addopts=-p no:cacheprovider", "-q",
         "tests", "-k", "not notebook_runs or 00_start_here or ex03"],
        cwd=edition.out, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_a_folder_of_other_files_is_refused_and_kept(tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(MedialitError, match="not a student edition"):
        release(own)
    assert (own / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no half-written folder left


def test_an_earlier_edition_is_replaced_and_its_git_folder_kept(tmp_path):
    out = tmp_path / "ed"
    release(out)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (out / "stale.txt").write_text("old", encoding="utf-8")
    (out / "stale.txt").rename(out / "notebooks" / "stale.txt")
    edition = release(out, assessed=["all"])
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert not (out / "notebooks" / "stale.txt").exists()
    assert set(edition.modes.values()) == {"assessed"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ed"]
    # a sealed frames question still asks its own frame questions, which its stripped targets held
    from medialit.exercises import get_set

    q2 = next(q for q in _master(out, "ex04")["questions"] if q["id"] == "q2")
    asked = [it["item"] for it in get_set("ex04").question("q2").spec["items"]]
    assert [it["item"] for it in q2["items"]] == asked


def test_the_command_explains_mistakes(tmp_path, capsys):
    assert cli_main(["release", str(tmp_path / "x"), "--assessed", "ex99"]) == 2
    err = capsys.readouterr().err
    assert "medialit release: There is no exercise set ex99" in err and "ex01" in err
    assert not (tmp_path / "x").exists()
    assert cli_main(["release", str(ROOT / "inside")]) == 2
    assert "outside the course folder" in capsys.readouterr().err
    assert cli_main(["release", str(tmp_path / "ok"), "--zip"]) == 0
    assert (tmp_path / "ok.zip").is_file() and "ex01: practice" in capsys.readouterr().out


def test_a_failed_replacement_keeps_the_teachers_git_history(tmp_path, monkeypatch):
    import medialit.release as rel

    out = tmp_path / "ed"
    release(out)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    real_rmtree = rel.shutil.rmtree

    def failing(path, *args, **kwargs):
        if Path(path) == out.resolve():
            raise OSError("device busy")
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(rel.shutil, "rmtree", failing)
    with pytest.raises(OSError, match="device busy"):
        release(out)
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ed"]  # no half-built folder left
