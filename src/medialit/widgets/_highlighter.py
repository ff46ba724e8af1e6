"""The highlighter: mark sources, attribution cues, loaded terms, unattributed claims or time expressions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w

from .._style import box_html, esc
from ..article import Article
from ..scoring import marks as rule
from ..scoring._text import make_marks, words
from ._base import MedialitWidget, bound_question, button
from ._common import load_reference

CATEGORIES = rule.CATEGORIES
plural = rule.plural_of

__all__ = ["Highlighter", "highlighter"]

_WHAT = {
    "source": "who supplies information (a person, office, institution or outlet)",
    "attribution cue": "the words that credit information to someone (said, accused, according to …)",
    "loaded term": "words that carry a judgement or strong feeling where a plainer word exists",
    "unattributed claim": "statements the writer makes without crediting anyone",
    "time expression": "words that place an event in time (Tuesday, last week, since 2014 …)",
}


def _paragraph_label(n: int, text: str) -> str:
    head = text if len(text) <= 60 else text[:57].rstrip() + "…"
    return f"¶ {n} (headline): {head}" if n == 0 else f"¶ {n}: {head}"


class Highlighter(MedialitWidget):
    """See :func:`highlighter`."""

    kind = "highlighter"
    widget_name = "highlighter"
    scoring_kind = "marks"

    def __init__(
        self,
        ref,
        *,
        category: str,
        paragraphs: list[int],
        show_answers: bool,
        save_as: str | None,
        question=None,
    ) -> None:
        super().__init__(
            ref,
            title="Highlighter",
            save_as=save_as,
            question=question,
            intro="Pick a paragraph, press the words of a phrase (Tab to move, Space to press), then "
            "“Add selection”. Consecutive pressed words form one phrase. Check compares your marks with "
            + ref.label
            + (f" for question {question.number}." if question is not None else "."),
        )
        self.marks: list[dict[str, Any]] = []
        self.offered = list(paragraphs)
        self._specs: dict[str, dict[str, Any]] = {}
        self._word_rows: dict[int, list[w.ToggleButton]] = {}
        self.category = w.Dropdown(
            options=list(CATEGORIES), value=category, description="Category", tooltip="What you are marking"
        )
        self.category_help = w.HTML()
        self.paragraph = w.Dropdown(
            options=[(_paragraph_label(n, self.article.paragraphs[n]), n) for n in paragraphs],
            value=paragraphs[0],
            description="Paragraph",
            tooltip="Which paragraph to read",
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.words_box = w.Box(layout=w.Layout(display="flex", flex_flow="row wrap"))
        self.words_box.add_class("medialit-words")
        self.add_button = button("Add selection", "Add the pressed words as a mark", icon="plus")
        self.clear_button = button("Clear selection", "Un-press all words in this paragraph")
        self.mark_list = w.Select(
            options=[],
            description="Your marks",
            rows=5,
            tooltip="Your marks; choose one to remove it",
            layout=w.Layout(width="auto", min_width="60%"),
        )
        self.remove_button = button("Remove mark", "Remove the chosen mark from your list", icon="times")
        self.check_button = button(
            "Check", "Compare your marks with " + ref.label, icon="check", style="primary"
        )
        self.answers_button = button(
            "Show answers", "Reveal " + ref.label + "'s list for this category", icon="eye"
        )
        self.feedback = w.HTML()
        self.feedback.add_class("medialit-feedback")
        self.feedback.add_class("medialit-live")

        self.category.observe(self.guard(self._on_category), names="value")
        self.paragraph.observe(self.guard(self._on_paragraph), names="value")
        self.add_button.on_click(self.guard(lambda _: self.add_selection()))
        self.clear_button.on_click(self.guard(lambda _: self.clear_selection()))
        self.remove_button.on_click(self.guard(lambda _: self.remove_mark(self.mark_list.index)))
        self.check_button.on_click(self.guard(lambda _: self.check()))
        self.answers_button.on_click(self.guard(lambda _: self.show_answers()))

        buttons = [self.check_button] + ([self.answers_button] if show_answers else [])
        self._show_words()
        self._on_category()
        self._finish(
            [
                self.category,
                self.category_help,
                self.paragraph,
                self.words_box,
                w.HBox([self.add_button, self.clear_button]),
                w.HBox([self.mark_list, self.remove_button]),
                w.HBox(buttons),
                self.feedback,
            ]
        )

    # ------------------------------------------------------------ words
    def _buttons_for(self, p: int) -> list[w.ToggleButton]:
        if p not in self._word_rows:
            row = []
            for i, (word, _, _) in enumerate(words(self.article.paragraphs[p])):
                b = w.ToggleButton(
                    value=False,
                    description=word,
                    tooltip=f"Paragraph {p}, word {i + 1}: {word}",
                    layout=w.Layout(width="auto", padding="0 4px"),
                )
                row.append(b)
            self._word_rows[p] = row
        return self._word_rows[p]

    def _show_words(self) -> None:
        row = self._buttons_for(self.paragraph.value)
        self._paint_marked()
        self.words_box.children = row

    def _paint_marked(self) -> None:
        p = self.paragraph.value
        marked = {
            i
            for m in self.marks
            if m["paragraph"] == p and m["category"] == self.category.value
            for i in range(m["start"], m["end"])
        }
        for i, b in enumerate(self._buttons_for(p)):
            style = "info" if i in marked else ""
            if b.button_style != style:
                b.button_style = style
                b.icon = "check" if style else ""

    @property
    def word_buttons(self) -> list[w.ToggleButton]:
        """The toggle buttons of the paragraph on show (one per word)."""
        return self._buttons_for(self.paragraph.value)

    def select_words(self, positions: list[int]) -> None:
        """Press the words at these positions (0-based) in the paragraph on show."""
        row = self.word_buttons
        for i in positions:
            row[i].value = True

    def clear_selection(self) -> None:
        """Un-press every word of the paragraph on show."""
        for b in self.word_buttons:
            if b.value:
                b.value = False

    def add_selection(self) -> None:
        """Turn the pressed words into marks (one per run of consecutive words)."""
        p = self.paragraph.value
        chosen = [i for i, b in enumerate(self.word_buttons) if b.value]
        if not chosen:
            self.feedback.value = box_html(
                '<span aria-hidden="true">?</span> Press one or more words first, then “Add selection”.',
                tone="missed",
            )
            return
        new = make_marks(self.article.paragraphs[p], p, chosen, self.category.value)
        known = {(m["category"], m["paragraph"], m["start"], m["end"]) for m in self.marks}
        added = [m for m in new if (m["category"], m["paragraph"], m["start"], m["end"]) not in known]
        self.marks.extend(added)
        self.clear_selection()
        self._refresh_marks()
        texts = ", ".join(f"“{esc(m['text'])}”" for m in added) or "nothing new"
        self.feedback.value = box_html(f"Added {texts} as {esc(self.category.value)}.", tone="info")
        self._changed()

    def remove_mark(self, index: int | None) -> None:
        """Remove the mark at ``index`` in the list of marks of the current category."""
        shown = self._shown_marks()
        if index is None or not 0 <= index < len(shown):
            self.feedback.value = box_html(
                "? Choose a mark in the list first, then “Remove mark”.", tone="missed"
            )
            return
        self.marks.remove(shown[index])
        self._refresh_marks()
        self._changed()

    def _shown_marks(self) -> list[dict[str, Any]]:
        return [m for m in self.marks if m["category"] == self.category.value]

    def _refresh_marks(self) -> None:
        shown = self._shown_marks()
        self.mark_list.options = [(f"¶{m['paragraph']}: {m['text']}", i) for i, m in enumerate(shown)]
        self.mark_list.index = None
        self._paint_marked()

    # ------------------------------------------------------------ events
    def _on_category(self, change: Any = None) -> None:
        c = self.category.value
        self.category_help.value = f'<div style="font-size:92%">Mark {esc(plural(c))}: {esc(_WHAT[c])}.</div>'
        self._refresh_marks()
        self.feedback.value = ""
        if change is not None:
            self._changed()

    def _on_paragraph(self, change: Any = None) -> None:
        self._show_words()

    # ------------------------------------------------------------ checking
    def free_spec(self) -> dict[str, Any]:
        """The rule's data for the category on show, over the offered paragraphs."""
        c = self.category.value
        if c not in self._specs:
            self._specs[c] = rule.spec_from(self.ref, c, paragraphs=self.offered)
        return self._specs[c]

    def check(self) -> None:
        """Show the verdict and score, with found, missed and stray marks and their reasons."""
        result = self.score()
        category = self.spec()["category"]
        headings = {"found": "Found", "missed": "Missed:", "stray": "Stray", "again": "Again"}
        note = ""
        if category != self.category.value:
            note = box_html(f"This question scores your {esc(plural(category))}.", tone="missed")
        if not [m for m in self.marks if m["category"] == category]:
            note += f"<p>You have no {esc(plural(category))} marked yet.</p>"
        self.feedback.value = self.result_html(result, headings) + note

    def show_answers(self) -> None:
        """Reveal the reference's list for the current category, paragraph by paragraph."""
        c = self.category.value
        items = self.free_spec()["targets"]
        if not items:
            self.feedback.value = box_html(f"{esc(self.ref.label.capitalize())} lists no {esc(plural(c))}.")
            return
        lis = "".join(
            f"<li>¶{it['paragraph']} “{esc(it['label'])}”"
            + (f" — {esc(it['rationale'])}" if it.get("rationale") else "")
            + "</li>"
            for it in sorted(items, key=lambda x: x["paragraph"])
        )
        self.feedback.value = box_html(
            f"<p><strong>Answers</strong> ({esc(plural(c))} in {esc(self.ref.label)}):</p><ul>{lis}</ul>"
        )

    # ------------------------------------------------------------ answer
    def _answer(self) -> dict[str, Any]:
        return {
            "article": self.article.id,
            "category": self.category.value,
            "marks": [dict(m) for m in self.marks],
        }

    def _restore(self, answer: Any) -> None:
        marks = answer["marks"]
        good = []
        for m in marks:
            p, a, b = m["paragraph"], m["start"], m["end"]
            if p not in self.offered:
                continue
            n = len(words(self.article.paragraphs[p]))
            if m["category"] in CATEGORIES and 0 <= a < b <= n:
                good.append(
                    {"category": m["category"], "paragraph": p, "text": str(m["text"]), "start": a, "end": b}
                )
        self.marks = good
        if answer.get("category") in CATEGORIES:
            self.category.value = answer["category"]
        self._refresh_marks()


def highlighter(
    article: Article | str | Path | None = None,
    *,
    category: str = "source",
    paragraphs: list[int] | range | None = None,
    key: Any = None,
    show_answers: bool = True,
    save_as: str | None = None,
) -> Highlighter:
    """Mark words and phrases of one kind in the article, then check them with explained feedback.

    ``category`` is one of "source", "attribution cue", "loaded term", "unattributed claim",
    "time expression". ``paragraphs`` limits the paragraphs offered (default: all, 0 = headline).
    ``key``: an answer key, None (use the article's key if it has one, otherwise the automatic
    analysis) or False (always the automatic analysis). ``show_answers=False`` hides the
    "Show answers" button. ``save_as="<set>.<question>"`` saves the answer into the notebook.

    Answer format (``widget.answer``)::

        {"article": "<article id>", "category": "<category on show>",
         "marks": [{"category": str, "paragraph": int, "text": str,
                    "start": int, "end": int}, ...]}   # start/end: word positions, end exclusive

    Check scores the marks of one category with the rule in :mod:`medialit.scoring.marks` (through
    the exercise question when ``save_as`` names one).

    >>> h = highlighter(category="time expression", key=False)
    >>> h.paragraph.value = 1
    >>> h.select_words([15])                      # "Tuesday"
    >>> h.add_selection()
    >>> h.answer["marks"]
    [{'category': 'time expression', 'paragraph': 1, 'text': 'Tuesday', 'start': 15, 'end': 16}]
    """
    from ..errors import MedialitError

    question = bound_question(save_as, "highlighter")
    if article is None and question is not None:
        article = question.article or None
    ref = load_reference(article, key)
    n = len(ref.article.paragraphs)
    chosen = list(range(n)) if paragraphs is None else list(paragraphs)
    if not chosen or any(not isinstance(p, int) or not 0 <= p < n for p in chosen):
        raise MedialitError(
            f"paragraphs={paragraphs!r} does not fit this article, which has paragraphs 0 to {n - 1}.",
            hint=f"Give a list of paragraph numbers such as [1, 2, 3], or range(1, {n}).",
        )
    if category not in CATEGORIES:
        raise MedialitError(
            f"category={category!r} is not a highlighter category.",
            hint="Use one of: " + ", ".join(repr(c) for c in CATEGORIES) + ".",
        )
    return Highlighter(
        ref,
        category=category,
        paragraphs=chosen,
        show_answers=bool(show_answers) and not (question is not None and question.sealed),
        save_as=save_as,
        question=question,
    )
