"""The same institution twice (issue 12 item 6, phase 2 § 3.8): two Parties with one name (case,
quotes and spaces aside) or one NIP, REGON root or KRS are refused, naming both places."""

from __future__ import annotations

import copy

import pytest

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.init import init_sheet
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import build, variant


def _errors(path) -> list:
    with pytest.raises(SheetInvalid) as raised:
        read_sheet(path)
    return [p for p in raised.value.problems if p.severity == "error"]


def test_one_nip_twice_names_both_cells_of_the_workbook(tmp_path):
    def twice(data):
        again = copy.deepcopy(data["parties"][2])  # the association
        again.update(id="razem2", name="Stowarzyszenie Lipowiec Razem — oddział", krs=None)
        data["parties"].append(again)

    workbook = init_sheet(tmp_path / "dwa.xlsx", source=variant(tmp_path, twice)).path
    (problem,) = _errors(workbook)
    assert problem.describe("pl") == (
        "dwa.xlsx: Strony!H7 — wiersz 7, kolumna „NIP”: ta sama instytucja co w Strony!H5: NIP "
        "„3417047187” — wpisz każdą Stronę raz"
    )
    assert (problem.related.sheet, problem.related.cell) == ("Strony", "H5")


def test_one_name_written_with_other_quotes_and_case_is_the_same_institution(tmp_path):
    def twice(data):
        data["parties"].append(
            {
                "id": "razem2",
                "kind": "association",
                "name": 'stowarzyszenie  "Lipowiec Razem"',
                "address": {"street": "ul. Polna 12", "postal_code": "28-130", "city": "Lipowiec"},
                "representatives": [{"name": "Jan Kos", "function": "Prezes Zarządu"}],
            }
        )

    (problem,) = _errors(variant(tmp_path, twice))
    assert (problem.code, problem.path) == ("duplicate_party", "parties[4].name")
    assert "ta sama instytucja co w wierszu" in problem.describe("pl")


def test_a_regon_of_a_local_unit_shares_the_root_of_its_institution(tmp_path):
    def branch(data):
        data["parties"].append(
            {
                "id": "filia",
                "kind": "association",
                "name": "Inna nazwa",
                "regon": data["parties"][1]["regon"] + "00015",
                "address": {"street": "ul. Polna 1", "postal_code": "28-130", "city": "Lipowiec"},
                "representatives": [{"name": "Jan Kos", "function": "Prezes Zarządu"}],
            }
        )

    errors = _errors(variant(tmp_path, branch))
    assert [(p.code, p.path, p.params["label"]) for p in errors] == [
        ("duplicate_party", "parties[4].regon", "REGON")
    ]


def test_a_school_may_share_the_nip_of_the_gmina_that_runs_it(tmp_path):
    def shared(data):
        data["parties"][3]["nip"] = data["parties"][1]["nip"]

    assert "Szkoła Podstawowa" in build(variant(tmp_path, shared))["declaration"].full
