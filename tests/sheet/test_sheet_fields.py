"""Each field of the partner sheet accepts what people type and refuses mistakes with a code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from marshmallow import ValidationError

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.xlsx import convert


def load(field, value):
    return field.deserialize(value)


def code_of(field, value) -> str:
    with pytest.raises(ValidationError) as info:
        field.deserialize(value)
    return str(info.value.messages[0])


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("525-000-01-27", "5250000127"),
        ("PL 5250000127", "5250000127"),
        (5250000127, "5250000127"),
        (5250000127.0, "5250000127"),
        ("123 456 78 02", "1234567802"),
    ],
)
def test_nip_accepts_dashes_prefix_and_numbers(typed, stored):
    assert load(sheet_fields.Nip(), typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [("5250000128", "nip_checksum"), ("525000012", "nip_length"), ("52500001AB", "nip_format")],
)
def test_nip_refuses(typed, code):
    assert code_of(sheet_fields.Nip(), typed) == code


@pytest.mark.parametrize("typed", ["140000017", "100000050", "30000001900015", 670000024])
def test_regon_accepts_9_and_14_digits(typed):
    assert load(sheet_fields.Regon(), typed) == str(typed)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("140000018", "regon_checksum"),
        ("14000001", "regon_length"),
        ("30000001900016", "regon_checksum"),
    ],
)
def test_regon_refuses(typed, code):
    assert code_of(sheet_fields.Regon(), typed) == code


def test_krs_restores_zeros_a_spreadsheet_dropped():
    assert load(sheet_fields.Krs(), 123456) == "0000123456"
    assert load(sheet_fields.Krs(), "0000123456") == "0000123456"
    assert code_of(sheet_fields.Krs(), "61234X") == "krs"
    assert code_of(sheet_fields.Krs(), "12345678901") == "krs"


def test_terc():
    assert load(sheet_fields.Terc(), "3201033") == "3201033"
    assert load(sheet_fields.Terc(), 613082) == "0613082"  # województwo 06 typed as a number
    assert code_of(sheet_fields.Terc(), "2704052") == "terc_voivodeship"
    assert code_of(sheet_fields.Terc(), "3401011") == "terc_voivodeship"
    assert (
        code_of(sheet_fields.Terc(), "2604054") == "terc_kind"
    )  # 4: a town inside a gmina, not a JST
    assert code_of(sheet_fields.Terc(), "26040") == "terc_format"
    assert code_of(sheet_fields.Terc(), "2600052") == "terc_format"


def test_postal_code():
    assert load(sheet_fields.PostalCode(), "28-130") == "28-130"
    assert load(sheet_fields.PostalCode(), "28130") == "28-130"
    for typed in ("2813", "28-1300", "28-130x", "AB-123"):
        assert code_of(sheet_fields.PostalCode(), typed) == "postal_code"


def test_email():
    assert load(sheet_fields.Email(), " iod@gmina.example.pl ") == "iod@gmina.example.pl"
    for typed in ("biblioteka(at)example.pl", "a@b", "a b@c.pl", "@example.pl"):
        assert code_of(sheet_fields.Email(), typed) == "email"


@pytest.mark.parametrize(
    "typed",
    [
        "2026-03-01",
        "1.03.2026",
        "01.03.2026 r.",
        dt.date(2026, 3, 1),
        dt.datetime(2026, 3, 1, 0, 0),
    ],
)
def test_date_as_text_or_date(typed):
    assert load(sheet_fields.Date(), typed) == dt.date(2026, 3, 1)


@pytest.mark.parametrize("typed", ["31.02.2026", "2026-13-01", "marzec 2026"])
def test_date_refuses(typed):
    assert code_of(sheet_fields.Date(), typed) == "date"


@pytest.mark.parametrize("typed", ["2026-Q2", "2026 Q2", "2026-K2", "2026 kw. 2", "2026q2"])
def test_quarter_variants(typed):
    assert load(sheet_fields.Quarter(), typed) == "2026-Q2"


@pytest.mark.parametrize("typed", ["2026-Q5", "Q2 2026", "2026-2"])
def test_quarter_refuses(typed):
    assert code_of(sheet_fields.Quarter(), typed) == "quarter"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("15 000,00 zł", "15000.00"),
        ("15000.5", "15000.50"),
        (1500.5, "1500.50"),
        (3000, "3000.00"),
        ("1\u00a0000,00", "1000.00"),
    ],
)
def test_amount(typed, amount):
    assert load(sheet_fields.Amount(), typed) == Decimal(amount)


def test_amount_refuses():
    assert code_of(sheet_fields.Amount(), "-5") == "amount"
    assert code_of(sheet_fields.Amount(), "dużo") == "amount"
    assert code_of(sheet_fields.Amount(), True) == "amount"
    assert code_of(sheet_fields.Amount(), "10,555") == "amount_cents"


@pytest.mark.parametrize(
    "typed", ["1e30", 1e300, "1" * 31, "9" * 2000, "123456789012345678901234567", "1000000000000"]
)
def test_an_amount_beyond_a_trillion_is_refused_not_a_crash(typed):
    assert code_of(sheet_fields.Amount(), typed) == "amount_too_large"


def test_the_largest_amount_is_kept_exactly():
    assert load(sheet_fields.Amount(), "999 999 999 999,99") == Decimal("999999999999.99")


@pytest.mark.parametrize("typed", ["0000000000", "000-000-00-00", "1111111111", "0123456789"])
def test_a_nip_that_only_passes_the_checksum_is_refused(typed):
    """Each passes stdnum's checksum; none can be real (no tax office code starts with 0)."""
    assert code_of(sheet_fields.Nip(), typed) == "nip_office"


def test_a_regon_of_zeros_is_refused():
    assert code_of(sheet_fields.Regon(), "000000000") == "regon_zeros"
    assert code_of(sheet_fields.Regon(), "00000000000000") == "regon_zeros"


def test_text_trims_folds_and_guards_privacy():
    assert load(sheet_fields.Text(), "  Koło \n Przyjaciół  ") == "Koło Przyjaciół"
    assert load(sheet_fields.Text(), 2026) == "2026"
    assert code_of(sheet_fields.Text(max_length=5), "za długi") == "too_long"
    assert code_of(sheet_fields.Text(), "wolontariuszka, PESEL 87031209471") == "private_data"
    assert (
        load(sheet_fields.Text(), "tel. 12345678901") == "tel. 12345678901"
    )  # 11 digits, not a PESEL


def test_choice_is_case_insensitive_but_closed():
    field = sheet_fields.Choice(("library", "gmina"))
    assert load(field, "Gmina") == "gmina"
    assert code_of(field, "urząd") == "choice"


@pytest.mark.parametrize(
    ("typed", "value"), [("TAK", True), ("nie", False), ("Prawda", True), (True, True)]
)
def test_workbook_booleans_in_polish(typed, value):
    field = sheet_fields.Boolean()
    assert load(field, convert(typed, field)) is value


def test_workbook_list_cells_split_on_semicolons_before_commas():
    field = sheet_fields.List(sheet_fields.Text())
    assert convert("gbp, gmina,szkola", field) == ["gbp", "gmina", "szkola"]
    assert convert("Wójt Gminy; Rada Gminy, Komisja", field) == [
        "Wójt Gminy",
        "Rada Gminy, Komisja",
    ]
