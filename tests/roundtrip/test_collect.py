"""``medialit collect``: who is who in each platform's download, safe unzipping, read-only copies."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_class

from medialit.grading import _unzip
from medialit.grading.collect import main, platform_of, read_manifest


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (to show nothing changed)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _notebook(set_id: str = "ex01") -> bytes:
    return json.dumps(make_class.notebook(make_class.CLASS[0], set_id)).encode()


# -- who is who --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "names, platform",
    [
        (["lopezana_123456_7890123_ex01_anatomy.ipynb", "smithbob_late_2_3_x.ipynb"], "canvas"),
        (["123456_7890123_ex01_anatomy.ipynb"], "canvas"),  # an anonymous assignment has no name part
        (["Ana Lopez_1234567_assignsubmission_file_/ex01_anatomy.ipynb"], "moodle"),
        (["Ana Lopez_1234567_assignsubmission_file_ex01_anatomy.ipynb"], "moodle"),  # not in folders
        (["Media 10B - Exercise 1/Ana Lopez - ex01_anatomy.ipynb"], "classroom"),
        (["ana/ex01_anatomy.ipynb"], "classroom"),
    ],
)
def test_the_platform_is_recognised_from_the_names_inside_the_zip(names, platform):
    assert platform_of(names) == platform


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    base = tmp_path_factory.mktemp("collect")
    files = make_class.build(base / "downloads")
    zips = make_class.zips(files)
    before = {z.name: hashlib.sha256(z.read_bytes()).hexdigest() for z in zips}
    out = base / "collected"
    assert main([*map(str, zips), "--out", str(out)]) == 0
    after = {z.name: hashlib.sha256(z.read_bytes()).hexdigest() for z in zips}
    return {"out": out, "zips": zips, "before": before, "after": after}


def test_each_student_gets_a_folder_and_the_lms_id_keeps_namesakes_apart(collected):
    folders = {p.name for p in collected["out"].iterdir() if p.is_dir()}
    expected = set()
    for student in make_class.CLASS:
        for set_id in make_class.SETS:
            expected.add(student.key(set_id, moodle_ambiguous=make_class.moodle_ambiguous(student)))
    assert folders == expected
    assert {"lopezana (101)", "lopezana (102)"} <= folders  # two Ana Lopez on Canvas
    assert "Lea Müller" in folders  # a unique Moodle name: one folder for both assignments


def test_every_notebook_is_named_after_its_set_read_only_and_in_the_manifest(collected):
    from medialit.exercises import get_set

    out = collected["out"]
    manifest = read_manifest(out)
    assert len(manifest) == len(make_class.CLASS) * len(make_class.SETS)
    for row in manifest:
        path = out / row.file
        assert path.name == get_set(row.exercise).notebook_name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    canvas = {r.student: r.lms_id for r in manifest if r.platform == "canvas"}
    assert canvas["lopezana (102)"] == "102"
    moodle = {(r.student, r.exercise): r.lms_id for r in manifest if r.platform == "moodle"}
    lea = next(s for s in make_class.CLASS if s.last == "Müller")
    assert moodle[("Lea Müller", "ex02")] == str(lea.participant("ex02"))


def test_the_downloads_are_only_read(collected):
    assert collected["before"] == collected["after"]


def test_verify_finds_a_changed_copy(collected, tmp_path, capsys):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(collected["out"], copy)
    assert main(["--verify", "--out", str(copy)]) == 0
    victim = next(copy.glob("Lea Müller/*.ipynb"))
    victim.chmod(0o644)
    victim.write_bytes(victim.read_bytes() + b" ")
    assert main(["--verify", "--out", str(copy)]) == 1
    assert "changed since it was collected" in capsys.readouterr().err


def test_collecting_again_replaces_only_what_changed(collected, tmp_path, capsys):
    import shutil

    out = tmp_path / "again"
    shutil.copytree(collected["out"], out)
    first = collected["zips"][0]  # canvas ex01
    changed = tmp_path / first.name
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("okaforben_"):
                data = data.replace(b"TOKENC103EX01", b"TOKENC103EX01 (edited)")
            target.writestr(info, data)
    capsys.readouterr()
    assert main([str(changed), *map(str, collected["zips"][1:]), "--out", str(out)]) == 0
    assert "0 new, 1 changed, 33 unchanged" in capsys.readouterr().out
    assert b"(edited)" in (out / "okaforben (103)" / "ex01_anatomy.ipynb").read_bytes()


# -- other sources -----------------------------------------------------------------------------


def test_a_hubs_home_folders_give_user_names_and_only_exercise_notebooks(tmp_path, capsys):
    homes = tmp_path / "homes"
    (homes / "alice" / "work").mkdir(parents=True)
    (homes / "bob").mkdir(parents=True)
    (homes / "alice" / "work" / "ex01_anatomy.ipynb").write_bytes(_notebook("ex01"))
    lesson = json.dumps({"cells": [{"cell_type": "markdown", "source": "a lesson"}], "metadata": {}})
    (homes / "alice" / "00_start_here.ipynb").write_text(lesson)
    (homes / "bob" / "ex02.ipynb").write_bytes(_notebook("ex02"))
    (homes / "alice" / "bobs_work.ipynb").symlink_to(homes / "bob" / "ex02.ipynb")
    out = tmp_path / "collected"
    assert main([str(homes), "--homes", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.ipynb")) == [
        "alice/ex01_anatomy.ipynb",
        "bob/ex02_who-is-speaking.ipynb",
    ]
    assert "a link" in printed and "not exercise sets" in printed
    assert {r.platform for r in read_manifest(out)} == {"hub"}


def test_a_plain_folder_uses_the_graders_own_rules(tmp_path):
    subs = tmp_path / "subs"
    (subs / "ana").mkdir(parents=True)
    (subs / "ana" / "my work.ipynb").write_bytes(_notebook("ex01"))
    (subs / "ex02-ben.ipynb").write_bytes(_notebook("ex02"))
    out = tmp_path / "collected"
    assert main([str(subs), "--out", str(out)]) == 0
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.ipynb")) == [
        "ana/ex01_anatomy.ipynb",
        "ben/ex02_who-is-speaking.ipynb",
    ]


def test_a_classroom_drive_zip_takes_the_name_before_the_dash(tmp_path):
    drive = tmp_path / "Exercise 1-20261201T101500Z-001.zip"
    with zipfile.ZipFile(drive, "w") as zf:
        zf.writestr("Exercise 1/Zoë Brun - ex01_anatomy.ipynb", _notebook("ex01"))
        zf.writestr("Exercise 1/Omar Said - ex01_anatomy.ipynb", _notebook("ex01"))
    out = tmp_path / "collected"
    assert main([str(drive), "--out", str(out)]) == 0
    assert sorted(p.parent.name for p in out.rglob("*.ipynb")) == ["Omar Said", "Zoë Brun"]


# -- names written on Windows ------------------------------------------------------------------


class _RawName(zipfile.ZipInfo):
    """A member whose name is written as the given bytes, without the UTF-8 flag (as Windows does)."""

    __slots__ = ("raw",)

    def _encodeFilenameFlags(self):
        return self.raw, self.flag_bits & ~0x800


def _zip_with_raw_name(path: Path, raw: bytes, data: bytes, *, extra: bytes = b"") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        info = _RawName(raw.decode("cp437"))
        info.raw = raw
        info.extra = extra
        zf.writestr(info, data)
    return path


@pytest.mark.parametrize(
    "raw, encoding, folder",
    [
        ("Zoë Brun_555_assignsubmission_file_/ex01.ipynb".encode("cp437"), "cp437", "Zoë Brun"),
        ("Zoë Brun_555_assignsubmission_file_/ex01.ipynb".encode(), "cp437", "Zoë Brun"),  # UTF-8, no flag
        ("Иван Петров_555_assignsubmission_file_/ex01.ipynb".encode("cp866"), "cp866", "Иван Петров"),
    ],
)
def test_names_from_zips_without_the_utf8_flag_are_decoded(tmp_path, raw, encoding, folder):
    zip_path = _zip_with_raw_name(tmp_path / "moodle.zip", raw, _notebook())
    out = tmp_path / "collected"
    assert main([str(zip_path), "--out", str(out), "--name-encoding", encoding]) == 0
    assert [p.parent.name for p in out.rglob("*.ipynb")] == [folder]


def test_an_info_zip_unicode_path_wins_over_the_code_page(tmp_path):
    real = "Zoë Brun_555_assignsubmission_file_/ex01.ipynb"
    raw = real.encode("cp437", errors="replace").replace(b"\x89", b"?")  # a lossy header name
    body = b"\x01" + struct.pack("<I", zlib.crc32(raw)) + real.encode()
    extra = struct.pack("<HH", 0x7075, len(body)) + body
    zip_path = _zip_with_raw_name(tmp_path / "moodle.zip", raw, _notebook(), extra=extra)
    out = tmp_path / "collected"
    assert main([str(zip_path), "--out", str(out)]) == 0
    assert [p.parent.name for p in out.rglob("*.ipynb")] == ["Zoë Brun"]


# -- hostile zips --------------------------------------------------------------------------------


def _zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return buffer.getvalue()


def _typed(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info


def _lying_size() -> bytes:
    """A member whose central directory says it is 10 bytes, holding a megabyte."""
    data = bytearray(_zip([("a_1_2_ex01.ipynb", b"{" + b" " * 1_000_000 + b"}")]))
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 10)  # uncompressed size
    return bytes(data)


def _encrypted() -> bytes:
    """A member marked password-protected (the flag set in both headers)."""
    data = bytearray(_zip([("a_1_2_ex01.ipynb", b"{}")]))
    data[6] |= 0x1  # local header: general purpose flags
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    return bytes(data)


HOSTILE = {
    "traversal": (lambda: _zip([("../../escaped.ipynb", b"{}")]), "outside the folder"),
    "backslash traversal": (lambda: _zip([("..\\..\\escaped.ipynb", b"{}")]), "outside the folder"),
    "absolute": (lambda: _zip([("/tmp/escaped.ipynb", b"{}")]), "absolute path"),
    "windows absolute": (lambda: _zip([("C:\\Users\\x.ipynb", b"{}")]), "absolute path"),
    "symlink": (
        lambda: _zip([(_typed("a_1_2_ex01.ipynb", stat.S_IFLNK | 0o777), b"/etc/passwd")]),
        "is a link",
    ),
    "device": (lambda: _zip([(_typed("a_1_2_ex01.ipynb", stat.S_IFCHR | 0o644), b"")]), "device or pipe"),
    "bomb": (lambda: _zip([("a_1_2_ex01.ipynb", b"\0" * 50_000_000)]), "zip bomb"),
    "lying size": (_lying_size, "refused"),
    "control characters": (lambda: _zip([("a\x1b[2J_1_2_ex01.ipynb", b"{}")]), "control characters"),
    "duplicate": (lambda: _zip([("a_1_2_x.ipynb", b"{}"), ("A_1_2_X.ipynb", b"{}")]), "appears twice"),
    "encrypted": (_encrypted, "password-protected"),
    "not a zip": (lambda: b"PK\x03\x04 this is not really a zip", "not a readable zip"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_zip_is_refused_with_a_clear_message_and_loses_nothing(case, tmp_path, capsys):
    make, words = HOSTILE[case]
    good = tmp_path / "good.zip"
    good.write_bytes(_zip([("ana_1_2_ex01_anatomy.ipynb", _notebook())]))
    out = tmp_path / "collected"
    assert main([str(good), "--out", str(out)]) == 0
    before = _tree(out)
    hostile = tmp_path / "hostile.zip"
    hostile.write_bytes(make())
    hostile_bytes = hostile.read_bytes()
    capsys.readouterr()
    assert main([str(good), str(hostile), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "hostile.zip" in err and words in err, err
    assert "\x1b" not in err  # the hostile name is shown, its escape sequence is not run
    assert _tree(out) == before  # nothing new, nothing lost
    assert hostile.read_bytes() == hostile_bytes
    assert not (tmp_path / "escaped.ipynb").exists() and not Path("/tmp/escaped.ipynb").exists()


def test_too_many_members_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(_unzip, "MAX_MEMBERS", 5)
    many = tmp_path / "many.zip"
    many.write_bytes(_zip([(f"s{i}_1_2_x.ipynb", b"{}") for i in range(6)]))
    assert main([str(many), "--out", str(tmp_path / "out")]) == 2
    assert "6 files" in capsys.readouterr().err


def test_macos_extras_and_other_files_are_ignored(tmp_path):
    download = tmp_path / "canvas.zip"
    download.write_bytes(
        _zip(
            [
                ("ana_1_2_ex01_anatomy.ipynb", _notebook()),
                ("__MACOSX/._ana_1_2_ex01_anatomy.ipynb", b"\0\5\26\7"),
                ("ana_1_3_screenshot.png", b"\x89PNG"),
            ]
        )
    )
    out = tmp_path / "collected"
    assert main([str(download), "--out", str(out)]) == 0
    assert [str(p.relative_to(out)) for p in out.rglob("*.ipynb")] == ["ana (1)/ex01_anatomy.ipynb"]
    assert os.listdir(out / "ana (1)") == ["ex01_anatomy.ipynb"]


def test_a_folder_that_is_not_a_collection_is_not_written_into(tmp_path, capsys):
    download = tmp_path / "canvas.zip"
    download.write_bytes(_zip([("ana_1_2_ex01_anatomy.ipynb", _notebook())]))
    busy = tmp_path / "my documents"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    assert main([str(download), "--out", str(busy)]) == 2
    assert "is not a collection" in capsys.readouterr().err
    assert _tree(busy) == {"notes.txt": hashlib.sha256(b"mine").hexdigest()}
