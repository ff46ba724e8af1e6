"""The class grader's pieces: arguments, finding submissions, reading answers as data, the reports."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from medialit.grading import STATUSES
from medialit.grading._answers import MAX_LINE_BYTES, AnswerReader, encode_changed, widget_answers
from medialit.grading._discover import find_submissions, student_from_filename
from medialit.grading.cli import main
from medialit.grading.grader import Row

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

    found = widget_answers(nb, answer_names("ex01"))
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
    assert alice.count("<tr>") == 1 + 9  # header + one row per question
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
