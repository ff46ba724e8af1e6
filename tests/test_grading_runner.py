"""The sandboxed runner on small, self-made notebooks: limits, crashes, answers kept, isolation."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from medialit.grading.runner import Job, Runner

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="grading needs fork (Linux or macOS)")
ROOT_SANDBOX = sys.platform.startswith("linux") and os.geteuid() == 0


def _notebook(folder: Path, name: str, *cells: str) -> Path:
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c} for c in cells],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / f"{name}.ipynb"
    path.write_text(json.dumps(nb))
    return path


CASES = {
    "fine": ("q1 = 'a'", "q2 = [1, 2]"),
    "loop": ("q1 = 'a'", "while True:\n    pass", "q2 = [1]"),
    "sleep": ("q1 = 'a'", "import time\ntime.sleep(100)"),
    "exit": ("q1 = 'a'", "import os\nos._exit(3)", "q2 = [1]"),
    "segfault": ("q1 = 'a'", "import ctypes\nctypes.string_at(0)"),
    "memory": ("q1 = 'a'", "x = bytearray(4_000_000_000)", "q2 = [1]"),
    "sys_exit": ("q1 = 'a'", "import sys\nsys.exit(1)", "q2 = [2]"),
    "reassigned": ("q1 = 'a'", "q1 = object()", "del q1"),
}


def _run(tmp_path: Path, mode: str) -> tuple[dict[str, object], dict]:
    folder = tmp_path / "subs"
    folder.mkdir()
    names = {"q1": "q1", "q2": "q2", "q3": "q3", "q4": "q4", "q5": "q5"}
    cases = dict(CASES)
    if mode != "user":  # the probe really tries to write files: only where the sandbox stops it
        cases["probe"] = _probe_cells(folder)
    jobs = [Job(name, _notebook(folder, name, *cells), names) for name, cells in cases.items()]
    with Runner(jobs=2, timeout=2, memory_mb=512, hide=[folder], mode=mode) as runner:
        outcomes = {job.key: outcome for job, outcome in runner.run(jobs)}
        isolation = runner.isolation
    return outcomes, isolation


@pytest.fixture(scope="module", params=["auto", "user"])
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
    assert outcome.seconds < 6


@pytest.mark.parametrize("case", ["exit", "segfault"])
def test_a_notebook_that_kills_its_process_is_crashed_and_keeps_earlier_answers(ran, case):
    outcome = ran[0][case]
    assert outcome.status == "crashed"
    assert outcome.answers == {"q1": "a"}
    assert "Traceback" not in outcome.detail


def test_a_memory_blow_up_is_memory_and_keeps_earlier_answers(ran):
    outcome = ran[0]["memory"]
    assert outcome.status == "memory"
    assert outcome.answers == {"q1": "a"}


def test_sys_exit_in_a_cell_does_not_stop_the_notebook(ran):
    outcome = ran[0]["sys_exit"]
    assert outcome.status == "finished"
    assert outcome.answers == {"q1": "a", "q2": [2]}


def test_the_last_readable_value_counts_and_deleting_it_later_does_not_erase_it(ran):
    outcome = ran[0]["reassigned"]
    assert outcome.status == "finished"
    assert outcome.answers["q1"] != "a"  # the object() is an unreadable answer, which replaced "a"


def test_the_isolation_reached_is_reported(ran):
    _, isolation = ran
    assert isolation["mode"] in ("root", "user")
    assert isolation["limits"] == {"seconds": 2, "memory_mb": 512}


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
        " '/var/tmp/z']:\n"
        "    try:\n        open(p, 'w').write('x'); q3.append(p)\n"
        "    except OSError:\n        pass\n"
        f"try:\n    q4 = len(open({str(folder / 'fine.ipynb')!r}).read())\n"
        "except OSError:\n    q4 = 'hidden'\n"
    )
    return probe, writes


@pytest.mark.skipif(not ROOT_SANDBOX, reason="the full sandbox needs Linux and root")
def test_as_root_a_submission_runs_as_an_unprivileged_user_without_network_or_writable_files(ran):
    outcomes, _isolation = ran
    if "probe" not in outcomes:
        pytest.skip("this run uses the normal-user sandbox")
    outcome = outcomes["probe"]
    uid, gid, groups = outcome.answers["q1"]
    assert uid != 0 and gid != 0 and groups == []
    assert outcome.answers["q2"] == "no network"
    assert outcome.answers["q3"] in ([], ["/var/tmp/z"])  # only its private tmpfs is writable
    assert outcome.answers["q4"] in ("hidden", 0)  # classmates' notebooks are hidden
    assert not Path("/etc/medialit-test").exists()
    assert outcome.answers["q5"] is True  # it sees no other process


def test_a_dead_worker_is_replaced_and_its_submissions_run_again_alone(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    killer = _notebook(
        folder, "killer", "q1 = 'a'", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"
    )
    slow = _notebook(folder, "slow", "q1 = 'b'", "import time\ntime.sleep(1)", "q2 = [1]")
    fine = _notebook(folder, "fine", "q1 = 'c'")
    names = {"q1": "q1", "q2": "q2"}
    jobs = [Job("killer", killer, names), Job("slow", slow, names), Job("fine", fine, names)]
    # "user" mode as root lets the notebook signal its worker, as any notebook can for a normal user
    with Runner(jobs=2, timeout=20, memory_mb=512, hide=[folder], mode="user") as runner:
        results = {job.key: outcome for job, outcome in runner.run(jobs)}
        assert runner.restarts == 2  # killed once with a classmate running, once alone
    assert results["killer"].status == "crashed"
    assert results["killer"].answers == {"q1": "a"}
    assert results["slow"].status == "finished" and results["slow"].answers == {"q1": "b", "q2": [1]}
    assert results["fine"].status == "finished"
