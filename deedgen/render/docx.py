"""Render an assembled document into DOCX with its docxtpl template.

The template (``templates/<kind>.docx``) holds the layout and the styles; this module only turns
an :class:`~deedgen.document.AssembledDocument` into the flat values the template loops over
(:mod:`deedgen.render.template_values`). Values are XML-escaped by Jinja's autoescape, in a
sandbox, with strict undefined — a party named ``Stowarzyszenie „Razem” & Przyjaciele
<Biblioteki>`` appears exactly so. Output is reproducible: the same input gives byte-identical
files (fixed zip timestamps, dates taken from the sheet).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from lxml import etree
from markupsafe import Markup, escape

from deedgen.document import AssembledDocument
from deedgen.exceptions import TemplateError
from deedgen.render.template_values import template_values
from deedgen.render.templates import TEMPLATE_DIR
from deedgen.render.ziparchive import Member, deflate, write_zip
from deedgen.templating import TemplateEnvironment


def _inert_braces(value):
    """A value escaped for XML, with docxtpl's escape sequences made inert: after rendering,
    docxtpl rewrites ``{_{`` to ``{{`` (and ``}_}``, ``{_%``, ``%_}``) anywhere in the part,
    so a name typed with them changed in the document. ``&#95;`` is the same underscore."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    escaped = escape(value)
    if "_" not in escaped:  # most values: already what they become
        return escaped
    return Markup(str(escaped).replace("{_", "{&#95;").replace("_}", "&#95;}"))


def _escape_once(value):
    """Autoescape's ``escape`` for the prepared templates: every printed value has passed
    :func:`_inert_braces` (the finalize), so a string is Markup already and is returned as it
    is, not copied into a new Markup (which markupsafe's ``escape`` does, ~280 times a
    document); any other value is escaped as before. The text is the same."""
    return value if type(value) is Markup else escape(value)


@functools.lru_cache(maxsize=1)
def _jinja_env() -> TemplateEnvironment:
    return TemplateEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_inert_braces)


@functools.lru_cache(maxsize=32)
def template_bytes(path: str, mtime_ns: int) -> bytes:
    return Path(path).read_bytes()


# --- rendering ------------------------------------------------------------------------------------------


class PreparedTemplate:
    """A docxtpl template read, cleaned (docxtpl's ``patch_xml``) and compiled once, rendered many
    times: each render is one Jinja pass per XML part and one zip write, without re-reading the
    template or rebuilding python-docx objects (docxtpl's own ``render`` does both per document).
    """

    RENDERED = re.compile(r"word/(document|header\d*|footer\d*)\.xml")

    def __init__(self, blob: bytes, label: str) -> None:
        from docxtpl import DocxTemplate

        self.label = label
        helper = DocxTemplate(io.BytesIO(blob))
        helper.init_docx()
        self._helper = helper
        archive = zipfile.ZipFile(io.BytesIO(blob))
        self.entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
        self._fixed: dict[tuple[str, str], Member] = {}  # (part, lang) → deflated once
        self.parts: dict[str, tuple[str, object, str]] = {}
        env = _jinja_env()
        try:
            for name, data in self.entries:
                if not self.RENDERED.fullmatch(name):
                    continue
                xml = data.decode("utf-8")
                if name == "word/document.xml":
                    start, end = xml.index("<w:body"), xml.rindex("</w:body>") + len("</w:body>")
                    head, tail = xml[:start], xml[end:]
                    source = helper.patch_xml(helper.get_xml())
                else:
                    head, tail = XML_DECLARATION, ""
                    source = helper.patch_xml(helper.xml_to_string(etree.fromstring(data)))
                source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
                template = env.from_string(source)
                # the compiled part's own namespace: its escape() of what finalize made Markup
                template.root_render_func.__globals__["escape"] = _escape_once
                self.parts[name] = (head, template, tail)
        except JinjaTemplateError as exc:
            raise TemplateError(
                f"template {label} has a syntax error: {exc.message or exc}"
            ) from None

    LANGUAGE_TAGS = {
        "pl": b'w:val="pl-PL" w:eastAsia="pl-PL"',
        "en": b'w:val="en-GB" w:eastAsia="en-GB"',
    }

    def render(
        self,
        values: dict,
        date_time=(2026, 1, 1, 0, 0, 0),
        lang: str = "pl",
        core: bytes | None = None,
    ) -> bytes:
        rendered = {"docProps/core.xml": core} if core else {}
        try:
            for name, (head, template, tail) in self.parts.items():
                xml = template.render(values)
                xml = xml.replace("\n<w:p", "<w:p")  # values are escaped: no "<" of theirs
                xml = (
                    xml.replace("{_{", "{{")
                    .replace("}_}", "}}")
                    .replace("{_%", "{%")
                    .replace("%_}", "%}")
                )
                if _may_list(xml) and _LISTING.search(xml):  # a tab/line/page break in a value
                    xml = self._helper.resolve_listing(xml)
                rendered[name] = (head + xml + tail).encode("utf-8")
        except JinjaTemplateError as exc:
            raise TemplateError(
                f"template {self.label} cannot be rendered: {exc.message or exc}"
            ) from None
        members = [
            deflate(name, rendered[name])
            if name in rendered
            else self._fixed_part(name, data, lang)
            for name, data in self.entries
        ]
        return write_zip(members, date_time)

    def _fixed_part(self, name: str, data: bytes, lang: str) -> Member:
        """A part every document of this template shares, deflated once per language."""
        key = (name, lang if name == "word/styles.xml" else "")
        member = self._fixed.get(key)
        if member is None:
            if name == "word/styles.xml" and lang != "pl":
                data = data.replace(self.LANGUAGE_TAGS["pl"], self.LANGUAGE_TAGS[lang])
            member = self._fixed[key] = deflate(name, data, level=9)
        return member


_LISTING = re.compile(r"[\t\a\f]|<w:t(?: [^>]*)?>[^<]*\n")


def _may_list(xml: str) -> bool:
    """A quick look (four scans in C) before the regular expression, which is slow on a long
    part: most documents hold no tab, bell, form feed or newline at all."""
    return "\n" in xml or "\t" in xml or "\a" in xml or "\f" in xml


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@functools.lru_cache(maxsize=32)
def prepared_template(path: str, mtime_ns: int) -> PreparedTemplate:
    return PreparedTemplate(template_bytes(path, mtime_ns), path)


def render_docx(
    document: AssembledDocument,
    *,
    draft: bool = False,
    findings=(),
    template_dir: Path | None = None,
) -> bytes:
    """The DOCX file of *document*, as bytes (reproducible for the same input)."""
    path = (template_dir or TEMPLATE_DIR) / f"{document.kind}.docx"
    if not path.is_file():
        raise TemplateError(f"DOCX template for the {document.kind} document not found: {path}")
    template = prepared_template(str(path), path.stat().st_mtime_ns)
    declared = document.context["coalition"]["declaration_date"]
    core = core_properties(document)
    values = template_values(document, draft=draft, findings=findings)
    return template.render(
        values,
        date_time=(declared.year, declared.month, declared.day, 0, 0, 0),
        lang=document.lang,
        core=core,
    )


CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{creator}</dc:creator>"
    "<cp:keywords>{keywords}</cp:keywords><dc:language>{language}</dc:language>"
    "<cp:lastModifiedBy>deedgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)


def document_properties(document: AssembledDocument) -> dict:
    """Title, subject, author (the initiating library), keywords and date, all from the sheet:
    the DOCX carries them, LibreOffice copies them into the PDF, the bundle repeats them."""
    ctx = document.context
    coalition = ctx["coalition"]
    return {
        "title": f"{document.title} — {coalition['name']}",
        "subject": coalition["name"],
        "creator": ctx["library"]["name"],
        "keywords": (
            ctx["gmina"]["name"],
            ctx["gmina"]["terc"],
            f"edycja {coalition['edition']}",
            document.kind,
        ),
        "date": coalition["declaration_date"],
    }


def core_properties(document: AssembledDocument) -> bytes:
    """docProps/core.xml of the document (see :func:`document_properties`)."""
    from xml.sax.saxutils import escape

    props = document_properties(document)
    values = {
        **props,
        "keywords": ", ".join(props["keywords"]),
        "language": {"pl": "pl-PL", "en": "en-GB"}[document.lang],
        "date": props["date"].isoformat(),
    }
    return CORE_XML.format(**{k: escape(str(v)) for k, v in values.items()}).encode("utf-8")


def render_docx_naive(
    document: AssembledDocument,
    *,
    draft: bool = False,
    findings=(),
    template_dir: Path | None = None,
) -> bytes:
    """The same document the way docxtpl is usually driven: the template loaded and compiled for
    every document. Kept as the baseline of the benchmark and to test the prepared path against."""
    from docxtpl import DocxTemplate

    path = (template_dir or TEMPLATE_DIR) / f"{document.kind}.docx"
    template = DocxTemplate(str(path))
    template.render(
        template_values(document, draft=draft, findings=findings),
        jinja_env=_jinja_env(),
        autoescape=True,
    )
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
