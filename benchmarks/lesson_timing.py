"""How long does each lesson take in class? An estimate from what a student reads, writes and clicks.

The rules (issue 10, "fit the classroom"):

- **reading** at 130 words a minute: the words of every markdown cell (answer cells excluded) and of
  the text the code cells show (tables, highlighted paragraphs, captions; found by running the
  lesson in a fresh kernel, as a student's "Run all" does);
- **3.5 minutes per written question** (each distinct ``**Question N.M**``);
- **5 minutes per widget** (each code cell that calls ``medialit.widgets.``);
- **1 minute per auto-checked question** (each ``<!-- lesson-check N.X ... -->`` marker: a choice
  or short question, see ``docs/lesson-checks.md``);
- **reading elsewhere**: a ``<!-- lesson-reading FILE#HEADING -->`` marker adds the words of the
  ``## HEADING`` section of the notebook FILE (beside the lesson), for a part of the course a lesson
  asks students to read there (lesson 0 sends them to the situation brief in ``glossary.ipynb``).

A lesson is split into sections at its ``## `` headings. A heading says how long its section takes and
whether it is core or extension, e.g. ``## 7. Cutting from the bottom · ⏱ 6 min · extension``; a
section is **extension** when its heading says "extension" or "homework", otherwise **core**. The
title, objectives and key points before the first ``## `` heading count as core. Every lesson's core
must fit a 50-minute period (``tests/test_lesson_timing.py`` checks it, and that each heading's
minutes agree with this estimate).

Usage::

    .venv/bin/python benchmarks/lesson_timing.py                  # all lessons, one table each
    .venv/bin/python benchmarks/lesson_timing.py notebooks/02_who_is_speaking.ipynb
    .venv/bin/python benchmarks/lesson_timing.py --json           # machine-readable
    .venv/bin/python benchmarks/lesson_timing.py --no-execute     # skip code outputs (faster, lower)
"""

from __future__ import annotations

import argparse
import html
import json
import math
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WORDS_PER_MINUTE = 130
MINUTES_PER_QUESTION = 3.5
MINUTES_PER_WIDGET = 5.0
MINUTES_PER_CHECK = 1.0
PERIOD = 50

QUESTION = re.compile(r"\*\*Question (\d+\.\d+)\*\*")
CHECK = re.compile(r"<!--\s*lesson-check\s+(\d+\.[A-Z])\b")
READING = re.compile(r"<!--\s*lesson-reading\s+([^#\s]+)#(.+?)\s*-->")
STATED = re.compile(r"(\d+)\s*min\b")
EXTENSION = re.compile(r"\b(extension|homework)\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z0-9À-ÿ]+(?:[’'\-][A-Za-z0-9À-ÿ]+)*")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ANSWER = "application/vnd.medialit.answer+json"  # medialit.answers.ANSWER_MIME
NOTE = "application/vnd.medialit.widget-note+json"  # the line shown only where a widget cannot be drawn


def lesson_paths() -> list[Path]:
    """The numbered lessons, in order (``notebooks/NN_*.ipynb``)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def count_words(text: str) -> int:
    """Words a student reads in a piece of markdown or plain text (markup and comments ignored).

    >>> count_words("**Question 1.2** The lede's *five* Ws (see ¶ 5) <!-- lesson-check 1.A -->")
    8
    """
    text = COMMENT.sub(" ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's address is not read
    return len(WORD.findall(text))


class _Text(HTMLParser):
    """The visible text of an HTML output (no <style> or <script>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def output_words(cell: nbformat.NotebookNode) -> int:
    """Words in what a code cell shows: HTML as rendered text, else plain text; widgets and the lines
    that keep saved answers (forms, widgets) and the 'run this cell' note of a widget not counted."""
    total = 0
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            if out.get("name") == "stdout":
                total += count_words(out.get("text", ""))
            continue
        data = out.get("data", {})
        if WIDGET_VIEW in data or ANSWER in data or NOTE in data:  # a widget, a saved answer, a note
            continue
        if "text/html" in data:
            parser = _Text()
            parser.feed(str(data["text/html"]))
            total += count_words(html.unescape(" ".join(parser.parts)))
        elif "text/markdown" in data:
            total += count_words(str(data["text/markdown"]))
        elif "text/plain" in data and "image/png" not in data:
            total += count_words(str(data["text/plain"]))
    return total


@dataclass
class Section:
    """One ``## `` section of a lesson and what it asks of a student."""

    title: str
    core: bool = True
    stated: int | None = None  # the minutes its heading states
    words: int = 0
    questions: list[str] = field(default_factory=list)
    widgets: int = 0
    checks: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        """The estimate for this section, in minutes."""
        return (
            self.words / WORDS_PER_MINUTE
            + MINUTES_PER_QUESTION * len(self.questions)
            + MINUTES_PER_WIDGET * self.widgets
            + MINUTES_PER_CHECK * len(self.checks)
        )


@dataclass
class Estimate:
    """A lesson's sections with their estimates; core and extension totals."""

    lesson: str
    sections: list[Section]

    @property
    def core(self) -> float:
        """Minutes of the core sections."""
        return sum(s.minutes for s in self.sections if s.core)

    @property
    def extension(self) -> float:
        """Minutes of the extension (or homework) sections."""
        return sum(s.minutes for s in self.sections if not s.core)

    def to_json(self) -> dict:
        """Plain data, minutes rounded to one decimal."""
        return {
            "lesson": self.lesson,
            "core": round(self.core, 1),
            "extension": round(self.extension, 1),
            "sections": [
                {**asdict(s), "minutes": round(s.minutes, 1), "questions": len(s.questions),
                 "checks": len(s.checks)}
                for s in self.sections
            ],
        }  # fmt: skip


def _heading(source: str) -> str | None:
    first = source.lstrip().splitlines()[0] if source.strip() else ""
    return first[3:].strip() if first.startswith("## ") else None


def _words_elsewhere(path: Path, heading: str) -> int:
    """Markdown words of the ``## heading`` section of another notebook (a ``lesson-reading`` marker)."""
    if not path.is_file():
        raise FileNotFoundError(f"a lesson-reading marker points to {path}, which does not exist")
    matches = [s for s in sections(nbformat.read(path, as_version=4)) if s.title.startswith(heading)]
    if not matches:
        raise ValueError(f"{path.name} has no '## {heading}' section (named by a lesson-reading marker)")
    return matches[0].words


def sections(nb: nbformat.NotebookNode, *, folder: Path = NOTEBOOKS) -> list[Section]:
    """Split a lesson into sections and count each one's words, questions, widgets and checks.

    Outputs are counted only if the notebook holds them (see ``run``); ``folder`` is where the
    files named by ``lesson-reading`` markers are.
    """
    found = [Section(title="(title, objectives and key points)")]
    seen: set[str] = set()
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown":
            title = _heading(source)
            if title is not None:
                stated = STATED.search(title)
                found.append(
                    Section(
                        title=title,
                        core=not EXTENSION.search(title),
                        stated=int(stated.group(1)) if stated else None,
                    )
                )
            if "answer" in cell.metadata.get("tags", []):
                continue
            section = found[-1]
            section.words += count_words(source)
            for number in QUESTION.findall(source):
                if number not in seen:  # a question named again later (e.g. in the recap) counts once
                    seen.add(number)
                    section.questions.append(number)
            section.checks += CHECK.findall(source)
            for name, heading in READING.findall(source):
                section.words += _words_elsewhere(folder / name, heading)
        elif cell.cell_type == "code":
            section = found[-1]
            section.widgets += source.count("medialit.widgets.")
            section.words += output_words(cell)
    return found


def course_workspace(tmp: Path) -> Path:
    """A copy of notebooks/ beside links to the repository's other top-level entries."""
    for entry in ROOT.iterdir():
        if entry.name not in {"notebooks", ".git"}:
            (tmp / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    work = tmp / "notebooks"
    work.mkdir()
    for item in NOTEBOOKS.iterdir():
        if item.is_file() and not item.name.startswith("."):
            (work / item.name).write_bytes(item.read_bytes())
    return work


def run(path: Path) -> nbformat.NotebookNode:
    """The lesson executed in a fresh kernel (in a temporary copy, so no saved answers are left behind)."""
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory() as tmp:
        work = course_workspace(Path(tmp))
        nb = nbformat.read(work / path.name, as_version=4)
        NotebookClient(
            nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(work)}}
        ).execute()
    return nb


def estimate(path: Path, *, execute: bool = True) -> Estimate:
    """The timing estimate of one lesson; ``execute=False`` skips the words its code cells show."""
    nb = run(path) if execute else nbformat.read(path, as_version=4)
    return Estimate(lesson=path.stem, sections=sections(nb, folder=path.parent))


def _table(est: Estimate) -> str:
    lines = [f"{est.lesson}", f"  {'min':>5} {'stated':>6}  {'kind':9} {'words':>5} Q  W  C  section"]
    for s in est.sections:
        stated = "" if s.stated is None else str(s.stated)
        kind = "core" if s.core else "extension"
        lines.append(
            f"  {s.minutes:5.1f} {stated:>6}  {kind:9} {s.words:5d} {len(s.questions)}  {s.widgets}  "
            f"{len(s.checks)}  {s.title[:60]}"
        )
    verdict = "fits" if est.core <= PERIOD else "TOO LONG"
    lines.append(
        f"  core {est.core:.1f} min ({verdict} a {PERIOD}-minute period); extension {est.extension:.1f} min"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print each lesson's estimate; exit 1 if a lesson's core is longer than one period."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", type=Path, help="lessons (default: notebooks/NN_*.ipynb)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--no-execute", action="store_true", help="do not run the lessons (their outputs are not counted)"
    )
    args = parser.parse_args(argv)
    estimates = [estimate(p, execute=not args.no_execute) for p in (args.lessons or lesson_paths())]
    if args.json:
        print(json.dumps([e.to_json() for e in estimates], indent=2))
    else:
        print(
            f"Reading {WORDS_PER_MINUTE} words/min; {MINUTES_PER_QUESTION} min per written question (Q), "
            f"{MINUTES_PER_WIDGET:g} per widget (W), {MINUTES_PER_CHECK:g} per auto-checked question (C).\n"
        )
        for est in estimates:
            print(_table(est), end="\n\n")
        print("lesson                                   core  extension")
        for est in estimates:
            print(f"{est.lesson:40} {math.ceil(est.core):4d} {math.ceil(est.extension):10d}")
    return 0 if all(e.core <= PERIOD for e in estimates) else 1


if __name__ == "__main__":
    sys.exit(main())
