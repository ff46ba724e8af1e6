"""The timeline widget: put each time expression on the calendar, get feedback, see the timeline."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import Path
from typing import Any

import ipywidgets as w

from .._style import box_html, esc
from ..article import Article
from ..scoring import fmt
from ..scoring import timeline as rule
from ._base import MedialitWidget, bound_question, button, figure_html
from ._common import load_reference
from ._keyguard import sr_only

__all__ = ["Timeline", "timeline"]

_TONE = {1.0: ("✓", "right"), 0.5: ("½", "missed"), 0.0: ("✗", "wrong"), None: ("?", "missed")}


def _date(value: Any) -> _dt.date | None:
    """A date from a ``date`` or an ISO string (None if it is neither)."""
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class Timeline(MedialitWidget):
    """See :func:`timeline`."""

    kind = "timeline"
    widget_name = "timeline"
    scoring_kind = "timeline"

    def __init__(self, ref, *, save_as: str | None, question=None) -> None:
        dateline = ref.article.date
        when = dateline.strftime("%A %d %B %Y") if dateline else "not given"
        super().__init__(
            ref,
            title="Timeline",
            save_as=save_as,
            question=question,
            intro=f"The dateline is {when}. For each time expression, choose the date it refers to (for a "
            "period, any day in it), or tick “too vague to date”. Feedback appears at once; Check gives "
            "the score; “Draw timeline” plots the events.",
        )
        self._free = rule.spec_from(ref)
        self.rows = [{"id": rid, **item} for rid, item in self.spec()["items"].items()]
        self.pickers: dict[str, w.DatePicker] = {}
        self.vague: dict[str, w.Checkbox] = {}
        self.row_feedback: dict[str, w.HTML] = {}
        self.results: dict[str, tuple[float | None, str]] = {}
        boxes: list[w.Widget] = []
        for row in self.rows:
            rid = row["id"]
            picker = w.DatePicker(
                value=None,
                tooltip=f"The date of “{row['text']}”",
                **sr_only("Date", f"of “{row['text']}” (¶{row['paragraph']})"),
            )
            vague = w.Checkbox(  # its label is the visible text next to the box: it names the row itself
                value=False,
                description=f"“{row['text']}” is too vague to date",
                indent=False,
                tooltip=f"“{row['text']}” cannot be put on a calendar",
            )
            picker.observe(self.guard(lambda ch, rid=rid: self._on_change(rid)), names="value")
            vague.observe(self.guard(lambda ch, rid=rid: self._on_change(rid)), names="value")
            self.pickers[rid], self.vague[rid] = picker, vague
            self.row_feedback[rid] = w.HTML()
            self.row_feedback[rid].add_class("medialit-live")  # feedback comes as they choose
            event = f" — {esc(row['event'])}" if row.get("event") else ""
            boxes.append(
                w.VBox(
                    [
                        w.HTML(
                            f"<div><strong>¶{row['paragraph']}</strong> “{esc(row['text'])}”{event}</div>"
                        ),
                        w.HBox([picker, vague]),
                        self.row_feedback[rid],
                    ],
                    layout=w.Layout(margin="0 0 4px 0"),
                )
            )
        if not self.rows:
            boxes.append(w.HTML(box_html(f"{esc(ref.label.capitalize())} finds no time expressions.")))
        self.check_button = button(
            "Check", "Check your dates against " + ref.label, icon="check", style="primary"
        )
        self.draw_button = button(
            "Draw timeline", "Plot the events at your dates and at " + ref.label + "'s", icon="calendar"
        )
        self.summary = w.HTML()
        self.summary.add_class("medialit-summary")
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.feedback.add_class("medialit-live")
        self.chart = w.HTML()
        self.check_button.on_click(self.guard(lambda _: self.check()))
        self.draw_button.on_click(self.guard(lambda _: self.draw()))
        self._finish(
            [*boxes, w.HBox([self.check_button, self.draw_button]), self.summary, self.feedback, self.chart]
        )

    def set_date(self, rid: str, value: _dt.date | str | None, *, vague: bool = False) -> None:
        """Fill in a row from code (what a student does with the date picker)."""
        self.vague[rid].value = vague
        self.pickers[rid].value = _date(value)

    def _on_change(self, rid: str) -> None:
        if self.sealed:  # no judgement per row: the teacher marks it
            self._changed()
            return
        row = next(r for r in self.rows if r["id"] == rid)
        day = self.pickers[rid].value
        credit, message = rule.judge(row, day.isoformat() if day else None, self.vague[rid].value)
        self.results[rid] = (credit, message)
        symbol, tone = _TONE.get(credit, _TONE[0.0])
        self.row_feedback[rid].value = box_html(
            f"<span aria-hidden='true'>{symbol}</span> {esc(message)}", tone=tone
        )
        shares = sum(c for c, _ in self.results.values() if c)
        self.summary.value = (
            f"<div>{fmt(shares)} of {len(self.rows)} time expressions placed right so far.</div>"
        )
        self._changed()

    def free_spec(self) -> dict[str, Any]:
        """Every time expression of the reference."""
        return self._free

    def check(self) -> None:
        """Show the verdict and the score (the same as ``check()`` for an exercise question)."""
        self.feedback.value = self.result_html(dataclasses.replace(self.score(), items=()))

    def draw(self) -> None:
        """Show the events on a timeline: your dates beside the reference's."""
        events = []
        for row in self.rows:
            mine = self.pickers[row["id"]].value
            events.append(
                {
                    "paragraph": row["paragraph"],
                    "text": row["text"],
                    "event": row["event"],
                    **_span(row["answer"]),
                    "student_date": mine.isoformat() if mine else None,
                    "student_vague": bool(self.vague[row["id"]].value),
                }
            )
        listed = "".join(
            f"<li>¶{e['paragraph']} “{esc(e['text'])}”: yours {esc(e['student_date'] or '—')}; "
            f"{esc(self.ref.label)} "
            + esc(e["date"] or (f"{e['start']} to {e['end']}" if e["start"] else "too vague to date"))
            + "</li>"
            for e in events
        )
        self.chart.value = (
            f"<details><summary>Timeline as a list</summary><ul>{listed}</ul></details>"
            + _timeline_figure(events, self.ref.label)
        )

    def _answer(self) -> dict[str, Any]:
        dates = {}
        for row in self.rows:
            value = self.pickers[row["id"]].value
            dates[row["id"]] = {
                "paragraph": row["paragraph"],
                "text": row["text"],
                "date": value.isoformat() if value else None,
                "vague": bool(self.vague[row["id"]].value),
            }
        return {"article": self.article.id, "dates": dates}

    def _restore(self, answer: Any) -> None:
        for rid, saved in answer["dates"].items():
            if rid in self.pickers:
                self.set_date(rid, saved.get("date"), vague=bool(saved.get("vague")))


def _span(answer: Any) -> dict[str, Any]:
    """The reference's date, start, end and vague for one expression (what the plot draws)."""
    if answer == "vague":
        return {"date": None, "start": None, "end": None, "vague": True}
    if isinstance(answer, str):
        return {"date": answer, "start": None, "end": None, "vague": False}
    return {"date": None, "start": answer[0], "end": answer[1], "vague": False}


def _timeline_figure(events: list[dict[str, Any]], label: str) -> str:
    """Two timelines: the student's dates, then the reference's."""
    try:
        import pandas as pd

        from .. import plots
    except ModuleNotFoundError:
        return ""
    answered = [e for e in events if e["student_date"] or e["student_vague"]]
    mine = pd.DataFrame(
        [
            {
                "paragraph": e["paragraph"],
                "text": e["text"],
                "date": e["student_date"],
                "start": None,
                "end": None,
                "vague": not e["student_date"],
            }
            for e in answered
        ],
        columns=["paragraph", "text", "date", "start", "end", "vague"],
    )
    theirs = pd.DataFrame(
        [{k: e[k] for k in ("paragraph", "text", "date", "start", "end", "vague")} for e in events]
    )
    parts = []
    for title, table in (("Your dates", mine), (label.capitalize(), theirs)):
        if not table["vague"].eq(False).any():
            parts.append(f"<p>{esc(title)}: nothing dated yet.</p>")
            continue
        fig = plots.timeline(table)
        fig.suptitle(title, fontsize=10)
        missing = len(events) - len(answered) if table is mine else 0
        plots.set_alt(
            fig,
            f"{title}. {getattr(fig, 'medialit_alt', '')}"
            + (f" Not answered yet: {missing}." if missing else ""),
        )
        parts.append(figure_html(fig))
    return "".join(parts)


def timeline(
    article: Article | str | Path | None = None, *, key: Any = None, save_as: str | None = None
) -> Timeline:
    """Date each time expression of the article; feedback says right, off by N days, or vague.

    ``key``: an answer key, None (the article's own, else the automatic analysis) or False.
    ``save_as="<set>.<question>"`` saves the answer.

    Answer format (``widget.answer``); ``date`` is an ISO date or null, ``vague`` true when the
    student ticked "too vague to date"::

        {"article": "<article id>",
         "dates": {"p<paragraph>:<text>": {"paragraph": int, "text": str,
                                           "date": "YYYY-MM-DD" | null, "vague": bool}, ...}}

    >>> t = timeline()
    >>> t.set_date("p12:a day after", "2021-12-13")
    >>> t.results["p12:a day after"][0], t.answer["dates"]["p12:a day after"]["date"]
    (1.0, '2021-12-13')
    """
    question = bound_question(save_as, "timeline")
    if article is None and question is not None:
        article = question.article or None
    return Timeline(load_reference(article, key), save_as=save_as, question=question)
