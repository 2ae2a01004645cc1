"""What a cohort folder or workbook can get wrong, in Polish (first) and English, keyed by a
code; ``str.format`` placeholders come from the place that finds the problem."""

from __future__ import annotations

from pathlib import Path

from deedgen.exceptions import Location, Problem

COHORT_MESSAGES: dict[str, tuple[str, str]] = {
    "no_source": (
        "nie ma takiego folderu ani skoroszytu: {path}",
        "no such folder or workbook: {path}",
    ),
    "not_a_cohort": (
        "kohorta to folder arkuszy partnerów albo skoroszyt kohorty (.xlsx)",
        "a cohort is a folder of partner sheets or a cohort workbook (.xlsx)",
    ),
    "no_sheets": (
        "w folderze {folder} nie ma arkuszy partnerów ({kinds})",
        "no partner sheets ({kinds}) in {folder}",
    ),
    "no_rows_sheet": (
        "brak arkusza „{name}” (lista koalicji); arkusze: {sheets}",
        "no sheet '{name}' (the list of coalitions); sheets: {sheets}",
    ),
    "no_rows": (
        "arkusz „{name}” nie wymienia żadnego arkusza partnerów",
        "sheet '{name}' lists no partner sheets",
    ),
    "too_many_rows": (
        "arkusz „{name}” ma więcej niż {limit} wierszy",
        "sheet '{name}' has more than {limit} rows",
    ),
    "unknown_setting": (
        "nieznane ustawienie „{found}”; oczekiwano jednego z: {known}",
        "unknown setting '{found}'; expected one of: {known}",
    ),
    "no_layer": (
        "nie ma folderu warstwy klauzul: {found} ({folder})",
        "clause layer folder not found: {found} ({folder})",
    ),
    "not_a_layer": (
        "to nie jest folder warstwy klauzul: {found} ({folder}) — warstwa to folder z plikami"
        " klauzul (*.pl.txt), nie katalog główny ani folder systemowy",
        "not a clause layer folder: {found} ({folder}): a layer holds clause files (*.pl.txt);"
        " never the filesystem root or a system folder",
    ),
    "several_values": (
        "„{label}” ma więcej niż jedną wartość",
        "'{label}' has more than one value",
    ),
    "mentor_without_sheet": (
        "mentor bez arkusza partnerów — wpisz ścieżkę arkusza w kolumnie Arkusz",
        "a mentor without a partner sheet",
    ),
    "empty_rows_sheet": (
        "arkusz „{name}” jest pusty; oczekiwano wiersza nagłówków: {expected}",
        "sheet '{name}' is empty; expected a header row: {expected}",
    ),
    "unknown_column": (
        "nieznana kolumna „{found}”; oczekiwano: {expected}",
        "unknown column '{found}'; expected: {expected}",
    ),
    "no_sheet_column": (
        "brak kolumny „{label}” (ścieżka arkusza partnerów)",
        "no column '{label}' (the partner sheet's path)",
    ),
    "report_without_sheet": (
        "raport bez arkusza partnerów — wpisz ścieżkę arkusza w kolumnie Arkusz",
        "a report without a partner sheet: give the sheet's path in the column Arkusz",
    ),
    "report_absolute": (
        "ścieżka raportu „{found}” jest bezwzględna — podaj ją względem folderu skoroszytu"
        " kohorty ({folder})",
        "the report path '{found}' is absolute: give it relative to the cohort workbook's"
        " folder ({folder})",
    ),
    "report_outside": (
        "raport „{found}” leży poza folderem skoroszytu kohorty ({folder}) — raporty muszą"
        " być w tym folderze lub jego podfolderach",
        "the report '{found}' lies outside the cohort workbook's folder ({folder}): reports"
        " must be in that folder or below it",
    ),
    "no_report": (
        "nie ma pliku raportu: {found} ({target})",
        "report file not found: {found} ({target})",
    ),
    "not_a_report": (
        "to nie jest plik raportu ({kinds}): {found}",
        "not a report file ({kinds}): {found}",
    ),
    "mentor_replaced": (
        "mentor z arkusza ({old}) zastąpiony mentorem ze skoroszytu kohorty ({new})",
        "the sheet's mentor ({old}) replaced by the cohort workbook's ({new})",
    ),
}


def said(code: str, file: Path, sheet: str | None = None, cell: str | None = None, **params):
    """The cohort problem *code* of :data:`COHORT_MESSAGES`, in Polish and English, at its place."""
    polish, english = (text.format(**params) for text in COHORT_MESSAGES[code])
    where = Location(file=str(file), sheet=sheet, cell=cell)
    return Problem.text("cohort", polish, location=where, english=english)


def mentor_replaced(previous: dict, assigned: dict, where: Location | None) -> Problem | None:
    """A warning when the workbook's mentor replaces another one the sheet names (the same
    person again, or a sheet without a mentor, is no news)."""
    before = {key: str(previous.get(key) or "").strip() for key in ("name", "email")}
    after = {key: str(assigned.get(key) or "").strip() for key in ("name", "email")}
    if not any(before.values()) or all(
        before[key].casefold() == after[key].casefold() for key in before if before[key]
    ):
        return None
    old = ", ".join(v for v in before.values() if v)
    new = ", ".join(v for v in after.values() if v)
    polish, english = (t.format(old=old, new=new) for t in COHORT_MESSAGES["mentor_replaced"])
    return Problem.text(
        "cohort_mentor", polish, english=english, severity="warning", location=where
    )
