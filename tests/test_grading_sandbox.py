"""What a submission's process can reach, probed from inside it, in every mode this machine offers:
no answers (the sealed kit), no secret of the teacher's, no classmate, no state left by the
submission before it in the same slot, no way to undo the sandbox, and no process left behind.

Each probe is a notebook's code run by :class:`medialit.grading.runner.Runner`; what it found
comes back as its answers (``q1`` ...), read here as data.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import pytest

from medialit.grading.runner import Job, Runner

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sandbox probes need Linux")
NAMES = {f"q{i}": f"q{i}" for i in range(1, 10)}
TOKEN = "medialit-sandbox-token-3e5b0c"  # noqa: S105 - a stand-in for a teacher's secret
CLASSMATE = "classmate-bob-ex01"


def _job(folder: Path, name: str, *cells: str) -> Job:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(list(cells)))
    return Job(name, path, NAMES, len(cells))


SECRETS = (
    "import gc, os, glob\n"
    "q1 = dict(os.environ)\n"
    "try:\n"
    "    q2 = open('/proc/self/environ', 'rb').read().decode(errors='replace')\n"
    "except OSError as exc:\n"
    "    q2 = str(exc)\n"
    "found = []\n"
    "for path in glob.glob('/proc/[0-9]*/environ') + glob.glob('/proc/[0-9]*/cmdline'):\n"
    "    try:\n"
    "        found.append(open(path, 'rb').read().decode(errors='replace'))\n"
    "    except OSError:\n"
    "        pass\n"
    "for path in glob.glob('/proc/self/fd/*'):\n"
    "    try:\n"
    "        found.append(os.readlink(path))\n"
    "    except OSError:\n"
    "        pass\n"
    "q3 = '\\n'.join(found)[:60000]\n"
    f"q4 = [o for o in gc.get_objects() if isinstance(o, str) and ({CLASSMATE!r} in o or {TOKEN!r} in o)]\n"
)
KIT = (
    "import medialit, medialit.exercises as ex\n"
    "q1 = medialit.__file__\n"
    "q2 = ex.list_sets()\n"
    "from medialit.exercises import start\n"
    "article, check, progress = start('ex01')\n"
    "q3 = [str(check('q1')), str(progress())]\n"
    "from medialit._paths import data_dir\n"
    "q4 = sorted(p.name for p in (data_dir() / 'articles').iterdir())\n"
    "import medialit.widgets\n"
    "q5 = type(medialit.widgets.highlighter(category='source', save_as='ex01.q7')).__name__\n"
)
LEAVE = (
    "import ctypes, ctypes.util, os\n"
    "libc = ctypes.CDLL(ctypes.util.find_library('c'), use_errno=True)\n"
    "q1 = [libc.syscall(248 if os.uname().machine == 'x86_64' else 217, b'user', b'leak', b'secret', 6, ring)"
    " for ring in (-4, -3, -5)]\n"
    "q2 = []\n"
    "for folder in ('/tmp', '/var/tmp', '/dev/shm', os.path.expanduser('~')):\n"
    "    try:\n"
    "        open(os.path.join(folder, 'leak'), 'w').write('secret'); q2.append(folder)\n"
    "    except OSError:\n"
    "        pass\n"
)
FIND = (
    "import ctypes, ctypes.util, os\n"
    "libc = ctypes.CDLL(ctypes.util.find_library('c'), use_errno=True)\n"
    "q1 = [libc.syscall(250 if os.uname().machine == 'x86_64' else 219, 10, ring, b'user', b'leak', 0)"
    " for ring in (-4, -3, -5)]\n"
    "q2 = [f for f in ('/tmp', '/var/tmp', '/dev/shm', os.path.expanduser('~'))"
    " if os.path.exists(os.path.join(f, 'leak'))]\n"
)
UNDO = (
    "import ctypes, ctypes.util, os\n"
    "libc = ctypes.CDLL(ctypes.util.find_library('c'), use_errno=True)\n"
    "def call(*args):\n"
    "    result = libc.syscall(*args)\n"
    "    return 'refused' if result == -1 else 'ALLOWED'\n"
    "x86 = os.uname().machine == 'x86_64'\n"
    "q1 = call(157 if x86 else 167, 1, 0, 0, 0)  # prctl: no parent-death signal\n"
    "q2 = call(157 if x86 else 167, 4, 1, 0, 0)  # prctl: dumpable again\n"
    "q3 = call(101 if x86 else 117, 16, 1, 0, 0)  # ptrace attach\n"
    "q4 = call(272 if x86 else 97, 0x10000000)  # unshare a user namespace\n"
    "try:\n"
    "    os.fork(); q5 = 'ALLOWED'\n"
    "except OSError:\n"
    "    q5 = 'refused'\n"
)


@pytest.fixture(scope="module", params=["auto", "user", "weak"])
def probed(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    os.environ["MEDIALIT_SANDBOX_TOKEN"] = TOKEN  # a teacher's secret in the grader's environment
    try:
        jobs = [
            _job(folder, "secrets", SECRETS),
            _job(folder, CLASSMATE, "q1 = 'bob'"),
            _job(folder, "kit", KIT),
            _job(folder, "undo", UNDO),
            # kill(0) reaches a whole process group, across PID namespaces: it must be its own
            _job(
                folder, "kill_group", "q1 = 'a'", "import os, signal\nos.kill(0, signal.SIGKILL)", "q2 = 'b'"
            ),
        ]
        with Runner(jobs=2, timeout=20, memory_mb=1024, private=[folder], mode=request.param) as runner:
            outcomes = {job.key: outcome for job, outcome in runner.run(jobs)}
            isolation = runner.isolation
        # the same slot, one after the other: what the first leaves, the second looks for
        leak_jobs = [_job(folder, "leave", LEAVE), _job(folder, "find", FIND)]
        with Runner(jobs=1, timeout=20, memory_mb=1024, private=[folder], mode=request.param) as runner:
            outcomes.update({job.key: outcome for job, outcome in runner.run(leak_jobs)})
    finally:
        del os.environ["MEDIALIT_SANDBOX_TOKEN"]
        for leftover in ("/tmp/leak", "/var/tmp/leak", "/dev/shm/leak"):
            with contextlib.suppress(OSError):
                if Path(leftover).read_text() == "secret":
                    Path(leftover).unlink()
    return outcomes, isolation


def test_the_teacher_s_environment_never_reaches_a_submission(probed):
    outcomes, isolation = probed
    answers = outcomes["secrets"].answers
    assert "MEDIALIT_SANDBOX_TOKEN" not in answers["q1"] and TOKEN not in json.dumps(answers["q1"])
    assert TOKEN not in answers["q2"]
    assert sorted(answers["q1"]) == [
        "HOME",
        "LANG",
        "LOGNAME",
        "MPLBACKEND",
        "MPLCONFIGDIR",
        "PATH",
        "TMPDIR",
        "USER",
    ]
    if isolation["mode"] != "weak":  # weak mode: the grader's own /proc entry is readable (docs say so)
        assert TOKEN not in answers["q3"]


def test_no_classmate_s_name_is_in_a_submission_s_memory_or_reach(probed):
    outcomes, isolation = probed
    answers = outcomes["secrets"].answers
    assert answers["q4"] == []  # nothing in the memory it was forked from names a classmate or a secret
    if isolation["mode"] != "weak":
        assert CLASSMATE not in answers["q3"]  # nor any process or descriptor it can see


def test_the_sandbox_holds_the_sealed_kit_without_answers_and_the_helpers_still_work(probed):
    outcome = probed[0]["kit"]
    assert outcome.status == "finished"
    answers = outcome.answers
    assert "/sealed-" in answers["q1"]  # the sealed copy, never the real kit
    assert answers["q2"] == []  # no exercise data at all
    assert answers["q3"][0] == "✎ q1: your answer is saved; your teacher will mark it."
    assert "saved" in answers["q3"][1]
    assert not any(name.endswith(".key.yaml") for name in answers["q4"])
    assert "putin-nato-talks-2021-12-14.txt" in answers["q4"]  # the article is there
    assert answers["q5"] == "Highlighter"  # widgets work without a key


def test_killing_its_own_process_group_reaches_no_other_process(probed):
    outcomes, isolation = probed  # this test process is the grader: it is still here
    assert outcomes["kill_group"].answers["q1"] == "a"
    if isolation["mode"] == "weak":
        assert outcomes["kill_group"].status == "crashed"  # it killed itself
    else:
        assert outcomes["kill_group"].status == "finished"  # the first process of its namespace: immune


def test_a_submission_cannot_undo_its_sandbox(probed):
    answers = probed[0]["undo"].answers
    assert [answers[q] for q in ("q1", "q2", "q3", "q4", "q5")] == ["refused"] * 5


def test_nothing_one_submission_leaves_reaches_the_next_in_the_same_slot(probed):
    outcomes, isolation = probed
    assert outcomes["leave"].answers["q1"] == [-1, -1, -1]  # keyrings refused
    assert outcomes["find"].answers["q1"] == [-1, -1, -1]
    if isolation["mode"] != "weak":  # weak mode shares the teacher's /tmp (docs say so)
        assert outcomes["find"].answers["q2"] == []


def test_no_submission_process_outlives_the_runner(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a sealed copy of our own, to find
    folder = tmp_path / "subs"
    folder.mkdir()
    jobs = [_job(folder, "quick", "q1 = 1"), _job(folder, "sleeper", "import time\ntime.sleep(600)")]
    runner = Runner(jobs=2, timeout=600, memory_mb=1024, private=[folder])
    runner.start()
    for job, _outcome in runner.run(jobs):
        assert job.key == "quick"
        break  # the teacher stops the run while the sleeper sleeps
    runner.close()
    left = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                line = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if str(tmp_path / "cache").encode() in line:
                left.append(line)
    assert left == []
