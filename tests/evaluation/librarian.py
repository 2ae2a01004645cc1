"""A librarian filling report workbooks with openpyxl, as she would in Excel or LibreOffice:
statuses from the drop-downs, dates, a presentation, new rows at the bottom — and, when a test
asks for them, mistakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl


def _columns(ws) -> dict[str, int]:
    """Header label (without the required mark) → column number."""
    return {str(c.value).rstrip(" *"): c.column for c in ws[1] if c.value}


def set_form(book, sheet: str, values: dict) -> None:
    """Fill a form sheet: label (as printed, without *) → value."""
    ws = book[sheet]
    for row in ws.iter_rows(min_row=2):
        label = str(row[0].value or "").rstrip(" *")
        if label in values:
            row[1].value = values[label]


def set_column(book, sheet: str, label: str, value, rows=None) -> None:
    """Put *value* in column *label* of every pre-filled row (or of the given row numbers)."""
    ws = book[sheet]
    column = _columns(ws)[label]
    for number in rows or range(2, ws.max_row + 1):
        if ws.cell(number, 1).value is not None:
            ws.cell(number, column).value = value


def add_row(book, sheet: str, values: dict) -> int:
    """Append a row: label → value. Returns its row number."""
    ws = book[sheet]
    columns = _columns(ws)
    number = (
        max((r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value is not None), default=1) + 1
    )
    for label, value in values.items():
        ws.cell(number, columns[label]).value = value
    return number


def fill_quarter(
    source: Path,
    target: Path,
    *,
    status: str = "zrealizowane",
    presentation: bool = True,
    prepared_on: dt.date | None = None,
    edit=None,
) -> Path:
    """A quarterly report filled in: every planned micro-success gets *status*, every action
    and event a state, the presentation held (or not); *edit(book)* adds the test's changes."""
    book = openpyxl.load_workbook(source)
    period = book["Raport"]["B5"].value
    year, quarter = int(period[:4]), int(period[-1])
    end = dt.date(year, 3 * quarter, 28)
    form = {
        "Sporządził(a)": "koordynator zespołu",
        "Data sporządzenia": prepared_on or end + dt.timedelta(days=10),
    }
    form["Prezentacja mikrosukcesów odbyła się?"] = "TAK" if presentation else "NIE"
    if presentation:
        form |= {
            "Data prezentacji": end,
            "Miejsce prezentacji": "Biblioteka",
            "Dla kogo": "mieszkańcy i partnerzy",
        }
    set_form(book, "Raport", form)
    set_column(book, "Mikrosukcesy", "Status", status)
    if status in ("zrealizowane", "częściowo"):
        set_column(book, "Mikrosukcesy", "Data", end - dt.timedelta(days=20))
        set_column(book, "Mikrosukcesy", "Liczba uczestników", 12)
    if status == "przesunięte":
        set_column(
            book,
            "Mikrosukcesy",
            "Przesunięte na kwartał",
            f"{year + quarter // 4}-Q{quarter % 4 + 1}",
        )
    set_column(book, "Działania", "Stan realizacji", "zgodnie z planem")
    set_column(book, "Promocja", "Odbyło się?", "TAK" if presentation else "NIE")
    if edit:
        edit(book)
    book.save(target)
    return target


def fill_year(source: Path, target: Path, *, prepared_on: dt.date | None = None, edit=None) -> Path:
    """An annual report filled in: statuses, goals, contributions, sustainability, conclusions."""
    book = openpyxl.load_workbook(source)
    year = int(book["Raport"]["B5"].value)
    set_form(book, "Raport", {
        "Sporządził(a)": "koordynator zespołu",
        "Data sporządzenia": prepared_on or dt.date(year + 1, 1, 15),
        "Prezentacja mikrosukcesów odbyła się?": "TAK",
        "Data prezentacji": dt.date(year, 12, 10),
        "Dla kogo": "Rada Gminy i mieszkańcy",
    })  # fmt: skip
    set_column(book, "Mikrosukcesy", "Status", "zrealizowane")
    set_column(book, "Działania", "Stan realizacji", "zgodnie z planem")
    set_column(book, "Promocja", "Odbyło się?", "TAK")
    set_column(book, "Cele", "Postęp", "w toku")
    set_column(book, "Cele", "Co na to wskazuje", "więcej czytelników i uczestników zajęć")
    set_column(book, "Wkłady", "Wniesiono?", "tak")
    set_form(book, "Trwałość", {
        "Posiedzenia zespołu w roku": 4,
        "Zmiana władz gminy w roku?": "NIE",
        "Zobowiązania dotrzymane po zmianie władz?": "nie dotyczy",
        "Nowe władze poinformowane o deklaracji?": "nie dotyczy",
    })  # fmt: skip
    set_form(book, "Wnioski", {
        "Wnioski zespołu": "Działania dla seniorów przyciągnęły więcej osób, niż planowano.",
        "Rekomendacje": "Utrwalić Klub Sąsiedzki jako stałe działanie.",
    })  # fmt: skip
    add_row(book, "Zmiany planu", {
        "Działanie (id)": "d2",
        "Rodzaj zmiany": "zmiana terminu",
        "Opis zmiany": "przedłużenie Klubu Sąsiedzkiego do końca 2027 r.",
        "Od kwartału": f"{year + 1}-Q1",
    })  # fmt: skip
    if edit:
        edit(book)
    book.save(target)
    return target
