"""The highlighter's rule: phrases marked in the article, compared with the phrases the key lists.

A *mark* is ``{"category", "paragraph", "text", "start", "end"}`` (``start``/``end``: word positions
in the paragraph, end exclusive; a mark typed by hand may give only ``paragraph`` and ``text``). A
*target* is one listed entry: ``{"category", "paragraph", "label", "phrases", "rationale"}``; a
source's phrases are its name and the other names the key gives it, as far as they occur in that
paragraph.

>>> from medialit.key import answer_key
>>> from medialit.scoring._reference import Reference
>>> key = answer_key()
>>> ref = Reference(key.article, key)
>>> spec = spec_from(ref, "source", paragraphs=range(10, 16))
>>> crafted = [{"paragraph": 10, "text": "Biden"}, {"paragraph": 13, "text": "Ryabkov"},
...            {"paragraph": 14, "text": "Russia"}, {"paragraph": 15, "text": "army"}]
>>> r = score(spec, {"marks": crafted})
>>> r.verdict, round(r.fraction, 3), r.feedback.split(".")[0]
('partly', 0.667, 'You marked 4 of the 6 sources')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeGuard

from ._parse import int_like
from ._reference import Reference
from ._result import Item, Result, Shape, plural
from ._text import is_little, locate, locate_all, words

__all__ = [
    "CATEGORIES",
    "RULE",
    "TABLES",
    "missed_hints",
    "plural_of",
    "score",
    "solution_marks",
    "spec_from",
    "targets_from_rows",
]

CATEGORIES = ("source", "attribution cue", "loaded term", "unattributed claim", "time expression")
#: the key table each category's targets come from
TABLES = {
    "source": "appearances",
    "attribution cue": "attributions",
    "loaded term": "framing",
    "unattributed claim": "unattributed",
    "time expression": "time_expressions",
}
_PLURAL = {
    "source": "sources",
    "attribution cue": "attribution cues",
    "loaded term": "loaded terms",
    "unattributed claim": "unattributed claims",
    "time expression": "time expressions",
}
#: how far a mark may run on past a phrase (in words): this many, or the phrase's own length
RUN_ON = 4

RULE = (
    "A mark finds a listed phrase when it is in the same paragraph, shares a real word with it "
    "(for a source, with any name the key gives that source) and does not run on more than a few "
    "words past it. Score = (phrases found − stray marks) ÷ phrases listed, never below zero. "
    "A second mark on a phrase already found, a mark on little words alone (it, the, of …) and a mark "
    "on a phrase the key also accepts there (such as the news agency that passed the words on) "
    "neither earn nor cost."
)


def plural_of(category: str) -> str:
    """The plural of a category, for messages.

    >>> plural_of("attribution cue")
    'attribution cues'
    """
    return _PLURAL.get(category, category + "s")


# ---------------------------------------------------------------- targets from the reference


def _names(ref: Reference) -> dict[str, list[str]]:
    """Each source's name -> the name and the other names the reference gives it."""
    out: dict[str, list[str]] = {}
    for row in ref.rows("sources"):
        name = str(row.get("name") or "")
        if name:
            out[name] = [name, *[a for a in row.get("aliases") or [] if isinstance(a, str) and a.strip()]]
    return out


def _present(paragraph: str, phrases: Iterable[str]) -> list[str]:
    """The phrases that occur in the paragraph, longest first, each once."""
    found = [p for p in dict.fromkeys(phrases) if locate(paragraph, p)]
    return sorted(found, key=len, reverse=True)


def _in(p: Any, ref: Reference) -> TypeGuard[int]:
    return isinstance(p, int) and not isinstance(p, bool) and 0 <= p < len(ref.article.paragraphs)


def _text_field(category: str) -> str:
    return "cue" if category == "attribution cue" else "text"


def targets_from_rows(ref: Reference, category: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Targets for ``category`` from rows of its key table (for sources, ``appearances`` rows).

    An entry that cannot be marked in its paragraph (a source named only by a pronoun the key does
    not list) is left out: nobody could find it.
    """
    names = _names(ref) if category == "source" else {}
    rationale = {str(r.get("name")): r.get("rationale") or "" for r in ref.rows("sources")}
    targets: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for row in rows:
        p = row.get("paragraph")
        if not _in(p, ref):
            continue
        paragraph = ref.article.paragraphs[p]
        if category == "source":
            source = str(row.get("source") or row.get("name") or "")
            phrases = _present(paragraph, names.get(source, [source]))
            ident: tuple[Any, ...] = (source, p)
            if not phrases or ident in seen:
                continue
            label = source if source in phrases else phrases[0]
            mode = row.get("mode")
            why = f"{source}: {mode}. " if mode else f"{source}. "
            target = {"name": source, "mode": mode, "rationale": (why + rationale.get(source, "")).strip()}
        else:
            text = row.get(_text_field(category))
            if not isinstance(text, str) or not locate(paragraph, text):
                continue
            ident = (p, text.casefold())
            if ident in seen:
                continue
            phrases, label = [text], text
            target = {"rationale": _why(category, row)}
        seen.add(ident)
        targets.append({"category": category, "paragraph": p, "label": label, "phrases": phrases, **target})
    return targets


def _why(category: str, row: dict[str, Any]) -> str:
    if category == "attribution cue":
        out = f"{row.get('source')} — “{row.get('cue')}”"
        if row.get("connotation"):
            out += f" ({row['connotation']})"
        return out + (f": {row['rationale']}" if row.get("rationale") else ".")
    out = str(row.get("rationale") or row.get("suggests") or row.get("category") or "")
    if category == "loaded term" and row.get("neutral_alternative"):
        out += f" A more neutral wording: “{row['neutral_alternative']}”."
    if category == "time expression" and not out and row.get("event"):
        out = str(row["event"])
    return out.strip()


def _analysis_sources(ref: Reference) -> list[dict[str, Any]]:
    rows = []
    for source in ref.rows("sources"):
        for ap in source.get("appearances") or []:
            if isinstance(ap, dict):
                rows.append(
                    {"source": source.get("name"), "paragraph": ap.get("paragraph"), "mode": ap.get("mode")}
                )
            elif isinstance(ap, int):
                rows.append({"source": source.get("name"), "paragraph": ap, "mode": None})
    return rows


def _unattributed_guess(ref: Reference) -> list[dict[str, Any]]:
    """Without a key: sentences of paragraphs where the analysis finds no attribution at all."""
    attributed = {r.get("paragraph") for r in ref.rows("attributions")} | {
        r.get("paragraph") for r in ref.rows("quotes")
    }
    return [
        {"paragraph": int(s["paragraph"]), "text": s["text"],
         "rationale": "No attribution cue was found in this paragraph (automatic guess)."}
        for _, s in ref.article.sentences.iterrows()
        if int(s["paragraph"]) > 0 and int(s["paragraph"]) not in attributed
    ]  # fmt: skip


def default_rows(ref: Reference, category: str, *, mentioned: bool = False) -> list[dict[str, Any]]:
    """The reference's rows for a category (sources: appearances, only mentioned ones if asked)."""
    if category == "source":
        rows = ref.rows("appearances") if ref.uses_key else _analysis_sources(ref)
        return [r for r in rows if (r.get("mode") == "mentioned") == mentioned]
    if mentioned:
        return []
    if category == "loaded term":
        if ref.uses_key:
            return [r for r in ref.rows("framing") if r.get("device") == "loaded term"]
        return ref.rows("loaded_terms")
    if category == "unattributed claim" and not ref.uses_key:
        return _unattributed_guess(ref)
    return ref.rows(TABLES[category])


def _conduits(ref: Reference, targets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For sources: the outlets the key says words came through, in the targets' paragraphs."""
    names = _names(ref)
    wanted = {t["paragraph"] for t in targets}
    out = []
    for q in ref.rows("quotes"):
        p, via = q.get("paragraph"), q.get("via")
        if p in wanted and isinstance(via, str) and via and _in(p, ref):
            phrases = _present(ref.article.paragraphs[p], names.get(via, [via]))
            if phrases:
                out.append(
                    {"paragraph": p, "phrases": phrases, "why": f"{via} passed the words on (a conduit)."}
                )
    return out


def _tolerated_rows(ref: Reference, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Phrases of any key rows a question also accepts (``allow``)."""
    names = _names(ref)
    out = []
    for row in rows:
        p = row.get("paragraph")
        if not _in(p, ref):
            continue
        paragraph = ref.article.paragraphs[p]
        if "source" in row and "mode" in row:
            phrases = _present(paragraph, names.get(str(row["source"]), [str(row["source"])]))
        else:
            phrases = _present(
                paragraph, [t for t in (row.get("text"), row.get("cue")) if isinstance(t, str)]
            )
        if phrases:
            out.append({"paragraph": p, "phrases": phrases, "why": "The key also accepts this phrase here."})
    return out


def _near(ref: Reference, category: str) -> list[dict[str, Any]]:
    """Entries of the other categories (and mentioned-only sources), to explain stray marks."""
    near = []
    for other in CATEGORIES:
        rows = default_rows(ref, other, mentioned=(other == category == "source"))
        if other == category and category != "source":
            continue
        for t in targets_from_rows(ref, other, rows):
            why = t["rationale"]
            if other == "source" and t.get("mode") == "mentioned":
                why = f"{t['name']} is only mentioned here and supplies no information."
            near.append({"paragraph": t["paragraph"], "phrases": t["phrases"], "category": other, "why": why})
    return near


def spec_from(
    ref: Reference,
    category: str,
    *,
    rows: list[dict[str, Any]] | None = None,
    allow_rows: list[dict[str, Any]] | None = None,
    paragraphs: Iterable[int] | None = None,
    noun: str | None = None,
) -> dict[str, Any]:
    """Everything the rule needs, as plain data: targets, tolerated phrases, the paragraphs' text.

    ``rows`` are the key rows a question is about (default: the category's whole table);
    ``paragraphs`` limits the targets to the paragraphs a widget offers.
    """
    if category not in CATEGORIES:
        from ..errors import MedialitError

        raise MedialitError(
            f"{category!r} is not a highlighter category.",
            hint="Use one of: " + ", ".join(repr(c) for c in CATEGORIES) + ".",
        )
    targets = targets_from_rows(ref, category, default_rows(ref, category) if rows is None else rows)
    if paragraphs is not None:
        offered = set(paragraphs)
        targets = [t for t in targets if t["paragraph"] in offered]
    tolerated = _conduits(ref, targets) if category == "source" else []
    tolerated += _tolerated_rows(ref, allow_rows or [])
    return {
        "category": category,
        "noun": noun or plural_of(category),
        "label": ref.label,
        "targets": targets,
        "tolerated": tolerated,
        "near": _near(ref, category),
        "paragraphs": list(ref.article.paragraphs),
    }


def solution_marks(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One mark per target, on its label's first occurrence: the full-marks answer."""
    marks = []
    for t in spec["targets"]:
        text = spec["paragraphs"][t["paragraph"]]
        where = locate(text, t["label"]) or set()
        if where:
            a, b = min(where), max(where) + 1
            ws = words(text)
            phrase = text[ws[a][1] : ws[b - 1][2]]
            marks.append(
                {"category": t["category"], "paragraph": t["paragraph"], "text": phrase, "start": a, "end": b}
            )
    return marks


# ---------------------------------------------------------------- the rule


def _positions(spec: dict[str, Any], mark: dict[str, Any]) -> list[set[int]]:
    """Where a mark lies: its own word positions, else every occurrence of its text."""
    p = int_like(mark.get("paragraph"))
    paragraphs = spec["paragraphs"]
    if p is None or not 0 <= p < len(paragraphs):
        return []
    n = len(words(paragraphs[p]))
    start, end = mark.get("start"), mark.get("end")
    if (
        isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
        and not isinstance(end, bool) and 0 <= start < end <= n
    ):  # fmt: skip
        return [set(range(start, end))]
    text = mark.get("text")
    return locate_all(paragraphs[p], text) if isinstance(text, str) else []


def _fit(spec: dict[str, Any], mark: dict[str, Any], entry: dict[str, Any], places: list[set[int]]) -> float:
    """How well a mark finds an entry (0 = not at all): the share of their words in common."""
    if int_like(mark.get("paragraph")) != entry["paragraph"]:
        return 0.0
    paragraph_words = [w for w, _, _ in words(spec["paragraphs"][entry["paragraph"]])]
    best = 0.0
    for phrase in entry["phrases"]:
        for span in locate_all(spec["paragraphs"][entry["paragraph"]], phrase):
            for place in places:
                shared = place & span
                if not shared:
                    continue
                content = any(not is_little(paragraph_words[i]) for i in shared)
                if not (content or place == span) or len(place - span) > max(RUN_ON, len(span)):
                    continue
                best = max(best, len(shared) / len(place | span))
    return best


def _little_only(spec: dict[str, Any], mark: dict[str, Any], places: list[set[int]]) -> bool:
    if places:
        paragraph_words = [w for w, _, _ in words(spec["paragraphs"][int_like(mark.get("paragraph")) or 0])]
        return all(is_little(paragraph_words[i]) for i in places[0])
    text = mark.get("text")
    return isinstance(text, str) and all(is_little(w) for w in text.split())


def missed_hints(missed: list[dict[str, Any]], category: str) -> list[str]:
    """Hints that point to a paragraph without giving the answer away.

    >>> for hint in missed_hints([{"paragraph": 3}, {"paragraph": 3}, {"paragraph": 1}], "loaded term"):
    ...     print(hint)
    Look again at paragraph 1: there is 1 more loaded term there.
    Look again at paragraph 3: there are 2 more loaded terms there.
    """
    counts = Counter(item.get("paragraph") for item in missed)
    out = []
    for p in sorted(counts, key=lambda x: (not isinstance(x, int), x if isinstance(x, int) else 0)):
        n = counts[p]
        where = "the headline (paragraph 0)" if p == 0 else f"paragraph {p}"
        what = f"is 1 more {category}" if n == 1 else f"are {n} more {plural_of(category)}"
        out.append(f"Look again at {where}: there {what} there.")
    return out


def _marks_of(spec: dict[str, Any], answer: Any) -> list[dict[str, Any]]:
    if isinstance(answer, dict) and "marks" in answer:
        answer = answer["marks"]
    if not isinstance(answer, list) or not all(isinstance(m, dict) for m in answer):
        raise Shape("This answer comes from the highlighter widget: mark phrases there and it saves them.")
    return [m for m in answer if m.get("category", spec["category"]) == spec["category"]]


def _label(mark: dict[str, Any]) -> str:
    return f"¶{int_like(mark.get('paragraph'))} “{mark.get('text') or '…'}”"


def score(spec: dict[str, Any], answer: Any) -> Result:
    """Score highlighter marks of ``spec["category"]`` against ``spec["targets"]``."""
    marks = _marks_of(spec, answer)
    category, targets, noun = spec["category"], spec["targets"], spec["noun"]
    if not marks:
        return Result.unanswered(f"No {plural_of(category)} marked yet.")
    places = [_positions(spec, m) for m in marks]
    pairs = sorted(
        ((fit, mi, ti) for mi, m in enumerate(marks) for ti, t in enumerate(targets)
         if (fit := _fit(spec, m, t, places[mi])) > 0),
        key=lambda x: (-x[0], x[1], x[2]),
    )  # fmt: skip
    used_marks: dict[int, int] = {}
    used_targets: set[int] = set()
    for _, mi, ti in pairs:
        if mi not in used_marks and ti not in used_targets:
            used_marks[mi] = ti
            used_targets.add(ti)
    finders = {mi for _, mi, _ in pairs}
    found: list[Item] = []
    neutral: list[Item] = []
    stray: list[Item] = []
    stray_paragraphs: set[str] = set()
    for mi, mark in enumerate(marks):
        label = _label(mark)
        if mi in used_marks:
            found.append(Item(label, 1.0, targets[used_marks[mi]].get("rationale") or "", "found"))
        elif mi in finders:
            neutral.append(
                Item(label, None, "Already found by another mark: it neither earns nor costs.", "again")
            )
        elif why := next(
            (e["why"] for e in spec.get("tolerated", ()) if _fit(spec, mark, e, places[mi])), ""
        ):
            neutral.append(Item(label, None, f"{why} It neither earns nor costs.", "accepted"))
        elif _little_only(spec, mark, places[mi]):
            neutral.append(
                Item(label, None, "Little words alone name nothing: it neither earns nor costs.", "little")
            )
        else:
            why = f"{spec.get('label', 'the key').capitalize()} does not list this as {_a(category)} here."
            near = next((e for e in spec.get("near", ()) if _touches(spec, mark, e, places[mi])), None)
            if near is not None:
                why += f" It lists it as {_a(near['category'])}" + (
                    f": {near['why']}" if near["why"] else "."
                )
            stray.append(Item(label, -1.0, why, "stray"))
            stray_paragraphs.add(str(int_like(mark.get("paragraph"))))
    missed = [t for ti, t in enumerate(targets) if ti not in used_targets]
    hints = [Item("", None, hint, "missed") for hint in missed_hints(missed, category)]
    n = len(targets)
    fraction = max(0.0, (len(found) - len(stray)) / n) if n else (0.0 if stray else 1.0)
    notes = [f"You marked {len(found)} of the {n} {noun if n != 1 else category}."]
    if stray:
        where = sorted(stray_paragraphs, key=lambda x: (len(x), x))
        notes.append(
            f"{plural(len(stray), 'mark')} (paragraph{'s' if len(where) > 1 else ''} {', '.join(where)}) "
            f"{'is' if len(stray) == 1 else 'are'} not {spec.get('not_what') or _a(category) + ' there'}; "
            "each stray mark costs as much as a right one earns."
        )
    if missed and found:
        again = ", ".join(str(p) for p in sorted({t["paragraph"] for t in missed}))
        notes.append(f"Look again at paragraph{'s' if ',' in again else ''} {again}.")
    items = tuple(found + hints + stray + neutral)
    return Result.of(fraction, " ".join(notes), items, found=len(found), stray=len(stray), listed=n)


def _touches(
    spec: dict[str, Any], mark: dict[str, Any], entry: dict[str, Any], places: list[set[int]]
) -> bool:
    if int_like(mark.get("paragraph")) != entry["paragraph"]:
        return False
    text = spec["paragraphs"][entry["paragraph"]]
    return any(
        place & span for phrase in entry["phrases"] for span in locate_all(text, phrase) for place in places
    )


def _a(category: str) -> str:
    return ("an " if category[0] in "aeiou" else "a ") + category
