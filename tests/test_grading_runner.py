"""The sandboxed runner on small, self-made notebooks: limits, crashes, answers kept, isolation,
and statuses that come from what the worker observed, never from what the notebook wrote.

Runs in every mode this machine offers: ``auto`` (as root: the full sandbox), ``user`` (the
user-namespace sandbox) and ``weak`` (no namespaces, as on a system that forbids them).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from medialit.grading.runner import Job, Runner

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs fork (Linux or macOS)")
ROOT_SANDBOX = sys.platform.startswith("linux") and os.geteuid() == 0
NAMES = {"q1": "q1", "q2": "q2", "q3": "q3", "q4": "q4", "q5": "q5"}


def _job(folder: Path, name: str, *cells: str) -> Job:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(list(cells)))
    return Job(name, path, NAMES, len(cells))


FAKE_DONE = (
    'import os\nos.write(3, b\'{"t": "cell", "i": 2, "a": {}}\\n{"t": "done", "n": 3}\\n\')\nos._exit(0)'
)
CASES = {
    "fine": ("q1 = 'a'", "q2 = [1, 2]"),
    "loop": ("q1 = 'a'", "while True:\n    pass", "q2 = [1]"),
    "sleep": ("q1 = 'a'", "import time\ntime.sleep(100)"),
    "exit": ("q1 = 'a'", "import os\nos._exit(3)", "q2 = [1]"),
    "exit_117": ("q1 = 'a'", "import os\nos._exit(117)", "q2 = [1]"),
    "fake_done": ("q1 = 'a'", FAKE_DONE, "q2 = [1]"),
    "segfault": ("q1 = 'a'", "import ctypes\nctypes.string_at(0)"),
    "memory": ("q1 = 'a'", "x = bytearray(4_000_000_000)", "q2 = [1]"),
    "sys_exit": ("q1 = 'a'", "import sys\nsys.exit(1)", "q2 = [2]"),
    "reassigned": ("q1 = 'a'", "q1 = object()", "del q1"),
    "kill_all": (
        "q1 = 'a'",
        "import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass",
        "q2 = [3]",
    ),
}


def _run(tmp_path: Path, mode: str) -> tuple[dict[str, object], dict]:
    folder = tmp_path / "subs"
    folder.mkdir()
    cases = dict(CASES)
    with Runner(jobs=2, timeout=5, memory_mb=512, private=[folder], mode=mode) as runner:
        isolation = runner.isolation
        if isolation["mode"] == "weak":  # what mode was reached, not asked for, decides:
            del cases["kill_all"]  # kill(-1) would kill every process of the user running the tests
        else:  # the probe tries to write files: only where the sandbox stops it
            cases["probe"] = _probe_cells(folder)
        jobs = [_job(folder, name, *cells) for name, cells in cases.items()]
        outcomes = {job.key: outcome for job, outcome in runner.run(jobs)}
    return outcomes, isolation


@pytest.fixture(scope="module", params=["auto", "user", "weak"])
def ran(request, tmp_path_factory):
    return _run(tmp_path_factory.mktemp(request.param), request.param)


def test_a_normal_notebook_finishes_with_its_answers(ran):
    outcomes, _ = ran
    assert outcomes["fine"].status == "finished"
    assert outcomes["fine"].answers == {"q1": "a", "q2": [1, 2]}


@pytest.mark.parametrize("case", ["loop", "sleep"])
def test_a_notebook_past_the_time_limit_is_a_timeout_that_keeps_earlier_answers(ran, case):
    outcome = ran[0][case]
    assert outcome.status == "timeout"
    assert outcome.answers == {"q1": "a"}
    assert outcome.seconds < 12


@pytest.mark.parametrize("case", ["exit", "segfault", "exit_117"])
def test_a_notebook_that_ends_its_process_is_crashed_and_keeps_earlier_answers(ran, case):
    outcome = ran[0][case]
    assert outcome.status == "crashed"
    assert outcome.answers == {"q1": "a"}
    assert "Traceback" not in outcome.detail


def test_exit_code_117_is_not_taken_for_running_out_of_memory(ran):
    assert ran[0]["exit_117"].status == "crashed"
    assert "exit code 117" in ran[0]["exit_117"].detail


def test_a_fake_done_written_by_the_notebook_does_not_make_it_finish(ran):
    outcome = ran[0]["fake_done"]
    assert outcome.status == "crashed"
    # it ended itself, or (when the grader was quicker) the grader ended it at its false claim
    assert "exit code 0" in outcome.detail or "claimed to have run every cell" in outcome.detail


def test_a_memory_blow_up_is_memory_where_a_cgroup_counts_it(ran):
    outcome, isolation = ran[0]["memory"], ran[1]
    assert outcome.answers["q1"] == "a"
    if isolation["memory"].startswith("cgroup"):
        assert outcome.status == "memory"
        assert "q2" not in outcome.answers
    else:  # the address-space limit refuses the allocation: an error in that cell, and on it goes
        assert outcome.status == "finished"
        assert outcome.answers["q2"] == [1]


def test_sys_exit_in_a_cell_does_not_stop_the_notebook(ran):
    outcome = ran[0]["sys_exit"]
    assert outcome.status == "finished"
    assert outcome.answers == {"q1": "a", "q2": [2]}


def test_killing_every_process_it_can_reaches_only_itself(ran):
    outcomes, isolation = ran
    if "kill_all" not in outcomes:
        pytest.skip("not run in weak mode: it would kill every process of this user")
    assert isolation["mode"] in ("root", "user")
    assert outcomes["kill_all"].status == "finished"  # kill(-1) in its own PID namespace: nothing else
    assert outcomes["kill_all"].answers == {"q1": "a", "q2": [3]}
    assert outcomes["fine"].status == "finished"


def test_the_last_readable_value_counts_and_deleting_it_later_does_not_erase_it(ran):
    outcome = ran[0]["reassigned"]
    assert outcome.status == "finished"
    assert outcome.answers["q1"] != "a"  # the object() is an unreadable answer, which replaced "a"


def test_the_isolation_reached_is_reported(ran):
    _, isolation = ran
    assert isolation["mode"] in ("root", "user", "weak")
    assert isolation["limits"] == {"seconds": 5, "memory_mb": 512}
    if isolation["mode"] != "weak":
        assert isolation["answers"] == "not in the sandbox"
        assert isolation["network"] == "none"


def _probe_cells(folder: Path) -> tuple[str, ...]:
    probe = (
        "import os, socket\n"
        "q1 = [os.getuid(), os.getgid(), os.getgroups()]\n"
        "try:\n    socket.create_connection(('127.0.0.1', 22), timeout=1); q2 = 'network'\n"
        "except OSError as e:\n    q2 = 'no network'\n"
        "q5 = sorted(int(p) for p in os.listdir('/proc') if p.isdigit()) == [os.getpid()]\n"
    )
    writes = (
        "q3 = []\n"
        f"for p in ['/etc/medialit-test', {str(folder / 'x')!r}, {str(folder.parent / 'y')!r},"
        " '/var/tmp/z', '/usr/medialit-test']:\n"
        "    try:\n        open(p, 'w').write('x'); q3.append(p)\n"
        "    except OSError:\n        pass\n"
        f"try:\n    q4 = len(open({str(folder / 'fine.json')!r}).read())\n"
        "except OSError:\n    q4 = 'hidden'\n"
    )
    return probe, writes


def test_a_sandboxed_submission_has_no_network_no_writable_files_and_sees_no_process(ran):
    outcomes, isolation = ran
    if "probe" not in outcomes:
        pytest.skip("weak mode: nothing stops a notebook from writing the teacher's files")
    outcome = outcomes["probe"]
    uid, _gid, groups = outcome.answers["q1"]
    if isolation["mode"] == "root":
        assert uid != 0 and groups == []
    assert outcome.answers["q2"] == "no network"
    assert outcome.answers["q3"] in ([], ["/var/tmp/z"])  # only its private tmpfs is writable
    assert outcome.answers["q4"] == "hidden"  # classmates' work is not in its file system
    assert not Path("/etc/medialit-test").exists() and not Path("/usr/medialit-test").exists()
    assert outcome.answers["q5"] is True  # it sees no other process


def test_in_weak_mode_a_dead_worker_is_replaced_and_its_submissions_run_again_alone(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    killer = _job(folder, "killer", "q1 = 'a'", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")
    slow = _job(folder, "slow", "q1 = 'b'", "import time\ntime.sleep(1)", "q2 = [1]")
    fine = _job(folder, "fine", "q1 = 'c'")
    # weak mode: a notebook can signal its worker, as it can wherever namespaces are not allowed
    with Runner(jobs=2, timeout=20, memory_mb=512, private=[folder], mode="weak") as runner:
        results = {job.key: outcome for job, outcome in runner.run([killer, slow, fine])}
        assert runner.restarts == 2  # killed once with a classmate running, once alone
        cgroups = runner._cgroups.base if runner._cgroups else None
    assert cgroups is None or not cgroups.exists()  # removed by the grader, though its workers died
    assert results["killer"].status == "crashed"
    assert results["killer"].answers == {"q1": "a"}
    assert results["slow"].status == "finished" and results["slow"].answers == {"q1": "b", "q2": [1]}
    assert results["fine"].status == "finished"
