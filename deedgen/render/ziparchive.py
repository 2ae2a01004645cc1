"""Write a DOCX's ZIP container from members deflated ahead of time.

A DOCX made from a template is mostly the template's own parts (styles, theme, settings, fonts,
relationships) around the few it renders (the body, headers, footers, properties). The
:mod:`zipfile` writer compresses every member again for every document, and for a dozen small
parts that was half the time a document took to write. Here a template's fixed parts are
deflated once (:func:`deflate`) and every document only deflates what it rendered, then
:func:`write_zip` lays the members out as the ZIP format (PKWARE's APPNOTE) describes: a local
header and the data of each member, then the central directory, then its end record.

Members are deflated, stamped with a DOS timestamp and Unix permissions 0644, with no extra
fields and no comment, so the same input gives the same bytes. The fixed parts are deflated at
level 9 (once per process, so it costs nothing) and a document's own parts at level 1 (its
body is deflated for every document: level 1 takes a third of the time of zlib's default level
6, for a body ~20 % larger — a DOCX ~2 kB larger).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # 2.0: deflate
_MADE_BY = (3 << 8) | _VERSION  # made on Unix, so the external attributes are permissions
_DEFLATED = 8
_UTF8_NAME = 0x800
_PERMISSIONS = 0o100644 << 16  # a regular file, rw-r--r--


@dataclass(frozen=True)
class Member:
    """One file of the archive, already deflated."""

    name: str
    deflated: bytes
    crc: int
    size: int


def deflate(name: str, content: bytes, level: int = 1) -> Member:
    """*content* as a raw deflate stream (level 1: a DOCX is written often and read once)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Member(name, data, zlib.crc32(content), len(content))


def write_zip(members: Iterable[Member], date_time: tuple[int, ...]) -> bytes:
    """The ZIP archive of *members*, in their order, each stamped with *date_time*
    (year, month, day, hour, minute, second; from 1980 on, as DOS dates require)."""
    if date_time[0] < 1980:  # DOS dates start in 1980 (what zipfile does without strict_timestamps)
        date_time = (1980, 1, 1, 0, 0, 0)
    year, month, day, hour, minute, second = date_time[:6]
    dos_time = (hour << 11) | (minute << 5) | (second // 2)
    dos_date = ((year - 1980) << 9) | (month << 5) | day
    body = bytearray()
    directory = bytearray()
    count = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        offset = len(body)
        body += _LOCAL.pack(
            b"PK\x03\x04", _VERSION, flags, _DEFLATED, dos_time, dos_date,
            member.crc, len(member.deflated), member.size, len(name), 0,
        )  # fmt: skip
        body += name
        body += member.deflated
        directory += _CENTRAL.pack(
            b"PK\x01\x02", _MADE_BY, _VERSION, flags, _DEFLATED, dos_time, dos_date,
            member.crc, len(member.deflated), member.size, len(name), 0, 0, 0, 0,
            _PERMISSIONS, offset,
        )  # fmt: skip
        directory += name
        count += 1
    if count > 0xFFFF or len(body) + len(directory) > 0xFFFFFFFF:
        raise ValueError("too large for a ZIP archive without the ZIP64 extensions")
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)
