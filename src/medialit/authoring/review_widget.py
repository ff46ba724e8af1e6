"""The review widget: walk through a draft key entry by entry, with the article beside it.

``review_key("my-article.key.yaml")`` in a JupyterLab notebook. On the left, the article with
numbered paragraphs, the current entry's paragraph marked (▶) and its words highlighted. On the right,
one entry at a time, grouped by section: the machine's note (``why``), the entry's fields, and
**Accept**, **Save correction**, **Delete entry**, **Add new entry** and **Undo**. Every step saves the
key (checked first, written in one piece), so closing the notebook or a crash loses nothing; a step
that would break the key is refused with the reason, and the key stays as it was. Anything that does
not occur verbatim in its paragraph is flagged (⚠).

The widget is a thin view over :mod:`medialit.authoring.review`; its methods (:meth:`ReviewWidget.go`,
:meth:`~ReviewWidget.set_values`, :meth:`~ReviewWidget.accept`, ...) are what the buttons call, so a
script or a test can drive it without a browser.

>>> import shutil, tempfile
>>> from medialit.authoring.draft import draft_key, write_draft
>>> folder = Path(tempfile.mkdtemp())
>>> _ = shutil.copy(load_article("voa-asean-ministers-2009-07-22").path, folder / "a.txt")
>>> _ = write_draft(draft_key(folder / "a.txt"), folder / "a.key.yaml")
>>> r = review_key(folder / "a.key.yaml")
>>> r.section_name, r.index, r.left
('sources', 0, 30)
>>> r.accept()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
medialit.authoring.review.ReviewError: sources, entry 1 (Kazuo Kodama): 'official' is empty; fill it in ...
>>> r.set_values(official="yes"); r.save_correction(); r.left, r.index
(29, 1)
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import copy
import functools
import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as w

from .._style import box_html, esc
from ..article import Article, load_article
from ..errors import MedialitError
from . import review as logic

__all__ = ["ReviewWidget", "review_key"]

_WIDE = w.Layout(width="98%")
_LABELS = {"description_width": "13em"}


_Box = TypeVar("_Box", bound=w.Box)


def _guard_keys(box: _Box) -> _Box:
    """Keys typed in the widget stay in it (:func:`medialit.widgets._keyguard.guarded`)."""
    from ..widgets._keyguard import guarded

    return guarded(box)


def _control(f: logic.Field, last: int, names: list[str]) -> w.Widget:
    common: dict[str, Any] = {"description": f.label, "style": _LABELS, "layout": _WIDE}
    if f.kind == "int":
        return w.BoundedIntText(
            value=0, min=0, max=max(last, 0), tooltip=f"{f.label} (0 is the headline)", **common
        )
    if f.kind == "long":
        return w.Textarea(value="", rows=3, tooltip=f.label, **common)
    if f.kind == "choice":
        return w.Dropdown(options=list(f.choices), value=f.choices[0], tooltip=f.label, **common)
    if f.kind == "yesno":
        return w.Dropdown(
            options=[("(not decided)", ""), ("yes", "yes"), ("no", "no")], value="", tooltip=f.label, **common
        )
    if f.kind == "flag":
        return w.Checkbox(value=False, indent=False, description=f.label, tooltip=f.label, layout=_WIDE)
    if f.kind == "name":
        return w.Combobox(
            value="",
            options=names,
            ensure_option=False,
            placeholder="a source's name",
            tooltip=f.label,
            **common,
        )
    return w.Text(value="", placeholder=f.placeholder, tooltip=f.label, **common)


class ReviewWidget(w.VBox):
    """See :func:`review_key`. ``data`` is the key as it is saved; ``review_log`` lists every step taken."""

    def _ipython_display_(self) -> None:
        """Shown as every kit widget is: guarded, with the line a reopened notebook shows instead."""
        from ..widgets._keyguard import show

        show(self, "[Answer key review widget]")

    def __init__(self, path: Path, article: Article, data: dict[str, Any]) -> None:
        super().__init__()
        self.path = path
        self.article = article
        self.data = data
        self.review_log: list[dict[str, Any]] = []
        self._history: list[dict[str, Any]] = []
        self.section_name = logic.SECTIONS[0].name
        self.index = 0
        self.adding = False
        self.controls: dict[str, w.Widget] = {}
        self.add_class("medialit-widget")
        self.add_class("medialit-review")

        self.article_view = w.HTML(
            layout=w.Layout(max_height="640px", overflow="auto", border="1px solid #ccc", padding="4px")
        )
        self.header = w.HTML()
        self.header.add_class("medialit-live")
        self.section_menu = w.Dropdown(
            description="Section", style=_LABELS, layout=_WIDE, tooltip="Go to a section of the key"
        )
        self.position = w.HTML()
        self.prev_button = self._button("◀ Previous", "Go to the previous entry of this section")
        self.next_button = self._button("Next ▶", "Go to the next entry of this section")
        self.next_draft_button = self._button("Next draft »", "Go to the next entry still marked draft")
        self.why = w.HTML()
        self.form = w.VBox()
        self.warnings_view = w.HTML()
        self.accept_button = self._button(
            "✓ Accept as is", "Accept this entry as the machine drafted it", "success"
        )
        self.save_button = self._button(
            "✎ Save correction", "Save the fields above as the corrected entry", "primary"
        )
        self.delete_button = self._button("✗ Delete entry", "Delete this entry from the key", "danger")
        self.add_button = self._button("+ Add new entry", "Add an entry the machine missed to this section")
        self.undo_button = self._button("↶ Undo last step", "Undo the last saved step")
        self.message = w.HTML()
        self.message.add_class("medialit-live")

        self.section_menu.observe(self._guarded(self._on_section), names="value")
        self.prev_button.on_click(self._guarded(lambda _: self.previous()))
        self.next_button.on_click(self._guarded(lambda _: self.next()))
        self.next_draft_button.on_click(self._guarded(lambda _: self.next_draft()))
        self.accept_button.on_click(self._guarded(lambda _: self.accept()))
        self.save_button.on_click(
            self._guarded(lambda _: self.save_new() if self.adding else self.save_correction())
        )
        self.delete_button.on_click(self._guarded(lambda _: self.delete()))
        self.add_button.on_click(
            self._guarded(lambda _: self.cancel_add() if self.adding else self.start_add())
        )
        self.undo_button.on_click(self._guarded(lambda _: self.undo()))

        editor = w.VBox(
            [
                self.header,
                self.section_menu,
                w.HBox([self.prev_button, self.next_button, self.next_draft_button]),
                self.position,
                self.why,
                self.form,
                self.warnings_view,
                w.HBox([self.accept_button, self.save_button, self.delete_button]),
                w.HBox([self.add_button, self.undo_button]),
                self.message,
            ],
            layout=w.Layout(width="56%", padding="0 0 0 8px"),
        )
        title = w.HTML(
            f'<div class="medialit-title"><strong>Review the answer key</strong> '
            f'<span style="color:#555">— {esc(article.headline)}</span></div>'
            f'<div style="font-size:92%">{esc(path.name)}: accept, correct, delete or add, entry by entry. '
            "Every step saves the key.</div>"
        )
        self.children = [title, w.HBox([w.Box([self.article_view], layout=w.Layout(width="44%")), editor])]
        first = logic.next_draft(self.data)
        if first is not None:
            self.section_name, self.index = first
        self._refresh_menu()
        self._show()

    # ------------------------------------------------------------ small helpers
    @staticmethod
    def _button(label: str, tooltip: str, style: str = "") -> w.Button:
        return w.Button(description=label, tooltip=tooltip, button_style=style, layout=w.Layout(width="auto"))

    def _guarded(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Run a callback; show a problem in the widget instead of losing it."""

        @functools.wraps(fn)
        def run(*args: Any) -> Any:
            try:
                return fn(*args)
            except MedialitError as exc:
                self._say(f"✗ Not saved: {exc.message}" + (f" {exc.hint}" if exc.hint else ""), "wrong")
            except Exception as exc:  # a bug must show, not vanish
                self._say(f"✗ Something went wrong: {type(exc).__name__}: {exc}", "wrong")
            return None

        return run

    def _say(self, text: str, tone: str = "info") -> None:
        self.message.value = box_html(esc(text), tone=tone, role="status")

    @property
    def section(self) -> logic.Section:
        return logic.section(self.section_name)

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The current section's entries."""
        return logic.entries(self.data, self.section_name)

    @property
    def entry(self) -> dict[str, Any] | None:
        """The entry on show (None in an empty section or while adding)."""
        rows = self.rows
        return None if self.adding or not 0 <= self.index < len(rows) else rows[self.index]

    @property
    def left(self) -> int:
        """How many entries are still drafts."""
        return logic.progress(self.data)[0]

    # ------------------------------------------------------------ showing
    def _refresh_menu(self) -> None:
        options = []
        for s in logic.SECTIONS:
            rows = logic.entries(self.data, s.name)
            drafts = sum(1 for r in rows if r.get("draft"))
            note = f"{len(rows)} entries" + (
                f", {drafts} draft" if drafts else ", all reviewed" if rows else ""
            )
            options.append((f"{s.title} ({note})", s.name))
        self._menu_busy = True
        try:
            self.section_menu.options = options
            self.section_menu.value = self.section_name
        finally:
            self._menu_busy = False

    def _on_section(self, change: Any) -> None:
        if getattr(self, "_menu_busy", False) or change["new"] == self.section_name:
            return
        self.go(change["new"], 0)

    def _build_form(self, values: dict[str, Any]) -> None:
        names = [str(s.get("name")) for s in self.data.get("sources") or [] if s.get("name")]
        last = len(self.article.paragraphs) - 1
        self.controls = {f.name: _control(f, last, names) for f in self.section.fields}
        for name, control in self.controls.items():
            control.value = values.get(name, control.value)
        self.form.children = list(self.controls.values())

    def _article_html(self, entry: dict[str, Any] | None) -> str:
        focus: set[int] = set()
        phrases: list[str] = []
        if entry is not None:
            if isinstance(entry.get("paragraph"), int):
                focus.add(entry["paragraph"])
            for key in ("appearances",):
                focus |= {a["paragraph"] for a in entry.get(key) or [] if isinstance(a, dict)}
            focus |= {
                p for p in entry.get("evidence") or entry.get("mentioned_in") or [] if isinstance(p, int)
            }
            phrases = [str(entry[k]) for k in ("text", "cue") if entry.get(k)]
            if self.section_name in ("sources", "absent_voices") and entry.get("name"):
                phrases += [str(entry["name"]), *map(str, entry.get("aliases") or [])]
        parts = []
        for number, text in enumerate(self.article.paragraphs):
            spans = sorted(
                {
                    (a, b)
                    for phrase in phrases
                    for p, a, b in self.article.find(phrase, paragraph=number)
                    if p == number
                }
            )
            start = self.article.paragraph_spans[number][0]
            pieces, at = [], 0
            for a, b in spans:
                a, b = a - start, b - start
                if a < at:
                    continue
                pieces.append(html.escape(text[at:a]))
                pieces.append(f"<mark><strong>{html.escape(text[a:b])}</strong></mark>")
                at = b
            pieces.append(html.escape(text[at:]))
            body = "".join(pieces)
            label = "headline" if number == 0 else f"¶{number}"
            if number in focus:
                parts.append(
                    f'<p style="border-left:4px solid #0072B2;padding-left:6px;background:#f3f8fc">'
                    f"<strong>▶ {label} (this entry)</strong> {body}</p>"
                )
            else:
                parts.append(f'<p style="padding-left:10px"><strong>{label}</strong> {body}</p>')
        return "<div>" + "".join(parts) + "</div>"

    def _show(self) -> None:
        left, total = logic.progress(self.data)
        state = (
            "✓ Every entry is reviewed: the key is finished."
            if not left
            else f"✎ {left} of {total} entries still drafts."
        )
        self.header.value = f"<div><strong>{esc(state)}</strong> Saved in {esc(self.path.name)}.</div>"
        rows = self.rows
        entry = self.entry
        if self.adding:
            self.position.value = (
                f"<div><strong>+ New entry</strong> in {esc(self.section.title)}: fill in the fields, "
                "then “Save new entry”.</div>"
            )
            self.why.value = ""
            self.warnings_view.value = ""
        elif entry is None:
            self.position.value = (
                f"<div>{esc(self.section.title)}: no entries. "
                "Use “+ Add new entry” for one the machine missed.</div>"
            )
            self.why.value = ""
            self.form.children = []
            self.controls = {}
            self.warnings_view.value = ""
        else:
            mark = "✎ draft (not reviewed yet)" if entry.get("draft") else "✓ reviewed"
            self.position.value = (
                f"<div>{esc(self.section.title)}: entry <strong>{self.index + 1} of {len(rows)}</strong> · "
                f"{esc(mark)}</div>"
            )
            why = entry.get("why")
            self.why.value = (
                box_html(f"<strong>The machine's note:</strong> {esc(why)}", tone="info") if why else ""
            )
            self._build_form(logic.form_values(self.section_name, entry))
            self._show_warnings(entry)
        has = entry is not None
        self.accept_button.disabled = not has
        self.delete_button.disabled = not has
        self.save_button.disabled = not (has or self.adding)
        self.save_button.description = "✎ Save new entry" if self.adding else "✎ Save correction"
        self.add_button.description = "Cancel new entry" if self.adding else "+ Add new entry"
        self.prev_button.disabled = self.adding or self.index <= 0
        self.next_button.disabled = self.adding or self.index >= len(rows) - 1
        self.undo_button.disabled = not self._history
        self.article_view.value = self._article_html(entry)

    def _show_warnings(self, entry: dict[str, Any]) -> None:
        found = logic.warnings(self.data, self.article, self.section_name, entry)
        self.warnings_view.value = (
            box_html("".join(f"<div>⚠ {esc(t)}</div>" for t in found), tone="missed", role="status")
            if found
            else ""
        )

    # ------------------------------------------------------------ moving
    def go(self, section: str, index: int = 0) -> None:
        """Show entry ``index`` (from 0) of ``section`` (``"quotes"``, ``"sources"``, ...)."""
        logic.section(section)
        self.adding = False
        self.section_name = section
        self.index = max(0, min(index, len(self.rows) - 1))
        self._refresh_menu()
        self._show()

    def next(self) -> None:
        """The next entry of this section."""
        self.go(self.section_name, self.index + 1)

    def previous(self) -> None:
        """The previous entry of this section."""
        self.go(self.section_name, self.index - 1)

    def next_draft(self) -> None:
        """The next entry still marked draft (in review order), if any."""
        found = logic.next_draft(self.data, (self.section_name, self.index))
        if found is None:
            self._say("✓ No draft entry is left: the key is finished.", "right")
            return
        self.go(*found)

    # ------------------------------------------------------------ editing
    def values(self) -> dict[str, Any]:
        """The form's current values, by field name."""
        return {name: control.value for name, control in self.controls.items()}

    def set_values(self, **values: Any) -> None:
        """Fill form fields (as a teacher would type them): ``set_values(speaker="Doudou Ndir")``."""
        for name, value in values.items():
            if name not in self.controls:
                raise MedialitError(
                    f"This form has no field {name!r}.", hint="Fields: " + ", ".join(self.controls)
                )
            control = self.controls[name]
            if isinstance(control, w.BoundedIntText):
                value = int(value)
            elif isinstance(control, w.Checkbox):
                value = bool(value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, list | tuple):
                value = ", ".join(map(str, value))
            elif value is None:
                value = ""
            control.value = value
        if self.adding:
            return
        preview = {**(self.entry or {}), **logic.parse_values(self.section_name, self.values())}
        self._show_warnings(preview)

    def _take(self, step: logic.Step, where: tuple[str, int], note: str) -> None:
        logic.save(step.data, self.path, self.article)  # checked, then written in one piece
        self._history.append(copy.deepcopy(self.data))
        self.data = step.data
        self.review_log.append(step.log)
        self.adding = False
        self.section_name, self.index = where
        left = self.left
        self._refresh_menu()
        self._show()
        time = datetime.now().strftime("%H:%M:%S")
        self._say(
            f"✓ {note} Saved at {time}"
            + (f"; {left} draft entries left." if left else "; no draft entry is left."),
            "right",
        )

    def _after(self) -> tuple[str, int]:
        """Where to go after a step: the next draft, else stay."""
        return logic.next_draft(self.data, (self.section_name, self.index)) or (self.section_name, self.index)

    def accept(self) -> None:
        """Accept the entry on show as it is (fill its empty fields first)."""
        if self.entry is None:
            raise MedialitError("There is no entry here to accept.")
        step = logic.accept(self.data, self.article, self.section_name, self.index)
        self._take(step, self._where_next(step), f"Accepted {step.log['entry']}.")

    def save_correction(self) -> None:
        """Save the form's values as the corrected entry on show."""
        if self.entry is None:
            raise MedialitError(
                "There is no entry here to correct.", hint="Use “+ Add new entry” for a new one."
            )
        step = logic.correct(self.data, self.article, self.section_name, self.index, self.values())
        what = "Merged" if step.log["action"] == "merge" else "Corrected"
        self._take(step, self._where_next(step), f"{what} {step.log['entry']}.")

    def delete(self) -> None:
        """Delete the entry on show (Undo brings it back)."""
        if self.entry is None:
            raise MedialitError("There is no entry here to delete.")
        step = logic.delete(self.data, self.article, self.section_name, self.index)
        self._take(step, self._where_next(step, deleted=True), f"Deleted {step.log['entry']}.")

    def start_add(self, section: str | None = None) -> None:
        """Show an empty form for a new entry of ``section`` (default: the current one)."""
        if section is not None:
            self.go(section, 0)
        self.adding = True
        self._build_form({})
        self._show()

    def cancel_add(self) -> None:
        """Leave the new entry's form without saving."""
        self.go(self.section_name, self.index)

    def save_new(self) -> None:
        """Save the form as a new entry of the current section."""
        if not self.adding:
            raise MedialitError("Press “+ Add new entry” first.")
        step = logic.add(self.data, self.article, self.section_name, self.values())
        index = len(logic.entries(step.data, self.section_name)) - 1
        self._take(step, (self.section_name, index), f"Added {step.log['entry']}.")

    def undo(self) -> None:
        """Go back one step (and save the key as it was before it)."""
        if not self._history:
            raise MedialitError("There is nothing to undo.")
        previous = self._history.pop()
        logic.save(previous, self.path, self.article)
        self.data = previous
        undone = self.review_log.pop() if self.review_log else {}
        self.adding = False
        self.go(self.section_name, self.index)
        self._say(
            f"↶ Undid: {undone.get('action', 'the last step')} {undone.get('entry', '')}. Saved.", "info"
        )

    def _where_next(self, step: logic.Step, *, deleted: bool = False) -> tuple[str, int]:
        rows = logic.entries(step.data, self.section_name)
        here = (self.section_name, min(self.index, max(len(rows) - 1, 0)))
        if deleted:  # the entry after the deleted one now has its place
            if here[1] < len(rows) and rows[here[1]].get("draft"):
                return here
            return logic.next_draft(step.data, here) or here
        return logic.next_draft(step.data, (self.section_name, self.index)) or here


def review_key(key: str | Path, article: Article | str | Path | None = None) -> ReviewWidget:
    """Open the review widget on a key file (a draft from ``medialit draft-key``, or any key).

    ``article`` defaults to the key's own (``<name>.txt`` beside ``<name>.key.yaml``).
    """
    from ..key import load_key

    path = Path(key)
    loaded = load_key(path, load_article(article) if article is not None else None)
    widget = ReviewWidget(path, loaded.article, copy.deepcopy(loaded.data))
    return _guard_keys(widget)
