"""Marks: stored as they are made, merged into the gradebook and feedback, kept through a regrade;
and ``medialit grade`` a second time regrades only what changed."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_class

from medialit.errors import MedialitError
from medialit.grading.marking.server import MarkingServer
from medialit.grading.marking.session import MarkingSession
from medialit.grading.marks import Mark, MarkStore, answer_sha256, merge_marks

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs fork (Linux or macOS)")


@pytest.fixture
def grades(tmp_path_factory, tmp_path):
    """A private copy of the graded class (collected + graded once per session)."""
    files = make_class.graded_class(tmp_path_factory)
    copy = tmp_path / "grades"
    shutil.copytree(files["grades"], copy)
    return copy


def _gradebook(grades: Path) -> dict[tuple[str, str], dict[str, str]]:
    with (grades / "gradebook.csv").open(encoding="utf-8") as handle:
        return {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}


def _ben() -> make_class.Student:
    return next(s for s in make_class.CLASS if s.first == "Ben")


# -- the store -----------------------------------------------------------------------------------


def test_marks_are_written_atomically_and_two_sessions_do_not_overwrite_each_other(tmp_path):
    first, second = MarkStore(tmp_path), MarkStore(tmp_path)

    def mark(store, n):
        for i in range(20):
            store.put(Mark(f"s{n}-{i}", "ex01", "q9", ("mastery",), ("Evidence",), "ab"))

    threads = [threading.Thread(target=mark, args=(store, n)) for n, store in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(MarkStore(tmp_path).all()) == 40
    assert sorted(p.name for p in tmp_path.iterdir()) == [".marks.lock", "marks.json"]  # no temp file left


def test_a_damaged_marks_file_is_refused_and_left_as_it_is(tmp_path):
    (tmp_path / "marks.json").write_text('{"marks": [')
    with pytest.raises(MedialitError, match="damaged"):
        MarkStore(tmp_path)
    assert (tmp_path / "marks.json").read_text() == '{"marks": ['


# -- merging ---------------------------------------------------------------------------------------


def test_a_mark_reaches_the_gradebook_and_the_feedback_page(grades):
    ben = _ben()
    key = ben.key("ex01")
    session = MarkingSession(grades, refresh_delay=None)
    item = next(i for i in session.items[("ex01", "q9")] if i.student == key)
    session.save(item.key, ["mastery", "emerging", "beginning"], "Good use of paragraph numbers <b>.")
    session.close()
    row = _gradebook(grades)[(key, "ex01")]
    assert row["ex01.q9"] == "3"
    assert float(row["score"]) == make_class.expected_auto(ben, "ex01")  # score stays the auto-graded part
    page = (grades / "feedback" / "okaforben_103_ex01.html").read_text(encoding="utf-8")
    assert "3 / 6" in page and "marked by your teacher" in page
    assert "Good use of paragraph numbers &lt;b&gt;." in page and "<b>." not in page
    others = [r for k, r in _gradebook(grades).items() if k != (key, "ex01") and r["exercise"] == "ex01"]
    assert all(r["ex01.q9"] in ("", "0") for r in others)  # 0 only for blank answers


def test_blank_open_answers_get_0_without_marking(grades):
    hana = next(s for s in make_class.CLASS if s.first == "Hana")
    assert _gradebook(grades)[(hana.key("ex01"), "ex01")]["ex01.q9"] == "0"


def test_merge_applies_a_mark_only_to_the_answer_it_was_given_for(tmp_path):
    from medialit.exercises import get_set
    from medialit.grading._record import row_from_record

    criteria = tuple(c["criterion"] for c in get_set("ex01").question("q9").rubric)
    record = {"student": "ana", "exercise": "ex01", "file": "/x.ipynb", "sha256": "", "status": "ok"}
    rows = [
        row_from_record({**record, "answers": {"q9": "News first, background later."}}),
        row_from_record({**record, "student": "ben", "answers": {"q9": "A different answer."}}),
        row_from_record({**record, "student": "cy", "answers": {"q9": "Marked on an older rubric."}}),
    ]
    store = MarkStore(tmp_path)
    store.put(
        Mark("ana", "ex01", "q9", ("mastery",) * 3, criteria, answer_sha256("News first, background later."))
    )
    store.put(Mark("ben", "ex01", "q9", ("mastery",) * 3, criteria, answer_sha256("The answer before.")))
    store.put(
        Mark("cy", "ex01", "q9", ("mastery",) * 3, ("Old",) * 3, answer_sha256("Marked on an older rubric."))
    )
    merged = merge_marks(rows, tmp_path)
    points = [r.result["q9"].points for r in merged]
    assert points == [6.0, None, None]
    assert [r.result["q9"].points for r in rows] == [None, None, None]  # the given rows are not changed


# -- regrading -------------------------------------------------------------------------------------


def _records(grades: Path) -> dict[str, dict]:
    lines = (grades / "answers.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["file"]: json.loads(line) for line in lines}


def test_a_second_grade_skips_unchanged_files_and_keeps_every_mark(tmp_path_factory, tmp_path, capsys):
    from medialit.cli import main

    files = make_class.graded_class(tmp_path_factory)
    collected = tmp_path / "collected"
    grades = tmp_path / "grades"
    shutil.copytree(files["collected"], collected)
    shutil.copytree(files["grades"], grades)
    record = grades / "answers.jsonl"  # as if this copy had been graded: the record names its files
    record.write_text(
        record.read_text(encoding="utf-8").replace(json.dumps(str(files["collected"]))[1:-1], str(collected)),
        encoding="utf-8",
    )
    before = _records(grades)
    assert all(path.startswith(str(collected)) for path in before)

    session = MarkingSession(grades, refresh_delay=None)
    ben, iris = _ben(), next(s for s in make_class.CLASS if s.first == "Iris")
    for student in (ben, iris):
        item = next(i for i in session.items[("ex01", "q9")] if i.student == student.key("ex01"))
        session.save(item.key, ["mastery", "mastery", "emerging"], "")
    session.close()

    # Ben fixes an auto-graded answer (his open answer stays), Iris rewrites her open answer,
    # and a new student hands in.
    ben_file = collected / ben.key("ex01") / "ex01_anatomy.ipynb"
    nb = json.loads(ben_file.read_text(encoding="utf-8"))
    q = make_class._wrong_question("ex01")
    make_class.make_corpus._replace(nb, q.id, f"{q.variable} = {q.spec['answer']!r}")
    ben_file.chmod(0o644)
    ben_file.write_text(json.dumps(nb), encoding="utf-8")
    iris_file = collected / iris.key("ex01") / "ex01_anatomy.ipynb"
    iris_file.chmod(0o644)
    iris_file.write_text(
        iris_file.read_text(encoding="utf-8").replace("TOKENM203EX01", "rewritten"), encoding="utf-8"
    )
    (collected / "newcomer").mkdir()
    shutil.copy(collected / ben.key("ex02") / "ex02_who-is-speaking.ipynb", collected / "newcomer")

    capsys.readouterr()
    assert main(["grade", str(collected), "--out", str(grades)]) == 0
    out = capsys.readouterr().out
    assert "1 new, 2 changed, 32 unchanged" in out
    after = _records(grades)
    for path, record in before.items():  # unchanged files: the very same record
        if path not in (str(ben_file), str(iris_file)):
            assert after[path] == record
    book = _gradebook(grades)
    assert float(book[(ben.key("ex01"), "ex01")]["score"]) == make_class.expected_auto(ben, "ex01") + (
        q.points or 0
    )
    assert book[(ben.key("ex01"), "ex01")]["ex01.q9"] == "5"  # same open answer: the mark stays
    assert book[(iris.key("ex01"), "ex01")]["ex01.q9"] == ""  # answer changed: to be marked again
    stale = MarkingSession(grades, refresh_delay=None)
    iris_item = next(i for i in stale.answers("ex01", "q9", names=True) if i["student"] == iris.key("ex01"))
    assert iris_item["mark"]["stale"] and iris_item["mark"]["levels"] == ["mastery", "mastery", "emerging"]
    assert MarkStore(grades).get(iris.key("ex01"), "ex01", "q9") is not None  # kept, not lost


# -- the page's server -----------------------------------------------------------------------------


@pytest.fixture
def server(grades):
    session = MarkingSession(grades, refresh_delay=None)
    srv = MarkingServer(session)
    srv.start()
    yield srv
    srv.stop()


def _call(srv, path, *, token=True, body=None, content_type="application/json"):
    base = srv.url.split("?")[0]
    headers = {"Content-Type": content_type}
    if token:
        headers["X-Medialit-Token"] = srv.httpd.token
    request = urllib.request.Request(  # noqa: S310 - our own server
        base + path, data=body, headers=headers, method="POST" if body else "GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own server
            return response.status, dict(response.headers), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read() or b"{}")


def test_the_api_needs_the_token_and_hides_names_unless_asked(server):
    assert _call(server, "api/questions", token=False)[0] == 403
    status, headers, data = _call(server, "api/questions")
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    assert [q["id"] for q in data["questions"]] == ["ex01.q9", "ex02.q9"]
    answers = _call(server, "api/answers?exercise=ex01&question=q9")[2]["answers"]
    assert len(answers) == 15 and all("student" not in a for a in answers)
    named = _call(server, "api/answers?exercise=ex01&question=q9&names=1")[2]["answers"]
    assert {a["student"] for a in named} >= {"lopezana (101)", "lopezana (102)"}
    students = [a["student"] for a in named]
    assert students != sorted(students)  # not in the order of the names


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (json.dumps({"key": "nope", "levels": ["mastery"] * 3}).encode(), 404),
        (json.dumps({"key": "KEY", "levels": ["mastery"]}).encode(), 400),
        (json.dumps({"key": "KEY", "levels": ["excellent"] * 3}).encode(), 400),
        (json.dumps({"key": "KEY", "levels": ["mastery"] * 3, "comment": 5}).encode(), 400),
        (b"x" * 70_000, 413),
    ],
)
def test_bad_saves_are_refused_and_change_nothing(server, grades, body, status):
    key = _call(server, "api/answers?exercise=ex01&question=q9")[2]["answers"][0]["key"]
    assert _call(server, "api/mark", body=body.replace(b"KEY", key.encode()))[0] == status
    assert not (grades / "marks.json").exists()


def test_a_save_is_on_disk_when_the_server_answers(server, grades):
    key = _call(server, "api/answers?exercise=ex02&question=q9")[2]["answers"][3]["key"]
    body = json.dumps({"key": key, "levels": ["emerging", "", "mastery"], "comment": "=1+1"}).encode()
    status, _, data = _call(server, "api/mark", body=body)
    assert status == 200 and data["mark"]["complete"] is False and data["marked"] == 0
    saved = json.loads((grades / "marks.json").read_text(encoding="utf-8"))["marks"]
    assert [m["levels"] for m in saved] == [["emerging", "", "mastery"]] and saved[0]["comment"] == "=1+1"


def test_a_mark_can_be_changed_later(server, grades):
    key = _call(server, "api/answers?exercise=ex01&question=q9")[2]["answers"][0]["key"]
    for levels, comment in ((["mastery"] * 3, "first"), (["emerging", "beginning", "emerging"], "second")):
        body = json.dumps({"key": key, "levels": levels, "comment": comment}).encode()
        assert _call(server, "api/mark", body=body)[0] == 200
    again = MarkingSession(grades, refresh_delay=None).answers("ex01", "q9")[0]["mark"]
    assert again["levels"] == ["emerging", "beginning", "emerging"] and again["comment"] == "second"
    assert again["points"] == 2.0
