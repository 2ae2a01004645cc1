"""The call into Typst: one compiler per process, fonts given explicitly, every warning an error.

The style (``deedgen.typ``) is a file shipped beside this module. Each engine copies it into a
private folder of its own (mode 0700, removed with the engine), with an entry point that calls
its function ``typeset`` on ``model.json``, which each compile writes there: the documents are
data Typst reads with ``json()``. The styles both renderers share arrive in ``sys.inputs``
(``style``), the same on every call. Typst reads nothing outside that folder.

A :class:`typst.Compiler` is kept per process: Typst memoizes layout across calls, so a query
right after a compile, and every paragraph a coalition shares with the one before it (the
clauses that name no party), cost a fraction of the first layout. That is why the documents are
not handed over in ``sys.inputs``: a changed ``sys.inputs`` is a changed standard library, which
every memoized layout depends on, so each compile laid out everything anew (measured: a
declaration with only its last paragraph changed cost 90 % of a fresh layout; 30 % now). Nor as
an entry point in memory: the compiler forgets in-memory bytes after a compile, so the query for
the signature markers would fail.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
import threading
import weakref
from datetime import UTC, date, datetime
from pathlib import Path

from deedgen.exceptions import TypstError

HERE = Path(__file__).resolve().parent
STYLE = HERE / "deedgen.typ"
ENTRY = '#import "style.typ": typeset\n#typeset(json("model.json"))\n'
# Debian's packages of the fonts the style names (fonts-liberation2, fonts-dejavu-core)
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
FONT_PACKAGES = {"Liberation Serif": "fonts-liberation2", "Liberation Sans": "fonts-liberation2"}
PDF_STANDARDS = {True: ["a-2a", "ua-1"], False: ["ua-1"]}
# Typst writes the catalog's ``/MarkInfo<</Marked true/Suspects false>>``, and Debian 12's
# Poppler 22.12 — pdfinfo, pdftoppm, Evince — reports "Syntax Error: Suspects object is wrong
# type (boolean)" for every such PDF: it accepts the key only when true. ``/Suspects`` defaults to
# false (ISO 32000-1, table 321) and PDF/UA forbids only true, so the entry is blanked in place,
# with spaces of its length: no offset moves, the PDF stays Typst's otherwise, byte for byte.
# Only the catalog's is touched (Typst writes text strings in hex and compresses content).
MARK_INFO = b"/MarkInfo<</Marked true/Suspects false>>"
MARK_INFO_BLANKED = b"/MarkInfo<</Marked true" + b" " * len(b"/Suspects false") + b">>"


@functools.lru_cache(maxsize=1)
def fonts():
    import typst

    missing = [d for d in FONT_DIRS[:1] if not d.is_dir()]
    if missing:
        raise TypstError(
            f"font folder {missing[0]} not found: install {FONT_PACKAGES['Liberation Serif']}"
        )
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(d) for d in FONT_DIRS if d.is_dir()],
    )
    families = set(fonts.families())
    for family, package in FONT_PACKAGES.items():
        if family not in families:
            raise TypstError(f"font {family} not found in {FONT_DIRS[0]}: install {package}")
    return fonts


@functools.lru_cache(maxsize=1)
def styles() -> str:
    """The styles shared with the DOCX templates (:mod:`deedgen.render.template_styles`), as
    the JSON the style file reads from ``sys.inputs.style``."""
    from deedgen.render.template_styles import typst_styles

    return json.dumps(typst_styles(), ensure_ascii=False)


class TypstEngine:
    """A Typst compiler for deedgen's documents; one per process (see :func:`engine`)."""

    def __init__(self, style: Path | None = None) -> None:
        import typst

        self._typst = typst
        try:
            self._folder = Path(tempfile.mkdtemp(prefix="deedgen-typst-"))
            weakref.finalize(self, _remove, self._folder, os.getpid())
            shutil.copyfile(style or STYLE, self._folder / "style.typ")
            (self._folder / "entry.typ").write_text(ENTRY, encoding="utf-8")
            self._model = self._folder / "model.json"
            self._model.write_text("{}", encoding="utf-8")
        except OSError as error:
            raise TypstError(
                f"no working folder for Typst in {tempfile.gettempdir()}: {error.strerror}"
            ) from None
        self._entry = str(self._folder / "entry.typ")
        self._compiler = typst.Compiler(
            input=self._entry,
            root=str(self._folder),
            font_paths=fonts(),
            ignore_system_fonts=True,
            sys_inputs={"style": styles()},
        )
        self._lock = threading.Lock()  # one compiler, one compilation at a time

    def compile(
        self, model: dict, *, created: date, pdfa: bool = True, markers: tuple[str, ...] = ()
    ) -> tuple[bytes, dict[str, list[dict]]]:
        """The PDF of *model* and, for each label of *markers*, the values the style recorded
        under it (``metadata`` labelled so, in layout order). The creation date is *created*
        (from the sheet): the same model gives the same bytes on every run."""
        stamp = datetime(created.year, created.month, created.day, tzinfo=UTC)
        data = json.dumps(model, ensure_ascii=False, default=str)
        with self._lock:
            try:
                self._model.write_text(data, encoding="utf-8")
            except OSError as error:
                raise TypstError(f"cannot write {self._model}: {error.strerror}") from None
            try:
                pdf, warnings = self._compiler.compile_with_warnings(
                    input=self._entry,
                    sys_inputs={"style": styles()},
                    pdf_standards=PDF_STANDARDS[pdfa],
                    timestamp=stamp,
                )
                found = {label: self._query(label) for label in markers}
            except self._typst.TypstError as err:
                raise TypstError(f"Typst failed: {_describe(err)}") from None
        if warnings:
            raise TypstError("Typst warned: " + "; ".join(_describe(w) for w in warnings))
        return without_false_suspects(pdf), found

    def _query(self, label: str) -> list[dict]:
        # answered from the layout just made: Typst memoized it, so this costs well under 1 ms
        return json.loads(self._compiler.query(f"<{label}>", field="value", format="json"))


def without_false_suspects(pdf: bytes) -> bytes:
    """*pdf* with its catalog's ``/Suspects false`` blanked (see :data:`MARK_INFO`)."""
    start = pdf.rfind(b"<</Type/Catalog")
    end = pdf.find(b"\nendobj", start)
    if start < 0 or end < 0:
        return pdf
    catalog = pdf[start:end].replace(MARK_INFO, MARK_INFO_BLANKED, 1)
    return pdf[:start] + catalog + pdf[end:]


def _remove(folder: Path, pid: int) -> None:
    # not from a forked child, whose parent's engine (and folder) this is
    if os.getpid() == pid:
        shutil.rmtree(folder, ignore_errors=True)


def _describe(diagnostic) -> str:
    message = getattr(diagnostic, "message", None) or str(diagnostic)
    hints = getattr(diagnostic, "hints", None) or []
    return message + "".join(f" (hint: {h})" for h in hints)


_ENGINE: tuple[int, TypstEngine] | None = None


def engine() -> TypstEngine:
    """The process's Typst engine, made on first use — and again in a forked batch worker, which
    must not share its parent's compiler (its threads did not survive the fork)."""
    global _ENGINE
    if _ENGINE is None or _ENGINE[0] != os.getpid():
        _ENGINE = (os.getpid(), TypstEngine())
    return _ENGINE[1]


def diagnose(probe: str = "Zażółć gęślą jaźń") -> dict:
    """What ``deedgen doctor`` reports of the Typst engine: the font families it was given, and
    a test document of *probe* typeset to PDF/A-2a + PDF/UA-1 (its bytes, and the time it took).
    Raises :class:`TypstError` (naming the package to install) when it cannot work."""
    import time

    families = sorted(fonts().families())
    model = {"documents": [], "probe": probe}
    start = time.perf_counter()
    pdf, _ = engine().compile(model, created=date(2026, 1, 1))
    return {"fonts": families, "test_ms": round((time.perf_counter() - start) * 1000), "pdf": pdf}
