"""Open an untrusted XLSX file: the ZIP container is checked (size, entry count, declared
uncompressed sizes, DTDs) before openpyxl sees it, and at most :data:`MAX_ROWS` rows are read
from each sheet. Used for partner sheets (:mod:`.xlsx`) and cohort workbooks alike.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path

from deedgen.exceptions import InputError

# Limits for an untrusted workbook. A real partner sheet is ~30 kB, a few hundred rows at most.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024  # sum of the ZIP's declared uncompressed sizes
MAX_ENTRY_BYTES = 32 * 1024 * 1024  # one part (a sheet's XML)
MAX_ENTRIES = 400  # parts in the ZIP: ~4 per sheet with comments
MAX_ROWS = 2000  # rows read per sheet
MAX_COLUMNS = 60  # columns read per sheet


def check_container(path: Path) -> None:
    """Refuse a file that is not a plausible XLSX before any XML parser sees it."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{name}: plik za duży na arkusz partnerów ({size} bajtów, najwyżej {MAX_FILE_BYTES})"
            f" (file too large for a partner sheet: {size} bytes; at most {MAX_FILE_BYTES})"
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{name}: to stary plik .xls albo skoroszyt chroniony hasłem; zapisz go jako .xlsx"
            " bez hasła (an old .xls file or a password-protected workbook; save it in Excel or"
            " LibreOffice as .xlsx without a password)"
        )
    if not head.startswith(b"PK"):
        kind_pl, kind = ("pusty plik", "an empty file") if not head else ("tekst", "text")
        raise InputError(
            f"{name}: to nie jest skoroszyt XLSX ({kind_pl}) — czy zmieniono nazwę pliku CSV"
            f" lub tekstowego na .xlsx? (not an XLSX workbook — an XLSX file is a ZIP archive;"
            f" this is {kind} or another format — was a CSV or text file renamed to .xlsx?)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"{name}: uszkodzony plik XLSX (corrupt XLSX (ZIP) file: {exc})") from exc
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            f"{name}: {len(infos)} części w archiwum ZIP (najwyżej {MAX_ENTRIES}); to nie arkusz"
            f" partnerów ({len(infos)} parts in the ZIP, at most {MAX_ENTRIES}; not a partner sheet)"
        )
    total = sum(info.file_size for info in infos)
    biggest = max(infos, key=lambda info: info.file_size, default=None)
    if total > MAX_UNCOMPRESSED_BYTES or (biggest and biggest.file_size > MAX_ENTRY_BYTES):
        raise InputError(
            f"{name}: skoroszyt po rozpakowaniu ma {total} bajtów — za duży albo „bomba ZIP”"
            f" (the workbook unpacks to {total} bytes; largest part {biggest.filename}: "
            f"{biggest.file_size} bytes; at most {MAX_UNCOMPRESSED_BYTES} in all and "
            f"{MAX_ENTRY_BYTES} per part — oversized or a ZIP bomb)"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError(
            f"{name}: archiwum jest zaszyfrowane; zapisz skoroszyt bez hasła (the ZIP is"
            " encrypted; save the workbook without a password)"
        )
    _refuse_dtds(path, infos)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            kind = "a Word document (.docx)"
        elif "content.xml" in names:
            kind = "an OpenDocument file (.ods/.odt); save it as .xlsx"
        else:
            kind = "a ZIP archive without a workbook"
        raise InputError(
            f"{name}: to nie jest skoroszyt XLSX (not an XLSX workbook: this is {kind})"
        )


def _refuse_dtds(path: Path, infos) -> None:
    """Refuse XML parts that declare a DTD: spreadsheets never do, and entity expansion (a
    "billion laughs") would cost seconds and tens of MB before the XML parser's own limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(info) as part:
                    tail = b""
                    while chunk := part.read(1 << 16):
                        window = tail + chunk
                        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                            raise InputError(
                                f"{path.name}: część {info.filename} deklaruje DTD lub encje;"
                                " arkusz nigdy tego nie robi — odrzucono (part declares a DTD"
                                " or entities; a spreadsheet never does — refused)"
                            )
                        tail = window[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            f"{path.name}: uszkodzony plik XLSX (corrupt XLSX (ZIP) file: {exc})"
        ) from exc


def open_workbook(path: Path):
    """Open a workbook read-only; a malformed one is an :class:`InputError` naming the file."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        raise InputError(
            f"{path.name}: nie można odczytać skoroszytu (cannot read the workbook: {exc})"
        ) from exc


def read_rows(path: Path, ws) -> list[tuple[int, tuple]]:
    """The sheet's non-empty rows as (row number, cleaned values), at most MAX_ROWS rows read."""
    out = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
                values = tuple(cell_value(v) for v in values)
                if number > MAX_ROWS:
                    if any(v is not None for v in values):
                        raise InputError(
                            f"{path.name}: arkusz „{ws.title}” ma więcej niż {MAX_ROWS}"
                            f" wierszy; to nie arkusz partnerów (sheet '{ws.title}' has more"
                            f" than {MAX_ROWS} rows; not a partner sheet)"
                        )
                    break  # rows past the limit are not read
                if any(v is not None for v in values):
                    out.append((number, values))
    except InputError:
        raise
    except Exception as exc:  # a malformed sheet part surfaces while it is parsed
        raise InputError(
            f"{path.name}: nie można odczytać arkusza „{ws.title}” (cannot read sheet"
            f" '{ws.title}': {exc})"
        ) from exc
    return out


def cell_value(value):
    """A cell's value, tidied: text trimmed (empty → None), whole floats → int, datetimes at
    midnight → dates."""
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value
