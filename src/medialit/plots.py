"""Charts for lessons: who speaks, when things happened, and the frame profile.

Every function returns a matplotlib ``Figure`` with a title, labelled axes, the Okabe–Ito
colour-blind-safe palette, hatching or markers that carry the same meaning as the colours, and a
text description in ``fig.medialit_alt`` for screen readers. :func:`show` displays the picture with
that description as ``alt`` text and as a visible caption.

Figures are built without ``pyplot``'s global state (no backend is chosen and no style is changed for
the rest of the notebook); styles are set only while drawing.

>>> fig = frame_profile({"conflict": 0.75, "economic consequences": 0.33})
>>> fig.medialit_alt.startswith("Bar chart")
True
"""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING, Any

from ._style import PALETTE

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["PALETTE", "figure_html", "frame_profile", "set_alt", "show", "timeline", "who_speaks"]

_MODES = {  # mode -> (colour, hatch)
    "direct quote": (PALETTE[0], ""),
    "partial quote": (PALETTE[1], "//"),
    "paraphrase": (PALETTE[2], ".."),
}
_FRAMES = ("responsibility", "human interest", "conflict", "morality", "economic consequences")
_STYLE: Any = {  # Any: matplotlib's stubs type rc keys as literals
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
}


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _words(text: Any) -> int:
    return len(str(text).split()) if text is not None else 0


def _speech_table(data: Any) -> pd.DataFrame:
    """Rows of source, mode, words from an Analysis, an AnswerKey or a DataFrame."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        missing = {"source", "mode", "words"} - set(data.columns)
        if missing:
            from .errors import MedialitError

            raise MedialitError(
                f"who_speaks() needs columns source, mode and words; missing {', '.join(sorted(missing))}.",
                hint="Pass an Analysis, an AnswerKey, or a table with those three columns.",
            )
        return data[["source", "mode", "words"]]
    rows = []
    quotes = getattr(data, "quotes", None)
    article = getattr(data, "article", None)
    if quotes is not None:
        for q in quotes.to_dict("records"):
            mode = "direct quote" if q.get("kind") == "full" else "partial quote"
            rows.append(
                {"source": q.get("speaker") or "(unknown)", "mode": mode, "words": _words(q.get("text"))}
            )
    attributions = getattr(data, "attributions", None)
    if attributions is not None:
        sentences = article.sentences if article is not None and hasattr(article, "sentences") else None
        counted: set[tuple[Any, Any]] = set()  # a sentence counts once per source
        for t in attributions.to_dict("records"):
            if t.get("mode") != "paraphrase":
                continue
            words, where = 1, (t.get("paragraph"), t.get("cue"))
            if sentences is not None and t.get("cue"):
                same = sentences[sentences["paragraph"] == t.get("paragraph")]
                hits = same[same["text"].str.contains(str(t["cue"]), regex=False)]
                if len(hits):
                    words, where = max(_words(hits.iloc[0]["text"]), 1), (t.get("paragraph"), hits.index[0])
            if (t.get("source"), where) in counted:
                continue
            counted.add((t.get("source"), where))
            rows.append({"source": t.get("source"), "mode": "paraphrase", "words": words})
    return pd.DataFrame(rows, columns=["source", "mode", "words"])


def who_speaks(data: Any) -> Figure:
    """Words quoted or paraphrased per source, split by mode (direct, partial, paraphrase).

    ``data`` is an :class:`~medialit.analysis.Analysis`, an answer key, or a DataFrame with columns
    ``source``, ``mode`` and ``words``. Paraphrases count the words of the sentence that reports them.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"source": ["A", "B"], "mode": ["direct quote", "paraphrase"], "words": [12, 5]})
    >>> who_speaks(t).medialit_alt
    'Bar chart of who speaks, in words: A 12 (direct quote 12); B 5 (paraphrase 5).'
    """
    import matplotlib as mpl

    table = _speech_table(data)
    totals = table.groupby("source", sort=False)["words"].sum().sort_values(ascending=True)
    sources = list(totals.index)
    with mpl.rc_context(_STYLE):
        fig = _new_figure(7.5, 1.2 + 0.45 * max(len(sources), 1))
        ax = fig.add_subplot()
        left = [0] * len(sources)
        for mode, (colour, hatch) in _MODES.items():
            part = table[table["mode"] == mode].groupby("source")["words"].sum()
            values = [int(part.get(s, 0)) for s in sources]
            if not any(values):
                continue
            ax.barh(sources, values, left=left, color=colour, hatch=hatch, edgecolor="white", label=mode)
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, total in enumerate(left):
            ax.text(total, y, f" {total}", va="center", fontsize=9)
        ax.set_title("Who speaks? Words quoted or paraphrased, by source")
        ax.set_xlabel("Words (quoted, or in the sentence that paraphrases)")
        ax.set_ylabel("Source")
        if sources:
            ax.legend(title="Mode", loc="lower right", frameon=False)
    parts = []
    for source in reversed(sources):
        modes = table[table["source"] == source].groupby("mode", sort=False)["words"].sum()
        detail = ", ".join(f"{m} {int(n)}" for m, n in modes.items())
        parts.append(f"{source} {int(totals[source])} ({detail})")
    set_alt(fig, "Bar chart of who speaks, in words: " + ("; ".join(parts) or "no sources") + ".")
    return fig


def _time_table(data: Any) -> tuple[pd.DataFrame, Any]:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        table = data
        dateline = None
    else:
        table = data.time_expressions
        article = getattr(data, "article", None)
        dateline = getattr(article, "date", None)
    for column in ("date", "start", "end"):
        if column not in table.columns:
            table = table.assign(**{column: None})
    return table, dateline


def timeline(data: Any) -> Figure:
    """Dated events on a time axis: single days as dots, periods as bars; vague ones listed in the text.

    ``data`` is an Analysis, an answer key, or a DataFrame with columns paragraph, text, date, start, end.

    >>> import pandas as pd
    >>> t = pd.DataFrame([{"paragraph": 1, "text": "Tuesday", "date": "2021-12-14"},
    ...                   {"paragraph": 2, "text": "for weeks", "vague": True}])
    >>> timeline(t).medialit_alt
    'Timeline of 1 dated expression: ¶1 "Tuesday" 2021-12-14. Not placed (vague): ¶2 "for weeks".'
    """
    import datetime as dt

    import matplotlib as mpl
    import matplotlib.dates as mdates

    table, dateline = _time_table(data)

    def parse(value: Any) -> dt.date | None:
        if value is None or (isinstance(value, float) and value != value):
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return None

    placed: list[tuple[str, dt.date | None, dt.date, dt.date]] = []
    vague: list[str] = []
    for row in table.to_dict("records"):
        day, a, b = parse(row.get("date")), parse(row.get("start")), parse(row.get("end"))
        label = f'¶{row.get("paragraph")} "{row.get("text")}"'
        first = day or a
        if first is not None:
            placed.append((label, day, first, b or first))
        else:
            vague.append(label)
    with mpl.rc_context(_STYLE):
        fig = _new_figure(8, 1.5 + 0.4 * max(len(placed), 1))
        ax = fig.add_subplot()
        for y, (_label, day, a, b) in enumerate(placed):
            if day:
                ax.plot(
                    mdates.date2num([day]),
                    [y],
                    marker="o",
                    markersize=8,
                    color=PALETTE[0],
                    linestyle="none",
                    label="a single day" if y == next(i for i, p in enumerate(placed) if p[1]) else None,
                )
            else:
                ax.plot(
                    mdates.date2num([a, b]),
                    [y, y],
                    color=PALETTE[1],
                    linewidth=6,
                    solid_capstyle="butt",
                    label="a period" if y == next(i for i, p in enumerate(placed) if not p[1]) else None,
                )
                ax.plot(
                    mdates.date2num([a, b]),
                    [y, y],
                    marker="|",
                    markersize=12,
                    color=PALETTE[7],
                    linestyle="none",
                )
        if dateline is not None:
            ax.axvline(dateline, color=PALETTE[3], linestyle="--", label=f"dateline {dateline.isoformat()}")
        ax.set_yticks(range(len(placed)), [p[0] for p in placed])
        ax.invert_yaxis()
        # The locator places the ticks and the formatter names them: both must be the same date locator
        # (a formatter given a locator the axis does not use labels numeric ticks with made-up dates).
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_title("When did it happen? Time expressions resolved to dates")
        ax.set_xlabel("Date")
        ax.set_ylabel("Expression (paragraph and words)")
        if placed:
            ax.legend(loc="best", frameon=False, fontsize=8)
    described = [
        f"{label} " + (day.isoformat() if day else f"{a.isoformat()} to {b.isoformat()}")
        for label, day, a, b in placed
    ]
    n = len(placed)
    alt = (
        f"Timeline of {n} dated expression{'s' if n != 1 else ''}: " + ("; ".join(described) or "none") + "."
    )
    if vague:
        alt += " Not placed (vague): " + "; ".join(vague) + "."
    set_alt(fig, alt)
    return fig


def _scores(data: Any) -> dict[str, float]:
    if isinstance(data, dict):
        return {str(k): float(v) for k, v in data.items()}
    if hasattr(data, "frame_scores"):
        return dict(data.frame_scores)
    frames = getattr(data, "frames", data)
    if hasattr(frames, "groupby") and {"frame", "answer"} <= set(frames.columns):
        means = frames.assign(answer=frames["answer"].astype(float)).groupby("frame")["answer"].mean()
        return {str(k): round(float(v), 2) for k, v in means.items()}
    from .errors import MedialitError

    raise MedialitError(
        "frame_profile() needs frame scores.",
        hint="Pass a dict like {'conflict': 0.75}, an Analysis, or an answer key with a frames table.",
    )


def _series_label(data: Any, fallback: str) -> str:
    """Name a set of frame scores by where it comes from: the answer key or the machine."""
    if hasattr(data, "frames") and hasattr(data, "quotes"):
        return "answer key"
    if hasattr(data, "frame_scores") and hasattr(data, "frame_cues"):
        return "machine"
    return fallback


def frame_profile(scores: Any, compare: Any = None, *, labels: tuple[str, str] | None = None) -> Figure:
    """Bar chart of the five Semetko & Valkenburg frame scores (0..1), optionally beside another set.

    ``scores`` and ``compare`` are dicts (frame -> score), Analyses, or answer keys (frames table).
    Without ``labels``, an answer key is labelled "answer key" and an Analysis "machine".

    >>> fig = frame_profile({"conflict": 1.0}, {"conflict": 0.5}, labels=("you", "key"))
    >>> "conflict: you 1.00, key 0.50" in fig.medialit_alt
    True
    """
    import matplotlib as mpl

    if labels is None:
        labels = (_series_label(scores, "scores"), _series_label(compare, "compared with"))

    first = _scores(scores)
    second = _scores(compare) if compare is not None else None
    frames = list(_FRAMES)
    with mpl.rc_context(_STYLE):
        fig = _new_figure(7.5, 4.2)
        ax = fig.add_subplot()
        width = 0.38 if second is not None else 0.6
        xs = range(len(frames))
        offset = -width / 2 if second is not None else 0
        bars = ax.bar(
            [x + offset for x in xs],
            [first.get(f, 0.0) for f in frames],
            width=width,
            color=PALETTE[0],
            edgecolor="white",
            label=labels[0],
        )
        ax.bar_label(bars, fmt="%.2f", fontsize=8, padding=2)
        if second is not None:
            other = ax.bar(
                [x + width / 2 for x in xs],
                [second.get(f, 0.0) for f in frames],
                width=width,
                color=PALETTE[1],
                hatch="//",
                edgecolor="white",
                label=labels[1],
            )
            ax.bar_label(other, fmt="%.2f", fontsize=8, padding=2)
            ax.legend(frameon=False, loc="upper center", ncols=2)
        ax.set_xticks(list(xs), [f.replace(" ", "\n") for f in frames])
        ax.set_ylim(0, 1.15)
        ax.set_ylabel("Score, 0 to 1")
        ax.set_xlabel("Frame (Semetko & Valkenburg, 2000)")
        ax.set_title("Frame profile: share of each frame's yes/no questions answered yes")
    parts = []
    for f in frames:
        text = f"{f}: {labels[0]} {first.get(f, 0.0):.2f}"
        if second is not None:
            text += f", {labels[1]} {second.get(f, 0.0):.2f}"
        parts.append(text)
    set_alt(fig, "Bar chart of frame scores from 0 to 1. " + "; ".join(parts) + ".")
    return fig


def set_alt(fig: Figure, text: str) -> None:
    """Give a figure its text description (``fig.medialit_alt``), shown as alt text and caption.

    >>> fig = _new_figure(1, 1)
    >>> set_alt(fig, "An empty chart.")
    >>> fig.medialit_alt
    'An empty chart.'
    """
    fig.medialit_alt = text  # type: ignore[attr-defined]  # our own attribute on matplotlib's Figure


def figure_html(fig: Figure, *, caption: str | None = None) -> str:
    """The figure as an HTML ``<figure>``: a PNG with its description as alt text and a caption.

    Closes the figure, so that notebooks do not show it a second time.

    >>> page = figure_html(frame_profile({"conflict": 1.0}))
    >>> 'alt="Bar chart' in page and "<figcaption" in page
    True
    """
    buffer = io.BytesIO()
    # every figure is laid out by "constrained" layout (_new_figure), so no second, cropping draw is needed
    fig.savefig(buffer, format="png", dpi=100)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = getattr(fig, "medialit_alt", "") or "A chart."
    text = caption or alt
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # noqa: S110 - a figure made without pyplot has nothing to close
        pass
    return (
        f'<figure class="medialit-figure" style="margin:0"><img src="data:image/png;base64,{encoded}" '
        f'alt="{html.escape(alt, quote=True)}" style="max-width:100%">'
        f'<figcaption style="color:#333;font-size:0.9em">{html.escape(text)}</figcaption></figure>'
    )


def show(fig: Figure, *, caption: str | None = None) -> None:
    """Display ``fig`` with its description as alt text and a visible caption, then close it.

    Returns nothing, so a ``show(...)`` on a cell's last line is displayed once.

    >>> show(frame_profile({"conflict": 1.0}))
    <IPython.core.display.HTML object>
    """
    from IPython.display import HTML, display

    display(HTML(figure_html(fig, caption=caption)))
