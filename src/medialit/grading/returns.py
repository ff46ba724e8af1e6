"""``medialit return GRADES --out RETURNS``: give each student their own feedback, and nothing else.

For each student, ``RETURNS/<student>/`` holds one feedback page per released set (``ex01.html``,
...: the page ``medialit grade`` writes, with the teacher's marks and comments) and
``RETURNS/<student>.zip`` the same pages, ready to upload or e-mail. Only the sets named with
``--sets`` are released (default: every set graded); a released set with open answers not marked yet
is refused unless ``--unmarked-ok``. Files that could not be graded (an empty or damaged file) are
added only with ``--with-problems``. Nothing else goes in: no other student's name, answers or
scores, no gradebook, no paths of the teacher's computer.

With ``--homes DIR`` (a hub's home folders, ``DIR/<user>/``) each page is also copied into the
student's own ``DIR/<user>/feedback/``, owned by them when run as root. A link or a file planted
there is never followed or overwritten through: that student is skipped, with a note.

>>> main(["/no/such/folder", "--out", "/tmp/x"])
2
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import stat
import zipfile
from collections import defaultdict
from pathlib import Path

from .._atomic import replacing
from .._cli import command
from .._terminal import clean
from ..errors import MedialitError
from ._record import rows_from_records
from .marks import merge_marks

__all__ = ["copy_to_home", "main", "write_returns"]

FEEDBACK_DIR = "feedback"
MARKER = ".medialit-returns"  # a folder holding it was made by medialit return, and may be rewritten


def _safe(name: str) -> str:
    from .report import safe_filename

    return safe_filename(name)


def write_returns(
    grades: Path,
    out: Path,
    *,
    sets: list[str] | None = None,
    unmarked_ok: bool = False,
    with_problems: bool = False,
) -> dict[str, list[Path]]:
    """Write each student's folder and zip into ``out``; return each student's page files."""
    from .report import feedback_html

    rows = merge_marks(rows_from_records(grades), grades)
    if not rows:
        raise MedialitError(
            f"{grades} has no graded submissions (no answers.jsonl).",
            hint=f"Grade the class first: medialit grade SUBMISSIONS --out {grades}",
        )
    graded = sorted({r.exercise for r in rows if r.exercise})
    released = sets if sets else graded
    unknown = [s for s in released if s not in graded]
    if unknown:
        raise MedialitError(
            f"No graded submissions of {', '.join(unknown)}.", hint=f"Graded: {', '.join(graded)}."
        )
    unmarked = sum(
        1
        for r in rows
        if r.exercise in released and r.result is not None
        for q in r.result.questions
        if not q.auto and q.points is None
    )
    if unmarked and not unmarked_ok:
        raise MedialitError(
            f"{unmarked} open answer(s) in {', '.join(released)} are not marked yet.",
            hint=f"Mark them (medialit mark {grades}), release other sets with --sets, or add --unmarked-ok.",
        )
    marker = out / MARKER
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not marker.is_file())):
        raise MedialitError(
            f"{out} already exists and was not made by medialit return, so nothing was written.",
            hint="Give a new or empty folder with --out.",
        )
    per_student: dict[str, list] = defaultdict(list)
    for row in rows:
        if row.exercise in released or (with_problems and not row.exercise):
            per_student[row.student].append(row)
    if marker.is_file():  # our own earlier return: withdraw it whole, so nothing unreleased lingers
        for old in out.iterdir():
            if old.is_dir() and not old.is_symlink():
                shutil.rmtree(old)
            elif old != marker:
                old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    marker.write_text("Made by medialit return: each folder and zip is one student's feedback.\n")
    written: dict[str, list[Path]] = {}
    used_folders: set[str] = set()
    for student, student_rows in sorted(per_student.items()):
        folder_name = _safe(student)
        while folder_name in used_folders:
            folder_name += "_"
        used_folders.add(folder_name)
        folder = out / folder_name
        folder.mkdir()
        pages = []
        used: set[str] = set()
        for row in student_rows:
            stem = row.exercise or _safe(row.file.stem)
            name, n = f"{stem}.html", 1
            while name in used:
                n += 1
                name = f"{stem}-{n}.html"
            used.add(name)
            page = folder / name
            page.write_text(feedback_html(row), encoding="utf-8")
            pages.append(page)
        archive = out / f"{folder_name}.zip"
        with (
            replacing(archive, binary=True) as handle,
            zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as zf,
        ):
            for page in pages:
                zf.write(page, f"{folder_name}/{page.name}")
        written[student] = pages
    return written


def copy_to_home(homes: Path, user: str, pages: list[Path]) -> str:
    """Copy ``pages`` into ``homes/<user>/feedback/``; return "" or why the user was skipped.

    Every step goes through open folder handles without following links, so a student who made
    ``feedback`` (or a page's name) a link to somewhere else gets nothing written there.

    >>> copy_to_home(Path("/no/such/homes"), "alice", [])
    'no home folder (or it is a link)'
    """
    if not user or user.startswith(".") or "/" in user or user in ("..", "."):
        return "not a user name"
    flags_dir = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        home_fd = os.open(homes / user, flags_dir)
    except OSError:
        return "no home folder (or it is a link)"
    try:
        owner = os.fstat(home_fd)
        with contextlib.suppress(FileExistsError):
            os.mkdir(FEEDBACK_DIR, 0o700, dir_fd=home_fd)
        try:
            feedback_fd = os.open(FEEDBACK_DIR, flags_dir, dir_fd=home_fd)
        except OSError:
            return f"~/{FEEDBACK_DIR} is not a folder (a link?)"
        try:
            if os.geteuid() == 0:
                os.fchown(feedback_fd, owner.st_uid, owner.st_gid)
            for page in pages:
                data = page.read_bytes()
                try:
                    fd = os.open(
                        page.name,
                        os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                        0o600,
                        dir_fd=feedback_fd,
                    )
                except OSError:
                    return f"~/{FEEDBACK_DIR}/{page.name} is a link or cannot be written"
                with os.fdopen(fd, "wb") as handle:
                    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                        return f"~/{FEEDBACK_DIR}/{page.name} is not a regular file"
                    if os.geteuid() == 0:
                        os.fchown(handle.fileno(), owner.st_uid, owner.st_gid)
                    handle.write(data)
        finally:
            os.close(feedback_fd)
    finally:
        os.close(home_fd)
    return ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit return",
        description="Write each student's own feedback pages (with your marks): a folder and a zip each.",
        epilog="See docs/roundtrip.md.",
    )
    parser.add_argument("grades", type=Path, metavar="GRADES", help="the --out folder of medialit grade")
    parser.add_argument("--out", type=Path, metavar="DIR", help="where the students' folders go (required)")
    parser.add_argument("--sets", help="the sets to release, e.g. ex01,ex02 (default: every set graded)")
    parser.add_argument(
        "--unmarked-ok", action="store_true", help="release sets with open answers not marked yet"
    )
    parser.add_argument(
        "--with-problems", action="store_true", help="add pages for files that could not be graded"
    )
    parser.add_argument(
        "--homes", type=Path, metavar="DIR", help="also copy into DIR/<user>/feedback/ (a hub)"
    )
    return parser


@command("return")
def main(argv: list[str]) -> int:
    """Run ``medialit return``; return the exit code (2 for bad input)."""
    args = _parser().parse_args(argv)
    if args.out is None:
        raise MedialitError("say where the students' folders go with --out DIR")
    if not args.grades.is_dir():
        raise MedialitError(f"{args.grades} is not a folder (the --out of medialit grade)")
    sets = [s.strip() for s in args.sets.split(",") if s.strip()] if args.sets else None
    written = write_returns(
        args.grades, args.out, sets=sets, unmarked_ok=args.unmarked_ok, with_problems=args.with_problems
    )
    pages = sum(len(p) for p in written.values())
    print(f"Wrote {pages} page(s) for {len(written)} student(s) into {args.out} (a folder and a zip each).")
    if args.homes:
        copied = 0
        for student, student_pages in written.items():
            why = copy_to_home(args.homes, student, student_pages)
            if why:
                print(f"  note: nothing copied for {clean(student)}: {why}")
            else:
                copied += 1
        print(f"Copied into {copied} home folder(s) under {args.homes} (~/{FEEDBACK_DIR}/).")
    return 0
