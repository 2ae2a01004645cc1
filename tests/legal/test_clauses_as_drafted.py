"""Scenario tests for the drafting fixes of issue 12 that live in the clause texts: the money
clause, the contractual form, the preliminary declaration's legal character, the evaluation
adopted by the Team, residents in the Team, names in the right case and a deputy's authorisation."""

from __future__ import annotations

import datetime as dt

from tests.legal.conftest import COHORT, build, variant


def test_the_money_clause_points_at_a_separate_agreement_within_the_budget_resolution():
    financing = build("brzeziny-nowe")["declaration"].paragraph("Finansowanie").text
    assert (
        "Gmina przeznacza na realizację działań Koalicji środki finansowe w łącznej kwocie "
        "nieprzekraczającej 15 000,00 zł (słownie: piętnaście tysięcy złotych 00/100), na zasadach "
        "i w terminach określonych w odrębnej umowie, w granicach uchwały budżetowej."
    ) in financing
    assert "w sposób i w terminach określonych w Planie działań" not in financing


def test_no_money_clause_names_the_gmina_by_its_term():
    financing = build("lipowiec")["declaration"].paragraph("Brak skutków finansowych").text
    assert "Gmina nie przekazuje w ramach Deklaracji środków finansowych." in financing


def test_accepted_signatures_are_a_contractual_form_under_pain_of_nullity():
    text = build("lipowiec")["declaration"]
    form = text.paragraph("Forma Deklaracji i jej zmian")
    first = form.text.split("\n2.\t")[0]
    assert (
        "Na podstawie art. 76 ustawy z dnia 23 kwietnia 1964 r. – Kodeks cywilny Strony zastrzegają"
        in first
    )
    assert "wymagają, pod rygorem nieważności, zachowania jednej z następujących form:" in first
    assert (
        "formy elektronicznej, to jest opatrzenia oświadczenia kwalifikowanym podpisem elektronicznym"
        in first
    )
    assert "postaci elektronicznej opatrzonej podpisem zaufanym albo podpisem osobistym" in first
    assert "uznają oświadczenie opatrzone takim podpisem za złożone w formie" not in text.full
    # notice and the termination agreement refer to that form, not to the statutory written form
    term = text.paragraph("Okres obowiązywania i wypowiedzenie").text
    assert term.count(f"w formie określonej w § {form.number} ust. 1") == 1
    assert (
        f"Wypowiedzenie wymaga, pod rygorem nieważności, formy określonej w § {form.number} ust. 1."
        in term
    )
    assert "formie pisemnej pod rygorem nieważności" not in term


def test_the_preliminary_declaration_is_neither_an_offer_nor_a_preliminary_contract():
    character = build("lipowiec")["preliminary"].paragraph("Charakter Deklaracji").text
    assert (
        "Deklaracja nie stanowi oferty w rozumieniu art. 66 § 1 ustawy z dnia 23 kwietnia 1964 r. "
        "– Kodeks cywilny ani umowy przedwstępnej w rozumieniu art. 389 § 1 tej ustawy"
    ) in character
    assert "oferty ani umowy przedwstępnej w rozumieniu art. 389" not in character


def test_the_annual_evaluation_is_adopted_by_the_team():
    text = build("lipowiec")["declaration"]
    meetings = text.paragraph("Posiedzenia i rozstrzygnięcia Zespołu")
    evaluation = text.paragraph("Coroczna ewaluacja").text
    assert f"i przyjmuje go w trybie § {meetings.number} ust. 2." in evaluation
    assert "Przyjęty raport podpisuje Koordynator w imieniu Zespołu" in evaluation
    forms = build("lipowiec")["evaluation_forms"].full
    assert "raport z Ewaluacji, który Zespół przyjmuje w trybie rozstrzygnięć Zespołu" in forms


def add_resident(data):
    data["parties"].append(
        {
            "id": "mieszkanka",
            "kind": "resident",
            "name": "Irena Wolska",
            "short_name": "Mieszkanka",
            "address": {"street": "Lipowiec", "postal_code": "28-130", "city": "Lipowiec"},
            "representatives": [{"name": "Irena Wolska", "function": "mieszkanka"}],
        }
    )


def test_a_resident_takes_part_in_the_team_in_person(tmp_path):
    team = build(variant(tmp_path, add_resident))["declaration"].paragraph("Zespół projektowy").text
    assert "Strona będąca osobą fizyczną uczestniczy w pracach Zespołu osobiście" in team
    assert "Irena Wolska (Strona: Mieszkanka, osobiście)" in team
    assert "Mieszkanka wskazuje" not in team and "wskazuje swojego przedstawiciela" not in team


def test_the_library_is_named_in_the_instrumental_case_when_its_name_allows_it():
    lipowiec = build("lipowiec")["preliminary"].full
    brzeziny = build("brzeziny-nowe")["preliminary"].full
    assert "z Gminną Biblioteką Publiczną w Lipowcu, zwaną dalej „Biblioteką”" in lipowiec
    assert "z Miejsko-Gminną Biblioteką Publiczną w Brzezinach Nowych, zwaną dalej" in brzeziny
    assert "z biblioteką gminną:" not in lipowiec + brzeziny


def test_a_library_name_outside_the_known_forms_keeps_the_nominative(tmp_path):
    def merged(data):
        data["parties"][0]["name"] = "Ośrodek Kultury i Biblioteka Publiczna w Lipowcu"

    text = build(variant(tmp_path, merged))["preliminary"].full
    assert (
        "z biblioteką gminną: Ośrodek Kultury i Biblioteka Publiczna w Lipowcu, zwaną dalej" in text
    )


def test_the_treasurer_countersigns_with_the_function_in_the_genitive(tmp_path):
    def old_sheet(data):  # without the name in the genitive (phase 2, third pass)
        del data["treasurer"]["name_genitive"]

    parties = build(variant(tmp_path, old_sheet, "brzeziny-nowe"))["declaration"].full
    assert (
        "przy kontrasygnacie Skarbnika Gminy Brzeziny Nowe: Jolanta Pietrzak – dalej: „Gmina”"
        in parties
    )
    assert "przy kontrasygnacie skarbnika gminy: Jolanta Pietrzak" not in parties


def test_a_deputy_acts_under_a_numbered_and_dated_authorisation_in_both_declarations(tmp_path):
    def deputy(data):
        gmina = data["parties"][1]
        gmina["representatives"] = [
            {"name": "Marek Sosna", "function": "Zastępca Wójta Gminy Lipowiec"}
        ]
        gmina["power_of_attorney"] = {"number": "OR.0052.1.2026", "date": dt.date(2026, 1, 5)}

    documents = build(variant(tmp_path, deputy))
    expected = (
        "Marek Sosna (Zastępca Wójta Gminy Lipowiec), na podstawie upoważnienia Wójta Gminy Lipowiec "
        "nr OR.0052.1.2026 z dnia 5 stycznia 2026 r., udzielonego w trybie art. 46 ust. 1 ustawy z dnia "
        "8 marca 1990 r. o samorządzie gminnym"
    )
    assert expected in documents["declaration"].full
    assert expected in documents["preliminary"].full


def test_an_ordinary_association_is_represented_as_its_data_says(tmp_path):
    def friends(data):
        data["parties"].append(
            {
                "id": "kpb",
                "kind": "ordinary_association",
                "name": "Koło Przyjaciół Biblioteki w Lipowcu",
                "address": {"street": "ul. Szkolna 4", "postal_code": "28-130", "city": "Lipowiec"},
                "representatives": [
                    {"name": "Alicja Dąb", "function": "Przewodnicząca Zarządu Koła"},
                    {"name": "Jan Buk", "function": "Członek Zarządu Koła"},
                ],
            }
        )

    board = build(variant(tmp_path, friends))["declaration"].full
    assert "jako członkowie zarządu stowarzyszenia zwykłego, zgodnie z jego regulaminem" in board
    representative = build(COHORT / "jaworowka-nowa.yaml")["declaration"].full
    assert "jako przedstawiciel reprezentujący stowarzyszenie zwykłe" in representative
    assert "(przedstawiciel albo zarząd)" not in board + representative
