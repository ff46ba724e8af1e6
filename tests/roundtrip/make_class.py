"""A made-up class for the instructor's round trip: notebooks with known scores, packed as LMS downloads.

Seventeen students hand in exercise sets ex01 and ex02. Nine are on Canvas (two of them are both
called Ana Lopez), eight on Moodle (two are both called Sam Lee). Each student's notebooks are one
of: the solution ("complete"), every other auto-graded answer kept ("half"), the solution with one
choice question answered wrongly ("wrong"), or the notebook as handed out ("blank"). Every
non-blank notebook has its own open answer, which carries a token unique to the student and set,
so a test can tell whose text ends up where. :func:`expected_auto` gives each notebook's exact
auto-graded score, computed from the masters (never hard-coded).

The zips are laid out as the platforms write them (docs/roundtrip.md cites the sources):
Canvas ``<name>[_late]_<user id>_<attachment id>_<file>``, Moodle
``<Full name>_<participant id>_assignsubmission_file_/<file>`` with participant ids that differ
per assignment. Rosters are written as the teacher would export them: Canvas's gradebook export
(with its "Points Possible" row) and Moodle's per-assignment grading worksheets.
"""

from __future__ import annotations

import copy
import csv
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "hostile"))
import make_corpus  # noqa: E402

SETS = ("ex01", "ex02")
KINDS = ("complete", "half", "wrong", "blank")


@dataclass(frozen=True)
class Student:
    first: str
    last: str
    platform: str  # "canvas" or "moodle"
    uid: int  # Canvas user id, or the Moodle user's number (its participant ids are per assignment)
    kind: str
    late: bool = False

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}.{self.uid}@school.example"

    @property
    def sortable(self) -> str:  # Canvas: "Last, First" with non-word characters removed, lower case
        return "".join(ch for ch in f"{self.last}{self.first}" if ch.isalnum() or ch == "_").lower()

    def participant(self, set_id: str) -> int:  # Moodle numbers participants per assignment
        return 7_000_000 + 1000 * SETS.index(set_id) + self.uid

    def key(self, set_id: str, *, moodle_ambiguous: bool = False) -> str:
        """The folder medialit collect gives this student."""
        if self.platform == "canvas":
            return f"{self.sortable} ({self.uid})"
        return f"{self.full} ({self.participant(set_id)})" if moodle_ambiguous else self.full


CLASS = [
    Student("Ana", "Lopez", "canvas", 101, "complete"),
    Student("Ana", "Lopez", "canvas", 102, "half", late=True),
    Student("Ben", "Okafor", "canvas", 103, "wrong"),
    Student("Chloé", "Martin", "canvas", 104, "complete"),
    Student("Dmitri", "Ivanov", "canvas", 105, "half"),
    Student("Eve", "Nakamura", "canvas", 106, "wrong"),
    Student("Farah", "Haddad", "canvas", 107, "complete"),
    Student("Gus", "Berg", "canvas", 108, "half"),
    Student("Hana", "Kim", "canvas", 109, "blank"),
    Student("Sam", "Lee", "moodle", 201, "complete"),
    Student("Sam", "Lee", "moodle", 202, "wrong"),
    Student("Iris", "Novak", "moodle", 203, "half"),
    Student("Jon", "Smith", "moodle", 204, "complete"),
    Student("Kai", "Tanaka", "moodle", 205, "wrong"),
    Student("Lea", "Müller", "moodle", 206, "half"),
    Student("Max", "Dupont", "moodle", 207, "complete"),
    Student("Noor", "Ali", "moodle", 208, "blank"),
]


def token(student: Student, set_id: str) -> str:
    """A word found only in this student's open answer to this set."""
    return f"TOKEN{student.platform[0].upper()}{student.uid}{set_id.upper()}"


def open_answer(student: Student, set_id: str) -> str:
    return (
        f"The news of the day comes first and the background later ({token(student, set_id)}). "
        f"Paragraph {student.uid % 16 + 1} shows it: what happened before is background, "
        "so an editor can cut it from the bottom."
    )


def _open_question(set_id: str):
    from medialit.exercises import get_set

    return next(q for q in get_set(set_id).questions if not q.auto)


def _wrong_question(set_id: str):
    from medialit.exercises import get_set

    return next(q for q in get_set(set_id).questions if q.type == "choice")


def _half(set_id: str) -> list[str]:
    from medialit.exercises import get_set

    return [q.id for q in get_set(set_id).questions if q.auto][::2]


def notebook(student: Student, set_id: str) -> dict[str, Any]:
    """The notebook this student hands in for this set."""
    if student.kind == "blank":
        return make_corpus.blank(set_id)
    if student.kind == "half":
        nb = make_corpus.partial(_half(set_id), set_id)
    else:
        nb = make_corpus.complete(set_id)
    nb = copy.deepcopy(nb)
    if student.kind == "wrong":
        q = _wrong_question(set_id)
        wrong = next(option for option in q.spec["options"] if option != q.spec["answer"])
        make_corpus._replace(nb, q.id, f"{q.variable} = {wrong!r}")
    q = _open_question(set_id)
    make_corpus._replace(nb, q.id, f"{q.variable} = {open_answer(student, set_id)!r}")
    return nb


def expected_auto(student: Student, set_id: str) -> float:
    """The exact auto-graded score of this student's notebook for this set."""
    from medialit.exercises import get_set

    questions = [q for q in get_set(set_id).questions if q.auto]
    if student.kind == "blank":
        return 0.0
    if student.kind == "half":
        kept = set(_half(set_id))
        return float(sum(q.points or 0 for q in questions if q.id in kept))
    total = float(sum(q.points or 0 for q in questions))
    if student.kind == "wrong":
        total -= _wrong_question(set_id).points or 0
    return total


def _bytes(nb: dict[str, Any]) -> bytes:
    return json.dumps(nb, indent=1, ensure_ascii=False).encode("utf-8")


def canvas_zip(path: Path, set_id: str) -> Path:
    """Canvas's "Download Submissions" zip for one assignment (one set)."""
    from medialit.exercises import get_set

    name = get_set(set_id).notebook_name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, s in enumerate(s for s in CLASS if s.platform == "canvas"):
            late = "late_" if s.late else ""
            zf.writestr(
                f"{s.sortable}_{late}{s.uid}_{90000 + 100 * n + SETS.index(set_id)}_{name}",
                _bytes(notebook(s, set_id)),
            )
    return path


def moodle_zip(path: Path, set_id: str) -> Path:
    """Moodle's "Download all submissions" zip for one assignment (a folder per participant)."""
    from medialit.exercises import get_set

    name = get_set(set_id).notebook_name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for s in (s for s in CLASS if s.platform == "moodle"):
            zf.writestr(
                f"{s.full}_{s.participant(set_id)}_assignsubmission_file_/{name}", _bytes(notebook(s, set_id))
            )
    return path


CANVAS_ASSIGNMENT_IDS = {"ex01": 5501, "ex02": 5502}


def canvas_roster(path: Path) -> Path:
    """The teacher's Canvas gradebook export: the class, its sections, the two assignments."""
    from medialit.exercises import get_set

    titles = [f"{get_set(s).title} ({CANVAS_ASSIGNMENT_IDS[s]})" for s in SETS]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *titles, "Current Score"])
        writer.writerow(["    Points Possible", "", "", "", "", "", "", ""])
        for s in (s for s in CLASS if s.platform == "canvas"):
            writer.writerow([f"{s.last}, {s.first}", s.uid, f"S{s.uid}", s.email, "Media 10B", "", "", ""])
    return path


def moodle_worksheet(path: Path, set_id: str) -> Path:
    """Moodle's grading worksheet for one assignment (Identifier = "Participant <id>")."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade"])
        for s in (s for s in CLASS if s.platform == "moodle"):
            writer.writerow(
                [f"Participant {s.participant(set_id)}", s.full, s.email, "Submitted", "", "100.00"]
            )
    return path


def build(base: Path) -> dict[str, Path]:
    """Write every download and roster into ``base``; return them by name."""
    base.mkdir(parents=True, exist_ok=True)
    files = {}
    for set_id in SETS:
        files[f"canvas-{set_id}"] = canvas_zip(base / f"canvas-{set_id}.zip", set_id)
        files[f"moodle-{set_id}"] = moodle_zip(base / f"moodle-{set_id}.zip", set_id)
        files[f"worksheet-{set_id}"] = moodle_worksheet(base / f"moodle-worksheet-{set_id}.csv", set_id)
    files["canvas-roster"] = canvas_roster(base / "canvas-gradebook-export.csv")
    return files


def zips(files: dict[str, Path]) -> list[Path]:
    return [files[f"{platform}-{s}"] for platform in ("canvas", "moodle") for s in SETS]


def collect_and_grade(base: Path) -> dict[str, Path]:
    """Build the downloads, then ``medialit collect`` and ``medialit grade`` them, as a teacher would."""
    from medialit.cli import main

    files = build(base / "downloads")
    files["collected"] = base / "collected"
    files["grades"] = base / "grades"
    assert main(["collect", *map(str, zips(files)), "--out", str(files["collected"])]) == 0
    assert (
        main(["grade", str(files["collected"]), "--out", str(files["grades"]), "--timeout", "60", "--quiet"])
        == 0
    )
    return files


_GRADED: dict[str, dict[str, Path]] = {}


def graded_class(tmp_path_factory) -> dict[str, Path]:
    """One collected and graded class per test session (tests copy it before changing anything)."""
    if "class" not in _GRADED:
        _GRADED["class"] = collect_and_grade(tmp_path_factory.mktemp("class"))
    return _GRADED["class"]


def moodle_ambiguous(student: Student) -> bool:
    """True for the Sam Lees: two students of one name in one Moodle download."""
    return sum(1 for s in CLASS if s.platform == "moodle" and s.full == student.full) > 1


def levels_for(student_key: str, set_id: str) -> list[str]:
    """The levels a teacher gives this answer in the tests (varied, deterministic)."""
    import hashlib

    digest = hashlib.sha256(f"{student_key}/{set_id}".encode()).digest()
    return [("beginning", "emerging", "mastery")[b % 3] for b in digest[:3]]


def mark_all(grades: Path) -> dict[tuple[str, str], float]:
    """Mark every open answer through the marking session; return the points by (student, set)."""
    from medialit.grading.marking.session import MarkingSession
    from medialit.grading.marks import mark_points

    session = MarkingSession(grades, refresh_delay=None)
    points = {}
    for (set_id, _question), items in session.items.items():
        for item in items:
            levels = levels_for(item.student, set_id)
            session.save(item.key, levels, f"Comment for {item.student} on {set_id}.")
            points[(item.student, set_id)] = mark_points(levels)
    session.close()
    return points


# -- checks shared by the round-trip tests ---------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def set_max(set_id: str) -> float:
    """Every point a set is worth: auto-graded, plus 2 per rubric criterion of its open question."""
    from medialit.exercises import get_set

    exercise_set = get_set(set_id)
    return exercise_set.max_points + sum(2 * len(q.rubric) for q in exercise_set.questions if not q.auto)


def expected_total(student: Student, set_id: str, open_points: dict[tuple[str, str], float]) -> float:
    key = student.key(set_id, moodle_ambiguous=moodle_ambiguous(student))
    return expected_auto(student, set_id) + open_points.get((key, set_id), 0.0)


def check_canvas_export(path: Path, open_points: dict[tuple[str, str], float]) -> None:
    """Column by column, as Canvas's gradebook import reads it (docs/roundtrip.md)."""
    import re

    from medialit.exercises import get_set

    rows = read_csv(path)
    header = rows[0]
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    titles = [f"{get_set(s).title} ({CANVAS_ASSIGNMENT_IDS[s]})" for s in SETS]
    assert header[5:] == titles  # the roster's own assignment columns: "Title (assignment id)"
    assert all(re.fullmatch(r".+ \(\d+\)", title) for title in header[5:])
    assert rows[1][0] == "Points Possible" and rows[1][1:5] == ["", "", "", ""]
    assert [float(x) for x in rows[1][5:]] == [set_max(s) for s in SETS]
    students = {int(r[1]): r for r in rows[2:]}
    canvas = [s for s in CLASS if s.platform == "canvas"]
    assert sorted(students) == sorted(s.uid for s in canvas)  # each once, by Canvas user id
    for s in canvas:
        row = students[s.uid]
        assert len(row) == len(header)
        assert row[0] == f"{s.last}, {s.first}"
        assert row[2:5] == [f"S{s.uid}", s.email, "Media 10B"]
        for set_id, cell in zip(SETS, row[5:], strict=True):
            assert float(cell) == expected_total(s, set_id, open_points), (s, set_id)


def check_moodle_export(path: Path, open_points: dict[tuple[str, str], float]) -> None:
    """Column by column: the identifier (email) first, then one grade column per set."""
    from medialit.exercises import get_set

    rows = read_csv(path)
    assert rows[0] == ["Email address", "Full name", *(get_set(s).title for s in SETS)]
    by_email = {r[0]: r for r in rows[1:]}
    moodle = [s for s in CLASS if s.platform == "moodle"]
    assert sorted(by_email) == sorted(s.email for s in moodle)  # the two Sam Lees stay apart
    for s in moodle:
        row = by_email[s.email]
        assert len(row) == len(rows[0]) and row[1] == s.full
        for set_id, cell in zip(SETS, row[2:], strict=True):
            assert float(cell) == expected_total(s, set_id, open_points), (s, set_id)


def check_returns(out: Path, comments: dict[str, str], *, forbidden: list[str] = ()) -> None:
    """Each student's folder and zip hold their own pages: their comments, no one else's name or comment."""
    from medialit.grading.report import safe_filename

    keys = {s.key(set_id, moodle_ambiguous=moodle_ambiguous(s)) for s in CLASS for set_id in SETS}
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(safe_filename(k) for k in keys)
    for key in keys:
        folder = out / safe_filename(key)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
        with zipfile.ZipFile(out / f"{folder.name}.zip") as zf:
            assert sorted(Path(n).name for n in zf.namelist()) == sorted(p.name for p in folder.iterdir())
            texts += [zf.read(name).decode("utf-8") for name in zf.namelist()]
        text = "\n".join(texts)
        assert f"Feedback for {key}<" in text
        for other in keys - {key}:
            assert f"Feedback for {other}<" not in text
        for owner, comment in comments.items():
            assert (comment in text) == (owner == key), (key, comment)
        for word in forbidden:
            assert word not in text
