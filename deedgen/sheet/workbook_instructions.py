"""The workbook's first sheet, ``Instrukcja``: how to fill the workbook in, what each sheet is
for, and the meaning of every allowed value.
"""

from __future__ import annotations

from deedgen.sheet.choices import choices_of
from deedgen.sheet.layout import EXAMPLE_MARKER, INSTRUCTIONS_SHEET, KV_COLUMNS, KV_SHEET, TABLES
from deedgen.sheet.workbook_columns import print_setup, styles

SHEET_PURPOSES = {
    KV_SHEET: "dane koalicji, gminy, skarbnika (gdy gmina wnosi środki finansowe), mentora z "
    "biblioteki wojewódzkiej i corocznej ewaluacji",
    "Strony": "strony deklaracji, po jednym wierszu: biblioteka gminna, gmina, organizacje, "
    "szkoły, instytucje kultury, firmy, mieszkańcy",
    "Przedstawiciele": "osoby, które podpisują deklarację w imieniu stron, po jednym wierszu",
    "Wkłady": "co każda strona wnosi: ludzi, przestrzeń, finanse albo wiedzę",
    "Zespół": "zespół projektowy: przedstawiciele instytucji koalicji",
    "Cele": "cele koalicji: cel z listy (cele z biblioteki klauzul) albo cel własny",
    "Działania": "działania koalicji i problemy społeczne, na które odpowiadają",
    "Mikrosukcesy": "mikrosukces każdego działania w każdym kwartale",
    "Promocja": "wydarzenia promocyjne: prezentacje kwartalne, seminaria, konferencje",
}
# what only the workbook's Instrukcja adds to a purpose: the studio's form has no columns or cells
WORKBOOK_HINTS = {
    KV_SHEET: "; kolumna A: nazwa pola, kolumna B: wartość",
    "Cele": ", po jednym w komórce",
}


# (text, style) of the "how to fill it in" rows at the top of the sheet
HOW_TO_FILL = [
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
        "wskazany z nazwą arkusza, wierszem i kolumną, np. Strony!H4 — wiersz 4, kolumna „NIP”. "
        "Z opcją --oznacz powstaje kopia skoroszytu z zaznaczonymi błędami i ich opisem "
        "w komentarzach.",
        None,
    ),
]


def write_instructions(ws) -> None:
    """Fill *ws* as the ``Instrukcja`` sheet: how to fill in, the sheets, the allowed values."""
    ws.title = INSTRUCTIONS_SHEET
    for letter, width in zip("ABCD", (20, 28, 26, 60), strict=True):
        ws.column_dimensions[letter].width = width
    print_setup(ws, title_rows=None)
    style = styles()
    row = _how_to_fill(ws, style, 1)
    row = _sheet_purposes(ws, style, row + 1)
    _allowed_values(ws, style, row + 1)


def _how_to_fill(ws, style: dict, row: int) -> int:
    """The rows of :data:`HOW_TO_FILL` from *row* on; the next free row."""
    for text, font in HOW_TO_FILL:
        cell = ws.cell(row=row, column=1, value=text)
        if font:
            cell.font = style[font]
        _wrap_across(ws, row, 1, text)
        row += 1
    return row


def _sheet_purposes(ws, style: dict, row: int) -> int:
    """What each sheet is for, from *row* on; the next free row."""
    ws.cell(row=row, column=1, value="Arkusze").font = style["header"]
    row += 1
    for name, purpose in SHEET_PURPOSES.items():
        purpose += WORKBOOK_HINTS.get(name, "")
        name_cell = ws.cell(row=row, column=1, value=name)
        name_cell.font, name_cell.alignment = style["header"], style["wrap"]
        ws.cell(row=row, column=2, value=purpose)
        _wrap_across(ws, row, 2, purpose)
        row += 1
    return row


def _allowed_values(ws, style: dict, row: int) -> None:
    """A table of every enumerated column's values and their Polish meaning, from *row* on."""
    ws.cell(row=row, column=1, value="Dozwolone wartości").font = style["header"]
    row += 1
    heads = ("Arkusz", "Kolumna", "Wartość do wyboru", "Kod (w starszych arkuszach)")
    for col_index, text in enumerate(heads, start=1):
        ws.cell(row=row, column=col_index, value=text).font = style["header"]
    row += 1
    for sheet, col in _all_columns():
        for code, label in choices_of(col):
            for col_index, text in enumerate((sheet, col.label, label, code), start=1):
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
