"""``deedgen report init … -o raport.pdf``: the quarterly report as a fillable PDF form.

The fields are those of the workbook's quarterly sheets (:mod:`.layout` describes them: labels,
help, choices): the report's header pre-filled and read-only, one group per planned
micro-success, a few blank groups for new micro-successes (not in the plan: read back marked
as new, in the report's quarter), the quarterly presentation, proposed changes of the plan. Typst lays the page out
(``quarterly_form.typ``) and records the box of every field (``<deedgen-form-field>`` markers,
read by a Typst query); the AcroForm fields are then added at those boxes by one pyhanko
incremental update — pyhanko because its writer adds objects and updates pages through a public
API and leaves Typst's bytes and tags as they are (pypdf can fill and read fields, which the
tests and :mod:`.pdf_reader` do, but has no public way to create them). The document carries
its report metadata (``/DeedgenReport`` in the Info dictionary): :mod:`.pdf_reader` refuses a PDF
without it.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from deedgen.evaluation import layout as lay
from deedgen.evaluation.period import Period
from deedgen.evaluation.planned import Plan

FORM_TYP = Path(__file__).resolve().parent / "quarterly_form.typ"
MARKER = "deedgen-form-field"
METADATA_KEY = "/DeedgenReport"
FORMAT = "deedgen-raport-kwartalny"
CHANGE_ROWS = 3
NEW_ROWS = 3  # blank groups „Nowe mikrosukcesy”
NEW_ROW_BASE = 1000  # rows of new micro-successes are numbered after every planned one
NEW_CAPTION = "Nowe mikrosukcesy"
INFO_SHOWN = ("coalition", "gmina", "terc", "period", "kind", "deadline", "sheet", "sheet_sha256")
INFO_FILLED = ("prepared_by", "prepared_on")
PRESENTATION = tuple(k for k in (c.key for c in lay.INFO.columns) if k.startswith("presentation"))
MICRO_SHOWN = ("action", "quarter")
MICRO_FILLED = ("status", "moved_to", "date", "participants", "remarks")
NEW_FILLED = ("action", "status", "date", "participants", "description", "remarks")
CHANGE_FILLED = ("change", "action", "from_quarter", "description")
GROUPS = {"raport": lay.INFO, "mikro": lay.MICRO, "nowy": lay.MICRO, "zmiana": lay.CHANGES}
_NAME = re.compile(r"(raport|mikro|nowy|zmiana)(\d*)_([a-z_0-9]+)")
FLAG_READ_ONLY, FLAG_MULTILINE, FLAG_COMBO = 1, 1 << 12, 1 << 17


@dataclass(frozen=True)
class FormField:
    """One field of the form: its PDF name, the layout's column, its row (0: a form sheet)."""

    name: str
    sheet: lay.SheetLayout
    col: lay.Col
    row: int = 0
    value: str | None = None
    readonly: bool = False

    @property
    def label(self) -> str:
        return field_label(self.sheet, self.row, self.col)

    @property
    def multiline(self) -> bool:
        return self.col.key in ("description", "remarks", "presentation_audience")

    @property
    def tooltip(self) -> str:
        """The accessible name (/TU): the label, whether required, the help, the choices."""
        parts = [self.label + (" (wymagane)" if self.col.required else "")]
        if self.readonly:
            parts.append("z arkusza partnerów — tylko do odczytu")
        if self.col.help:
            parts.append(self.col.help)
        if self.col.options:
            parts.append("wartości: " + ", ".join(self.col.options))
        return " — ".join(parts)


def field_name(group: str, key: str, row: int = 0) -> str:
    return f"{group}{row or ''}_{key}"


def is_new_row(row: int) -> bool:
    """Whether *row* (as :func:`parse_field_name` numbers it) is a blank new micro-success."""
    return row > NEW_ROW_BASE


def field_label(sheet: lay.SheetLayout, row: int, col: lay.Col) -> str:
    """A field as a problem's location names it, e.g. „Mikrosukcesy 3: Status” or „Nowe
    mikrosukcesy 1: Co osiągnięto”."""
    if is_new_row(row):
        return f"{NEW_CAPTION} {row - NEW_ROW_BASE}: {col.label}"
    where = f"{sheet.name} {row}" if row else sheet.name
    return f"{where}: {col.label}"


def parse_field_name(name: str) -> tuple[lay.SheetLayout, int, lay.Col] | None:
    """(sheet, row, column) of a field name this module made; None for any other name."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    sheet = GROUPS[match.group(1)]
    row = int(match.group(2) or 0)
    if (sheet is lay.INFO) != (row == 0) or row > NEW_ROW_BASE:
        return None
    if match.group(1) == "nowy":
        if row > NEW_ROWS or match.group(3) not in NEW_FILLED:
            return None
        row += NEW_ROW_BASE
    try:
        return sheet, row, sheet.column(match.group(3))
    except StopIteration:
        return None


def _text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def form_fields(plan: Plan, period: Period, info: dict) -> list[FormField]:
    """Every field of the quarterly form, in reading order."""
    fields = [
        FormField(field_name("raport", k), lay.INFO, lay.INFO.column(k), 0, _text(info[k]), True)
        for k in INFO_SHOWN
    ]
    fields += [
        FormField(field_name("raport", k), lay.INFO, lay.INFO.column(k)) for k in INFO_FILLED
    ]
    micro = sorted(plan.micro_in(period), key=lambda m: m.quarter)
    for row, planned in enumerate(micro, 1):
        shown = {"action": planned.action, "quarter": planned.quarter}
        fields += [
            FormField(
                field_name("mikro", k, row), lay.MICRO, lay.MICRO.column(k), row, shown[k], True
            )
            for k in MICRO_SHOWN
        ]
        fields += [
            FormField(field_name("mikro", k, row), lay.MICRO, lay.MICRO.column(k), row)
            for k in MICRO_FILLED
        ]
    for row in range(1, NEW_ROWS + 1):
        fields += [
            FormField(
                field_name("nowy", k, row), lay.MICRO, lay.MICRO.column(k), NEW_ROW_BASE + row
            )
            for k in NEW_FILLED
        ]
    fields += [
        FormField(field_name("raport", k), lay.INFO, lay.INFO.column(k)) for k in PRESENTATION
    ]
    for row in range(1, CHANGE_ROWS + 1):
        fields += [
            FormField(field_name("zmiana", k, row), lay.CHANGES, lay.CHANGES.column(k), row)
            for k in CHANGE_FILLED
        ]
    return fields


def _box(f: FormField) -> dict:
    note = "" if f.readonly else (f.col.help or _choices(f.col))
    height = 34 if f.multiline else 16
    return {"name": f.name, "label": f.col.header, "note": note, "height": height,
            "readonly": f.readonly}  # fmt: skip


def _choices(col: lay.Col) -> str:
    return ("wybierz: " + ", ".join(col.options)) if col.options else ""


def _section(heading: str, text: str, *groups) -> dict:
    return {"heading": heading, "text": text, "groups": list(groups)}


def _row(by: dict, sheet: lay.SheetLayout, number: int, keys, columns: int) -> dict:
    return {"columns": columns, "fields": [by[(sheet.name, number, k)] for k in keys]}


def _group(caption: str, *rows) -> dict:
    return {"caption": caption, "rows": list(rows)}


def page_model(plan: Plan, period: Period, fields: list[FormField]) -> dict:
    """The JSON the Typst file lays out: sections of captioned groups of field boxes."""
    by = {(f.sheet.name, f.row, f.col.key): _box(f) for f in fields}
    info = lay.INFO
    change_groups = [
        _group(
            f"Zmiana {n}",
            _row(by, lay.CHANGES, n, CHANGE_FILLED[:3], 3),
            _row(by, lay.CHANGES, n, ("description",), 1),
        )
        for n in range(1, CHANGE_ROWS + 1)
    ]
    presentation = _group(
        "",
        _row(by, info, 0, PRESENTATION[:2] + PRESENTATION[4:], 3),
        _row(by, info, 0, PRESENTATION[2:4], 2),
    )
    header = _group(
        "",
        _row(by, info, 0, INFO_SHOWN[:6], 3),
        _row(by, info, 0, INFO_SHOWN[6:], 2),
        _row(by, info, 0, INFO_FILLED, 2),
    )
    sections = [
        _section(
            "Dane raportu", "Szare pola pochodzą z arkusza partnerów — nie zmieniaj ich.", header
        ),
        *_micro_sections(plan, period, by),
        _section("Prezentacja mikrosukcesów kwartału", "", presentation),
        _section("Proponowane zmiany planu", lay.CHANGES.purpose, *change_groups),
    ]
    return {
        "title": f"Raport kwartalny {period.name} — {plan.coalition}",
        "intro": f"{plan.gmina} (TERC {plan.terc}). Wypełnij pola w czytniku PDF i zapisz "
        "plik; sprawdź raport: deedgen evaluate FOLDER-Z-RAPORTAMI -o WYNIKI. Nie wpisuj danych "
        "osobowych uczestników ani numerów PESEL.",
        "sections": sections,
    }


def _micro_sections(plan: Plan, period: Period, by: dict) -> list[dict]:
    """The planned micro-successes, one group each, then the blank groups for new ones."""
    micro = lay.MICRO
    planned = [
        _group(
            f"{n}. {m.action} — {m.action_title} ({m.quarter}): {m.description}",
            _row(by, micro, n, MICRO_SHOWN + MICRO_FILLED[:4], 3),
            _row(by, micro, n, ("remarks",), 1),
        )
        for n, m in enumerate(sorted(plan.micro_in(period), key=lambda m: m.quarter), 1)
    ] or [_group("Brak zaplanowanych mikrosukcesów w tym kwartale.")]
    new = [
        _group(
            f"Nowy mikrosukces {n}",
            _row(by, micro, NEW_ROW_BASE + n, NEW_FILLED[:4], 4),
            _row(by, micro, NEW_ROW_BASE + n, NEW_FILLED[4:], 2),
        )
        for n in range(1, NEW_ROWS + 1)
    ]
    return [
        _section(
            "Mikrosukcesy",
            "Zaplanowane mikrosukcesy kwartału: status każdego. Status przesunięte wymaga nowego kwartału.",
            *planned,
        ),
        _section(NEW_CAPTION, _new_text(plan, period), *new),
    ]


def _new_text(plan: Plan, period: Period) -> str:
    actions = ", ".join(plan.actions) or "—"
    return (
        f"Mikrosukces spoza planu, osiągnięty w kwartale {period.name}: id działania z planu "
        f"({actions}), status i co osiągnięto. Niewykorzystane pola zostaw puste."
    )


@functools.cache
def _engine():
    from deedgen.render.typst.compile import TypstEngine

    return TypstEngine(FORM_TYP)


def field_boxes(markers: list[dict]) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Each field's page (0-based) and box in PDF points (origin bottom left) from the markers
    (Typst measures from the top of the page)."""
    boxes = {}
    for m in markers:
        top = float(m["page-height"]) - float(m["y"])
        left = float(m["x"])
        box = (left, top - float(m["height"]), left + float(m["width"]), top)
        boxes[str(m["name"])] = (int(m["page"]) - 1, box)
    return boxes


def build_report_pdf(plan: Plan, period: Period, info: dict) -> bytes:
    """The fillable PDF of the quarterly report of *plan*'s coalition for *period* (*info*: the
    header, as :func:`.workbook.report_info` makes it). Its date is the period's first day: the
    same sheet and period give the same bytes."""
    created = period.start
    fields = form_fields(plan, period, info)
    pdf, found = _engine().compile(
        page_model(plan, period, fields), created=created, pdfa=False, markers=(MARKER,)
    )
    boxes = field_boxes(found[MARKER])
    missing = [f.name for f in fields if f.name not in boxes]
    if missing:
        raise RuntimeError(f"the layout placed no box for {missing}")
    metadata = {"format": FORMAT, "version": 1, "period": period.name, "terc": plan.terc}
    pdf = add_fields(pdf, fields, boxes, json.dumps(metadata, ensure_ascii=False))
    return _with_appearances(pdf, {f.name: f.value for f in fields if f.value is not None})


def _with_appearances(pdf: bytes, values: dict[str, str]) -> bytes:
    """*pdf* with the pre-filled values drawn (pypdf makes their appearance streams), so a
    reader that does not draw fields itself (poppler, print) shows them too."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)  # a viewer redraws what the librarian types
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_fields(pdf: bytes, fields: list[FormField], boxes: dict, metadata: str) -> bytes:
    """*pdf* with an AcroForm field at each box and the report metadata in the catalog, in one
    pyhanko incremental update (Typst's bytes stay as they were)."""
    from pyhanko.pdf_utils import generic as g
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    font = writer.add_object(
        g.DictionaryObject(
            {
                g.NameObject("/Type"): g.NameObject("/Font"),
                g.NameObject("/Subtype"): g.NameObject("/Type1"),
                g.NameObject("/BaseFont"): g.NameObject("/Helvetica"),
                g.NameObject("/Encoding"): g.NameObject("/WinAnsiEncoding"),
            }
        )
    )
    refs, pages = g.ArrayObject(), {}
    for f in fields:
        page_index, box = boxes[f.name]
        if page_index not in pages:
            pages[page_index] = page_ref = writer.find_page_for_modification(page_index)[0]
            writer.mark_update(page_ref)
            page_ref.get_object()[g.NameObject("/Tabs")] = g.NameObject("/R")  # tab in rows
        ref = writer.add_object(_widget(g, f, box, pages[page_index]))
        refs.append(ref)
        writer.register_annotation(pages[page_index], ref)
    writer.root[g.NameObject("/AcroForm")] = g.DictionaryObject(
        {
            g.NameObject("/Fields"): refs,
            g.NameObject("/NeedAppearances"): g.BooleanObject(True),
            g.NameObject("/DA"): g.TextStringObject("/Helv 9 Tf 0 g"),
            g.NameObject("/DR"): g.DictionaryObject(
                {g.NameObject("/Font"): g.DictionaryObject({g.NameObject("/Helv"): font})}
            ),
        }
    )
    writer.root[g.NameObject(METADATA_KEY)] = g.TextStringObject(metadata)
    writer.update_root()
    from deedgen.render.typst.fields import tag_widgets

    tag_widgets(writer, refs)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _widget(g, f: FormField, box, page_ref):
    """The merged field and widget dictionary of *f* (a text field, or a combo box for a
    column with choices)."""
    flags = FLAG_READ_ONLY if f.readonly else 0
    entries = {
        "/Type": g.NameObject("/Annot"),
        "/Subtype": g.NameObject("/Widget"),
        "/T": g.TextStringObject(f.name),
        "/TU": g.TextStringObject(f.tooltip),
        "/Rect": g.ArrayObject(g.FloatObject(round(v, 2)) for v in box),
        "/F": g.NumberObject(4),  # printed
        "/P": page_ref,
        "/DA": g.TextStringObject("/Helv 9 Tf 0 g"),
        "/MK": g.DictionaryObject(),
    }
    if f.col.options and not f.readonly:
        entries["/FT"] = g.NameObject("/Ch")
        entries["/Opt"] = g.ArrayObject(g.TextStringObject(o) for o in ("",) + f.col.options)
        flags |= FLAG_COMBO
    else:
        entries["/FT"] = g.NameObject("/Tx")
        entries["/MaxLen"] = g.NumberObject(f.col.max_length)
        if f.multiline:
            flags |= FLAG_MULTILINE
    if f.value is not None:
        entries["/V"] = g.TextStringObject(f.value)
    entries["/Ff"] = g.NumberObject(flags)
    return g.DictionaryObject({g.NameObject(k): v for k, v in entries.items()})
