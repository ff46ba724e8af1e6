"""Pure logic of the highlighter: words, selections, the reference's items, forgiving matching.

A *mark* is a plain dict ``{"category", "paragraph", "text", "start", "end"}`` where ``start`` and
``end`` are word positions in the paragraph (``end`` exclusive). An *item* is what the reference
lists: ``{"category", "paragraph", "text", "alternatives", "rationale"}``.

>>> p = "Putin said Tuesday that he wants “urgent” talks."
>>> [w for w, _, _ in words(p)][:3]
['Putin', 'said', 'Tuesday']
>>> runs([5, 1, 2])
[(1, 3), (5, 6)]
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ._common import Reference

__all__ = [
    "CATEGORIES",
    "category_items",
    "locate",
    "make_marks",
    "match_marks",
    "missed_hints",
    "runs",
    "words",
]

CATEGORIES = ("source", "attribution cue", "loaded term", "unattributed claim", "time expression")
_PLURAL = {
    "source": "sources",
    "attribution cue": "attribution cues",
    "loaded term": "loaded terms",
    "unattributed claim": "unattributed claims",
    "time expression": "time expressions",
}
_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def plural(category: str) -> str:
    """The plural of a category name, for messages.

    >>> plural("attribution cue")
    'attribution cues'
    """
    return _PLURAL.get(category, category + "s")


def words(paragraph: str) -> list[tuple[str, int, int]]:
    """The paragraph's words (split at white space, punctuation kept) with character offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(paragraph)]


def norm_word(word: str) -> str:
    """A word without case, edge punctuation or curly quotes.

    >>> norm_word("“Urgent”,")
    'urgent'
    """
    return _EDGE.sub("", word.translate(_QUOTES)).casefold()


def runs(selected: Any) -> list[tuple[int, int]]:
    """Consecutive word positions grouped into ``(start, end)`` runs (``end`` exclusive)."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(selected)):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def make_marks(paragraph_text: str, paragraph: int, selected: Any, category: str) -> list[dict[str, Any]]:
    """Turn selected word positions into marks, one per run of consecutive words.

    >>> make_marks("Putin said Tuesday that", 1, [0, 2, 3], "source")[1]["text"]
    'Tuesday that'
    """
    ws = words(paragraph_text)
    marks = []
    for a, b in runs(i for i in selected if 0 <= i < len(ws)):
        text = paragraph_text[ws[a][1] : ws[b - 1][2]]
        marks.append({"category": category, "paragraph": paragraph, "text": text, "start": a, "end": b})
    return marks


def locate(paragraph_text: str, phrase: str) -> set[int] | None:
    """Word positions of ``phrase`` in the paragraph, ignoring case, quotes and edge punctuation.

    >>> sorted(locate("Putin said Tuesday that he wants", "SAID tuesday"))
    [1, 2]
    >>> locate("Putin said", "Biden") is None, locate("the West", "he") is None
    (True, True)
    """
    if not phrase or not phrase.strip():
        return None
    ws = words(paragraph_text)
    hay = paragraph_text.translate(_QUOTES).casefold()
    needle = phrase.strip().translate(_QUOTES).casefold()
    found = re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay)
    if found:
        at, end = found.span()
        return {i for i, (_, a, b) in enumerate(ws) if a < end and b > at}
    target = [w for w in (norm_word(x) for x in phrase.split()) if w]
    normed = [norm_word(w) for w, _, _ in ws]
    for i in range(len(normed) - len(target) + 1):
        if target and normed[i : i + len(target)] == target:
            return set(range(i, i + len(target)))
    return None


def _mark_positions(paragraph_text: str, mark: dict[str, Any]) -> set[int] | None:
    start, end = mark.get("start"), mark.get("end")
    n = len(words(paragraph_text))
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
        return set(range(start, end))
    text = mark.get("text")
    return locate(paragraph_text, text) if isinstance(text, str) else None


def overlaps(mark_pos: set[int], item_pos: set[int]) -> float:
    """How well a mark fits an item: 0 unless they share more than half the item's words and at
    least half the mark's words; then the share of all their words in common.

    >>> overlaps({1, 2}, {1, 2, 3}), overlaps({1}, {1, 2, 3}), overlaps({1, 2, 3, 4}, {2})
    (0.6666666666666666, 0, 0)
    """
    common = len(mark_pos & item_pos)
    if not common or common * 2 <= len(item_pos) or common * 2 < len(mark_pos):
        return 0
    return common / len(mark_pos | item_pos)


def _item_fit(
    paragraphs: tuple[str, ...], mark: dict[str, Any], item: dict[str, Any], *, loose: bool = False
) -> float:
    if mark.get("paragraph") != item.get("paragraph"):
        return 0
    p = item["paragraph"]
    if not isinstance(p, int) or not 0 <= p < len(paragraphs):
        return 0
    pos = _mark_positions(paragraphs[p], mark)
    if not pos:
        return 0
    best = 0.0
    for phrase in [item.get("text"), *(item.get("alternatives") or [])]:
        if isinstance(phrase, str):
            where = locate(paragraphs[p], phrase)
            if where and loose:
                best = max(best, len(pos & where) / len(pos | where))
            elif where:
                best = max(best, overlaps(pos, where))
    return best


def _valid_mark(mark: Any) -> bool:
    return (
        isinstance(mark, dict)
        and isinstance(mark.get("paragraph"), int)
        and (isinstance(mark.get("text"), str) or isinstance(mark.get("start"), int))
    )


def match_marks(
    paragraphs: tuple[str, ...],
    marks: list[Any],
    items: list[dict[str, Any]],
    near: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Compare a student's marks with the reference's items (one category).

    Returns ``{"found": [(mark, item)], "missed": [item], "extra": [(mark, near_item | None)],
    "repeated": [mark], "score": 0..1}``. A mark counts for an item in the same paragraph when it
    covers more than half the item's words and at least half its own words are in the item (case and
    punctuation ignored; any of the item's ``alternatives`` will do). ``near`` items (other
    categories) explain extra marks. Score = found / (items + extra marks).

    >>> paras = ("Head", "Putin said Tuesday that he wants talks.")
    >>> items = [{"paragraph": 1, "text": "said"}, {"paragraph": 1, "text": "wants"}]
    >>> r = match_marks(paras, [{"paragraph": 1, "text": "said Tuesday"}, {"paragraph": 1, "text": "Putin"}],
    ...                 items)
    >>> len(r["found"]), len(r["missed"]), len(r["extra"]), r["score"]
    (1, 1, 1, 0.3333333333333333)
    """
    pairs = []
    clean = [m for m in marks if _valid_mark(m)]
    for mi, mark in enumerate(clean):
        for ii, item in enumerate(items):
            fit = _item_fit(paragraphs, mark, item)
            if fit > 0:
                pairs.append((fit, mi, ii))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_marks: set[int] = set()
    used_items: set[int] = set()
    found = []
    for _, mi, ii in pairs:
        if mi in used_marks or ii in used_items:
            continue
        used_marks.add(mi)
        used_items.add(ii)
        found.append((mi, ii))
    matched_any = {mi for _, mi, _ in pairs}
    repeated = [clean[mi] for mi in sorted(matched_any - used_marks)]
    extra = []
    for mi, mark in enumerate(clean):
        if mi in matched_any:
            continue
        hint = next((it for it in near or [] if _item_fit(paragraphs, mark, it, loose=True) > 0), None)
        extra.append((mark, hint))
    found.sort()
    missed = [item for ii, item in enumerate(items) if ii not in used_items]
    total = len(items) + len(extra)
    return {
        "found": [(clean[mi], items[ii]) for mi, ii in found],
        "missed": missed,
        "extra": extra,
        "repeated": repeated,
        "score": len(found) / total if total else 1.0,
    }


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
        what = f"is 1 more {category}" if n == 1 else f"are {n} more {plural(category)}"
        out.append(f"Look again at {where}: there {what} there.")
    return out


# ---------------------------------------------------------------- the reference's items


def _source_items(ref: Reference) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    paragraphs = ref.article.paragraphs
    sources = ref.table("sources")
    names: dict[str, list[str]] = {}
    rationale: dict[str, str] = {}
    for row in sources:
        name = str(row.get("name") or "")
        aliases = row.get("aliases") or []
        names[name] = [name, *[a for a in aliases if isinstance(a, str)]]
        rationale[name] = row.get("rationale") or ""
    if ref.uses_key:
        appearances = [(r.get("source"), r.get("paragraph"), r.get("mode")) for r in ref.table("appearances")]
    else:
        appearances = []
        for row in sources:
            for ap in row.get("appearances") or []:
                if isinstance(ap, dict):
                    appearances.append((row.get("name"), ap.get("paragraph"), ap.get("mode")))
                elif isinstance(ap, int):
                    appearances.append((row.get("name"), ap, None))
    items, near, seen = [], [], set()
    for source, p, mode in appearances:
        if not isinstance(p, int) or not 0 <= p < len(paragraphs) or (source, p) in seen:
            continue
        seen.add((source, p))
        present = [n for n in names.get(str(source), [str(source)]) if n and locate(paragraphs[p], n)]
        if not present:
            continue  # named only by a pronoun here: nothing a student could mark fairly
        present.sort(key=len, reverse=True)
        item = {
            "category": "source",
            "paragraph": p,
            "text": present[0],
            "alternatives": present[1:],
            "source": source,
            "mode": mode,
            "rationale": (f"{source}: {mode}. " if mode else f"{source}. ")
            + (rationale.get(str(source)) or ""),
        }
        if mode == "mentioned":
            item["rationale"] = f"{source} is only mentioned here and supplies no information."
            near.append(item)
        else:
            items.append(item)
    return items, near


def _simple_items(rows: list[dict[str, Any]], category: str, text_field: str, why) -> list[dict[str, Any]]:
    items, seen = [], set()
    for row in rows:
        p, text = row.get("paragraph"), row.get(text_field)
        if not isinstance(p, int) or not isinstance(text, str) or not text.strip():
            continue
        ident = (p, text.casefold())
        if ident in seen:
            continue
        seen.add(ident)
        items.append(
            {"category": category, "paragraph": p, "text": text, "alternatives": [], "rationale": why(row)}
        )
    return items


def _unattributed_fallback(ref: Reference) -> list[dict[str, Any]]:
    attributed = {r.get("paragraph") for r in ref.table("attributions")}
    attributed |= {r.get("paragraph") for r in ref.table("quotes")}
    rows = []
    for _, s in ref.article.sentences.iterrows():
        p = int(s["paragraph"])
        if p > 0 and p not in attributed:
            rows.append({"paragraph": p, "text": s["text"]})
    return _simple_items(
        rows,
        "unattributed claim",
        "text",
        lambda r: "No attribution cue was found in this paragraph (automatic guess).",
    )


def category_items(ref: Reference, category: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reference's items for one category, and "near" items (the other categories).

    >>> from medialit.article import parse_article
    >>> ref = Reference(parse_article("H\\n\\nBob said it rained on Monday."), key=None,
    ...                 analysis={"time_expressions": [{"paragraph": 1, "text": "on Monday"}]})
    >>> [i["text"] for i in category_items(ref, "time expression")[0]]
    ['on Monday']
    """
    from ..errors import MedialitError

    if category not in CATEGORIES:
        raise MedialitError(
            f"{category!r} is not a highlighter category.",
            hint="Use one of: " + ", ".join(repr(c) for c in CATEGORIES) + ".",
        )
    paragraphs = ref.article.paragraphs

    def markable(its: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # An item a student cannot select (e.g. a date found in the date line) would be missed forever.
        return [
            it
            for it in its
            if isinstance(it.get("paragraph"), int)
            and 0 <= it["paragraph"] < len(paragraphs)
            and locate(paragraphs[it["paragraph"]], it["text"])
        ]

    by_category = {c: tuple(markable(x) for x in _items_for(ref, c)) for c in CATEGORIES}
    items, near = by_category[category]
    others = [it for c, (its, _) in by_category.items() if c != category for it in its]
    return items, near + others


def _items_for(ref: Reference, category: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if category == "source":
        return _source_items(ref)
    if category == "attribution cue":

        def why(r):
            bits = [f"{r.get('source')} — “{r.get('cue')}”"]
            if r.get("connotation"):
                bits.append(f"({r['connotation']})")
            return " ".join(bits) + (f": {r['rationale']}" if r.get("rationale") else ".")

        return _simple_items(ref.table("attributions"), category, "cue", why), []
    if category == "loaded term":
        if ref.uses_key:
            rows = [r for r in ref.table("framing") if r.get("device") == "loaded term"]
        else:
            rows = ref.table("loaded_terms")

        def why(r):
            out = r.get("rationale") or r.get("suggests") or r.get("category") or ""
            if r.get("neutral_alternative"):
                out += f" A more neutral wording: “{r['neutral_alternative']}”."
            return out.strip()

        return _simple_items(rows, category, "text", why), []
    if category == "unattributed claim":
        if ref.uses_key:
            return _simple_items(
                ref.table("unattributed"), category, "text", lambda r: r.get("rationale") or ""
            ), []
        return _unattributed_fallback(ref), []
    rows = ref.table("time_expressions")
    return _simple_items(
        rows,
        category,
        "text",
        lambda r: (
            r.get("rationale") or (f"Refers to {r['date']}." if r.get("date") else "A time expression.")
        ),
    ), []
