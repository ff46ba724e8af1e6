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
