"""What the grader writes: the gradebook, one feedback page per student and exercise, item analysis.

* ``gradebook.csv``: ``student, exercise, status, score, max_score``, then one column per question
  (``ex01.q1``, ...): auto-graded points; open questions stay blank for the teacher;
* ``details.csv``: the same rows with the file, a plain-language detail and the seconds taken;
* ``feedback/<student>_<exercise>.html``: friendly, escaped, one verdict and explanation per question,
  rendered from ``templates/feedback.html.j2`` (Jinja2, autoescape on);
* ``item_analysis.png`` and ``item_analysis.txt``: score distribution and success rate per question.

>>> safe_filename("Zoë O'Neil / 3B")
'Zoë_O_Neil_3B'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from .._safe_csv import safe_writer
from .._style import OKABE_ITO, TONES
from .._terminal import clean
from ..scoring import MARKS, verdict_colour
from . import STATUSES
from ._discover import display_name
from .grader import Row

__all__ = [
    "feedback_html",
    "gradebook_columns",
    "item_analysis",
    "safe_filename",
    "summary_table",
    "write_all",
    "write_gradebook",
]

_STATUS_SENTENCE = {
    "ok": "Your notebook ran from top to bottom and every answer was found.",
    "missing-answers": "Your notebook ran, but some answers were not found in it. "
    "Did a cell get deleted or renamed? Those questions got no points.",
    "timeout": "Your notebook took too long to run (a cell may loop forever), so it was stopped. "
    "The answers you gave before that point were graded.",
    "memory": "Your notebook used too much memory, so it was stopped. "
    "The answers you gave before that point were graded.",
    "crashed": "Your notebook stopped unexpectedly while it ran. "
    "The answers you gave before that were graded.",
    "invalid-notebook": "This file could not be opened as a notebook, so it could not be graded. "
    "Please hand in the .ipynb file you worked in (File → Save, then download it).",
    "not-an-exercise": "This notebook is not one of the exercise notebooks, so it could not be graded. "
    "Please check that you handed in the right file.",
}


def safe_filename(text: str) -> str:
    """A file-name-safe version of ``text`` (letters, digits, ``-``, ``.``, ``_``)."""
    cleaned = re.sub(r"[^\w.\-]+", "_", text, flags=re.UNICODE).strip("._")
    return cleaned[:80] or "student"


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def gradebook_columns(rows: list[Row]) -> list[tuple[str, str, str]]:
    """``(column, set id, question id)`` for every question of every set in ``rows``, in order."""
    from medialit import exercises

    columns = []
    for set_id in sorted({r.exercise for r in rows if r.exercise}):
        for q in exercises.get_set(set_id).questions:
            columns.append((f"{set_id}.{q.id}", set_id, q.id))
    return columns


def write_gradebook(rows: list[Row], out: Path) -> Path:
    """Write ``gradebook.csv`` and ``details.csv``; return the gradebook's path."""
    columns = gradebook_columns(rows)
    path = out / "gradebook.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = safe_writer(handle)
        writer.writerow(["student", "exercise", "status", "score", "max_score", *(c for c, _, _ in columns)])
        for row in rows:
            points = {}
            if row.result is not None:
                points = {q.question: q.points for q in row.result.questions}  # open: the teacher's mark
            cells = [_fmt(points.get(qid)) if set_id == row.exercise else "" for _, set_id, qid in columns]
            writer.writerow(
                [row.student, row.exercise, row.status, _fmt(row.score), _fmt(row.max_score), *cells]
            )
    with (out / "details.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = safe_writer(handle)
        writer.writerow(["student", "exercise", "status", "score", "max_score", "file", "seconds", "detail"])
        for row in rows:
            writer.writerow(
                [
                    row.student,
                    row.exercise,
                    row.status,
                    _fmt(row.score),
                    _fmt(row.max_score),
                    display_name(str(row.file)),
                    f"{row.seconds:.2f}",
                    row.detail,
                ]
            )
    return path


@cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("feedback.html.j2")


def _question_rows(row: Row) -> list[dict[str, Any]]:
    rows = []
    for q in row.result.questions:
        mark, colour = MARKS.get(q.verdict, "•"), verdict_colour(q.verdict)
        if q.auto:
            points, verdict = f"{_fmt(q.points or 0)} / {_fmt(q.max_points)}", q.verdict
        elif q.points is not None:  # marked by the teacher (medialit mark)
            points = f"{_fmt(q.points)} / {_fmt(q.max_points)}"
            verdict = "marked by your teacher" if q.verdict == "open" else q.verdict
        else:
            points, verdict = "—", "graded by your teacher"
        text = q.feedback or ""
        if not q.auto and q.points is None:
            text = (text + " " if text else "") + "Your teacher will read and grade this answer."
        elif q.question in row.missing and row.status in ("timeout", "memory", "crashed"):
            text = "Your notebook stopped before it reached this answer, so it got no points."
        elif q.question in row.missing:
            text = "No answer to this question was found in your notebook (deleted or renamed cell?)."
        rows.append(
            {
                "id": q.question,
                "number": q.number or q.question,
                "title": q.title,
                "verdict": q.verdict,
                "verdict_text": verdict,
                "mark": mark,
                "colour": colour,
                "points": points,
                "points_value": _fmt(q.points) if q.points is not None else "",
                "text": text,
                "hint": q.hint if getattr(q, "hint", "") and q.verdict != "correct" else "",
                "rule": getattr(q, "rule", "") if q.verdict in ("partly", "not yet") else "",
            }
        )
    return rows


def feedback_html(row: Row) -> str:
    """The feedback page for one row, as a complete HTML document (a Jinja2 template, escaped).

    >>> page = feedback_html(Row(student="<Ana>", file=Path("a.ipynb"), status="invalid-notebook",
    ...                          detail="The file is empty."))
    >>> "&lt;Ana&gt;" in page and "<Ana>" not in page
    True
    """
    set_title = ""
    if row.exercise:
        try:
            from medialit import exercises

            set_title = exercises.get_set(row.exercise).title
        except Exception:
            set_title = ""
    scored = row.score is not None and row.max_score is not None
    return _template().render(
        student=row.student,
        title=row.exercise or display_name(row.file.name),
        set_title=set_title,
        file=display_name(row.file.name),
        status_sentence=_STATUS_SENTENCE.get(row.status, ""),
        note_colour=TONES["info"],
        score=_fmt(row.score) if scored else None,
        max_score=_fmt(row.max_score) if scored else None,
        questions=_question_rows(row) if row.result is not None else [],
    )


def write_feedback(rows: list[Row], out: Path) -> list[Path]:
    """Write one feedback page per row under ``out/feedback/``; return the paths."""
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    used: Counter[str] = Counter()
    written = []
    for row in rows:
        stem = f"{safe_filename(row.student)}_{safe_filename(row.exercise or display_name(row.file.stem))}"
        used[stem] += 1
        if used[stem] > 1:
            stem = f"{stem}-{used[stem]}"
        path = folder / f"{stem}.html"
        path.write_text(feedback_html(row), encoding="utf-8")
        written.append(path)
    return written


def _success_rates(rows: list[Row]) -> list[tuple[str, float, int]]:
    """``(question column, mean share of points, number of submissions)`` for auto questions."""
    totals: dict[str, list[float]] = defaultdict(list)
    order: list[str] = []
    for row in rows:
        if row.result is None:
            continue
        for q in row.result.questions:
            if not q.auto or not q.max_points:
                continue
            key = f"{row.exercise}.{q.question}"
            if key not in totals:
                order.append(key)
            totals[key].append((q.points or 0.0) / q.max_points)
    order.sort(key=lambda key: key.split(".", 1)[0])  # by set, questions in their own order
    return [(key, sum(totals[key]) / len(totals[key]), len(totals[key])) for key in order]


def item_analysis(rows: list[Row], out: Path) -> tuple[Path, Path]:
    """Draw ``item_analysis.png`` (score distribution, success per question) and write its description."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    scored = [r for r in rows if r.score is not None and r.max_score]
    percents = [100.0 * r.score / r.max_score for r in scored]  # type: ignore[operator]
    rates = _success_rates(rows)
    with plt.rc_context({"font.size": 10, "axes.spines.top": False, "axes.spines.right": False}):
        fig, (left, right) = plt.subplots(
            1, 2, figsize=(11, max(4.0, 0.3 * len(rates) + 1.5)), gridspec_kw={"width_ratios": [1, 1.3]}
        )
        if percents:
            left.hist(
                percents,
                bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001],
                color=OKABE_ITO["blue"],
                edgecolor="white",
            )
        else:
            left.text(0.5, 0.5, "no graded submissions", ha="center", va="center", transform=left.transAxes)
        left.set_title("Score distribution")
        left.set_xlabel("score (% of auto-graded points)")
        left.set_ylabel("number of submissions")
        left.set_xlim(0, 100)
        names = [key for key, _, _ in rates]
        values = [100 * rate for _, rate, _ in rates]
        colours = [OKABE_ITO["vermillion"] if v < 50 else OKABE_ITO["bluish green"] for v in values]
        hatches = ["xx" if v < 50 else "" for v in values]
        bars = right.barh(names, values, color=colours, edgecolor="black", linewidth=0.5)
        for bar, hatch, value in zip(bars, hatches, values, strict=True):
            bar.set_hatch(hatch)
            right.text(min(value + 1, 88), bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center")
        right.invert_yaxis()
        right.set_xlim(0, 100)
        right.axvline(50, color=OKABE_ITO["black"], linestyle=":", linewidth=1)
        right.set_title("Success rate per question (hatched: below 50%)")
        right.set_xlabel("mean share of points earned (%)")
        right.set_ylabel("question")
        fig.suptitle(f"Item analysis: {len(scored)} graded submission{'s' if len(scored) != 1 else ''}")
        # fixed margins: tight_layout would draw the whole figure once more just to measure it
        height = fig.get_figheight()
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.55 / height, top=1 - 0.75 / height, wspace=0.22)
        png = out / "item_analysis.png"
        fig.savefig(png, dpi=90)
        plt.close(fig)
    lines = [f"Item analysis of {len(scored)} graded submissions (out of {len(rows)} files)."]
    if percents:
        ordered = sorted(percents)
        median = ordered[len(ordered) // 2]
        lines.append(
            f"Scores (share of auto-graded points): mean {sum(percents) / len(percents):.0f}%, "
            f"median {median:.0f}%, lowest {ordered[0]:.0f}%, highest {ordered[-1]:.0f}%."
        )
        bands = Counter(min(int(p // 10), 9) for p in percents)
        lines.append(
            "Distribution: "
            + ", ".join(f"{10 * b}-{10 * b + 10}%: {bands[b]}" for b in range(10) if bands[b])
            + "."
        )
    if rates:
        hardest = sorted(rates, key=lambda r: r[1])[:3]
        lines.append("Hardest questions: " + ", ".join(f"{k} ({100 * v:.0f}%)" for k, v, _ in hardest) + ".")
        lines.append("Success rate per question (mean share of points earned):")
        lines += [f"  {key}: {100 * rate:.0f}% of {n} submissions" for key, rate, n in rates]
    txt = out / "item_analysis.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return png, txt


def summary_table(rows: list[Row], isolation: dict[str, Any] | None = None) -> str:
    """A short plain-text summary for the terminal.

    >>> print(summary_table([Row(student="a", file=Path("a.ipynb"), status="invalid-notebook",
    ...                          detail="The file is empty.")]))
    Graded 1 file(s).
      invalid-notebook     1
    <BLANKLINE>
    Needs a look:
      a  a.ipynb  invalid-notebook: The file is empty.
    """
    counts = Counter(r.status for r in rows)
    lines = [f"Graded {len(rows)} file(s)."]
    lines += [f"  {status:<20} {counts[status]}" for status in STATUSES if counts[status]]
    by_set: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.exercise and row.score is not None:
            by_set[row.exercise].append(row)
    if by_set:
        lines += ["", f"  {'exercise':<10} {'submissions':>11} {'mean score':>11} {'max':>5}"]
        for set_id, group in sorted(by_set.items()):
            mean = sum(r.score or 0 for r in group) / len(group)
            lines.append(f"  {set_id:<10} {len(group):>11} {mean:>11.1f} {_fmt(group[0].max_score):>5}")
    problems = [r for r in rows if r.status != "ok"]
    if problems:
        lines += ["", "Needs a look:"]
        lines += [
            f"  {clean(r.student)}  {clean(r.file.name)}  {r.status}: {clean(r.detail)}"
            for r in problems[:40]
        ]
        if len(problems) > 40:
            lines.append(f"  ... and {len(problems) - 40} more (see details.csv)")
    if isolation:
        from ._sandbox import describe

        lines += ["", clean(describe(isolation))]
    return "\n".join(lines)


def write_all(rows: list[Row], out: Path) -> dict[str, Path]:
    """Write every output file into ``out``; return them by name."""
    from ._record import write_records
    from .marks import merge_marks

    out.mkdir(parents=True, exist_ok=True)
    write_records(rows, out)  # answers.jsonl: what marking, export and the next run build on
    rows = merge_marks(rows, out)  # the teacher's marks (medialit mark) into the open questions
    gradebook = write_gradebook(rows, out)
    write_feedback(rows, out)
    png, txt = item_analysis(rows, out)
    return {"gradebook": gradebook, "feedback": out / "feedback", "item_analysis": png, "description": txt}
