"""The answer key is valid, agrees with the article to the letter, and reports its own errors clearly."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

import medialit
from medialit import MedialitError
from medialit.key import answer_key, key_path_for, load_key, validate_key


@pytest.fixture(scope="module")
def key():
    return answer_key()


@pytest.fixture
def raw(article):
    return yaml.safe_load(key_path_for(article).read_text(encoding="utf-8"))


def _quoted_spans(text: str) -> list[str]:
    """What stands between curly double quotes, and between ‘ and a closing ’ not inside a word."""
    doubles = re.findall(r"“([^”]+)”", text)
    singles = re.findall(r"‘([^’]+)’(?!\w)", text)
    return doubles + singles


def test_key_lists_every_quotation_in_the_article_headline_included(article, key):
    in_text = sorted((p, q) for p, para in enumerate(article.paragraphs) for q in _quoted_spans(para))
    in_key = sorted(zip(key.quotes["paragraph"], key.quotes["text"], strict=True))
    assert in_key == in_text
    assert len(in_key) == 7


def test_quote_speakers_cues_and_conduits(key):
    by_paragraph = key.quotes.set_index("paragraph")
    assert by_paragraph.loc[13, "speaker"] == "Sergei Ryabkov"
    assert by_paragraph.loc[13, "kind"] == "full"
    assert by_paragraph.loc[13, "via"] == "RIA Novosti"
    assert by_paragraph.loc[10, "speaker"] == "Joe Biden"
    assert by_paragraph.loc[5, "via"] == "the Kremlin"
    putin = by_paragraph.index[by_paragraph["speaker"] == "Vladimir Putin"].tolist()
    assert putin == [0, 1, 5, 8, 9]
    assert (key.quotes["kind"] == "full").sum() == 1


def test_a_conduit_is_graded_only_where_the_article_names_it(article, raw):
    """Only ¶5 ("According to the Kremlin") and ¶13 (RIA Novosti) name who passed the words on."""
    named = {q["paragraph"]: q["via"] for q in raw["quotes"] if q["via"] is not None}
    assert named == {5: "the Kremlin", 13: "RIA Novosti"}
    for paragraph, via in named.items():
        assert via.removeprefix("the ") in article.paragraphs[paragraph]
    by_paragraph = {q["paragraph"]: q for q in raw["quotes"]}
    # ¶1's "urgent" was never the Kremlin's word: keyed direct, with no inference either.
    assert by_paragraph[1]["via"] is None and "via_inferred" not in by_paragraph[1]
    # The headline and ¶8 most likely come from the Kremlin's account: shown as an inference only.
    for paragraph in (0, 8):
        assert by_paragraph[paragraph]["via"] is None
        assert by_paragraph[paragraph]["via_inferred"] == "the Kremlin"
        assert "either" in by_paragraph[paragraph]["via_inferred_rationale"]


def test_an_inferred_conduit_needs_a_rationale_and_no_named_one(raw, article):
    broken = copy.deepcopy(raw)
    del broken["quotes"][0]["via_inferred_rationale"]
    assert "'via_inferred_rationale' is missing" in validate_key(broken, article)[0]
    broken = copy.deepcopy(raw)
    broken["quotes"][0]["via"] = "the Kremlin"  # named and inferred at once
    assert "via" in validate_key(broken, article)[0]


def test_every_key_text_occurs_verbatim_in_its_paragraph(article, key):
    tables = [key.quotes, key.unattributed, key.framing, key.time_expressions, key.provenance]
    checked = 0
    for table in tables:
        for row in table.dropna(subset=["paragraph"]).itertuples():
            paragraph = int(row.paragraph)
            assert 0 <= paragraph < len(article.paragraphs)
            if row.text:
                assert row.text in article.paragraphs[paragraph], (row.text, paragraph)
                checked += 1
    for row in key.attributions.itertuples():
        assert row.cue in article.paragraphs[row.paragraph]
        checked += 1
    assert checked > 60


def test_every_paragraph_number_in_the_key_exists(article, key):
    last = len(article.paragraphs) - 1
    numbers = list(key.appearances["paragraph"])
    numbers += [p for ps in key.frames["evidence"] for p in ps]
    numbers += [p for ps in key.entman["evidence"] for p in ps]
    numbers += [p for ps in key.absent_voices["mentioned_in"] for p in ps]
    assert numbers and all(0 <= p <= last for p in numbers)


def test_every_speaker_and_attributed_source_is_a_listed_source(key):
    names = set(key.sources["name"])
    assert set(key.quotes["speaker"]) <= names
    assert set(key.attributions["source"]) <= names


def test_time_expressions_are_resolved_against_the_tuesday_dateline(key):
    t = key.time_expressions.set_index(["paragraph", "text"])
    assert t.loc[(1, "Tuesday"), "date"] == "2021-12-14"
    assert t.loc[(7, "later Tuesday"), "date"] == "2021-12-14"
    assert t.loc[(12, "a day after"), "date"] == "2021-12-13"
    assert (t.loc[(10, "last week"), "start"], t.loc[(10, "last week"), "end"]) == (
        "2021-12-06",
        "2021-12-12",
    )
    assert t.loc[(3, "since 2014"), "start"] == "2014-01-01"
    assert bool(t.loc[(2, "For weeks"), "vague"]) and bool(t.loc[(4, "traditionally"), "vague"])
    for row in key.time_expressions.itertuples():
        assert row.vague or row.date or (row.start and row.end), row.text


def test_in_recent_days_is_dated_from_other_sources_and_too_vague_is_also_right(raw):
    """Lesson 5 dates the EU and G7 meetings (11-13 December); the article alone gives no date."""
    entry = next(t for t in raw["time_expressions"] if t["text"] == "In recent days")
    assert (entry["start"], entry["end"]) == ("2021-12-11", "2021-12-13")
    assert entry["vague_ok"] is True and "vague" not in entry
    assert [t["text"] for t in raw["time_expressions"] if t.get("vague_ok")] == ["In recent days"]


def test_too_vague_cannot_also_be_accepted_for_an_undated_expression(raw, article):
    broken = copy.deepcopy(raw)
    next(t for t in broken["time_expressions"] if t["text"] == "For weeks")["vague_ok"] = True
    assert validate_key(broken, article)


def test_the_financial_losses_item_accepts_a_no_the_article_only_implies_losses(raw, article):
    frames = {f["item"]: f for f in raw["framing"]["frames"]}
    assert frames["E1"]["answer"] is True and frames["E1"]["either_ok"] is True
    assert [i for i, f in frames.items() if f.get("either_ok")] == ["E1"]
    broken = copy.deepcopy(raw)
    next(f for f in broken["framing"]["frames"] if f["item"] == "C4")["either_ok"] = True  # a "no" item
    assert validate_key(broken, article)


def test_massed_is_the_agency_s_documented_word_not_a_loaded_term_or_presupposition(key):
    f = key.framing
    assert not f["text"].str.contains("massed").any()
    row = key.unattributed[key.unattributed["paragraph"] == 10]
    assert "AFP" in row["rationale"].item() and "100,000" in row["rationale"].item()


def test_people_of_eastern_ukraine_are_never_mentioned(key):
    row = key.absent_voices[key.absent_voices["name"].str.startswith("People living")]
    assert list(row["mentioned_in"].item()) == []


def test_frame_items_cover_the_five_frames_with_twenty_questions(key):
    counts = key.frames.groupby("frame").size().to_dict()
    assert counts == {
        "responsibility": 5, "human interest": 5, "conflict": 4, "morality": 3, "economic consequences": 3,
    }  # fmt: skip
    yes_without_evidence = key.frames[key.frames["answer"] & (key.frames["evidence"].str.len() == 0)]
    assert yes_without_evidence.empty
    assert set(key.entman["function"]) == {
        "problem definition", "causal interpretation", "moral evaluation", "treatment recommendation",
    }  # fmt: skip


def test_absent_voices_and_provenance_clues_are_present(key):
    absent = " ".join(key.absent_voices["name"])
    for who in ("Ukraine", "NATO", "Niinistö", "Macron"):
        assert who in absent
    clues = key.provenance.set_index("text")["wire_version"].to_dict()
    assert clues["“urgent”"] == "“immediate”"
    assert clues["Thousands of Russian troops"] == "tens of thousands of Russian troops"
    assert clues["Niinsto"] == "Niinsto"  # AFP's own misspelling, inherited: a fingerprint of the origin
    assert clues["pro-Russian separatists"] == "pro-Russia rebels"
    assert clues["the discussions it seeks"] == "the talks it demands"
    assert not key.provenance["rationale"].str.contains("warned of|such an attack").any()  # CGTN's edits


def test_every_entry_has_a_rationale_a_teacher_can_read_aloud(raw):
    def entries(node):
        if isinstance(node, dict):
            if "rationale" in node:
                yield node
            for value in node.values():
                yield from entries(value)
        elif isinstance(node, list):
            for value in node:
                yield from entries(value)

    found = list(entries(raw))
    assert len(found) > 100
    for entry in found:
        words = entry["rationale"].split()
        assert 6 <= len(words) <= 60, entry["rationale"]


def test_schema_errors_name_the_entry_and_field(raw, article):
    broken = copy.deepcopy(raw)
    del broken["quotes"][2]["speaker"]
    broken["attributions"][0]["connotation"] = "sneaky"
    problems = validate_key(broken, article, where="x.key.yaml")
    assert "x.key.yaml, quotes, entry 3 (q2): 'speaker' is missing." in problems
    assert any("attributions, entry 1" in p and "connotation" in p and "sneaky" in p for p in problems)


def test_article_mismatches_are_reported(raw, article):
    broken = copy.deepcopy(raw)
    broken["quotes"][1]["text"] = "urgently"
    broken["quotes"][6]["paragraph"] = 40
    broken["quotes"][3]["speaker"] = "Vlad"
    problems = validate_key(broken, article, where="k")
    assert "k, quotes, entry 2 (q1): text 'urgently' is not in paragraph 1." in problems
    assert any("entry 7 (q6)" in p and "paragraph 40 does not exist" in p for p in problems)
    assert any("'Vlad' is not one of the names under 'sources'" in p for p in problems)


def test_time_expression_needs_exactly_one_kind_of_answer(raw, article):
    broken = copy.deepcopy(raw)
    broken["time_expressions"][0]["vague"] = True  # has a date as well
    problems = validate_key(broken, article, where="k")
    assert any("time_expressions, entry 1" in p and "exactly one" in p for p in problems)


def test_broken_yaml_file_names_the_line(tmp_path, article):
    bad = tmp_path / "bad.key.yaml"
    bad.write_text("article: x\nquotes:\n  - id: q1\n   text: [unclosed\n", encoding="utf-8")
    with pytest.raises(MedialitError, match=r"bad\.key\.yaml, line \d+"):
        load_key(bad, article)


def test_article_without_a_key_gets_a_helpful_error(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Headline\n\nBody.\n", encoding="utf-8")
    assert medialit.key.find_key(f) is None
    with pytest.raises(MedialitError, match="no answer key") as caught:
        answer_key(f)
    assert "lesson 07" in caught.value.hint


def test_a_key_beside_a_teachers_article_is_found(tmp_path, root):
    f = tmp_path / "story.txt"
    f.write_text(
        " date 2022-03-01 Mayor speaks\n\n“We will build it,” the mayor said on Tuesday.\n", encoding="utf-8"
    )
    (tmp_path / "story.key.yaml").write_text(
        yaml.safe_dump({
            "article": "story",
            "quotes": [{"id": "q1", "paragraph": 1, "text": "We will build it,", "speaker": "the mayor",
                        "cue": "said", "kind": "full", "via": None,
                        "rationale": "The mayor's own words, in full."}],
            "sources": [{"name": "the mayor", "aliases": [], "kind": "person", "official": True,
                         "appearances": [{"paragraph": 1, "mode": "direct quote"}],
                         "rationale": "The only voice in the story."}],
            "attributions": [],
            "time_expressions": [{"paragraph": 1, "text": "Tuesday", "date": "2022-03-01", "event": "speech",
                                  "rationale": "The dateline's Tuesday."}],
        }),
        encoding="utf-8",
    )  # fmt: skip
    key = answer_key(f)
    assert key.quotes["speaker"].tolist() == ["the mayor"]
    assert key.to_json()["article"] == {"id": "story", "headline": "Mayor speaks", "date": "2022-03-01"}


def test_tables_are_copies_students_cannot_corrupt(key):
    mine = key.quotes
    mine.loc[0, "speaker"] = "someone else"
    assert key.quotes.loc[0, "speaker"] == "Vladimir Putin"


def test_key_json_round_trips(key):
    data = key.to_json()
    assert json.loads(json.dumps(data)) == data


def test_editing_a_key_file_is_seen_at_once(tmp_path, root, article):
    text = (root / "data" / "articles" / "putin-nato-talks-2021-12-14.txt").read_bytes()
    (tmp_path / "copy.txt").write_bytes(text)
    source = key_path_for(article).read_text(encoding="utf-8")
    key_file = tmp_path / "copy.key.yaml"
    key_file.write_text(source, encoding="utf-8")
    assert len(answer_key(tmp_path / "copy.txt").quotes) == 7
    key_file.write_text(source.replace('text: "urgent"', 'text: "urgently"'), encoding="utf-8")
    with pytest.raises(MedialitError, match="'urgently' is not in paragraph 1"):
        answer_key(tmp_path / "copy.txt")
