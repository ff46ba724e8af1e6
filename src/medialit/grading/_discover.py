"""Find the submitted notebooks and the student each one belongs to.

Rules (also in ``docs/grading.md``):

* a folder whose sub-folders hold notebooks: **one sub-folder per student**, named after the
  student; every ``*.ipynb`` inside it (down to :data:`MAX_DEPTH` folders) is one of that
  student's submissions;
* notebooks lying directly in a given folder, or given as files (a shell glob): **named after
  the student**. The student is the file name without ``.ipynb`` and without an exercise id
  (``ex01``) or the set's notebook name (``ex01_anatomy``) and the separators around it:
  ``alice_ex01.ipynb``, ``ex01-alice.ipynb`` and ``ex01_anatomy - alice.ipynb`` all belong to
  ``alice``. A file whose name is only the exercise (``ex01_anatomy.ipynb``) belongs to the
  folder it is in;
* learning platforms' names keep their id, so two students of the same name stay apart
  (:func:`student_identity`): Moodle's ``Ana Lopez_1234567_assignsubmission_file_`` folders
  belong to ``Ana Lopez (1234567)``, Canvas's ``lopezana_123456_7890123_ex01_anatomy.ipynb``
  files to ``lopezana (123456)``.

Hidden files and folders, ``__MACOSX`` and ``.ipynb_checkpoints`` copies are never submissions,
however they are given. A link (to a file or a folder) and a file with more than one hard link
are not read: each becomes an ``invalid-notebook`` row (a student could otherwise hand in a
classmate's work, or a file of yours). So does a student folder nested deeper than
:data:`MAX_DEPTH`. Names that are not valid UTF-8 (what ``unzip`` makes of a Windows zip) are
shown with ``\\xNN`` escapes.

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
import stat
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .._terminal import clean

__all__ = [
    "MAX_DEPTH",
    "Submission",
    "display_name",
    "find_submissions",
    "hard_link_problem",
    "platform_name",
    "student_from_filename",
    "student_identity",
]

MAX_DEPTH = 32  # folders inside a student's folder that are searched
_SET_ID = r"ex\d{1,3}"
_SEPARATORS = " _-.\t"
_SKIPPED = (".ipynb_checkpoints", "__pycache__", "__MACOSX")


@dataclass(frozen=True)
class Submission:
    """One file to grade and the student it belongs to; ``problem`` says why it cannot be read."""

    student: str
    path: Path
    problem: str = ""


def display_name(name: str) -> str:
    """``name`` as safe, readable text: bytes that are not UTF-8 and control characters become
    escapes (``\\xNN``), so two different names stay different and nothing in a name is obeyed.

    >>> display_name(os.fsdecode(b"Jos\\xe9.ipynb")), display_name("a\\nb")
    ('Jos\\\\xe9.ipynb', 'a\\\\nb')
    """
    return clean(name)


_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_\w*$")
_CANVAS = re.compile(r"^(?P<name>[^_]+?)_(?:late_)?(?P<id>\d+)_\d+(?:_.*)?$", re.IGNORECASE)


def platform_name(name: str) -> tuple[str, str]:
    """``(name, id)``: a student's name as a learning platform's download gives it, and the id the
    platform added ("" when the name has no platform's pattern).

    >>> platform_name("Ana Lopez_1234567_assignsubmission_file_")  # a Moodle folder
    ('Ana Lopez', '1234567')
    >>> platform_name("lopezana_late_123456_7890123_ex01_anatomy")  # a Canvas file name
    ('lopezana', '123456')
    >>> platform_name(" Ana Lopez ")
    ('Ana Lopez', '')
    """
    name = display_name(name)
    for pattern in (_MOODLE, _CANVAS):
        match = pattern.match(name)
        if match:
            return match.group("name").strip(_SEPARATORS), match.group("id")
    return name.strip(_SEPARATORS), ""


def student_identity(name: str) -> str:
    """The student that a platform's folder or file name stands for, keeping the platform's id.

    The one place where a student's identity is made from a name. Learning platforms add an id
    to each student's name in their downloads; the id is kept, so two students with the same
    name stay two students. A name without a platform's pattern is kept as it is (stripped of
    separators at its ends; invalid UTF-8 shown as ``\\xNN``).

    >>> student_identity("Ana Lopez_1234567_assignsubmission_file_")  # a Moodle folder
    'Ana Lopez (1234567)'
    >>> student_identity("Ana Lopez_7654321_assignsubmission_onlinetext_")
    'Ana Lopez (7654321)'
    >>> student_identity("lopezana_late_123456_7890123_ex01_anatomy")  # a Canvas file name
    'lopezana (123456)'
    >>> student_identity(" Ana Lopez ")
    'Ana Lopez'
    """
    name, platform_id = platform_name(name)
    return f"{name} ({platform_id})" if platform_id else name


def student_from_filename(name: str, folder_name: str) -> str:
    """The student a file named ``name`` (in a folder named ``folder_name``) belongs to.

    >>> student_from_filename("Dana.ipynb", "x")
    'Dana'
    >>> student_from_filename("EX02-erin.smith.ipynb", "x")
    'erin.smith'
    >>> student_from_filename("lopezana_123456_7890123_ex01_anatomy.ipynb", "x")
    'lopezana (123456)'
    """
    stem = name[: -len(".ipynb")] if name.lower().endswith(".ipynb") else Path(name).stem
    canvas = _CANVAS.match(display_name(stem))
    if canvas:
        return student_identity(stem)
    rest = _set_in_name().sub(" ", display_name(stem))
    rest = re.sub(r"\s{2,}", " ", rest).strip(_SEPARATORS)
    return student_identity(rest) or student_identity(folder_name) or display_name(stem)


def _set_in_name() -> re.Pattern[str]:
    """Matches a set's notebook name (``ex01_anatomy``) or a bare set id (``ex01``, or a generated
    set's ``my-article``) in a file name; worked out again when the sets found change."""
    try:
        from medialit import exercises

        set_ids = tuple(exercises.list_sets())
    except Exception:  # without the sets, bare ids still work
        set_ids = ()
    return _set_pattern(set_ids)


@cache
def _set_pattern(set_ids: tuple[str, ...]) -> re.Pattern[str]:
    names = []
    for set_id in set_ids:
        if not re.fullmatch(_SET_ID, set_id):  # a generated set's id: as specific as a notebook name
            names.append(re.escape(set_id))
        with suppress(Exception):  # a broken master only loses its long name
            from medialit import exercises

            names.append(re.escape(exercises.get_set(set_id).notebook_name[: -len(".ipynb")]))
    alternatives = "|".join([*sorted(names, key=len, reverse=True), _SET_ID])
    return re.compile(rf"(?i)(?:^|(?<=[\s_.\-]))(?:{alternatives})(?=$|[\s_.\-])")


def _skipped(name: str) -> bool:
    return name.startswith(".") or name in _SKIPPED


def _link_problem(path: Path) -> str:
    return (
        "This is a link to a folder, not a real folder, so it was not read."
        if path.is_dir()
        else "The file is a link, not a real file, so it was not graded."
    )


def hard_link_problem(info: os.stat_result) -> str:
    """Why a file with these stats is not graded ('' when it may be).

    >>> hard_link_problem(os.stat_result((stat.S_IFREG | 0o644, 0, 0, 2, 0, 0, 10, 0, 0, 0)))[:31]
    'The file has other hard links ('
    """
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        return (
            f"The file has other hard links ({info.st_nlink} names for the same file), so it may be "
            "another file's content; it was not graded. Copy it to a plain file to grade it."
        )
    return ""


def _student_folder(folder: Path, student: str) -> list[Submission]:
    """Every notebook inside one student's folder, without following links, at most MAX_DEPTH deep."""
    found: list[Submission] = []
    stack: list[tuple[Path, int]] = [(folder, 0)]
    while stack:
        here, depth = stack.pop()
        try:
            with os.scandir(here) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            found.append(Submission(student, here, f"This folder could not be read ({exc.strerror})."))
            continue
        inner: list[Path] = []
        for entry in entries:
            if _skipped(entry.name):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                if entry.name.lower().endswith(".ipynb") or path.is_dir():
                    found.append(Submission(student, path, _link_problem(path)))
            elif entry.is_dir(follow_symlinks=False):
                inner.append(path)
            elif entry.name.lower().endswith(".ipynb"):
                found.append(Submission(student, path))
        if inner and depth + 1 > MAX_DEPTH:
            found.append(
                Submission(
                    student,
                    inner[0],
                    f"Folders nested more than {MAX_DEPTH} levels deep were not searched for notebooks.",
                )
            )
            continue
        stack.extend((p, depth + 1) for p in reversed(inner))
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
    seen: set[str] = set()

    def add(submission: Submission) -> None:
        key = os.path.abspath(submission.path)
        if key not in seen:
            seen.add(key)
            found.append(submission)

    for given in paths:
        if any(part in _SKIPPED for part in given.parts):
            continue  # a checkpoint copy is never a submission, however it is given
        if given.is_dir():  # the teacher's class folder: followed even if it is a link
            try:
                children = sorted(given.iterdir(), key=lambda p: p.name)
            except OSError:
                children = []
            folder_name = os.path.basename(os.path.abspath(given))
            for child in children:
                if _skipped(child.name):
                    continue
                if child.is_symlink():
                    if child.name.lower().endswith(".ipynb") or child.is_dir():
                        student = student_from_filename(child.name, folder_name)
                        add(Submission(student, child, _link_problem(child)))
                elif child.is_dir():
                    for submission in _student_folder(child, student_identity(child.name) or child.name):
                        add(submission)
                elif child.name.lower().endswith(".ipynb"):
                    add(Submission(student_from_filename(child.name, folder_name), child))
        else:  # a file given by name (perhaps by a shell glob): a link is not followed either
            parent = os.path.basename(os.path.dirname(os.path.abspath(given)))
            student = student_from_filename(given.name, parent)
            add(Submission(student, given, _link_problem(given) if given.is_symlink() else ""))
    return found
