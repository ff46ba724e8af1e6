"""The frame check: Semetko & Valkenburg's yes/no questions, a live frame profile, the key's coding."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import ipywidgets as w

from .._style import PALETTE, TONES, box_html, esc
from ..article import Article
from ..scoring import frames as rule
from ._base import MedialitWidget, bound_question, button, figure_html
from ._common import load_reference
from ._frames import FRAMES, frame_cues, frame_items, frame_scores, parse_evidence
from ._keyguard import heading_html, sr_only

__all__ = ["FrameCheck", "frame_check"]

_MARK = {1.0: ("✓", TONES["right"]), 0.0: ("✗", TONES["wrong"]), None: ("?", TONES["missed"])}
_BAR_COLOURS = PALETTE[:5]


def profile_html(scores: dict[str, float], counts: dict[str, tuple[int, int]]) -> str:
    """A text-first bar chart of frame scores (fast enough to redraw on every click)."""
    rows = []
    for i, frame in enumerate(scores):
        score = scores[frame]
        yes, n = counts.get(frame, (0, 0))
        colour = _BAR_COLOURS[i % len(_BAR_COLOURS)]
        rows.append(
            f"<tr><th scope='row' style='text-align:left;padding-right:8px'>{esc(frame)}</th>"
            f"<td style='width:200px'><div style='width:{round(score * 200)}px;height:12px;"
            f"background:repeating-linear-gradient(45deg,{colour},{colour} 4px,#fff 4px,#fff 6px);"
            f"border:1px solid {colour}' aria-hidden='true'></div></td>"
            f"<td>{score:.2f} ({yes} of {n} yes)</td></tr>"
        )
    return (
        "<table class='medialit-profile'><caption style='text-align:left'><strong>Your frame profile"
        "</strong> (score = share of a frame's questions answered yes; unanswered count as no)</caption>"
        f"{''.join(rows)}</table>"
    )


class FrameCheck(MedialitWidget):
    """See :func:`frame_check`."""

    kind = "frame-check"
    widget_name = "frame_check"
    scoring_kind = "frames"

    def __init__(self, ref, *, save_as: str | None, question=None) -> None:
        super().__init__(
            ref,
            title="Frame check",
            save_as=save_as,
            question=question,
            intro="Answer each question yes or no for the whole article, and type the paragraph(s) that "
            "are your evidence. Your frame profile updates as you go; Compare shows "
            + ref.label
            + "'s coding.",
        )
        self.items = frame_items(ref)
        self.toggles: dict[str, w.ToggleButtons] = {}
        self.evidence: dict[str, w.Text] = {}
        self.item_feedback: dict[str, w.HTML] = {}
        self._evidence_values: dict[str, list[int]] = {}
        sections: list[w.Widget] = []
        for frame in dict.fromkeys(it["frame"] for it in self.items):
            sections.append(w.HTML(heading_html(frame.capitalize())))
            for it in (x for x in self.items if x["frame"] == frame):
                code = it["item"]
                t = w.ToggleButtons(
                    options=[("yes", True), ("no", False)],
                    value=None,
                    tooltip=f"{code}: {it['question']}",
                    **sr_only(code, it["question"]),
                    style={"button_width": "4em"},
                )
                e = w.Text(
                    value="",
                    placeholder="e.g. 2, 9",
                    **sr_only("Evidence ¶", f"for {code}"),
                    tooltip=f"Paragraphs that are your evidence for {code}",
                    layout=w.Layout(width="16em"),
                )
                t.observe(self.guard(self._on_toggle), names="value")
                e.observe(self.guard(lambda ch, code=code: self._on_evidence(code, ch)), names="value")
                self.toggles[code], self.evidence[code] = t, e
                self.item_feedback[code] = w.HTML()
                sections.append(
                    w.VBox(
                        [
                            w.HTML(f"<div>{esc(it['question'])}</div>"),
                            w.HBox([t, e], layout=w.Layout(flex_flow="row wrap")),
                            self.item_feedback[code],
                        ],
                        layout=w.Layout(margin="0 0 4px 0"),
                    )
                )
        self.profile = w.HTML()
        self.profile.add_class("medialit-profile")
        self.compare_button = button(
            "Compare", "Compare your answers with " + ref.label, icon="check", style="primary"
        )
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.feedback.add_class("medialit-live")
        self.chart = w.HTML()
        self.compare_button.on_click(self.guard(lambda _: self.compare()))
        self._update_profile()
        self._finish([*sections, self.profile, self.compare_button, self.feedback, self.chart])

    def answers(self) -> dict[str, bool | None]:
        """Item code -> True (yes), False (no) or None (not answered)."""
        return {code: t.value for code, t in self.toggles.items()}

    def scores(self) -> dict[str, float]:
        """The student's frame scores (0 to 1)."""
        return frame_scores(self.answers(), self.items)

    def _update_profile(self) -> None:
        answers = self.answers()
        counts: dict[str, tuple[int, int]] = {}
        for it in self.items:
            yes, n = counts.get(it["frame"], (0, 0))
            counts[it["frame"]] = (yes + (answers[it["item"]] is True), n + 1)
        self.profile.value = profile_html(self.scores(), counts)

    def _on_toggle(self, change: Any) -> None:
        self._update_profile()
        self._changed()

    def _on_evidence(self, code: str, change: Any) -> None:
        try:
            self._evidence_values[code] = parse_evidence(change["new"], len(self.article.paragraphs))
        except Exception:
            self._evidence_values.pop(code, None)
            raise
        self._changed()

    def free_spec(self) -> dict[str, Any]:
        """Every question the reference codes (none without a key)."""
        return rule.spec_from(self.ref)

    def compare(self) -> None:
        """Feedback per question, the verdict and score, and your frame profile beside the reference's."""
        if self.sealed:  # only "saved and well-formed": the teacher marks it
            self.feedback.value = self.result_html(self.score())
            return
        spec = self.spec()
        scored = {it["item"]: it for it in spec["items"]}
        if scored:
            answers = self.answers()
            for it in self.items:
                code = it["item"]
                said = answers[code]
                if said is None:
                    self.item_feedback[code].value = f"<div>{_mark(None)} Not answered yet.</div>"
                    continue
                if code not in scored:
                    self.item_feedback[code].value = (
                        f"<div>{_mark(None)} Not part of question {esc(self.question.number)}'s score.</div>"
                        if self.question is not None
                        else ""
                    )
                    continue
                credit, message = rule.item_credit(scored[code], said, self._evidence_values.get(code, []))
                if self.question is None:  # used freely: compare with the key's coding openly
                    message += " " + _key_says(scored[code])
                self.item_feedback[code].value = f"<div>{_mark(credit)} {esc(message)}</div>"
            self.feedback.value = self.result_html(dataclasses.replace(self.score(), items=()))
            theirs = frame_scores({it["item"]: it["answer"] for it in self.items}, self.items)
        else:
            cues = frame_cues(self.ref)
            lines = "".join(
                f"<li>{esc(f)}: "
                + (
                    f"cue words in paragraphs {esc(', '.join(map(str, cues[f])))}"
                    if cues.get(f)
                    else "no cue words found"
                )
                + "</li>"
                for f in FRAMES
            )
            self.feedback.value = box_html(
                "The automatic analysis cannot answer these questions; it only looks for words typical of "
                f"each frame. Use them as pointers, not as answers:<ul>{lines}</ul>",
                tone="missed",
            )
            theirs = None
        self.chart.value = _profile_figure(self.scores(), theirs)

    def _answer(self) -> dict[str, Any]:
        return {
            "article": self.article.id,
            "items": {
                code: {
                    "answer": t.value,
                    "evidence": self._evidence_values.get(code, []),
                    "evidence_text": self.evidence[code].value,
                }
                for code, t in self.toggles.items()
            },
            "scores": self.scores(),
        }

    def _restore(self, answer: Any) -> None:
        for code, saved in answer["items"].items():
            if code in self.toggles:
                if saved.get("answer") in (True, False, None):
                    self.toggles[code].value = saved.get("answer")
                text = saved.get("evidence_text")
                if isinstance(text, str):
                    self.evidence[code].value = text


def _mark(credit: float | None) -> str:
    symbol, colour = _MARK.get(credit, ("½", TONES["missed"]))
    return f"<span style='color:{colour}' aria-hidden='true'>{symbol}</span>"


def _key_says(item: dict[str, Any]) -> str:
    """The key's coding of one question, in words (shown when the widget is used freely)."""
    text = f"The key says {'yes' if item['answer'] else 'no'}"
    if item["answer"] and item["evidence"]:
        text += " (¶" + ", ".join(map(str, item["evidence"])) + ")"
    return text + "." + (f" {item['rationale']}" if item.get("rationale") else "")


def _profile_figure(mine: dict[str, float], theirs: dict[str, float] | None) -> str:
    try:
        from .. import plots
    except ModuleNotFoundError:
        return ""
    fig = plots.frame_profile(mine, compare=theirs, labels=("you", "key"))
    return figure_html(fig)


def frame_check(
    article: Article | str | Path | None = None, *, key: Any = None, save_as: str | None = None
) -> FrameCheck:
    """Semetko & Valkenburg's 20 yes/no framing questions with evidence, a live profile and feedback.

    ``key``: an answer key, None (the article's own, else the automatic analysis, which can only
    point to cue words) or False. ``save_as="<set>.<question>"`` saves the answer.

    Answer format (``widget.answer``); item codes are R1–R5, H1–H5, C1–C4, M1–M3, E1–E3::

        {"article": "<article id>",
         "items": {"R1": {"answer": true | false | null, "evidence": [int, ...],
                          "evidence_text": str}, ...},
         "scores": {"responsibility": 0.0-1.0, "human interest": ..., "conflict": ...,
                    "morality": ..., "economic consequences": ...}}

    >>> f = frame_check()
    >>> f.toggles["C1"].value = True
    >>> f.answer["scores"]["conflict"]
    0.25
    """
    question = bound_question(save_as, "frame_check")
    if article is None and question is not None:
        article = question.article or None
    return FrameCheck(load_reference(article, key), save_as=save_as, question=question)
