"""The timeline widget: put each time expression on the calendar, get feedback, see the timeline."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..article import Article
from ._base import MedialitWidget, button, figure_html
from ._common import box_html, esc, load_reference
from ._date_logic import judge_date, parse_date, time_rows

__all__ = ["Timeline", "timeline"]

_TONE = {True: ("✓", "right"), False: ("✗", "wrong"), None: ("?", "missed")}


class Timeline(MedialitWidget):
    """See :func:`timeline`."""

    kind = "timeline"

    def __init__(self, ref, *, save_as: str | None) -> None:
        dateline = ref.article.date
        when = dateline.strftime("%A %d %B %Y") if dateline else "not given"
        super().__init__(
            ref,
            title="Timeline",
            save_as=save_as,
            intro=f"The dateline is {when}. For each time expression, choose the date it refers to (for a "
            "period, any day in it), or tick “too vague to date”. Feedback appears at once; “Draw "
            "timeline” plots the events.",
        )
        self.rows = time_rows(ref)
        self.pickers: dict[str, w.DatePicker] = {}
        self.vague: dict[str, w.Checkbox] = {}
        self.row_feedback: dict[str, w.HTML] = {}
        self.results: dict[str, tuple[bool | None, str, int | None]] = {}
        boxes: list[w.Widget] = []
        for row in self.rows:
            rid = row["id"]
            picker = w.DatePicker(value=None, description="Date", tooltip=f"The date of “{row['text']}”")
            vague = w.Checkbox(
                value=False,
                description="too vague to date",
                indent=False,
                tooltip=f"“{row['text']}” cannot be put on a calendar",
            )
            picker.observe(self.guard(lambda ch, rid=rid: self._on_change(rid)), names="value")
            vague.observe(self.guard(lambda ch, rid=rid: self._on_change(rid)), names="value")
            self.pickers[rid], self.vague[rid] = picker, vague
            self.row_feedback[rid] = w.HTML()
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
        self.draw_button = button(
            "Draw timeline", "Plot the events at your dates and at " + ref.label + "'s", icon="calendar"
        )
        self.summary = w.HTML()
        self.summary.add_class("medialit-feedback")
        self.chart = w.HTML()
        self.draw_button.on_click(self.guard(lambda _: self.draw()))
        self._finish([*boxes, self.draw_button, self.summary, self.chart])

    def set_date(self, rid: str, value: _dt.date | str | None, *, vague: bool = False) -> None:
        """Fill in a row from code (what a student does with the date picker)."""
        self.vague[rid].value = vague
        self.pickers[rid].value = parse_date(value)

    def _on_change(self, rid: str) -> None:
        row = next(r for r in self.rows if r["id"] == rid)
        result = judge_date(self.pickers[rid].value, self.vague[rid].value, row)
        self.results[rid] = result
        ok, message, _ = result
        symbol, tone = _TONE[ok]
        self.row_feedback[rid].value = box_html(
            f"<span aria-hidden='true'>{symbol}</span> {esc(message)}", tone=tone
        )
        right = sum(1 for r in self.results.values() if r[0] is True)
        self.summary.value = f"<div>{right} of {len(self.rows)} time expressions placed right so far.</div>"
        self._changed()

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
                    "date": row["date"],
                    "start": row["start"],
                    "end": row["end"],
                    "vague": row["vague"],
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
        fig.medialit_alt = f"{title}. {fig.medialit_alt}" + (
            f" Not answered yet: {missing}." if missing else ""
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
    (True, '2021-12-13')
    """
    return Timeline(load_reference(article, key), save_as=save_as)
