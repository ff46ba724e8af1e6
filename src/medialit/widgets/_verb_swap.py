"""The verb swap: change the reporting verb of a sentence and judge how the stance changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import ipywidgets as w

from .._style import box_html, esc
from ..article import Article
from ..scoring import verbs as rule
from ._base import MedialitWidget, bound_question, button, choice
from ._common import load_reference
from ._verb_forms import cue_sentences, explain_swap, grammar_note, swap_verb, verb_data

__all__ = ["VerbSwap", "verb_swap"]


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class VerbSwap(MedialitWidget):
    """See :func:`verb_swap`."""

    kind = "verb-swap"
    widget_name = "verb_swap"
    scoring_kind = "verbs"

    def __init__(self, ref, *, save_as: str | None, question=None) -> None:
        super().__init__(
            ref,
            title="Verb swap",
            save_as=save_as,
            question=question,
            intro="Choose a sentence and a new reporting verb, and read the rewritten sentence. Then pick "
            "the Stance option that says how the stance changes, add a note if you like, and press "
            "Record judgement: the explanation comes after you have chosen.",
        )
        self.sentences = cue_sentences(ref)
        self.records: list[dict[str, Any]] = []
        data = verb_data()
        self.sentence = choice(
            "— choose a sentence —",
            [(f"¶{s['paragraph']} “{s['cue']}”: {_short(s['sentence'])}", s["id"]) for s in self.sentences],
            description="Sentence",
            tooltip="A sentence with an attribution verb",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.original = w.HTML()
        self.verb = choice(
            "— choose a verb —",
            [(v["lemma"], v["lemma"]) for v in data["verbs"]],
            description="New verb",
            tooltip="The reporting verb to swap in",
        )
        self.rewritten = w.HTML()
        self.rewritten.add_class("medialit-rewritten")
        self.rewritten.add_class("medialit-live")  # a screen reader hears each new sentence
        self.judgement = w.RadioButtons(
            options=[(j["label"], j["value"]) for j in data["judgements"]],
            value=None,
            description="Stance",
            tooltip="How does the new verb change the stance?",
            layout=w.Layout(width="auto"),
        )
        self.note = w.Textarea(
            value="",
            placeholder="In your own words: what does a reader now think?",
            description="Your note",
            tooltip="Your judgement in your own words",
            layout=w.Layout(width="90%"),
        )
        self.record_button = button(
            "Record judgement", "Check and record your judgement", icon="check", style="primary"
        )
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.feedback.add_class("medialit-live")
        self.record_list = w.HTML()
        self.sentence.observe(self.guard(self._on_sentence), names="value")
        self.verb.observe(self.guard(self._on_verb), names="value")
        self.record_button.on_click(self.guard(lambda _: self.record()))
        if not self.sentences:
            self.rewritten.value = box_html(
                f"{esc(ref.label.capitalize())} finds no sentence with a reporting verb that can be swapped."
            )
            self.record_button.disabled = True
        self._finish(
            [
                self.sentence,
                self.original,
                self.verb,
                self.rewritten,
                self.judgement,
                self.note,
                self.record_button,
                self.feedback,
                self.record_list,
            ]
        )

    def _current(self) -> dict[str, Any] | None:
        return next((s for s in self.sentences if s["id"] == self.sentence.value), None)

    def _on_sentence(self, change: Any = None) -> None:
        s = self._current()
        self.original.value = (
            ""
            if s is None
            else f"<div><strong>Original</strong> (¶{s['paragraph']}, verb “{esc(s['cue'])}”, "
            f"{esc(s['connotation'])}): {esc(s['sentence'])}</div>"
        )
        self._on_verb()

    def rewrite(self) -> str:
        """The chosen sentence with the chosen verb swapped in ("" until both are chosen)."""
        s = self._current()
        return swap_verb(s["sentence"], s["cue"], self.verb.value) if s and self.verb.value else ""

    def _problem(self) -> str:
        """What is still missing before a swap can be recorded ("" when nothing is)."""
        s = self._current()
        if s is None:
            return "Choose a sentence first."
        if self.verb.value is None:
            return "Choose a new verb for the sentence."
        if self.verb.value == s["lemma"]:
            return (
                f"“{self.verb.value}” is the verb the sentence already has: choose another verb to swap in."
            )
        return ""

    def _on_verb(self, change: Any = None) -> None:
        # Nothing about the new verb's class here: it is the answer, shown once the student has chosen.
        self.judgement.value = None
        self.feedback.value = ""
        problem = self._problem()
        if problem:
            self.rewritten.value = f"<div style='color:#555'>{esc(problem)}</div>" if self._current() else ""
            return
        note = grammar_note(self.verb.value)
        grammar = f"<div style='font-size:92%;color:#333'>{esc(note)}</div>" if note else ""
        self.rewritten.value = f"<div><strong>Rewritten:</strong> {esc(self.rewrite())}</div>{grammar}"

    def record(self) -> None:
        """Check the judgement against the reporting-verb list, explain the swap, record it."""
        problem = self._problem()
        if problem:
            self.feedback.value = box_html(f"<span aria-hidden='true'>?</span> {esc(problem)}", tone="missed")
            return
        s = self._current()
        assert s is not None  # _problem() said a sentence is chosen
        ok, message = rule.judge(self.judgement.value, self.verb.value)
        if ok is None:
            self.feedback.value = box_html(
                f"<span aria-hidden='true'>?</span> {esc(message)} Pick one of the Stance options.",
                tone="missed",
            )
            return
        if self.sealed:  # record without a verdict or the explanation: the teacher marks it
            self.feedback.value = box_html("Recorded: your teacher will mark it.", tone="info")
        else:
            symbol, tone = ("✓", "right") if ok else ("✗", "wrong")
            why = esc(explain_swap(s["lemma"], self.verb.value))
            self.feedback.value = box_html(
                f"<span aria-hidden='true'>{symbol}</span> {esc(message)}"
                f"<div style='font-size:92%;color:#333'>{why}</div>",
                tone=tone,
            )
        rec = {
            "sentence": s["id"],
            "paragraph": s["paragraph"],
            "original": s["cue"],
            "replacement": self.verb.value,
            "rewritten": self.rewrite(),
            "judgement": self.judgement.value,
            "note": self.note.value.strip(),
        }
        self.records = [
            r
            for r in self.records
            if (r["sentence"], r["replacement"]) != (rec["sentence"], rec["replacement"])
        ]
        self.records.append(rec)
        self._show_records()
        self._changed()

    def free_spec(self) -> dict[str, Any]:
        """The verb swap's rule needs nothing but the reporting-verb list."""
        return {}

    def _show_records(self) -> None:
        if not self.records:
            self.record_list.value = ""
            return
        items = "".join(
            f"<li>¶{r['paragraph']}: “{esc(r['original'])}” → “{esc(r['replacement'])}” — "
            f"{esc(r['judgement'])}" + (f": {esc(r['note'])}" if r["note"] else "") + "</li>"
            for r in self.records
        )
        score = self.result_html(dataclasses.replace(self.score(), items=()))
        self.record_list.value = (
            f"<div><strong>Your recorded judgements</strong><ul>{items}</ul></div>{score}"
        )

    def _answer(self) -> dict[str, Any]:
        return {"article": self.article.id, "records": [dict(r) for r in self.records]}

    def _restore(self, answer: Any) -> None:
        known = {s["id"] for s in self.sentences}
        lemmas = {lemma for _, lemma in self.verb.options if lemma}
        self.records = [
            {
                k: r[k]
                for k in (
                    "sentence",
                    "paragraph",
                    "original",
                    "replacement",
                    "rewritten",
                    "judgement",
                    "note",
                )
            }
            for r in answer["records"]
            if r["sentence"] in known and r["replacement"] in lemmas
        ]
        self._show_records()


def verb_swap(
    article: Article | str | Path | None = None, *, key: Any = None, save_as: str | None = None
) -> VerbSwap:
    """Swap the reporting verb of a sentence (said → claimed, warned, admitted, …) and judge the stance.

    The verb keeps its form (said → claimed, has accused → has warned, stating → claiming). The
    explanation of each verb comes from the reporting-verb lexicon. ``key``: an answer key, None
    (the article's own, else the automatic analysis) or False. ``save_as`` saves the answer.

    Answer format (``widget.answer``); ``judgement`` is "neutral", "evaluative" or "distancing"
    (the lexicon's class for the new verb is the expected one)::

        {"article": "<article id>",
         "records": [{"sentence": "p<paragraph>:<cue>", "paragraph": int, "original": str,
                      "replacement": "<verb lemma>", "rewritten": str, "judgement": str,
                      "note": str}, ...]}

    >>> v = verb_swap()
    >>> v.sentence.value = "p4:said"
    >>> v.verb.value = "claim"
    >>> v.rewrite()[:20]
    'Putin claimed he wan'
    """
    question = bound_question(save_as, "verb_swap")
    if article is None and question is not None:
        article = question.article or None
    return VerbSwap(load_reference(article, key), save_as=save_as, question=question)
