"""The answer key is the only source of targets: masters refer to it, and never copy it.

Every answer that follows from the key is a query in its master (``KEY_ANSWERS`` below). The tests
check that each of those fields is a reference, that it resolves to what the key says, that no
master holds a literal copy of key text, and that the master's answer-bearing fields are listed in
one place.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import yaml

import medialit
from medialit._schema import load_schema
from medialit.exercises import ANSWER_FIELDS, PUBLIC_FIELDS, get_set, list_sets
from medialit.exercises._model import masters_dir
from medialit.exercises._refs import is_query


@pytest.fixture(scope="module")
def key():
    return medialit.answer_key()


@pytest.fixture(scope="module")
def art():
    return medialit.load_article()


def raw_question(set_id: str, qid: str) -> dict[str, Any]:
    path = get_set(set_id).path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(q for q in data["questions"] if q["id"] == qid)


def spec(set_id: str, qid: str) -> dict[str, Any]:
    return get_set(set_id).question(qid).spec


def option(set_id: str, qid: str, letter: str) -> str:
    return spec(set_id, qid)["options"][letter]


def none_to_null(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


# (set, question, field): every answer that follows from the key. "items" means each item's answer.
KEY_ANSWERS = [
    ("ex01", "q2", "answer"),
    ("ex01", "q6", "accept"),
    ("ex01", "q7", "targets"),
    ("ex02", "q1", "answer"),
    ("ex02", "q2", "items"),
    ("ex02", "q3", "items"),
    ("ex02", "q4", "answer"),
    ("ex02", "q5", "answer"),
    ("ex02", "q6", "targets"),
    ("ex02", "q7", "answer"),
    ("ex03", "q1", "items"),
    ("ex03", "q2", "answer"),
    ("ex03", "q6", "targets"),
    ("ex03", "q7", "accept"),
    ("ex04", "q2", "targets"),
    ("ex04", "q3", "answer"),
    ("ex04", "q4", "items"),
    ("ex04", "q5", "answer"),
    ("ex04", "q7", "targets"),
    ("ex05", "q1", "answer"),
    ("ex05", "q2", "answer"),
    ("ex05", "q4", "answer"),
    ("ex05", "q7", "targets"),
    ("ex06", "q1", "accept"),
    ("ex06", "q5", "items"),
    ("ex06", "q6", "targets"),
]


@pytest.mark.parametrize(("set_id", "qid", "field"), KEY_ANSWERS)
def test_answers_that_follow_from_the_key_are_references_not_copies(set_id, qid, field):
    raw = raw_question(set_id, qid)
    if field == "items":
        assert all(is_query(item["answer"]) for item in raw["items"]), (set_id, qid)
    else:
        assert is_query(raw[field]), (set_id, qid, field)


def _key_strings(key) -> set[str]:
    """Every piece of text in the key that could be copied into a master (names, quotes, cues, ...)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name != "rationale":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) >= 4:
            found.add(node.strip("“”‘’\"'").casefold())

    walk(key.data)
    return found


def _answer_literals(node: Any, inside_answer: bool = False) -> list[str]:
    """Text written in answer-bearing fields of a master, outside queries and ``stands_for``."""
    out: list[str] = []
    if isinstance(node, dict):
        if is_query(node):
            return out
        for name, value in node.items():
            if name == "stands_for":
                continue  # a reference to a key value, by design
            out += _answer_literals(value, inside_answer or name in ANSWER_FIELDS)
    elif isinstance(node, list):
        for value in node:
            out += _answer_literals(value, inside_answer)
    elif isinstance(node, str) and inside_answer:
        out.append(node)
    return out


def test_no_master_holds_a_copy_of_key_data(key):
    key_text = _key_strings(key)
    for path in sorted(masters_dir().glob("ex*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in data["questions"]:
            answers = {
                k: v for k, v in q.items() if k in ANSWER_FIELDS and k not in ("explanation", "feedback")
            }
            for text in _answer_literals(answers, inside_answer=True):
                cleaned = text.strip("“”‘’\"'").casefold()
                assert cleaned not in key_text, f"{path.name} {q['id']}: {text!r} is a copy of the key"


def test_a_copied_answer_would_be_caught(key):
    """The check above is not vacuous: a literal copy of key text is found."""
    copied = {"accept": ["immediate"], "targets": [{"paragraph": 10, "phrases": ["US President Joe Biden"]}]}
    found = [t for t in _answer_literals(copied, inside_answer=True) if t.casefold() in _key_strings(key)]
    assert found == ["immediate", "US President Joe Biden"]


def test_every_master_field_is_either_public_or_answer_bearing():
    schema = load_schema("exercise.schema.json")
    assert schema["x-answer-fields"] == list(ANSWER_FIELDS)
    assert not set(ANSWER_FIELDS) & set(PUBLIC_FIELDS)

    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                names.add(name)
                walk(value)
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    query_words = {"from", "count", "where", "take", "yields", "not", "between", "contains", "any"}
    assert names - query_words == set(ANSWER_FIELDS) | set(PUBLIC_FIELDS)


def test_a_sealed_master_leaves_no_answer_in_a_master():
    from medialit.exercises import sealed_master

    def fields(node: Any) -> set[str]:
        if isinstance(node, dict):
            return set(node) | {k for v in node.values() for k in fields(v)}
        if isinstance(node, list):
            return {k for v in node for k in fields(v)}
        return set()

    for path in sorted(masters_dir().glob("ex*.yaml")):
        text = sealed_master(path.stem.split("_", 1)[0])
        sealed = yaml.safe_load(text)
        assert not fields(sealed) & set(ANSWER_FIELDS), path.name
        assert "stands_for" not in text and "model_answer" not in text and "from: " not in text


# ---------------------------------------------------------------- the references resolve to the key


def test_ex01_dateline_headline_word_and_time_expressions_come_from_the_key(key):
    t = key.time_expressions
    assert spec("ex01", "q2")["answer"] == t[t["paragraph"] == 1]["date"].item()
    q = key.quotes
    assert spec("ex01", "q6")["accept"] == [q[q["paragraph"] == 0]["text"].item()]
    expected = {(r.paragraph, r.text) for r in t.itertuples() if 10 <= r.paragraph <= 15}
    assert {(x["paragraph"], x["label"]) for x in spec("ex01", "q7")["targets"]} == expected


def test_ex01_tuesday_paragraphs_agree_with_the_key(key):
    """The question's own answer (not key data) never contradicts the key's dates."""
    t = key.time_expressions
    answer = set(spec("ex01", "q4")["answer"])
    assert set(t[t["date"] == "2021-12-14"]["paragraph"]) <= answer
    dated_before = t[(t["date"].fillna("9999") < "2021-12-14") | (t["end"].fillna("9999") < "2021-12-14")]
    assert answer.isdisjoint(set(dated_before["paragraph"]))


def test_ex02_sources_kinds_modes_and_counts_come_from_the_key(key):
    a = key.appearances
    speaking = set(a[a["paragraph"].between(1, 9) & (a["mode"] != "mentioned")]["source"])
    assert {option("ex02", "q1", x) for x in spec("ex02", "q1")["answer"]} == speaking
    kinds = dict(zip(key.sources["name"], key.sources["kind"], strict=True))
    for item in spec("ex02", "q2")["items"]:
        assert kinds[item["text"]] in option("ex02", "q2", item["answer"]), item
    modes = [option("ex02", "q3", i["answer"]).split(" (")[0] for i in spec("ex02", "q3")["items"]]
    assert modes == ["direct quote", "partial quote", "paraphrase", "the writer's own claim"]
    assert spec("ex02", "q4")["answer"] == int((key.quotes["kind"] == "full").sum())
    s = key.sources
    assert option("ex02", "q5", spec("ex02", "q5")["answer"]) in set(s[~s["official"].astype(bool)]["name"])


def test_ex02_highlighter_targets_are_the_sources_the_key_hears_in_10_to_15(key):
    expected = {
        (r.paragraph, r.source)
        for r in key.appearances.itertuples()
        if 10 <= r.paragraph <= 15 and r.mode != "mentioned"
    }
    assert {(t["paragraph"], t["name"]) for t in spec("ex02", "q6")["targets"]} == expected


def test_ex02_absent_voices_come_from_the_key(key):
    absent = " | ".join(key.absent_voices["name"]).casefold()
    s = spec("ex02", "q7")
    for letter in s["answer"]:
        words = [w for w in re.findall(r"[a-zö']+", s["options"][letter].casefold()) if len(w) > 3]
        assert any(w in absent for w in words), s["options"][letter]
    heard = set(key.appearances[key.appearances["mode"] != "mentioned"]["source"])
    for letter in set(s["options"]) - set(s["answer"]):
        assert s["options"][letter] in heard


def test_ex03_cue_stances_accused_paragraphs_quotes_and_distance_come_from_the_key(key):
    stance = {(r.paragraph, r.cue): r.connotation for r in key.attributions.itertuples()}
    for item in spec("ex03", "q1")["items"]:
        paragraph = int(re.match(r"¶(\d+)", item["text"]).group(1))
        cue = re.search(r"\*\*(.+?)\*\*", item["text"]).group(1)
        assert option("ex03", "q1", item["answer"]).startswith(stance[(paragraph, cue)]), item
    at = key.attributions
    assert set(spec("ex03", "q2")["answer"]) == set(at[at["cue"].str.contains("accused")]["paragraph"])
    assert spec("ex03", "q7")["accept"] == list(at[at["connotation"] == "distancing"]["cue"])
    expected = {
        r.id: {"paragraph": r.paragraph, "speaker": r.speaker, "kind": r.kind, "via": none_to_null(r.via)}
        for r in key.quotes.itertuples()
    }
    items = spec("ex03", "q6")["items"]
    assert {
        k: {f: v[f] for f in ("paragraph", "speaker", "kind", "via")} for k, v in items.items()
    } == expected


def test_ex04_frames_labels_loaded_words_and_actorless_paragraphs_come_from_the_key(key):
    rows = {r.item: r for r in key.frames.itertuples()}
    for qid in ("q2", "q7"):
        for item in spec("ex04", qid)["items"]:
            row = rows[item["item"]]
            assert (item["question"], item["answer"], item["evidence"]) == (
                row.question,
                bool(row.answer),
                list(row.evidence),
            )
            assert not set(item.get("allow", [])) & set(item["evidence"])
    f = key.framing
    labels = set(f[(f["device"] == "label") & (f["actor"] == "separatists in eastern Ukraine")]["text"])
    assert {option("ex04", "q3", x).strip('"') for x in spec("ex04", "q3")["answer"]} == labels
    loaded = dict(
        zip(
            f[f["device"] == "loaded term"]["text"],
            f[f["device"] == "loaded term"]["neutral_alternative"],
            strict=True,
        )
    )
    for item in spec("ex04", "q4")["items"]:
        word = re.search(r"“([^”]+)”", item["text"]).group(1)
        assert loaded[word] == option("ex04", "q4", item["answer"]), word
    actorless = f[(f["device"] == "actorless") & f["text"].str.contains("ension")]
    assert set(spec("ex04", "q5")["answer"]) == set(actorless["paragraph"])


def test_ex04_the_question_s_own_answers_agree_with_the_key(key):
    """Entman's functions (q1) and the presupposition (q6) are the questions' own; the key agrees."""
    functions = list(key.entman["function"])
    assert [
        option("ex04", "q1", i["answer"]).split(" - ")[0] for i in spec("ex04", "q1")["items"]
    ] == functions
    f = key.framing
    assert (
        f[(f["device"] == "presupposition") & (f["paragraph"] == 2)]["text"].item()
        == "goes ahead with the strike"
    )


def test_ex05_dates_and_vague_expressions_come_from_the_key(key):
    t = {(r.paragraph, r.text): r for r in key.time_expressions.itertuples()}
    last_week = t[(10, "last week")]
    assert spec("ex05", "q1")["answer"] == [last_week.start, last_week.end]
    assert spec("ex05", "q2")["answer"] == t[(12, "a day after")].date
    # "too vague from the article alone": vague, or dated only from other sources (vague_ok)
    vague = {r.text for r in key.time_expressions.itertuples() if r.vague is True or r.vague_ok is True}
    assert {
        re.search(r'"(.+?)"', option("ex05", "q4", x)).group(1) for x in spec("ex05", "q4")["answer"]
    } == vague
    items = spec("ex05", "q7")["items"]
    assert set(items) == {f"p{r.paragraph}:{r.text}" for r in key.time_expressions.itertuples()}


def test_ex06_quoted_word_wire_words_and_loaded_terms_come_from_the_key(key):
    q = key.quotes
    assert spec("ex06", "q1")["accept"] == [q[q["paragraph"] == 1]["text"].item()]
    wire = {
        r.text.strip("“”"): r.wire_version.strip("“”")
        for r in key.provenance.itertuples()
        if isinstance(r.text, str) and isinstance(r.wire_version, str)
    }
    for item in spec("ex06", "q5")["items"]:
        ours = re.search(r"“([^”]+)”", item["text"]).group(1)
        assert option("ex06", "q5", item["answer"]) == wire[ours], ours
    f = key.framing
    loaded = {
        (r.paragraph, r.text) for r in f[f["device"] == "loaded term"].itertuples() if r.paragraph in (2, 4)
    }
    assert {(t["paragraph"], t["label"]) for t in spec("ex06", "q6")["targets"]} == loaded


def test_ex06_the_questions_own_answers_agree_with_the_key(key):
    """Questions 2-4 are about clues the key records; their right options must agree with it."""
    wire = {r.text: r.wire_version for r in key.provenance.itertuples() if isinstance(r.text, str)}
    assert "immediate" in wire["“urgent”"]
    assert wire["Thousands of Russian troops"].startswith("tens of thousands")
    assert wire["Niinsto"] == "Niinsto"  # AFP's own misspelling, inherited: a fingerprint of the origin
    q4 = get_set("ex06").question("q4")
    assert q4.spec["options"][q4.spec["answer"]].startswith("AFP's own story")


# ---------------------------------------------------------------- another article, another key

TINY_ARTICLE = " date 2022-03-02 Mayor opens bridge\n\nThe mayor said on Monday that the bridge is open.\n"
TINY_KEY = {
    "article": "tiny",
    "dateline": "2022-03-02",
    "quotes": [],
    "sources": [
        {"name": "the mayor", "aliases": ["The mayor"], "kind": "person", "official": True,
         "appearances": [{"paragraph": 1, "mode": "paraphrase"}], "rationale": "Says the bridge is open."}
    ],
    "attributions": [
        {"paragraph": 1, "source": "the mayor", "cue": "said", "connotation": "neutral", "mode": "paraphrase",
         "rationale": "A plain reporting verb."}
    ],
    "time_expressions": [
        {"paragraph": 1, "text": "on Monday", "date": "2022-02-28", "event": "The mayor speaks",
         "rationale": "The Monday before the dateline."}
    ],
}  # fmt: skip


def test_a_master_names_its_article_and_its_queries_read_that_articles_key(tmp_path):
    from medialit.exercises._model import _load

    (tmp_path / "tiny.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    (tmp_path / "tiny.key.yaml").write_text(yaml.safe_dump(TINY_KEY), encoding="utf-8")
    master = {
        "id": "ex99",
        "slug": "tiny",
        "title": "A tiny set",
        "lesson": "07",
        "minutes": 5,
        "objectives": ["Try another article."],
        "article": "tiny.txt",
        "questions": [
            {"id": f"q{i}", "type": "choice", "prompt": "Pick.", "points": 1, "options": {"a": "x", "b": "y"},
             "answer": "a"}
            for i in range(1, 4)
        ]
        + [
            {"id": "q4", "type": "date", "prompt": "When?", "points": 1,
             "answer": {"from": "time_expressions", "where": {"text": "on Monday"}, "take": "date"}},
            {"id": "q5", "type": "widget", "prompt": "Mark the sources.", "points": 2,
             "widget": {"name": "highlighter", "args": {"category": "source", "paragraphs": [1]}},
             "targets": {"from": "appearances", "where": {"mode": {"not": "mentioned"}}}},
        ],
    }  # fmt: skip
    path = tmp_path / "ex99_tiny.yaml"
    path.write_text(yaml.safe_dump(master, allow_unicode=True), encoding="utf-8")
    exercise_set, key_file = _load("ex99", path)
    assert key_file == tmp_path / "tiny.key.yaml"
    assert exercise_set.question("q4").spec["answer"] == "2022-02-28"
    assert [t["label"] for t in exercise_set.question("q5").spec["targets"]] == ["the mayor"]
    assert exercise_set.question("q5").spec["paragraphs"][1].startswith("The mayor said")


# ---------------------------------------------------------------- the article itself


def test_every_phrase_an_item_quotes_occurs_in_its_paragraph(art):
    for set_id in list_sets():
        for q in get_set(set_id).questions:
            items = q.spec.get("items")
            for item in items if isinstance(items, list) else []:
                m = re.match(r"¶(\d+)", item.get("text", ""))
                if m:
                    for phrase in re.findall(r"“([^”]+)”", item["text"]):
                        assert art.find(phrase, paragraph=int(m.group(1))), (set_id, q.id, phrase)
                if "paragraph" in item and q.kind == "dates":
                    assert art.find(item["text"], paragraph=item["paragraph"])


def test_widget_targets_lie_in_the_paragraphs_the_widget_offers():
    for set_id in list_sets():
        for q in get_set(set_id).questions:
            if q.kind == "marks":
                offered = set(q.widget["args"]["paragraphs"])
                assert {t["paragraph"] for t in q.spec["targets"]} <= offered, (set_id, q.id)
