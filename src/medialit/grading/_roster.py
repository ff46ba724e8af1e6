"""The class lists teachers export from their platform, read as one shape: a list of people.

Accepted (columns recognised by name, any order, comma, semicolon or tab separated, UTF-8 or
Windows-1252):

* Canvas's gradebook export: ``Student`` ("Last, First"), ``ID`` (Canvas user id), ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then one column per assignment (``Title (assignment id)``); its
  ``Points Possible`` row and the test student are skipped;
* Moodle's participants download or gradebook export: ``First name``, ``Last name``,
  ``ID number``, ``Email address`` (``Username`` if present);
* Moodle's grading worksheet of an assignment: ``Identifier`` ("Participant 1234567": the id in that
  assignment's download zip), ``Full name``, ``Email address``.

>>> text = "Identifier,Full name,Email address\\nParticipant 7000201,Sam Lee,sam@x.example\\n"
>>> roster = parse_roster(text, "worksheet.csv")
>>> p = roster.people[0]
>>> p.name, p.email, sorted(p.participant_ids)
('Sam Lee', 'sam@x.example', ['7000201'])
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MedialitError

__all__ = ["Person", "Roster", "name_key", "parse_roster", "read_roster"]

_MAX_ROSTER = 20 * 1024 * 1024
_CANVAS_ID_COLUMNS = (
    "student",
    "id",
    "sis user id",
    "sis login id",
    "integration id",
    "root account",
    "section",
)
_CANVAS_TOTALS = re.compile(
    r"(current|final|unposted) (score|points|grade)|assignments|imported", re.IGNORECASE
)


def name_key(name: str) -> str:
    """A name reduced for comparison: "Lopez, Ana", "ana  LÓPEZ" and "Ana Lopez" agree.

    >>> name_key("Lopez, Ána") == name_key("ana  lopez")
    True
    """
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


@dataclass
class Person:
    """One person in a roster (fields the roster does not have are empty)."""

    name: str = ""
    sortable: str = ""
    email: str = ""
    id_number: str = ""
    username: str = ""
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    participant_ids: set[str] = field(default_factory=set)
    first: str = ""
    last: str = ""


@dataclass
class Roster:
    """The people of one or more roster files, and the Canvas assignment columns found."""

    people: list[Person]
    sources: list[str]
    assignment_columns: list[str] = field(default_factory=list)

    def merged(self, other: Roster) -> Roster:
        """Both rosters as one; a person in both (same email or Canvas id) is merged."""
        people = list(self.people)
        for person in other.people:
            twin = next(
                (
                    p
                    for p in people
                    if (person.email and p.email.casefold() == person.email.casefold())
                    or (person.canvas_id and p.canvas_id == person.canvas_id)
                ),
                None,
            )
            if twin is None:
                people.append(person)
                continue
            for name in ("name", "sortable", "email", "id_number", "username", "canvas_id", "sis_user_id",
                         "sis_login_id", "section", "first", "last"):  # fmt: skip
                if not getattr(twin, name):
                    setattr(twin, name, getattr(person, name))
            twin.participant_ids |= person.participant_ids
        columns = self.assignment_columns + [
            c for c in other.assignment_columns if c not in self.assignment_columns
        ]
        return Roster(people, self.sources + other.sources, columns)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def parse_roster(text: str, where: str = "roster") -> Roster:
    """Read a roster from its text (see the module's list of accepted files)."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise MedialitError(f"{where} is empty.", hint="Export the class list from your platform as CSV.")
    header = [h.strip() for h in rows[0]]
    lower = [h.casefold() for h in header]

    def col(*names: str) -> int | None:
        for name in names:
            if name in lower:
                return lower.index(name)
        return None

    c = {
        "student": col("student"),
        "id": col("id"),
        "sis_user": col("sis user id"),
        "sis_login": col("sis login id"),
        "section": col("section"),
        "first": col("first name", "firstname", "given name"),
        "last": col("last name", "lastname", "surname", "family name"),
        "full": col("full name", "name", "fullname"),
        "email": col("email address", "email", "e-mail", "e-mail address"),
        "id_number": col("id number", "idnumber"),
        "username": col("username", "user name", "login"),
        "identifier": col("identifier"),
    }
    if all(v is None for k, v in c.items() if k not in ("section",)):
        raise MedialitError(
            f"{where} has none of the columns a class list has (Student, ID, Full name, Email address, ...).",
            hint="Export the gradebook (Canvas) or the participants or grading worksheet (Moodle) as CSV.",
        )
    assignment_columns = []
    if c["student"] is not None and c["id"] is not None:  # Canvas: what follows the id columns
        last_id = max(i for i, h in enumerate(lower) if h in _CANVAS_ID_COLUMNS)
        assignment_columns = [h for h in header[last_id + 1 :] if h and not _CANVAS_TOTALS.search(h)]

    def cell(row: list[str], key: str) -> str:
        index = c[key]
        return row[index].strip() if index is not None and index < len(row) else ""

    people = []
    for row in rows[1:]:
        if not any(x.strip() for x in row):
            continue
        student = cell(row, "student")
        if re.search(r"points possible", " ".join(row[:2]), re.IGNORECASE) or name_key(student) in (
            "test student",
            "student test",
        ):
            continue
        first, last = cell(row, "first"), cell(row, "last")
        full = cell(row, "full") or (f"{first} {last}".strip() if first or last else "")
        if student and not full:
            last_name, _, first_name = student.partition(",")
            full = f"{first_name.strip()} {last_name.strip()}".strip() if "," in student else student
        person = Person(
            name=full,
            sortable=student,
            email=cell(row, "email"),
            id_number=cell(row, "id_number"),
            username=cell(row, "username"),
            canvas_id=cell(row, "id") if c["student"] is not None else "",
            sis_user_id=cell(row, "sis_user"),
            sis_login_id=cell(row, "sis_login"),
            section=cell(row, "section"),
            first=first,
            last=last,
        )
        identifier = cell(row, "identifier")
        match = re.search(r"(\d+)\s*$", identifier)
        if match:
            person.participant_ids.add(match.group(1))
        people.append(person)
    return Roster(people, [where], assignment_columns)


def read_roster(paths: list[Path]) -> Roster:
    """Read and merge the roster files."""
    roster = Roster([], [])
    for path in paths:
        try:
            if path.stat().st_size > _MAX_ROSTER:
                raise MedialitError(f"{path} is too large to be a class list.")
            text = _decode(path.read_bytes())
        except OSError as exc:
            raise MedialitError(f"Cannot read the roster {path} ({exc.strerror}).") from None
        roster = roster.merged(parse_roster(text, path.name))
    return roster
