"""A small system-call filter (seccomp) for a submission's process.

A notebook never needs to start processes or threads, trace other processes, reach the
kernel's keyrings, mount file systems, make namespaces, load kernel modules or use io_uring;
the filter makes those calls fail with ``EPERM`` (``RLIMIT_NPROC`` already stops new
processes, except for root, whom it does not bind). It also refuses the few ``prctl`` options
that would undo the sandbox (a new parent-death signal, becoming dumpable again), and, where no
memory cgroup counts a submission's memory, the calls that make memory outside the
address-space limit (``memfd_create``, System V shared memory). A call from a foreign
system-call ABI (x32, 32-bit) stops the process.

The filter is classic BPF, written out here because Python has no binding for it; it is known
for x86-64 and arm64, and :func:`install` says when it could not be used.

>>> program = build("x86_64", memory_counted=True)
>>> program[-3:] == [(RET, 0, 0, ALLOW), (RET, 0, 0, EPERM), (RET, 0, 0, KILL)]
True
"""

from __future__ import annotations

import ctypes
import functools
import platform
from typing import Any

__all__ = ["ARCHES", "build", "install", "prepared"]

# BPF instruction codes (linux/filter.h)
LOAD = 0x20  # BPF_LD | BPF_W | BPF_ABS
JEQ = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
JGE = 0x35  # BPF_JMP | BPF_JGE | BPF_K
RET = 0x06  # BPF_RET | BPF_K
ALLOW = 0x7FFF0000  # SECCOMP_RET_ALLOW
KILL = 0x80000000  # SECCOMP_RET_KILL_PROCESS
EPERM = 0x00050000 | 1  # SECCOMP_RET_ERRNO | EPERM
X32_BIT = 0x40000000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

# struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]
_NR, _ARCH, _ARG0_LOW = 0, 4, 16  # args[0]'s low word (both architectures are little-endian)

#: machine name -> (AUDIT_ARCH_* value, system-call numbers we refuse)
ARCHES: dict[str, tuple[int, dict[str, int]]] = {
    "x86_64": (
        0xC000003E,
        {
            "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311,
            "keyctl": 250, "add_key": 248, "request_key": 249,
            "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155,
            "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
            "fspick": 433, "mount_setattr": 442,
            "userfaultfd": 323, "bpf": 321, "perf_event_open": 298,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
            "kexec_load": 246, "kexec_file_load": 320, "init_module": 175, "finit_module": 313,
            "clone": 56, "fork": 57, "vfork": 58, "clone3": 435,
            "prctl": 157, "memfd_create": 319, "memfd_secret": 447, "shmget": 29,
        },
    ),
    "aarch64": (
        0xC00000B7,
        {
            "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271,
            "keyctl": 219, "add_key": 217, "request_key": 218,
            "unshare": 97, "setns": 268, "mount": 40, "umount2": 39, "pivot_root": 41,
            "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
            "fspick": 433, "mount_setattr": 442,
            "userfaultfd": 282, "bpf": 280, "perf_event_open": 241,
            "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
            "kexec_load": 104, "kexec_file_load": 294, "init_module": 105, "finit_module": 273,
            "clone": 220, "clone3": 435,
            "prctl": 167, "memfd_create": 279, "memfd_secret": 447, "shmget": 194,
        },
    ),
}  # fmt: skip
_MEMORY_OUTSIDE_LIMITS = ("memfd_create", "memfd_secret", "shmget")
# prctl options that would undo the sandbox: PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_MM,
# PR_SET_CHILD_SUBREAPER, PR_SET_PTRACER
_PRCTL_REFUSED = (1, 4, 35, 36, 0x59616D61)


def build(machine: str, *, memory_counted: bool) -> list[tuple[int, int, int, int]]:
    """The filter program for ``machine`` as ``(code, jump if true, jump if false, k)`` rows.

    ``memory_counted`` is True where a cgroup counts all of a submission's memory; otherwise
    the calls that make memory outside the address-space limit are refused too.
    """
    arch, numbers = ARCHES[machine]
    refused = [n for name, n in numbers.items() if name != "prctl"]
    if memory_counted:
        refused = [numbers[n] for n in numbers if n not in (*_MEMORY_OUTSIDE_LIMITS, "prctl")]
    # Written with symbolic targets, then resolved to relative jumps.
    code: list[tuple[int, Any, Any, int]] = [(LOAD, 0, 0, _ARCH), (JEQ, 0, "kill", arch), (LOAD, 0, 0, _NR)]
    if machine == "x86_64":
        code.append((JGE, "kill", 0, X32_BIT))
    code += [(JEQ, "deny", 0, nr) for nr in refused]
    code += [(JEQ, "prctl", "allow", numbers["prctl"])]
    labels = {"prctl": len(code)}
    code += [(LOAD, 0, 0, _ARG0_LOW)] + [(JEQ, "deny", 0, option) for option in _PRCTL_REFUSED]
    labels.update(allow=len(code), deny=len(code) + 1, kill=len(code) + 2)
    code += [(RET, 0, 0, ALLOW), (RET, 0, 0, EPERM), (RET, 0, 0, KILL)]
    program = []
    for index, (op, true, false, k) in enumerate(code):
        jt = labels[true] - index - 1 if isinstance(true, str) else true
        jf = labels[false] - index - 1 if isinstance(false, str) else false
        program.append((op, jt, jf, k))
    return program


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint32),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


@functools.cache
def _machine() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


@functools.cache
def prepared(memory_counted: bool) -> tuple[Any, Any] | None:
    """The filter as the kernel takes it (None where there is none); cached, so a worker makes it once."""
    if _machine() not in ARCHES:
        return None
    rows = build(_machine(), memory_counted=memory_counted)
    table = (_Filter * len(rows))(*[_Filter(*row) for row in rows])
    return _Program(len(rows), table), table


def install(libc: Any, *, memory_counted: bool) -> str:
    """Install the filter in this process (for good); return a short description of what holds.

    Sets ``no_new_privs`` first (the kernel requires it). Returns ``"none (...)"`` when the
    platform has no filter here; raises ``OSError`` when the kernel refuses a valid filter.
    """
    made = prepared(memory_counted)
    if made is None:
        return f"none (no filter for {_machine()})"
    program = made[0]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "no_new_privs")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "seccomp filter refused")
    return "new processes, tracing, keyrings, mounts, namespaces and kernel modules refused" + (
        "" if memory_counted else "; memfd and System V shared memory refused"
    )
