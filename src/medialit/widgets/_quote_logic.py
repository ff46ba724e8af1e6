"""Pure logic of the quote tracker: the quotations, the choices offered, checking, who gets to speak.

>>> row = {"id": "q1", "paragraph": 1, "text": "urgent", "speaker": "Vladimir Putin", "kind": "partial",
...        "via": None, "rationale": "One word in quotation marks."}
>>> fb = check_quote({"speaker": "Putin", "kind": "partial", "via": DIRECT}, row, aliases={})
>>> [fb[f]["ok"] for f in ("speaker", "kind", "via")]
[False, True, True]
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ._common import Reference, same_name

__all__ = ["DIRECT", "UNNAMED", "check_quote", "choices", "quote_rows", "who_speaks_counts"]

DIRECT = "(direct)"  # no conduit: the words reached the writer directly
UNNAMED = "(unnamed)"
KINDS = ("full", "partial")


def quote_rows(ref: Reference) -> list[dict[str, Any]]:
    """The quotations to track, in article order, each with a stable ``id``."""
    rows = []
    for i, r in enumerate(ref.table("quotes"), start=1):
        if not isinstance(r.get("paragraph"), int) or not isinstance(r.get("text"), str):
            continue
        rows.append(
            {
                "id": str(r.get("id") or f"q{i}"),
                "paragraph": r["paragraph"],
                "text": r["text"],
                "speaker": r.get("speaker"),
                "kind": r.get("kind"),
                "via": r.get("via") or None,
                "rationale": r.get("rationale") or "",
            }
        )
    rows.sort(key=lambda r: r["paragraph"])
    return rows


def aliases_of(ref: Reference) -> dict[str, list[str]]:
    """Each source's name -> its other names (from the sources table)."""
    out: dict[str, list[str]] = {}
    for r in ref.table("sources"):
        if r.get("name"):
            out[str(r["name"])] = [a for a in (r.get("aliases") or []) if isinstance(a, str)]
    return out


def choices(ref: Reference, rows: list[dict[str, Any]]) -> list[str]:
    """Names a student can choose from (sorted, so the order gives nothing away), plus "(unnamed)"."""
    names = {str(r["name"]) for r in ref.table("sources") if r.get("name")}
    names |= {str(r["speaker"]) for r in rows if r.get("speaker")}
    names |= {str(r["via"]) for r in rows if r.get("via")}
    return [*sorted(names, key=str.casefold), UNNAMED]


def _same(student: Any, expected: Any, aliases: dict[str, list[str]]) -> bool:
    if student is None:
        return False
    if expected is None:
        return student == DIRECT
    if same_name(student, expected):
        return True
    return any(same_name(student, a) for a in aliases.get(str(expected), []))


def check_quote(
    student: dict[str, Any], row: dict[str, Any], *, aliases: dict[str, list[str]]
) -> dict[str, dict[str, Any]]:
    """Feedback per field (speaker, kind, via): ``{"ok": True/False/None, "message": str}``.

    ``ok`` is None when the student has not answered, or when the reference has no value to check.
    """
    out: dict[str, dict[str, Any]] = {}
    speaker, expected = student.get("speaker"), row.get("speaker")
    if speaker is None:
        out["speaker"] = {"ok": None, "message": "Choose who said it."}
    elif not expected:
        out["speaker"] = {"ok": None, "message": "The reference does not name a speaker for this quote."}
    elif _same(speaker, expected, aliases):
        out["speaker"] = {"ok": True, "message": f"Yes: {expected}."}
    else:
        out["speaker"] = {
            "ok": False,
            "message": "Not quite: read the sentence again — whose words are "
            "inside the quotation marks? A pronoun may point back to an earlier sentence.",
        }
    kind = student.get("kind")
    if kind is None:
        out["kind"] = {"ok": None, "message": "Choose full or partial."}
    elif row.get("kind") not in KINDS:
        out["kind"] = {"ok": None, "message": "The reference does not say."}
    elif kind == row["kind"]:
        out["kind"] = {"ok": True, "message": f"Yes: a {row['kind']} quote."}
    else:
        out["kind"] = {
            "ok": False,
            "message": (
                "A full quote gives a whole sentence or more in the speaker's words; a partial quote "
                "puts only a word or a fragment in quotation marks, with the rest in the writer's words."
            ),
        }
    via = student.get("via")
    if via is None:
        out["via"] = {"ok": None, "message": "Choose how the words reached the writer."}
    elif _same(via, row.get("via"), aliases):
        out["via"] = {
            "ok": True,
            "message": "Yes: "
            + (f"through {row['via']}." if row.get("via") else "the article names no go-between."),
        }
    else:
        out["via"] = {
            "ok": False,
            "message": (
                "Not quite: ask how the words reached the writer — a statement (“according to …”), an "
                "interview (“told …”), or one side's account of a private call?"
                if row.get("via")
                else "The article names no go-between for these words."
            ),
        }
    return out


def who_speaks_counts(quotes: list[dict[str, Any]]) -> dict[str, int]:
    """How many quotations each speaker has (unanswered rows are left out).

    >>> who_speaks_counts([{"speaker": "A"}, {"speaker": "A"}, {"speaker": None}])
    {'A': 2}
    """
    counts = Counter(str(q["speaker"]) for q in quotes if q.get("speaker"))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
