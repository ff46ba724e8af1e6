"""The lesson notebooks: their shape, and that they run in a fresh kernel, after a restart and cell by cell.

Every numbered lesson ``notebooks/NN_*.ipynb`` is checked; ``notebooks/glossary.ipynb`` (the glossary
and situation brief every lesson links to) has its own tests below. Each execution works on a copy of
``notebooks/`` in a temporary folder whose other top-level entries (``data/``, ...) link back to the
repository, so the kernel's working directory is ``notebooks/`` as in class, relative paths still work,
and no saved widget answers (``.medialit-answers/``) from earlier runs leak in or are left behind.

Setup cells are the code cells tagged ``setup`` (cell metadata ``tags``); a notebook without tags
has its first code cell as setup. A student who restarts the kernel halfway re-runs the setup
cells and carries on, so every later cell must work after the setup cells and, at most, the code
cell just before it.

Execution tests are marked ``slow`` and parametrised per notebook, so ``pytest -n auto`` spreads them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
GLOSSARY = NOTEBOOKS / "glossary.ipynb"
EXERCISES = ROOT / "exercises"
LESSON_CHECKS = ROOT / "docs" / "lesson-checks.md"
CHECK_MARKER = re.compile(r"<!--\s*lesson-check\s+(\d+)\.([A-Z])\b")
LINK = re.compile(r"\]\(([^)\s]+)\)")
CELL_TIMEOUT = 180
QUESTION = re.compile(r"\*\*Question (\d+)\.(\d+)\*\*")

pytestmark = pytest.mark.skipif(not LESSONS, reason="no notebooks in notebooks/ yet")


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code_indices(nb: nbformat.NotebookNode) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]


def _setup_indices(nb: nbformat.NotebookNode) -> list[int]:
    code = _code_indices(nb)
    tagged = [i for i in code if "setup" in nb.cells[i].metadata.get("tags", [])]
    return tagged or code[:1]


def _workspace(tmp_path: Path, lesson: Path) -> Path:
    """A copy of notebooks/ beside links to the repository's other top-level entries."""
    for entry in ROOT.iterdir():
        if entry.name not in {"notebooks", ".git"}:
            (tmp_path / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    work = tmp_path / "notebooks"
    work.mkdir()
    for item in NOTEBOOKS.iterdir():
        if item.is_file() and not item.name.startswith("."):
            (work / item.name).write_bytes(item.read_bytes())
    return work


def _client(nb: nbformat.NotebookNode, cwd: Path):
    from nbclient import NotebookClient

    return NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd)}},
    )


def _errors(cell: nbformat.NotebookNode) -> list[str]:
    return [
        f"{out.get('ename')}: {out.get('evalue')}"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def _where(nb: nbformat.NotebookNode, index: int) -> str:
    first_line = nb.cells[index].source.strip().splitlines()[0]
    return f"cell {index} ({first_line[:60]!r})"


def _run(client, nb: nbformat.NotebookNode, indices: list[int]) -> list[str]:
    problems = []
    for i in indices:
        nb.cells[i].outputs = []
        client.execute_cell(nb.cells[i], i)
        problems += [f"{_where(nb, i)}: {e}" for e in _errors(nb.cells[i])]
    return problems


def _made_here(cell: nbformat.NotebookNode) -> str | None:
    """The answer a form cell saves, as its metadata names it for the one reader of saved answers."""
    return (cell.metadata.get("medialit") or {}).get("save_as")


def _form_answers(nb: nbformat.NotebookNode) -> dict[str, object]:
    """A well-formed answer for every form cell of a lesson: prose for a written question, the
    right answer for an auto-checked one (widget checks included)."""
    from medialit.exercises import get_set
    from medialit.exercises.build import solution_answer

    answers: dict[str, object] = {}
    for cell in nb.cells:
        save_as = _made_here(cell) if cell.cell_type == "code" else None
        if save_as:
            set_id, number = save_as.split(".", 1)
            written = "." in number  # "3.2" is a written question; "A" an auto-checked one
            answers[save_as] = (
                f"My answer to {number}." if written else solution_answer(get_set(set_id).question(number))
            )
    return answers


# --- shape (fast) ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    nb = _read(path)
    nbformat.validate(nb)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} have outputs or execution counts; clear them before committing"
    )


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_states_objectives_time_and_key_points_at_the_top(path: Path) -> None:
    nb = _read(path)
    first_code = (_code_indices(nb) or [len(nb.cells)])[0]
    top = "\n".join(c.source for c in nb.cells[:first_code] if c.cell_type == "markdown").lower()
    for word in ("objectives", "time", "key points"):
        assert word in top, f"{path.name}: the markdown before the first code cell does not mention {word!r}"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_ends_with_a_recap(path: Path) -> None:
    nb = _read(path)
    markdown = [c.source.lower() for c in nb.cells if c.cell_type == "markdown"]
    assert markdown, f"{path.name} has no markdown cells"
    assert any("recap" in m for m in markdown[-2:]), f"{path.name}: the last markdown cells have no recap"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_first_code_cell_imports_medialit(path: Path) -> None:
    nb = _read(path)
    code = _code_indices(nb)
    assert code, f"{path.name} has no code cells"
    assert "import medialit" in nb.cells[code[0]].source, (
        f"{path.name}: the first code cell should import medialit"
    )


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_questions_are_numbered_for_their_lesson_without_gaps(path: Path) -> None:
    match = re.match(r"(\d+)_", path.name)
    if not match:
        pytest.skip("not a numbered lesson")
    lesson = int(match.group(1))
    nb = _read(path)
    found = [
        (int(a), int(b))
        for c in nb.cells
        if c.cell_type == "markdown" and "answer" not in c.metadata.get("tags", [])
        for a, b in QUESTION.findall(c.source)
    ]
    heads = []
    for item in found:  # a question may be named again later (e.g. in the recap); count it once
        if item not in heads:
            heads.append(item)
    assert all(a == lesson for a, _ in heads), f"{path.name}: question numbers should start with {lesson}."
    assert [b for _, b in heads] == list(range(1, len(heads) + 1)), (
        f"{path.name}: questions should be numbered {lesson}.1, {lesson}.2, ... in order; found {heads}"
    )


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_every_question_is_answered_in_a_form_cell_that_is_one_call(path: Path) -> None:
    """No answer is written as markdown (raw markup for a novice): each question has one form cell."""
    nb = _read(path)
    asked = {f"{a}.{b}" for c in nb.cells if c.cell_type == "markdown" for a, b in QUESTION.findall(c.source)}
    answered = []
    for i, cell in enumerate(nb.cells):
        if "answer" in cell.metadata.get("tags", []):
            assert cell.cell_type == "code", f"{path.name}, cell {i}: answer cells are forms"
            match = re.fullmatch(
                r'medialit\.forms\.answer\("(\d+\.\d+)"(, starter=".*")?\)', cell.source, re.S
            )
            assert match, f"{path.name}, cell {i}: an answer cell is one medialit.forms.answer(...) call"
            assert _made_here(cell) == f"lesson{path.name[:2]}.{match[1]}", (
                f"{path.name}, cell {i}: the cell must name the answer it saves (metadata medialit.save_as), "
                "or the one reader of saved answers ignores it"
            )
            answered.append(match[1])
    assert sorted(answered) == sorted(asked), f"{path.name}: questions without exactly one form cell"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_every_auto_checked_question_is_a_form_right_after_its_marker(path: Path) -> None:
    nb = _read(path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for n, x in CHECK_MARKER.findall(cell.source):
            after = nb.cells[i + 1]
            assert after.cell_type == "code" and after.source == f'medialit.forms.answer("{n}.{x}")', (
                f"{path.name}: the cell after the marker of check {n}.{x} should show its form"
            )
            assert "check" in after.metadata.get("tags", [])
            assert _made_here(after) == f"lesson{int(n):02d}.{x}", f"{path.name}: check {n}.{x}'s save_as"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_every_widget_in_a_lesson_keeps_its_work(path: Path) -> None:
    nb = _read(path)
    for cell in nb.cells:
        if cell.cell_type == "code" and "medialit.widgets." in cell.source:
            assert re.search(rf'save_as="lesson{path.name[:2]}\.[a-z-]+"', cell.source), cell.source


# --- what every lesson links to, and what it must not contain ------------------------------------


def _markdown(path: Path) -> str:
    return "\n".join(c.source for c in _read(path).cells if c.cell_type == "markdown")


def test_every_local_link_in_a_lesson_or_the_glossary_points_to_a_file_that_exists() -> None:
    for path in [*LESSONS, GLOSSARY]:
        for target in LINK.findall(_markdown(path)):
            if "://" in target or target.startswith("#"):
                continue
            assert (path.parent / target.split("#")[0]).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_links_to_the_glossary_near_the_top(path: Path) -> None:
    nb = _read(path)
    first_code = (_code_indices(nb) or [len(nb.cells)])[0]
    top = "\n".join(c.source for c in nb.cells[:first_code] if c.cell_type == "markdown")
    assert "](glossary.ipynb)" in top, f"{path.name}: link the glossary before the first code cell"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_ends_with_its_exercise_set_and_what_to_do_when_done(path: Path) -> None:
    lesson = path.name[:2]
    last = [c.source for c in _read(path).cells if c.cell_type == "markdown"][-1]
    sets = sorted(EXERCISES.glob(f"ex{lesson}_*.ipynb"))
    assert "When you have finished" in last, f"{path.name}: the last cell should say what to do when done"
    if sets:
        assert f"](../exercises/{sets[0].name})" in last, f"{path.name}: link {sets[0].name} in the last cell"
        assert "progress()" in last
    else:
        assert "no exercise set" in last, f"{path.name}: say that this lesson has no exercise set"


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_marks_two_to_four_auto_checked_questions_described_in_the_docs(path: Path) -> None:
    lesson = int(path.name[:2])
    marks = CHECK_MARKER.findall(_markdown(path))
    assert 2 <= len(marks) <= 4, f"{path.name}: {len(marks)} lesson-check markers"
    assert all(int(n) == lesson for n, _ in marks), f"{path.name}: checks should be numbered {lesson}.A, ..."
    letters = [x for _, x in marks]
    assert letters == [chr(ord("A") + i) for i in range(len(letters))], f"{path.name}: checks out of order"
    docs = LESSON_CHECKS.read_text(encoding="utf-8")
    for _, letter in marks:
        heading = f"### Check {lesson}.{letter} "
        assert heading in docs, f"docs/lesson-checks.md does not describe check {lesson}.{letter}"
        block = docs.split(heading, 1)[1].split("\n### ", 1)[0]
        for field in ("**Type:**", "**Prompt:**", "**Answer:**", "**Feedback:**", "**Why:**"):
            assert field in block, f"check {lesson}.{letter}: {field} missing in docs/lesson-checks.md"


def test_every_documented_check_is_marked_in_its_lesson() -> None:
    documented = set(re.findall(r"^### Check (\d+\.[A-Z]) ", LESSON_CHECKS.read_text(encoding="utf-8"), re.M))
    marked = {f"{n}.{x}" for path in LESSONS for n, x in CHECK_MARKER.findall(_markdown(path))}
    assert documented == marked


def test_no_lesson_teaches_key_writing_or_imports_jsonschema() -> None:
    """Writing a YAML answer key is teacher material (the guide); jsonschema is slow to import."""
    for path in LESSONS:
        code = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
        assert "validate_key" not in code and "jsonschema" not in code, path.name
        assert "key.yaml" not in _markdown(path), f"{path.name}: key writing belongs in the guide"


_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’(?!\w)|\"[^\"\n]*\"|`[^`]*`")


def test_the_kit_s_own_voice_does_not_call_warnings_threats() -> None:
    """Lesson 4 teaches that "threatening" is loaded for a warning: the kit never uses it in its own voice."""
    for path in [*LESSONS, GLOSSARY]:
        own_words = _QUOTED.sub(" ", _markdown(path))
        found = re.findall(r"\bthreat\w*", own_words, re.IGNORECASE)
        assert not found, f"{path.name} uses {found} outside quotation marks"


def test_lessons_never_take_cgtn_s_edited_copy_for_the_wire_and_label_it_state_media() -> None:
    for path in LESSONS:
        text = _markdown(path)
        for match in re.finditer(r"CGTN", text):
            around = text[max(0, match.start() - 200) : match.end() + 200]
            assert "state broadcaster" in around, f"{path.name}: label CGTN as China's state broadcaster"
        for match in re.finditer(r"warned of|such an attack", text):  # CGTN's edits, not AFP's words
            around = text[max(0, match.start() - 200) : match.end() + 50]
            assert "CGTN" in around, f"{path.name}: AFP wrote 'warning of … launch an attack'"


def test_niinsto_is_taught_as_afp_s_own_misspelling() -> None:
    lesson6 = _markdown(NOTEBOOKS / "06_where_did_this_text_come_from.ipynb")
    assert "AFP's own slip" in lesson6 and "fingerprint" in lesson6
    assert "careless copying" not in lesson6
    assert 'write "Niinisto"' not in lesson6  # the unedited AFP copies write "Niinsto"


def test_glossary_is_prose_only_and_covers_the_names_students_meet() -> None:
    nb = _read(GLOSSARY)
    assert all(c.cell_type == "markdown" for c in nb.cells), "the glossary has no code to run"
    text = _markdown(GLOSSARY)
    assert "## The situation in December 2021" in text and "## Glossary" in text
    for term in ("NATO", "The EU", "The G7", "Sanctions", "The Kremlin", "The Élysée", "Separatists",
                 "The Minsk agreements", "\"Ex-Soviet\"", "News agency (wire service)", "Dateline", "Byline",
                 "Conduit"):  # fmt: skip
        assert f"**{term}" in text, f"the glossary does not define {term!r}"


def test_notebooks_pass_ruff() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed beside this Python")
    result = subprocess.run(
        [str(ruff), "check", "--output-format", "concise", str(NOTEBOOKS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- execution (slow) -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_runs_top_to_bottom_in_a_fresh_kernel(path: Path, tmp_path: Path) -> None:
    work = _workspace(tmp_path, path)
    nb = _read(work / path.name)
    client = _client(nb, work)
    client.execute()
    problems = [f"{_where(nb, i)}: {e}" for i in _code_indices(nb) for e in _errors(nb.cells[i])]
    assert not problems, f"{path.name} raised errors:\n" + "\n".join(problems)
    twice = [_where(nb, i) for i in _code_indices(nb) if _shows_something_twice(nb.cells[i])]
    assert not twice, f"{path.name}: these cells show the same output twice:\n" + "\n".join(twice)


def _shows_something_twice(cell: nbformat.NotebookNode) -> bool:
    """True when a cell displays the same rich output twice (e.g. a helper that displays and returns)."""
    seen = set()
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        for mime in ("text/html", "image/png"):
            if mime in data:
                item = (mime, str(data[mime]))
                if item in seen:
                    return True
                seen.add(item)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_survives_a_restart_halfway(path: Path, tmp_path: Path) -> None:
    """First half in one kernel; then a new kernel runs the setup cells and the second half."""
    work = _workspace(tmp_path, path)
    nb = _read(work / path.name)
    code = _code_indices(nb)
    setup = _setup_indices(nb)
    half = len(code) // 2
    first, second = code[:half], [i for i in code[half:] if i not in setup]

    client = _client(nb, work)
    with client.setup_kernel():
        problems = _run(client, nb, first)
    assert not problems, f"{path.name}, first half:\n" + "\n".join(problems)

    from medialit.answers import saved_answers, write_answer

    answers = _form_answers(nb)  # answered in the first kernel (the folder beside the notebook holds them)
    for save_as, value in answers.items():
        write_answer(save_as, value, work)
    client = _client(nb, work)
    with client.setup_kernel():
        problems = _run(client, nb, setup + second)
    names = [p for p in problems if "NameError" in p or "AttributeError" in p]
    assert not names, (
        f"{path.name}: after a restart (setup cells re-run), these cells use names defined far above:\n"
        + "\n".join(names)
    )
    assert not problems, f"{path.name}, second half after a restart:\n" + "\n".join(problems)
    # every form of the second half shows its answer again, and the notebook file would hold it
    shown = {_made_here(nb.cells[i]) for i in second} - {None}
    assert shown, f"{path.name}: no form in the second half"
    held = saved_answers(nb)
    expected = {k: json.loads(json.dumps(answers[k])) for k in shown}
    assert {k: held.get(k) for k in shown} == expected, path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_each_cell_works_after_setup_and_its_neighbour(path: Path, tmp_path: Path) -> None:
    """No hidden state: with a cleared namespace, setup + the previous code cell (not counting form
    cells) + this cell runs."""
    work = _workspace(tmp_path, path)
    nb = _read(work / path.name)
    code = _code_indices(nb)
    setup = _setup_indices(nb)
    reset = nbformat.v4.new_code_cell("%reset -f")
    problems = []
    client = _client(nb, work)
    forms = {i for i in code if {"answer", "check"} & set(nb.cells[i].metadata.get("tags", []))}
    with client.setup_kernel():
        for n, i in enumerate(code):
            if i in setup:
                continue
            client.execute_cell(reset, -1, store_history=False)
            _run(client, nb, setup)
            # the code cell before it, past the form cells (a form defines nothing a later cell uses)
            earlier = [j for j in code[:n] if j not in forms]
            before = earlier[-1] if earlier and earlier[-1] not in setup else None
            if before is not None:
                _run(client, nb, [before])
            problems += _run(client, nb, [i])
    assert not problems, (
        f"{path.name}: these cells fail when run right after the setup cells (and the cell before them):\n"
        + "\n".join(problems)
    )


def test_workspace_copy_keeps_relative_paths(tmp_path: Path) -> None:
    work = _workspace(tmp_path, LESSONS[0])
    assert (work.parent / "data" / "articles").is_dir()
    assert not (work / ".medialit-answers").exists()
    assert json.loads((work / LESSONS[0].name).read_text(encoding="utf-8"))["cells"]
