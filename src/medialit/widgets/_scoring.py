"""Scoring a saved widget answer as data, with the same rules the widget's feedback uses.

For graders and exercise sets: no ipywidgets, no execution of student code. Every function
tolerates garbage (an unreadable answer scores 0 with a message).

>>> r = score_answer("timeline", {"dates": {"p12:a day after": {"date": "2021-12-13", "vague": False}}})
>>> r["points"], r["out_of"]
(1, 10)
>>> score_answer("timeline", "garbage")["score"]
0.0
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..article import Article
from ._common import load_reference

__all__ = ["KINDS", "score_answer"]

KINDS = ("highlighter", "quote_tracker", "verb_swap", "frame_check", "label_lens", "timeline")


def _result(points: float, out_of: int, feedback: list[str]) -> dict[str, Any]:
    return {
        "score": round(points / out_of, 4) if out_of else 0.0,
        "points": points,
        "out_of": out_of,
        "feedback": feedback,
    }


def _unreadable(why: str) -> dict[str, Any]:
    return _result(0, 0, [f"The saved answer could not be read ({why})."])


def score_answer(
    kind: str,
    answer: Any,
    *,
    article: Article | str | Path | None = None,
    key: Any = None,
    category: str | None = None,
) -> dict[str, Any]:
    """Score a widget's ``answer`` (the JSON its ``.answer`` gave): ``{"score" 0..1, "points", "out_of",
    "feedback": [str]}``.

    ``kind`` is the widget function's name. For the highlighter, ``category`` picks the marks to
    score (default: the answer's own ``category``); its score is found / (listed + extra marks), as
    in the widget. For the others, one point per item that agrees with the reference.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not isinstance(answer, dict):
        return _unreadable("not a dictionary")
    ref = load_reference(article, key)
    try:
        return _SCORERS[kind](ref, answer, category)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return _unreadable(type(exc).__name__)


def _highlighter(ref, answer, category):
    from ._highlight_logic import CATEGORIES, category_items, match_marks, missed_hints

    category = category or answer.get("category")
    if category not in CATEGORIES:
        return _unreadable("no category")
    marks = [m for m in answer.get("marks") or [] if isinstance(m, dict) and m.get("category") == category]
    items, near = category_items(ref, category)
    r = match_marks(ref.article.paragraphs, marks, items, near)
    feedback = [f"Found ¶{m['paragraph']} “{m.get('text')}”." for m, _ in r["found"]]
    feedback += missed_hints(r["missed"], category)
    feedback += [f"Extra: ¶{m['paragraph']} “{m.get('text')}”." for m, _ in r["extra"]]
    return {
        "score": round(r["score"], 4),
        "points": len(r["found"]),
        "out_of": len(items) + len(r["extra"]),
        "feedback": feedback,
    }


def _quote_tracker(ref, answer, _):
    from ._quote_logic import aliases_of, check_quote, quote_rows

    rows, aliases = quote_rows(ref), aliases_of(ref)
    given = answer.get("quotes") or {}
    points, feedback = 0, []
    for row in rows:
        student = given.get(row["id"]) if isinstance(given, dict) else None
        fb = check_quote(student if isinstance(student, dict) else {}, row, aliases=aliases)
        for field in ("speaker", "kind", "via"):
            points += fb[field]["ok"] is True
            if fb[field]["ok"] is not True:
                feedback.append(f"¶{row['paragraph']} {field}: {fb[field]['message']}")
    return _result(points, 3 * len(rows), feedback)


def _verb_swap(ref, answer, _):
    from ._verb_logic import judge, lexicon

    records = [r for r in answer.get("records") or [] if isinstance(r, dict)]
    points, feedback = 0, []
    for r in records:
        if r.get("replacement") not in lexicon():
            feedback.append(f"Unknown verb {r.get('replacement')!r}.")
            continue
        ok, message = judge(r.get("judgement"), r["replacement"])
        points += ok is True
        feedback.append(message)
    return _result(points, len(records), feedback)


def _frame_check(ref, answer, _):
    from ._frame_logic import check_items, frame_items

    items = frame_items(ref)
    given = answer.get("items") or {}
    answers = {code: (v.get("answer") if isinstance(v, dict) else None) for code, v in given.items()}
    evidence = {
        code: [p for p in (v.get("evidence") or []) if isinstance(p, int)]
        for code, v in given.items()
        if isinstance(v, dict)
    }
    results = check_items(answers, evidence, items)
    points = sum(r["ok"] is True for r in results.values())
    feedback = [f"{code}: {r['message']}" for code, r in results.items() if r["ok"] is not True]
    gradable = sum(1 for it in items if it.get("answer") is not None)
    return _result(points, gradable, feedback)


def _label_lens(ref, answer, _):
    from ._label_logic import judge_label, label_groups

    labels = {lab["id"]: lab for group in label_groups(ref).values() for lab in group}
    ratings = answer.get("ratings") or {}
    points, out_of, feedback = 0, 0, []
    for lid, lab in labels.items():
        ok, message = judge_label(ratings.get(lid), lab)
        if ok is None and ratings.get(lid) is not None:
            continue  # nothing to compare with (no key)
        out_of += 1
        points += ok is True
        if ok is not True:
            feedback.append(f"“{lab['text']}”: {message}")
    return _result(points, out_of, feedback)


def _timeline(ref, answer, _):
    from ._date_logic import judge_date, parse_date, time_rows

    rows = time_rows(ref)
    given = answer.get("dates") or {}
    points, feedback = 0, []
    for row in rows:
        student = given.get(row["id"]) if isinstance(given, dict) else None
        student = student if isinstance(student, dict) else {}
        ok, message, _ = judge_date(parse_date(student.get("date")), bool(student.get("vague")), row)
        points += ok is True
        if ok is not True:
            feedback.append(f"¶{row['paragraph']} “{row['text']}”: {message}")
    return _result(points, len(rows), feedback)


_SCORERS = {
    "highlighter": _highlighter,
    "quote_tracker": _quote_tracker,
    "verb_swap": _verb_swap,
    "frame_check": _frame_check,
    "label_lens": _label_lens,
    "timeline": _timeline,
}
