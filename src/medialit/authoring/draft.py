"""A first draft of an answer key for any article, filled from the automatic analysis.

``medialit draft-key ARTICLE.txt [--out KEY.yaml]`` (or :func:`draft_key`) turns
:func:`medialit.analyze`'s tables into a key that validates against ``data/schemas/key.schema.json``.
Every entry is marked ``draft: true`` and carries ``why``: what the analysis found and how. Where the
analysis has nothing to say, the draft leaves the field empty (``null``, allowed only in a draft
entry) or adds a prompt entry for the teacher: the speaker of a quotation it could not credit, whether
a source speaks for a government, who a label is about, the frame questions without cue words, and
the voices the article leaves out. The teacher then reviews the draft (the review widget,
:mod:`medialit.authoring.review_widget`); a key with no ``draft: true`` left is finished
(:func:`medialit.key.unfinished`).

The draft reads only the public tables of :func:`medialit.analyze` (and the frame questions of the
frame check), so it improves whenever the analysis does.

>>> data = draft_key("voa-asean-chief-2013-01-09")
>>> data["quotes"][0]["speaker"], data["quotes"][0]["draft"]
('Le Luong Minh', True)
>>> from medialit.key import validate_key, unfinished
>>> from medialit import load_article
>>> validate_key(data, load_article("voa-asean-chief-2013-01-09")), len(unfinished(data)) == count(data)
([], True)
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MedialitError

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..article import Article

__all__ = ["HEADER", "count", "draft_key", "main", "review_notebook", "write_draft"]

HEADER = """DRAFT answer key for {article}, written by `medialit draft-key` from the automatic analysis.
Every entry marked `draft: true` still needs the teacher's review: `why` says what the machine found.
Empty fields (null) are left for you. Review it in JupyterLab with the review widget:
    from medialit.authoring import review_key; review_key("{key}")
A finished key has no `draft: true` left. Schema: data/schemas/key.schema.json."""

# what a frame-cue row's frame is called in item codes (R1, H2, C3, M1, E2)
_FRAME_LETTER = {
    "responsibility": "R",
    "human interest": "H",
    "conflict": "C",
    "morality": "M",
    "economic consequences": "E",
}
_KIND_WORDS = {
    "person": "a person",
    "government": "a government or one of its offices",
    "institution": "an institution",
    "media": "a news outlet",
    "vague collective": "a vague collective (no one in it is named)",
    "anonymous": "an unnamed source",
}
_MODE_WORDS = {
    "direct quote": "quoted in full",
    "partial quote": "quoted in part",
    "paraphrase": "paraphrased",
    "mentioned": "mentioned",
}


def _clean(value: Any) -> Any:
    """pandas' missing values (None, NaN) as None; numpy scalars as plain Python."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str | list | dict):
        return value.item()
    return value


def _rows(frame: Any) -> list[dict[str, Any]]:
    if frame is None or len(frame) == 0:
        return []
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _where(appearances: list[dict[str, Any]]) -> str:
    """``[{paragraph: 5, mode: paraphrase}, ...]`` as "paraphrased in ¶5; quoted in full in ¶6"."""
    groups: dict[str, list[int]] = {}
    for a in appearances:
        groups.setdefault(str(a["mode"]), []).append(int(a["paragraph"]))
    return "; ".join(
        f"{_MODE_WORDS.get(mode, mode)} in ¶" + ", ".join(map(str, sorted(set(ps))))
        for mode, ps in groups.items()
    )


def _quotes(analysis: Analysis) -> list[dict[str, Any]]:
    out = []
    for n, q in enumerate(_rows(analysis.quotes), start=1):
        speaker, cue, via = q["speaker"], q["cue"], q["via"]
        whole = "a whole sentence" if q["kind"] == "full" else "part of the writer's own sentence"
        if speaker and cue:
            rationale = f"The words stand between quotation marks, and “{cue}” credits them to {speaker}."
            why = (
                f"The analysis found a {q['kind']} quotation (marks around {whole}) and credited it to "
                f"{speaker} through the reporting verb “{cue}” near it."
            )
        elif speaker:
            rationale = f"The words stand between quotation marks; the sentence credits them to {speaker}."
            why = (
                f"The analysis found a {q['kind']} quotation and credited it to {speaker}, the speaker of "
                "the quotation before it, but found no reporting verb for it: fill in the cue."
            )
        else:
            rationale = "The words stand between quotation marks; the teacher names who said them."
            why = (
                f"The analysis found a {q['kind']} quotation but no reporting verb and no speaker near it: "
                "fill in who said it and the cue, or delete the entry if the marks do not quote anyone."
            )
        rationale += f" It is {whole}."
        if via:
            rationale += f" The article names {via} as the link the words came through."
            why += f" The words came through {via}, which the article names."
        else:
            why += " The article names no one who passed the words on (via: null)."
        out.append(
            {
                "id": f"q{n}",
                "paragraph": int(q["paragraph"]),
                "text": q["text"],
                "speaker": speaker,
                "cue": cue,
                "kind": q["kind"],
                "via": via,
                "rationale": rationale,
                "draft": True,
                "why": why,
            }
        )
    return out


def _sources(analysis: Analysis, speakers: set[str]) -> list[dict[str, Any]]:
    out = []
    for s in _rows(analysis.sources):
        kind = s["kind"] if s["kind"] in _KIND_WORDS else "person"
        appearances = [{"paragraph": int(a["paragraph"]), "mode": a["mode"]} for a in s["appearances"] or []]
        if not appearances:
            continue
        official = True if kind == "government" else False if kind in ("media", "vague collective") else None
        why = f"The analysis lists {s['name']} as {_KIND_WORDS[kind]}: {_where(appearances)}." + (
            f" Other names it knows: {', '.join(s['aliases'])}." if s["aliases"] else ""
        )
        why += (
            " It cannot tell whether this source speaks for a government: fill in 'official'."
            if official is None
            else f" 'official: {str(official).lower()}' follows from the kind; check it."
        )
        out.append(
            {
                "name": s["name"],
                "aliases": list(s["aliases"] or []),
                "kind": kind,
                "official": official,
                "appearances": appearances,
                "rationale": f"{s['name']} is {_KIND_WORDS[kind]}, {_where(appearances)}.",
                "draft": True,
                "why": why,
            }
        )
    named = {s["name"] for s in out}
    for name in sorted(speakers - named):  # a speaker the sources table does not list (rare)
        out.append(
            {
                "name": name,
                "aliases": [],
                "kind": "person",
                "official": None,
                "appearances": [{"paragraph": 0, "mode": "mentioned"}],
                "rationale": f"{name} is credited with words in the article.",
                "draft": True,
                "why": f"The analysis credits words to {name} but lists no appearance: fix its appearances.",
            }
        )
    return out


def _verb_notes() -> dict[str, str]:
    from ..lexicons import rows

    return {r["form"].casefold(): r["explanation"] for r in rows("reporting_verbs")}


def _attributions(analysis: Analysis) -> list[dict[str, Any]]:
    notes = _verb_notes()
    out = []
    for a in _rows(analysis.attributions):
        cue = a["cue"]
        note = notes.get(str(cue).casefold()) or notes.get(str(cue).split()[-1].casefold(), "")
        what = {"direct quote": "a full quotation", "partial quote": "a partial quotation"}.get(
            a["mode"], "a paraphrase"
        )
        out.append(
            {
                "paragraph": int(a["paragraph"]),
                "source": a["source"],
                "cue": cue,
                "connotation": a["connotation"],
                "mode": a["mode"],
                "rationale": f"“{cue}” credits {what} to {a['source']}. It is {a['connotation']}"
                + (f": {note[0].lower()}{note[1:]}" if note else "."),
                "draft": True,
                "why": f"The analysis found the reporting verb “{cue}” with {a['source']} as its subject; "
                f"the reporting-verb list counts “{cue}” as {a['connotation']}.",
            }
        )
    return out


def _sentence_at(article: Article, offset: Any) -> str | None:
    """The article's sentence that holds ``offset`` (None when unknown)."""
    if not isinstance(offset, int):
        return None
    rows = article.sentences
    hit = rows[(rows["start"] <= offset) & (rows["end"] > offset)]
    return str(hit["text"].iloc[0]).strip() if len(hit) else None


def _times(analysis: Analysis, article: Article) -> list[dict[str, Any]]:
    out = []
    anchor = f"the article's date ({article.date.isoformat()})" if article.date else "the article"
    for t in _rows(analysis.time_expressions):
        entry: dict[str, Any] = {"paragraph": int(t["paragraph"]), "text": t["text"]}
        if t["date"]:
            entry["date"] = t["date"]
            found = f"dated it {t['date']}, counting from {anchor}"
            rationale = f"“{t['text']}” points to {t['date']}, counted from {anchor}."
        elif t["start"] and t["end"]:
            entry.update(start=t["start"], end=t["end"])
            found = f"dated it from {t['start']} to {t['end']}, counting from {anchor}"
            rationale = f"“{t['text']}” covers {t['start']} to {t['end']}, counted from {anchor}."
        else:
            entry["vague"] = True
            found = "could not date it" if not t["vague"] else "found it in the list of vague time words"
            rationale = f"“{t['text']}” does not tell a reader which day or span it means."
        entry.update(
            event=_sentence_at(article, t.get("char_start")) or t["event"] or None,
            rationale=rationale,
            draft=True,
            why=f"The analysis found the time expression “{t['text']}” and {found}. The event is the "
            "sentence around it: shorten it to what happened then.",
        )
        out.append(entry)
    return out


def _framing(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    labels, loaded, vague = [], [], []
    for t in _rows(analysis.loaded_terms):
        explanation = t.get("explanation") or f"The word list counts it as a {t['category']}."
        base = {"paragraph": int(t["paragraph"]), "text": t["text"]}
        why = f"“{t['text']}” is in the word list of framing devices as a {t['category']}: {explanation}"
        rationale = explanation if len(explanation) >= 10 else f"“{t['text']}”: {explanation}"
        if t["category"] == "label":
            labels.append(
                {
                    **base,
                    "actor": None,
                    "neutral_alternative": t["neutral_alternative"],
                    "suggests": explanation,
                    "rationale": rationale,
                    "draft": True,
                    "why": why + " Fill in who the label is about (actor).",
                }
            )
        elif t["category"] == "vague quantity":
            vague.append({**base, "rationale": rationale, "draft": True, "why": why})
        else:
            loaded.append(
                {
                    **base,
                    "neutral_alternative": t["neutral_alternative"],
                    "rationale": rationale,
                    "draft": True,
                    "why": why,
                }
            )
    framing: dict[str, list[dict[str, Any]]] = {}
    if labels:
        framing["labels"] = labels
    if loaded:
        framing["loaded_terms"] = loaded
    if vague:
        framing["vague_quantities"] = vague
    framing["frames"] = _frames(analysis)
    return framing


def _frames(analysis: Analysis) -> list[dict[str, Any]]:
    from ..widgets._frames import ITEMS

    cues: dict[str, list[tuple[int, str]]] = {}
    for c in _rows(analysis.frame_cues):
        if c.get("item") is None or c.get("frame") not in _FRAME_LETTER:
            continue
        code = f"{_FRAME_LETTER[c['frame']]}{int(c['item'])}"
        cues.setdefault(code, []).append((int(c["paragraph"]), str(c["cue"])))
    out = []
    for item in ITEMS:
        found = sorted(set(cues.get(item["item"], [])))
        entry: dict[str, Any] = {"frame": item["frame"], "item": item["item"], "question": item["question"]}
        if found:
            words = ", ".join(f"“{cue}” (¶{p})" for p, cue in found)
            entry.update(
                answer=True,
                evidence=sorted({p for p, _ in found}),
                rationale=f"Words such as {words} point to yes.",
                why=f"Frame-cue words found: {words}. A cue word is a hint, not an answer: read the "
                "paragraphs and decide.",
            )
        else:
            entry.update(
                answer=None,
                evidence=[],
                rationale=None,
                why="The analysis found no cue word for this question: answer it yourself (yes or no), "
                "or delete it.",
            )
        entry["draft"] = True
        out.append(entry)
    return out


def _absent_voices() -> list[dict[str, Any]]:
    return [
        {
            "name": None,
            "mentioned_in": [],
            "rationale": None,
            "draft": True,
            "why": "The analysis cannot tell whose voice is missing. Ask: who is this story about, who is "
            "affected by it, who is accused or criticised - and which of them never speaks (no quote, no "
            "paraphrase)? Add one entry per missing voice, with the paragraphs that mention them, and "
            "delete this prompt.",
        }
    ]


def draft_key(article: Article | str | Path | None = None) -> dict[str, Any]:
    """A draft answer key (plain data) for an article: a shipped name, a path, or an ``Article``."""
    from ..analysis import analyze
    from ..article import load_article

    art = load_article(article)
    analysis = analyze(art)
    quotes = _quotes(analysis)
    attributions = _attributions(analysis)
    speakers = {q["speaker"] for q in quotes if q["speaker"]} | {a["source"] for a in attributions}
    data: dict[str, Any] = {"article": art.id}
    if art.date:
        data["dateline"] = art.date.isoformat()
    data.update(
        quotes=quotes,
        sources=_sources(analysis, speakers),
        attributions=attributions,
        time_expressions=_times(analysis, art),
        framing=_framing(analysis),
        absent_voices=_absent_voices(),
    )
    return data


def count(data: dict[str, Any]) -> int:
    """How many entries a key has (drafts or not), over every section.

    >>> count({"quotes": [{}, {}], "framing": {"frames": [{}]}})
    3
    """
    from ..key import SECTIONS

    total = 0
    for section in SECTIONS:
        node: Any = data
        for step in section:
            node = (node or {}).get(step) if isinstance(node, dict) else None
        total += len(node or [])
    return total


def write_draft(data: dict[str, Any], path: str | Path) -> Path:
    """Write a draft (or any) key as YAML with the draft header, atomically."""
    from ._files import dump_yaml, write_atomic

    path = Path(path)
    return write_atomic(path, dump_yaml(data, header=HEADER.format(article=data["article"], key=path.name)))


def review_notebook(key_path: Path, article_path: Path | None = None) -> dict[str, Any]:
    """A one-cell notebook (nbformat 4 as plain data) that opens the review widget on ``key_path``.

    Written by hand rather than with nbformat, whose validator takes seconds to import.

    >>> nb = review_notebook(Path("my.key.yaml"))
    >>> nb["nbformat"], nb["cells"][1]["source"].splitlines()[-1]
    (4, 'review_key("my.key.yaml")')
    """
    args = f'"{key_path.name}"'
    if article_path is not None and article_path.parent.resolve() != key_path.parent.resolve():
        args += f", article={str(article_path.resolve())!r}"
    intro = (
        "# Review the draft answer key\n\n"
        f"Run the cell below. The widget walks you through `{key_path.name}` entry by entry, with "
        "the article beside it: **Accept** an entry that is right, **Save correction** after editing its "
        "fields, **Delete** one that is wrong, and **Add** what the machine missed. "
        "Every step saves the key (a valid key, written in one piece).\n\n"
        "When no draft entry is left, generate the exercises: `medialit generate-set` "
        "(see `docs/authoring.md`)."
    )
    code = f"from medialit.authoring import review_key\n\nreview_key({args})"
    return {
        "cells": [
            {"cell_type": "markdown", "id": "review-intro", "metadata": {}, "source": intro},
            {"cell_type": "code", "execution_count": None, "id": "review-widget", "metadata": {},
             "outputs": [], "source": code},
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip


def _targets(article_arg: str, out: str | None) -> tuple[Article, Path, Path | None]:
    """The article, where the key goes, and (for a shipped article) where to copy its text."""
    from ..article import load_article

    art = load_article(article_arg)
    copy_to = None
    if art.path is None or not Path(article_arg).suffix:  # a shipped article given by name
        key = Path(out) if out else Path.cwd() / f"{art.id}.key.yaml"
        copy_to = (
            key.with_name(key.name.replace(".key.yaml", ".txt")) if key.name.endswith(".key.yaml") else None
        )
    else:
        key = Path(out) if out else art.path.with_name(f"{art.path.stem}.key.yaml")
    return art, key, copy_to


def main(argv: list[str] | None = None) -> int:
    """``medialit draft-key ARTICLE [--out KEY.yaml] [--force] [--no-notebook]``."""
    from ..article import load_article
    from ..key import validate_key

    parser = argparse.ArgumentParser(
        prog="medialit draft-key",
        description="Draft an answer key for an article from the automatic analysis. Every entry is marked "
        "'draft: true' for the teacher's review (the review widget), with the analysis's explanation.",
    )
    parser.add_argument(
        "article", help="the article: a .txt file in the kit's format, or a shipped article's name"
    )
    parser.add_argument(
        "--out",
        help="where to write the key (default: ARTICLE.key.yaml beside the article, so the kit finds it)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing key file")
    parser.add_argument(
        "--no-notebook", action="store_true", help="do not write the review notebook beside the key"
    )
    args = parser.parse_args(argv)
    art, key_path, copy_to = _targets(args.article, args.out)
    if key_path.exists() and not args.force:
        raise MedialitError(
            f"{key_path} already exists; it may hold a reviewed key.",
            hint="Give another --out, or add --force to replace it with a new draft.",
        )
    data = draft_key(art)
    if copy_to is not None and art.path is not None and not copy_to.exists():
        copy_to.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(art.path, copy_to)
        print(f"Copied the article to {copy_to} (the key's article stays beside it).")
    article_file = copy_to or art.path
    problems = validate_key(data, load_article(article_file) if article_file else art)
    if problems:  # a bug in the draft, never the teacher's fault
        raise MedialitError(
            "The draft does not validate: " + " ".join(problems[:3]), hint="Please report this."
        )
    write_draft(data, key_path)
    print(f"Wrote a draft key with {count(data)} entries to {key_path} (each marked 'draft: true').")
    if not args.no_notebook:
        notebook = key_path.with_name(f"review-{art.id}.ipynb")
        if notebook.exists() and not args.force:
            print(f"Kept the existing {notebook}.")
        else:
            from ._files import write_atomic

            nb = review_notebook(key_path, article_file)
            write_atomic(notebook, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
            print(f"Next: open {notebook} in JupyterLab and review the draft entry by entry.")
    return 0
