"""The class grader's pieces: arguments, finding submissions, reading answers as data, the reports."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import pytest

from medialit.grading import STATUSES
from medialit.grading._answers import MAX_LINE_BYTES, AnswerReader, encode_changed
from medialit.grading._discover import find_submissions, student_from_filename
from medialit.grading.cli import main
from medialit.grading.grader import Row, answers_saved_in

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "hostile"))
import make_corpus  # noqa: E402

# -- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, words",
    [
        ([], "at least one"),
        (["/no/such/folder", "--out", "OUT"], "does not exist"),
        (["SUBS", "--out", "OUT", "--jobs", "0"], "--jobs"),
        (["SUBS", "--out", "OUT", "--jobs", "two"], "--jobs"),
        (["SUBS", "--out", "OUT", "--timeout", "-1"], "--timeout"),
        (["SUBS", "--out", "OUT", "--memory", "10"], "--memory"),
        (["SUBS", "--out", "FILE"], "is a file"),
        (["SUBS"], "--out"),
        (["SUBS", "--out", "SUBS"], "submissions folder"),
        (["SUBS", "--out", "OUT", "--bogus"], "unrecognized"),
    ],
)
def test_bad_arguments_exit_2_with_a_one_line_message(tmp_path, capsys, argv, words):
    (tmp_path / "subs").mkdir()
    (tmp_path / "file.txt").write_text("x")
    names = {"SUBS": str(tmp_path / "subs"), "OUT": str(tmp_path / "out"), "FILE": str(tmp_path / "file.txt")}
    code = main([names.get(a, a) for a in argv])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert words in err


def test_help_works_and_exits_0(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--out" in out and "--jobs" in out and "--timeout" in out and "--memory" in out


def test_medialit_grade_is_dispatched_by_the_main_cli(capsys):
    from medialit.cli import main as medialit_main

    assert medialit_main(["grade", "--help"]) == 0
    assert "usage: medialit grade" in capsys.readouterr().out


def test_a_folder_without_notebooks_gives_an_empty_gradebook_and_exit_0(tmp_path, capsys):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "notes.txt").write_text("no notebooks here")
    assert main([str(tmp_path / "subs"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert "no notebooks" in capsys.readouterr().err
    header = (tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    assert header == ["student,exercise,status,score,max_score"]


# -- finding submissions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, student",
    [
        ("alice.ipynb", "alice"),
        ("alice_ex01.ipynb", "alice"),
        ("ex01-alice.ipynb", "alice"),
        ("ex01_anatomy - Bob Smith.ipynb", "Bob Smith"),
        ("EX02_erin.ipynb", "erin"),
        ("ex01_anatomy.ipynb", "FOLDER"),
        ("text_ex1ample.ipynb", "text_ex1ample"),
        ("lopezana_123456_7890123_ex01_anatomy.ipynb", "lopezana (123456)"),
        ("lopezana_LATE_123456_7890123_ex01_anatomy-1.ipynb", "lopezana (123456)"),
    ],
)
def test_student_name_is_the_file_name_without_the_exercise(name, student):
    assert student_from_filename(name, "FOLDER") == student


def test_a_folder_per_student_and_loose_files_are_both_found(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "ex01_anatomy.ipynb").write_text("{}")
    (tmp_path / "alice" / "deep").mkdir()
    (tmp_path / "alice" / "deep" / "ex02.ipynb").write_text("{}")
    (tmp_path / "alice" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "alice" / ".ipynb_checkpoints" / "ex01_anatomy-checkpoint.ipynb").write_text("{}")
    (tmp_path / "bob_ex01.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("not a notebook")
    (tmp_path / "carol.ipynb").symlink_to(tmp_path / "bob_ex01.ipynb")
    found = [(s.student, s.path.name, bool(s.problem)) for s in find_submissions([tmp_path])]
    assert found == [
        ("alice", "ex01_anatomy.ipynb", False),
        ("alice", "ex02.ipynb", False),
        ("bob", "bob_ex01.ipynb", False),
        ("carol", "carol.ipynb", True),
    ]


def test_moodle_folders_are_named_after_the_student_and_keep_the_platform_id(tmp_path):
    for number in ("1234567", "7654321"):
        folder = tmp_path / f"Ana Lopez_{number}_assignsubmission_file_"
        folder.mkdir()
        (folder / "ex01_anatomy.ipynb").write_text("{}")
    assert [s.student for s in find_submissions([tmp_path])] == ["Ana Lopez (1234567)", "Ana Lopez (7654321)"]


def test_moodle_files_given_one_by_one_keep_the_folder_s_student(tmp_path):
    folder = tmp_path / "Ana Lopez_1234567_assignsubmission_file_"
    folder.mkdir()
    (folder / "ex01_anatomy.ipynb").write_text("{}")
    assert [s.student for s in find_submissions([folder / "ex01_anatomy.ipynb"])] == ["Ana Lopez (1234567)"]


def test_a_file_given_by_name_is_taken_even_without_ipynb(tmp_path):
    path = tmp_path / "dana.json"
    path.write_text("{}")
    assert [(s.student, s.problem) for s in find_submissions([path])] == [("dana", "")]


# -- answers as data ---------------------------------------------------------------------------


def test_answer_stream_keeps_the_last_good_value_and_ignores_garbage():
    reader = AnswerReader({"q1": "q1", "q2": "q2"})
    reader.feed(b'{"t": "cell", "a": {"q1": "a"}}\n')
    reader.feed(b'\x00\xff not json at all\n[1, 2]\n"str"\n')
    reader.feed(b'{"t": "cell", "a": {"q1": "b", "q3": "c", "__class__": 1}}\n')
    reader.feed(b'{"t": "cell", "a": ["q2"]}\n{"t": "cell", "a": {"q2": [1, ')  # cut short
    assert reader.answers == {"q1": "b"}
    assert not reader.done


def test_answer_stream_skips_an_oversized_line_and_carries_on():
    reader = AnswerReader({"q1": "q1"})
    reader.feed(b'{"t": "cell", "a": {"q1": "' + b"x" * (MAX_LINE_BYTES + 10))
    reader.feed(b'"}}\n{"t": "cell", "a": {"q1": "ok"}}\n{"t": "done"}\n')
    assert reader.answers == {"q1": "ok"}
    assert reader.done


def test_answer_stream_stops_listening_after_the_total_cap():
    from medialit.grading._answers import MAX_STREAM_BYTES

    reader = AnswerReader({"q1": "q1"})
    junk = b"y" * 1_000_000 + b"\n"
    for _ in range(MAX_STREAM_BYTES // len(junk) + 2):
        reader.feed(junk)
    reader.feed(b'{"t": "cell", "a": {"q1": "late"}}\n')
    assert reader.answers == {}


def test_answers_are_converted_to_plain_data_in_the_submission():
    sent: dict[str, str] = {}
    namespace = {"q1": {3, 1, 2}, "q2": (1, "a"), "q3": object(), "q4": ...}
    changed = encode_changed(namespace, ["q1", "q2", "q3", "q4", "q5"], sent)
    assert changed["q1"] == [1, 2, 3]
    assert changed["q2"] == [1, "a"]
    assert changed["q4"] is None
    assert set(changed) == {"q1", "q2", "q3", "q4"}
    assert json.loads(json.dumps(changed["q3"], default=str))  # an "unreadable" marker, still data


def test_unreadable_answer_is_scored_as_wrong_shape_not_as_an_error():
    from medialit.exercises import score_set

    reader = AnswerReader({"q1": "q1"})
    changed = encode_changed({"q1": object()}, ["q1"], {})
    from medialit.grading._answers import _json_default

    reader.feed(json.dumps({"t": "cell", "a": changed}, default=_json_default).encode() + b"\n")
    result = score_set("ex01", reader.answers)
    assert result["q1"].verdict == "wrong shape"


def test_widget_answers_are_read_from_saved_outputs_only_for_known_names():
    nb = make_corpus.complete()
    nb["cells"].append(
        {
            "cell_type": "code",
            "outputs": [
                {
                    "output_type": "display_data",
                    "data": {make_corpus.ANSWER_MIME: {"question": "ex09.q1", "answer": 1}},
                },
                {"output_type": "display_data", "data": {make_corpus.ANSWER_MIME: "not json"}},
                {
                    "output_type": "display_data",
                    "data": {make_corpus.ANSWER_MIME: {"question": "q1", "answer": "b"}},
                },
            ],
        }
    )
    from medialit.exercises import answer_names
    from medialit.grading.grader import answers_saved_in

    found = answers_saved_in(nb, "ex01", answer_names("ex01"))
    assert set(found) == {"q7"}
    assert found["q7"]["category"] == "time expression"


# -- reports --------------------------------------------------------------------------------


def _rows() -> list[Row]:
    from medialit.exercises import score_set

    good = score_set("ex01", {"q1": "b", "q2": "2021-12-14", "q9": "My <b>answer</b>"})
    return [
        Row(
            student="alice",
            file=Path("alice.ipynb"),
            status="ok",
            exercise="ex01",
            result=good,
            score=good.total,
            max_score=good.max_total,
        ),
        Row(
            student="<script>alert(1)</script>",
            file=Path("x&y.ipynb"),
            status="timeout",
            exercise="ex01",
            result=good,
            score=good.total,
            max_score=good.max_total,
            detail="stopped after 60 seconds",
        ),
        Row(
            student="carol", file=Path("carol.ipynb"), status="invalid-notebook", detail="The file is empty."
        ),
    ]


def test_gradebook_has_the_fixed_columns_then_one_per_question(tmp_path):
    from medialit.grading.report import write_gradebook

    write_gradebook(_rows(), tmp_path)
    with (tmp_path / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:5] == ["student", "exercise", "status", "score", "max_score"]
    assert header[5:] == [f"ex01.q{i}" for i in range(1, 10)]
    alice = dict(zip(header, rows[1], strict=True))
    assert alice["score"] == "2" and alice["max_score"] == "12"
    assert alice["ex01.q1"] == "1" and alice["ex01.q3"] == "0"
    assert alice["ex01.q9"] == ""  # the open question is left for the teacher
    carol = dict(zip(header, rows[3], strict=True))
    assert carol["status"] == "invalid-notebook" and carol["score"] == "" and carol["ex01.q1"] == ""


def test_every_status_is_known():
    assert {r.status for r in _rows()} <= set(STATUSES)
    assert set(STATUSES) == {
        "ok",
        "timeout",
        "crashed",
        "memory",
        "invalid-notebook",
        "not-an-exercise",
        "missing-answers",
    }


def test_feedback_is_escaped_friendly_and_per_question(tmp_path):
    from medialit.grading.report import write_feedback

    paths = write_feedback(_rows(), tmp_path)
    assert [p.name for p in paths] == [
        "alice_ex01.html",
        "script_alert_1_script_ex01.html",
        "carol_carol.html",
    ]
    page = paths[1].read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "took too long" in page
    alice = paths[0].read_text(encoding="utf-8")
    assert alice.count("<tr") == 1 + 9  # header + one row per question
    assert "✓" in alice and "correct" in alice  # a text mark, not colour alone
    assert "graded by your teacher" in alice
    assert "My <b>answer</b>" not in alice
    assert "Traceback" not in alice


def test_feedback_says_a_stopped_notebook_never_reached_its_missing_answers():
    from medialit.exercises import score_set
    from medialit.grading.report import feedback_html

    result = score_set("ex01", {"q1": "b"})
    row = Row(
        student="dee",
        file=Path("dee.ipynb"),
        status="timeout",
        exercise="ex01",
        result=result,
        score=result.total,
        max_score=result.max_total,
        missing=["q2", "q3"],
    )
    page = feedback_html(row)
    assert page.count("stopped before it reached this answer") == 2


def test_item_analysis_draws_a_titled_plot_and_describes_it(tmp_path):
    from medialit.grading.report import item_analysis

    png, txt = item_analysis(_rows(), tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG")
    text = txt.read_text(encoding="utf-8")
    assert "2 graded submissions" in text
    assert "ex01.q1: 100%" in text and "ex01.q3: 0%" in text


def test_summary_lists_problems_and_the_isolation():
    from medialit.grading.report import summary_table

    text = summary_table(
        _rows(),
        {
            "mode": "root",
            "uid": 65533,
            "network": "none",
            "filesystem": "x",
            "limits": {"seconds": 60, "memory_mb": 2048},
        },
    )
    assert "timeout" in text and "carol" in text and "no network" in text


# -- hostile inputs, one piece at a time (the whole corpus: test_grading_hostile.py) -----------


def test_answers_nested_too_deep_are_refused_without_recursion():
    reader = AnswerReader({"q1": "q1"})
    reader.feed(b'{"t": "cell", "a": {"q1": "b"}}\n')
    for depth in (600, 5_000, 100_000):
        reader.feed(b'{"t": "cell", "a": {"q1": ' + b"[" * depth + b"]" * depth + b"}}\n")
    assert reader.answers == {"q1": "b"}


def test_a_widget_answer_counts_only_from_the_code_cell_that_made_the_widget():
    from medialit.exercises import answer_names

    good = make_corpus.complete()
    names = answer_names("ex01")
    assert "q7" in answers_saved_in(good, "ex01", names)
    output = make_corpus._widget_output()
    for cell in (
        {"cell_type": "markdown", "source": 'highlighter(save_as="ex01.q7")', "outputs": [output]},
        {"cell_type": "code", "source": 'q1 = "b"', "outputs": [output]},
    ):
        assert answers_saved_in({"cells": [cell]}, "ex01", names) == {}


def test_links_hard_links_and_deep_folders_become_rows_and_checkpoints_never_do(tmp_path):
    from medialit.grading._discover import MAX_DEPTH

    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    (tmp_path / "teacher").mkdir()
    (tmp_path / "teacher" / "solution.ipynb").write_text("{}")
    (subs / "linked_folder").symlink_to(tmp_path / "teacher", target_is_directory=True)
    (subs / "alice" / "link.ipynb").symlink_to(tmp_path / "teacher" / "solution.ipynb")
    deep = subs / "deep"
    deep.mkdir()
    for _ in range(MAX_DEPTH + 5):
        deep = deep / "d"
        deep.mkdir()
    (deep / "x.ipynb").write_text("{}")
    (subs / ".ipynb_checkpoints").mkdir()
    checkpoint = subs / ".ipynb_checkpoints" / "bob-checkpoint.ipynb"
    checkpoint.write_text("{}")
    found = {(s.student, bool(s.problem)) for s in find_submissions([subs])}
    assert found == {("alice", True), ("linked_folder", True), ("deep", True)}
    assert find_submissions([checkpoint]) == []  # not even when given by name
    named_link = find_submissions([subs / "alice" / "link.ipynb"])
    assert named_link[0].problem.startswith("The file is a link")


def test_a_hard_link_or_a_file_too_large_is_refused_before_it_is_read(tmp_path):
    from medialit.grading.grader import MAX_NOTEBOOK_BYTES, _Invalid, read_notebook

    original = tmp_path / "solution.ipynb"
    original.write_text(json.dumps(make_corpus.complete()))
    os.link(original, tmp_path / "hardlink.ipynb")
    with pytest.raises(_Invalid, match="hard links"):
        read_notebook(tmp_path / "hardlink.ipynb")
    big = tmp_path / "big.ipynb"
    with big.open("wb") as handle:  # sparse: huge on paper, nothing to read
        handle.truncate(MAX_NOTEBOOK_BYTES + 1)
    with pytest.raises(_Invalid, match="too large"):
        read_notebook(big)
    parts = tmp_path / "parts.ipynb"
    parts.write_bytes(b'{"cells": [], "x": [' + b"[]," * 1_100_000 + b"[]]}")
    with pytest.raises(_Invalid, match="millions of parts"):
        read_notebook(parts)


def test_outputs_are_dropped_while_a_notebook_is_read_but_saved_answers_stay(tmp_path):
    from medialit.grading.grader import read_notebook

    nb = make_corpus.complete()
    nb["cells"][0]["outputs"] = [{"output_type": "display_data", "data": {"image/png": "x" * 1000}}]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb))
    read = read_notebook(path)
    assert read["cells"][0]["outputs"][0]["data"] == {}
    assert "q7" in answers_saved_in(read, "ex01", __import__("medialit").exercises.answer_names("ex01"))


def test_names_that_are_not_utf8_or_hold_control_characters_are_shown_escaped(tmp_path):
    bad = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/Jos\xe9_ex01.ipynb"))
    bad.write_text("{}")
    (tmp_path / "\x1b[2Kmallory\n_ex01.ipynb").write_text("{}")
    for given in ([tmp_path], sorted(tmp_path.iterdir())):
        students = sorted(s.student for s in find_submissions(given))
        assert students == ["Jos\\xe9", "\\x1b[2Kmallory\\n"]


def test_every_csv_cell_that_a_spreadsheet_would_run_is_neutralised(tmp_path):
    from medialit.grading.report import write_gradebook

    row = Row(student='=HYPERLINK("x","y")', file=Path("+1.ipynb"), status="invalid-notebook", detail="-2")
    write_gradebook([row], tmp_path)
    for name in ("gradebook.csv", "details.csv"):
        with (tmp_path / name).open(encoding="utf-8", newline="") as handle:
            cells = [cell for line in csv.reader(handle) for cell in line]
        assert '\'=HYPERLINK("x","y")' in cells
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_the_summary_shows_control_characters_as_escapes():
    from medialit.grading.report import summary_table

    row = Row(student="x\x1b[1A\rforged", file=Path("a\nb.ipynb"), status="invalid-notebook", detail="d\x07")
    text = summary_table([row])
    assert "\x1b" not in text and "\r" not in text and "\x07" not in text
    assert "x\\x1b[1A\\rforged  a\\nb.ipynb  invalid-notebook: d\\x07" in text


def test_the_sealed_copy_holds_no_answer_bearing_file_and_is_reused(tmp_path):
    import fnmatch

    from medialit._paths import answer_bearing_paths
    from medialit._sealed import sealed_copy

    first = sealed_copy(cache=tmp_path)
    assert sealed_copy(cache=tmp_path) == first  # the same content: the same copy
    files = [
        p.relative_to(first / "medialit").as_posix() for p in (first / "medialit").rglob("*") if p.is_file()
    ]
    assert "article.py" in files and "_data/articles/putin-nato-talks-2021-12-14.txt" in files
    for pattern in answer_bearing_paths():
        assert not [f for f in files if fnmatch.fnmatch(f, pattern) or f.startswith(pattern + "/")], pattern


def test_memory_cgroup_counters_are_read_from_the_right_files(tmp_path):
    from medialit.grading._cgroup import MemoryCgroups

    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    v1.mkdir()
    v2.mkdir()
    (v1 / "memory.oom_control").write_text("oom_kill_disable 0\nunder_oom 0\noom_kill 1\n")
    (v1 / "memory.max_usage_in_bytes").write_text("536870912\n")
    (v2 / "memory.events").write_text("low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n")
    assert MemoryCgroups(tmp_path, 1).oom_killed(v1) and MemoryCgroups(tmp_path, 1).peak(v1) == 512 << 20
    assert not MemoryCgroups(tmp_path, 2).oom_killed(v2)


def test_when_the_worker_cannot_start_the_gradebook_is_still_written_and_says_so(
    tmp_path, monkeypatch, capsys
):
    from medialit.grading import _zygote

    monkeypatch.setattr(_zygote, "_BOOT", "import sys; sys.exit(3)")  # a worker that dies at once
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "alice_ex01.ipynb").write_text(json.dumps(make_corpus.complete()))
    (subs / "bob_ex01.ipynb").write_text("")
    code = main([str(subs), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 1
    assert "could not start" in capsys.readouterr().err
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert rows["alice"]["status"] == "crashed" and rows["bob"]["status"] == "invalid-notebook"
