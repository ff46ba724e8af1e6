"""Every lesson's core fits a class period, by the estimate in ``benchmarks/lesson_timing.py``.

The estimate: reading at 130 words a minute (markdown and the text code cells show), 3.5 minutes per
written question, 5 per widget, 1 per auto-checked question. Each ``## `` heading states its section's
minutes and whether it is core or extension; these tests keep the stated minutes honest.
"""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("lesson_timing", ROOT / "benchmarks" / "lesson_timing.py")
timing = importlib.util.module_from_spec(_spec)
sys.modules["lesson_timing"] = timing
_spec.loader.exec_module(timing)

LESSONS = timing.lesson_paths()
TIME_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes")


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _nb(*cells: tuple[str, str], tags: dict[int, list[str]] | None = None) -> nbformat.NotebookNode:
    made = []
    for i, (kind, source) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        if tags and i in tags:
            cell.metadata["tags"] = tags[i]
        made.append(cell)
    return nbformat.v4.new_notebook(cells=made)


# --- the rules (fast) -----------------------------------------------------------------------


def test_words_are_counted_without_markup_links_or_comments():
    assert timing.count_words("**Bold** [the glossary](glossary.ipynb) <!-- lesson-check 1.A -->") == 3
    assert timing.count_words("Niinistö’s ex-Soviet ¶ 5") == 3


def test_sections_follow_headings_and_count_questions_widgets_and_checks_once():
    nb = _nb(
        ("md", "# Lesson 9\n\n**Time:** about 10 minutes."),
        ("md", "## 1. First · ⏱ 9 min\n\n**Question 9.1** Why?\n<!-- lesson-check 9.A: x -->"),
        ("md", "✏️ Your answer to **Question 9.1**:\n\nmany many words here"),
        ("code", "medialit.widgets.highlighter(article)"),
        ("md", "## 2. More · ⏱ 4 min · extension\n\n**Question 9.2** And?"),
        ("md", "## Recap · ⏱ 1 min\n\n**Question 9.1** named again"),
        tags={2: ["answer"]},
    )
    intro, first, more, recap = timing.sections(nb)
    assert (first.title, first.stated, first.core) == ("1. First · ⏱ 9 min", 9, True)
    assert first.questions == ["9.1"] and first.widgets == 1 and first.checks == ["9.A"]
    assert first.minutes == pytest.approx(first.words / 130 + 3.5 + 5 + 1)
    assert first.words == timing.count_words(nb.cells[1].source)  # answer cells are not reading
    assert (more.core, more.questions) == (False, ["9.2"])
    assert recap.questions == []  # a question named again in the recap counts once
    estimate = timing.Estimate("x", [intro, first, more, recap])
    assert estimate.extension == pytest.approx(more.minutes)
    assert estimate.core == pytest.approx(intro.minutes + first.minutes + recap.minutes)


def test_a_lesson_with_too_much_core_work_is_reported_too_long(tmp_path, capsys):
    questions = "\n\n".join(f"**Question 9.{i}** Explain." for i in range(1, 16))
    nb = _nb(("md", "# Lesson 9"), ("md", f"## 1. Everything · ⏱ 53 min\n\n{questions}"), ("code", "1 + 1"))
    path = tmp_path / "09_long.ipynb"
    nbformat.write(nb, path)
    assert timing.estimate(path, execute=False).core > timing.PERIOD
    assert timing.main([str(path), "--no-execute"]) == 1
    assert "TOO LONG" in capsys.readouterr().out


def test_a_reading_marker_counts_the_section_it_names(tmp_path):
    other = _nb(
        ("md", "# Other"), ("md", "## The brief\n\none two three four"), ("md", "## Glossary\n\nfive six")
    )
    nbformat.write(other, tmp_path / "other.ipynb")
    nb = _nb(("md", "## 1. Read · ⏱ 1 min\n\nRead it. <!-- lesson-reading other.ipynb#The brief -->"))
    (_, read) = timing.sections(nb, folder=tmp_path)
    own = timing.count_words(nb.cells[0].source)
    assert read.words == own + timing.count_words("## The brief\n\none two three four")
    broken = _nb(("md", "## 1. Read\n\n<!-- lesson-reading other.ipynb#No such part -->"))
    with pytest.raises(ValueError, match="No such part"):
        timing.sections(broken, folder=tmp_path)


@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_every_section_heading_states_its_minutes(path: Path):
    nb = nbformat.read(path, as_version=4)
    sections = timing.sections(nb, folder=path.parent)[1:]
    missing = [s.title for s in sections if s.stated is None]
    assert not missing, f"{path.name}: these headings give no '⏱ N min': {missing}"
    intro = nb.cells[0].source
    assert TIME_LINE.search(intro), f"{path.name}: the first cell should say '**Time:** about N minutes'"


# --- the estimate (runs each lesson once) ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=_ids(LESSONS))
def test_lesson_core_fits_a_fifty_minute_period_and_headings_state_the_estimate(path: Path):
    est = timing.estimate(path)
    assert est.core <= timing.PERIOD, (
        f"{path.name}: the core takes about {est.core:.1f} minutes, more than {timing.PERIOD}; "
        "mark a section as extension or shorten it"
    )
    for section in est.sections[1:]:
        assert abs(section.stated - section.minutes) <= 2, (
            f"{path.name}, '{section.title}': the heading says {section.stated} min, "
            f"the estimate is {section.minutes:.1f}; update the heading"
        )
    stated = int(TIME_LINE.search(nbformat.read(path, as_version=4).cells[0].source).group(1))
    assert abs(stated - math.ceil(est.core)) <= 2, f"{path.name}: 'Time: about {stated}', est. {est.core:.1f}"
