"""The label lens: the different names the article gives the same actors, and what each suggests."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import ipywidgets as w

from .._style import box_html, esc
from ..article import Article
from ..scoring import labels as rule
from ..scoring.labels import RATINGS
from ._base import MedialitWidget, bound_question, button, choice
from ._common import choose, load_reference
from ._keyguard import heading_html, sr_only

__all__ = ["LabelLens", "label_lens"]

_TONE = {1.0: ("✓", "right"), 0.0: ("✗", "wrong"), None: ("?", "missed")}


class LabelLens(MedialitWidget):
    """See :func:`label_lens`."""

    kind = "label-lens"
    widget_name = "label_lens"
    scoring_kind = "labels"

    def __init__(self, ref, *, save_as: str | None, question=None) -> None:
        super().__init__(
            ref,
            title="Label lens",
            save_as=save_as,
            question=question,
            intro="The article names some actors in more than one way. Rate each name: neutral, leaning "
            "one way, or misleading. Feedback appears as soon as you choose.",
        )
        self.groups = rule.groups_from(ref)
        self.labels = {lab["id"]: lab for labels in self.groups.values() for lab in labels}
        self.ratings: dict[str, w.Dropdown] = {}
        self.label_feedback: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        for actor, labels in self.groups.items():
            rows.append(w.HTML(heading_html(f"Who is meant: {actor}")))
            for lab in labels:
                where = ", ".join(str(p) for p in lab["paragraphs"])
                d = choice(
                    "— rate —",
                    [(r, r) for r in RATINGS],
                    **sr_only("Rating", f"of the name “{lab['text']}”"),
                    tooltip=f"Rate the name “{lab['text']}”",
                )
                d.observe(self.guard(lambda ch, lid=lab["id"]: self._on_rating(lid)), names="value")
                self.ratings[lab["id"]] = d
                self.label_feedback[lab["id"]] = w.HTML()
                self.label_feedback[lab["id"]].add_class("medialit-live")  # feedback comes as they choose
                rows.append(
                    w.VBox(
                        [
                            w.HTML(
                                f"<div><strong>“{esc(lab['text'])}”</strong> — paragraph"
                                f"{'s' if len(lab['paragraphs']) > 1 else ''} {esc(where)}</div>"
                            ),
                            d,
                            self.label_feedback[lab["id"]],
                        ],
                        layout=w.Layout(margin="0 0 4px 12px"),
                    )
                )
        if not self.groups:
            rows.append(
                w.HTML(
                    box_html(
                        f"{esc(ref.label.capitalize())} finds no actor named in more than "
                        "one way in this article."
                    )
                )
            )
        self.check_button = button(
            "Check", "Check your ratings against " + ref.label, icon="check", style="primary"
        )
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.feedback.add_class("medialit-live")
        self.check_button.on_click(self.guard(lambda _: self.check()))
        self._finish([*rows, self.check_button, self.feedback])

    def free_spec(self) -> dict[str, Any]:
        """Every name the reference groups by actor."""
        return {"items": self.labels}

    def check(self) -> None:
        """Show the verdict and score of all the ratings so far."""
        self.feedback.value = self.result_html(dataclasses.replace(self.score(), items=()))

    def _on_rating(self, label_id: str) -> None:
        if self.sealed:  # no judgement per name: the teacher marks it
            self._changed()
            return
        ok, message = rule.judge(self.ratings[label_id].value, self.labels[label_id])
        symbol, tone = _TONE[ok]
        if self.ratings[label_id].value is None:
            self.label_feedback[label_id].value = ""
        else:
            self.label_feedback[label_id].value = box_html(
                f"<span aria-hidden='true'>{symbol}</span> {esc(message)}", tone=tone
            )
        self._changed()

    def _answer(self) -> dict[str, Any]:
        return {"article": self.article.id, "ratings": {lid: d.value for lid, d in self.ratings.items()}}

    def _restore(self, answer: Any) -> None:
        for lid, rating in answer["ratings"].items():
            if lid in self.ratings and (rating is None or rating in RATINGS):
                choose(self.ratings[lid], rating)


def label_lens(
    article: Article | str | Path | None = None, *, key: Any = None, save_as: str | None = None
) -> LabelLens:
    """The names the article gives the same actors, where each occurs, and what each suggests.

    With a key the labels are its ``framing`` rows with device "label" (grouped by actor); a
    label with a plainer alternative counts as not neutral. Without a key the widget lists the
    names the automatic analysis found for each source. ``save_as`` saves the answer.

    Answer format (``widget.answer``); ratings are "neutral", "leans one way", "misleading" or null::

        {"article": "<article id>", "ratings": {"p<paragraph>:<label text>": str | null, ...}}

    >>> lens = label_lens()
    >>> lens.ratings["p9:the partnership"].value = "misleading"
    >>> lens.answer["ratings"]["p9:the partnership"]
    'misleading'
    """
    question = bound_question(save_as, "label_lens")
    if article is None and question is not None:
        article = question.article or None
    return LabelLens(load_reference(article, key), save_as=save_as, question=question)
