"""Exercise answers that follow from the teacher's answer key are checked against it: they cannot disagree.

When the key changes, a failure here names the exercise question whose answer must change with it.
"""

from __future__ import annotations

import math
import re

import pytest

import medialit
from medialit.exercises import get_set, list_sets


@pytest.fixture(scope="module")
def key():
    return medialit.answer_key()


@pytest.fixture(scope="module")
def art():
    return medialit.load_article()


def spec(set_id: str, qid: str) -> dict:
    q = get_set(set_id).question(qid)
    return q.spec["score_as"] if q.type == "widget" else q.spec


def letters(set_id: str, qid: str, wanted: set[str]) -> set[str]:
    """The option letters whose text is one of ``wanted`` (exact, case-insensitive)."""
    options = spec(set_id, qid)["options"]
    folded = {w.casefold() for w in wanted}
    found = {k for k, text in options.items() if {text.casefold(), text.strip('"').casefold()} & folded}
    assert len(found) == len(wanted), f"{set_id}.{qid}: options do not name all of {wanted}"
    return found


def none_to_null(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def speaking_sources(key, paragraphs) -> set[str]:
    a = key.appearances
    rows = a[a["paragraph"].isin(list(paragraphs)) & (a["mode"] != "mentioned")]
    return set(rows["source"])


# ---------------------------------------------------------------- ex01


def test_ex01_dateline_and_tuesday_paragraphs_follow_the_key(key):
    t = key.time_expressions
    tuesday = t[t["date"] == "2021-12-14"]
    assert spec("ex01", "q2")["answer"] == t[t["paragraph"] == 1]["date"].item()
    answer = set(spec("ex01", "q4")["answer"])
    assert set(tuesday["paragraph"]) <= answer
    dated_before = t[(t["date"].fillna("9999") < "2021-12-14") | (t["end"].fillna("9999") < "2021-12-14")]
    assert set(dated_before["paragraph"]) == {10, 12, 15}
    assert answer.isdisjoint(set(dated_before["paragraph"])), (
        "a paragraph dated before Tuesday is in the answer"
    )
    build_up = t[
        t["text"].isin(["For weeks", "since 2014", "In recent days"])
    ]  # background spans, not Tuesday's news
    assert answer.isdisjoint(set(build_up["paragraph"]))


def test_ex01_headline_word_and_time_expression_targets_follow_the_key(key):
    q = key.quotes
    assert spec("ex01", "q6")["accept"] == [q[q["paragraph"] == 0]["text"].item()]
    t = key.time_expressions
    expected = {(r.paragraph, r.text) for r in t.itertuples() if 10 <= r.paragraph <= 15}
    targets = {(x["paragraph"], x["phrases"][0]) for x in spec("ex01", "q7")["targets"]}
    assert targets == expected


# ---------------------------------------------------------------- ex02


def test_ex02_sources_in_paragraphs_1_to_9_follow_the_key(key):
    speaking = speaking_sources(key, range(1, 10))
    assert speaking == {"Vladimir Putin", "the Kremlin", "the US and its allies", "the West"}
    s = spec("ex02", "q1")
    right = {k for k, text in s["options"].items() if text in speaking}
    assert right == set(s["answer"])


def test_ex02_kinds_of_source_follow_the_key(key):
    kinds = dict(zip(key.sources["name"], key.sources["kind"], strict=True))
    s = spec("ex02", "q2")
    for item in s["items"]:
        option = s["options"][item["answer"]]
        assert option.startswith(("a ", "an ")) and kinds[item["text"]] in option, item


def test_ex02_quote_modes_and_full_quote_count_follow_the_key(key):
    a = key.appearances
    mode = {(r.paragraph, r.source): r.mode for r in a.itertuples()}
    assert mode[(13, "Sergei Ryabkov")] == "direct quote"
    assert mode[(10, "Joe Biden")] == "partial quote"
    assert mode[(15, "the Russian army")] == "paraphrase"
    assert 3 in set(key.unattributed["paragraph"])
    items = spec("ex02", "q3")["items"]
    assert [i["text"][:4] for i in items] == ["¶13:", "¶10:", "¶15:", "¶3: "]
    assert [i["answer"] for i in items] == ["a", "b", "c", "d"]
    assert spec("ex02", "q4")["answer"] == int((key.quotes["kind"] == "full").sum())


def test_ex02_the_only_unofficial_source_follows_the_key(key):
    s = key.sources
    assert list(s[~s["official"].astype(bool)]["name"]) == ["RIA Novosti"]
    assert spec("ex02", "q5")["options"][spec("ex02", "q5")["answer"]] == "RIA Novosti"


def test_ex02_highlighter_targets_are_the_sources_the_key_hears_in_10_to_15(key):
    expected = {
        (r.paragraph, r.source)
        for r in key.appearances.itertuples()
        if 10 <= r.paragraph <= 15 and r.mode != "mentioned"
    }
    targets = {(t["paragraph"], t["name"]) for t in spec("ex02", "q6")["targets"]}
    assert targets == expected


def test_ex02_absent_voices_follow_the_key(key):
    absent = " | ".join(key.absent_voices["name"]).casefold()
    s = spec("ex02", "q7")
    for letter in s["answer"]:
        words = [w for w in re.findall(r"[a-zö']+", s["options"][letter].casefold()) if len(w) > 3]
        assert any(w in absent for w in words), s["options"][letter]
    for letter in set(s["options"]) - set(s["answer"]):
        assert s["options"][letter] in speaking_sources(key, range(17))


# ---------------------------------------------------------------- ex03


def test_ex03_cue_stances_follow_the_key(key):
    stance = {(r.paragraph, r.cue): r.connotation for r in key.attributions.itertuples()}
    s = spec("ex03", "q1")
    for item in s["items"]:
        paragraph = int(re.match(r"¶(\d+)", item["text"]).group(1))
        cues = [cue for (p, cue) in stance if p == paragraph and cue in item["text"]]
        assert cues, item
        expected = stance[(paragraph, max(cues, key=len))]
        assert s["options"][item["answer"]].startswith(expected), item


def test_ex03_accused_paragraphs_and_distancing_cue_follow_the_key(key):
    at = key.attributions
    accused = set(at[at["cue"].str.contains("accused")]["paragraph"])
    assert set(spec("ex03", "q2")["answer"]) == accused
    distancing = at[at["connotation"] == "distancing"]
    assert list(distancing["paragraph"]) == [11]
    assert spec("ex03", "q7")["accept"] == [distancing["cue"].item()]


def test_ex03_quote_tracker_answers_are_the_key_quotes(key):
    expected = {
        r.id: {"paragraph": r.paragraph, "speaker": r.speaker, "kind": r.kind, "via": none_to_null(r.via)}
        for r in key.quotes.itertuples()
    }
    assert spec("ex03", "q6")["items"] == expected


# ---------------------------------------------------------------- ex04


def test_ex04_frame_items_follow_the_key(key):
    rows = {r.item: r for r in key.frames.itertuples()}
    for qid in ("q2", "q7"):
        for item in spec("ex04", qid)["items"]:
            row = rows[item["item"]]
            assert item["question"] == row.question, item["item"]
            assert item["answer"] == bool(row.answer), item["item"]
            assert item["evidence"] == list(row.evidence), item["item"]
            assert not set(item.get("allow", [])) & set(item["evidence"])


def test_ex04_entman_functions_follow_the_key(key):
    functions = list(key.entman["function"])
    s = spec("ex04", "q1")
    assert [s["options"][i["answer"]].split(" - ")[0] for i in s["items"]] == functions


def test_ex04_labels_loaded_words_actorless_and_presupposition_follow_the_key(key):
    f = key.framing
    labels = set(f[(f["device"] == "label") & (f["actor"] == "separatists in eastern Ukraine")]["text"])
    assert letters("ex04", "q3", labels) == set(spec("ex04", "q3")["answer"])
    loaded = dict(
        zip(
            f[f["device"] == "loaded term"]["text"],
            f[f["device"] == "loaded term"]["neutral_alternative"],
            strict=True,
        )
    )
    s = spec("ex04", "q4")
    for item in s["items"]:
        word = re.search(r"“([^”]+)”", item["text"]).group(1)
        assert loaded[word] == s["options"][item["answer"]], word
    actorless = f[(f["device"] == "actorless") & f["text"].str.contains("ension")]
    assert set(spec("ex04", "q5")["answer"]) == set(actorless["paragraph"])
    presup = f[(f["device"] == "presupposition") & (f["paragraph"] == 2)]
    assert presup["text"].item() == "goes ahead with the strike"


# ---------------------------------------------------------------- ex05


def test_ex05_dates_follow_the_key(key):
    t = {(r.paragraph, r.text): r for r in key.time_expressions.itertuples()}
    last_week = t[(10, "last week")]
    assert spec("ex05", "q1")["answer"] == [last_week.start, last_week.end]
    assert spec("ex05", "q2")["answer"] == t[(12, "a day after")].date
    vague = {f'"{r.text}" (¶{r.paragraph})' for r in key.time_expressions.itertuples() if r.vague is True}
    assert letters("ex05", "q4", vague) == set(spec("ex05", "q4")["answer"])


def test_ex05_timeline_items_are_the_key_time_expressions(key):
    expected = {}
    for r in key.time_expressions.itertuples():
        if r.vague is True:
            answer = "vague"
        elif isinstance(r.date, str):
            answer = r.date
        else:
            answer = [r.start, r.end]
        expected[f"p{r.paragraph}:{r.text}"] = {"paragraph": r.paragraph, "answer": answer}
    assert spec("ex05", "q7")["items"] == expected


# ---------------------------------------------------------------- ex06


def test_ex06_provenance_answers_follow_the_key(key):
    q = key.quotes
    assert spec("ex06", "q1")["accept"] == [q[q["paragraph"] == 1]["text"].item()]
    p = key.provenance
    wire = {r.text: r.wire_version for r in p.itertuples() if isinstance(r.text, str)}
    assert "immediate" in wire["“urgent”"]
    assert wire["Thousands of Russian troops"].startswith("tens of thousands")
    assert wire["Niinsto"] == "Niinisto"  # the wire copies spell it without the ö, but not without the i
    s = spec("ex06", "q5")
    for item in s["items"]:
        ours = re.search(r"“([^”]+)”", item["text"]).group(1)
        matches = [v for k, v in wire.items() if ours in k.strip("“”")]
        assert matches, ours
        assert s["options"][item["answer"]] in matches[0].strip("“”"), ours


def test_ex06_loaded_term_targets_follow_the_key(key):
    f = key.framing
    loaded = {
        (r.paragraph, r.text) for r in f[f["device"] == "loaded term"].itertuples() if r.paragraph in (2, 4)
    }
    targets = {(t["paragraph"], t["phrases"][0]) for t in spec("ex06", "q6")["targets"]}
    assert targets == loaded


# ---------------------------------------------------------------- the article itself


def test_every_quoted_phrase_and_target_occurs_in_its_paragraph(art):
    for set_id in list_sets():
        for q in get_set(set_id).questions:
            s = q.spec["score_as"] if q.type == "widget" else q.spec
            for t in [*s.get("targets", []), *s.get("allow", [])] if s.get("type") == "marks" else []:
                for phrase in t["phrases"]:
                    assert art.find(phrase, paragraph=t["paragraph"]), (set_id, q.id, phrase)
            for item in s.get("items", []) if isinstance(s.get("items"), list) else []:
                m = re.match(r"¶(\d+)", item.get("text", ""))
                if m:
                    quoted = re.findall(r"“([^”]+)”", item["text"]) or []
                    for phrase in quoted:
                        assert art.find(phrase, paragraph=int(m.group(1))), (set_id, q.id, phrase)
                if "paragraph" in item and q.scored_type == "dates":
                    assert art.find(item["text"], paragraph=item["paragraph"])
