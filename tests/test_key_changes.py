"""A correction to the answer key reaches every client at once: the widget, ``check()`` and the grader.

The key is the only source of targets, so changing one line of a source's entry changes what the
highlighter's Check, ``check()`` and ``medialit grade`` say about the same answer, and all three still
agree. The changed key lives in a copy of the data folder, named by ``MEDIALIT_DATA``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from exercise_cases import crafted, notebook_with

from medialit.exercises import check

KEY = "putin-nato-talks-2021-12-14.key.yaml"
# Russia's entry: in paragraph 14 it is a source ("Russia stating ..."); the change says it is only mentioned.
BEFORE = "      - {paragraph: 14, mode: paraphrase}\n"
AFTER = "      - {paragraph: 14, mode: mentioned}\n"

WIDGET_AND_CHECK = """
import json, sys
import medialit.widgets as mw
from medialit.exercises import check
answer = json.loads(sys.argv[1])
h = mw.highlighter(category="source", paragraphs=list(range(10, 16)), show_answers=False, save_as="ex02.q6")
h._restore(answer)
h.check_button.click()
c = check("ex02.q6", h.answer).result
print(json.dumps({"widget": [h.last_result.verdict, h.last_result.points, h.last_result.feedback],
                  "check": [c.verdict, c.points, c.feedback], "shown": h.feedback.value}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the grader needs fork (Linux or macOS)")
def test_one_line_changed_in_a_source_entry_changes_the_widget_check_and_the_grade_together(root, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    key = data / "articles" / KEY
    text = key.read_text(encoding="utf-8")
    assert text.count(BEFORE) == 1
    key.write_text(text.replace(BEFORE, AFTER), encoding="utf-8")
    changed = [
        a
        for a, b in zip(text.splitlines(), key.read_text(encoding="utf-8").splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 1  # one line

    before = check("ex02.q6", crafted()).result
    assert (before.verdict, before.points) == ("partly", 2.0)  # 4 of 6 sources found, nothing stray

    env = {**os.environ, "MEDIALIT_DATA": str(data)}
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", WIDGET_AND_CHECK, json.dumps(crafted())],
        env=env, cwd=work, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    after = json.loads(done.stdout.splitlines()[-1])
    # Russia in ¶14 is no longer listed, and a mark on it is now a stray: (3 found − 1 stray) ÷ 5 listed
    assert after["widget"] == after["check"]
    assert after["widget"][:2] == ["partly", 1.2]
    assert "You marked 3 of the 5 sources" in after["check"][2]
    assert "1.2 of 3 points" in after["shown"]

    student = tmp_path / "class" / "ana"
    student.mkdir(parents=True)
    (student / "ex02_who-is-speaking.ipynb").write_text(json.dumps(notebook_with("ex02", {"q6": crafted()})))
    medialit = Path(sys.executable).with_name("medialit")
    out = tmp_path / "grades"
    subprocess.run(
        [str(medialit), "grade", str(tmp_path / "class"), "--out", str(out), "--quiet", "--timeout", "120"],
        env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    page = (out / "feedback" / "ana_ex02.html").read_text(encoding="utf-8")
    (verdict, points) = re.findall(
        r'<tr data-question="q6" data-verdict="([^"]+)" data-points="([^"]*)">', page
    )[0]
    assert (verdict, float(points)) == ("partly", 1.2) != (before.verdict, before.points)
