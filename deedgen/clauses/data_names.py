"""The data a clause may use, described in Polish for mentors: the studio's field picker.

One entry per name a template or condition can reach (``docs/clause-format.md`` § Data is the
English reference); every top-level name of :data:`deedgen.context.CONTEXT_NAMES` is here
(tests/clauses/test_data_names.py keeps the two in step). Names inside a list (a party's NIP, an
action's title) are given with the loop variable the shipped clauses use (``p``, ``a``, ``c``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataName:
    name: str  # what the template writes: "coalition.place", "party.nip"
    description: str  # Polish, for the mentor
    group: str  # the picker's heading


def _group(group: str, *entries: tuple[str, str]) -> list[DataName]:
    return [DataName(name, description, group) for name, description in entries]


DATA_NAMES: tuple[DataName, ...] = tuple(
    _group(
        "Koalicja",
        ("coalition.name", "nazwa koalicji"),
        ("coalition.place", "miejscowość zawarcia deklaracji"),
        ("coalition.declaration_date", "data deklaracji partnerstwa (filtr | date)"),
        ("coalition.preliminary_declaration_date", "data wstępnej deklaracji gminy"),
        ("coalition.period_start", "początek okresu programu"),
        ("coalition.period_end", "koniec okresu programu"),
        ("coalition.edition", "edycja programu, np. 2026"),
        ("coalition.continuity", "klauzula ciągłości (prawda/fałsz)"),
        ("coalition.term_years", "okres obowiązywania deklaracji w latach"),
        ("coalition.notice_months", "okres wypowiedzenia w miesiącach"),
        ("coalition.jrwa", "symbol JRWA do archiwizacji"),
        ("lang", "język dokumentu: pl albo en"),
        ("annex", "numery załączników: annex.action_plan, annex.evaluation_forms, annex.support"),
    )
    + _group(
        "Gmina",
        ("gmina.name", "nazwa gminy, np. Gmina Lipowiec"),
        ("gmina.name_genitive", "nazwa gminy w dopełniaczu"),
        (
            "gmina.name_locative",
            "nazwa gminy w miejscowniku z „w”: z arkusza albo „Gmina X” → „w Gminie X”; brak, gdy nie da się utworzyć",
        ),
        ("gmina.terc", "kod TERC (7 cyfr)"),
        ("gmina.executive_title", "organ wykonawczy: Wójt, Burmistrz, Prezydent Miasta"),
        ("gmina.executive_name", "imię i nazwisko wójta / burmistrza"),
        ("gmina.powiat", "powiat"),
        ("gmina.voivodeship", "województwo"),
        ("gmina_party", "gmina jako Strona (pola jak p.… poniżej)"),
        (
            "treasurer",
            "skarbnik: treasurer.name, treasurer.function, treasurer.name_genitive; brak, gdy nie podano",
        ),
        ("gmina_money", "suma środków finansowych gminy (filtr | amount albo | money)"),
        ("gmina_contributes_money", "czy gmina wnosi środki finansowe (wtedy kontrasygnata)"),
        ("total_money", "suma środków finansowych wszystkich Stron"),
        ("jst_money", "środki każdej JST (także jej szkół): {id Strony: kwota}"),
        ("jst_pledges", "JST wnoszące środki: party, amount, treasurer (skarbnik tej JST)"),
        ("jst_contributes_money", "czy jakakolwiek JST wnosi środki (wtedy § o finansowaniu)"),
    )
    + _group(
        "Strony",
        ("parties", "wszystkie Strony w kolejności arkusza (pętla: for p in parties; dalej p.…)"),
        ("library", "biblioteka gminna inicjująca koalicję (pola jak p.…)"),
        ("partners", "Strony poza biblioteką i gminą"),
        ("schools", "szkoły wśród partnerów"),
        ("ngos", "stowarzyszenia, fundacje i stowarzyszenia zwykłe wśród partnerów"),
        (
            "friends_circle",
            "pierwsze stowarzyszenie zwykłe (np. Koło Przyjaciół Biblioteki) albo brak",
        ),
        ("p.name", "pełna nazwa Strony"),
        ("p.short_name", "nazwa skrócona (zwana dalej …)"),
        ("p.kind_label", "rodzaj Strony po polsku"),
        ("p.address_line", "adres w jednym wierszu"),
        ("p.nip", "NIP"),
        ("p.regon", "REGON"),
        ("p.krs", "numer KRS"),
        ("p.email", "adres e-mail Strony"),
        ("p.representatives", "osoby reprezentujące: name, function"),
        ("p.representation_basis", "podstawa reprezentacji (statut, pełnomocnictwo…)"),
        ("p.power_of_attorney", "pełnomocnictwo / upoważnienie: number, date"),
        ("p.iod_email", "e-mail inspektora ochrony danych"),
        ("p.contributions", "wkłady tej Strony"),
        (
            "legal_parties",
            "Strony w rozumieniu prawa: bez szkół działających po stronie swojej JST",
        ),
        ("units", "jednostki (szkoły) uczestniczące po stronie Strony, bez własnego głosu"),
        ("supporters", "grupy nieformalne z deklaracją poparcia (nie są Stronami)"),
        ("p.acts_for", "Strona, po której stronie działa jednostka (szkoła), albo brak"),
        ("p.jst_kind", "rodzaj JST: gmina, powiat, voivodeship, other_jst; albo brak"),
        ("p.governing", "organ prowadzący szkoły: body, name, genitive"),
    )
    + _group(
        "Wkłady",
        ("contributions", "wszystkie wkłady (pętla: for c in contributions; dalej c.…)"),
        ("contributions_by_party", "wkłady pogrupowane według Stron: party, items"),
        ("contributions_by_resource", "wkłady według zasobu: people, space, finances, knowledge"),
        ("c.resource_label", "zasób po polsku: ludzie, miejsce, finanse, wiedza"),
        ("c.description", "opis wkładu"),
        ("c.amount", "kwota (tylko finanse; filtr | amount)"),
        ("c.period", "okres wnoszenia wkładu"),
    )
    + _group(
        "Zespół i mentor",
        ("team", "członkowie Zespołu: name, party, role"),
        ("coordinator", "koordynator Zespołu albo brak"),
        ("mentor", "mentor z biblioteki wojewódzkiej: name, library, email; albo brak"),
    )
    + _group(
        "Cele i działania",
        ("chosen_goals", "teksty celów wybranych z menu"),
        ("own_goals", "własne cele koalicji"),
        ("actions", "działania (pętla: for a in actions; dalej a.…)"),
        ("social_actions", "działania odpowiadające na problemy społeczne"),
        ("a.title", "tytuł działania"),
        ("a.problem_label", "problem społeczny po polsku"),
        ("a.lead", "Strona prowadząca działanie"),
        ("a.partners", "Strony współpracujące przy działaniu"),
        ("a.start_quarter", "kwartał rozpoczęcia (filtr | quarter)"),
        ("a.micro_successes", "mikrosukcesy: quarter, description"),
        ("quarters", "wszystkie kwartały okresu programu"),
        ("promotion", "wydarzenia promocyjne: kind_label, quarter, level, audience"),
        ("evaluation", "ewaluacja: month_name, method, recipients"),
    )
)

FILTERS_PL: tuple[tuple[str, str], ...] = (
    ("date", "data słownie: 15 kwietnia 2026 r."),
    ("amount", "kwota ze słownie: 1 000,00 zł (słownie: …)"),
    ("money", "kwota: 1 000,00 zł"),
    ("quote", "w cudzysłowie: „Biblioteka”"),
    ("quarter", "kwartał: II kwartał 2026 r."),
    ("join_names", "lista nazw: A, B i C"),
)


def groups() -> list[tuple[str, list[DataName]]]:
    """The picker's headings, each with its names, in catalogue order."""
    out: dict[str, list[DataName]] = {}
    for entry in DATA_NAMES:
        out.setdefault(entry.group, []).append(entry)
    return list(out.items())
