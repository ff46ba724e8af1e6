"""`medialit handout`: a lesson as a printable page, without code, widgets or warnings."""

from __future__ import annotations

import nbformat
import pytest

from medialit import cli, handout
from medialit.errors import MedialitError

CODE_MARKER = "secret_variable_name_42"


def _lesson(tmp_path, name="lesson.ipynb"):
    cells = [
        nbformat.v4.new_markdown_cell("# A tiny lesson\n\nWe read **one** article & <think>."),
        nbformat.v4.new_code_cell(f"{CODE_MARKER} = 6 * 7\nprint('the answer is', {CODE_MARKER})"),
        nbformat.v4.new_code_cell(
            "import matplotlib\nmatplotlib.use('agg')\nimport matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\nax.set_title('A chart')\nplt.show()"
        ),
        nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(description='slider')"),
        nbformat.v4.new_code_cell("import warnings\nwarnings.warn('noisy warning')"),
        nbformat.v4.new_markdown_cell("Only for the teacher.", metadata={"tags": ["no-handout"]}),
        nbformat.v4.new_markdown_cell("## Recap\n\nThe end."),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_handout_runs_the_lesson_and_keeps_prose_outputs_and_charts_but_no_code(tmp_path):
    lesson = _lesson(tmp_path)
    target = handout.make_handout(lesson, out=tmp_path / "handouts")
    assert target == tmp_path / "handouts" / "lesson.html"
    page = target.read_text(encoding="utf-8")
    assert "A tiny lesson" in page and "Recap" in page
    assert "the answer is 42" in page  # executed output kept
    assert "data:image/png;base64" in page  # the chart is embedded
    assert CODE_MARKER not in page  # no code cells
    assert "widget-view" not in page and "IntSlider" not in page  # no widget placeholders
    assert "noisy warning" not in page
    assert "Only for the teacher" not in page
    assert "<title>A tiny lesson</title>" in page
    assert not list(tmp_path.glob(".medialit-answers"))  # ran elsewhere, wrote nothing beside the lesson
    assert lesson.read_text(encoding="utf-8").count('"outputs": []') == 4  # the lesson file is untouched


def test_no_execute_uses_saved_outputs(tmp_path):
    lesson = _lesson(tmp_path)
    target = handout.make_handout(lesson, out=tmp_path / "out", execute=False)
    page = target.read_text(encoding="utf-8")
    assert "A tiny lesson" in page and CODE_MARKER not in page


def test_cli_reports_a_missing_notebook_in_one_line(tmp_path, capsys):
    assert cli.main(["handout", str(tmp_path / "nope.ipynb")]) == 2
    err = capsys.readouterr().err
    assert "Notebook not found" in err and "nope.ipynb" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.ipynb", "{ this is not json", "is not a valid notebook"),
        ("article.txt", "Just text", "is not a Jupyter notebook"),
        ("empty.ipynb", '{"cells": "no"}', "is not a valid notebook"),
    ],
)
def test_invalid_notebooks_get_a_friendly_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MedialitError, match=message):
        handout.make_handout(path, out=tmp_path / "out", execute=False)


def test_a_folder_is_not_a_notebook(tmp_path):
    with pytest.raises(MedialitError, match="is a folder"):
        handout.read_lesson(tmp_path)


@pytest.mark.slow
def test_a_failing_cell_is_named_in_the_error(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Oops"), nbformat.v4.new_code_cell("1 / 0")]
    )
    path = tmp_path / "oops.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(MedialitError, match=r"cell 2 failed .*ZeroDivisionError"):
        handout.make_handout(path, out=tmp_path / "out")


def test_main_writes_the_page_and_says_where(tmp_path, capsys):
    lesson = _lesson(tmp_path)
    assert handout.main([str(lesson), "--out", str(tmp_path / "h"), "--no-execute"]) == 0
    assert (tmp_path / "h" / "lesson.html").is_file()
    assert "Handout written" in capsys.readouterr().out


def test_bad_arguments_exit_2(capsys):
    assert handout.main([]) == 2
    assert "NOTEBOOK" in capsys.readouterr().err
