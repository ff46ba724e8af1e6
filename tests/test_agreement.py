"""One rule per answer: a widget's or form's Check, ``check()`` and ``medialit grade`` agree.

For every question of every set, generated answers (property-based, with hypothesis) are put into
the real widget or form, built headlessly for that question; its Check must show exactly the verdict
and points that ``check()`` gives for what it saves. Then a sample of generated answers, the crafted
case from issue 9, and every question's answer saved by its form or widget (a saved-answer record in
the cell's outputs) are written into student notebooks and graded in one ``medialit grade`` run: the
gradebook's feedback pages must agree with ``check()`` question by question.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from pathlib import Path
from typing import Any

import pytest
from exercise_cases import crafted, form_answer, notebook_with
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import medialit.widgets as mw
from medialit.exercises import check, get_set, list_sets
from medialit.exercises.build import solution_answer
from medialit.forms import form
from medialit.scoring import marks as marks_rule
from medialit.scoring._text import locate, words

WIDGET_QUESTIONS = [(s, q.id) for s in list_sets() for q in get_set(s).questions if q.type == "widget"]
TYPED_QUESTIONS = [(s, q.id) for s in list_sets() for q in get_set(s).questions if q.type != "widget"]

# ---------------------------------------------------------------- widgets, built once per question

_WIDGETS: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _answers_folder(tmp_path_factory):
    """Widgets built with save_as write .medialit-answers/ into the working directory: use a temp one."""
    before = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("answers"))
    yield
    os.chdir(before)


def widget_for(set_id: str, qid: str):
    """The question's widget, built as its notebook cell builds it (with save_as)."""
    name = f"{set_id}.{qid}"
    if name not in _WIDGETS:
        q = get_set(set_id).question(qid)
        build = getattr(mw, q.widget["name"])
        _WIDGETS[name] = build(**(q.widget.get("args") or {}), save_as=q.save_as)
        assert _WIDGETS[name].question == q  # it checks through the question
    return _WIDGETS[name]


def click_check(widget) -> Any:
    """Press the widget's Check (the frame check calls it Compare) and return what it showed."""
    button = getattr(widget, "check_button", None) or widget.compare_button
    button.click()
    assert widget.last_result is not None
    return widget.last_result


# ---------------------------------------------------------------- generated answers, per kind


def _span(rng: random.Random, n: int) -> tuple[int, int]:
    start = rng.randrange(n)
    return start, min(n, start + rng.randint(1, 6))


def gen_marks(q, rng: random.Random) -> dict[str, Any]:
    """Highlighter marks: near the key's phrases (shifted, cut, run on) or anywhere offered."""
    spec, offered = q.spec, q.widget["args"]["paragraphs"]
    marks = []
    for _ in range(rng.randint(0, 8)):
        category = spec["category"] if rng.random() < 0.9 else rng.choice(marks_rule.CATEGORIES)
        if spec["targets"] and rng.random() < 0.6:
            t = rng.choice(spec["targets"])
            p, where = t["paragraph"], locate(spec["paragraphs"][t["paragraph"]], t["label"]) or {0}
            n = len(words(spec["paragraphs"][p]))
            a = max(0, min(where) - rng.choice([0, 0, 1, 2]))
            b = min(n, max(where) + 1 + rng.choice([0, 0, 1, 3, 6]))
            if rng.random() < 0.3:  # one word of the phrase
                a = rng.randint(min(where), max(where))
                b = a + 1
        else:
            p = rng.choice(offered)
            a, b = _span(rng, len(words(spec["paragraphs"][p])))
        text = spec["paragraphs"][p]
        ws = words(text)
        marks.append(
            {
                "category": category,
                "paragraph": p,
                "text": text[ws[a][1] : ws[b - 1][2]],
                "start": a,
                "end": b,
            }
        )
    return {"article": "putin-nato-talks-2021-12-14", "category": spec["category"], "marks": marks}


def gen_quotes(q, rng: random.Random, widget) -> dict[str, Any]:
    rows = {}
    for qid, item in q.spec["items"].items():
        names = [v for _, v in widget.controls[qid]["speaker"].options if v]
        vias = [v for _, v in widget.controls[qid]["via"].options if v]
        rows[qid] = {
            "paragraph": item["paragraph"],
            "text": item["text"],
            "speaker": rng.choice([None, item["speaker"], item["speaker"], rng.choice(names)]),
            "kind": rng.choice([None, "full", "partial", item["kind"]]),
            "via": rng.choice([None, item["via"] or "(direct)", rng.choice(vias)]),
        }
    return {"article": "putin-nato-talks-2021-12-14", "quotes": rows}


def gen_frames(q, rng: random.Random, widget) -> dict[str, Any]:
    scored = {it["item"]: it for it in q.spec["items"]}
    items = {}
    for code in widget.toggles:
        truth = scored.get(code, {}).get("answer")
        answer = rng.choice([None, True, False, truth, truth])
        pool = list(scored.get(code, {}).get("evidence", [])) + [rng.randrange(17) for _ in range(3)]
        evidence = sorted(set(rng.sample(pool, rng.randint(0, min(3, len(pool)))))) if answer else []
        items[code] = {"answer": answer, "evidence": evidence, "evidence_text": ", ".join(map(str, evidence))}
    return {"article": "putin-nato-talks-2021-12-14", "items": items}


def gen_dates(q, rng: random.Random) -> dict[str, Any]:
    dates = {}
    for rid, item in q.spec["items"].items():
        answer = item["answer"]
        exact = None if answer == "vague" else answer if isinstance(answer, str) else answer[0]
        choice = rng.choice(["none", "vague", "right", "right", "off", "random"])
        date, vague = None, False
        if choice == "vague":
            vague = True
        elif choice in ("right", "off") and exact:
            day = dt.date.fromisoformat(exact) + dt.timedelta(
                days=rng.choice([-1, 1]) if choice == "off" else 0
            )
            date = day.isoformat()
        elif choice == "random":
            date = dt.date(2021, 12, rng.randint(1, 20)).isoformat()
        dates[rid] = {"paragraph": item["paragraph"], "text": item["text"], "date": date, "vague": vague}
    return {"article": "putin-nato-talks-2021-12-14", "dates": dates}


def gen_widget_answer(set_id: str, qid: str, rng: random.Random) -> dict[str, Any]:
    q = get_set(set_id).question(qid)
    widget = widget_for(set_id, qid)
    if q.kind == "marks":
        return gen_marks(q, rng)
    if q.kind == "quotes":
        return gen_quotes(q, rng, widget)
    if q.kind == "frames":
        return gen_frames(q, rng, widget)
    return gen_dates(q, rng)


def gen_typed_answer(set_id: str, qid: str, rng: random.Random) -> Any:
    """What a student might give for a question answered without a widget (as a form would save it)."""
    q = get_set(set_id).question(qid)
    spec, right = q.spec, solution_answer(q)
    if rng.random() < 0.3:
        return right
    if rng.random() < 0.1:
        return rng.choice([None, "", "zz", [99], {"x": 1}])
    if q.kind == "choice":
        return rng.choice(list(spec["options"]))
    if q.kind == "multi":
        return rng.sample(list(spec["options"]), rng.randint(0, len(spec["options"])))
    if q.kind == "paragraphs":
        return rng.sample(range(17), rng.randint(0, 6))
    if q.kind == "match":
        return {
            i: rng.choice(list(spec["options"]))
            for i in range(1, len(spec["items"]) + 1)
            if rng.random() < 0.8
        }
    if q.kind == "short":
        return rng.choice([*spec["accept"], *spec.get("partly", {}), "nothing", "Said"])
    if q.kind == "number":
        return spec["answer"] + rng.randint(-2, 2)
    if q.kind == "date":
        day = dt.date(2021, 12, rng.randint(1, 20)).isoformat()
        return rng.choice([day, [day, "2021-12-20"]])
    if q.kind == "frames":
        return {
            i: (rng.choice(["yes", "no"]), rng.sample(range(17), rng.randint(0, 2)))
            for i in range(1, len(spec["items"]) + 1)
        }
    return rng.choice(["A short answer.", "word " * rng.randint(1, 60)])  # open


def widget_and_check(set_id: str, qid: str, answer: dict[str, Any]) -> tuple[Any, Any, Any]:
    """Put ``answer`` into the question's widget, press Check; score the widget's state with check()."""
    widget = widget_for(set_id, qid)
    widget._restore(answer)
    state = json.loads(json.dumps(widget.answer))  # what the widget saves into the notebook
    shown = click_check(widget)
    checked = check(f"{set_id}.{qid}", state).result
    return state, shown, checked


_FORMS: dict[str, Any] = {}


def form_for(set_id: str, qid: str):
    """The question's form, built as its notebook cell builds it (``form("q3")``), once."""
    name = f"{set_id}.{qid}"
    if name not in _FORMS:
        _FORMS[name] = form(name)
    return _FORMS[name]


def form_and_check(set_id: str, qid: str, answer: Any) -> tuple[Any, Any, Any]:
    """Put ``answer`` into the question's form, press Check; score what the form saves with check()."""
    f = form_for(set_id, qid)
    f.control.set(form_answer(f.question, answer))
    state = json.loads(json.dumps(f.answer))  # what the form saves into the notebook
    f.check_button.click()
    assert f.last_result is not None
    checked = check(f"{set_id}.{qid}", state).result
    return state, f.last_result, checked


# ---------------------------------------------------------------- widget's Check == check()


@pytest.mark.parametrize(("set_id", "qid"), WIDGET_QUESTIONS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_the_widgets_check_shows_what_check_gives(set_id, qid, rng):
    _, shown, checked = widget_and_check(set_id, qid, gen_widget_answer(set_id, qid, rng))
    assert (shown.verdict, shown.points, shown.max_points) == (
        checked.verdict,
        checked.points,
        checked.max_points,
    )
    assert shown.feedback == checked.feedback
    assert shown == checked


@pytest.mark.parametrize(("set_id", "qid"), TYPED_QUESTIONS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_the_forms_check_shows_what_check_gives(set_id, qid, rng):
    state, shown, checked = form_and_check(set_id, qid, gen_typed_answer(set_id, qid, rng))
    assert shown == checked
    assert shown.verdict in ("correct", "partly", "not yet", "unanswered", "wrong shape", "open"), state


@pytest.mark.parametrize(("set_id", "qid"), TYPED_QUESTIONS)
def test_the_full_marks_answer_fits_the_form_and_gets_full_marks(set_id, qid):
    q = get_set(set_id).question(qid)
    answer = solution_answer(q) if q.type != "open" else "A written answer " * 12
    _, shown, checked = form_and_check(set_id, qid, answer)
    assert shown == checked
    assert shown.verdict == ("open" if q.type == "open" else "correct")


def test_the_crafted_case_of_issue_9_agrees_in_the_widget_and_check():
    state, shown, checked = widget_and_check("ex02", "q6", crafted())
    assert [m["text"] for m in state["marks"]] == ["Biden", "Ryabkov", "Russia", "army"]
    assert (shown.verdict, shown.points) == (checked.verdict, checked.points) == ("partly", 2.0)
    assert "You marked 4 of the 6 sources" in shown.feedback
    assert "2 of 3 points" in widget_for("ex02", "q6").feedback.value


# ---------------------------------------------------------------- ... == medialit grade


_ROW = re.compile(r'<tr data-question="(q\d+)" data-verdict="([^"]+)" data-points="([^"]*)">')


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the grader needs fork (Linux or macOS)")
def test_medialit_grade_gives_every_question_the_verdict_and_points_check_gives(tmp_path):
    from medialit.grading.cli import main

    rng = random.Random(2021_12_14)
    expected: dict[str, dict[str, tuple[str, float | None]]] = {}
    submissions = tmp_path / "class"
    cases: list[tuple[str, str, dict[str, Any]]] = []
    for n in range(4):  # four students per set
        for set_id in list_sets():
            answers: dict[str, Any] = {}
            for q in get_set(set_id).questions:
                if q.type == "widget":
                    answer = (
                        crafted()
                        if (set_id, q.id, n) == ("ex02", "q6", 0)
                        else gen_widget_answer(set_id, q.id, rng)
                    )
                    answers[q.id], _, _ = widget_and_check(set_id, q.id, answer)
                else:  # what the question's form saves for a generated answer
                    answers[q.id], _, _ = form_and_check(set_id, q.id, gen_typed_answer(set_id, q.id, rng))
            cases.append((f"s{n}", set_id, answers))
    for student, set_id, answers in cases:
        folder = submissions / student
        folder.mkdir(parents=True, exist_ok=True)
        (folder / get_set(set_id).notebook_name).write_text(
            json.dumps(notebook_with(set_id, answers)), encoding="utf-8"
        )
        expected[f"{student}_{set_id}"] = {
            qid: (r.verdict, r.points)
            for qid, a in answers.items()
            if (r := check(f"{set_id}.{qid}", a).result)
        }

    out = tmp_path / "grades"
    assert main([str(submissions), "--out", str(out), "--quiet", "--timeout", "120"]) == 0

    verdicts = {name: {v for v, _ in per.values()} for name, per in expected.items()}
    assert {"correct", "partly", "not yet"} <= set().union(*verdicts.values())  # the sample is varied
    assert expected["s0_ex02"]["q6"] == ("partly", 2.0)  # the crafted case
    for name, per_question in expected.items():
        page = (out / "feedback" / f"{name}.html").read_text(encoding="utf-8")
        graded = {
            qid: (verdict, float(points) if points else None) for qid, verdict, points in _ROW.findall(page)
        }
        # Open questions are the teacher's: check() shows no points, the gradebook shows the teacher's
        # mark (an unanswered one is marked 0 without marking). Their verdicts must still agree.
        set_id = name.split("_", 1)[1]
        for q in get_set(set_id).questions:
            if not q.auto and q.id in graded:
                verdict, points = graded[q.id]
                if verdict == "unanswered":
                    assert points in (None, 0.0), (name, q.id)
                graded[q.id] = (verdict, per_question[q.id][1])
        assert graded == per_question, name
