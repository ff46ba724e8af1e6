"""``medialit export GRADES --to canvas|moodle|plain``: grades as a school's gradebook imports them.

Totals per set are the auto-graded points plus the teacher's marks for the open question
(``medialit mark``); "max" is every point the set is worth (auto-graded plus 2 per rubric criterion).
One submission counts per student and set (the best, see :func:`.marks.counted_rows`). A set
with open answers not marked yet is refused, with their number, unless ``--partial`` (then the
marks missing count as 0 and the terminal says so).

* ``--to canvas``: Canvas's gradebook import format: ``Student, ID, SIS User ID, SIS Login ID,
  Section``, one column per set, and a ``Points Possible`` row (the columns Canvas's
  ``GradebookImporter`` looks for). Students are matched by their Canvas user id (from the
  download's file names) or, with the teacher's gradebook export as ``--roster``, by SIS login or
  name; the assignment columns are then the roster's own (``Title (id)``), so grades land in the
  existing assignments.
* ``--to moodle``: a CSV for Moodle's "Import grades > CSV file": the identifier first (``Email
  address``, or ``ID number``/``Username`` with ``--match-by``), then one column per set. Needs a
  ``--roster`` (participants list or the assignments' grading worksheets) to find each student's
  email or id number.
* ``--to plain``: one row per student: every question's points, each set's total and max, the
  overall total (UTF-8 with a byte-order mark, for spreadsheets).

Every text cell is made safe against spreadsheet formulas.

>>> main(["/no/such/folder", "--to", "plain"])
2
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .._cli import command
from .._safe_csv import write_csv
from .._terminal import clean
from ..errors import MedialitError
from ._record import rows_from_records
from ._roster import Person, Roster, name_key, read_roster
from .marks import counted_rows, merge_marks

__all__ = ["Identity", "SetScore", "canvas_table", "class_scores", "main", "moodle_table", "plain_table"]

FORMATS = ("canvas", "moodle", "plain")


@dataclass
class Identity:
    """Who a student (a gradebook ``student``) is on their platform, from ``manifest.csv``."""

    student: str
    name: str
    platform: str = ""
    lms_ids: dict[str, str] = field(default_factory=dict)  # set -> id (Moodle: one per assignment)


@dataclass
class SetScore:
    """One student's result for one set: per question points, the total, the max, what is unmarked."""

    exercise: str
    status: str
    points: dict[str, float | None]
    total: float
    max: float
    unmarked: list[str]


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _identities(rows: list, collected: Path | None) -> dict[str, Identity]:
    from .collect import read_manifest

    folders = {collected} if collected else {Path(r.file).parent.parent for r in rows}
    found: dict[str, Identity] = {}
    for folder in sorted(f for f in folders if f is not None):
        for entry in read_manifest(folder):
            identity = found.setdefault(entry.student, Identity(entry.student, entry.name, entry.platform))
            if entry.lms_id:
                identity.lms_ids[entry.exercise or "*"] = entry.lms_id
    for row in rows:
        found.setdefault(row.student, Identity(row.student, row.student))
    return found


def class_scores(
    grades: Path, *, collected: Path | None = None
) -> tuple[dict[str, Identity], dict[tuple[str, str], SetScore], list[str]]:
    """Read a grades folder: identities, one :class:`SetScore` per (student, set), the sets."""
    from medialit import exercises

    rows = rows_from_records(grades)
    if not rows:
        raise MedialitError(
            f"{grades} has no graded submissions (no answers.jsonl).",
            hint=f"Grade the class first: medialit grade SUBMISSIONS --out {grades}",
        )
    merged = merge_marks(rows, grades)
    scores = {}
    for (student, set_id), row in counted_rows(merged).items():
        points: dict[str, float | None] = {}
        total = maximum = 0.0
        unmarked = []
        for result in row.result.questions:
            points[result.question] = result.points
            if result.auto:
                total += result.points or 0
                maximum += result.max_points or 0
            else:
                from .marks import open_max

                maximum += open_max(exercises.get_set(set_id).question(result.question))
                if result.points is None:
                    unmarked.append(result.question)
                else:
                    total += result.points
        scores[(student, set_id)] = SetScore(set_id, row.status, points, total, maximum, unmarked)
    sets = sorted({set_id for _, set_id in scores})
    return _identities(merged, collected), scores, sets


# -- the three formats -------------------------------------------------------------------------
def _set_max(set_id: str) -> float:
    from medialit import exercises

    from .marks import open_max

    exercise_set = exercises.get_set(set_id)
    return exercise_set.max_points + sum(open_max(q) for q in exercise_set.questions if not q.auto)


def plain_table(
    identities: dict[str, Identity], scores: dict[tuple[str, str], SetScore], sets: list[str]
) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the plain per-question CSV.

    >>> scores = {("ana", "ex01"): SetScore("ex01", "ok", {"q1": 1.0, "q9": 4.0}, 11.0, 18.0, [])}
    >>> header, rows = plain_table({}, scores, ["ex01"])
    >>> header[-4:], rows[0][-4:]
    (['ex01 total', 'ex01 max', 'total', 'max'], ['11', '18', '11', '18'])
    """
    from medialit import exercises

    header = ["student", "name", "platform", "lms_id"]
    questions = {s: [q.id for q in exercises.get_set(s).questions] for s in sets}
    for set_id in sets:
        header += [f"{set_id}.{q}" for q in questions[set_id]] + [f"{set_id} total", f"{set_id} max"]
    header += ["total", "max"]
    rows = []
    for student in sorted({s for s, _ in scores}):
        identity = identities.get(student, Identity(student, student))
        ids = sorted(set(identity.lms_ids.values()))
        row = [student, identity.name, identity.platform, " ".join(ids)]
        total = maximum = 0.0
        for set_id in sets:
            score = scores.get((student, set_id))
            if score is None:
                row += [""] * len(questions[set_id]) + ["", _fmt(_set_max(set_id))]
                maximum += _set_max(set_id)
                continue
            row += [_fmt(score.points.get(q)) for q in questions[set_id]]
            row += [_fmt(score.total), _fmt(score.max)]
            total += score.total
            maximum += score.max
        rows.append([*row, _fmt(total), _fmt(maximum)])
    return header, rows


def _canvas_column(set_id: str, roster: Roster | None, assignment_ids: dict[str, str]) -> str:
    from medialit import exercises

    title = exercises.get_set(set_id).title
    for column in roster.assignment_columns if roster else []:
        if re.search(rf"\b{re.escape(set_id)}\b", column, re.IGNORECASE) or column.startswith(title):
            return column
    if set_id in assignment_ids:
        return f"{title} ({assignment_ids[set_id]})"
    return title  # Canvas creates a new assignment from a column it does not know


def _match(identity: Identity, roster: Roster, *, canvas: bool) -> tuple[Person | None, str]:
    """The roster's person for this student, or None and why not."""
    people = roster.people
    ids = set(identity.lms_ids.values())
    if canvas and identity.platform == "canvas":
        found = [p for p in people if p.canvas_id and p.canvas_id in ids]
    elif identity.platform == "moodle":
        found = [p for p in people if p.participant_ids & ids]
    else:
        found = []
    if not found:
        key = identity.student.casefold()
        found = [
            p
            for p in people
            if key
            in {
                p.username.casefold(),
                p.sis_login_id.casefold(),
                p.email.casefold(),
                p.email.split("@")[0].casefold(),
                p.id_number.casefold(),
            }
            - {""}
        ]
    if not found:
        by_name = [p for p in people if name_key(p.name) == name_key(identity.name)]
        if len(by_name) > 1:
            return None, f"{len(by_name)} people called {identity.name} in the roster"
        found = by_name
    if len(found) > 1:
        return None, "more than one roster entry matches"
    if not found:
        return None, "not in the roster"
    return found[0], ""


def canvas_table(
    identities: dict[str, Identity],
    scores: dict[tuple[str, str], SetScore],
    sets: list[str],
    *,
    roster: Roster | None = None,
    assignment_ids: dict[str, str] | None = None,
) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, rows (the first is "Points Possible") and notes of Canvas's gradebook import CSV.

    >>> scores = {("lopezana (101)", "ex01"): SetScore("ex01", "ok", {}, 11.0, 18.0, [])}
    >>> who = {"lopezana (101)": Identity("lopezana (101)", "lopezana", "canvas", {"ex01": "101"})}
    >>> header, rows, notes = canvas_table(who, scores, ["ex01"], assignment_ids={"ex01": "5501"})
    >>> header
    ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Exercise 1 · Anatomy of a news story (5501)']
    >>> rows
    [['Points Possible', '', '', '', '', '18'], ['lopezana', '101', '', '', '', '11']]
    """
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    header += [_canvas_column(s, roster, assignment_ids or {}) for s in sets]
    rows = [["Points Possible", "", "", "", "", *(_fmt(_set_max(s)) for s in sets)]]
    notes = []
    for student in sorted({s for s, _ in scores}):
        identity = identities.get(student, Identity(student, student))
        person, why = _match(identity, roster, canvas=True) if roster else (None, "")
        canvas_id = person.canvas_id if person else ""
        if not canvas_id and identity.platform == "canvas":
            canvas_id = next(iter(identity.lms_ids.values()), "")
        if not canvas_id and person is None:
            notes.append(f"left out {clean(student)}: no Canvas id ({why or 'not from a Canvas download'})")
            continue
        cells = [_fmt(scores[(student, s)].total) if (student, s) in scores else "" for s in sets]
        if person:
            rows.append(
                [
                    person.sortable or person.name,
                    person.canvas_id or canvas_id,
                    person.sis_user_id,
                    person.sis_login_id,
                    person.section,
                    *cells,
                ]
            )
        else:
            rows.append([identity.name, canvas_id, "", "", "", *cells])
    return header, rows, notes


_MATCH_COLUMNS = {"email": "Email address", "idnumber": "ID number", "username": "Username"}


def moodle_table(
    identities: dict[str, Identity],
    scores: dict[tuple[str, str], SetScore],
    sets: list[str],
    *,
    roster: Roster,
    match_by: str = "email",
) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, rows and notes of a CSV for Moodle's grade import (identifier column first).

    >>> from ._roster import parse_roster
    >>> roster = parse_roster("Identifier,Full name,Email address\\nParticipant 77,Sam Lee,sam@x.example\\n")
    >>> scores = {("Sam Lee", "ex01"): SetScore("ex01", "ok", {}, 11.0, 18.0, [])}
    >>> who = {"Sam Lee": Identity("Sam Lee", "Sam Lee", "moodle", {"ex01": "77"})}
    >>> header, rows, notes = moodle_table(who, scores, ["ex01"], roster=roster)
    >>> header[:2], rows
    (['Email address', 'Full name'], [['sam@x.example', 'Sam Lee', '11']])
    """
    from medialit import exercises

    attribute = {"email": "email", "idnumber": "id_number", "username": "username"}[match_by]
    header = [_MATCH_COLUMNS[match_by], "Full name", *(exercises.get_set(s).title for s in sets)]
    by_person: dict[str, dict[str, float]] = defaultdict(dict)
    names: dict[str, str] = {}
    notes = []
    for student in sorted({s for s, _ in scores}):
        identity = identities.get(student, Identity(student, student))
        person, why = _match(identity, roster, canvas=False)
        key = getattr(person, attribute) if person else ""
        if person is None or not key:
            reason = why or f"the roster has no {_MATCH_COLUMNS[match_by]} for them"
            notes.append(f"left out {clean(student)}: {reason}")
            continue
        names[key] = person.name
        for set_id in sets:
            if (student, set_id) not in scores:
                continue
            if set_id in by_person[key]:
                notes.append(f"{clean(person.name)} has two {set_id} results; the higher is exported")
            by_person[key][set_id] = max(scores[(student, set_id)].total, by_person[key].get(set_id, 0.0))
    rows = [
        [key, names[key], *(_fmt(by_person[key].get(s)) for s in sets)]
        for key in sorted(by_person, key=lambda k: name_key(names[k]))
    ]
    return header, rows, notes


# -- the command -----------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit export",
        description="Export a graded class (with the teacher's marks) for Canvas, Moodle or a spreadsheet.",
        epilog="See docs/roundtrip.md for each format and how to import it.",
    )
    parser.add_argument("grades", type=Path, metavar="GRADES", help="the --out folder of medialit grade")
    parser.add_argument("--to", choices=FORMATS, required=True, help="the format")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="where to write (default GRADES/export-<to>.csv)"
    )
    parser.add_argument(
        "--roster", type=Path, action="append", default=[], metavar="CSV",
        help="the class list exported from the platform (may be given more than once)",
    )  # fmt: skip
    parser.add_argument(
        "--collected", type=Path, metavar="DIR", help="the medialit collect folder (found by itself)"
    )
    parser.add_argument("--sets", help="only these sets, e.g. ex01,ex02 (default: every set graded)")
    parser.add_argument(
        "--partial", action="store_true", help="export even if open answers are not marked yet"
    )
    parser.add_argument(
        "--match-by", choices=tuple(_MATCH_COLUMNS), default="email",
        help="Moodle: the identifier column (default email)",
    )  # fmt: skip
    parser.add_argument(
        "--canvas-assignment", action="append", default=[], metavar="SET=ID",
        help="Canvas: the assignment id of a set, e.g. ex01=5501 (default: from the roster, or a new one)",
    )  # fmt: skip
    return parser


@command("export")
def main(argv: list[str]) -> int:
    """Run ``medialit export``; return the exit code (2 for bad input)."""
    return _run(_parser().parse_args(argv))


def _run(args: argparse.Namespace) -> int:
    if not args.grades.is_dir():
        raise MedialitError(
            f"{args.grades} is not a folder.", hint="Give the --out folder of medialit grade."
        )
    identities, scores, sets = class_scores(args.grades, collected=args.collected)
    if args.sets:
        wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in sets]
        if unknown:
            raise MedialitError(
                f"No graded submissions of {', '.join(unknown)}.", hint=f"Graded: {', '.join(sets)}."
            )
        sets = wanted
    unmarked: defaultdict[str, int] = defaultdict(int)
    for (_, set_id), score in scores.items():
        if set_id in sets and score.unmarked:
            unmarked[set_id] += len(score.unmarked)
    if unmarked and not args.partial:
        counts = ", ".join(f"{n} in {s}" for s, n in sorted(unmarked.items()))
        raise MedialitError(
            f"Some open answers are not marked yet ({counts}), so the totals would be wrong.",
            hint=f"Mark them with: medialit mark {args.grades}  (or add --partial to count them as 0).",
        )
    roster = read_roster(args.roster) if args.roster else None
    notes: list[str] = []
    if args.to == "plain":
        header, rows = plain_table(identities, scores, sets)
    elif args.to == "canvas":
        ids = {}
        for item in args.canvas_assignment:
            set_id, _, number = item.partition("=")
            if not number.strip().isdigit():
                raise MedialitError(f"--canvas-assignment {item!r}: write it as SET=ID, e.g. ex01=5501.")
            ids[set_id.strip()] = number.strip()
        header, rows, notes = canvas_table(identities, scores, sets, roster=roster, assignment_ids=ids)
    else:
        if roster is None:
            raise MedialitError(
                "Moodle matches students by email or id number, which the downloads do not hold.",
                hint="Give the class list with --roster: the participants list or grading worksheet (CSV).",
            )
        header, rows, notes = moodle_table(identities, scores, sets, roster=roster, match_by=args.match_by)
    out = args.out or args.grades / f"export-{args.to}.csv"
    write_csv(out, header, rows, bom=args.to == "plain")
    students = len(rows) - (1 if args.to == "canvas" else 0)
    print(f"Wrote {out}: {students} student(s), {len(sets)} set(s) ({', '.join(sets)}).")
    if unmarked:
        print(
            f"  note: {sum(unmarked.values())} open answer(s) not marked yet were counted as 0 (--partial)."
        )
    for note in notes:
        print(f"  note: {note}")
    return 0
