"""medialit draft-key: a key that validates, filled from the analysis, every entry a draft with the
machine's own explanation; empty fields only in drafts; a finished key has no draft left."""

from __future__ import annotations

import copy

import pytest
import yaml
from authoring_support import ARTICLES, article_copy

import medialit
from medialit.authoring import review as R
from medialit.authoring._files import dump_yaml
from medialit.authoring.draft import count, draft_key
from medialit.cli import main as cli
from medialit.key import answer_key, load_key, unfinished, validate_key

ALL = [*ARTICLES.values(), None]  # the three test articles and the built-in one


@pytest.fixture(scope="module")
def drafts():
    return {str(p): (medialit.load_article(p), draft_key(p)) for p in ALL}


def _all_entries(data):
    return [(s.name, e) for s in R.SECTIONS for e in R.entries(data, s.name)]


def test_a_draft_validates_and_every_entry_is_a_draft_with_the_machines_explanation(drafts):
    for art, data in drafts.values():
        assert validate_key(data, art) == [], art.id
        entries = _all_entries(data)
        assert len(entries) == count(data) > 20
        assert all(e.get("draft") is True and len(e.get("why", "")) > 20 for _, e in entries), art.id
        assert len(unfinished(data)) == count(data)


def test_the_draft_takes_its_entries_from_the_analysis(drafts):
    for art, data in drafts.values():
        a = medialit.analyze(art)
        assert [(q["paragraph"], q["text"], q["speaker"], q["cue"]) for q in data["quotes"]] == [
            (r.paragraph, r.text, r.speaker, r.cue) for r in a.quotes.itertuples()
        ]
        assert [(x["paragraph"], x["source"], x["cue"], x["connotation"]) for x in data["attributions"]] == [
            (r.paragraph, r.source, r.cue, r.connotation) for r in a.attributions.itertuples()
        ]
        assert [(t["paragraph"], t["text"]) for t in data["time_expressions"]] == [
            (r.paragraph, r.text) for r in a.time_expressions.itertuples()
        ]
        assert {s["name"] for s in data["sources"]} >= set(a.sources["name"])
        framing = data["framing"]
        drafted = [
            e["text"] for sub in ("labels", "loaded_terms", "vague_quantities") for e in framing.get(sub, [])
        ]
        assert sorted(drafted) == sorted(a.loaded_terms["text"])


def test_frame_questions_with_cue_words_are_yes_with_their_paragraphs_and_the_others_are_left_open(drafts):
    letters = {"responsibility": "R", "human interest": "H", "conflict": "C", "morality": "M",
               "economic consequences": "E"}  # fmt: skip
    for art, data in drafts.values():
        cues = medialit.analyze(art).frame_cues
        cued: dict[str, set[int]] = {}
        for r in cues.itertuples():
            cued.setdefault(f"{letters[r.frame]}{int(r.item)}", set()).add(int(r.paragraph))
        frames = data["framing"]["frames"]
        assert len(frames) == 20
        for f in frames:
            if f["item"] in cued:
                assert f["answer"] is True and f["evidence"] == sorted(cued[f["item"]]), (art.id, f["item"])
            else:
                assert f["answer"] is None and f["rationale"] is None and f["evidence"] == [], (
                    art.id,
                    f["item"],
                )


def test_the_draft_leaves_the_missing_voices_to_the_teacher_with_a_prompt(drafts):
    for _art, data in drafts.values():
        (prompt,) = data["absent_voices"]
        assert prompt["name"] is None and prompt["draft"] and "missing" in prompt["why"]


def test_an_empty_field_is_allowed_only_in_a_draft_entry():
    key = answer_key()
    base = copy.deepcopy(key.data)
    cases = [
        ("quotes", 0, "speaker"),
        ("quotes", 0, "cue"),
        ("sources", 0, "official"),
        ("time_expressions", 0, "event"),
        ("absent_voices", 0, "name"),
        ("absent_voices", 0, "rationale"),
    ]
    for section, i, field in cases:
        data = copy.deepcopy(base)
        data[section][i][field] = None
        problems = validate_key(data, key.article)
        assert any(f"'{field}' is empty" in p for p in problems), (section, field, problems)
        data[section][i]["draft"] = True
        assert not any("is empty" in p for p in validate_key(data, key.article)), (section, field)
    for field in ("answer", "rationale"):
        data = copy.deepcopy(base)
        data["framing"]["frames"][0][field] = None
        assert any(f"'{field}' is empty" in p for p in validate_key(data, key.article))
        data["framing"]["frames"][0]["draft"] = True
        assert validate_key(data, key.article) == []
    data = copy.deepcopy(base)
    data["quotes"][0]["text"] = None  # never allowed, not even in a draft
    data["quotes"][0]["draft"] = True
    assert validate_key(data, key.article)


def test_a_finished_key_has_no_draft_left_and_the_check_names_each_draft_entry(drafts):
    assert unfinished(answer_key().data) == []
    _art, data = drafts[str(ARTICLES["voa-asean-ministers-2009-07-22"])]
    left = unfinished(data, where="k.yaml")
    assert left[0].startswith("k.yaml, quotes, entry 1 (q1) is still a draft")
    assert any("framing, frames, entry 20 (E3)" in line for line in left)


def test_every_development_set_draft_validates_and_reads_back_exactly_from_yaml(drafts):
    devset = ARTICLES["voa-senegal-election-2019-02-24"].parents[2]  # tests/devset: its dev and test parts
    for path in sorted(devset.glob("*/articles/*.txt")):
        data = draft_key(path)
        assert validate_key(data, medialit.load_article(path)) == [], path.name
        assert yaml.safe_load(dump_yaml(data)) == data, path.name
    for _art, data in drafts.values():
        assert yaml.safe_load(dump_yaml(data)) == data


def test_draft_key_writes_a_valid_draft_and_a_review_notebook_and_never_overwrites_a_key(tmp_path, capsys):
    import nbformat

    article = article_copy(tmp_path, "voa-asean-ministers-2009-07-22")
    assert cli(["draft-key", str(article)]) == 0
    key = tmp_path / "voa-asean-ministers-2009-07-22.key.yaml"
    loaded = load_key(key)
    assert loaded.article.id == "voa-asean-ministers-2009-07-22" and len(unfinished(loaded.data)) == 30
    assert key.read_text(encoding="utf-8").startswith("# DRAFT answer key")
    capsys.readouterr()
    assert cli(["key", str(key)]) == 0
    assert "this key is a draft: 30 entries still marked 'draft: true'" in capsys.readouterr().err
    nb = nbformat.read(tmp_path / "review-voa-asean-ministers-2009-07-22.ipynb", 4)
    assert 'review_key("voa-asean-ministers-2009-07-22.key.yaml")' in nb.cells[1].source
    key.write_text(key.read_text(encoding="utf-8") + "# the teacher's own note\n", encoding="utf-8")
    assert cli(["draft-key", str(article)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert key.read_text(encoding="utf-8").endswith("# the teacher's own note\n")
    assert cli(["draft-key", str(article), "--force", "--no-notebook"]) == 0
    assert "the teacher's own note" not in key.read_text(encoding="utf-8")


def test_draft_key_on_a_shipped_article_writes_here_with_a_copy_of_the_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(["draft-key", "voa-asean-chief-2013-01-09", "--no-notebook"]) == 0
    assert (tmp_path / "voa-asean-chief-2013-01-09.txt").read_bytes() == ARTICLES[
        "voa-asean-chief-2013-01-09"
    ].read_bytes()
    assert (
        load_key(tmp_path / "voa-asean-chief-2013-01-09.key.yaml").article.id == "voa-asean-chief-2013-01-09"
    )
