"""Build the hostile corpus: broken and cheating submissions made from the real ex01 notebooks.

Run at test time (some cases embed absolute paths of the folder they are built in):

    python tests/hostile/make_corpus.py OUT_DIR

writes one ``<case>.ipynb`` per case into ``OUT_DIR`` (so the student is named after the case);
``expected.json`` beside this script holds each case's exact expected status and score.
The benchmark uses :func:`complete`, :func:`partial` and :func:`blank` to make a class.
"""

from __future__ import annotations

import ast
import copy
import json
import sys
from pathlib import Path
from typing import Any

from medialit.answers import ANSWER_MIME, answer_bundle

ROOT = Path(__file__).resolve().parents[2]
SET_ID = "ex01"
__all__ = ["ANSWER_MIME", "blank", "build", "complete", "expected", "partial"]


def _load(kind: str, set_id: str = SET_ID) -> dict[str, Any]:
    from medialit.exercises import get_set

    name = get_set(set_id).notebook_name
    return json.loads((ROOT / kind / name).read_text(encoding="utf-8"))


def _src(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _meta(cell: dict[str, Any]) -> dict[str, Any]:
    return cell.get("metadata", {}).get("medialit", {})


def _code(source: str) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def _answer_cell_index(nb: dict[str, Any], question: str) -> int:
    for index, cell in enumerate(nb["cells"]):
        if _meta(cell).get("role") in ("answer", "widget") and _meta(cell).get("question") == question:
            return index
    raise KeyError(question)


def complete(set_id: str = SET_ID) -> dict[str, Any]:
    """The solution notebook as a student would save it: widget answers in the widget cells' outputs."""
    nb = _load("solutions", set_id)
    solutions = {}
    for cell in nb["cells"]:
        if _meta(cell).get("role") == "solution":
            tree = ast.parse(_src(cell))
            assign = tree.body[0]
            solutions[_meta(cell)["question"]] = ast.literal_eval(assign.value)  # type: ignore[attr-defined]
    for cell in nb["cells"]:
        meta = _meta(cell)
        if meta.get("role") == "widget" and meta.get("question") in solutions:
            # exactly what the widget writes into its cell's outputs (medialit.answers)
            bundle = answer_bundle(meta["save_as"], solutions[meta["question"]])
            cell["outputs"] = [
                {"output_type": "display_data", "metadata": {}, "data": json.loads(json.dumps(bundle))}
            ]
    # a student's notebook has no solution cells: drop them (and their check cells still run)
    nb["cells"] = [c for c in nb["cells"] if _meta(c).get("role") != "solution"]
    for cell in nb["cells"]:
        if _meta(cell).get("role") == "check" and _src(cell) != f'check("{_meta(cell)["question"]}")':
            cell["source"] = f'check("{_meta(cell)["question"]}")'
    return nb


def blank(set_id: str = SET_ID) -> dict[str, Any]:
    """The exercise notebook as handed out to a class that types its answers (``--typed``:
    placeholders ``q1 = ...``, no outputs), so that every case can rewrite an answer cell."""
    from medialit.exercises import get_set
    from medialit.exercises.build import render, student_notebook

    return json.loads(render(student_notebook(get_set(set_id), typed=True)))


def partial(keep: list[str], set_id: str = SET_ID) -> dict[str, Any]:
    """A complete notebook where only the questions in ``keep`` keep their (correct) answers."""
    nb = complete(set_id)
    student = blank(set_id)
    for cell in nb["cells"]:
        meta = _meta(cell)
        question = meta.get("question")
        if question is None or question in keep or meta.get("role") not in ("answer", "widget"):
            continue
        original = student["cells"][_answer_cell_index(student, question)]
        cell["source"] = _src(original)
        cell["outputs"] = []
    return nb


def _replace(nb: dict[str, Any], question: str, source: str) -> dict[str, Any]:
    nb["cells"][_answer_cell_index(nb, question)]["source"] = source
    return nb


def _insert_after(nb: dict[str, Any], question: str, source: str) -> dict[str, Any]:
    nb["cells"].insert(_answer_cell_index(nb, question) + 1, _code(source))
    return nb


def _insert_first(nb: dict[str, Any], source: str) -> dict[str, Any]:
    nb["cells"].insert(1, _code(source))
    return nb


def _dump(nb: dict[str, Any]) -> bytes:
    return json.dumps(nb, indent=1, ensure_ascii=False).encode()


CHEAT_CHECKER = """
import medialit.exercises as ex
import medialit.exercises.results as results
import medialit.scoring as scoring
from medialit.exercises.results import QuestionResult
from medialit.scoring import Result

def _full(question, answer=None, *a, **k):
    return QuestionResult(question=question.id, number=question.number, type=question.type, auto=True,
                          points=question.points, max_points=question.points, verdict="correct", feedback="")

results.score_question = _full
scoring.score = results.score = lambda *a, **k: Result.of(1.0, "all right")
real = results.score_set
def fake_score_set(set_id, answers):
    return real(set_id, {q: "x" for q in answers})
ex.score_set = results.score_set = fake_score_set
ex.check = lambda *a, **k: print("all correct!")
import medialit.grading._answers as grading_answers
"""

AST_CHEAT = """
import ast
class DropAsserts(ast.NodeTransformer):
    def visit_Assert(self, node):
        return None
get_ipython().ast_transformers.append(DropAsserts())
assert False, "this assert is deleted"
"""

BUILTINS_CHEAT = """
import builtins
builtins.len = lambda x: 3
builtins.sorted = lambda x, *a, **k: ["a", "b", "d"]
builtins.set = lambda *a: {"a", "b", "d"}
"""

BUILTINS_BREAKER = """
import builtins
builtins.isinstance = lambda *a: True
builtins.str = lambda *a: "b"
"""


def build(out: Path) -> dict[str, Path]:
    """Write every case into ``out``; return case name -> path."""
    out.mkdir(parents=True, exist_ok=True)
    kit = ROOT / "src" / "medialit"
    files: dict[str, bytes] = {}
    good = complete()
    files["complete"] = _dump(good)
    files["half"] = _dump(partial(["q1", "q3", "q5", "q7"]))  # 1 + 2 + 1 + 2 = 6 points
    files["blank"] = _dump(blank())
    text = _dump(good)
    files["truncated_json"] = text[: len(text) // 2]
    files["empty"] = b""
    files["png_named_ipynb"] = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\x8d\xbd\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    files["not_an_exercise"] = _dump(
        {
            "cells": [_code("x = 1")],
            "metadata": {"medialit": {"exercise": SET_ID}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )
    nb = complete()
    del nb["cells"][_answer_cell_index(nb, "q4")]
    del nb["cells"][_answer_cell_index(nb, "q3")]
    files["deleted_cells"] = _dump(nb)
    files["renamed_answer"] = _dump(_replace(complete(), "q1", 'answer_one = "b"'))
    files["exception_in_answer"] = _dump(_replace(complete(), "q2", 'q2 = "2021-12-14"[undefined_name]'))
    files["syntax_error"] = _dump(_replace(complete(), "q5", 'q5 = "b'))
    files["infinite_loop"] = _dump(_insert_after(complete(), "q4", "while True:\n    pass"))
    files["os_exit"] = _dump(_insert_after(complete(), "q3", "import os\nos._exit(0)"))
    files["memory_bomb"] = _dump(
        _insert_after(complete(), "q2", "hog = []\nwhile True:\n    hog.append(bytearray(10_000_000))")
    )
    nb = _insert_first(complete(), 'print("x" * 50_000_000)\nimport sys\nsys.stderr.write("y" * 10_000_000)')
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "z" * 5_000_000}]
    files["huge_output"] = _dump(nb)
    files["builtins_redefined"] = _dump(_insert_first(blank(), BUILTINS_CHEAT))
    files["builtins_broken"] = _dump(_insert_first(complete(), BUILTINS_BREAKER))
    files["checker_patched"] = _dump(_insert_first(blank(), CHEAT_CHECKER))
    files["ast_transformer"] = _dump(_insert_first(blank(), AST_CHEAT))
    nb = blank()
    nb["metadata"]["medialit"] = {"exercise": SET_ID, "score": 12, "max_score": 12, "status": "ok"}
    nb["metadata"]["nbgrader"] = {"score": 12, "grade": True}
    for cell in nb["cells"]:
        cell.setdefault("metadata", {})["nbgrader"] = {"grade": True, "points": 2, "score": 2}
    files["fake_scores"] = _dump(nb)
    victims = [
        out / "complete.ipynb",
        out / "planted.txt",
        kit / "__init__.py",
        kit / "exercises" / "results.py",
        kit / "scoring" / "marks.py",
        ROOT / "pyproject.toml",
    ]
    writer = "\n".join(
        f"try:\n    open({str(p)!r}, 'a').write('\\nhacked = True\\n')\nexcept Exception:\n    pass"
        for p in victims
    )
    writer += (
        "\ntry:\n    open('/tmp/medialit-hostile-was-here', 'w').write('x')\nexcept Exception:\n    pass"
        "\ntry:\n    import shutil; shutil.rmtree(" + repr(str(out)) + ")\nexcept Exception:\n    pass"
        "\ntry:\n    import subprocess; subprocess.run(['touch', '/tmp/medialit-hostile-subprocess'])"
        "\nexcept Exception:\n    pass"
    )
    files["writes_files"] = _dump(_insert_first(complete(), writer))
    thief = (
        "import json\n"
        "try:\n"
        f"    stolen = json.load(open({str(out / 'complete.ipynb')!r}))\n"
        "    for cell in stolen['cells']:\n"
        "        if cell.get('metadata', {}).get('medialit', {}).get('role') == 'answer':\n"
        "            exec(''.join(cell['source']))\n"
        "except Exception:\n"
        "    pass\n"
    )
    nb = blank()
    nb["cells"].append(_code(thief))  # at the end, after the blank answers
    files["reads_other_students"] = _dump(nb)
    files["subprocess_and_kill"] = _dump(
        _insert_after(
            complete(),
            "q8",
            "import os, signal, subprocess\n"
            "try:\n    subprocess.run(['sleep', '100'])\nexcept Exception:\n    pass\n"
            "try:\n    os.kill(os.getppid(), signal.SIGKILL)\nexcept Exception:\n    pass",
        )
    )
    paths = {}
    for name, data in files.items():
        path = out / f"{name}.ipynb"
        path.write_bytes(data)
        paths[name] = path
    (out / "planted.txt").write_text("a file next to the submissions\n", encoding="utf-8")
    return paths


def expected() -> dict[str, dict[str, Any]]:
    """The expected status and score of every case (``expected.json``)."""
    data = json.loads((Path(__file__).with_name("expected.json")).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _copy(nb: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(nb)


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    print(f"wrote {len(built)} notebooks to {sys.argv[1]}")
