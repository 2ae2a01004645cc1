"""What the workbook's drop-downs offer: the Polish labels of every coded column and the goals of
the clause library by their Polish title (a hidden sheet ``Listy``), and, for a column that refers
to a party or an action, the ids the librarian typed on that sheet.

Lists live on a sheet rather than inline: Excel's inline list is capped at 255 characters and
splits on commas, and labels such as „edukacja, kompetencje” hold one.
"""

from __future__ import annotations

import functools

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.choices import offered, plain_help
from deedgen.sheet.layout import GOAL_IDS_HEADER, GOALS_HEADER, GOALS_KEY, LISTS_SHEET, Column

FIRST_DATA_ROW = 3  # row 1: headers, row 2: the example
DATA_ROWS = 1000  # rows covered by the drop-downs

# (sheet, column key) of a column naming another sheet's row → that sheet (its ids are column A)
REFERENCES = {
    ("Przedstawiciele", ("party",)): "Strony",
    ("Wkłady", ("party",)): "Strony",
    ("Zespół", ("party",)): "Strony",
    ("Działania", ("lead",)): "Strony",
    ("Działania", ("partners",)): "Strony",
    ("Mikrosukcesy", ("action",)): "Działania",
}


@functools.cache
def goal_titles() -> dict[str, str]:
    """Polish title → id of every goal in the central clause library's goals menu."""
    from deedgen.clauses.library import load_library

    library = load_library()
    menu = [c for c in library.clauses.values() if "goal_menu" in c.documents]
    return {c.text("pl").title: c.id for c in sorted(menu, key=lambda c: c.text("pl").title)}


def _range(sheet: str, column: str, first: int, last: int) -> str:
    return f"'{sheet}'!${column}${first}:${column}${last}"


class Lists:
    """The hidden ``Listy`` sheet of one workbook: one column per list under its name in row 1,
    written on first use. The goals' column is followed by their ids, which the loader reads
    back (:data:`~deedgen.sheet.layout.GOAL_IDS_HEADER`): the sheet carries its own titles."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.ws = None
        self.ranges: dict[tuple[str, ...], str] = {}
        self.columns = 0

    def column(self, header: str, values) -> str:
        """Write a column; return its letter."""
        from openpyxl.utils import get_column_letter

        if self.ws is None:
            self.ws = self.workbook.create_sheet(LISTS_SHEET)
            self.ws.sheet_state = "hidden"
        self.columns += 1
        self.ws.cell(row=1, column=self.columns, value=header)
        for row, value in enumerate(values, start=2):
            self.ws.cell(row=row, column=self.columns, value=value)
        return get_column_letter(self.columns)

    def formula(self, header: str, values: list[str]) -> str:
        key = tuple(values)
        if key not in self.ranges:
            letter = self.column(header, values)
            self.ranges[key] = _range(LISTS_SHEET, letter, 2, len(values) + 1)
        return self.ranges[key]

    def goals(self) -> str:
        if GOALS_HEADER not in self.ranges:
            titles = goal_titles()
            letter = self.column(GOALS_HEADER, list(titles))
            self.column(GOAL_IDS_HEADER, list(titles.values()))
            self.ranges[GOALS_HEADER] = _range(LISTS_SHEET, letter, 2, len(titles) + 1)
        return self.ranges[GOALS_HEADER]


def drop_down(col: Column, sheet: str, lists: Lists):
    """The drop-down of a column, or None when the column is free text."""
    from openpyxl.worksheet.datavalidation import DataValidation

    target = REFERENCES.get((sheet, col.key))
    if target is not None:
        formula = _range(target, "A", FIRST_DATA_ROW, DATA_ROWS)
        error = f"Wybierz identyfikator z kolumny A arkusza {target} albo najpierw go tam dopisz."
    elif sheet == "Cele" and col.key == GOALS_KEY:
        formula = lists.goals()
        error = "Wybierz cel z listy (cele z biblioteki klauzul)."
    elif offered(col):
        formula = lists.formula(f"{sheet}: {col.label}", offered(col))
        error = "Wybierz z listy: " + ", ".join(offered(col))
    else:
        return None
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        # a warning, not a refusal: a list cell of partners holds several ids, and the loader
        # also reads codes and loosely typed labels
        showErrorMessage=not isinstance(col.field, sheet_fields.List),
        errorStyle="warning",
        errorTitle="Wartość spoza listy",
        error=error[:255],
        promptTitle=col.label[:32],
        prompt=(plain_help(col) or col.label)[:255],
        showInputMessage=True,
    )
