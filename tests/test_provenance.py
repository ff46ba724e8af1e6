"""Lesson 06's provenance notes: valid, true to the article, and readable by students."""

from __future__ import annotations

import html

import pytest
import yaml

import medialit
from medialit import provenance
from medialit.errors import MedialitError


def test_every_shipped_provenance_file_is_valid_and_matches_its_article(root):
    files = sorted((root / "data" / "provenance").glob("*.yaml"))
    assert files, "expected at least the built-in article's notes"
    for path in files:
        article = medialit.load_article(path.stem)
        notes = provenance.load_provenance(article)
        assert notes.article_id == path.stem
        for row in notes.rows.itertuples():
            assert row.text in article.paragraphs[row.paragraph], (path.name, row.text)


def test_the_built_in_notes_hold_the_changes_lesson_06_teaches():
    rows = provenance.changes()
    pairs = {(r.paragraph, r.text, r.wire_version) for r in rows.itertuples()}
    assert (1, "“urgent”", '"immediate"') in pairs
    assert (3, "Thousands", "tens of thousands") in pairs
    assert (2, "plotting", "planning") in pairs
    assert (9, "the partnership", "the alliance") in pairs
    assert (9, "“formal guarantees”", '"legal guarantees"') in pairs
    kept = set(provenance.changes(clue="kept from wire")["text"])
    assert "Western security alliance" in kept
    assert rows["paragraph"].is_monotonic_increasing


def test_the_wire_wording_is_the_unedited_afp_copies_not_cgtn_s_edits():
    pairs = {(r.paragraph, r.text): r.wire_version for r in provenance.changes().itertuples()}
    assert pairs[(2, "threatening")] == "warning of"  # CGTN edited it to "warned of"
    assert pairs[(2, "goes ahead with the strike")] == "launch an attack"  # CGTN: "launch such an attack"
    # "Niinsto" is AFP's own slip, carried by every unedited copy (CGTN corrected it to "Niinisto").
    assert pairs[(5, "Niinsto")] == "Niinsto"
    assert "Niinsto" in set(provenance.changes(clue="kept from wire")["text"])
    notes = provenance.load_provenance()
    cgtn = [o for o in notes.copies["outlet"] if "CGTN" in o]
    assert cgtn == ["CGTN (China's state broadcaster)"]
    unedited = {o for o in notes.copies["outlet"] if "CGTN" not in o}
    assert {"The Hindu (India)", "The News (Pakistan)", "Jordan Times"} <= unedited
    assert not any("warned of" in str(w) or "such an attack" in str(w) for w in pairs.values())


def test_the_rows_the_fact_check_found_missing_are_there():
    pairs = {(r.paragraph, r.text, r.wire_version) for r in provenance.changes().itertuples()}
    assert (8, "pro-Russian separatists", "pro-Russia rebels") in pairs
    assert (8, "the Ukrainian administration", "the Ukrainian leadership") in pairs
    assert (9, "escalation in tensions", "rise in tensions") in pairs
    assert (10, "massed on the Ukrainian border", "massed near the Ukrainian border") in pairs
    assert (12, "the discussions it seeks", "the talks it demands") in pairs


def test_biden_s_quote_is_a_trace_example_and_thousands_is_roughly_a_tenth():
    rows = provenance.changes()
    biden = rows[rows["paragraph"] == 10].set_index("text")["rationale"]["sanctions like he’s never seen"]
    assert "8 December 2021" in biden and "different words" in biden
    troops = rows.set_index("text")["rationale"]["Thousands"]
    assert "roughly a tenth" in troops and "at least ten" not in troops


def test_changes_rejects_an_unknown_clue_with_the_list_of_clues():
    with pytest.raises(MedialitError, match="quotation changed"):
        provenance.changes(clue="spin")


def test_html_table_escapes_article_text():
    rows = provenance.changes().head(2).copy()
    rows.loc[0, "rationale"] = "<script>alert(1)</script> & co"
    shown = provenance.ProvenanceTable(rows, "A <b> title")._repr_html_()
    assert "<script>" not in shown
    assert html.escape("<script>alert(1)</script> & co") in shown
    assert "A &lt;b&gt; title" in shown


def _write_notes(tmp_path, monkeypatch, rows):
    """Point the kit's data folder at a copy holding the given notes for the built-in article."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(provenance.data_dir() / "articles", data / "articles")
    (data / "provenance").mkdir()
    shutil.copy(provenance.data_dir() / "provenance" / "provenance.schema.json", data / "provenance")
    notes = {"article": medialit.load_article().id, "wire": {"agency": "AFP"}, "rows": rows}
    (data / "provenance" / f"{notes['article']}.yaml").write_text(yaml.safe_dump(notes), encoding="utf-8")
    monkeypatch.setattr(provenance, "data_dir", lambda: data)
    return data


def test_a_row_whose_text_is_not_in_its_paragraph_is_reported_with_file_and_row(tmp_path, monkeypatch):
    good = {
        "clue": "reworded",
        "paragraph": 2,
        "text": "plotting",
        "wire_version": "planning",
        "rationale": "r",
    }
    bad = dict(good, paragraph=4)
    _write_notes(tmp_path, monkeypatch, [good, bad])
    with pytest.raises(
        MedialitError, match=r"putin-nato-talks-2021-12-14\.yaml, row 2: 'plotting' is not in"
    ):
        provenance.load_provenance()


def test_a_schema_error_names_the_row_and_field(tmp_path, monkeypatch):
    bad = {"clue": "gossip", "paragraph": 2, "text": "plotting", "wire_version": None, "rationale": "r"}
    _write_notes(tmp_path, monkeypatch, [bad])
    with pytest.raises(MedialitError, match="row 1, clue"):
        provenance.load_provenance()


def test_an_article_without_notes_gets_a_helpful_error(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(" date 2024-01-02 A headline\n\nOne paragraph.\n", encoding="utf-8")
    try:
        rows = provenance.load_provenance(path)
    except MedialitError as exc:
        assert "no provenance notes" in str(exc)
        assert "data/provenance/other.yaml" in str(exc)
    else:  # only possible if a key for 'other' exists with provenance rows
        assert len(rows.rows)


def test_sift_checklist_has_the_four_moves_in_order_and_prints_as_boxes():
    checklist = provenance.sift_checklist()
    assert checklist.table()["step"].tolist() == [
        "Stop",
        "Investigate the source",
        "Find better coverage",
        "Trace claims, quotes and media to the original context",
    ]
    assert str(checklist).count("[ ]") == 4
    assert "Caulfield" in checklist._repr_html_()


def test_rows_without_paragraph_or_wire_text_show_a_dash_and_sort_last():
    rows = [
        {
            "clue": "No byline",
            "paragraph": None,
            "text": None,
            "wire_version": None,
            "rationale": "No author.",
        },
        {
            "clue": "reworded",
            "paragraph": 2,
            "text": "plotting",
            "wire_version": "planning",
            "rationale": "r",
        },
    ]
    table = provenance.ProvenanceTable(rows, "t")
    assert "¶–: '–' | wire: – | No byline" in repr(table)
    assert '<td style="text-align:center;vertical-align:top">–</td>' in table._repr_html_()


def test_show_changes_does_not_import_pandas():
    import subprocess
    import sys

    code = (
        "import sys, medialit; medialit.provenance.show_changes()._repr_html_(); "
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
