"""The instructor's round trip, with the marking done in a real browser, keyboard only.

From a fresh state: the class's Canvas and Moodle downloads are made (tests/roundtrip/make_class.py),
collected, graded; every one of the 30 open answers is marked on the ``medialit mark`` page with the
keyboard; halfway through, the server is killed (SIGKILL) and started again, and the marks made so
far are there; then the grades are exported for Canvas and Moodle and checked column by column,
and the feedback is returned, each student's folder holding only their own.

The time to mark the 30 answers (keys pressed until the last save is confirmed, restart excluded)
is printed and written to the test's temp folder (``marking_time.txt``); it is a measurement,
never asserted.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARTIFACTS, expect, new_page

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "roundtrip"))
import make_class  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs fork (Linux or macOS)"),
]

KEYS = {"beginning": "1", "emerging": "2", "mastery": "3"}
TOKEN = re.compile(r"TOKEN[CM]\d+EX\d\d")


class MarkingProcess:
    """``medialit mark GRADES`` as a teacher runs it, in its own process."""

    def __init__(self, grades: Path) -> None:
        code = "import sys; from medialit.cli import main; sys.exit(main(sys.argv[1:]))"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, "mark", str(grades)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.url = ""
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"Marking page: (http://\S+)", line)
            if match:
                self.url = match.group(1)
                return
        self.proc.kill()
        raise AssertionError("medialit mark did not print its address:\n" + "".join(lines))

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL: no clean-up of any kind
        self.proc.wait(timeout=10)

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGTERM)
        out, _ = self.proc.communicate(timeout=60)
        return out


def _student_of(token: str, set_id: str) -> str:
    for s in make_class.CLASS:
        if make_class.token(s, set_id) == token:
            return s.key(set_id, moodle_ambiguous=make_class.moodle_ambiguous(s))
    raise AssertionError(f"no student wrote {token}")


def _mark_question(page, set_id: str, open_points: dict, comments: dict) -> float:
    """Mark every answer of the question on screen with the keyboard; return the seconds it took."""
    from medialit.grading.marks import mark_points

    heading = page.locator("#answer-heading")
    number = f"{int(set_id[2:])}.9"  # the open question of ex01 is 1.9
    expect(page.locator("#progress")).to_contain_text(f"{number}: 0 of 15 marked")
    expect(heading).to_have_text(re.compile(r"^Answer 1 of 15$"))
    started = time.monotonic()
    for n in range(1, 16):
        expect(heading).to_have_text(f"Answer {n} of 15")
        token = TOKEN.search(page.locator("#answer-text").inner_text()).group(0)
        student = _student_of(token, set_id)
        levels = make_class.levels_for(student, set_id)
        for level in levels:
            page.keyboard.press(KEYS[level])
        if n % 5 == 1:  # a comment on every fifth answer: c, type, Escape
            comments[student] = f"Well argued, {token}."
            page.keyboard.press("c")
            page.keyboard.type(comments[student])
            page.keyboard.press("Escape")
        open_points[(student, set_id)] = mark_points(levels)
        if n < 15:
            page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-pending", "0")
    expect(page.locator("#progress")).to_contain_text("15 of 15 marked")
    return time.monotonic() - started


def test_the_instructors_round_trip_in_a_real_browser(browser_context, tmp_path, capsys):
    from medialit.cli import main

    files = make_class.collect_and_grade(tmp_path)  # downloads -> collect -> grade
    grades = files["grades"]
    open_points: dict[tuple[str, str], float] = {}
    comments: dict[str, str] = {}
    page = new_page(browser_context)
    marking = MarkingProcess(grades)
    try:
        page.goto(marking.url)
        expect(page.locator("#student")).to_contain_text("hidden")  # names hidden by default
        first = _mark_question(page, "ex01", open_points, comments)

        # a crash halfway: the server dies without any chance to clean up
        marking.kill()
        saved = json.loads((grades / "marks.json").read_text(encoding="utf-8"))["marks"]
        assert len(saved) == 15 and all(all(m["levels"]) for m in saved)
        marking = MarkingProcess(grades)
        page.goto(marking.url)
        expect(page.locator("#progress")).to_contain_text("1.9: 15 of 15 marked")
        expect(page.locator("fieldset.criterion input:checked")).to_have_count(3)  # the levels are back

        page.keyboard.press("]")  # the next question
        second = _mark_question(page, "ex02", open_points, comments)
        output = marking.stop()
        assert re.search(r"ex02\.q9\s+15 of 15\s+marked", output), output
    finally:
        if marking.proc.poll() is None:
            marking.kill()
        if any(m for m in page.medialit_console if "pageerror" in m):
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "marking.console.txt").write_text("\n".join(page.medialit_console))
        page.close()
    assert not [m for m in page.medialit_console if m.startswith(("error", "pageerror"))]
    assert len(open_points) == 30

    seconds = first + second
    note = f"Marked 30 open answers with the keyboard in {seconds:.1f} s ({seconds / 30:.2f} s per answer)."
    (tmp_path / "marking_time.txt").write_text(note + "\n")
    with capsys.disabled():
        print(f"\n{note}")

    # the gradebook holds every mark
    import csv

    with (grades / "gradebook.csv").open(encoding="utf-8") as handle:
        book = {(r["student"], r["exercise"]): r for r in csv.DictReader(handle)}
    for (student, set_id), points in open_points.items():
        assert float(book[(student, set_id)][f"{set_id}.q9"]) == points

    # export: Canvas (with the teacher's gradebook export) and Moodle (with the grading worksheets)
    canvas, moodle = tmp_path / "canvas.csv", tmp_path / "moodle.csv"
    assert (
        main(
            [
                "export",
                str(grades),
                "--to",
                "canvas",
                "--roster",
                str(files["canvas-roster"]),
                "--out",
                str(canvas),
            ]
        )
        == 0
    )
    make_class.check_canvas_export(canvas, open_points)
    argv = ["export", str(grades), "--to", "moodle", "--out", str(moodle)]
    assert (
        main([*argv, "--roster", str(files["worksheet-ex01"]), "--roster", str(files["worksheet-ex02"])]) == 0
    )
    make_class.check_moodle_export(moodle, open_points)
    with capsys.disabled():
        for path in (canvas, moodle):
            print(f"{path.name}:\n" + "\n".join(path.read_text(encoding="utf-8").splitlines()[:3]))

    # return: each student's own feedback, with the comments typed for them and no one else's
    returns = tmp_path / "returns"
    assert main(["return", str(grades), "--out", str(returns)]) == 0
    make_class.check_returns(returns, comments, forbidden=[str(files["collected"])])
