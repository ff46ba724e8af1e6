"""medialit generate-set: a master in the kit's format whose questions refer to the reviewed key (never
copy it), built into student and solution notebooks, found and recognised like a built-in set; the
students' copy for practice and for an assessment."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml
from authoring_support import (
    _sets_kept_apart,  # noqa: F401 (an autouse fixture)
    build_course,
    reviewed_copy,
    reviewed_key,
    sets_kept_apart,
)

from medialit._schema import schema_errors
from medialit.authoring import generate as G
from medialit.authoring.student_copy import student_copy
from medialit.cli import main as cli
from medialit.errors import MedialitError, MedialitWarning
from medialit.exercises import ANSWER_FIELDS, get_set, identify_notebook, list_sets
from medialit.exercises._model import builtin_sets
from medialit.exercises._refs import is_query
from medialit.exercises.build import main as build_main
from medialit.key import answer_key


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    with sets_kept_apart():
        root = tmp_path_factory.mktemp("course")
        yield root, build_course(root)


def _master(made) -> dict[str, Any]:
    return yaml.safe_load(made.master.read_text(encoding="utf-8"))


def _key_strings(data: Any) -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name not in ("rationale", "why"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and len(node) >= 4:
            found.add(node.casefold())

    walk(data)
    return found


def _answer_literals(node: Any, inside: bool = False) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        if is_query(node):
            return out
        for name, value in node.items():
            if name not in ("stands_for", "explanation", "feedback", "model_answer"):
                out += _answer_literals(value, inside or name in ANSWER_FIELDS)
    elif isinstance(node, list):
        for value in node:
            out += _answer_literals(value, inside)
    elif isinstance(node, str) and inside:
        out.append(node)
    return out


def test_each_article_gets_a_valid_master_that_refers_to_its_key_and_copies_none_of_it(course):
    root, made = course
    for article_id, generated in made.items():
        master = _master(generated)
        assert schema_errors(master, "exercise.schema.json") == []
        assert generated.folder == root / "sets" / generated.set_id
        assert (generated.folder / f"{article_id}.txt").is_file()
        assert (generated.folder / f"{article_id}.key.yaml").read_bytes() == (
            (Path(__file__).parent / "authoring" / "keys" / f"{article_id}.key.yaml").read_bytes()
        )
        for q in master["questions"]:
            for name in ("answer", "targets"):
                if name in q:
                    assert is_query(q[name]), (article_id, q["id"], name)
            for item in q.get("items", []):
                assert is_query(item["answer"]), (article_id, q["id"])
        copies = [
            t
            for q in master["questions"]
            for t in _answer_literals(q)
            if t.casefold() in _key_strings(reviewed_key(article_id))
        ]
        assert copies == [], (article_id, copies)


def test_a_kind_the_key_cannot_support_is_left_out_and_the_reason_given(course):
    _, made = course
    assert made["voa-asean-ministers-2009-07-22"].skipped == {"timeline": "the key lists no time expression"}
    assert made["voa-senegal-election-2019-02-24"].skipped == {}
    kinds = [q["title"] for q in _master(made["voa-senegal-election-2019-02-24"])["questions"]]
    assert kinds == [G.templates()["kinds"][k]["title"] for k in G.KINDS]


def test_generated_sets_load_and_are_recognised_like_built_in_ones_without_taking_their_ids(course):
    root, made = course
    ids = list_sets()
    assert ids[: len(builtin_sets())] == builtin_sets() == [f"ex0{i}" for i in range(1, 7)]
    for generated in made.values():
        s = get_set(generated.set_id)
        assert s.id in ids and not re.fullmatch(r"ex\d+", s.id)
        assert [q.number for q in s.questions] == [str(i) for i in range(1, len(s.questions) + 1)]
        for folder in ("exercises", "solutions"):
            nb = nbformat.read(root / folder / s.notebook_name, 4)
            assert identify_notebook(nb) == s.id
            assert nb.cells[0].source.endswith(f'start("{s.id}")')
    for built_in in builtin_sets():
        nb = nbformat.read(Path(__file__).parents[1] / "exercises" / get_set(built_in).notebook_name, 4)
        assert identify_notebook(nb) == built_in


def test_a_folder_that_looks_like_a_built_in_set_is_ignored_and_two_sets_of_one_id_warn(
    course, tmp_path, monkeypatch
):
    _, made = course
    fake = tmp_path / "sets" / "ex01"
    fake.mkdir(parents=True)
    (fake / "ex01_anatomy.yaml").write_text("id: ex01\n", encoding="utf-8")
    twin = tmp_path / "sets" / made["voa-asean-chief-2013-01-09"].set_id
    shutil.copytree(made["voa-asean-chief-2013-01-09"].folder, twin)
    monkeypatch.setenv("MEDIALIT_SETS", str(tmp_path / "sets"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert get_set("ex01").path.parent.name == "masters"
        assert get_set("voa-asean-chief").path.parent == twin  # the variable's folders come first
    assert any(
        issubclass(c.category, MedialitWarning) and "two exercise sets" in str(c.message) for c in caught
    )


def test_the_generated_set_for_the_built_in_article_asks_what_the_hand_written_sets_ask(tmp_path):
    """Same kinds, same targets: the sources of ex02's highlighter, ex03's quotes, ex05's time
    expressions, ex04's frame questions, ex03's cue stances and ex02's missing voices."""
    config = {
        "paragraphs": [10, 15],
        "frame_items": ["R1", "R3", "R5", "E1", "E3", "M1"],
        "id": "built-in-check",
    }
    made = G.generate_set(None, answer_key().path, course=tmp_path, config=config)
    generated = {q.title: q for q in get_set(made.set_id).questions}
    t = G.templates()["kinds"]

    def same(q1, q2, fields):
        return [{f: v for f, v in x.items() if f in fields} for x in q1] == [
            {f: v for f, v in x.items() if f in fields} for x in q2
        ]

    sources, ex02_q6 = generated[t["sources"]["title"]].spec, get_set("ex02").question("q6").spec
    assert same(sources["targets"], ex02_q6["targets"], ("name", "paragraph", "label", "phrases"))
    assert len(sources["targets"]) == 6
    assert generated[t["quotes"]["title"]].spec["items"] == get_set("ex03").question("q6").spec["items"]
    assert generated[t["timeline"]["title"]].spec["items"] == get_set("ex05").question("q7").spec["items"]
    frames, ex04_q7 = (
        generated[t["frames"]["title"]].spec["items"],
        get_set("ex04").question("q7").spec["items"],
    )
    assert same(frames, ex04_q7, ("item", "question", "answer", "evidence", "either_ok"))

    def stances(q, raw_options):
        classes = {letter: raw_options[letter]["stands_for"] for letter in raw_options}
        out = {}
        for item in q.spec["items"]:
            paragraph = int(re.match(r"¶(\d+)", item["text"]).group(1))
            cue = re.search(r"\*\*(.+?)\*\*", item["text"]).group(1)
            out[(paragraph, cue)] = classes[item["answer"]]
        return out

    ex03 = yaml.safe_load(get_set("ex03").path.read_text(encoding="utf-8"))["questions"][0]
    mine = yaml.safe_load(made.master.read_text(encoding="utf-8"))
    cue_q = next(q for q in mine["questions"] if q["title"] == t["cue-stance"]["title"])
    ours, theirs = (
        stances(generated[cue_q["title"]], cue_q["options"]),
        stances(get_set("ex03").question("q1"), ex03["options"]),
    )
    assert set(ours) & set(theirs), "the two questions ask about some of the same cues"
    assert all(ours[k] == theirs[k] for k in set(ours) & set(theirs))

    voices = generated[t["absent-voices"]["title"]].spec
    right = {voices["options"][letter] for letter in voices["answer"]}
    ex02_q7 = get_set("ex02").question("q7").spec
    raw7 = yaml.safe_load(get_set("ex02").path.read_text(encoding="utf-8"))["questions"][6]["options"]
    assert {raw7[letter]["stands_for"] for letter in ex02_q7["answer"]} <= right
    assert right == set(answer_key().absent_voices["name"])


def test_the_teacher_chooses_kinds_and_points_by_flags_or_a_config_file(tmp_path, capsys):
    article = reviewed_copy(tmp_path / "in", "voa-senegal-election-2019-02-24")
    config = tmp_path / "choices.yaml"
    config.write_text(
        "id: senegal-vote\nkinds: [timeline, quotes, open]\npoints: {timeline: 5}\n", encoding="utf-8"
    )
    assert cli(["generate-set", str(article), "--course", str(tmp_path / "c"), "--config", str(config),
                "--points", "quotes=1.5"]) == 0  # fmt: skip
    s = get_set("senegal-vote")
    assert [(q.kind, q.points) for q in s.questions] == [("timeline", 5.0), ("quotes", 1.5), ("open", None)]
    assert "medialit grade SUBMISSIONS --course" in capsys.readouterr().out
    assert cli(["generate-set", str(article), "--course", str(tmp_path / "c"), "--kinds", "sources,frames",
                "--id", "senegal-vote"]) == 2  # fmt: skip
    assert "already exists" in capsys.readouterr().err
    assert cli(["generate-set", str(article), "--course", str(tmp_path / "c"), "--kinds", "sources,frames",
                "--id", "senegal-vote", "--force"]) == 0  # fmt: skip
    assert [q.kind for q in get_set("senegal-vote").questions] == ["marks", "frames"]
    config.write_text("kinds: [sources, gossip]\n", encoding="utf-8")
    assert cli(["generate-set", str(article), "--course", str(tmp_path / "d"), "--config", str(config)]) == 2
    assert "choices.yaml, at kinds/1" in capsys.readouterr().err
    assert cli(["generate-set", str(article), "--course", str(tmp_path / "d"), "--kinds", "gossip"]) == 2
    assert cli(["generate-set", str(article), "--course", str(tmp_path / "d"), "--id", "ex07"]) == 2
    assert "cannot be a set id" in capsys.readouterr().err


def test_a_draft_key_is_refused(tmp_path):
    from medialit.authoring.draft import draft_key, write_draft

    article = reviewed_copy(tmp_path, "voa-asean-ministers-2009-07-22")
    write_draft(draft_key(article), tmp_path / "voa-asean-ministers-2009-07-22.key.yaml")
    with pytest.raises(MedialitError, match="still has 30 draft entries") as caught:
        G.generate_set(article, course=tmp_path / "c")
    assert "review widget" in caught.value.hint
    assert not (tmp_path / "c").exists()


def test_build_exercises_rebuilds_a_generated_master_given_by_its_path(course, capsys):
    root, made = course
    master = made["voa-asean-chief-2013-01-09"].master
    assert build_main(["--master", str(master), "--check"]) == 0
    student = root / "exercises" / get_set("voa-asean-chief").notebook_name
    before = student.read_text(encoding="utf-8")
    student.write_text(before.replace("Mark the sources", "Mark them"), encoding="utf-8")
    assert build_main(["--master", str(master), "--check"]) == 1
    assert build_main(["--master", str(master)]) == 0
    assert student.read_text(encoding="utf-8") == before
    assert "out of date" in capsys.readouterr().out


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


def test_the_practice_copy_has_what_verdicts_need_and_the_assessed_copy_no_answer(course, tmp_path):
    root, made = course
    generated = made["voa-senegal-election-2019-02-24"]
    s = get_set(generated.set_id)
    practice = student_copy(generated.folder, tmp_path / "practice", mode="practice")
    names = sorted(p.relative_to(tmp_path / "practice").as_posix() for p in practice)
    assert names == sorted([
        f"sets/{s.id}/{s.id}_close-reading.yaml",
        f"sets/{s.id}/voa-senegal-election-2019-02-24.txt",
        f"sets/{s.id}/voa-senegal-election-2019-02-24.key.yaml",
        f"exercises/{s.notebook_name}",
    ])  # fmt: skip
    assert (tmp_path / "practice" / "exercises" / s.notebook_name).read_bytes() == (
        root / "exercises" / s.notebook_name
    ).read_bytes()

    assessed = student_copy(generated.folder, tmp_path / "assessed", mode="assessed")
    assert not any(p.name.endswith(".key.yaml") for p in (tmp_path / "assessed").rglob("*"))
    master = yaml.safe_load(
        (tmp_path / "assessed" / "sets" / s.id / f"{s.id}_close-reading.yaml").read_text()
    )

    def keys(node: Any) -> set[str]:
        if isinstance(node, dict):
            return set(node) | {k for v in node.values() for k in keys(v)}
        if isinstance(node, list):
            return {k for v in node for k in keys(v)}
        return set()

    assert not keys(master) & set(ANSWER_FIELDS)
    full = yaml.safe_load(generated.master.read_text(encoding="utf-8"))
    secrets = [t for q in full["questions"] for f in ("explanation", "model_answer") if (t := q.get(f))]
    secrets += [e["rationale"] for section in ("quotes", "sources", "attributions", "time_expressions")
                for e in reviewed_key("voa-senegal-election-2019-02-24")[section]]  # fmt: skip
    text = "\n".join(p.read_text(encoding="utf-8") for p in assessed)
    assert secrets and not [t for t in secrets if t in text]
    nb = json.loads((tmp_path / "assessed" / "exercises" / s.notebook_name).read_text(encoding="utf-8"))
    assert all(c["metadata"].get("medialit", {}).get("role") != "solution" for c in nb["cells"])
    assert identify_notebook(nb) == s.id  # the teacher's grader still recognises the copy


def test_an_assessed_copy_runs_and_check_says_the_answer_is_saved_for_the_teacher(course, tmp_path):
    from nbclient import NotebookClient

    _, made = course
    generated = made["voa-senegal-election-2019-02-24"]
    student_copy(generated.folder, tmp_path / "assessed", mode="assessed")
    s = get_set(generated.set_id)
    path = tmp_path / "assessed" / "exercises" / s.notebook_name
    nb = nbformat.read(path, 4)
    with sets_kept_apart():
        NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    checks = " ".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "teacher" in checks.lower() and "saved" in checks.lower()
