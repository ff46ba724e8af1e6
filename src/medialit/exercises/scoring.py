"""Scoring: a pure function from answers (plain data) to points, verdicts and feedback.

The student's ``check()`` and the class grader call the same :func:`score_set`, so a student
never sees a verdict the teacher's gradebook would contradict. Scoring never raises on an
answer: junk gets the verdict ``"wrong shape"`` and a sentence saying what shape is expected.

>>> r = score_set("ex01", {"q1": None})
>>> r.questions[0].verdict
'unanswered'
>>> r.total
0.0
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from ._model import ExerciseSet, Question, get_set
from ._values import Unreadable, is_blank, plain

__all__ = [
    "CORRECT",
    "NOT_YET",
    "OPEN",
    "PARTLY",
    "UNANSWERED",
    "VERDICTS",
    "WRONG_SHAPE",
    "QuestionResult",
    "SetResult",
    "score_question",
    "score_set",
]

CORRECT = "correct"
PARTLY = "partly"
NOT_YET = "not yet"
UNANSWERED = "unanswered"
WRONG_SHAPE = "wrong shape"
OPEN = "open"
VERDICTS = (CORRECT, PARTLY, NOT_YET, UNANSWERED, WRONG_SHAPE, OPEN)
# Text marks so that colour is never the only signal.
MARKS = {CORRECT: "✓", PARTLY: "½", NOT_YET: "✗", UNANSWERED: "…", WRONG_SHAPE: "?", OPEN: "✎"}


@dataclass(frozen=True)
class QuestionResult:
    """The outcome for one question. ``points``/``max_points`` are None for open questions."""

    question: str
    number: str
    type: str
    auto: bool
    points: float | None
    max_points: float | None
    verdict: str
    feedback: str
    hint: str = ""
    title: str = ""

    @property
    def mark(self) -> str:
        """A one-character text sign for the verdict (✓ ½ ✗ … ? ✎)."""
        return MARKS.get(self.verdict, "?")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON and CSV)."""
        return asdict(self)


@dataclass(frozen=True)
class SetResult:
    """The outcome for a whole set: one :class:`QuestionResult` per question, in order."""

    set_id: str
    questions: tuple[QuestionResult, ...]
    total: float
    max_total: float
    open: tuple[str, ...] = field(default=())

    def __getitem__(self, question_id: str) -> QuestionResult:
        for r in self.questions:
            if r.question == question_id:
                return r
        raise KeyError(question_id)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: set id, total, max, open question ids and one dict per question."""
        return {
            "set_id": self.set_id,
            "total": self.total,
            "max_total": self.max_total,
            "open": list(self.open),
            "questions": [r.to_dict() for r in self.questions],
        }

    def to_frame(self):  # -> pandas.DataFrame
        """One row per question (pandas DataFrame)."""
        import pandas as pd

        return pd.DataFrame([r.to_dict() for r in self.questions])

    def __str__(self) -> str:
        lines = [f"{self.set_id}: {_fmt(self.total)} of {_fmt(self.max_total)} points (auto-graded)"]
        for r in self.questions:
            pts = "teacher" if r.points is None else f"{_fmt(r.points)}/{_fmt(r.max_points)}"
            lines.append(f"  {r.mark} Question {r.number} ({r.question}) {r.verdict:<11} {pts}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>Question {esc(r.number)}</td><td>{esc(r.title)}</td>"
            f"<td><span aria-hidden='true'>{esc(r.mark)}</span> {esc(r.verdict)}</td>"
            f"<td style='text-align:right'>"
            f"{'teacher' if r.points is None else esc(_fmt(r.points) + ' / ' + _fmt(r.max_points))}</td></tr>"
            for r in self.questions
        )
        return (
            f"<table class='medialit-progress'><caption>{esc(self.set_id)}: "
            f"{esc(_fmt(self.total))} of {esc(_fmt(self.max_total))} points</caption>"
            "<thead><tr><th>Question</th><th>About</th><th>Verdict</th><th>Points</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# ---------------------------------------------------------------- scoring one answer


class _Shape(Exception):
    """Raised inside a scorer when the answer has the wrong shape; carries the message."""


@dataclass
class _Outcome:
    fraction: float
    feedback: str
    verdict: str | None = None  # default: from the fraction


def _article_paragraph_count() -> int:
    return _paragraph_count()


@cache
def _paragraph_count() -> int:
    from ..article import load_article

    return len(load_article().paragraphs) - 1


def _int_like(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip().lstrip("¶").strip()
        if text.isdecimal() and len(text) < 6:
            return int(text)
    return None


def _as_list(value: Any) -> list:
    """A list from a list, one scalar, or a comma/space separated string of short items."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        parts = [p for p in re.split(r"[\s,;]+", value.strip()) if p]
        return parts if len(parts) > 1 else [value]
    return [value]


def _option_key(value: Any, options: dict[str, str]) -> str | None:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    key = text.strip("()[]. ").lower()
    if key in options:
        return key
    folded = " ".join(text.casefold().split())
    for k, label in options.items():
        if folded == " ".join(str(label).casefold().split()):
            return k
    return None


def _letters(options: dict[str, str]) -> str:
    keys = list(options)
    return ", ".join(f'"{k}"' for k in keys[:-1]) + (f' or "{keys[-1]}"' if len(keys) > 1 else f'"{keys[0]}"')


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _score_choice(spec: dict, answer: Any) -> _Outcome:
    options = spec["options"]
    key = _option_key(answer, options)
    if key is None:
        raise _Shape(
            f'Answer with the letter of one option in quotes, like "{next(iter(options))}": '
            f"{_letters(options)}."
        )
    if key == spec["answer"]:
        return _Outcome(1.0, spec.get("correct", "Correct."))
    return _Outcome(0.0, spec.get("feedback", {}).get(key, "Not this one. Read the options again."))


def _pick_set(answer: Any, options: dict[str, str]) -> set[str]:
    picked: set[str] = set()
    unknown: list[str] = []
    for item in _as_list(answer):
        key = _option_key(item, options)
        if key is None:
            unknown.append(repr(item))
        else:
            picked.add(key)
    if unknown:
        raise _Shape(
            f"{unknown[0][:40]} is not one of the options. Give a list of option letters, "
            f'like ["{next(iter(options))}", ...], choosing from {_letters(options)}.'
        )
    return picked


def _hits_and_errors(picked: set, wanted: set, *, noun: str, wrong_noun: str) -> tuple[float, list[str]]:
    hits, wrong = picked & wanted, picked - wanted
    fraction = max(0.0, (len(hits) - len(wrong)) / len(wanted)) if wanted else 0.0
    notes = [f"You found {len(hits)} of {len(wanted)} {noun}."]
    if wrong:
        notes.append(
            f"{_plural(len(wrong), wrong_noun)} in your answer "
            f"{'does' if len(wrong) == 1 else 'do'} not belong there; "
            "each one costs as much as a right one earns."
        )
    return fraction, notes


def _score_multi(spec: dict, answer: Any) -> _Outcome:
    options = spec["options"]
    picked = _pick_set(answer, options)
    wanted = set(spec["answer"])
    fraction, notes = _hits_and_errors(
        picked, wanted, noun=spec.get("noun", "right options"), wrong_noun=spec.get("wrong_noun", "pick")
    )
    comments = [spec["feedback"][k] for k in sorted(picked - wanted) if k in spec.get("feedback", {})]
    return _Outcome(fraction, " ".join(notes + comments[:2]))


def _paragraph_list(answer: Any) -> list[int]:
    count = _article_paragraph_count()
    items = _as_list(answer)
    numbers: list[int] = []
    for item in items:
        n = _int_like(item)
        if n is None:
            raise _Shape("Give a list of paragraph numbers like [3, 5] (or one number, like 4).")
        if not 0 <= n <= count:
            raise _Shape(
                f"Paragraph numbers run from 1 to {count} (0 is the headline); {n} is not one of them."
            )
        numbers.append(n)
    return numbers


def _score_paragraphs(spec: dict, answer: Any) -> _Outcome:
    picked = set(_paragraph_list(answer))
    wanted = set(spec["answer"])
    allowed = set(spec.get("allow", ()))
    picked_scored = picked - (allowed - wanted)
    fraction, notes = _hits_and_errors(
        picked_scored, wanted, noun=spec.get("noun", "paragraphs"), wrong_noun="paragraph"
    )
    if len(wanted) == 1 and picked_scored == wanted:
        notes = ["Correct."]
    comments = [
        spec["feedback"][str(p)] for p in sorted(picked_scored - wanted) if str(p) in spec.get("feedback", {})
    ]
    return _Outcome(fraction, " ".join(notes + comments[:2]))


_QUOTES = "\"'“”‘’«»`"


def _norm_text(value: str) -> str:
    text = " ".join(value.casefold().split())
    return text.strip(_QUOTES + " .,;:!?").replace("’", "'").replace("‘", "'")


def _score_short(spec: dict, answer: Any) -> _Outcome:
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        raise _Shape('Type your answer as text in quotes, like "a word".')
    given = _norm_text(answer)
    if given in {_norm_text(a) for a in spec["accept"]}:
        return _Outcome(1.0, spec.get("correct", "Correct."))
    for partial, why in spec.get("partly", {}).items():
        if given == _norm_text(partial):
            return _Outcome(0.5, why)
    return _Outcome(0.0, spec.get("wrong", "Not yet."))


def _score_number(spec: dict, answer: Any) -> _Outcome:
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    n = _int_like(answer)
    if n is None:
        raise _Shape("Give a whole number, like 4 (no quotes).")
    if n == spec["answer"]:
        return _Outcome(1.0, spec.get("correct", "Correct."))
    if abs(n - spec["answer"]) <= spec.get("close", 0):
        return _Outcome(0.5, spec.get("close_feedback", "Close, but not exact: count again."))
    return _Outcome(0.0, spec.get("wrong", "Not yet: count again."))


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_DATE_SHAPE = (
    'Write a date as text like "2021-12-14" (year-month-day), or a range as ["2021-12-01", "2021-12-05"].'
)


def _parse_date(value: Any) -> _dt.date:
    if not isinstance(value, str) or len(value) > 40:
        raise _Shape(_DATE_SHAPE)
    text = value.strip().lower().replace(",", " ")
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    parts: tuple[int, int, int] | None = None
    if match:
        parts = (int(match[1]), int(match[2]), int(match[3]))
    else:
        words = text.split()
        words = [
            w
            for w in words
            if w
            not in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "of"}
        ]
        words = [re.sub(r"(?<=\d)(st|nd|rd|th)$", "", w) for w in words]
        if len(words) == 3:
            day_first = words[0].isdigit() and words[1] in _MONTHS and words[2].isdigit()
            month_first = words[0] in _MONTHS and words[1].isdigit() and words[2].isdigit()
            if day_first:
                parts = (int(words[2]), _MONTHS[words[1]], int(words[0]))
            elif month_first:
                parts = (int(words[2]), _MONTHS[words[0]], int(words[1]))
    if parts is None:
        raise _Shape(_DATE_SHAPE)
    try:
        return _dt.date(*parts)
    except ValueError:
        raise _Shape(f"{value.strip()!r} is not a real calendar date. {_DATE_SHAPE}") from None


def _date_span(value: Any) -> tuple[_dt.date, _dt.date]:
    if isinstance(value, list):
        if len(value) == 1:
            value = value[0]
        elif len(value) == 2:
            a, b = _parse_date(value[0]), _parse_date(value[1])
            return (a, b) if a <= b else (b, a)
        else:
            raise _Shape(_DATE_SHAPE)
    day = _parse_date(value)
    return day, day


def _expected_span(answer: Any) -> tuple[_dt.date, _dt.date]:
    if isinstance(answer, list):
        return _dt.date.fromisoformat(answer[0]), _dt.date.fromisoformat(answer[1])
    day = _dt.date.fromisoformat(answer)
    return day, day


def _date_fraction(expected: Any, answer: Any) -> tuple[float, str]:
    lo, hi = _expected_span(expected)
    a, b = _date_span(answer)
    if (a, b) == (lo, hi):
        return 1.0, "Correct."
    if lo == hi:  # one day expected
        if a == b and abs((a - lo).days) == 1:
            return 0.5, "One day off: count again from the dateline's day."
        if a <= lo <= b and (b - a).days <= 7:
            return 0.5, "The day is inside your range: narrow it down to a single day."
        return 0.0, "Not that day."
    if a == b and lo <= a <= hi:
        return (
            0.5,
            "That day fits, but the phrase covers a span of days: "
            "give the first and the last, like [first, last].",
        )
    if a <= hi and lo <= b:
        return 0.5, "Your range overlaps the right one, but its first or last day is off."
    return 0.0, "Not that time."


def _score_date(spec: dict, answer: Any) -> _Outcome:
    fraction, note = _date_fraction(spec["answer"], answer)
    return _Outcome(fraction, note)


def _items(answer: Any, n: int, what: str) -> dict[int, Any]:
    """Item number (1..n) -> answer, from a dict keyed by number or a list in order."""
    if isinstance(answer, dict):
        out: dict[int, Any] = {}
        for key, value in answer.items():
            number = _int_like(key)
            if number is None or not 1 <= number <= n:
                raise _Shape(f"{what} Item numbers run from 1 to {n}; {key[:20]!r} is not one of them.")
            out[number] = value
        return out
    if isinstance(answer, list) and len(answer) == n:
        return {i: v for i, v in enumerate(answer, start=1)}
    raise _Shape(what)


def _score_match(spec: dict, answer: Any) -> _Outcome:
    items, options = spec["items"], spec["options"]
    shape = f'Give a dict from item number to option letter, like {{1: "{next(iter(options))}", 2: ...}}.'
    given = _items(answer, len(items), shape)
    right, unsure = 0, []
    for i, item in enumerate(items, start=1):
        key = _option_key(given.get(i), options) if not is_blank(given.get(i)) else None
        if key == item["answer"]:
            right += 1
        else:
            unsure.append(str(i))
    note = f"{right} of {len(items)} matched correctly."
    if unsure and right:
        note += f" Look again at item{'s' if len(unsure) > 1 else ''} {', '.join(unsure)}."
    return _Outcome(right / len(items), note)


def _score_dates(spec: dict, answer: Any) -> _Outcome:
    items = spec["items"]
    shape = 'Give a dict from item number to date, like {1: "2021-12-14", 2: ["2021-12-01", "2021-12-05"]}.'
    given = _items(answer, len(items), shape)
    total, notes = 0.0, []
    for i, item in enumerate(items, start=1):
        value = given.get(i)
        if is_blank(value):
            notes.append(f"Item {i}: not answered yet.")
            continue
        try:
            fraction, note = _date_fraction(item["answer"], value)
        except _Shape as exc:
            notes.append(f"Item {i}: {exc}")
            continue
        total += fraction
        if fraction < 1:
            notes.append(f"Item {i}: {note}")
    right = sum(1 for i, item in enumerate(items, start=1) if not is_blank(given.get(i)))
    head = f"{_fmt(total)} of {len(items)} dates right." if right else "No dates given yet."
    return _Outcome(total / len(items), " ".join([head, *notes[:3]]))


_YES = {"yes", "y", "true", "1", "oui", "ja"}
_NO = {"no", "n", "false", "0", "non", "nein"}
_FRAME_SHAPE = (
    'For each item give yes or no and the evidence paragraphs, like {1: ("yes", [2, 5]), 2: ("no", [])}.'
)


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    return None


def _score_frames(spec: dict, answer: Any) -> _Outcome:
    items = spec["items"]
    given = _items(answer, len(items), _FRAME_SHAPE)
    total, notes = 0.0, []
    for i, item in enumerate(items, start=1):
        value = given.get(i)
        if is_blank(value):
            notes.append(f"Item {i}: not answered yet.")
            continue
        evidence: Any = []
        if isinstance(value, dict):
            value, evidence = value.get("answer"), value.get("evidence", [])
            if value is None:
                notes.append(f"Item {i}: not answered yet.")
                continue
        elif isinstance(value, list) and len(value) == 2:
            value, evidence = value
        said = _yes_no(value)
        if said is None:
            raise _Shape(_FRAME_SHAPE)
        if is_blank(evidence):
            evidence = []
        paragraphs = set(_paragraph_list(evidence)) if evidence != [] else set()
        if said != item["answer"]:
            notes.append(f"Item {i}: read the question again — is it really {'yes' if said else 'no'}?")
            continue
        if not item["answer"]:
            total += 1.0
            continue
        good = set(item["evidence"]) | set(item.get("allow", ()))
        inside, outside = paragraphs & good, paragraphs - good
        if inside and not outside:
            total += 1.0
        elif inside:
            total += 0.75
            notes.append(f"Item {i}: yes is right; some of your evidence paragraphs do not show it.")
        else:
            total += 0.5
            notes.append(
                f"Item {i}: yes is right; now point to a paragraph that shows it."
                if not paragraphs
                else f"Item {i}: yes is right, but your evidence paragraphs do not show it."
            )
    head = f"{_fmt(total)} of {len(items)} items right."
    return _Outcome(total / len(items), " ".join([head, *notes[:3]]))


def _phrase(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    return " ".join(_norm_text(text.replace("“", " ").replace("”", " ")).split())


_TOO_SHORT = frozenset({"the", "a", "an", "of", "and", "in", "on", "to", "s", "'s", "us", "with"})


def _mark_hits(mark: dict, target: dict) -> bool:
    if _int_like(mark.get("paragraph")) != target["paragraph"]:
        return False
    said = _phrase(mark.get("text"))
    if not said or said in _TOO_SHORT:
        return False
    for phrase in target["phrases"]:
        wanted = _phrase(phrase)
        if said == wanted or re.search(rf"\b{re.escape(said)}\b", wanted):
            return True
        # a longer mark that contains the phrase counts too, but not a whole sentence
        if len(said.split()) <= len(wanted.split()) + 4 and re.search(rf"\b{re.escape(wanted)}\b", said):
            return True
    return False


def _score_marks(spec: dict, answer: Any) -> _Outcome:
    """Phrases marked in the highlighter: each target found earns, each stray mark costs."""
    if isinstance(answer, dict) and "marks" in answer:
        answer = answer["marks"]
    if not isinstance(answer, list) or not all(isinstance(m, dict) for m in answer):
        raise _Shape("This answer comes from the highlighter widget: mark phrases there and it saves them.")
    category = spec.get("category")
    marks = [m for m in answer if category is None or m.get("category") == category]
    if not marks:
        what = f"{category}s" if category else "phrases"
        return _Outcome(0.0, f"No {what} marked yet.", UNANSWERED)
    targets = spec["targets"]
    found = [any(_mark_hits(m, t) for m in marks) for t in targets]
    stray = [
        m
        for m in marks
        if not any(_mark_hits(m, t) for t in targets)
        and not any(_mark_hits(m, a) for a in spec.get("allow", []))
    ]
    hits = sum(found)
    fraction = max(0.0, (hits - len(stray)) / len(targets))
    noun = spec.get("noun", "phrases")
    notes = [f"You marked {hits} of the {len(targets)} {noun}."]
    if stray:
        where = sorted({str(_int_like(m.get("paragraph"))) for m in stray})
        notes.append(
            f"{_plural(len(stray), 'mark')} (paragraph{'s' if len(where) > 1 else ''} {', '.join(where)}) "
            f"{'is' if len(stray) == 1 else 'are'} not {spec.get('not_what', 'what we are looking for')}; "
            "each stray mark costs as much as a right one earns."
        )
    missing = sorted({str(t.get("paragraph")) for t, ok in zip(targets, found, strict=True) if not ok})
    if missing and hits:
        notes.append(f"Look again at paragraph{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")
    return _Outcome(fraction, " ".join(notes))


def _score_quotes(spec: dict, answer: Any) -> _Outcome:
    """The quote tracker's table: speaker, full/partial and conduit for each quotation."""
    if isinstance(answer, dict) and "quotes" in answer:
        answer = answer["quotes"]
    if not isinstance(answer, dict):
        raise _Shape("This answer comes from the quote tracker widget: fill in its table and it saves it.")
    fields = spec.get("fields", ["speaker", "kind", "via"])
    right = total = given = 0
    wrong_rows: list[str] = []
    for qid, expected in spec["items"].items():
        row = answer.get(qid)
        row = row if isinstance(row, dict) else {}
        row_ok = True
        for f in fields:
            total += 1
            value = row.get(f)
            if value is not None:
                given += 1
            want = expected.get(f)
            want = "(direct)" if want is None and f == "via" else want
            if isinstance(value, str) and isinstance(want, str) and _phrase(value) == _phrase(want):
                right += 1
            else:
                row_ok = False
        if not row_ok:
            wrong_rows.append(f"¶{expected.get('paragraph', '?')}")
    if not given:
        return _Outcome(0.0, "The table is still empty.", UNANSWERED)
    note = f"{right} of {total} answers in the table are right."
    if wrong_rows and right:
        note += f" Look again at the quotations in {', '.join(wrong_rows[:4])}."
    return _Outcome(right / total, note)


def _score_timeline(spec: dict, answer: Any) -> _Outcome:
    """The timeline widget: one date (or "too vague") per time expression."""
    if isinstance(answer, dict) and isinstance(answer.get("dates"), dict):
        answer = answer["dates"]
    if not isinstance(answer, dict):
        raise _Shape("This answer comes from the timeline widget: pick the dates there and it saves them.")
    total, given, notes = 0.0, 0, []
    for row_id, expected in spec["items"].items():
        row = answer.get(row_id)
        row = row if isinstance(row, dict) else {}
        date, vague = row.get("date"), row.get("vague") is True
        label = f"“{row_id.split(':', 1)[-1]}” (¶{expected.get('paragraph', '?')})"
        if not vague and is_blank(date):
            continue
        given += 1
        if expected["answer"] == "vague":
            if vague:
                total += 1
            else:
                notes.append(f"{label}: can the article's words really be pinned to one day?")
            continue
        if vague:
            notes.append(f"{label}: this one can be worked out from the dateline.")
            continue
        try:
            lo, hi = _expected_span(expected["answer"])
            day = _parse_date(date)
        except _Shape:
            notes.append(f"{label}: that is not a date.")
            continue
        if lo <= day <= hi:
            total += 1
        elif lo == hi and abs((day - lo).days) == 1:
            total += 0.5
            notes.append(f"{label}: one day off.")
        else:
            notes.append(f"{label}: not that date.")
    if not given:
        return _Outcome(0.0, "No dates picked yet.", UNANSWERED)
    n = len(spec["items"])
    head = f"{_fmt(total)} of {n} time expressions placed right" + (
        f" ({n - given} not done yet)." if given < n else "."
    )
    return _Outcome(total / n, " ".join([head, *notes[:3]]))


_SCORERS: dict[str, Callable[[dict, Any], _Outcome]] = {
    "timeline": _score_timeline,
    "marks": _score_marks,
    "quotes": _score_quotes,
    "choice": _score_choice,
    "multi": _score_multi,
    "paragraphs": _score_paragraphs,
    "short": _score_short,
    "number": _score_number,
    "date": _score_date,
    "dates": _score_dates,
    "match": _score_match,
    "frames": _score_frames,
}


def _unwrap_widget(answer: Any, question: Question) -> Any:
    """The widget's own answer data from what was saved (``{"question": ..., "answer": ...}``)."""
    if isinstance(answer, dict) and "answer" in answer and set(answer) <= {"question", "answer", "version"}:
        answer = answer["answer"]
    from ._widgets import convert

    return convert(question.spec["widget"]["name"], question.spec["score_as"], answer)


def _result(q: Question, verdict: str, feedback: str, fraction: float = 0.0) -> QuestionResult:
    max_points = q.points
    points = None if max_points is None else round(max_points * fraction, 2)
    show_hint = verdict in (PARTLY, NOT_YET, UNANSWERED)
    return QuestionResult(
        question=q.id,
        number=q.number,
        type=q.type,
        auto=q.auto,
        points=points,
        max_points=max_points,
        verdict=verdict,
        feedback=feedback,
        hint=q.hint if show_hint else "",
        title=q.title,
    )


def _open_result(q: Question, answer: Any) -> QuestionResult:
    if isinstance(answer, list) and len(answer) == 1:
        answer = answer[0]
    if is_blank(answer):
        return _result(q, UNANSWERED, "Not answered yet: write your answer as text between the quotes.")
    if not isinstance(answer, str):
        return _result(q, WRONG_SHAPE, 'Write your answer as text in quotes, like """My answer ...""".')
    words = len(answer.split())
    least = int(q.spec.get("min_words", 0))
    note = f"Saved for your teacher ({_plural(words, 'word')}), who grades it with the rubric."
    if words < least:
        note += f" Aim for at least {least} words."
    return _result(q, OPEN, note)


def score_question(question: Question, answer: Any) -> QuestionResult:
    """Score one answer to one question. Never raises on any answer.

    >>> q = get_set("ex01").question("q1")
    >>> score_question(q, {"nested": [object()]}).verdict
    'wrong shape'
    """
    try:
        value = plain(answer)
        if question.type == "open":
            return _open_result(question, value)
        if question.type == "widget":
            if is_blank(value):
                return _result(question, UNANSWERED, "Not answered yet: use the widget above to answer.")
            value = _unwrap_widget(value, question)
            spec = question.spec["score_as"]
        else:
            spec = question.spec
        if is_blank(value):
            return _result(
                question, UNANSWERED, "Not answered yet: replace the ... with your answer and run the cell."
            )
        if isinstance(value, Unreadable):
            raise _Shape(f"medialit cannot read {value!r} as an answer. {_shape_help(question)}")
        outcome = _SCORERS[spec["type"] if question.type == "widget" else question.type](spec, value)
    except _Shape as exc:
        return _result(question, WRONG_SHAPE, str(exc))
    except Exception:  # a bug in a scorer must not break a student's notebook or a class's grading
        return _result(question, WRONG_SHAPE, f"medialit could not read this answer. {_shape_help(question)}")
    fraction = min(1.0, max(0.0, float(outcome.fraction)))
    verdict = outcome.verdict or (CORRECT if fraction >= 1 else PARTLY if fraction > 0 else NOT_YET)
    return _result(question, verdict, outcome.feedback, fraction)


def _shape_help(question: Question) -> str:
    return {
        "choice": 'Answer with one option letter in quotes, like "b".',
        "multi": 'Answer with a list of option letters, like ["a", "c"].',
        "paragraphs": "Answer with a list of paragraph numbers, like [3, 5].",
        "short": 'Answer with text in quotes, like "a word".',
        "number": "Answer with a whole number, like 4.",
        "date": 'Answer with a date like "2021-12-14".',
        "dates": 'Answer with a dict like {1: "2021-12-14", 2: ...}.',
        "match": 'Answer with a dict like {1: "b", 2: "a"}.',
        "frames": 'Answer with a dict like {1: ("yes", [2, 5]), 2: ("no", [])}.',
        "widget": "Answer with the widget above.",
    }.get(question.type, "")


def _lookup(answers: dict, q: Question) -> Any:
    for name in (q.id, q.answer_name, f"{q.set_id}.{q.id}"):
        if name in answers:
            return answers[name]
    return None


def score_set(set_id: str | ExerciseSet, answers: Any) -> SetResult:
    """Score a whole set. ``answers`` maps question id (or answer name) to plain data.

    Missing answers count as unanswered; ``answers`` that is not a dict counts as all unanswered.

    >>> r = score_set("ex01", {"q1": "junk", "q2": 12345})
    >>> [q.verdict for q in r.questions[:2]]
    ['wrong shape', 'wrong shape']
    """
    exercise_set = set_id if isinstance(set_id, ExerciseSet) else get_set(set_id)
    if not isinstance(answers, dict):
        answers = {}
    try:
        answers = {str(k): v for k, v in answers.items()}
    except Exception:
        answers = {}
    results = tuple(score_question(q, _lookup(answers, q)) for q in exercise_set.questions)
    total = round(sum(r.points or 0.0 for r in results if r.auto), 2)
    return SetResult(
        set_id=exercise_set.id,
        questions=results,
        total=total,
        max_total=exercise_set.max_points,
        open=tuple(q.id for q in exercise_set.questions if not q.auto),
    )
