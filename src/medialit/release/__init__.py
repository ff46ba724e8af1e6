"""The student edition of the course: what students get, and nothing only the teacher should have.

``medialit release OUT`` copies, from the teacher's checkout of the kit, the lessons, the student
exercise notebooks, the articles with their keys (the lessons show the built-in article's key),
the package and the two-command install into ``OUT``, a folder ready to be a git repository (for
nbgitpuller) or a zip. It leaves out ``solutions/`` (solution notebooks, the instructor's guide,
the calibration samples), the tests, benchmarks, docs and deployment files, and rewrites every
exercise master:

* a **practice** set (the default) keeps what ``check()`` and the Check buttons need for their
  verdicts, without the fields only the solutions show (model answers, the key points);
* an **assessed** set keeps no answer-bearing field at all (the schema's ``x-answer-fields``;
  :func:`medialit.exercises.sealed_data` writes it, and keeps the frame questions a frames
  question asks as its ``items``), so it loads *sealed*: ``check()`` says the answer is saved and
  well formed and that the teacher will mark it, and the Check buttons show no verdict. The
  teacher grades with the full kit.

Sets on the built-in article are open-book even when assessed: its lessons show its key. A
closed-book assessment needs an article whose key students have not seen (a generated set,
``medialit generate-set``, whose key the assessed copy leaves out).

Sets generated for the teacher's own articles (``sets/<set id>/`` in the checkout, ``medialit
generate-set --course .``) are released too, in the mode chosen for them, by
:func:`medialit.authoring.student_copy.student_copy`: the master under the same rules, the article,
and the key only for a practice set.

After writing, :func:`check_edition` reads every file of the edition and refuses the release when
any of them holds a text only the solutions have.

>>> sorted(MODES)
['assessed', 'practice']
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import shutil
import string
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .._cli import command
from ..errors import MedialitError

__all__ = [
    "MANIFEST",
    "MODES",
    "Edition",
    "check_edition",
    "course_root",
    "edition_master",
    "main",
    "release",
    "solution_only_texts",
]

MODES = ("practice", "assessed")
MANIFEST = "RELEASE.json"  # what the edition is: kit version, date, each set's mode, its files

# Copied whole from the teacher's checkout (then the masters are rewritten).
_COPIED = (
    "pyproject.toml",
    "course.mk",  # the venv, installs and `make lab` the edition's Makefile includes
    "environment.yml",
    "postBuild",  # the hub image recipe (docs/deploy.md): an image for students is built from this copy
    "deploy/k8s/image-requirements.txt",
    "data",
    "notebooks",
    "exercises",
    "src/medialit",
)
# Never in an edition, wherever they are found (the solution notebooks, the guide, samples).
_NEVER = ("solutions", "instructor_guide.md", "calibration.md")
_SKIPPED_NAMES = ("__pycache__", ".ipynb_checkpoints", ".medialit-answers", ".DS_Store")
_MASTER_FOLDERS = ("src/medialit/exercises/masters", "src/medialit/exercises/lessons")
_SHORTEST_SEARCHED = 24  # a text shorter than this could occur by chance; the fields checked are longer


@dataclass
class Edition:
    """A written student edition: its folder, each set's mode and the files it holds."""

    out: Path
    modes: dict[str, str]
    files: list[str] = field(default_factory=list)
    archive: Path | None = None


def course_root(start: str | Path | None = None) -> Path:
    """The teacher's checkout of the kit (the folder with ``notebooks/``, ``solutions/`` and ``src/``).

    >>> (course_root() / "notebooks" / "00_start_here.ipynb").is_file()
    True
    """
    root = Path(start) if start is not None else Path(__file__).resolve().parents[3]
    needed = ("pyproject.toml", "notebooks", "exercises", "src/medialit/exercises/masters")
    if not all((root / part).exists() for part in needed):
        raise MedialitError(
            f"{root} is not a checkout of the medialit kit.",
            hint="Run medialit release from the teacher's copy of the repository (git clone).",
        )
    return root


def _schema_fields(name: str) -> tuple[str, ...]:
    from .._schema import load_schema

    return tuple(load_schema("exercise.schema.json")[name])


def _without(node: Any, fields: tuple[str, ...]) -> Any:
    if isinstance(node, dict):
        return {k: _without(v, fields) for k, v in node.items() if k not in fields}
    if isinstance(node, list):
        return [_without(v, fields) for v in node]
    return node


def edition_master(master: dict[str, Any], mode: str) -> dict[str, Any]:
    """A master as the student edition holds it in ``mode``.

    >>> m = {"id": "ex09", "outro": "Key points", "questions": [
    ...     {"id": "q1", "answer": "b", "model_answer": "A fine answer", "prompt": "Which?"}]}
    >>> edition_master(m, "practice")["questions"]
    [{'id': 'q1', 'answer': 'b', 'prompt': 'Which?'}]
    >>> edition_master(m, "assessed")["questions"]
    [{'id': 'q1', 'prompt': 'Which?'}]
    """
    if mode not in MODES:
        raise MedialitError(f"There is no mode {mode!r}.", hint="Use 'practice' or 'assessed'.")
    name = "x-answer-fields" if mode == "assessed" else "x-solution-only-fields"
    return _without(master, _schema_fields(name))


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _answer_texts(node: Any, fields: tuple[str, ...]) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in fields:
                yield from _strings(value)
            else:
                yield from _answer_texts(value, fields)
    elif isinstance(node, list):
        for value in node:
            yield from _answer_texts(value, fields)


def _read_yaml(path: Path) -> Any:
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MedialitError(f"Cannot read {path}: {exc}.", hint="Fix or restore the file.") from None


def _masters(course: Path) -> dict[Path, Any]:
    found: dict[Path, Any] = {}
    for folder in _MASTER_FOLDERS:
        for path in sorted((course / folder).glob("*.yaml")):
            found[path.relative_to(course)] = _read_yaml(path)
    return found


def _generated(course: Path) -> dict[str, Path]:
    """The sets generated for the teacher's own articles in the checkout: set id -> master file."""
    from ..exercises import _course

    return _course.masters_in(course / "sets") if (course / "sets").is_dir() else {}


def _generated_masters(course: Path) -> dict[Path, Any]:
    return {path.relative_to(course): _read_yaml(path) for path in _generated(course).values()}


def _set_ids(masters: dict[Path, Any]) -> list[str]:
    return [
        str(data["id"])
        for rel, data in masters.items()
        if (rel.parent.name == "masters" or rel.parts[0] == "sets")
        and isinstance(data, dict)
        and "id" in data
    ]


def solution_only_texts(course: Path, assessed: Iterable[str] = ()) -> list[str]:
    """The texts an edition must not hold: model answers and key points of every master, every
    answer-bearing text of the ``assessed`` sets, and every line a solution notebook's answer
    cells add to the student notebook. Texts the articles or their keys hold are open-book (the
    lessons show them) and texts too short not to occur by chance are left out.

    >>> texts = solution_only_texts(course_root())
    >>> len(texts) > 10 and all(len(t) >= 24 for t in texts)
    True
    """
    assessed = set(assessed)
    wanted: set[str] = set()
    only = _schema_fields("x-solution-only-fields")
    every = _schema_fields("x-answer-fields")
    for data in {**_masters(course), **_generated_masters(course)}.values():
        fields = every if isinstance(data, dict) and data.get("id") in assessed else only
        wanted.update(_answer_texts(data, fields))
    wanted.update(_solution_lines(course))
    # what the articles and their keys say is open-book: the lessons show them, and a practice set's
    # copy holds its article and key; an assessed generated set's key is an answer, its article is not
    # (and the kit's question templates, which every edition holds, are public)
    shown_files = sorted((course / "data/articles").glob("*.*"))
    shown_files.append(course / "src/medialit/authoring/data/question_templates.yaml")
    shown_texts: list[str] = []
    for set_id, master in _generated(course).items():
        for path in sorted(master.parent.glob("*.*")):
            shown_texts.append(path.name)  # the article's name (its id) is on the copy's files
            if path.name.endswith(".key.yaml") and set_id in assessed:
                wanted.update(_strings(_read_yaml(path)))
            elif path.suffix == ".txt" or path.name.endswith(".key.yaml"):
                shown_files.append(path)
        if set_id not in assessed:  # what a practice set's master keeps, it shows (templates repeat texts)
            shown_texts += _strings(edition_master(_read_yaml(master), "practice"))
    texts = {" ".join(text.split()) for text in wanted}
    shown = " ".join(
        [" ".join(path.read_text(encoding="utf-8").split()) for path in shown_files if path.is_file()]
        + [" ".join(text.split()) for text in shown_texts]
    )
    return sorted(t for t in texts if len(t) >= _SHORTEST_SEARCHED and t not in shown)


def _solution_lines(course: Path) -> set[str]:
    """Lines of the solution notebooks' code cells that the student notebook of the set lacks."""
    import nbformat

    lines: set[str] = set()
    for solution in sorted((course / "solutions").glob("*.ipynb")):
        student = course / "exercises" / solution.name
        if not student.is_file():
            continue
        theirs = {
            line.strip()
            for cell in nbformat.read(student, as_version=4).cells
            for line in cell.source.splitlines()
        }
        for cell in nbformat.read(solution, as_version=4).cells:
            if cell.cell_type == "code":
                lines.update(line.strip() for line in cell.source.splitlines() if line.strip() not in theirs)
    return lines


def _skipped(path: Path) -> bool:
    return any(part in _SKIPPED_NAMES or part in _NEVER for part in path.parts) or path.suffix == ".pyc"


def _copy(course: Path, target: Path) -> None:
    for part in _COPIED:
        source = course / part
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                rel = path.relative_to(course)
                if path.is_file() and not path.is_symlink() and not _skipped(rel):
                    (target / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target / rel)
        elif source.is_file():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)


def _template(name: str) -> str:
    return (resources.files(__package__) / "edition" / name).read_text(encoding="utf-8")


def _write_extras(target: Path, modes: dict[str, str], masters: dict[Path, Any]) -> None:
    from .. import __version__

    titles = {
        str(d["id"]): str(d.get("title", "")) for d in masters.values() if isinstance(d, dict) and "id" in d
    }
    rows = ["| set | title | mode |", "|---|---|---|"]
    rows += [f"| `{sid}` | {titles.get(sid, '')} | {mode} |" for sid, mode in modes.items()]
    readme = string.Template(_template("README.md")).substitute(
        sets_table="\n".join(rows), version=__version__, date=_dt.date.today().isoformat()
    )
    (target / "README.md").write_text(readme, encoding="utf-8")
    (target / "Makefile").write_text(_template("Makefile"), encoding="utf-8")
    (target / ".gitignore").write_text(_template("gitignore"), encoding="utf-8")
    (target / "tests").mkdir(exist_ok=True)
    (target / "tests" / "test_edition.py").write_text(_template("test_edition.py.txt"), encoding="utf-8")


def _write_masters(course: Path, target: Path, masters: dict[Path, Any], modes: dict[str, str]) -> None:
    import yaml

    from ..exercises.sealed import sealed_data

    for rel, data in masters.items():
        mode = modes.get(str(data.get("id")), "practice") if isinstance(data, dict) else "practice"
        # an assessed set's master is sealed: no answers, but what students see (a frames question's items)
        kept = sealed_data(course / rel) if mode == "assessed" else edition_master(data, mode)
        text = yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=100)
        (target / rel).write_text(text, encoding="utf-8")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_manifest(target: Path, modes: dict[str, str]) -> list[str]:
    from .. import __version__

    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    manifest = {
        "medialit": __version__,
        "made": _dt.date.today().isoformat(),
        "sets": modes,
        "files": {rel: _digest(target / rel) for rel in files},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return [*files, MANIFEST]


def check_edition(out: str | Path, course: str | Path | None = None) -> list[str]:
    """What is wrong with the edition in ``out`` (``[]``: nothing): a file or folder only the
    teacher should have, a master holding a field its mode leaves out, or any file holding a text
    only the solutions have (:func:`solution_only_texts`)."""
    out = Path(out)
    course = course_root(course)
    problems: list[str] = []
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    modes: dict[str, str] = manifest.get("sets", {})
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out)
        if any(part in _NEVER for part in rel.parts):
            problems.append(f"{rel.as_posix()} is for the teacher only")
        if (
            rel.parts[0] == "sets"
            and rel.name.endswith(".key.yaml")
            and modes.get(rel.parts[1]) == "assessed"
        ):
            problems.append(f"{rel.as_posix()} is the key of an assessed set")
    for rel in {**_masters(course), **_generated_masters(course)}:
        if not (out / rel).is_file():
            continue
        data = _read_yaml(out / rel)
        mode = modes.get(str(data.get("id")), "practice") if isinstance(data, dict) else "practice"
        kept = edition_master(data, mode)
        if kept != data:
            problems.append(f"{rel.as_posix()} holds answer fields a {mode} set leaves out")
    texts = solution_only_texts(course, [sid for sid, mode in modes.items() if mode == "assessed"])
    for path in sorted(p for p in out.rglob("*") if p.is_file() and ".git" not in p.parts):
        try:
            content = " ".join(path.read_text(encoding="utf-8").split())
        except (UnicodeDecodeError, OSError):
            continue
        content = content.replace("\\n", " ").replace('\\"', '"')
        content = " ".join(content.split())
        problems += [
            f"{path.relative_to(out).as_posix()} holds a solution text: {text[:60]!r}"
            for text in texts
            if text in content
        ]
    return problems


def _modes(masters: dict[Path, Any], assessed: Iterable[str]) -> dict[str, str]:
    ids = _set_ids(masters)
    chosen = set(assessed)
    if "all" in chosen:
        chosen = set(ids)
    unknown = sorted(chosen - set(ids))
    if unknown:
        raise MedialitError(
            f"There is no exercise set {', '.join(unknown)}.", hint=f"The sets are: {', '.join(ids)}."
        )
    return {sid: ("assessed" if sid in chosen else "practice") for sid in ids}


def _prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise MedialitError(f"{out} is a file.", hint="Give a folder for the student edition.")
    if out.is_dir() and any(p.name != ".git" for p in out.iterdir()) and not (out / MANIFEST).is_file():
        raise MedialitError(
            f"{out} already holds files that are not a student edition.",
            hint="Give a new or empty folder (or a folder an earlier medialit release wrote).",
        )


def release(
    out: str | Path,
    *,
    assessed: Iterable[str] = (),
    course: str | Path | None = None,
    archive: bool = False,
) -> Edition:
    """Write the student edition of ``course`` (default: this checkout) into ``out``.

    ``assessed`` names the sets released as assessed (``["all"]`` for every set); the others are
    practice. An earlier edition in ``out`` is replaced, keeping its ``.git`` folder; any other
    non-empty folder is refused. ``archive`` also writes ``out`` as a zip beside it.
    The edition is written to a temporary folder, checked, and only then moved into place.
    """
    course = course_root(course)
    out = Path(out).resolve()
    if out == course or course in out.parents:
        raise MedialitError(
            "The student edition must go outside the course folder.", hint="Give a folder elsewhere."
        )
    _prepare_out(out)
    masters = _masters(course)
    generated = _generated(course)
    every_master = {**masters, **_generated_masters(course)}
    modes = _modes(every_master, assessed)
    out.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    git_moved = False
    try:
        _copy(course, build)
        _write_masters(course, build, masters, modes)
        if generated:
            from ..authoring.student_copy import student_copy

            for set_id, master in generated.items():
                student_copy(master.parent, build, mode=modes[set_id])
        _write_extras(build, modes, every_master)
        files = _write_manifest(build, modes)
        problems = check_edition(build, course)
        if problems:
            raise MedialitError(
                "The student edition would give answers away: " + "; ".join(problems[:5]),
                hint="Nothing was written. Report this: it is a bug in the kit.",
            )
        if out.is_dir():
            if (out / ".git").is_dir():
                (out / ".git").rename(build / ".git")
                git_moved = True
            shutil.rmtree(out)
        build.rename(out)
    except BaseException:
        if git_moved and (build / ".git").is_dir():  # the teacher's history goes back, whatever failed
            out.mkdir(exist_ok=True)
            (build / ".git").rename(out / ".git")
        shutil.rmtree(build, ignore_errors=True)
        raise
    edition = Edition(out=out, modes=modes, files=files)
    if archive:
        edition.archive = Path(shutil.make_archive(str(out), "zip", out.parent, out.name))
    return edition


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit release",
        description="Write the student edition of the course: lessons, exercise notebooks, the article "
        "and the kit, without solutions, the instructor's guide or model answers.",
    )
    parser.add_argument(
        "out", type=Path, metavar="OUT", help="the folder to write (new, empty or an earlier edition)"
    )
    parser.add_argument(
        "--assessed",
        default="",
        metavar="SETS",
        help="sets whose answers the copy leaves out, e.g. ex03,ex05 or all (default: none; all practice)",
    )
    parser.add_argument("--zip", action="store_true", help="also write OUT.zip")
    return parser


@command("release")
def main(argv: list[str]) -> int:
    """Run ``medialit release``; return the exit code (2 for bad input)."""
    args = _parser().parse_args(argv)
    assessed = [part.strip() for part in args.assessed.split(",") if part.strip()]
    edition = release(args.out, assessed=assessed, archive=args.zip)
    print(f"Student edition written to {edition.out} ({len(edition.files)} files).")
    for sid, mode in edition.modes.items():
        print(f"  {sid}: {mode}")
    if edition.archive is not None:
        print(f"Zip: {edition.archive}")
    print("It holds no solutions. Next: make it a git repository and print links with medialit links.")
    return 0
