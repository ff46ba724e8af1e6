"""Find the submitted notebooks and the student each one belongs to.

Rules (also in ``docs/grading.md``):

* a folder whose sub-folders hold notebooks: **one sub-folder per student**, named after the
  student; every ``*.ipynb`` inside it (at any depth) is one of that student's submissions;
* notebooks lying directly in a given folder, or given as files: **named after the student**.
  The student is the file name without ``.ipynb`` and without an exercise id (``ex01``) or the
  set's notebook name (``ex01_anatomy``) and the separators around it: ``alice_ex01.ipynb``,
  ``ex01-alice.ipynb`` and ``ex01_anatomy - alice.ipynb`` all belong to ``alice``. A file whose
  name is only the exercise (``ex01_anatomy.ipynb``) belongs to the folder it is in;
* what learning platforms add is dropped: Moodle's ``Ana Lopez_1234567_assignsubmission_file_``
  folders belong to ``Ana Lopez``, Canvas's ``lopezana_123456_7890123_ex01_anatomy.ipynb`` files
  (also ``..._late_...``) to ``lopezana``.

Hidden files and folders and ``.ipynb_checkpoints`` are skipped. A link found inside a folder is
not followed (it becomes an ``invalid-notebook`` row): a submission must be a real file.

>>> student_from_filename("alice_ex01.ipynb", "subs")
'alice'
>>> student_from_filename("ex01_anatomy - Bob Smith.ipynb", "subs")
'Bob Smith'
>>> student_from_filename("ex01_anatomy.ipynb", "carol")
'carol'
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Submission", "clean_student", "find_submissions", "student_from_filename"]

_SET_ID = r"ex\d{1,3}"
_SEPARATORS = " _-.\t"


@dataclass(frozen=True)
class Submission:
    """One file to grade and the student it belongs to."""

    student: str
    path: Path
    is_link: bool = False


def student_from_filename(name: str, folder_name: str) -> str:
    """The student a file named ``name`` belongs to (see the module's rules).

    >>> student_from_filename("Dana.ipynb", "x")
    'Dana'
    >>> student_from_filename("EX02-erin.smith.ipynb", "x")
    'erin.smith'
    """
    stem = name[: -len(".ipynb")] if name.lower().endswith(".ipynb") else Path(name).stem
    rest = _set_in_name().sub(" ", stem)
    rest = re.sub(r"\s{2,}", " ", rest).strip(_SEPARATORS)
    return clean_student(rest) or clean_student(folder_name) or stem


_MOODLE = re.compile(r"_\d+_assignsubmission_\w*$")
_CANVAS = re.compile(r"^(?P<name>[^_]+?)_(?:late_)?\d+_\d+(?:_.*)?$", re.IGNORECASE)


def clean_student(name: str) -> str:
    """Drop what learning platforms add to a student's name in their downloads.

    >>> clean_student("Ana Lopez_1234567_assignsubmission_file_")  # Moodle folder
    'Ana Lopez'
    >>> clean_student("lopezana_late_123456_7890123_ex01_anatomy")  # Canvas file
    'lopezana'
    >>> clean_student("Ana Lopez")
    'Ana Lopez'
    """
    name = _MOODLE.sub("", name)
    match = _CANVAS.match(name)
    return (match.group("name") if match else name).strip(_SEPARATORS)


@cache
def _set_in_name() -> re.Pattern[str]:
    """Matches a set's notebook name (``ex01_anatomy``) or a bare set id (``ex01``) in a file name."""
    names = []
    try:
        from medialit import exercises

        for set_id in exercises.list_sets():
            with suppress(Exception):  # a broken master only loses its long name
                names.append(re.escape(exercises.get_set(set_id).notebook_name[: -len(".ipynb")]))
    except Exception:  # noqa: S110 - without the sets, bare ids still work
        pass
    alternatives = "|".join([*sorted(names, key=len, reverse=True), _SET_ID])
    return re.compile(rf"(?i)(?:^|(?<=[\s_.\-]))(?:{alternatives})(?=$|[\s_.\-])")


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name != "__pycache__"


def _notebooks_in(folder: Path) -> list[Path]:
    found: list[Path] = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if _visible(Path(d)))
        found += [Path(here) / f for f in sorted(files) if f.lower().endswith(".ipynb") and _visible(Path(f))]
    return found


def find_submissions(paths: list[Path]) -> list[Submission]:
    """All submissions under ``paths`` (files or folders), in a stable order.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = Path(d)
    ...     (root / "alice").mkdir()
    ...     _ = (root / "alice" / "ex01_anatomy.ipynb").write_text("{}")
    ...     _ = (root / "bob_ex01.ipynb").write_text("{}")
    ...     [(s.student, s.path.name) for s in find_submissions([root])]
    [('alice', 'ex01_anatomy.ipynb'), ('bob', 'bob_ex01.ipynb')]
    """
    found: list[Submission] = []
    seen: set[Path] = set()

    def add(student: str, path: Path, *, named: bool = False) -> None:
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            found.append(Submission(student=student, path=path, is_link=not named and path.is_symlink()))

    for given in paths:
        if given.is_dir():
            children = sorted(given.iterdir())
            for child in children:
                if not _visible(child):
                    continue
                if child.is_dir() and not child.is_symlink():
                    for nb in _notebooks_in(child):
                        add(clean_student(child.name) or child.name, nb)
                elif child.name.lower().endswith(".ipynb"):
                    add(student_from_filename(child.name, given.absolute().name), child)
        else:  # a file given by name: followed even if it is a link, since the teacher named it
            add(student_from_filename(given.name, given.absolute().parent.name), given, named=True)
    return found
