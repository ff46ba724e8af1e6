"""``medialit collect SOURCE... --out COLLECTED``: gather a class's notebooks into one folder to grade.

Sources (see ``docs/roundtrip.md``, which cites each platform's naming rules):

* **a folder** of submissions, laid out as ``medialit grade`` reads it (one sub-folder per student,
  or notebooks named after students);
* **a hub's home folders** (``--homes``): ``<homes>/<user>/...`` as JupyterHub's local spawners make
  them; the student is the user name, and only notebooks that are exercise sets are taken;
* **download zips** of Canvas ("Download Submissions"), Moodle ("Download all submissions") and
  Google Classroom (the assignment's Drive folder, downloaded as a zip). The platform is recognised
  from the names inside (or given with ``--from``). Zips are checked whole before anything is
  unpacked (:mod:`._unzip`): a path that escapes, a link, a bomb or a bad name refuses the zip.

Who is who uses the grader's own discovery rules (:func:`._discover.student_identity`,
:func:`._discover.student_from_filename`); the platform's id is kept beside the name: each student
gets one folder, ``COLLECTED/<student>/``, named ``Name (id)`` for Canvas (its user id), ``Name``
for Moodle unless two students of that name are in the same download (then ``Name (participant
id)``, since Moodle numbers participants per assignment), the user name on a hub. Each notebook that
is an exercise set is saved as ``<set>_<slug>.ipynb`` (so a resubmission replaces the earlier copy),
read-only; ``COLLECTED/manifest.csv`` says who is who and holds every file's SHA-256 (check it
with ``--verify``). The sources are only read. Collecting again into the same folder adds new
notebooks, replaces changed ones and leaves the others untouched.

>>> platform_of(["lopezana_late_123456_7890123_ex01_anatomy.ipynb"])
'canvas'
>>> platform_of(["Ana Lopez_1234567_assignsubmission_file_/ex01_anatomy.ipynb"])
'moodle'
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath
from typing import Any

from .._atomic import replacing
from .._cli import add_course_option, command, use_courses
from .._safe_csv import write_csv
from .._terminal import clean
from ..errors import MedialitError
from ._discover import find_submissions, platform_name, student_from_filename, student_identity
from ._record import file_sha256
from ._unzip import Member, unpack_notebooks

__all__ = ["PLATFORMS", "Collected", "collect", "main", "platform_of", "verify"]

PLATFORMS = ("canvas", "moodle", "classroom", "folder", "hub")
MANIFEST = "manifest.csv"
MAX_NOTEBOOK_BYTES = 100 * 1024 * 1024

# Canvas (app/models/content_zipper.rb): "<sortable name, non-word characters removed, lower case>
# [_late]_<user id>_<attachment id>_<file name>"; an anonymous assignment has no name part.
_CANVAS = re.compile(
    r"^(?:(?P<name>.*?)_)?(?P<late>late_)?(?P<uid>\d+)_(?P<aid>\d+)_(?P<file>.+)$", re.IGNORECASE
)
# Moodle (mod/assign/locallib.php, download_submissions): "<full name>_<participant id>_" then
# "assignsubmission_<plugin>_" as a folder (the default since 3.1) or as a file name prefix.
_MOODLE = re.compile(
    r"^(?P<name>.+)_(?P<pid>\d+)_assign(?:submission|feedback)_[a-z]+_(?P<rest>.*)$", re.IGNORECASE
)
# Google Classroom's copy for each student: "<student name> - <file name>".
_CLASSROOM = re.compile(r"^(?P<name>.+?) - (?P<file>.+)$")


@dataclass
class Collected:
    """One collected notebook: a row of ``manifest.csv``."""

    student: str  # the folder in the collection: the student as medialit grade sees them
    name: str  # the student's name as the source gives it
    platform: str
    lms_id: str  # Canvas user id, Moodle participant id, or "" (hub user names are the student)
    exercise: str  # the set it is, recognised from its content ("" if none)
    file: str  # path inside the collection, "<student>/<file>"
    sha256: str
    bytes: int
    source: str  # the zip or folder it came from
    member: str  # its path inside that zip or folder
    collected_at: str
    change: str = ""  # "new", "changed" or "unchanged" (not written to the manifest)


_COLUMNS = [f.name for f in fields(Collected) if f.name != "change"]


# -- who is who -------------------------------------------------------------------------------
def platform_of(names: list[str]) -> str:
    """Guess the platform from the notebook paths inside a zip.

    >>> platform_of(["Lesson 3 answers/Ana Lopez - ex01_anatomy.ipynb"])
    'classroom'
    """
    notebooks = [n for n in names if n.lower().endswith(".ipynb")]
    if any(_MOODLE.match(part) for n in notebooks for part in PurePosixPath(n).parts):
        return "moodle"
    if notebooks and sum(bool(_CANVAS.match(PurePosixPath(n).name)) for n in notebooks) * 2 >= len(notebooks):
        return "canvas"
    return "classroom"


def _clean_name(text: str) -> str:
    """A folder-safe student name: no separators or control characters, not hidden, not a formula."""
    text = "".join(ch if ch.isprintable() and ch not in "/\\" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip().lstrip(".=+-@ ").strip()
    return text[:100].strip() or "student"


def _student_key(name: str, lms_id: str) -> str:
    """The folder name: ``Name (id)``, made sure to come back unchanged through the grader's rules.

    >>> _student_key("lopezana", "123456"), _student_key("Ana Lopez", "")
    ('lopezana (123456)', 'Ana Lopez')
    """
    key = _clean_name(name) + (f" ({lms_id})" if lms_id else "")
    if student_identity(key) != key or student_from_filename(key + ".ipynb", key) != key:
        key = _clean_name(name.replace("_", " ")) + (f" ({lms_id})" if lms_id else "")
    return key


@dataclass
class _Found:
    name: str
    lms_id: str
    member: str
    path: Path  # a readable copy (unpacked, or the original in a folder)
    original: str  # the file name the student gave it
    date_time: tuple[int, ...] = ()


def _strip_wrappers(names: list[str]) -> int:
    """How many leading folders every notebook shares (Drive wraps its zip in the folder's name)."""
    split = [PurePosixPath(n).parts for n in names]
    depth = 0
    while split and all(len(p) > depth + 1 for p in split) and len({p[depth] for p in split}) == 1:
        if _MOODLE.match(split[0][depth]):
            break
        depth += 1
    return depth


def _who_in_zip(platform: str, members: list[Member], zip_stem: str) -> list[_Found]:
    depth = _strip_wrappers([m.name for m in members])
    found = []
    for m in members:
        parts = PurePosixPath(m.name).parts[depth:]
        base = parts[-1]
        name, lms_id, original = "", "", base
        if platform == "canvas":
            match = _CANVAS.match(base)
            if match:
                lms_id, original = match["uid"], match["file"]
                name = platform_name(base)[0] if match["name"] else f"student {match['uid']}"
        elif platform == "moodle":
            for part in parts:
                match = _MOODLE.match(part)
                if match:
                    lms_id = match["pid"]
                    name = platform_name(part[: match.start("rest")])[0]
                    original = base if part != base else (match["rest"] or base)
                    break
        if not name:  # a folder per student, or a file named after the student (the grader's rules)
            if len(parts) > 1:
                name = platform_name(parts[0])[0] or parts[0]
            else:
                match = _CLASSROOM.match(base[: -len(".ipynb")]) if platform == "classroom" else None
                name = match["name"] if match else student_from_filename(base, zip_stem)
                original = (match["file"] + ".ipynb") if match else base
        found.append(_Found(name, lms_id, m.name, m.path, original, m.date_time))
    return found


def _who_in_folder(folder: Path, *, homes: bool) -> tuple[list[_Found], list[str]]:
    notes = []
    found = []
    for sub in find_submissions([folder]):
        member = os.path.relpath(sub.path, folder)
        if sub.problem:  # a link, a hard link, a name that is not text, ...
            notes.append(f"skipped {clean(member)}: {clean(sub.problem)}")
            continue
        found.append(_Found(sub.student, "", member, sub.path, sub.path.name))
    if homes:  # a user's home: the user name is the student (not cleaned as an LMS folder name)
        found = [f for f in found if len(PurePosixPath(f.member).parts) > 1]  # loose files are nobody's
        for f in found:
            f.name = PurePosixPath(f.member).parts[0]
    return found, notes


# -- reading and writing ---------------------------------------------------------------------
def _read_source(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_NOTEBOOK_BYTES:
            return None
        data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    return data if len(data) <= MAX_NOTEBOOK_BYTES else None


def _exercise_of(data: bytes) -> str:
    from medialit import exercises

    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return ""
    return exercises.identify_notebook(nb) or ""


def _file_name(exercise: str, original: str) -> str:
    if exercise:
        from medialit import exercises

        return exercises.get_set(exercise).notebook_name
    stem = _clean_name(original[: -len(".ipynb")] if original.lower().endswith(".ipynb") else original)
    return f"{stem}.ipynb"


def _write_readonly(target: Path, data: bytes) -> None:
    with replacing(target, binary=True, chmod=0o444) as handle:
        handle.write(data)


def read_manifest(out: Path) -> list[Collected]:
    """The rows of ``out/manifest.csv`` (``[]`` if there is none).

    >>> read_manifest(Path("/no/such/collection"))
    []
    """
    path = Path(out) / MANIFEST
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, csv.Error, UnicodeDecodeError):
        return []
    manifest = []
    for row in rows:
        try:
            values: dict[str, Any] = {
                c: (int(row[c] or 0) if c == "bytes" else _unquote(row[c] or "")) for c in _COLUMNS
            }
            manifest.append(Collected(**values))
        except (KeyError, ValueError, TypeError):
            continue
    return manifest


def _unquote(cell: str) -> str:
    """Undo the spreadsheet-safety quote of :func:`medialit._safe_csv.safe_cell`."""
    return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell


def collect(
    sources: list[Path],
    out: Path,
    *,
    platform: str = "auto",
    homes: bool = False,
    encoding: str = "cp437",
) -> tuple[list[Collected], list[str]]:
    """Collect every source into ``out``; return this run's manifest rows and notes for the teacher.

    A zip that is refused stops the whole run before anything is written (the error names it).
    """
    out = Path(out)
    for source in sources:
        if Path(source).resolve() == out.resolve() or out.resolve() in Path(source).resolve().parents:
            raise MedialitError(f"{out} is inside {source}; collect into a separate folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise MedialitError(
            f"{out} already holds files and is not a collection (no {MANIFEST}).",
            hint="Collect into a new folder, or into one medialit collect made before.",
        )
    previous = {row.file: row for row in read_manifest(out)}
    notes: list[str] = []
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    staging = Path(tempfile.mkdtemp(prefix="medialit-collect-"))
    try:
        found_by_source: list[tuple[Path, str, list[_Found]]] = []
        for index, source in enumerate(sources):
            source = Path(source)
            if source.is_dir():
                kind = "hub" if homes or platform == "hub" else "folder"
                found, folder_notes = _who_in_folder(source, homes=kind == "hub")
                notes += folder_notes
            elif source.is_file():
                members = unpack_notebooks(source, staging / str(index), encoding=encoding)
                kind = (
                    platform
                    if platform not in ("auto", "folder", "hub")
                    else platform_of([m.name for m in members])
                )
                found = _who_in_zip(kind, members, source.stem)
            else:
                raise MedialitError(f"{source} does not exist.")
            found_by_source.append((source, kind, found))
        rows = _place(found_by_source, out, previous, notes, now)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    kept = {**previous, **{row.file: row for row in rows}}
    write_csv(
        out / MANIFEST,
        _COLUMNS,
        ([getattr(r, c) for c in _COLUMNS] for r in sorted(kept.values(), key=lambda r: r.file)),
    )
    return rows, notes


def _place(
    found_by_source: list[tuple[Path, str, list[_Found]]],
    out: Path,
    previous: dict[str, Collected],
    notes: list[str],
    now: str,
) -> list[Collected]:
    known_moodle: dict[str, set[str]] = defaultdict(set)  # name -> folders already used for it
    for row in previous.values():
        if row.platform == "moodle":
            known_moodle[row.name].add(row.student)
    rows: list[Collected] = []
    for source, kind, found in found_by_source:
        ids_per_name: dict[str, set[str]] = defaultdict(set)
        for f in found:
            ids_per_name[f.name].add(f.lms_id)
        used: Counter[str] = Counter()
        skipped = 0
        for f in sorted(found, key=lambda f: f.member):
            data = _read_source(f.path)
            if data is None:
                notes.append(f"skipped {clean(f.member)} in {source.name}: not a readable file under 100 MB")
                continue
            exercise = _exercise_of(data)
            if kind == "hub" and not exercise:
                skipped += 1
                continue
            if kind == "canvas":
                key = _student_key(f.name, f.lms_id)
            elif kind == "moodle":
                ambiguous = len(ids_per_name[f.name]) > 1
                if ambiguous:
                    notes.append(
                        f"{len(ids_per_name[f.name])} students named {clean(f.name)} "
                        f"in {source.name}: "
                        "kept apart by their Moodle participant ids (see manifest.csv)"
                    )
                key = _student_key(f.name, f.lms_id if ambiguous else "")
            else:
                key = _student_key(f.name, "")
            name = _file_name(exercise, f.original)
            used[f"{key}/{name}"] += 1
            if used[f"{key}/{name}"] > 1:
                stem = name[: -len(".ipynb")]
                name = f"{stem}-{used[f'{key}/{name}']}.ipynb"
                notes.append(
                    f"{clean(key)} handed in {clean(exercise or f.original)} more than once in "
                    f"{source.name}: kept both (two students with one name, or two versions?)"
                )
            relative = f"{key}/{name}"
            digest = hashlib.sha256(data).hexdigest()
            before = previous.get(relative)
            change = "new" if before is None else ("unchanged" if before.sha256 == digest else "changed")
            target = out / relative
            if change != "unchanged" or not target.is_file():
                _write_readonly(target, data)
            rows.append(
                Collected(
                    student=key,
                    name=f.name,
                    platform=kind,
                    lms_id=f.lms_id,
                    exercise=exercise,
                    file=relative,
                    sha256=digest,
                    bytes=len(data),
                    source=source.name,
                    member=f.member,
                    collected_at=now if change != "unchanged" else (before.collected_at if before else now),
                    change=change,
                )
            )
        notes[:] = list(dict.fromkeys(notes))  # one note per repeated name
        if skipped:
            notes.append(
                f"{skipped} notebook(s) in {source.name} are not exercise sets (lessons?) and were left out"
            )
    return rows


def verify(out: Path) -> list[str]:
    """Problems found by checking every collected file against ``manifest.csv`` (``[]``: all intact).

    >>> verify(Path("/no/such/collection"))
    ['/no/such/collection has no manifest.csv (was it made by medialit collect?)']
    """
    problems = []
    manifest = read_manifest(out)
    if not manifest:
        return [f"{out} has no {MANIFEST} (was it made by medialit collect?)"]
    for row in manifest:
        path = Path(out) / row.file
        digest = file_sha256(path)
        if not digest:
            problems.append(f"{row.file}: missing or unreadable")
        elif digest != row.sha256:
            problems.append(f"{row.file}: changed since it was collected")
    return problems


# -- the command -----------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit collect",
        description="Gather submitted notebooks from folders, a hub's home folders, or Canvas, Moodle and "
        "Google Classroom (Drive) download zips into one folder for medialit grade.",
        epilog="Writes OUT/<student>/<set>.ipynb (read-only) and OUT/manifest.csv. See docs/roundtrip.md.",
    )
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="zips or folders")
    parser.add_argument("--out", type=Path, metavar="DIR", help="the collection folder (required)")
    parser.add_argument(
        "--from",
        dest="platform",
        choices=("auto", *PLATFORMS),
        default="auto",
        help="what the zips are (default: recognised from the names inside)",
    )
    parser.add_argument(
        "--homes", action="store_true", help="the folders given are a hub's home folders, one per user"
    )
    parser.add_argument(
        "--name-encoding",
        default="cp437",
        metavar="CODEPAGE",
        help="code page of file names in zips made on Windows (default cp437; e.g. cp850, cp866)",
    )
    parser.add_argument(
        "--verify", action="store_true", help="only check OUT's files against its manifest.csv"
    )
    add_course_option(parser, "its sets/ folder, so that their notebooks are recognised")
    return parser


@command("collect")
def main(argv: list[str]) -> int:
    """Run ``medialit collect``; return the exit code (2 for bad input, 1 when --verify finds a change)."""
    args = _parser().parse_args(argv)
    if args.out is None:
        raise MedialitError("say where the collection goes with --out DIR")
    if args.verify:
        problems = verify(args.out)
        for problem in problems:
            print(f"medialit collect: {clean(problem)}", file=sys.stderr)
        if not problems:
            print(f"Every file in {args.out} matches {MANIFEST}.")
        return 1 if problems else 0
    if not args.sources:
        raise MedialitError("give at least one zip or folder to collect from")
    for course in args.course:
        if not course.is_dir():
            raise MedialitError(f"--course {course} is not a folder")
    use_courses(args.course)
    try:
        "x".encode(args.name_encoding)
    except LookupError:
        raise MedialitError(f"unknown code page {args.name_encoding!r}") from None
    rows, notes = collect(
        args.sources, args.out, platform=args.platform, homes=args.homes, encoding=args.name_encoding
    )
    counts = Counter(r.change for r in rows)
    students = len({r.student for r in rows})
    print(
        f"Collected {len(rows)} notebook(s) of {students} student(s) into {args.out}: "
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged."
    )
    for note in notes:
        print(f"  note: {note}")
    print(f"Who is who: {args.out / MANIFEST}. Next: medialit grade {args.out} --out GRADES")
    return 0
