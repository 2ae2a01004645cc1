"""Write partner sheets for people to fill in: an XLSX workbook or a commented YAML file.

Both come from :class:`deedgen.sheet.schema.SheetSchema` and the layout in
:mod:`deedgen.sheet.layout`: Polish headers from ``label``, header comments from ``help`` and
``description``, drop-downs from ``Choice``. A workbook has an ``Instrukcja`` sheet, frozen
header rows and one example row per table (first cell ``PRZYKŁAD``), which the loader skips.

Given the data of a loaded sheet (``deedgen init --from``), the writers fill it in as it is,
mistakes included, so a sheet can move between YAML and XLSX and still be validated in either.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from marshmallow import fields as mfields

from deedgen.exceptions import OutputError
from deedgen.fsutil import atomic_write_with
from deedgen.sheet import fields as sheet_fields
from deedgen.sheet import schema as sheet_schema
from deedgen.sheet.layout import (
    EXAMPLE_MARKER,
    INSTRUCTIONS_SHEET,
    KV_COLUMNS,
    KV_HEADERS,
    KV_SHEET,
    TABLES,
    Column,
    Table,
    is_list,
    is_nested_list,
    section_label,
)
from deedgen.sheet.raw import format_path

DATA_ROWS = 1000  # rows covered by the drop-downs
FIRST_DATA_ROW = 3  # row 1: headers, row 2: the example

# Polish meaning of every enumeration value (shown in Instrukcja and in the header comments).
CHOICE_LABELS_PL = {
    sheet_schema.PARTY_KINDS: sheet_schema.PARTY_KIND_LABELS_PL,
    sheet_schema.RESOURCES: sheet_schema.RESOURCE_LABELS_PL,
    sheet_schema.TEAM_ROLES: {"coordinator": "koordynator zespołu", "member": "członek zespołu"},
    sheet_schema.PROBLEM_CATEGORIES: {
        "social_exclusion": "wykluczenie społeczne",
        "digital_exclusion": "wykluczenie cyfrowe",
        "seniors": "osamotnienie i aktywność seniorów",
        "youth": "dzieci i młodzież",
        "education": "edukacja, kompetencje",
        "integration": "integracja, więzi sąsiedzkie",
        "disability": "niepełnosprawność, dostępność",
        "culture_access": "dostęp do kultury",
        "civic_participation": "partycypacja obywatelska",
        "other": "inny",
    },
    sheet_schema.PROMOTION_KINDS: {
        "seminar": "seminarium",
        "conference": "konferencja",
        "quarterly_presentation": "kwartalna prezentacja mikrosukcesów",
        "other": "inne wydarzenie",
    },
    sheet_schema.PROMOTION_LEVELS: {"local": "lokalny", "regional": "regionalny"},
    sheet_schema.LANGUAGES: {"pl": "polski (tekst wiążący)", "en": "angielski"},
}
BOOLEAN_CHOICES = ("TAK", "NIE")

SHEET_PURPOSES = {
    KV_SHEET: "dane koalicji, gminy, skarbnika (gdy gmina wnosi środki finansowe), mentora z "
    "biblioteki wojewódzkiej i corocznej ewaluacji; kolumna A: nazwa pola, kolumna B: wartość",
    "Strony": "strony deklaracji, po jednym wierszu: biblioteka gminna, gmina, organizacje, "
    "szkoły, instytucje kultury, firmy, mieszkańcy",
    "Przedstawiciele": "osoby, które podpisują deklarację w imieniu stron, po jednym wierszu",
    "Wkłady": "co każda strona wnosi: ludzi, przestrzeń, finanse albo wiedzę",
    "Zespół": "zespół projektowy: przedstawiciele instytucji koalicji",
    "Cele": "cele koalicji: identyfikator celu z biblioteki klauzul albo cel własny, po jednym w komórce",
    "Działania": "działania koalicji i problemy społeczne, na które odpowiadają",
    "Mikrosukcesy": "mikrosukces każdego działania w każdym kwartale",
    "Promocja": "wydarzenia promocyjne: prezentacje kwartalne, seminaria, konferencje",
}

# Example rows: synthetic values (checksums valid), the first column holds the marker instead.
EXAMPLES = {
    "Strony": {
        ("kind",): "association",
        ("name",): "Stowarzyszenie „Przykładowe”",
        ("short_name",): "Stowarzyszenie",
        ("address", "street"): "ul. Lipowa 1",
        ("address", "postal_code"): "00-950",
        ("address", "city"): "Przykładowo",
        ("nip",): "525-000-01-27",
        ("regon",): "140000017",
        ("krs",): "0000123456",
        ("email",): "kontakt@przyklad.example.pl",
        ("representation_basis",): "statut Stowarzyszenia i odpis z KRS",
    },
    "Przedstawiciele": {("name",): "Jan Przykładowy", ("function",): "Prezes Zarządu"},
    "Wkłady": {
        ("resource",): "space",
        ("description",): "sala spotkań udostępniana dwa razy w tygodniu",
        ("period",): "2026–2027",
    },
    "Zespół": {("party",): "gbp", ("role",): "member"},
    "Cele": {("own",): "zwiększenie liczby czytelników Biblioteki o 20% w okresie programu"},
    "Działania": {
        ("title",): "Cyfrowy Senior — warsztaty kompetencji cyfrowych",
        ("problem",): "wykluczenie cyfrowe osób starszych",
        ("problem_category",): "digital_exclusion",
        ("lead",): "gbp",
        ("partners",): "szkola, razem",
        ("start_quarter",): "2026-Q2",
        ("end_quarter",): "2026-Q4",
    },
    "Mikrosukcesy": {
        ("quarter",): "2026-Q2",
        ("description",): "12 seniorów ukończyło pierwszy cykl zajęć",
    },
    "Promocja": {
        ("quarter",): "2026-Q4",
        ("level",): "local",
        ("audience",): "mieszkańcy i partnerzy koalicji",
        ("description",): "prezentacja mikrosukcesów kwartału w Bibliotece",
    },
}


@dataclass
class Written:
    """What a writer did: the file, and the values of the source it could not place."""

    path: Path
    dropped: list[str] = field(default_factory=list)


# --- writing a workbook --------------------------------------------------------------------------


def build_workbook(data: dict | None = None):
    """An openpyxl workbook for *data* (a loaded sheet's plain data), or a blank one."""
    from openpyxl import Workbook

    dropped: list[str] = []
    workbook = Workbook()
    _instructions(workbook.active)
    _key_values(workbook.create_sheet(KV_SHEET), data, dropped)
    for table in TABLES:
        ws = workbook.create_sheet(table.sheet)
        _table_layout(ws, table)
        if data is not None:
            _fill_table(ws, table, data, dropped)
    if data is not None:
        dropped.extend(_unknown_keys(data))
    return workbook, dropped


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "header": Font(bold=True),
        "header_fill": PatternFill("solid", fgColor="DDEBF7"),
        "section_fill": PatternFill("solid", fgColor="FCE4D6"),
        "example": Font(italic=True, color="808080"),
        "example_fill": PatternFill("solid", fgColor="F2F2F2"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "title": Font(bold=True, size=14),
    }


def _instructions(ws) -> None:
    st = _styles()
    ws.title = INSTRUCTIONS_SHEET
    for letter, width in zip("ABCD", (20, 28, 26, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # printed: one page wide
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    lines = [
        ("Arkusz partnerów koalicji — instrukcja", "title"),
        (
            "Ten skoroszyt opisuje koalicję biblioteki gminnej z gminą i partnerami. Na jego "
            "podstawie deedgen przygotowuje deklarację partnerstwa, plan działań i formularze "
            "ewaluacji.",
            None,
        ),
        ("Jak wypełniać", "header"),
        (
            "• Każdy arkusz to jedna tabela; pierwszy wiersz to nagłówki — nie zmieniaj ich nazw.",
            None,
        ),
        ("• Kolumny oznaczone gwiazdką (*) są wymagane.", None),
        (
            f"• Wiersz z napisem {EXAMPLE_MARKER} w pierwszej kolumnie to tylko wzór — deedgen go "
            "pomija; możesz go usunąć.",
            None,
        ),
        (
            "• Najedź na nagłówek, aby zobaczyć podpowiedź. W kolumnach z listą wybierz wartość "
            "z listy rozwijanej (znaczenie wartości — tabela niżej).",
            None,
        ),
        ("• Daty: 2026-03-01 albo 1.03.2026. Kwartały: 2026-Q2. Kwoty: 15000,00 (bez „zł”).", None),
        (
            "• NIP z kreskami lub bez; REGON 9 lub 14 cyfr; KRS 10 cyfr; kod TERC gminy 7 cyfr; "
            "kod pocztowy NN-NNN.",
            None,
        ),
        (
            "• Strony mają krótkie identyfikatory (kolumna Id w arkuszu Strony, np. gbp, gmina, "
            "szkola). Tych samych identyfikatorów użyj w arkuszach Przedstawiciele, Wkłady, Zespół "
            "i Działania; partnerów działania wpisz po przecinku.",
            None,
        ),
        (
            "• Nie wpisuj numerów PESEL ani numerów dowodów osobistych: deedgen odrzuca arkusz, "
            "który je zawiera (minimalizacja danych, RODO).",
            None,
        ),
        (
            "• Sprawdź arkusz poleceniem: deedgen validate nazwa-pliku.xlsx — każdy błąd zostanie "
            "wskazany z nazwą arkusza i komórką, np. Strony!H4.",
            None,
        ),
    ]
    row = 1
    for text, style in lines:
        cell = ws.cell(row=row, column=1, value=text)
        if style:
            cell.font = st[style]
        _wrap_across(ws, row, 1, text)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Arkusze").font = st["header"]
    row += 1
    for name, purpose in SHEET_PURPOSES.items():
        name_cell = ws.cell(row=row, column=1, value=name)
        name_cell.font, name_cell.alignment = st["header"], st["wrap"]
        ws.cell(row=row, column=2, value=purpose)
        _wrap_across(ws, row, 2, purpose)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Dozwolone wartości").font = st["header"]
    row += 1
    for col_index, text in enumerate(("Arkusz", "Kolumna", "Wartość", "Znaczenie"), start=1):
        ws.cell(row=row, column=col_index, value=text).font = st["header"]
    row += 1
    for sheet, col in _all_columns():
        for value, meaning in _choices(col):
            for col_index, text in enumerate((sheet, col.label, value, meaning), start=1):
                ws.cell(row=row, column=col_index, value=text)
            row += 1


INSTRUCTION_WIDTH = 130  # characters across columns A–D of Instrukcja


def _wrap_across(ws, row: int, first: int, text: str) -> None:
    """Merge the row's cells from column *first* to D and wrap the text; spreadsheets do not
    size merged rows themselves, so the height is set from the text's length."""
    from openpyxl.styles import Alignment

    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=4)
    ws.cell(row=row, column=first).alignment = Alignment(wrap_text=True, vertical="top")
    width = INSTRUCTION_WIDTH - (20 if first > 1 else 0)
    lines = max(1, -(-len(text) // width))
    ws.row_dimensions[row].height = 16 * lines + 2


def _all_columns():
    for cols in KV_COLUMNS.values():
        for col in cols:
            yield KV_SHEET, col
    for table in TABLES:
        for col in table.columns:
            yield table.sheet, col


def _choices(col: Column) -> list[tuple[str, str]]:
    """(value, Polish meaning) of an enumerated column; empty for free columns."""
    if isinstance(col.field, sheet_fields.Choice):
        labels = CHOICE_LABELS_PL.get(tuple(col.field.choices), {})
        return [(c, labels.get(c, c)) for c in col.field.choices]
    if isinstance(col.field, mfields.Boolean):
        return [("TAK", "tak"), ("NIE", "nie")]
    return []


def _comment(col: Column):
    from openpyxl.comments import Comment

    lines = [col.label + (" (wymagane)" if col.required else "")]
    if col.help:
        lines.append(col.help)
    choices = _choices(col)
    if choices:
        lines.append("Wartości: " + "; ".join(f"{v} — {m}" for v, m in choices))
    lines.append(f"[EN] {col.description}")
    comment = Comment("\n".join(lines), "deedgen")
    comment.width = 320
    comment.height = 40 + 18 * (len(lines) + len(choices) // 2)
    return comment


def _validation(col: Column):
    """A drop-down for an enumerated column, or None."""
    from openpyxl.worksheet.datavalidation import DataValidation

    choices = [v for v, _ in _choices(col)]
    if not choices:
        return None
    formula = '"' + ",".join(choices) + '"'
    if len(formula) > 255:  # Excel's limit for an inline list
        raise ValueError(f"drop-down list too long for {col.label}")
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nieznana wartość",
        error=f"Wybierz z listy: {', '.join(choices)}",
        promptTitle=col.label[:32],
        prompt=(col.help or col.label)[:255],
        showInputMessage=True,
    )


def _number_format(col: Column) -> str:
    if isinstance(col.field, sheet_fields.Date):
        return "yyyy-mm-dd"
    if isinstance(col.field, sheet_fields.Amount):
        return "#,##0.00"
    if isinstance(col.field, (mfields.Integer, mfields.Boolean)):
        return "General"
    return "@"  # text: keeps leading zeros and stops spreadsheets turning ids into dates


def _width(col: Column) -> float:
    fld = col.field
    if isinstance(fld, sheet_fields.Choice):
        size = max(len(c) for c in fld.choices) + 4
    elif isinstance(fld, (sheet_fields.Date, sheet_fields.Quarter, sheet_fields.PostalCode)):
        size = 13
    elif isinstance(
        fld,
        (
            sheet_fields.Nip,
            sheet_fields.Regon,
            sheet_fields.Krs,
            sheet_fields.Terc,
            sheet_fields.Amount,
        ),
    ):
        size = 16
    elif isinstance(fld, sheet_fields.Email):
        size = 30
    elif isinstance(fld, sheet_fields.Text):
        size = 48 if fld.max_length >= 300 else 30 if fld.max_length >= 100 else 14
    elif is_list(fld):
        size = 28
    else:
        size = 10
    return max(size, min(len(col.header) + 3, 40))


def _key_values(ws, data: dict | None, dropped: list[str]) -> None:
    st = _styles()
    for index, text in enumerate(KV_HEADERS, start=1):
        cell = ws.cell(row=1, column=index, value=text)
        cell.font, cell.fill = st["header"], st["header_fill"]
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 70
    ws.freeze_panes = "A2"
    row = 2
    for section, cols in KV_COLUMNS.items():
        title = ws.cell(row=row, column=1, value=section_label(section))
        title.font, title.fill = st["header"], st["section_fill"]
        ws.cell(row=row, column=2).fill = st["section_fill"]
        ws.cell(row=row, column=3).fill = st["section_fill"]
        row += 1
        values = (data or {}).get(section)
        if values is not None and not isinstance(values, dict):
            dropped.append(f"{section}: {_show(values)}")
            values = None
        for col in cols:
            label = ws.cell(row=row, column=1, value=col.header)
            label.comment = _comment(col)
            label.alignment = st["wrap"]
            hint = col.help
            if _choices(col):
                hint = (
                    (hint + "; " if hint else "")
                    + "wartości: "
                    + ", ".join(v for v, _ in _choices(col))
                )
            ws.cell(row=row, column=3, value=hint or None).alignment = st["wrap"]
            value_cell = ws.cell(row=row, column=2)
            value_cell.number_format = _number_format(col)
            validation = _validation(col)
            if validation is not None:
                ws.add_data_validation(validation)
                validation.add(value_cell.coordinate)
            if values:
                _set(
                    value_cell,
                    _get(values, col.key),
                    col,
                    f"{section}.{'.'.join(col.key)}",
                    dropped,
                )
            row += 1


def _table_layout(ws, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws.freeze_panes = "B2"
    examples = EXAMPLES.get(table.sheet, {})
    for index, col in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=col.header)
        header.font, header.fill, header.alignment = st["header"], st["header_fill"], st["wrap"]
        header.comment = _comment(col)
        ws.column_dimensions[letter].width = _width(col)
        example = ws.cell(
            row=2, column=index, value=EXAMPLE_MARKER if index == 1 else examples.get(col.key)
        )
        example.font, example.fill = st["example"], st["example_fill"]
        example.number_format = _number_format(col)
        validation = _validation(col)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{DATA_ROWS}")
        # the column's own format applies to every cell people add, without creating rows
        ws.column_dimensions[letter].number_format = _number_format(col)


def _fill_table(ws, table: Table, data: dict, dropped: list[str]) -> None:
    row = FIRST_DATA_ROW
    for where, record in _records(table, data, dropped):
        for index, col in enumerate(table.columns, start=1):
            value = record.get(col.key[0]) if table.lists else _get(record, col.key)
            if table.lists:
                value = value[where[1]] if where[1] < len(value) else None
            _set(
                ws.cell(row=row, column=index), value, col, format_path((*where, *col.key)), dropped
            )
        row += 1


def _records(table: Table, data: dict, dropped: list[str]):
    """(path, record) for each row of *table* in *data*; child rows carry their parent's id."""
    section = data.get(table.section)
    if section is None:
        return
    if table.lists:
        if not isinstance(section, dict):
            dropped.append(f"{table.section}: {_show(section)}")
            return
        lists = {col.key[0]: _as_list(section.get(col.key[0])) for col in table.columns}
        for index in range(max((len(v) for v in lists.values()), default=0)):
            yield (table.section, index), lists
        return
    if not isinstance(section, list):
        dropped.append(f"{table.section}: {_show(section)}")
        return
    for i, parent in enumerate(section):
        if not isinstance(parent, dict):
            if table.child is None:
                dropped.append(f"{table.section}[{i}]: {_show(parent)}")
            continue
        if table.child is None:
            yield (table.section, i), parent
            continue
        children = parent.get(table.child) or []
        for j, child in enumerate(children if isinstance(children, list) else []):
            if isinstance(child, dict):
                yield (table.section, i, table.child, j), {**child, table.link: parent.get("id")}
            else:
                dropped.append(f"{table.section}[{i}].{table.child}[{j}]: {_show(child)}")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _get(record, key: tuple[str, ...]):
    for part in key:
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record


def _set(cell, value, col: Column, where: str, dropped: list[str]) -> None:
    """Write a source value as the column expects, keeping it as typed when it is not valid."""
    if value is None:
        return
    fld = col.field
    if is_list(fld) and isinstance(value, list):
        items = [str(v) for v in value]
        value = ("; " if any("," in i for i in items) else ", ").join(items)
    elif isinstance(fld, mfields.Boolean) and isinstance(value, bool):
        value = BOOLEAN_CHOICES[0] if value else BOOLEAN_CHOICES[1]
    elif isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(fld, sheet_fields.Amount):
        value = _amount(value)
    elif isinstance(value, (dict, list)):
        dropped.append(f"{where}: {_show(value)}")
        value = str(value)
    elif (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not isinstance(fld, mfields.Integer)
    ):
        value = str(value)  # an id or a code typed as a number: keep it as text
    elif isinstance(value, float) and not isinstance(fld, mfields.Integer):
        value = repr(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a value, never a formula


def _amount(value):
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, str) and re.fullmatch(r"\d+(\.\d{1,2})?", value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern already guards it
            return value
    return value


def _unknown_keys(data: dict) -> list[str]:
    """Data paths that the schema does not know (a typo in YAML): a workbook has no column for them."""
    out: list[str] = []

    def walk(value, schema, path):
        if not isinstance(value, dict):
            return
        for key, item in value.items():
            fld = schema.fields.get(key)
            if fld is None:
                out.append(f"{format_path((*path, key))}: {_show(item)}")
            elif isinstance(fld, mfields.Nested):
                walk(item, fld.schema, (*path, key))
            elif is_nested_list(fld) and isinstance(item, list):
                for i, element in enumerate(item):
                    walk(element, fld.inner.schema, (*path, key, i))

    walk(data, sheet_schema.SheetSchema(), ())
    return out


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- writing YAML ---------------------------------------------------------------------------------

YAML_HEADER = """\
Arkusz partnerów koalicji (deedgen). Wypełnij wartości po dwukropku; tekst po „#” to podpowiedź.
Sekcje i pola opcjonalne, które nie dotyczą koalicji, usuń. Daty: 2026-03-01; kwartały: 2026-Q2.
Nie wpisuj numerów PESEL. Sprawdź plik poleceniem: deedgen validate NAZWA-PLIKU.yaml"""


def yaml_text(data: dict | None = None) -> tuple[str, list[str]]:
    """A commented YAML partner sheet for *data*, or a blank skeleton; and the values dropped."""
    import io

    from ruamel.yaml import YAML

    document = _yaml_map(sheet_schema.SheetSchema(), data, blank=data is None, top=True)
    document.yaml_set_start_comment(YAML_HEADER)
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue(), _unknown_keys(data) if data is not None else []


def _yaml_map(schema, values, *, blank: bool, top: bool = False):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    values = values if isinstance(values, dict) else {}
    for name, fld in schema.fields.items():
        if not blank and name not in values:
            continue
        value = values.get(name)
        if isinstance(fld, mfields.Nested):
            value = (
                _yaml_map(fld.schema, value, blank=blank)
                if blank or isinstance(value, dict)
                else value
            )
        elif is_nested_list(fld):
            items = [None] if blank else value if isinstance(value, list) else None
            if items is None:
                pass
            else:
                seq = CommentedSeq()
                for item in items:
                    seq.append(
                        _yaml_map(fld.inner.schema, item, blank=blank)
                        if blank or isinstance(item, dict)
                        else item
                    )
                value = seq
        elif is_list(fld):
            value = CommentedSeq(value if isinstance(value, list) else [] if blank else [value])
            value.fa.set_flow_style()
        else:
            value = _yaml_scalar(value)
        out[name] = value
        _yaml_comment(out, name, fld, top)
    return out


def _yaml_scalar(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value.isoformat()
    return value


def _yaml_comment(mapping, name: str, fld, top: bool) -> None:
    meta = fld.metadata
    required = " (wymagane)" if fld.required else ""
    if top or isinstance(fld, mfields.Nested) or is_nested_list(fld):
        lines = [f"{meta['label']}{required} — {meta['description']}"]
        if not fld.required and isinstance(fld, mfields.Nested):
            lines.append("(opcjonalne: usuń całą sekcję, jeśli nie dotyczy)")
        indent = 0 if top else None
        if indent is None:
            mapping.yaml_add_eol_comment(" ".join(lines), name)
        else:
            mapping.yaml_set_comment_before_after_key(
                name, before="\n" + "\n".join(lines), indent=0
            )
        return
    text = meta["label"] + required
    if meta.get("help"):
        text += f": {meta['help']}"
    choices = _choices(Column((name,), fld, fld.required))
    if choices and isinstance(fld, sheet_fields.Choice):
        text += " [" + ", ".join(v for v, _ in choices) + "]"
    mapping.yaml_add_eol_comment(text, name)


# --- deedgen init --------------------------------------------------------------------------------


def init_sheet(
    path: str | Path, *, fmt: str | None = None, force: bool = False, source=None
) -> Written:
    """Write a blank partner sheet to *path* (or one filled from the sheet *source*).

    The format is *fmt* (``xlsx`` or ``yaml``) or follows the file's extension. An existing file
    is overwritten only with *force*.
    """
    from deedgen.sheet.load import load_sheet

    path = Path(path)
    fmt = _format_for(path, fmt)
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to overwrite it")
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent} is not a folder")
    data = load_sheet(source).data if source is not None else None
    if fmt == "yaml":
        text, dropped = yaml_text(data)
        _write_or_explain(path, lambda temporary: temporary.write_bytes(text.encode("utf-8")))
    else:
        workbook, dropped = build_workbook(data)
        _write_or_explain(path, workbook.save)
    return Written(path, dropped)


def _format_for(path: Path, fmt: str | None) -> str:
    suffix = path.suffix.lower()
    by_suffix = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}.get(suffix)
    if fmt is None:
        if by_suffix is None:
            raise OutputError(
                f"{path.name}: cannot tell the format from '{suffix}'; use .xlsx or .yaml"
            )
        return by_suffix
    if by_suffix is not None and by_suffix != fmt:
        raise OutputError(f"{path.name}: the extension '{suffix}' does not match --format {fmt}")
    return fmt


def _write_or_explain(path: Path, write: Callable[[Path], None]) -> None:
    """Write through :func:`~deedgen.fsutil.atomic_write_with`, so a failure never leaves half
    a sheet behind, and say which file could not be written."""
    try:
        atomic_write_with(path, write)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc
