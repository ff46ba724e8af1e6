"""The inputs of a form, one builder per kind of question (imports ipywidgets).

Each builder returns a :class:`Control`: its widget, the answer as plain data (exactly what the
question's rule in :mod:`medialit.scoring` reads, and what is saved), a way to put a saved answer
back, and the ARIA rules that name every input for screen readers (:mod:`._aria`).

| kind | inputs | answer |
|---|---|---|
| choice | radio buttons | ``"b"`` |
| multi | a checkbox per option | ``["a", "c"]`` |
| match | a dropdown per item | ``{"1": "b", "2": "a"}`` |
| paragraphs | a checkbox per paragraph, with its first words | ``[3, 5]`` |
| date | first day, last day (a span), "too vague to date" | ``"2021-12-14"``, ``[a, b]``, ``"vague"`` |
| dates | the same, per item | ``{"1": "2021-12-14", "2": "vague"}`` |
| number | a text box | ``4`` |
| short | a text box | ``"what they say"`` |
| open | a wrapping text area with a word count (and the rubric under it) | text |
| frames | yes/no, evidence paragraphs per item | ``{"items": {"C1": {"answer": true, "evidence": [2]}}}`` |
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .._style import esc
from ..scoring._values import is_blank
from ..scoring.dates import VAGUE, is_vague
from ._aria import rule

if TYPE_CHECKING:
    from ..exercises import Question

__all__ = ["Control", "build_control", "inline_markdown", "plain_text"]

FULL = w.Layout(width="100%")
AUTO = w.Layout(width="auto")
WIDE_LABEL = {"description_width": "initial"}


def plain_text(text: str) -> str:
    """Text without markdown emphasis (``**said**`` -> ``said``), for labels that show plain text.

    >>> plain_text("¶1 Putin **said** `x` *now*")
    '¶1 Putin said x now'
    """
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`", lambda m: next(g for g in m.groups() if g), text)


def inline_markdown(text: str) -> str:
    """Escaped HTML with markdown's **bold**, *italic* and `code` (nothing else).

    >>> inline_markdown("a **<b>** and `c`")
    'a <strong>&lt;b&gt;</strong> and <code>c</code>'
    """
    out = esc(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)
    return re.sub(r"`(.+?)`", r"<code>\1</code>", out)


class Control:
    """The inputs for one question. Subclasses set ``widget`` and implement ``value`` and ``set``."""

    def __init__(self, name: str, *, prefix: str = "mlf") -> None:
        self.name = name  # "Question 3.2" or "Check 3.A": the start of every input's accessible name
        self.rules: list[dict[str, Any]] = []
        self.inputs: list[w.Widget] = []  # every widget whose value is part of the answer
        self.widget: w.Widget = w.VBox()
        self._prefix = prefix  # the CSS classes that find each input in the browser start with it
        self._count = 0

    def named(self, widget: w.Widget, label: str, sel: str = "", **attrs: str) -> w.Widget:
        """Give ``widget`` (or its element matching ``sel``) the accessible name ``label``."""
        self._count += 1
        cls = f"{self._prefix}-{self._count}"
        widget.add_class(cls)
        self.rules.append(rule(cls, sel, **{"aria-label": label, **attrs}))
        return widget

    def value(self) -> Any:  # pragma: no cover - every control overrides it
        raise NotImplementedError

    def set(self, answer: Any) -> None:  # pragma: no cover
        raise NotImplementedError

    def observe(self, callback: Callable[[Any], None]) -> None:
        """Call ``callback`` after every change a student makes."""
        for widget in self.inputs:
            widget.observe(callback, names="value")


def _option_label(letter: str, text: str) -> str:
    return f"{letter}) {plain_text(text)}"


class Choice(Control):
    def __init__(self, name: str, options: dict[str, str]) -> None:
        super().__init__(name)
        self.radio = w.RadioButtons(
            options=[(_option_label(k, v), k) for k, v in options.items()], value=None, layout=FULL
        )
        self.named(self.radio, f"{name}: choose one option", ".widget-radio-box", role="radiogroup")
        self.inputs = [self.radio]
        self.widget = self.radio

    def value(self) -> Any:
        return self.radio.value

    def set(self, answer: Any) -> None:
        self.radio.value = answer if answer in [v for _, v in self.radio.options] else None


class Multi(Control):
    def __init__(self, name: str, options: dict[str, str]) -> None:
        super().__init__(name)
        self.boxes = {
            k: w.Checkbox(value=False, description=_option_label(k, v), indent=False, layout=FULL)
            for k, v in options.items()
        }
        self.inputs = list(self.boxes.values())
        self.widget = self.named(w.VBox(self.inputs), f"{name}: choose every right option", role="group")

    def value(self) -> Any:
        picked = [k for k, box in self.boxes.items() if box.value]
        return picked or None

    def set(self, answer: Any) -> None:
        picked = set(answer) if isinstance(answer, list) else set()
        for k, box in self.boxes.items():
            box.value = k in picked


class Match(Control):
    def __init__(self, name: str, options: dict[str, str], items: list[dict[str, Any]]) -> None:
        super().__init__(name)
        choices = [("— choose —", None), *[(_option_label(k, v), k) for k, v in options.items()]]
        self.dropdowns: dict[str, w.Dropdown] = {}
        rows = []
        for i, item in enumerate(items, start=1):
            d = w.Dropdown(options=choices, value=None, layout=w.Layout(width="auto", max_width="100%"))
            self.named(d, f"{name}, item {i}: option", "select")
            self.dropdowns[str(i)] = d
            rows.append(
                w.VBox(
                    [w.HTML(f"<div>{i}. {inline_markdown(item['text'])}</div>"), d],
                    layout=w.Layout(margin="0 0 6px 0"),
                )
            )
        self.inputs = list(self.dropdowns.values())
        self.widget = w.VBox(rows)

    def value(self) -> Any:
        given = {i: d.value for i, d in self.dropdowns.items() if d.value is not None}
        return given or None

    def set(self, answer: Any) -> None:
        given = answer if isinstance(answer, dict) else {}
        for i, d in self.dropdowns.items():
            value = given.get(i, given.get(int(i)))
            d.value = value if value in [v for _, v in d.options] else None


def _first_words(text: str, n: int = 9) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


class Paragraphs(Control):
    def __init__(self, name: str, paragraphs: tuple[str, ...], label: str = "") -> None:
        super().__init__(name)
        self.boxes: dict[int, w.Checkbox] = {}
        for n, text in enumerate(paragraphs):
            head = " (headline)" if n == 0 else ""
            box = w.Checkbox(
                value=False, description=f"¶{n}{head}: {_first_words(text)}", indent=False, layout=FULL
            )
            self.boxes[n] = box
        self.inputs = list(self.boxes.values())
        self.widget = self.named(
            w.VBox(self.inputs), label or f"Paragraphs for {name[0].lower()}{name[1:]}", role="group"
        )

    def value(self) -> Any:
        picked = [n for n, box in self.boxes.items() if box.value]
        return picked or None

    def set(self, answer: Any) -> None:
        picked = (
            {int(p) for p in answer if isinstance(p, int) or str(p).isdigit()}
            if isinstance(answer, list)
            else set()
        )
        for n, box in self.boxes.items():
            box.value = n in picked


def _day(value: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class DateRow(Control):
    """One date: the first day, the last day (only for a span) and "too vague to date"."""

    def __init__(self, name: str, label: str, *, vague: bool = True, prefix: str = "mlf") -> None:
        super().__init__(name, prefix=prefix)
        self.first = w.DatePicker(value=None, description="Day (or first day)", style=WIDE_LABEL)
        self.last = w.DatePicker(value=None, description="Last day, for a span", style=WIDE_LABEL)
        self.named(self.first, f"{label}: the day, or the first day of a span", "input")
        self.named(self.last, f"{label}: the last day, only for a span of days", "input")
        self.vague = w.Checkbox(value=False, description="too vague to date", indent=False, layout=AUTO)
        self.named(self.vague, f"{label}: too vague to date", "input")
        self.inputs = [self.first, self.last] + ([self.vague] if vague else [])
        self.widget = w.HBox(self.inputs, layout=w.Layout(flex_flow="row wrap", align_items="center"))

    def value(self) -> Any:
        if self.vague.value:
            return VAGUE
        a, b = self.first.value, self.last.value
        if a and b and a != b:
            return [a.isoformat(), b.isoformat()]
        day = a or b
        return day.isoformat() if day else None

    def set(self, answer: Any) -> None:
        self.vague.value = is_vague(answer)
        if isinstance(answer, list) and len(answer) == 2:
            self.first.value, self.last.value = _day(answer[0]), _day(answer[1])
        elif isinstance(answer, str) and not is_vague(answer):
            self.first.value, self.last.value = _day(answer), None
        else:
            self.first.value, self.last.value = None, None


class Dates(Control):
    def __init__(self, name: str, items: list[dict[str, Any]]) -> None:
        super().__init__(name)
        self.rows: dict[str, DateRow] = {}
        boxes = []
        for i, item in enumerate(items, start=1):
            row = DateRow(name, f"{name}, item {i}", prefix=f"mlf-{i}")
            self.rows[str(i)] = row
            self.rules += row.rules
            where = f" (paragraph {item['paragraph']})" if "paragraph" in item else ""
            boxes.append(w.VBox([w.HTML(f"<div>{i}. “{esc(item['text'])}”{esc(where)}</div>"), row.widget]))
        self.inputs = [x for row in self.rows.values() for x in row.inputs]
        self.widget = w.VBox(boxes)

    def value(self) -> Any:
        given = {i: row.value() for i, row in self.rows.items()}
        given = {i: v for i, v in given.items() if v is not None}
        return given or None

    def set(self, answer: Any) -> None:
        given = answer if isinstance(answer, dict) else {}
        for i, row in self.rows.items():
            row.set(given.get(i, given.get(int(i))))


class Number(Control):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.text = w.Text(value="", placeholder="a whole number", layout=w.Layout(width="12em"))
        self.named(self.text, f"{name}: a whole number", "input")
        self.inputs = [self.text]
        self.widget = self.text

    def value(self) -> Any:
        text = self.text.value.strip()
        if not text:
            return None
        return int(text) if text.isdecimal() and len(text) < 7 else text

    def set(self, answer: Any) -> None:
        self.text.value = (
            str(answer) if isinstance(answer, int | str) and not isinstance(answer, bool) else ""
        )


class Short(Control):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.text = w.Text(
            value="", placeholder="your answer", layout=w.Layout(width="28em", max_width="100%")
        )
        self.named(self.text, f"{name}: your answer", "input")
        self.inputs = [self.text]
        self.widget = self.text

    def value(self) -> Any:
        return self.text.value.strip() or None

    def set(self, answer: Any) -> None:
        self.text.value = answer if isinstance(answer, str) else ""


class LongText(Control):
    """A wrapping text area, a live word count and (for an exercise) the rubric under it."""

    def __init__(self, name: str, *, rubric: tuple[dict[str, str], ...] = (), min_words: int = 0,
                 starter: str = "") -> None:  # fmt: skip
        super().__init__(name)
        self.area = w.Textarea(
            value=starter, placeholder="Write your answer here.", rows=8, layout=w.Layout(width="100%")
        )
        self.named(self.area, f"{name}: your answer", "textarea")
        self.starter = starter
        self.min_words = min_words
        self.count = w.HTML()
        self.count.add_class("medialit-word-count")
        self.area.observe(lambda _: self._count_words(), names="value")
        self._count_words()
        parts: list[w.Widget] = [self.area, self.count]
        if rubric:
            parts.append(w.HTML(_rubric_html(rubric)))
        self.inputs = [self.area]
        self.widget = w.VBox(parts, layout=FULL)

    def words(self) -> int:
        """How many words the student has written."""
        return len(self.area.value.split())

    def _count_words(self) -> None:
        n = self.words()
        aim = f" (aim for at least {self.min_words})" if self.min_words else ""
        self.count.value = (
            f"<div style='color:#555;font-size:92%'>{n} word{'s' if n != 1 else ''}{esc(aim)}</div>"
        )

    def value(self) -> Any:
        text = self.area.value
        return None if is_blank(text) or text.strip() == self.starter.strip() else text

    def set(self, answer: Any) -> None:
        self.area.value = answer if isinstance(answer, str) else self.starter


def _rubric_html(rubric: tuple[dict[str, str], ...]) -> str:
    from .._style import html_table

    rows = [[r["criterion"], r["beginning"], r["emerging"], r["mastery"]] for r in rubric]
    table = html_table(["Criterion", "Beginning", "Emerging", "Mastery"], rows)
    return (
        "<details class='medialit-rubric'><summary>The rubric your teacher marks this with</summary>"
        f"{table}</details>"
    )


_EVIDENCE = re.compile(r"\d+")


class Frames(Control):
    """Yes or no for each frame question, and the paragraphs that are the evidence for a yes."""

    def __init__(self, name: str, items: list[dict[str, Any]]) -> None:
        super().__init__(name)
        self.toggles: dict[str, w.ToggleButtons] = {}
        self.evidence: dict[str, w.Text] = {}
        boxes = []
        for i, item in enumerate(items, start=1):
            code = item["item"]
            t = w.ToggleButtons(
                options=[("yes", True), ("no", False)], value=None, style={"button_width": "4em"}
            )
            self.named(t, f"{name}, item {i} ({code}): yes or no", role="group")  # two buttons, not radios
            e = w.Text(
                value="", placeholder="e.g. 2, 9", description="Evidence ¶", layout=w.Layout(width="18em")
            )
            self.named(e, f"{name}, item {i} ({code}): evidence paragraphs for a yes", "input")
            self.toggles[code], self.evidence[code] = t, e
            frame = f"<em>{esc(item['frame'])}:</em> " if item.get("frame") else ""
            boxes.append(
                w.VBox(
                    [
                        w.HTML(f"<div>{i}. {frame}{esc(item['question'])}</div>"),
                        w.HBox([t, e], layout=w.Layout(flex_flow="row wrap")),
                    ],
                    layout=w.Layout(margin="0 0 6px 0"),
                )
            )
        self.inputs = [*self.toggles.values(), *self.evidence.values()]
        self.widget = w.VBox(boxes)

    def value(self) -> Any:
        items = {}
        for code, t in self.toggles.items():
            text = self.evidence[code].value
            if t.value is None and not text.strip():
                continue
            evidence = sorted({int(n) for n in _EVIDENCE.findall(text) if len(n) < 4})
            items[code] = {"answer": t.value, "evidence": evidence, "evidence_text": text}
        return {"items": items} if items else None

    def set(self, answer: Any) -> None:
        found = answer.get("items") if isinstance(answer, dict) else None
        saved: dict[str, Any] = found if isinstance(found, dict) else {}
        for code in self.toggles:
            given = saved.get(code)
            item: dict[str, Any] = given if isinstance(given, dict) else {}
            said = item.get("answer")
            self.toggles[code].value = said if said in (True, False) else None
            text = item.get("evidence_text")
            if not isinstance(text, str):
                text = ", ".join(str(p) for p in item.get("evidence") or [])
            self.evidence[code].value = text


def _frame_items(q: Question) -> list[dict[str, Any]]:
    """The frame questions asked (a sealed master lists them); without a list, all of them."""
    if q.spec.get("items"):
        return list(q.spec["items"])
    from ..widgets._frames import ITEMS

    return [dict(it) for it in ITEMS]


def build_control(q: Question, name: str, *, starter: str = "") -> Control:
    """The inputs for question ``q`` (any kind but the widgets'); ``name`` starts every accessible name."""
    spec, kind = q.spec, q.kind
    if kind == "choice":
        return Choice(name, spec["options"])
    if kind == "multi":
        return Multi(name, spec["options"])
    if kind == "match":
        return Match(name, spec["options"], spec["items"])
    if kind == "paragraphs":
        from ..article import load_article

        return Paragraphs(name, load_article(q.article or None).paragraphs)
    if kind == "date":
        return DateRow(name, name)
    if kind == "dates":
        return Dates(name, spec["items"])
    if kind == "number":
        return Number(name)
    if kind == "short":
        return Short(name)
    if kind == "frames":
        return Frames(name, _frame_items(q))
    if kind == "open":
        return LongText(
            name,
            rubric=q.rubric,
            min_words=int(spec.get("min_words", 0)),
            starter=starter or spec.get("starter", ""),
        )
    raise ValueError(f"no form for questions of kind {kind!r}")
