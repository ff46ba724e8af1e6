"""Sets generated for the teacher's own articles go into the student edition (`medialit release`) in
the mode the teacher chose, under the edition's rules: a practice set with its key and without model
answers, an assessed one without its key and without any answer; the edition's check catches a leak."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from typing import Any

import pytest
import yaml
from authoring_support import _sets_kept_apart, reviewed_copy, sets_kept_apart  # noqa: F401 (autouse fixture)

from medialit.exercises import ANSWER_FIELDS
from medialit.release import check_edition, course_root, release

ROOT = course_root()
PRACTICE, ASSESSED = "voa-asean-ministers-2009-07-22", "voa-senegal-election-2019-02-24"
# what release copies from a checkout, and the solutions it must leave out
_CHECKOUT = ("pyproject.toml", "course.mk", "environment.yml", "postBuild", "deploy/k8s", "data", "notebooks",
             "exercises", "solutions", "src/medialit")  # fmt: skip


def _fields(node: Any, names: set[str]) -> set[str]:
    if isinstance(node, dict):
        return {k for k in node if k in names} | {f for v in node.values() for f in _fields(v, names)}
    if isinstance(node, list):
        return {f for v in node for f in _fields(v, names)}
    return set()


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A copy of the teacher's checkout with two generated sets, and its edition (one set assessed)."""
    from medialit.authoring.generate import generate_set

    course = tmp_path_factory.mktemp("checkout")
    for part in _CHECKOUT:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, course / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            (course / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, course / part)
    with sets_kept_apart():
        made = {
            a: generate_set(reviewed_copy(course / "my-articles", a), course=course)
            for a in (PRACTICE, ASSESSED)
        }
        edition = release(
            tmp_path_factory.mktemp("edition") / "course-student",
            course=course,
            assessed=[made[ASSESSED].set_id],
        )
        yield course, made, edition


def test_each_generated_set_is_released_in_its_mode_with_its_notebook(released):
    course, made, edition = released
    practice, assessed = made[PRACTICE], made[ASSESSED]
    assert edition.modes[practice.set_id] == "practice" and edition.modes[assessed.set_id] == "assessed"
    assert edition.modes["ex01"] == "practice"
    assert sorted(p.name for p in (edition.out / "sets" / practice.set_id).iterdir()) == sorted(
        [practice.master.name, f"{PRACTICE}.txt", f"{PRACTICE}.key.yaml"]
    )
    assert sorted(p.name for p in (edition.out / "sets" / assessed.set_id).iterdir()) == sorted(
        [assessed.master.name, f"{ASSESSED}.txt"]
    )
    for generated in made.values():
        notebook = generated.notebooks[0]  # exercises/<id>_<slug>.ipynb
        assert (edition.out / "exercises" / notebook.name).read_bytes() == notebook.read_bytes()
    kept = yaml.safe_load((edition.out / "sets" / practice.set_id / practice.master.name).read_text())
    full = yaml.safe_load(practice.master.read_text(encoding="utf-8"))
    assert _fields(full, {"model_answer"}) and not _fields(kept, {"model_answer", "outro"})
    assert _fields(kept, set(ANSWER_FIELDS))  # what verdicts need stays
    sealed = yaml.safe_load((edition.out / "sets" / assessed.set_id / assessed.master.name).read_text())
    assert _fields(sealed, set(ANSWER_FIELDS)) == set()
    readme = (edition.out / "README.md").read_text(encoding="utf-8")
    assert f"| `{assessed.set_id}` |" in readme
    assert check_edition(edition.out, course) == []


def test_the_practice_set_gives_verdicts_in_the_edition(released):
    """The edition's own kit finds the practice set beside its notebooks and scores it from its key."""
    _, made, edition = released
    set_id = made[PRACTICE].set_id
    code = (
        "import json\nfrom medialit.exercises import get_set\n"
        f"s = get_set({set_id!r})\nprint(json.dumps([s.max_points, len(s.questions)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=edition.out / "exercises",  # a student's kernel: sets/ is found in the folder above
        env={**os.environ, "PYTHONPATH": str(edition.out / "src")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with sets_kept_apart():
        from medialit.exercises import get_set

        teacher = get_set(set_id)
        assert json.loads(done.stdout.splitlines()[-1]) == [teacher.max_points, len(teacher.questions)]


def test_a_leaked_key_or_key_text_of_an_assessed_set_is_caught(released, tmp_path):
    course, made, edition = released
    assessed = made[ASSESSED]
    key = assessed.folder / f"{ASSESSED}.key.yaml"
    copy = tmp_path / "copy"
    shutil.copytree(edition.out, copy)
    shutil.copy(key, copy / "sets" / assessed.set_id / key.name)
    assert any("is the key of an assessed set" in p for p in check_edition(copy, course))

    copy2 = tmp_path / "copy2"
    shutil.copytree(edition.out, copy2)
    rationale = yaml.safe_load(key.read_text(encoding="utf-8"))["sources"][0]["rationale"]
    (copy2 / "notebooks" / "notes.md").write_text(f"Psst: {rationale}", encoding="utf-8")
    assert any("notes.md holds a solution text" in p for p in check_edition(copy2, course))


def test_the_editions_own_structure_checks_pass_with_generated_sets(released):
    _, _, edition = released
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "tests",
         "-k", "nothing_for_the_teacher or masters_hold"],
        cwd=edition.out, env={**os.environ, "PYTHONPATH": str(edition.out / "src")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout[-3000:]
