"""Build the hostile corpus: broken and cheating submissions made from the real ex01 notebooks.

Run at test time (some cases embed absolute paths of the folder they are built in):

    python tests/hostile/make_corpus.py OUT_DIR

writes one ``<case>.ipynb`` per case into ``OUT_DIR`` (so the student is named after the case),
plus the cases that need a special file name, a folder, a link or a named pipe, and the
teacher's own files beside ``OUT_DIR`` (an LMS zip, a solution notebook) that cases try to
reach. ``expected.json`` beside this script holds each case's exact expected status and score
(and the gradebook's student name where it is not the case's name).
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


def _append(nb: dict[str, Any], source: str) -> dict[str, Any]:
    nb["cells"].append(_code(source))  # after everything: runs once all answers are given
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


ANSWERS = (  # assigns the ex01 answers from any exercise data found: the helper the cheats share
    "def _use(found):\n"
    "    for q in found.get('questions', []) if isinstance(found, dict) else []:\n"
    "        if isinstance(q, dict) and 'answer' in q and isinstance(q.get('id'), str):\n"
    "            globals()[q['id']] = q['answer'] if q.get('type') != 'match' else "
    "{i + 1: it['answer'] for i, it in enumerate(q.get('items', []))}\n"
    "def _use_notebook(nb):\n"
    "    for cell in nb.get('cells', []):\n"
    "        src = ''.join(cell.get('source', ''))\n"
    "        if cell.get('cell_type') == 'code' and src.lstrip().startswith('q') and '=' in src:\n"
    "            try:\n"
    "                exec(src, globals())\n"
    "            except Exception:\n"
    "                pass\n"
)

KIT_API = (
    ANSWERS
    + """
try:
    from medialit.exercises import get_set, list_sets
    for set_id in list_sets() or ["ex01"]:
        s = get_set("ex01")
        for q in s.questions:
            if "answer" in q.spec:
                globals()[q.id] = q.spec["answer"]
except Exception:
    pass
try:
    import medialit.exercises._model as model
    _use(__import__("yaml").safe_load(open(model.masters_dir() / "ex01_anatomy.yaml")))
except Exception:
    pass
try:
    from medialit import answer_key
    answer_key()
    q4 = [1, 4, 5, 6, 7, 8, 14]
except Exception:
    pass
"""
)

MEMORY_SEARCH = (
    ANSWERS
    + """
import gc
for obj in gc.get_objects():
    try:
        kind = type(obj).__name__
        if kind == "ExerciseSet":
            for q in obj.questions:
                if "answer" in q.spec:
                    globals()[q.id] = q.spec["answer"]
        elif kind == "AnswerKey":
            q4 = [1, 4, 5, 6, 7, 8, 14]
        elif isinstance(obj, dict) and "answer" in obj and "prompt" in obj:
            _use({"questions": [obj]})
    except Exception:
        pass
"""
)

SEARCH_FILES = (
    ANSWERS
    + """
import json, os
found = []
seen = 0
for top in ["/", "/work", "/root", "/home", "/srv", "/opt", "/tmp", "/var", "/mnt", "/media", "/usr/local"]:
    for here, dirs, files in os.walk(top):
        seen += 1
        if seen > 20000:
            break
        dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev", "share", "include", "lib", "bin")]
        for f in files:
            if f == "ex01_anatomy.ipynb" or f.endswith(".key.yaml") or f == "ex01_anatomy.yaml":
                found.append(os.path.join(here, f))
for path in found:
    try:
        if path.endswith(".ipynb"):
            _use_notebook(json.load(open(path)))
        elif path.endswith("ex01_anatomy.yaml"):
            _use(__import__("yaml").safe_load(open(path)))
    except Exception:
        pass
"""
)


def _reader(paths: list[str]) -> str:
    """A cell that copies answers from notebooks, masters or zips at these absolute paths."""
    return (
        ANSWERS
        + "import json, zipfile, io\n"
        + f"for path in {paths!r}:\n"
        + "    try:\n"
        + "        if path.endswith('.zip'):\n"
        + "            with zipfile.ZipFile(path) as z:\n"
        + "                for name in z.namelist():\n"
        + "                    if name.endswith('.ipynb'):\n"
        + "                        _use_notebook(json.loads(z.read(name)))\n"
        + "        elif path.endswith('.yaml'):\n"
        + "            _use(__import__('yaml').safe_load(open(path)))\n"
        + "        else:\n"
        + "            _use_notebook(json.load(open(path)))\n"
        + "    except Exception:\n"
        + "        pass\n"
    )


LEAK_WRITE = """
import ctypes, ctypes.util, json, os
answers = json.dumps({k: globals()[k] for k in ("q1", "q2", "q3", "q4", "q5", "q6", "q8")})
libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
for ring in (-4, -3, -5):  # @u, @s, @us
    libc.syscall(248, b"user", b"medialit-leak", answers.encode(), len(answers), ring)  # add_key
for folder in ("/tmp", "/var/tmp", "/dev/shm", os.path.expanduser("~"), "/tmp/.."):
    try:
        open(os.path.join(folder, "medialit-leak.json"), "w").write(answers)
    except OSError:
        pass
"""

LEAK_READ = """
import ctypes, ctypes.util, json, os
libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
texts = []
for ring in (-4, -3, -5):
    key = libc.syscall(250, 10, ring, b"user", b"medialit-leak", 0)  # keyctl SEARCH
    if key > 0:
        buf = ctypes.create_string_buffer(4096)
        n = libc.syscall(250, 11, key, buf, 4096)  # keyctl READ
        if n > 0:
            texts.append(buf.raw[:n].decode())
for folder in ("/tmp", "/var/tmp", "/dev/shm", os.path.expanduser("~"), "/tmp/.."):
    try:
        texts.append(open(os.path.join(folder, "medialit-leak.json")).read())
    except OSError:
        pass
for text in texts:
    try:
        globals().update(json.loads(text))
    except Exception:
        pass
"""

DEEP_PIPE = """
import os
deep = b"[" * 600 + b"]" * 600
deeper = b"[" * 100000 + b"]" * 100000
for value in (deep, deeper, b'{"a":' * 5000 + b"1" + b"}" * 5000):
    try:
        os.write(3, b'{"t": "cell", "i": 0, "a": {"q1": ' + value + b', "q3": ' + value + b'}}\\n')
    except OSError:
        pass
"""

PIPE_FLOOD = """
import os
junk = b"x" * 999_999 + b"\\n"
for _ in range(25):
    os.write(3, junk)
os.write(3, b'{"t": "cell", "i": 0, "a": {"q1": "c"}}\\n')
"""

FAKE_DONE = """
import os
print('{"t": "done"}')
os.write(3, b'{"t": "cell", "i": 40, "a": {}}\\n{"t": "done", "n": 22}\\n')
os._exit(0)
"""

MEMFD_BOMB = """
import os
held = []
for _ in range(140):  # 1.4 GB outside the address space
    fd = os.memfd_create("hog")
    for _ in range(10):
        os.write(fd, b"x" * 1_000_000)
    held.append(fd)
"""

SHM_BOMB = """
import os
for folder in ("/dev/shm", "/tmp", "/var/tmp"):
    try:
        with open(os.path.join(folder, "hog"), "wb") as handle:
            for _ in range(1000):
                handle.write(b"x" * 1_000_000)
    except OSError:
        pass
"""

KILLS_EVERYTHING = """
import os, signal
for target in (-1, 1, os.getppid(), 0):
    try:
        os.kill(target, signal.SIGKILL)
    except (OSError, ValueError):
        pass
"""

OUTLIVES = """
import ctypes, ctypes.util, os
libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
libc.prctl(1, 0, 0, 0, 0)  # no parent-death signal
libc.prctl(36, 1, 0, 0, 0)  # a subreaper
try:
    os.setsid()
except OSError:
    pass
try:
    if os.fork() == 0:
        if os.fork() == 0:
            import time
            time.sleep(600)
        os._exit(0)
except OSError:
    pass
"""

SECRETS = """
import gc, os
seen = dict(os.environ)
for path in ("/proc/self/environ", "/proc/self/cmdline", "/proc/1/cmdline", "/proc/1/environ"):
    try:
        seen[path] = open(path, "rb").read().decode(errors="replace")
    except OSError:
        pass
names = sorted({o for o in gc.get_objects() if isinstance(o, str) and ".ipynb" in o})[:200]
q6 = repr(seen) + repr(names)
q9 = q6
"""


TEACHER_FILES = """
import os
found = []
for path in PATHS:
    try:
        found.append(open(path).read()[:2000] if os.path.isfile(path) else repr(os.listdir(path)))
    except OSError:
        pass
q6 = repr(found)
"""


def _widget_output(set_id: str = SET_ID, question: str = "q7") -> dict[str, Any]:
    nb = complete(set_id)
    cell = nb["cells"][_answer_cell_index(nb, question)]
    return cell["outputs"][0]


def build(out: Path) -> dict[str, Path]:
    """Write every case into ``out`` (and the teacher's files beside it); return case name -> path."""
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
        _insert_after(
            complete(), "q2", 'hog = [b"x" * 10_000_000 for _ in range(100_000)]  # touched: counted at once'
        )
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
    teacher = out.parent / "teacher"
    teacher.mkdir(exist_ok=True)
    solution = teacher / "solution_ex01.ipynb"
    solution.write_bytes(_dump(good))
    import zipfile

    with zipfile.ZipFile(out.parent / "class.zip", "w") as archive:  # an LMS download kept beside
        archive.writestr("alice_ex01_anatomy.ipynb", _dump(good))
    kit_files = [str(p) for p in sorted((ROOT / "src" / "medialit" / "exercises" / "masters").glob("*.yaml"))]
    kit_files += [str(p) for p in sorted((ROOT / "solutions").glob("ex01*.ipynb"))]
    kit_files += [str(p) for p in sorted(ROOT.glob("data/articles/*.key.yaml"))]
    kit_files += [
        str(p) for p in sorted(ROOT.glob(".venv/lib/python*/site-packages/medialit/_data/articles/*.yaml"))
    ]
    files["kit_api_answers"] = _dump(_append(blank(), KIT_API))
    files["kit_memory_search"] = _dump(_append(blank(), MEMORY_SEARCH))
    files["reads_masters_and_solutions"] = _dump(_append(blank(), _reader(kit_files)))
    files["walks_for_solutions"] = _dump(_append(blank(), SEARCH_FILES))
    classmates = [
        str(out / "complete.ipynb"),
        str(out.parent / "subs_link" / "complete.ipynb"),
        str(out / ".ipynb_checkpoints" / "complete-checkpoint.ipynb"),
        str(out.parent / "class.zip"),
        str(solution),
        str(out / "symlinked_folder" / "solution_ex01.ipynb"),
    ]
    files["reads_classmates_every_way"] = _dump(_append(blank(), _reader(classmates)))
    nb = blank()
    nb["cells"].insert(
        _answer_cell_index(nb, "q7") + 1,
        {"cell_type": "markdown", "metadata": {}, "source": "my answer", "outputs": [_widget_output()]},
    )
    files["markdown_answer"] = _dump(nb)
    nb = blank()
    nb["cells"][_answer_cell_index(nb, "q1")]["outputs"] = [_widget_output()]
    files["answer_in_other_cell"] = _dump(nb)
    files["leak_1_writer"] = _dump(_append(complete(), LEAK_WRITE))
    files["leak_2_reader"] = _dump(_append(blank(), LEAK_READ))
    files["deep_answer_pipe"] = _dump(_append(complete(), DEEP_PIPE))
    files["answer_pipe_flood"] = _dump(_append(complete(), PIPE_FLOOD))
    nb = complete()
    nb["cells"].append(_code("pass"))
    nb["cells"][-1]["outputs"] = [
        {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0KGgo" * 2_700_000}}
    ]
    files["big_outputs"] = _dump(nb)  # about 30 MB, under the size limit: read, outputs dropped
    nb = complete()
    nb["cells"] += [_code("pass") for _ in range(60_000)]
    files["many_cells"] = _dump(nb)
    files["too_much_code"] = _dump(_append(complete(), "x = 1\n" * 500_000))
    nb = complete()
    nb["metadata"]["deep"] = "DEEP"
    files["deep_json"] = _dump(nb).replace(b'"DEEP"', b"[" * 100_000 + b"]" * 100_000, 1)
    nb = complete()
    nb["metadata"]["junk"] = "JUNK"
    files["many_parts"] = _dump(nb).replace(b'"JUNK"', b"[" + b"[]," * 3_000_000 + b"[]]", 1)
    files["fake_done_exit"] = _dump(_insert_after(complete(), "q3", FAKE_DONE))
    files["exit_117"] = _dump(_insert_after(complete(), "q3", "import os\nos._exit(117)"))
    files["memfd_bomb"] = _dump(_insert_after(complete(), "q2", MEMFD_BOMB))
    files["shm_bomb"] = _dump(_insert_after(complete(), "q2", SHM_BOMB))
    files["kills_everything"] = _dump(_append(complete(), KILLS_EVERYTHING))
    files["outlives"] = _dump(_append(complete(), OUTLIVES))
    files["secrets"] = _dump(_append(blank(), SECRETS))
    import os

    home = os.path.expanduser("~")
    teacher_files = [f"{home}/.bash_history", f"{home}/.ssh/id_rsa", f"{home}/.cache/medialit", "/etc/shadow"]
    files["teacher_files"] = _dump(_append(blank(), TEACHER_FILES.replace("PATHS", repr(teacher_files))))
    victims = [
        out / "complete.ipynb",
        out / "planted.txt",
        out.parent / "out" / "gradebook.csv",
        out.parent / "out" / "keep.txt",
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
    paths.update(_special(out, teacher, solution))
    return paths


def _special(out: Path, teacher: Path, solution: Path) -> dict[str, Path]:
    """The cases that need a particular name, a folder, a link or a named pipe."""
    import os

    good = _dump(complete())
    paths: dict[str, Path] = {}
    (out.parent / "subs_link").symlink_to(out, target_is_directory=True)  # the class folder, as a link
    paths["symlink"] = out / "symlink.ipynb"
    paths["symlink"].symlink_to(out / "complete.ipynb")
    paths["fifo"] = out / "fifo.ipynb"
    os.mkfifo(paths["fifo"])
    paths["hardlink"] = out / "hardlink.ipynb"
    os.link(solution, paths["hardlink"])
    paths["symlinked_folder"] = out / "symlinked_folder"
    paths["symlinked_folder"].symlink_to(teacher, target_is_directory=True)
    checkpoints = out / ".ipynb_checkpoints"
    checkpoints.mkdir()
    (checkpoints / "complete-checkpoint.ipynb").write_bytes(good)  # never a submission
    paths["non_utf8_name"] = Path(os.fsdecode(os.fsencode(str(out)) + b"/Jos\xe9_ex01.ipynb"))
    paths["non_utf8_name"].write_bytes(good)
    paths["formula_name"] = out / '=HYPERLINK("evil.example?q=1","click")_ex01.ipynb'
    paths["formula_name"].write_bytes(good)
    paths["escape_name"] = out / "\x1b[2K\rall  ok  12\nmallory_ex01.ipynb"
    paths["escape_name"].write_bytes(good)
    paths["escape_name_broken"] = out / "\x1b[31mFAKE\x1b[0m\nGraded 0 file(s)_ex01.ipynb"
    paths["escape_name_broken"].write_bytes(b"")  # broken, so the summary lists it
    for number, data in (("1001", good), ("1002", _dump(blank()))):
        folder = out / f"Ana Lopez_{number}_assignsubmission_file_"
        folder.mkdir()
        paths[f"moodle_{number}"] = folder / "ex01_anatomy.ipynb"
        paths[f"moodle_{number}"].write_bytes(data)
    deep = out / "deep_folder"
    deep.mkdir()
    inner = deep
    for _ in range(1100):  # one by one: os.makedirs recurses
        inner = inner / "d"
        inner.mkdir()
    (inner / "ex01_anatomy.ipynb").write_bytes(good)
    paths["deep_folder"] = deep
    paths["huge_notebook"] = out / "huge_notebook.ipynb"
    with paths["huge_notebook"].open("wb") as handle:  # 100 MB: the grader must not read it
        handle.write(good[:-2] + b', "padding": "')
        for _ in range(100):
            handle.write(b"y" * 1_000_000)
        handle.write(b'"}')
    return paths


def expected() -> dict[str, dict[str, Any]]:
    """The expected status, score and gradebook student of every case (``expected.json``)."""
    data = json.loads((Path(__file__).with_name("expected.json")).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _copy(nb: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(nb)


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    print(f"wrote {len(built)} notebooks to {sys.argv[1]}")
