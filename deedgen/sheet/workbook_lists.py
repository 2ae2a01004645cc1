"""What the workbook's drop-downs offer: the Polish labels of every coded column and the goals of
the clause library by their Polish title (a hidden sheet ``Listy``), and, for a column that refers
to a party or an action, the ids the librarian typed on that sheet.

Lists live on a sheet rather than inline: Excel's inline list is capped at 255 characters and
splits on commas, and labels such as „edukacja, kompetencje” hold one.
"""

from __future__ import annotations

import functools

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.choices import offered
from deedgen.sheet.enumerations import folded
from deedgen.sheet.layout import LISTS_SHEET, Column

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
GOALS_KEY = ("chosen",)


@functools.cache
def goal_titles() -> dict[str, str]:
    """Polish title → id of every goal in the central clause library's goals menu."""
    from deedgen.clauses.library import load_library

    library = load_library()
    menu = [c for c in library.clauses.values() if "goal_menu" in c.documents]
    return {c.text("pl").title: c.id for c in sorted(menu, key=lambda c: c.text("pl").title)}


def goal_id(text):
    """The id of the goal whose title *text* is (typed loosely); *text* itself otherwise."""
    if not isinstance(text, str):
        return text
    by_title = {folded(title): goal for title, goal in goal_titles().items()}
    return by_title.get(folded(text), text)


def _range(sheet: str, column: str, first: int, last: int) -> str:
    return f"'{sheet}'!${column}${first}:${column}${last}"


class Lists:
    """The hidden ``Listy`` sheet of one workbook: one column per list, written on first use."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.ws = None
        self.ranges: dict[tuple[str, ...], str] = {}

    def formula(self, values: list[str]) -> str:
        key = tuple(values)
        if key not in self.ranges:
            from openpyxl.utils import get_column_letter

            if self.ws is None:
                self.ws = self.workbook.create_sheet(LISTS_SHEET)
                self.ws.sheet_state = "hidden"
            column = len(self.ranges) + 1
            for row, value in enumerate(values, start=1):
                self.ws.cell(row=row, column=column, value=value)
            letter = get_column_letter(column)
            self.ranges[key] = _range(LISTS_SHEET, letter, 1, len(values))
        return self.ranges[key]


def drop_down(col: Column, sheet: str, lists: Lists):
    """The drop-down of a column, or None when the column is free text."""
    from openpyxl.worksheet.datavalidation import DataValidation

    target = REFERENCES.get((sheet, col.key))
    if target is not None:
        formula = _range(target, "A", FIRST_DATA_ROW, DATA_ROWS)
        error = f"Wybierz identyfikator z kolumny A arkusza {target} albo najpierw go tam dopisz."
    elif sheet == "Cele" and col.key == GOALS_KEY:
        formula = lists.formula(list(goal_titles()))
        error = "Wybierz cel z listy (cele z biblioteki klauzul)."
    elif offered(col):
        formula = lists.formula(offered(col))
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
        prompt=(col.help or col.label)[:255],
        showInputMessage=True,
    )
