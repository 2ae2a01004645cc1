"""The private-data guard (issue 12 item 7, legal review § 3.10): PESEL numbers however written,
identity-card and passport numbers by their check digits, and natural persons' phone numbers and
home addresses are refused in every free-text field, in YAML and in the XLSX workbook, with the
field's label and place — and never the data itself."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from deedgen.exceptions import SheetInvalid
from deedgen.sheet.init import init_sheet
from deedgen.sheet.private_data import find_pesel, id_card_valid, passport_valid
from deedgen.sheet.validate import read_sheet
from tests.legal.conftest import variant

PESEL = "87031209471"  # a valid PESEL (checksum and date)
ID_CARD = "ABA300000"  # check digit 3 passes (weights 7,3,1,9,7,3,1,7,3, A = 10)
ID_CARD_BAD = "ABA400000"
PASSPORT = "CC7999486"  # check digit 7 passes (weights 7,3,9,1,7,3,1,7,3)


def test_the_check_digits():
    assert id_card_valid(ID_CARD) and id_card_valid("ABS 123456")
    assert not id_card_valid(ID_CARD_BAD) and not id_card_valid("AB1300000")
    assert passport_valid(PASSPORT) and not passport_valid("CC8999486")


@pytest.mark.parametrize(
    "text",
    [
        "PESEL 870312 09471",
        "nr 870-312-094-71",
        "8703 1209 471",
        "kontakt: marta.87031209471@poczta.example.pl",
    ],
)
def test_a_pesel_is_found_however_it_is_written(text):
    assert find_pesel(text) == PESEL


@pytest.mark.parametrize(
    "text",
    ["tel. +48 870 312 094", "NIP 441-372-05-70", "kwota 15 000 000,00 zł", "1 87031209471 2"],
)
def test_numbers_that_are_not_a_pesel(text):
    assert find_pesel(text) is None


def _errors(path):
    with pytest.raises(SheetInvalid) as info:
        read_sheet(path)
    return [p for p in info.value.problems if p.code == "private_data"]


def _describe(tmp_path, description, party="gbp"):
    def change(data):
        data["contributions"].append(
            {"party": party, "resource": "people", "description": description}
        )

    return variant(tmp_path, change)


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        (f"wolontariuszka Marta Duda, PESEL {PESEL[:6]}-{PESEL[6:]}", "numer PESEL"),
        (f"wolontariusz, dowód {ID_CARD[:3]} {ID_CARD[3:]}", "numer dowodu osobistego"),
        (f"trener, paszport {PASSPORT}", "numer paszportu"),
    ],
)
def test_an_identifier_in_a_description_is_refused_naming_field_and_kind(
    tmp_path, description, kind
):
    (problem,) = _errors(_describe(tmp_path, description))
    message = problem.message("pl")
    assert problem.severity == "error" and problem.path.endswith(".description")
    assert message.startswith(f"pole „Opis wkładu” zawiera {kind}")
    assert not any(ch.isdigit() for ch in message)  # the number is never echoed
    assert problem.location.line


def test_a_number_of_the_shape_but_a_wrong_check_digit_is_a_warning(tmp_path):
    sheet = read_sheet(_describe(tmp_path, f"zestaw nr {ID_CARD_BAD} z magazynu"))
    (warning,) = [p for p in sheet.warnings if p.code == "private_data_suspect"]
    assert warning.severity == "warning"
    assert "numer dowodu osobistego" in warning.message("pl")
    assert ID_CARD_BAD not in warning.message("pl")


def test_a_pesel_in_an_email_local_part_is_refused(tmp_path):
    def change(data):
        data["parties"][0]["email"] = f"dyrektor.{PESEL}@lipowiec.example.pl"

    (problem,) = _errors(variant(tmp_path, change))
    assert problem.path == "parties[0].email" and "numer PESEL" in problem.message("pl")


def _resident(**changes):
    def change(data):
        data["parties"].append(
            {
                "id": "mieszkanka",
                "kind": "resident",
                "name": "Irena Wolska",
                "short_name": "Mieszkanka",
                "address": {"street": "Lipowiec", "postal_code": "28-130", "city": "Lipowiec"},
                "representatives": [{"name": "Irena Wolska", "function": "mieszkanka"}],
                **changes,
            }
        )
        data["contributions"].append(
            {"party": "mieszkanka", "resource": "people", "description": "prowadzenie spotkań"}
        )

    return change


def test_a_resident_gives_the_locality_only(tmp_path):
    assert read_sheet(variant(tmp_path, _resident()))  # the locality is enough
    home = {"street": "ul. Polna 19/2", "postal_code": "28-130", "city": "Lipowiec"}
    (problem,) = _errors(variant(tmp_path, _resident(address=home)))
    assert problem.path.endswith(".address.street")
    message = problem.message("pl")
    assert "pole „Ulica i numer” zawiera adres zamieszkania" in message
    assert "podaj tylko miejscowość" in message and "Polna" not in message


def test_a_residents_phone_and_street_in_their_contribution_are_refused(tmp_path):
    def change(data):
        _resident()(data)
        data["contributions"][-1]["description"] = (
            "spotkania u mnie, ul. Polna 19, tel. 601 234 567"
        )

    found = {p.params["kind"] for p in _errors(variant(tmp_path, change))}
    assert found == {"numer telefonu osoby fizycznej", "adres zamieszkania (ulica i numer domu)"}


def test_an_institutions_phone_and_address_are_not_private(tmp_path):
    sheet = read_sheet(_describe(tmp_path, "dyżur w czytelni, ul. Rynek 5, tel. 41 351 22 10"))
    assert not [p for p in sheet.warnings if p.code.startswith("private_data")]


def test_a_team_members_phone_is_refused(tmp_path):
    def change(data):
        data["team"][1]["name"] += " 601-234-567"

    (problem,) = _errors(variant(tmp_path, change))
    assert problem.path == "team[1].name" and "Imię i nazwisko" in problem.message("pl")


def test_the_workbook_names_sheet_and_cell_and_never_the_number(tmp_path):
    workbook = init_sheet(tmp_path / "lipowiec.xlsx", source=variant(tmp_path, lambda d: None)).path
    book = load_workbook(workbook)
    sheet = book["Wkłady"]
    headers = [cell.value for cell in sheet[1]]
    cell = sheet.cell(
        row=3,  # row 2 is the example row
        column=headers.index("Opis wkładu *") + 1,
    )
    cell.value = f"{cell.value}; kontakt: wolontariuszka, dowód {ID_CARD}"
    book.save(workbook)
    (problem,) = _errors(workbook)
    assert (problem.location.sheet, problem.location.cell) == ("Wkłady", cell.coordinate)
    described = problem.describe("pl")
    assert f"Wkłady!{cell.coordinate}" in described
    assert "numer dowodu osobistego" in described and ID_CARD not in described
    assert "300000" not in described
