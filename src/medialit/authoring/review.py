"""Reviewing a draft key, as pure functions: each step returns a new, valid key or is refused.

The review widget (:mod:`medialit.authoring.review_widget`) is a thin view over these functions.
A step is one of: **accept** an entry as the machine drafted it, **correct** it (new field values),
**delete** it, or **add** an entry the machine missed. Accepting or correcting an entry removes its
``draft`` mark and the machine's ``why``. Every step is checked with :func:`medialit.key.validate_key`
before it is taken: a step that would break the key (a text that is not in its paragraph, a speaker
who is not a source, an empty field on a finished entry) raises :class:`ReviewError` naming the
problem, and the key stays as it was. :func:`save` writes the key in one piece, so a crash loses
nothing that was saved.

>>> from medialit import load_article
>>> from medialit.authoring.draft import draft_key
>>> art = load_article("voa-asean-ministers-2009-07-22")
>>> data = draft_key(art)
>>> step = accept(data, art, "attributions", 0)
>>> step.data["attributions"][0].get("draft"), data["attributions"][0].get("draft")
(None, True)
>>> correct(data, art, "attributions", 0, {"cue": "shouted"}).data  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
medialit.authoring.review.ReviewError: attributions, entry 1: cue 'shouted' is not in paragraph 5. ...
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MedialitError

if TYPE_CHECKING:
    from ..article import Article

__all__ = [
    "SECTIONS",
    "Field",
    "ReviewError",
    "Section",
    "Step",
    "accept",
    "add",
    "correct",
    "delete",
    "entries",
    "entry_label",
    "form_values",
    "next_draft",
    "parse_values",
    "progress",
    "save",
    "section",
    "summary",
    "warnings",
]


class ReviewError(MedialitError):
    """A review step that would leave the key invalid; the key is unchanged."""


@dataclass(frozen=True)
class Field:
    """One field of an entry as the review form shows it.

    ``kind``: ``int`` (a paragraph number), ``text``, ``long`` (several lines), ``optional`` (text or
    nothing), ``name`` (a source's name), ``choice`` (one of ``choices``), ``yesno``, ``flag`` (an
    optional ``true``), ``ints`` (paragraph numbers), ``names`` (a list of names), ``appearances``,
    ``when`` (a date, a span or "vague").
    """

    name: str
    label: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    verbatim: bool = False
    placeholder: str = ""


@dataclass(frozen=True)
class Section:
    """A part of the key the review walks through: where its entries live and their form."""

    name: str
    path: tuple[str, ...]
    title: str
    fields: tuple[Field, ...]
    names: tuple[str, ...] = ()  # fields holding a name that should occur in the paragraph(s)


_RATIONALE = Field("rationale", "Why (shown to students)", "long")
_PARAGRAPH = Field("paragraph", "Paragraph", "int")
_TEXT = Field("text", "Exact words", "text", verbatim=True)
_MODES = ("direct quote", "partial quote", "paraphrase", "mentioned")

SECTIONS: tuple[Section, ...] = (
    Section(
        "sources",
        ("sources",),
        "Sources: names, kinds and appearances",
        (
            Field("name", "Name", "text"),
            Field("aliases", "Other names", "names", placeholder="e.g. Minh, the secretary general"),
            Field(
                "kind",
                "Kind",
                "choice",
                ("person", "government", "institution", "media", "vague collective", "anonymous"),
            ),
            Field("official", "Speaks for a government", "yesno"),
            Field(
                "appearances", "Appearances", "appearances", placeholder="e.g. 3 mentioned; 7 direct quote"
            ),
            _RATIONALE,
        ),
        names=("name",),
    ),
    Section(
        "quotes",
        ("quotes",),
        "Quotations: speakers and conduits",
        (
            _PARAGRAPH,
            Field("text", "Quoted words (between the marks)", "text", verbatim=True),
            Field("speaker", "Speaker", "name"),
            Field("cue", "Reporting verb (cue)", "text"),
            Field("kind", "Full or partial", "choice", ("full", "partial")),
            Field("via", "Through whom (conduit)", "optional", placeholder="no one named (leave empty)"),
            _RATIONALE,
        ),
        names=("speaker",),
    ),
    Section(
        "attributions",
        ("attributions",),
        "Attribution cues and their stance",
        (
            _PARAGRAPH,
            Field("source", "Source", "name"),
            Field("cue", "Cue (exact words)", "text", verbatim=True),
            Field("connotation", "Stance", "choice", ("neutral", "evaluative", "distancing")),
            Field("mode", "How the words are given", "choice", _MODES[:3]),
            _RATIONALE,
        ),
        names=("source",),
    ),
    Section(
        "time_expressions",
        ("time_expressions",),
        "Time expressions",
        (
            _PARAGRAPH,
            _TEXT,
            Field("when", "Date", "when", placeholder="2013-01-09, or 2012-01-01 to 2012-12-31, or vague"),
            Field("vague_ok", "“Too vague” also right", "flag"),
            Field("event", "What happened then", "text"),
            _RATIONALE,
        ),
    ),
    Section(
        "labels",
        ("framing", "labels"),
        "Framing: labels",
        (
            _PARAGRAPH,
            _TEXT,
            Field("actor", "Who is labelled", "text"),
            Field("neutral_alternative", "Plainer wording", "optional", placeholder="(none)"),
            Field("suggests", "What it suggests", "text"),
            _RATIONALE,
        ),
    ),
    Section(
        "loaded_terms",
        ("framing", "loaded_terms"),
        "Framing: loaded terms",
        (
            _PARAGRAPH,
            _TEXT,
            Field("neutral_alternative", "Plainer wording", "optional", placeholder="(none)"),
            _RATIONALE,
        ),
    ),
    Section(
        "vague_quantities",
        ("framing", "vague_quantities"),
        "Framing: vague quantities",
        (_PARAGRAPH, _TEXT, _RATIONALE),
    ),
    Section(
        "actorless", ("framing", "actorless"), "Framing: actorless phrasing", (_PARAGRAPH, _TEXT, _RATIONALE)
    ),
    Section(
        "presuppositions",
        ("framing", "presuppositions"),
        "Framing: presuppositions",
        (_PARAGRAPH, _TEXT, Field("presupposes", "What it takes for granted", "text"), _RATIONALE),
    ),
    Section(
        "frames",
        ("framing", "frames"),
        "Frame questions (Semetko & Valkenburg)",
        (
            Field(
                "frame",
                "Frame",
                "choice",
                ("responsibility", "human interest", "conflict", "morality", "economic consequences"),
            ),
            Field("item", "Item", "text", placeholder="e.g. R1"),
            Field("question", "Question", "long"),
            Field("answer", "Answer", "yesno"),
            Field("evidence", "Evidence paragraphs", "ints", placeholder="e.g. 2, 5"),
            Field("either_ok", "“No” also right", "flag"),
            _RATIONALE,
        ),
    ),
    Section(
        "absent_voices",
        ("absent_voices",),
        "Absent voices",
        (
            Field("name", "Who is missing", "text"),
            Field("mentioned_in", "Mentioned in paragraphs", "ints", placeholder="e.g. 4, 8"),
            _RATIONALE,
        ),
    ),
    Section(
        "unattributed",
        ("unattributed",),
        "The writer's own claims (unattributed)",
        (_PARAGRAPH, _TEXT, _RATIONALE),
    ),
)
_BY_NAME = {s.name: s for s in SECTIONS}


def section(name: str) -> Section:
    """The section called ``name`` (``"quotes"``, ``"frames"``, ...).

    >>> section("frames").path
    ('framing', 'frames')
    """
    if name not in _BY_NAME:
        raise MedialitError(
            f"The review has no section {name!r}.", hint="Sections: " + ", ".join(_BY_NAME) + "."
        )
    return _BY_NAME[name]


def entries(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The entries of one section (a list; empty when the key has none)."""
    node: Any = data
    for step in section(name).path:
        node = node.get(step) if isinstance(node, dict) else None
    return list(node or [])


def _with_entries(data: dict[str, Any], name: str, new: list[dict[str, Any]]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    path = section(name).path
    node = out
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = new
    return out


def _short(text: Any, n: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def entry_label(name: str, entry: dict[str, Any]) -> str:
    """A short name for an entry, for messages and the review log.

    >>> entry_label("quotes", {"paragraph": 7, "text": "In the face of complicated developments"})
    '¶7 “In the face of complicated developments”'
    """
    if name == "sources":
        return str(entry.get("name"))
    if name == "absent_voices":
        return str(entry.get("name") or "(a missing voice)")
    if name == "frames":
        return f"{entry.get('item')} {_short(entry.get('question'), 50)}"
    if name == "attributions":
        return f"¶{entry.get('paragraph')} {entry.get('source')} “{entry.get('cue')}”"
    return f"¶{entry.get('paragraph')} “{_short(entry.get('text'))}”"


# ---------------------------------------------------------------- form values <-> entries


def _when_text(entry: dict[str, Any]) -> str:
    if entry.get("vague"):
        return "vague"
    if entry.get("date"):
        return str(entry["date"])
    if entry.get("start") or entry.get("end"):
        return f"{entry.get('start')} to {entry.get('end')}"
    return ""


def form_values(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields as the form shows them: numbers, text, ``"yes"``/``"no"``, lists as text.

    >>> form_values("sources", {"name": "X", "aliases": ["Y"], "kind": "person", "official": None,
    ...     "appearances": [{"paragraph": 3, "mode": "mentioned"}], "rationale": "r"})["appearances"]
    '3 mentioned'
    """
    out: dict[str, Any] = {}
    for f in section(name).fields:
        value = entry.get(f.name)
        if f.kind == "when":
            out[f.name] = _when_text(entry)
        elif f.kind == "int":
            out[f.name] = int(value) if isinstance(value, int) else 0
        elif f.kind in ("yesno",):
            out[f.name] = "" if value is None else "yes" if value else "no"
        elif f.kind == "flag":
            out[f.name] = bool(value)
        elif f.kind == "ints":
            out[f.name] = ", ".join(str(v) for v in value or [])
        elif f.kind == "names":
            out[f.name] = ", ".join(value or [])
        elif f.kind == "appearances":
            out[f.name] = "; ".join(f"{a['paragraph']} {a['mode']}" for a in value or [])
        else:
            out[f.name] = "" if value is None else str(value)
    return out


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso(text: str, label: str) -> str:
    text = text.strip()
    try:
        if not _ISO.match(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise ReviewError(
            f"{label}: {text!r} is not a date.", hint="Write a date as YYYY-MM-DD, e.g. 2013-01-09."
        ) from None
    return text


def _ints(text: Any, label: str) -> list[int]:
    if isinstance(text, list | tuple):
        text = ", ".join(map(str, text))
    parts = [p for p in re.split(r"[\s,;]+", str(text).replace("¶", " ").strip()) if p]
    try:
        return sorted({int(p) for p in parts})
    except ValueError:
        raise ReviewError(
            f"{label}: {text!r} is not a list of paragraph numbers.", hint="Write numbers like 3, 5."
        ) from None


def _appearances(text: str) -> list[dict[str, Any]]:
    out = []
    for part in (p.strip() for p in re.split(r"[;\n]+", str(text)) if p.strip()):
        match = re.match(r"^¶?\s*(\d+)\s*[:,]?\s*(.+)$", part)
        mode = match.group(2).strip().lower() if match else ""
        if not match or mode not in _MODES:
            raise ReviewError(
                f"Appearances: {part!r} is not a paragraph and a way of appearing.",
                hint="Write one per paragraph, separated by ';', like 3 mentioned; 7 direct quote. Ways: "
                + ", ".join(_MODES)
                + ".",
            )
        entry = {"paragraph": int(match.group(1)), "mode": mode}
        if entry not in out:
            out.append(entry)
    return sorted(out, key=lambda a: (a["paragraph"], _MODES.index(a["mode"])))


def parse_values(name: str, values: dict[str, Any]) -> dict[str, Any]:
    """Form values (as :func:`form_values` gives them, or plain Python values) as entry fields.

    Only the fields given are returned; empty optional fields become None (``via``) or disappear
    (``vague_ok``). Unreadable values raise :class:`ReviewError`.

    >>> parse_values("time_expressions", {"paragraph": "5", "when": "2012-01-01 to 2012-12-31"})
    {'paragraph': 5, 'start': '2012-01-01', 'end': '2012-12-31'}
    >>> parse_values("frames", {"answer": "no", "evidence": "", "either_ok": False})
    {'answer': False, 'evidence': [], 'either_ok': None}
    """
    fields = {f.name: f for f in section(name).fields}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise ReviewError(
                f"{section(name).title} have no field {key!r}.", hint="Fields: " + ", ".join(fields)
            )
        f = fields[key]
        text = value.strip() if isinstance(value, str) else value
        if f.kind == "int":
            try:
                out[key] = int(text)
            except (TypeError, ValueError):
                raise ReviewError(
                    f"{f.label}: {value!r} is not a paragraph number.", hint="Write a whole number."
                ) from None
        elif f.kind == "when":
            words = str(text or "").strip()
            if words.lower() in ("vague", "too vague", "none", "-"):
                out["vague"] = True
            elif re.search(r"\s(?:to|until|–|—)\s|\.\.", words):
                start, end = re.split(r"\s(?:to|until|–|—)\s|\.\.", words, maxsplit=1)
                out["start"], out["end"] = _iso(start, f.label), _iso(end, f.label)
            else:
                out["date"] = _iso(words, f.label)
        elif f.kind == "yesno":
            word = str(text if text is not None else "").strip().lower()
            if isinstance(text, bool):
                out[key] = text
            elif word in ("yes", "y", "true"):
                out[key] = True
            elif word in ("no", "n", "false"):
                out[key] = False
            elif word == "":
                out[key] = None
            else:
                raise ReviewError(f"{f.label}: answer yes or no, not {value!r}.")
        elif f.kind == "flag":
            out[key] = True if text in (True, "yes", "true", "True") else None
        elif f.kind == "ints":
            out[key] = _ints(text if text is not None else "", f.label)
        elif f.kind == "names":
            items = text if isinstance(text, list | tuple) else str(text or "").split(",")
            out[key] = [n.strip() for n in items if n and n.strip()]
        elif f.kind == "appearances":
            out[key] = text if isinstance(text, list) else _appearances(str(text or ""))
        elif f.kind == "optional":
            out[key] = text if text else None
        else:  # an empty text is an empty field (allowed only while the entry is a draft)
            out[key] = None if text is None or str(text) == "" else str(text)
    return out


def _merge(entry: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The entry with the parsed changes; a new date replaces the old one; no draft mark."""
    out = {k: v for k, v in entry.items() if k not in ("draft", "why")}
    if {"date", "start", "end", "vague"} & set(changes):
        for k in ("date", "start", "end", "vague"):
            out.pop(k, None)
    for key, value in changes.items():
        if value is None and key in ("vague_ok", "either_ok", "vague"):
            out.pop(key, None)
        else:
            out[key] = value
    if out.get("vague"):
        out.pop("vague_ok", None)
    return out


def _ordered(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    """The entry's fields in the form's order (others after), so a saved key reads like a written one."""
    order = [f.name for f in section(name).fields]
    if name == "time_expressions":
        i = order.index("when")
        order[i : i + 1] = ["date", "start", "end", "vague"]
    if name == "quotes":
        order.insert(0, "id")
    first = {k: entry[k] for k in order if k in entry}
    return {**first, **{k: v for k, v in entry.items() if k not in first}}


# ---------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """The outcome of one review step: the new key data and a line for the review log."""

    data: dict[str, Any]
    log: dict[str, Any] = field(default_factory=dict)


def _valid(data: dict[str, Any], article: Article, where: str) -> None:
    from ..key import validate_key

    problems = validate_key(data, article, where=where)
    if problems:
        raise ReviewError(
            " ".join(p.removeprefix(f"{where}, ") for p in problems[:3])
            + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""),
            hint="Fix the fields above and try again; the key was not changed.",
        )


def _check_step(data: dict[str, Any], article: Article) -> None:
    _valid(data, article, "the key")


def _at(data: dict[str, Any], name: str, index: int) -> dict[str, Any]:
    rows = entries(data, name)
    if not 0 <= index < len(rows):
        raise ReviewError(f"{section(name).title} have no entry {index + 1}.")
    return rows[index]


def _log(action: str, name: str, entry: dict[str, Any], **more: Any) -> dict[str, Any]:
    """What a review step did to ``entry`` of section ``name``, for the review's record."""
    return {
        "action": action,
        "section": name,
        "entry": entry_label(name, entry),
        **more,
        "was_draft": bool(entry.get("draft")),
    }


def _step(data: dict[str, Any], article: Article, name: str, rows: list[Any], log: dict[str, Any]) -> Step:
    """The key with section ``name`` replaced by ``rows``, checked, as a step with its ``log``."""
    new = _with_entries(data, name, rows)
    _check_step(new, article)
    return Step(new, log)


def accept(data: dict[str, Any], article: Article, name: str, index: int) -> Step:
    """Accept an entry as drafted (its empty fields must be filled first)."""
    entry = _at(data, name, index)
    rows = entries(data, name)
    rows[index] = _ordered(name, _merge(entry, {}))
    return _step(data, article, name, rows, _log("accept", name, entry))


def _rename_source(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """A source renamed: quotations and cues that named it follow; a name already used merges the two."""
    out = copy.deepcopy(data)
    for q in out.get("quotes") or []:
        if q.get("speaker") == old:
            q["speaker"] = new
    for a in out.get("attributions") or []:
        if a.get("source") == old:
            a["source"] = new
    return out


def correct(data: dict[str, Any], article: Article, name: str, index: int, values: dict[str, Any]) -> Step:
    """Correct an entry with new field values (form text or plain values); it is then reviewed."""
    entry = _at(data, name, index)
    changes = parse_values(name, values)
    fixed = _ordered(name, _merge(entry, changes))
    changed = {
        k: [entry.get(k), fixed.get(k)]
        for k in sorted(set(entry) | set(fixed))
        if k not in ("draft", "why") and entry.get(k) != fixed.get(k)
    }
    rows = entries(data, name)
    new_data = data
    log = _log("correct", name, entry, changed=changed)
    if name == "sources" and fixed.get("name") != entry.get("name"):
        new_data = _rename_source(data, str(entry.get("name")), str(fixed.get("name")))
        rows = entries(new_data, name)
        other = next((i for i, s in enumerate(rows) if s.get("name") == fixed["name"] and i != index), None)
        if other is not None:  # merge into the source that already has this name
            target = rows[other]
            old_name = str(entry.get("name"))
            target["appearances"] = _appearances(
                "; ".join(
                    f"{a['paragraph']} {a['mode']}" for a in target["appearances"] + fixed["appearances"]
                )
            )
            if old_name not in target.get("aliases", []) and old_name != target["name"]:
                target["aliases"] = [*target.get("aliases", []), old_name]
            rows[other] = target
            del rows[index]
            log.update(action="merge", into=fixed["name"])
            return _step(new_data, article, name, rows, log)
    rows[index] = fixed
    return _step(new_data, article, name, rows, log)


def delete(data: dict[str, Any], article: Article, name: str, index: int) -> Step:
    """Delete an entry (a source still named by a quotation or a cue cannot go)."""
    entry = _at(data, name, index)
    if name == "sources":
        who = entry.get("name")
        users = [
            f"quotation {q.get('id')} (¶{q.get('paragraph')})"
            for q in data.get("quotes") or []
            if q.get("speaker") == who
        ]
        users += [
            f"the cue “{a.get('cue')}” (¶{a.get('paragraph')})"
            for a in data.get("attributions") or []
            if a.get("source") == who
        ]
        if users:
            raise ReviewError(
                f"{who} is still named by {', '.join(users)}.",
                hint="Change the speaker or source there first, or correct this source's name to another "
                "source's name to merge the two.",
            )
    rows = entries(data, name)
    del rows[index]
    return _step(data, article, name, rows, _log("delete", name, entry))


def _new_quote_id(data: dict[str, Any]) -> str:
    used = {q.get("id") for q in data.get("quotes") or []}
    n = len(used) + 1
    while f"q{n}" in used:
        n += 1
    return f"q{n}"


_EMPTY: dict[str, Callable[[], dict[str, Any]]] = {
    "sources": lambda: {"aliases": [], "appearances": []},
    "frames": lambda: {"evidence": []},
    "absent_voices": lambda: {"mentioned_in": []},
    "quotes": lambda: {"via": None},
}


def add(data: dict[str, Any], article: Article, name: str, values: dict[str, Any]) -> Step:
    """Add an entry the machine missed (a reviewed entry, not a draft)."""
    entry = _EMPTY.get(name, dict)()
    if name == "quotes":
        entry["id"] = _new_quote_id(data)
    entry = _ordered(name, _merge(entry, parse_values(name, values)))
    log = {"action": "add", "section": name, "entry": entry_label(name, entry)}  # a new entry was no draft
    return _step(data, article, name, [*entries(data, name), entry], log)


# ---------------------------------------------------------------- where we are, what is odd


def progress(data: dict[str, Any]) -> tuple[int, int]:
    """(draft entries left, entries in the reviewed sections).

    >>> progress({"quotes": [{"draft": True}, {}], "framing": {"frames": [{"draft": True}]}})
    (2, 3)
    """
    left = total = 0
    for s in SECTIONS:
        rows = entries(data, s.name)
        total += len(rows)
        left += sum(1 for r in rows if r.get("draft"))
    return left, total


def next_draft(data: dict[str, Any], after: tuple[str, int] | None = None) -> tuple[str, int] | None:
    """The first draft entry after ``(section, index)`` in review order (wrapping round), or None."""
    order = [(s.name, i) for s in SECTIONS for i, r in enumerate(entries(data, s.name)) if r.get("draft")]
    if not order:
        return None
    if after is None:
        return order[0]
    rank = {s.name: n for n, s in enumerate(SECTIONS)}
    here = (rank[after[0]], after[1])
    later = [o for o in order if (rank[o[0]], o[1]) > here]
    return (later or order)[0]


def _occurs(article: Article, phrase: str, paragraph: int) -> bool:
    return bool(phrase) and bool(article.find(phrase, paragraph=paragraph))


def _name_forms(data: dict[str, Any], name: str) -> list[str]:
    """A name, the other names the key gives it, and its last word (a surname)."""
    forms = [name]
    for s in data.get("sources") or []:
        if s.get("name") == name:
            forms += list(s.get("aliases") or [])
    last = name.split()[-1] if name.split() else ""
    if len(last) >= 3 and last[0].isupper():
        forms.append(last)
    return forms


def _named_in(article: Article, data: dict[str, Any], name: str, paragraph: int) -> bool:
    if not 0 <= paragraph < len(article.paragraphs):
        return False
    text = article.paragraphs[paragraph].casefold()
    return any(form.casefold().removeprefix("the ") in text for form in _name_forms(data, name) if form)


def warnings(data: dict[str, Any], article: Article, name: str, entry: dict[str, Any]) -> list[str]:
    """What in one entry does not occur verbatim where the entry says (an empty list when all does).

    Exact words (a quotation, a cue, a time expression, a framing phrase) must stand in their
    paragraph, or the key is invalid. Names (a speaker, a source, who is missing) need not - a pronoun
    or another wording may stand there - but a name that occurs nowhere it is said to is worth a look.

    >>> from medialit import load_article
    >>> art = load_article("voa-asean-ministers-2009-07-22")
    >>> entry = {"paragraph": 9, "source": "Kazuo Kodama", "cue": "asked"}
    >>> for line in warnings({}, art, "attributions", entry):
    ...     print(line)
    The cue “asked” does not occur in paragraph 9.
    Kazuo Kodama is not named in paragraph 9 (a pronoun or another name may stand there: check).
    """
    out: list[str] = []
    s = section(name)
    last = len(article.paragraphs) - 1
    p = entry.get("paragraph")
    if isinstance(p, int) and not 0 <= p <= last:
        return [f"Paragraph {p} does not exist: the article's paragraphs are 0 (the headline) to {last}."]
    for f in s.fields:
        value = entry.get(f.name)
        if (
            f.verbatim
            and isinstance(p, int)
            and isinstance(value, str)
            and value
            and not _occurs(article, value, p)
        ):
            what = {"text": "The words", "cue": "The cue"}.get(f.name, f.label)
            out.append(f"{what} “{_short(value, 60)}” does not occur in paragraph {p}.")
    if name in ("quotes", "attributions"):
        who = entry.get(s.names[0])
        if isinstance(who, str) and who and isinstance(p, int) and not _named_in(article, data, who, p):
            out.append(
                f"{who} is not named in paragraph {p} (a pronoun or another name may stand there: check)."
            )
    elif name == "sources":
        who = str(entry.get("name") or "")
        missing = [
            a["paragraph"]
            for a in entry.get("appearances") or []
            if isinstance(a, dict)
            and a.get("mode") == "mentioned"
            and not _named_in(article, data, who, a["paragraph"])
        ]
        if missing:
            out.append(
                f"{who} is said to be mentioned in ¶{', '.join(map(str, missing))}, "
                "but no name of it occurs there."
            )
    elif name == "absent_voices":
        who = str(entry.get("name") or "")
        silent = [
            q
            for q in entry.get("mentioned_in") or []
            if isinstance(q, int) and not _named_in(article, data, who, q)
        ]
        if who and silent:
            out.append(
                f"“{who}” does not occur word for word in ¶{', '.join(map(str, silent))}: "
                "check the paragraphs (another wording may stand there)."
            )
    elif name == "frames":
        bad = [q for q in entry.get("evidence") or [] if not 0 <= q <= last]
        if bad:
            out.append(f"Evidence paragraph {bad[0]} does not exist (the last is {last}).")
    return out


def summary(log: list[dict[str, Any]]) -> dict[str, int]:
    """What the teacher did to the draft, from a review log: draft entries accepted as they were,
    **filled** (only fields the machine left empty were given), **corrected** (a value the machine
    gave was changed), merged into another entry or deleted, and entries added.

    >>> summary([{"action": "accept", "was_draft": True},
    ...          {"action": "correct", "was_draft": True, "changed": {"answer": [None, True]}},
    ...          {"action": "correct", "was_draft": True, "changed": {"cue": ["calls", "said"]}},
    ...          {"action": "add"}])
    {'accepted': 1, 'filled': 1, 'corrected': 1, 'merged': 0, 'deleted': 0, 'added': 1}
    """
    counts = {"accepted": 0, "filled": 0, "corrected": 0, "merged": 0, "deleted": 0, "added": 0}
    names = {
        "accept": "accepted",
        "correct": "corrected",
        "merge": "merged",
        "delete": "deleted",
        "add": "added",
    }
    for line in log:
        if line.get("action") != "add" and not line.get("was_draft"):
            continue
        name = names[line["action"]]
        changed = line.get("changed") or {}
        if name == "corrected" and changed and all(old in (None, [], "") for old, _ in changed.values()):
            name = "filled"
        counts[name] += 1
    return counts


_FINISHED_HEADER = """Answer key for {article}: drafted by `medialit draft-key`, reviewed by the teacher.
Schema: data/schemas/key.schema.json. Check it with: medialit key {key}"""


def save(data: dict[str, Any], path: str | Path, article: Article) -> Path:
    """Write the key to ``path`` in one piece, after checking it (an invalid key is never written)."""
    from ._files import dump_yaml, write_atomic
    from .draft import HEADER

    path = Path(path)
    _valid(data, article, str(path))
    left, _ = progress(data)
    header = (HEADER if left else _FINISHED_HEADER).format(article=data.get("article"), key=path.name)
    return write_atomic(path, dump_yaml(data, header=header))
