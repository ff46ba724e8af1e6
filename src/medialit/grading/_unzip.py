"""Read a learning platform's download zip safely: check everything first, then take the notebooks.

A zip is refused whole, with a message naming the member, when any member

* would land outside the target: an absolute path (``/x``, ``C:\\x``, ``\\\\server\\x``) or a ``..``;
* is a link, a device or anything but a file or a folder, or is password-protected;
* has a name with control characters, an empty part, or is too long, or appears twice;
* is a bomb: the zip holds more than :data:`MAX_MEMBERS` members, or more than
  :data:`MAX_TOTAL_BYTES` once unpacked, or a member over :data:`MAX_MEMBER_BYTES`, or one that
  unpacks more than :data:`MAX_RATIO` times its packed size (sizes are checked as declared, and
  again while unpacking, since a declared size can lie).

Only notebooks (``*.ipynb``) are unpacked (macOS's ``__MACOSX/`` and ``._`` files are ignored).
Names are decoded as the zip says: UTF-8 when the zip marks them so or gives an Info-ZIP Unicode
path, else UTF-8 if they are valid UTF-8 (macOS and Linux tools), else the code page given
(``cp437`` by default, what Windows' "Compressed folder" writes in Western Europe and the US).

>>> safe_member_name("Ana Lopez_123_assignsubmission_file_/ex01.ipynb")
'Ana Lopez_123_assignsubmission_file_/ex01.ipynb'
>>> safe_member_name("../../etc/passwd")
Traceback (most recent call last):
...
medialit.grading._unzip.ZipRefused: it would be written outside the folder ('..' in '../../etc/passwd')
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import MedialitError

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "Member",
    "ZipRefused",
    "member_name",
    "safe_member_name",
    "unpack_notebooks",
]

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # as the grader's largest notebook
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200  # JSON notebooks pack 5 to 20 times; a bomb packs thousands of times
_RATIO_FROM = 1024 * 1024  # below 1 MB a high ratio cannot hurt
_CHUNK = 1 << 20


class ZipRefused(MedialitError):
    """The zip is not safe to unpack (the message says which member and why)."""


@dataclass(frozen=True)
class Member:
    """One notebook taken from a zip: its name inside the zip, and where it was unpacked."""

    name: str  # decoded, '/'-separated, checked by safe_member_name
    path: Path  # the unpacked copy
    size: int
    sha256: str
    date_time: tuple[int, ...]


def _unicode_path_extra(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The Info-ZIP Unicode Path extra field (0x7075), if present and matching the header name."""
    extra = info.extra
    offset = 0
    while offset + 4 <= len(extra):
        kind, size = struct.unpack("<HH", extra[offset : offset + 4])
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if kind == 0x7075 and len(body) >= 5 and body[0] == 1:
            (crc,) = struct.unpack("<I", body[1:5])
            if crc == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None


def member_name(info: zipfile.ZipInfo, encoding: str = "cp437") -> str:
    """The member's name as its author wrote it (see the module's rules for the encoding).

    >>> as_read = lambda raw: zipfile.ZipInfo(raw.decode("cp437"))  # what zipfile does without the flag
    >>> member_name(as_read("Zoë.ipynb".encode("utf-8")))  # a macOS or Linux zip
    'Zoë.ipynb'
    >>> member_name(as_read(b"Zo\\x89.ipynb"))  # Windows, Western Europe: 0x89 is 'ë' in cp437
    'Zoë.ipynb'
    >>> member_name(as_read("Иван.ipynb".encode("cp866")), "cp866")  # Windows, Russian
    'Иван.ipynb'
    """
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")  # how zipfile decoded the bytes: reversible
    except UnicodeEncodeError:
        return info.filename
    unicode_path = _unicode_path_extra(info, raw)
    if unicode_path is not None:
        return unicode_path
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return raw.decode("cp437")


def safe_member_name(name: str) -> str:
    """The member's path, '/'-separated and checked; :class:`ZipRefused` if it is not safe.

    >>> safe_member_name("folder\\\\sub\\\\x.ipynb")
    'folder/sub/x.ipynb'
    >>> safe_member_name("C:\\\\x.ipynb")
    Traceback (most recent call last):
    ...
    medialit.grading._unzip.ZipRefused: it would be written outside the folder (absolute path 'C:/x.ipynb')
    """
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":" and path[0].isalpha()):
        raise ZipRefused(f"it would be written outside the folder (absolute path {path!r})")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        raise ZipRefused(f"its name holds control characters ({path!r})")
    if len(path.encode("utf-8")) > 1024:
        raise ZipRefused(f"its name is too long ({len(path)} characters)")
    parts = [p for p in path.rstrip("/").split("/") if p not in ("", ".")]
    if not parts:
        raise ZipRefused(f"it has an empty name ({name!r})")
    if ".." in parts:
        raise ZipRefused(f"it would be written outside the folder ('..' in {path!r})")
    if any(len(p.encode("utf-8")) > 255 for p in parts):
        raise ZipRefused(f"a part of its name is too long ({path!r})")
    return "/".join(parts) + ("/" if path.endswith("/") else "")


def _kind(info: zipfile.ZipInfo) -> str:
    kind = stat.S_IFMT(info.external_attr >> 16)
    if info.create_system == 3 and kind:  # made on Unix: the file type is in the high bits
        if kind == stat.S_IFLNK:
            return "link"
        if kind == stat.S_IFDIR:
            return "dir"
        if kind != stat.S_IFREG:
            return "special"
    return "dir" if info.filename.endswith(("/", "\\")) else "file"


def _ignored(name: str) -> bool:
    parts = name.split("/")
    return parts[0] == "__MACOSX" or parts[-1].startswith("._") or not name.lower().endswith(".ipynb")


def _check(zf: zipfile.ZipFile, encoding: str) -> list[tuple[zipfile.ZipInfo, str]]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ZipRefused(
            f"it holds {len(infos)} files, more than the {MAX_MEMBERS} a class download can have"
        )
    declared = 0
    seen: set[str] = set()
    checked = []
    for info in infos:
        raw_name = member_name(info, encoding)
        where = f"member {raw_name!r}"
        try:
            name = safe_member_name(raw_name)
        except ZipRefused as exc:
            raise ZipRefused(f"{where}: {exc.message}") from None
        kind = _kind(info)
        if kind == "link":
            raise ZipRefused(f"{where} is a link (a link could point at any file on this computer)")
        if kind == "special":
            raise ZipRefused(f"{where} is a device or pipe, not a file")
        if info.flag_bits & 0x1:
            raise ZipRefused(f"{where} is password-protected")
        key = name.rstrip("/").casefold()
        if key in seen and kind != "dir":
            raise ZipRefused(f"{where} appears twice")
        seen.add(key)
        if kind == "dir":
            continue
        if info.file_size > MAX_MEMBER_BYTES:
            raise ZipRefused(f"{where} unpacks to {info.file_size >> 20} MB, more than a notebook can be")
        declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise ZipRefused(f"it unpacks to more than {MAX_TOTAL_BYTES >> 30} GB (a zip bomb?)")
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ZipRefused(
                f"{where} unpacks to {info.file_size // max(info.compress_size, 1)} times "
                "its packed size (a zip bomb?)"
            )
        checked.append((info, name))
    return checked


def unpack_notebooks(zip_path: Path, target: Path, *, encoding: str = "cp437") -> list[Member]:
    """Check ``zip_path`` whole, then unpack its notebooks into ``target`` (as ``0.ipynb``, ``1.ipynb``...).

    Raises :class:`ZipRefused` (nothing is kept in ``target`` then: the caller gives a fresh folder
    and removes it). The zip itself is only read.
    """
    where = Path(zip_path).name
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ZipRefused(f"{where} is not a readable zip file ({exc})") from None
    members = []
    total = 0
    with zf:
        try:
            checked = _check(zf, encoding)
        except ZipRefused as exc:
            raise ZipRefused(
                f"{where} was refused: {exc.message}", hint="Nothing was unpacked from it."
            ) from None
        target.mkdir(parents=True, exist_ok=True)
        for index, (info, name) in enumerate(checked):
            if _ignored(name):
                continue
            out = target / f"{index}.ipynb"
            digest = hashlib.sha256()
            size = 0
            try:
                with zf.open(info) as source, open(out, "xb") as sink:
                    while chunk := source.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > min(info.file_size, MAX_MEMBER_BYTES) or total > MAX_TOTAL_BYTES:
                            raise ZipRefused(
                                f"{where} was refused: member {name!r} unpacks to more than "
                                "it declares (a zip bomb?)",
                                hint="Nothing was unpacked from it.",
                            )
                        digest.update(chunk)
                        sink.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                raise ZipRefused(
                    f"{where} was refused: member {name!r} is damaged ({exc})",
                    hint="Nothing was unpacked from it.",
                ) from None
            os.chmod(out, 0o400)
            members.append(Member(name, out, size, digest.hexdigest(), tuple(info.date_time)))
    return members
