"""A cohort: the partner sheets of a region's coalitions, built together by ``deedgen batch``.

A cohort is either

- a **folder**: every partner sheet (``*.xlsx``, ``*.yaml``, ``*.yml``, ``*.json``) at its top
  level, in name order (hidden files and Office lock files ``~$…`` are skipped); or
- a **cohort workbook** (XLSX) kept by the voivodeship library (BW), with two sheets:

  ``Kohorta`` — the cohort's shared settings, column A the setting, column B (and C, D… for
  several layers) its value:

  ==========================  ===========================================================
  ``Edycja programu``          the program edition; every sheet must be of this edition and
                               its funding rule set is used
  ``Biblioteka wojewódzka``    the BW: the library of every mentor the workbook assigns
  ``Warstwy klauzul``          clause overlay folders, most specific first (relative to the
                               workbook), after any ``--library`` given on the command line
  ==========================  ===========================================================

  ``Koalicje`` — one row per coalition under a header row: ``Arkusz`` (the partner sheet's
  path, relative to the workbook), ``Mentor`` and ``E-mail mentora`` (the mentor the BW assigns
  to it: replaces the sheet's own ``mentor``, and the sheet's warnings say so when it names
  another; empty: the sheet's own stays), ``Uwagi`` (the BW's remarks, shown in the cohort
  report), and optionally ``Raport`` (the coalition's filled report workbooks or PDF forms,
  several separated by ";" or a line break, relative to the workbook and inside its folder:
  ``deedgen evaluate COHORT.xlsx`` reads them, see :mod:`.report_paths`).

The workbook is untrusted input like a partner sheet: the ZIP container is checked before
openpyxl opens it. Problems of the workbook's structure (a missing sheet, an unknown column or
setting, a layer folder that does not exist) are all collected and raised at once as
:class:`~deedgen.exceptions.CohortInvalid`; a row naming a missing or duplicate sheet only fails that coalition.
"""

from deedgen.cohort.model import (
    COLUMN_KEYS,
    COLUMN_LABELS,
    MAX_COHORT_ROWS,
    ROWS_SHEET,
    SETTING_KEYS,
    SETTING_LABELS,
    SETTINGS_SHEET,
    SHEET_SUFFIXES,
    Cohort,
    CohortEntry,
    CohortSettings,
    cohort_problem,
)
from deedgen.cohort.reading import read_cohort, read_folder, read_workbook
from deedgen.cohort.writing import apply_overrides, write_workbook
from deedgen.exceptions import CohortInvalid

__all__ = [
    "COLUMN_KEYS",
    "COLUMN_LABELS",
    "MAX_COHORT_ROWS",
    "ROWS_SHEET",
    "SETTINGS_SHEET",
    "SETTING_KEYS",
    "SETTING_LABELS",
    "SHEET_SUFFIXES",
    "Cohort",
    "CohortEntry",
    "CohortInvalid",
    "CohortSettings",
    "apply_overrides",
    "cohort_problem",
    "read_cohort",
    "read_folder",
    "read_workbook",
    "write_workbook",
]
