"""Plots: titled, labelled, described for screen readers, colour-blind-safe; show() escapes its text."""

from __future__ import annotations

import pandas as pd
import pytest

from medialit import plots
from medialit.errors import MedialitError


@pytest.fixture(scope="module")
def analysis():
    import medialit

    return medialit.analyze()


def _check(fig) -> None:
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert fig.medialit_alt
    colours = {c.lower() for c in plots.PALETTE}
    for patch in ax.patches:
        r, g, b, _ = patch.get_facecolor()
        assert f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}" in colours


def test_who_speaks_from_an_analysis_names_each_speaker(analysis) -> None:
    fig = plots.who_speaks(analysis)
    _check(fig)
    assert "Vladimir Putin" in fig.medialit_alt and "Sergei Ryabkov" in fig.medialit_alt


def test_who_speaks_from_the_answer_key() -> None:
    import medialit

    fig = plots.who_speaks(medialit.answer_key())
    _check(fig)
    assert "Joe Biden" in fig.medialit_alt


def test_who_speaks_totals_words_by_mode() -> None:
    table = pd.DataFrame(
        {
            "source": ["A", "A", "B"],
            "mode": ["direct quote", "paraphrase", "partial quote"],
            "words": [10, 4, 3],
        }
    )
    fig = plots.who_speaks(table)
    assert "A 14 (direct quote 10, paraphrase 4)" in fig.medialit_alt
    hatches = {p.get_hatch() for p in fig.axes[0].patches}
    assert {"//", ".."} <= hatches  # meaning carried by pattern, not colour alone


def test_who_speaks_rejects_a_table_without_the_columns() -> None:
    with pytest.raises(MedialitError, match="words"):
        plots.who_speaks(pd.DataFrame({"source": ["A"]}))


def test_timeline_places_dates_and_lists_vague_ones(analysis) -> None:
    fig = plots.timeline(analysis)
    _check(fig)
    assert "2021-12-13" in fig.medialit_alt
    assert 'Not placed (vague): ¶2 "For weeks"' in fig.medialit_alt


@pytest.mark.parametrize(
    ("rows", "shown", "not_shown"),
    [
        # the built-in article: "since 2014" runs to the dateline, so the axis spans the years between;
        # from its Analysis (which knows the dateline) and from its table, as lesson 7 draws it
        ("analysis", {"2014", "2021"}, {"2023"}),
        ("table", {"2014", "2021"}, {"2023"}),
        # a fortnight in one month: the ticks name its days and the month
        (
            [{"paragraph": 1, "text": "May 3", "date": "2019-05-03"},
             {"paragraph": 2, "text": "May 17", "date": "2019-05-17"}],
            {"2019-May"},
            {"2023"},
        ),
    ],
)  # fmt: skip
def test_timeline_axis_labels_name_the_dates_that_are_drawn(analysis, rows, shown, not_shown) -> None:
    import io

    data = {"analysis": analysis, "table": analysis.time_expressions}
    fig = plots.timeline(data[rows] if isinstance(rows, str) else pd.DataFrame(rows))
    fig.savefig(io.BytesIO(), format="png")  # ticks and their labels are made when the figure is drawn
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.get_xticklabels()} | {ax.xaxis.get_offset_text().get_text()}
    assert shown <= labels, labels
    assert not any(n in label for n in not_shown for label in labels), labels
    low, high = ax.get_xlim()
    assert all(low <= tick <= high for tick in ax.get_xticks()[1:-1])


def test_frame_profile_compares_two_sets_of_scores(analysis) -> None:
    import medialit

    fig = plots.frame_profile(analysis, medialit.answer_key())
    _check(fig)
    assert len(fig.axes[0].patches) == 10
    assert "conflict: machine" in fig.medialit_alt and "answer key 0.75" in fig.medialit_alt


def test_a_single_key_profile_is_labelled_as_the_key_not_the_machine() -> None:
    import medialit

    fig = plots.frame_profile(medialit.answer_key())
    assert "conflict: answer key 0.75" in fig.medialit_alt
    assert "machine" not in fig.medialit_alt


def test_show_escapes_the_description_and_closes(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    fig = plots.frame_profile({"conflict": 0.5})
    fig.medialit_alt = 'A <b>"chart"</b> & more'
    assert plots.show(fig) is None  # displayed once, not echoed again as the cell's value
    (out,) = shown
    assert 'alt="A &lt;b&gt;&quot;chart&quot;&lt;/b&gt; &amp; more"' in out.data
    assert "<figcaption" in out.data and "<b>" not in out.data
