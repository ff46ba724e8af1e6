"""The quote tracker: who said each quotation, full or partial, and through whom."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

import ipywidgets as w

from .._style import TONES, box_html, esc, html_table
from ..article import Article
from ..scoring import Reference
from ..scoring import quotes as rule
from ..scoring.quotes import DIRECT, UNNAMED
from ._base import MedialitWidget, bound_question, button, choice, figure_html
from ._common import choose, load_reference
from ._keyguard import sr_only

__all__ = ["QuoteTracker", "quote_tracker"]

_MARK = {True: ("✓", TONES["right"]), False: ("✗", TONES["wrong"]), None: ("?", TONES["missed"])}


def choices(ref: Reference, rows: list[dict[str, Any]]) -> list[str]:
    """Names a student can choose from (sorted, so the order gives nothing away), plus "(unnamed)"."""
    names = {str(r["name"]) for r in ref.rows("sources") if r.get("name")}
    names |= {str(r["speaker"]) for r in rows if r.get("speaker")}
    names |= {str(r["via"]) for r in rows if r.get("via")}
    return [*sorted(names, key=str.casefold), UNNAMED]


def who_speaks_counts(quotes: list[dict[str, Any]]) -> dict[str, int]:
    """How many quotations each speaker has (unanswered rows are left out).

    >>> who_speaks_counts([{"speaker": "A"}, {"speaker": "A"}, {"speaker": None}])
    {'A': 2}
    """
    counts = Counter(str(q["speaker"]) for q in quotes if q.get("speaker"))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _short(text: str, n: int = 50) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class QuoteTracker(MedialitWidget):
    """See :func:`quote_tracker`."""

    kind = "quote-tracker"
    widget_name = "quote_tracker"
    scoring_kind = "quotes"

    def __init__(self, ref, *, save_as: str | None, question=None) -> None:
        super().__init__(
            ref,
            title="Quote tracker",
            save_as=save_as,
            question=question,
            intro="For each quotation, choose who said it, whether it is a full or a partial quote, and "
            "through whom the words reached the writer. Then Check, and see who gets to speak.",
        )
        self._free = rule.spec_from(ref)
        self.rows = [{"id": qid, **item} for qid, item in self.spec()["items"].items()]
        names = choices(ref, self.rows)
        self.controls: dict[str, dict[str, w.Dropdown]] = {}
        self.row_feedback: dict[str, w.HTML] = {}
        boxes: list[w.Widget] = []
        for row in self.rows:
            qid, short = row["id"], _short(row["text"])
            which = f"the quote in ¶{row['paragraph']}, “{_short(row['text'], 40)}”"
            speaker = choice(
                "— choose —",
                [(n, n) for n in names],
                tooltip=f"Who said “{short}”",
                **sr_only("Speaker", f"of {which}"),
            )
            kind = choice(
                "— choose —",
                [("full", "full"), ("partial", "partial")],
                tooltip=f"Full or partial: “{short}”",
                **sr_only("Quote", f"full or partial: {which}"),
            )
            via = choice(
                "— choose —",
                [("no one (directly)", DIRECT), *[(n, n) for n in names if n != names[-1]]],
                tooltip=f"Through whom “{short}” reached the writer",
                **sr_only("Through", f"whom {which} reached the writer"),
            )
            for d in (speaker, kind, via):
                d.layout = w.Layout(width="auto")
                d.observe(self.guard(self._on_change), names="value")
            self.controls[qid] = {"speaker": speaker, "kind": kind, "via": via}
            self.row_feedback[qid] = w.HTML()  # filled by Check, with the summary that is announced
            boxes.append(
                w.VBox(
                    [
                        w.HTML(f"<div><strong>¶{row['paragraph']}</strong> “{esc(row['text'])}”</div>"),
                        w.HBox([speaker, kind, via], layout=w.Layout(flex_flow="row wrap")),
                        self.row_feedback[qid],
                    ],
                    layout=w.Layout(border_bottom="1px solid #ddd", padding="4px 0"),
                )
            )
        if not self.rows:
            none = f"{esc(ref.label.capitalize())} finds no quotations in this article."
            boxes.append(w.HTML(box_html(none)))
        self.check_button = button(
            "Check", "Check your table against " + ref.label, icon="check", style="primary"
        )
        self.chart_button = button(
            "Who gets to speak", "Compare who speaks in your table and in " + ref.label, icon="bar-chart"
        )
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.feedback.add_class("medialit-live")
        self.chart = w.HTML()
        self.check_button.on_click(self.guard(lambda _: self.check()))
        self.chart_button.on_click(self.guard(lambda _: self.show_chart()))
        self._finish([*boxes, w.HBox([self.check_button, self.chart_button]), self.feedback, self.chart])

    def set_row(
        self, qid: str, *, speaker: str | None = None, kind: str | None = None, via: str | None = None
    ) -> None:
        """Fill in a row from code (what a student does with the dropdowns)."""
        for name, value in (("speaker", speaker), ("kind", kind), ("via", via)):
            if value is not None:
                choose(self.controls[qid][name], value)

    def _on_change(self, change: Any) -> None:
        self._changed()

    def _student(self, qid: str) -> dict[str, Any]:
        return {k: d.value for k, d in self.controls[qid].items()}

    def free_spec(self) -> dict[str, Any]:
        """Every quotation of the reference, all three boxes."""
        return self._free

    def check(self) -> None:
        """Give feedback on every box, with the reference's reasons, and the verdict and score."""
        result = self.score()
        for row in [] if self.sealed else self.rows:  # a sealed question: no feedback per box
            fb = rule.check_row(self._student(row["id"]), row)
            lines = []
            for field, label in (("speaker", "Speaker"), ("kind", "Full or partial"), ("via", "Through")):
                symbol, colour = _MARK[fb[field]["ok"]]
                lines.append(
                    f"<li><span style='color:{colour}' aria-hidden='true'>{symbol}</span> "
                    f"<strong>{label}:</strong> {esc(fb[field]['message'])}</li>"
                )
            if all(fb[f]["ok"] for f in fb) and row.get("rationale"):
                lines.append(f"<li>{esc(row['rationale'])}</li>")
            self.row_feedback[
                row["id"]
            ].value = f"<ul style='list-style:none;padding-left:0;margin:0'>{''.join(lines)}</ul>"
        self.feedback.value = self.result_html(dataclasses.replace(result, items=()))  # rows show the details

    def show_chart(self) -> None:
        """Show how many quotations each speaker has: your table beside the reference's."""
        mine_rows = [{"text": r["text"], **self._student(r["id"])} for r in self.rows]
        mine = who_speaks_counts(mine_rows)
        theirs = who_speaks_counts(self.rows)
        names = list(dict.fromkeys([*theirs, *mine]))
        table = html_table(
            ["Speaker", "Your table", self.ref.label.capitalize()],
            [[n, str(mine.get(n, 0)), str(theirs.get(n, 0))] for n in names],
            caption="Who gets to speak: quotations per speaker",
        )
        self.chart.value = table + _who_speaks_figure(mine_rows, self.rows, self.ref.label)

    def _answer(self) -> dict[str, Any]:
        return {
            "article": self.article.id,
            "quotes": {
                r["id"]: {"paragraph": r["paragraph"], "text": r["text"], **self._student(r["id"])}
                for r in self.rows
            },
        }

    def _restore(self, answer: Any) -> None:
        for qid, saved in answer["quotes"].items():
            if qid in self.controls:
                for field, d in self.controls[qid].items():
                    value = saved.get(field)
                    if value is None or value in [v for _, v in d.options]:
                        choose(d, value)


def _who_speaks_figure(mine: list[dict[str, Any]], theirs: list[dict[str, Any]], label: str) -> str:
    """Two "who speaks" charts (quoted words per speaker): the student's table, then the reference's."""
    try:
        import pandas as pd

        from .. import plots
    except ModuleNotFoundError:
        return ""
    parts = []
    for title, rows in (("Your table", mine), (label.capitalize(), theirs)):
        table = pd.DataFrame(
            [
                {
                    "source": r["speaker"],
                    "mode": "direct quote" if r.get("kind") == "full" else "partial quote",
                    "words": len(str(r["text"]).split()),
                }
                for r in rows
                if r.get("speaker")
            ],
            columns=["source", "mode", "words"],
        )
        if table.empty:
            parts.append(f"<p>{esc(title)}: no speakers chosen yet.</p>")
            continue
        fig = plots.who_speaks(table)
        fig.suptitle(f"{title}: quoted words per speaker", fontsize=10)
        plots.set_alt(fig, f"{title}. {getattr(fig, 'medialit_alt', '')}")
        parts.append(f"<div style='flex:1 1 320px'>{figure_html(fig)}</div>")
    return f"<div style='display:flex;flex-wrap:wrap;gap:8px'>{''.join(parts)}</div>"


def quote_tracker(
    article: Article | str | Path | None = None, *, key: Any = None, save_as: str | None = None
) -> QuoteTracker:
    """A table of the article's quotations to fill in: speaker, full/partial, through whom.

    ``key``: an answer key, None (the article's own key, or the automatic analysis if it has none)
    or False (always the automatic analysis). ``save_as="<set>.<question>"`` saves the answer.

    Answer format (``widget.answer``); unanswered fields are null, ``via`` is ``"(direct)"`` when
    the student says no one stood between speaker and writer::

        {"article": "<article id>",
         "quotes": {"<quote id>": {"paragraph": int, "text": str, "speaker": str | null,
                                   "kind": "full" | "partial" | null, "via": str | null}}}

    >>> t = quote_tracker()
    >>> sorted(next(iter(t.answer["quotes"].values())))
    ['kind', 'paragraph', 'speaker', 'text', 'via']
    """
    question = bound_question(save_as, "quote_tracker")
    if article is None and question is not None:
        article = question.article or None
    return QuoteTracker(load_reference(article, key), save_as=save_as, question=question)
