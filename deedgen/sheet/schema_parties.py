"""The sheet's parties and what they bring: each party with its address, representatives and power
of attorney, its contributions, and the project team drawn from the parties.
"""

from __future__ import annotations

from deedgen.sheet import fields as sheet_fields
from deedgen.sheet.enumerations import (
    GOVERNING_BODIES,
    GRANTORS,
    INFORMAL_GROUP_MODES,
    PARTY_KINDS,
    REPRESENTATION_MODES,
    RESOURCES,
    TEAM_ROLES,
)
from deedgen.sheet.schema_base import Strict, doc


class AddressSchema(Strict):
    # Optional: a resident or an informal group gives the locality only, and a village without
    # streets has an address such as "Lipowiec 12"; the cross-checks require it of institutions.
    street = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Ulica i numer",
            "np. ul. Rynek 5; wieś bez ulic: Lipowiec 12; mieszkaniec i grupa nieformalna: puste",
            "Street and number (empty for a resident or an informal group)",
        ),
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
    granted_by = sheet_fields.Choice(
        GRANTORS,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Pełnomocnictwo — kto udzielił",
            "szkoła gminna: wójt/burmistrz (executive); szkoła powiatowa: zarząd powiatu",
            "Who granted the power of attorney or the authorisation",
        ),
    )


class PartyTreasurerSchema(Strict):
    name = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc(
            "Skarbnik Strony — imię i nazwisko",
            "powiat, województwo, gmina sąsiednia albo szkoła powiatu, gdy wnosi środki",
            "Name of this party's treasurer (skarbnik), who countersigns its money",
        ),
    )
    function = sheet_fields.Text(
        required=True,
        max_length=120,
        metadata=doc(
            "Skarbnik Strony — funkcja", "np. Skarbnik Powiatu Buskiego", "Treasurer's function"
        ),
    )
    name_genitive = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=120,
        metadata=doc(
            "Skarbnik Strony — w dopełniaczu",
            "np. Jolanty Pietrzak",
            "The treasurer's name in the genitive (optional)",
        ),
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
            "Pełnomocnictwo",
            "szkoła: pełnomocnictwo organu prowadzącego; gmina: upoważnienie zastępcy "
            "wójta/burmistrza (Upoważnienie (zastępca))",
            "Power of attorney (schools) or the deputy's authorisation (the gmina)",
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
    # New fields go after the old ones, so the columns of existing workbooks keep their letters.
    governing_body = sheet_fields.Choice(
        GOVERNING_BODIES,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Organ prowadzący",
            "dla szkoły: gmina, powiat albo inny podmiot (np. stowarzyszenie)",
            "A school's governing body (organ prowadzący)",
        ),
    )
    governing_body_party = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=40,
        metadata=doc(
            "Organ prowadzący — Strona (id)",
            "gdy organ prowadzący to inny podmiot: id tej Strony (np. stowarzyszenia)",
            "Id of the party that runs the school (governing body 'other')",
        ),
    )
    governing_body_name = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=150,
        metadata=doc(
            "Organ prowadzący — nazwa",
            "szkoła powiatu albo województwa, które nie są Stroną: np. Powiat Buski",
            "Name of the governing JST when it is not a party itself",
        ),
    )
    governing_body_genitive = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=150,
        metadata=doc(
            "Organ prowadzący — w dopełniaczu",
            "np. Powiatu Buskiego (do „pełnomocnictwa Zarządu Powiatu Buskiego”)",
            "The governing JST's name in the genitive",
        ),
    )
    representation_mode = sheet_fields.Choice(
        REPRESENTATION_MODES,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Reprezentacja",
            "stowarzyszenie zwykłe: jego przedstawiciel albo zarząd (gdy brak podstawy reprezentacji)",
            "How an ordinary association is represented: its representative or its board",
        ),
    )
    register_number = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=60,
        metadata=doc(
            "Nr w rejestrze / ewidencji",
            "instytucja kultury: nr w rejestrze instytucji kultury; stowarzyszenie zwykłe: nr w "
            "ewidencji stowarzyszeń zwykłych (starosta)",
            "Entry number in the register of cultural institutions or of ordinary associations",
        ),
    )
    kgw_register_number = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=60,
        metadata=doc(
            "Nr w Krajowym Rejestrze Kół Gospodyń Wiejskich",
            "koło gospodyń wiejskich: nr w rejestrze prowadzonym przez Prezesa ARiMR (nie KRS)",
            "Entry number of a rural women's circle in the national KGW register (ARiMR)",
        ),
    )
    runs_library = sheet_fields.Boolean(
        load_default=False,
        metadata=doc(
            "Prowadzi bibliotekę publiczną",
            "TAK: instytucja kultury prowadząca bibliotekę (np. Ośrodek Kultury i Biblioteka); "
            "może być inicjatorem zamiast biblioteki",
            "A cultural institution that runs the public library (may initiate instead of one)",
        ),
    )
    informal_group_mode = sheet_fields.Choice(
        INFORMAL_GROUP_MODES,
        load_default=None,
        allow_none=True,
        metadata=doc(
            "Udział grupy nieformalnej",
            "członkowie podpisują jako osoby fizyczne albo grupa składa deklarację poparcia "
            "(bez statusu Strony)",
            "How an informal group takes part: its members sign as natural persons, or it only "
            "declares its support (not a Party)",
        ),
    )
    treasurer = sheet_fields.Nested(
        PartyTreasurerSchema,
        load_default=None,
        allow_none=True,
        metadata=doc("Skarbnik Strony", "", "This party's treasurer (a JST other than the gmina)"),
    )
    short_name_en = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=80,
        metadata=doc(
            "Nazwa skrócona (EN)",
            "w wersji angielskiej; domyślnie „Library” dla biblioteki, „Gmina” dla gminy, "
            "w pozostałych przypadkach nazwa skrócona",
            "Short name in the English rendering (defined term)",
        ),
    )
    organizer_accusative = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=90,
        metadata=doc(
            "Organizator w bierniku",
            "do „rejestru prowadzonego przez …”, np. Gminę Lipowiec; puste: Gmina → Gminę, "
            "Powiat i Województwo bez zmian",
            "The organiser in the accusative, for the register entry",
        ),
    )
    name_instrumental = sheet_fields.Text(
        load_default=None,
        allow_none=True,
        max_length=200,
        metadata=doc(
            "Nazwa w narzędniku",
            "biblioteka: „współpracy z …”, np. Gminną Biblioteką Publiczną w Lipowcu",
            "The library's name in the instrumental, for the preliminary declaration",
        ),
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
