"""The sheet's parties and what they bring: each party with its address, representatives and power
of attorney, its contributions, and the project team drawn from the parties.
"""

from __future__ import annotations

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.enumerations import PARTY_KINDS, RESOURCES, TEAM_ROLES
from deedgen.sheet.schema_base import Strict, doc


class AddressSchema(Strict):
    street = sheet_fields.Text(
        required=True, metadata=doc("Ulica i numer", "np. ul. Rynek 5", "Street and number")
    )
    postal_code = sheet_fields.PostalCode(
        required=True, metadata=doc("Kod pocztowy", "format NN-NNN", "Postal code, NN-NNN")
    )
    city = sheet_fields.Text(
        required=True, metadata=doc("Miejscowość", "poczta", "City (post town)")
    )


class RepresentativeSchema(Strict):
    party = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc(
            "Strona (id)", "identyfikator strony z arkusza Strony", "Id of the party represented"
        ),
    )
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Imię i nazwisko", "", "Name of the representative"),
    )
    function = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Funkcja", "np. Dyrektor, Prezes Zarządu", "Function"),
    )


class PowerOfAttorneySchema(Strict):
    number = sheet_fields.Text(
        required=True,
        max_length=60,
        metadata=doc("Nr pełnomocnictwa", "np. OR.0052.3.2026", "Number of the power of attorney"),
    )
    date = sheet_fields.Date(
        required=True, metadata=doc("Data pełnomocnictwa", "", "Date of the power of attorney")
    )


class PartySchema(Strict):
    id = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Id", "krótki klucz, np. gbp, gmina, kgw", "Short key used for references"),
    )
    kind = sheet_fields.Choice(
        PARTY_KINDS, required=True, metadata=doc("Rodzaj", "rodzaj strony", "Kind of party")
    )
    name = sheet_fields.Text(
        required=True,
        max_length=300,
        metadata=doc("Pełna nazwa", "pełna nazwa zgodnie z rejestrem", "Full name"),
    )
    short_name = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=80,
        metadata=doc(
            "Nazwa skrócona",
            "jak Strona będzie nazywana w dokumencie, np. „Biblioteka”",
            "Short name used in the documents (defined term)",
        ),
    )
    address = sheet_fields.Nested(
        AddressSchema, required=True, metadata=doc("Adres", "", "Seat / address")
    )
    nip = sheet_fields.Nip(
        load_default=None,
        allow_none=True,
        metadata=doc("NIP", "10 cyfr, z kreskami lub bez", "NIP tax number"),
    )
    regon = sheet_fields.Regon(
        load_default=None,
        allow_none=True,
        metadata=doc("REGON", "9 lub 14 cyfr", "REGON statistical number"),
    )
    krs = sheet_fields.Krs(
        load_default=None,
        allow_none=True,
        metadata=doc("KRS", "10 cyfr (fundacje, stowarzyszenia)", "KRS register number"),
    )
    email = sheet_fields.Email(
        load_default=None,
        allow_none=True,
        metadata=doc("E-mail", "adres do kontaktu", "Contact e-mail"),
    )
    representation_basis = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=300,
        metadata=doc(
            "Podstawa reprezentacji", "np. statut, odpis z KRS, uchwała", "Basis of representation"
        ),
    )
    organizer = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=150,
        metadata=doc(
            "Organizator",
            "dla instytucji kultury i bibliotek: organizator",
            "Organiser of a cultural institution or library",
        ),
    )
    power_of_attorney = sheet_fields.Nested(
        PowerOfAttorneySchema,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Pełnomocnictwo", "dla szkół: pełnomocnictwo wójta", "Power of attorney (schools)"
        ),
    )
    representatives = sheet_fields.List(
        sheet_fields.Nested(RepresentativeSchema(exclude=("party",))),
        load_default=list,
        metadata=doc("Reprezentanci", "", "Representatives who sign"),
    )
    iod_email = sheet_fields.Email(
        load_default=None,
        allow_none=True,
        metadata=doc("E-mail IOD", "inspektor ochrony danych", "Data protection officer's e-mail"),
    )


class ContributionSchema(Strict):
    party = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc("Strona (id)", "identyfikator strony", "Id of the contributing party"),
    )
    resource = sheet_fields.Choice(
        RESOURCES,
        required=True,
        metadata=doc(
            "Zasób",
            "people, space, finances, knowledge albo in_kind (wkład rzeczowy)",
            "Resource kind",
        ),
    )
    description = sheet_fields.Text(
        required=True,
        max_length=600,
        metadata=doc("Opis wkładu", "co konkretnie Strona wnosi", "What the party contributes"),
    )
    amount = sheet_fields.Amount(
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Kwota (zł)",
            "tylko dla wkładu finansowego, np. 1000,00",
            "Amount in PLN (exact decimal)",
        ),
    )
    value = sheet_fields.Amount(
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Wartość (zł)",
            "szacunkowa wartość wkładu niefinansowego, nie są to środki finansowe",
            "Estimated value of a non-financial contribution in PLN (not money)",
        ),
    )
    period = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=100,
        metadata=doc("Okres", "np. 2026–2027", "Period of the contribution"),
    )


class TeamMemberSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc("Imię i nazwisko", "", "Name of the team member"),
    )
    party = sheet_fields.Text(
        required=True,
        max_length=40,
        metadata=doc(
            "Strona (id)", "instytucja, którą reprezentuje", "Id of the party the member represents"
        ),
    )
    role = sheet_fields.Choice(
        TEAM_ROLES,
        load_default="member",
        metadata=doc("Rola", "coordinator albo member", "Role in the project team"),
    )
