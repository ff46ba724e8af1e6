"""The quote tracker's rule: who said each quotation, full or partial, and through whom.

>>> from medialit.key import answer_key
>>> from medialit.scoring._reference import Reference
>>> key = answer_key()
>>> spec = spec_from(Reference(key.article, key))
>>> table = {"q6": {"speaker": "Ryabkov", "kind": "full", "via": "RIA Novosti"}}
>>> r = score(spec, {"quotes": table})
>>> r.verdict, r.feedback.split(".")[0]
('partly', '3 of 21 answers in the table are right')
"""

from __future__ import annotations

from typing import Any

from ._reference import Reference
from ._result import Item, Result, Shape
from ._text import same_name

__all__ = ["DIRECT", "FIELDS", "RULE", "UNNAMED", "check_row", "items_from_rows", "score", "spec_from"]

DIRECT = "(direct)"  # no conduit: the words reached the writer directly
UNNAMED = "(unnamed)"
FIELDS = ("speaker", "kind", "via")
KINDS = ("full", "partial")

RULE = (
    "Each box of the table (who said it, full or partial, through whom) earns one share when it "
    "matches the key; another name the key gives the same speaker or outlet counts too. "
    "Where the key names a likely go-between that the article itself does not name, choosing it counts "
    "as well as “no one (directly)”. Score = right boxes ÷ all boxes."
)


def _aliases(ref: Reference) -> dict[str, list[str]]:
    return {
        str(r["name"]): [a for a in r.get("aliases") or [] if isinstance(a, str)]
        for r in ref.rows("sources")
        if r.get("name")
    }


def items_from_rows(ref: Reference, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The quotations to track, in article order, keyed by the key's quote id."""
    aliases = _aliases(ref)
    items = {}
    for i, r in enumerate(sorted(rows, key=lambda r: r.get("paragraph") or 0), start=1):
        if not isinstance(r.get("paragraph"), int) or not isinstance(r.get("text"), str):
            continue
        speaker, via, inferred = r.get("speaker"), r.get("via") or None, r.get("via_inferred") or None
        items[str(r.get("id") or f"q{i}")] = {
            "paragraph": r["paragraph"],
            "text": r["text"],
            "speaker": speaker,
            "kind": r.get("kind"),
            "via": via,
            "speaker_names": [speaker, *aliases.get(str(speaker), [])] if speaker else [],
            "via_names": [via, *aliases.get(str(via), [])] if via else [],
            "via_inferred": inferred,
            "inferred_names": [inferred, *aliases.get(str(inferred), [])] if inferred else [],
            "rationale": r.get("rationale") or "",
        }
    return items


def spec_from(
    ref: Reference, rows: list[dict[str, Any]] | None = None, fields: Any = FIELDS
) -> dict[str, Any]:
    """Everything the rule needs: the quotations (all of the reference's, or ``rows``) and the fields."""
    return {
        "fields": list(fields),
        "items": items_from_rows(ref, ref.rows("quotes") if rows is None else rows),
    }


def check_row(student: dict[str, Any], row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per field: ``{"ok": True/False/None, "message": str}``; None = not answered or nothing to compare."""
    out: dict[str, dict[str, Any]] = {}
    speaker, expected = student.get("speaker"), row.get("speaker")
    if speaker is None:
        out["speaker"] = {"ok": None, "message": "Choose who said it."}
    elif not expected:
        out["speaker"] = {"ok": None, "message": "The reference does not name a speaker for this quote."}
    elif any(same_name(speaker, n) for n in row["speaker_names"]):
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
            "message": "A full quote gives a whole sentence or more in the speaker's words; a partial quote "
            "puts only a word or a fragment in quotation marks, with the rest in the writer's words.",
        }
    via = student.get("via")
    inferred = via != DIRECT and any(same_name(via, n) for n in row.get("inferred_names", []))
    right_via = via == DIRECT if not row.get("via") else any(same_name(via, n) for n in row["via_names"])
    if via is None:
        out["via"] = {"ok": None, "message": "Choose how the words reached the writer."}
    elif right_via:
        how = f"through {row['via']}." if row.get("via") else "the article names no go-between."
        out["via"] = {"ok": True, "message": f"Yes: {how}"}
    elif inferred:
        out["via"] = {
            "ok": True,
            "message": f"Accepted: the article does not name {row['via_inferred']} here, "
            "but it is the likely go-between.",
        }
    else:
        out["via"] = {
            "ok": False,
            "message": "Not quite: ask how the words reached the writer — a statement (“according to …”), an "
            "interview (“told …”), or one side's account of a private call?"
            if row.get("via")
            else "The article names no go-between for these words.",
        }
    return out


def score(spec: dict[str, Any], answer: Any) -> Result:
    """The student's table (``{"quotes": {id: {speaker, kind, via}}}``) against the key's quotations."""
    if isinstance(answer, dict) and "quotes" in answer:
        answer = answer["quotes"]
    if not isinstance(answer, dict):
        raise Shape("This answer comes from the quote tracker widget: fill in its table and it saves it.")
    fields = spec["fields"]
    right = total = given = 0
    lines, wrong_rows = [], []
    for qid, row in spec["items"].items():
        student = answer.get(qid)
        student = student if isinstance(student, dict) else {}
        checked = check_row(student, row)
        ok_row = True
        for f in fields:
            total += 1
            given += student.get(f) is not None
            ok = checked[f]["ok"]
            right += ok is True
            ok_row = ok_row and ok is True
            credit = None if student.get(f) is None else (1.0 if ok else 0.0)
            lines.append(Item(f"¶{row['paragraph']} {f}", credit, checked[f]["message"], f"{qid}:{f}"))
        if not ok_row:
            wrong_rows.append(f"¶{row['paragraph']}")
    if not given:
        return Result.unanswered("The table is still empty.", tuple(lines))
    note = f"{right} of {total} answers in the table are right."
    if wrong_rows and right:
        note += f" Look again at the quotations in {', '.join(wrong_rows[:4])}."
    return Result.of(right / total if total else 0.0, note, tuple(lines))
