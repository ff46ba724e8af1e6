"""Shared by the authoring tests: the three test articles, and a teacher's review replayed through the
review widget's own methods.

The reviewed keys in ``tests/authoring/keys/`` are the keys a teacher (we) made by reviewing the
machine's drafts in the review widget (``tests/authoring/NOTES.md`` says what had to be corrected).
:func:`replay` repeats that review on a fresh draft, entry by entry, with the widget's methods (go,
set_values, accept, save_correction, delete, start_add, save_new): each draft entry is accepted when
the reviewed key has it unchanged, corrected to the reviewed key's fields when it has it changed,
merged when its name became another name of a source, and deleted when the reviewed key dropped it;
what the machine missed is added. When the analysis improves, the draft changes and so do the counts,
but the review still ends at the same reviewed key.
"""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from medialit.authoring import review as R

ROOT = Path(__file__).resolve().parent.parent
KEYS = ROOT / "tests" / "authoring" / "keys"
#: the two shipped sample articles and one openly licensed article of the development set (VOA, public domain)
ARTICLES = {
    "voa-asean-chief-2013-01-09": ROOT / "data" / "articles" / "voa-asean-chief-2013-01-09.txt",
    "voa-asean-ministers-2009-07-22": ROOT / "data" / "articles" / "voa-asean-ministers-2009-07-22.txt",
    "voa-senegal-election-2019-02-24": ROOT
    / "tests"
    / "devset"
    / "dev"
    / "articles"
    / "voa-senegal-election-2019-02-24.txt",
}


def reviewed_key(article_id: str) -> dict[str, Any]:
    """The committed reviewed key of a test article, as data."""
    return yaml.safe_load((KEYS / f"{article_id}.key.yaml").read_text(encoding="utf-8"))


def article_copy(folder: Path, article_id: str) -> Path:
    """The test article copied into ``folder`` (where its key will go)."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(ARTICLES[article_id], folder / f"{article_id}.txt"))


def reviewed_copy(folder: Path, article_id: str) -> Path:
    """The article and its reviewed key in ``folder``; returns the article's path."""
    path = article_copy(folder, article_id)
    shutil.copyfile(KEYS / f"{article_id}.key.yaml", folder / f"{article_id}.key.yaml")
    return path


def _ident(section: str, entry: dict[str, Any]) -> Any:
    if section in ("sources", "absent_voices"):
        return entry.get("name")
    if section == "frames":
        return entry.get("item")
    if section == "attributions":
        return (entry.get("paragraph"), entry.get("cue"))
    return (entry.get("paragraph"), entry.get("text"))


def _plain(section: str, entry: dict[str, Any]) -> dict[str, Any]:
    ignore = {"draft", "why", "id"} if section == "quotes" else {"draft", "why"}
    return {k: v for k, v in entry.items() if k not in ignore}


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """Key data with each reviewed section's entries in a fixed order (quotation ids ignored)."""
    out = copy.deepcopy({k: v for k, v in data.items() if k not in ("quotes", "sources", "attributions",
                                                                    "time_expressions", "absent_voices",
                                                                    "unattributed", "framing")})  # fmt: skip
    for s in R.SECTIONS:
        rows = sorted(
            (_plain(s.name, e) for e in R.entries(data, s.name)), key=lambda e: repr(_ident(s.name, e))
        )
        if rows:
            out[s.name] = rows
    return out


def _index(widget: Any, section: str, ident: Any) -> int:
    rows = R.entries(widget.data, section)
    return next(i for i, e in enumerate(rows) if _ident(section, e) == ident)


def _form(section: str, entry: dict[str, Any]) -> dict[str, Any]:
    return R.form_values(section, entry)


def replay(widget: Any, target: dict[str, Any]) -> None:
    """Review the widget's draft until it is ``target`` (see the module's docstring)."""
    wanted = {s.name: {_ident(s.name, e): e for e in R.entries(target, s.name)} for s in R.SECTIONS}
    draft_sources = {e["name"] for e in R.entries(widget.data, "sources")}
    aliases = {a: t["name"] for t in R.entries(target, "sources") for a in t.get("aliases") or []}
    # 1. sources the machine missed (quotations and cues may name them)
    for name, entry in wanted["sources"].items():
        if name not in draft_sources and name not in {aliases.get(d) for d in draft_sources}:
            widget.start_add("sources")
            widget.set_values(**_form("sources", entry))
            widget.save_new()
    # 2. a source the reviewed key knows under another name: renamed (merged when that name is taken)
    for name in sorted(draft_sources - set(wanted["sources"])):
        if name in aliases:
            widget.go("sources", _index(widget, "sources", name))
            widget.set_values(**_form("sources", wanted["sources"][aliases[name]]))
            widget.save_correction()
    # 3. every draft entry: accepted, corrected, or set aside to be deleted
    doomed: list[tuple[str, Any]] = []
    placeholders_used: set[Any] = set()
    for s in R.SECTIONS:
        for ident in [_ident(s.name, e) for e in R.entries(widget.data, s.name) if e.get("draft")]:
            target_entry = wanted[s.name].get(ident)
            if target_entry is None and s.name == "absent_voices" and ident is None:  # the prompt entry
                drafted = {_ident(s.name, e) for e in R.entries(widget.data, s.name)}
                free = [k for k in wanted[s.name] if k not in drafted and k not in placeholders_used]
                if free:
                    placeholders_used.add(free[0])
                    target_entry = wanted[s.name][free[0]]
            widget.go(s.name, _index(widget, s.name, ident))
            if target_entry is None:
                doomed.append((s.name, ident))
            elif _plain(s.name, widget.entry) == _plain(s.name, target_entry):
                widget.accept()
            else:
                widget.set_values(**_form(s.name, target_entry))
                widget.save_correction()
    # 4. deletions: what names a source first, the sources last
    for section, ident in sorted(doomed, key=lambda d: d[0] == "sources"):
        widget.go(section, _index(widget, section, ident))
        widget.delete()
    # 5. what the machine missed
    for s in R.SECTIONS:
        present = {_ident(s.name, e) for e in R.entries(widget.data, s.name)}
        for ident, entry in wanted[s.name].items():
            if ident not in present and s.name != "sources":
                widget.start_add(s.name)
                widget.set_values(**_form(s.name, entry))
                widget.save_new()


def build_course(course: Path, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """A course folder with one generated set per test article (from the reviewed keys)."""
    from medialit.authoring.generate import generate_set

    made = {}
    for article_id in ARTICLES:
        source = course / "articles"
        path = reviewed_copy(source, article_id)
        made[article_id] = generate_set(path, course=course, config=dict(config or {}))
    return made


@contextlib.contextmanager
def sets_kept_apart() -> Iterator[pytest.MonkeyPatch]:
    """Generated sets made or searched inside stay out of other tests: the search path (the
    ``MEDIALIT_SETS`` variable and the folders registered in this process) is put back afterwards."""
    from medialit.exercises import _course

    saved = os.environ.get(_course.ENV)  # put back by hand: monkeypatch forgets a variable it did not see
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_course, "_registered", list(_course._registered))
            yield mp
    finally:
        if saved is None:
            os.environ.pop(_course.ENV, None)
        else:
            os.environ[_course.ENV] = saved


@pytest.fixture(autouse=True)
def _sets_kept_apart() -> Iterator[None]:
    """(autouse where imported) every test's generated sets stay its own."""
    with sets_kept_apart():
        yield
