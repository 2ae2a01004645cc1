"""A synthetic cohort: seeded, realistic, valid partner sheets of fictional coalitions.

    python bench/synthetic.py OUTDIR [-n 50] [--seed 7] [--workbook]

Each sheet has 3–12 parties (the library, the gmina and a mix of NGOs, schools, cultural
institutions, a county library, businesses, informal groups, residents, sometimes a powiat),
2–8 actions with a micro-success in every quarter they run, contributions from every party,
a project team, promotion in every program year and an annual evaluation — so that a sheet
passes validation and the funding conditions, like a real cohort mostly does. Identifiers pass
their checksums (NIP, REGON) and TERC codes are consistent with the gmina's kind, but name no
real entity. The same seed gives the same cohort.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import yaml
from stdnum.pl import nip, regon

# Fictional place names, each declined: a stem, then an ending whose case forms (nominative,
# genitive, locative) and gender are known, then sometimes a qualifier that agrees with it —
# „Lipowiec Górny”, „Razem w Lipowcu Górnym”, „Burmistrz Lipowca Górnego”.
ROOTS = (
    "Brzoz", "Lip", "Dęb", "Jawor", "Olsz", "Wierzb", "Grab", "Buk", "Klon", "Sosn", "Świerk",
    "Wiśni", "Malin", "Orzech", "Kalin", "Jarzębin",
)  # fmt: skip
ENDINGS = (
    ("owiec", "owca", "owcu", "m"), ("ówka", "ówki", "ówce", "f"), ("owo", "owa", "owie", "n"),
    ("owa Wola", "owej Woli", "owej Woli", "f"), ("ów", "owa", "owie", "m"),
    ("owice", "owic", "owicach", "pl"),
)  # fmt: skip
QUALIFIERS = (None, None, None, "Górn", "Doln", "Now", "Star", "Wielk", "Mał", "Kościeln")
# An adjective's endings by gender: nominative, genitive, locative (a stem in -k takes -i-).
ADJECTIVE = {
    "m": ("y", "ego", "ym"), "f": ("a", "ej", "ej"), "n": ("e", "ego", "ym"), "pl": ("e", "ych", "ych"),
}  # fmt: skip


def _adjective(stem: str, gender: str) -> tuple[str, str, str]:
    forms = ADJECTIVE[gender]
    if stem.endswith("k"):  # Wielki, Wielkiego, Wielkim, Wielkie; but Wielka
        soft = {"y": lambda f: "i" + f[1:], "e": lambda f: "i" + f}
        return tuple(stem + soft.get(f[0], str)(f) for f in forms)
    return tuple(stem + f for f in forms)


def place_name(rng: random.Random) -> dict:
    """A fictional place: its name in the nominative, genitive and locative, and the powiat's
    adjective made from the same stem („lipowski”)."""
    root = rng.choice(ROOTS)
    *cases, gender = rng.choice(ENDINGS)
    names = [root + case for case in cases]
    qualifier = rng.choice(QUALIFIERS)
    if qualifier:
        names = [f"{n} {a}" for n, a in zip(names, _adjective(qualifier, gender), strict=True)]
    nominative, genitive, locative = names
    return {"nom": nominative, "gen": genitive, "loc": locative, "powiat": root.lower() + "owski"}


# First names with their genitive (the skarbnik's countersignature names him or her in it).
FIRST_F = (
    ("Anna", "Anny"), ("Barbara", "Barbary"), ("Ewa", "Ewy"), ("Joanna", "Joanny"),
    ("Katarzyna", "Katarzyny"), ("Magdalena", "Magdaleny"), ("Agnieszka", "Agnieszki"),
    ("Halina", "Haliny"), ("Zofia", "Zofii"), ("Małgorzata", "Małgorzaty"),
    ("Elżbieta", "Elżbiety"), ("Dorota", "Doroty"),
)  # fmt: skip
FIRST_M = (
    ("Tomasz", "Tomasza"), ("Piotr", "Piotra"), ("Michał", "Michała"), ("Paweł", "Pawła"),
    ("Marek", "Marka"), ("Krzysztof", "Krzysztofa"), ("Grzegorz", "Grzegorza"),
    ("Andrzej", "Andrzeja"), ("Jan", "Jana"), ("Łukasz", "Łukasza"), ("Robert", "Roberta"),
    ("Wojciech", "Wojciecha"),
)  # fmt: skip
SURNAMES = (
    ("Zieliński", "Zielińska"), ("Nowak", "Nowak"), ("Kowalczyk", "Kowalczyk"), ("Wiśniewski", "Wiśniewska"),
    ("Dąbrowski", "Dąbrowska"), ("Lewandowski", "Lewandowska"), ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"),
    ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Mazur", "Mazur"), ("Krawczyk", "Krawczyk"),
    ("Pietrzak", "Pietrzak"), ("Jankowski", "Jankowska"), ("Grabowski", "Grabowska"), ("Pawlak", "Pawlak"),
)  # fmt: skip
VOIVODESHIPS = {
    "02": ("dolnośląskie", "Wrocławiu"), "04": ("kujawsko-pomorskie", "Toruniu"), "06": ("lubelskie", "Lublinie"),
    "08": ("lubuskie", "Zielonej Górze"), "10": ("łódzkie", "Łodzi"), "12": ("małopolskie", "Krakowie"),
    "14": ("mazowieckie", "Warszawie"), "16": ("opolskie", "Opolu"), "18": ("podkarpackie", "Rzeszowie"),
    "20": ("podlaskie", "Białymstoku"), "22": ("pomorskie", "Gdańsku"), "24": ("śląskie", "Katowicach"),
    "26": ("świętokrzyskie", "Kielcach"), "28": ("warmińsko-mazurskie", "Olsztynie"),
    "30": ("wielkopolskie", "Poznaniu"), "32": ("zachodniopomorskie", "Szczecinie"),
}  # fmt: skip
GMINA_KINDS = {
    "1": ("miejska", "burmistrz", "Miejska"),
    "2": ("wiejska", "wójt", "Gminna"),
    "3": ("miejsko-wiejska", "burmistrz", "Miejsko-Gminna"),
}
OTHER_KINDS = (
    "association", "association", "foundation", "ordinary_association", "school", "school",
    "cultural_institution", "county_library", "company", "informal_group", "resident", "powiat",
)  # fmt: skip
ONCE = ("county_library", "powiat")  # one powiat, and its library, per coalition
GOALS = (
    "accessibility", "civic_dialogue", "community_centre", "digital_inclusion", "education", "integration",
    "local_development", "local_heritage", "reading", "seniors", "volunteering", "youth",
)  # fmt: skip
PROBLEMS = (
    ("wykluczenie cyfrowe osób starszych", "digital_exclusion", "Cyfrowy Senior — warsztaty kompetencji cyfrowych"),
    ("brak bezpiecznego miejsca spotkań dla młodzieży", "youth", "Strefa Młodych w Bibliotece"),
    ("osamotnienie i słabe więzi sąsiedzkie", "integration", "Klub Sąsiedzki w Bibliotece"),
    ("bariery w dostępie do kultury dla osób z niepełnosprawnościami", "disability", "Biblioteka bez barier"),
    ("niski poziom czytelnictwa dzieci", "education", "Czytające Przedszkolaki"),
    ("mała aktywność seniorów poza domem", "seniors", "Aktywny Senior w Bibliotece"),
    ("słaby udział mieszkańców w decyzjach gminy", "civic_participation", "Kawiarenka Obywatelska"),
    ("utrudniony dostęp do kultury w sołectwach", "culture_access", "Biblioteka w każdym sołectwie"),
)  # fmt: skip
RESOURCE_TEXT = {
    "people": "wolontariusze i pracownicy prowadzący spotkania",
    "space": "sala udostępniana na działania koalicji",
    "knowledge": "wiedza ekspercka i konsultacje metodyczne",
    "finances": "środki na materiały i wyposażenie",
}
QUARTERS = [f"{y}-Q{q}" for y in (2026, 2027) for q in (1, 2, 3, 4)][1:]  # 2026-Q2 … 2027-Q4


def _person(rng: random.Random) -> str:
    return _person_declined(rng)[0]


def _person_declined(rng: random.Random) -> tuple[str, str]:
    """A name, and the same in the genitive (Zielińska → Zielińskiej, Nowak → Nowak for a woman,
    Zieliński → Zielińskiego, Nowak → Nowaka for a man)."""
    female = rng.random() < 0.6
    first, first_genitive = rng.choice(FIRST_F if female else FIRST_M)
    surname = rng.choice(SURNAMES)[1 if female else 0]
    if female:
        genitive = surname[:-1] + "iej" if surname.endswith("ska") else surname
    else:
        genitive = surname + "ego" if surname.endswith("ski") else surname + "a"
    return f"{first} {surname}", f"{first_genitive} {genitive}"


def _nip(rng: random.Random) -> str:
    while True:
        body = f"{rng.randint(1, 9)}{rng.randint(0, 99_999_999):08d}"
        check = sum(w * int(d) for w, d in zip((6, 5, 7, 2, 3, 4, 5, 6, 7), body, strict=True)) % 11
        if check < 10:
            number = f"{body}{check}"
            assert nip.is_valid(number)
            return f"{number[:3]}-{number[3:6]}-{number[6:8]}-{number[8:]}"


def _regon(rng: random.Random) -> str:
    body = f"{rng.randint(1, 99_999_999):08d}"
    return body + regon.calc_check_digit(body)


def _krs(rng: random.Random) -> str:
    return f"{rng.randint(100_000, 999_999):010d}"


def gmina_identity(index: int, rng: random.Random, region: str | None = None) -> dict:
    """A fictional gmina with a TERC code unique to *index* in the cohort (in the voivodeship
    *region*, a TERC prefix such as "26", if given); its seat's name declined (:func:`place_name`)."""
    voivodeships = sorted(VOIVODESHIPS)
    code = region or voivodeships[index % len(voivodeships)]
    rest = index if region else index // len(voivodeships)
    powiat, gmina = 1 + rest // 40 % 60, 1 + rest % 40
    kind = rng.choice("1222333")  # most gminas are rural
    place = place_name(rng)
    return {
        "terc": f"{code}{powiat:02d}{gmina:02d}{kind}",
        "place": place["nom"],
        "forms": place,
        "kind": kind,
        "voivodeship": VOIVODESHIPS[code][0],
        "bw_city": VOIVODESHIPS[code][1],
    }


def _address(rng: random.Random, place: str, postal: str) -> dict:
    street = rng.choice(
        ("ul. Szkolna", "ul. Rynek", "ul. Polna", "ul. Kościuszki", "ul. Parkowa", "Plac Wolności")
    )
    return {"street": f"{street} {rng.randint(1, 40)}", "postal_code": postal, "city": place}


# Names of the parties of a kind, the n-th (from 1) of them named by the n-th pattern (a
# coalition has at most ten parties besides the library and the gmina, so names never repeat).
NAMES = {
    "association": (
        "Stowarzyszenie „{}”",
        ("Razem dla {gen}", "Przyjaciele {gen}", "Przyszłość {gen}", "Rozwój {gen}",
         "Tradycje {gen}", "Sąsiedzi {gen}", "Młodzież {gen}", "Seniorzy {gen}",
         "Kultura {gen}", "Ziemia {gen}"),
    ),
    "foundation": (
        "Fundacja „{}”",
        ("Horyzonty {gen}", "Perspektywy {gen}", "Szansa dla {gen}", "Serce {gen}",
         "Dobro {gen}", "Skrzydła {gen}", "Marzenia {gen}", "Mosty {gen}", "Korzenie {gen}",
         "Pasje {gen}"),
    ),
    "ordinary_association": (
        "{}",
        ("Koło Przyjaciół Biblioteki w {loc}", "Klub Miłośników Książki w {loc}",
         "Klub Seniora w {loc}", "Koło Miłośników Historii {gen}", "Klub Rowerowy w {loc}",
         "Koło Fotograficzne w {loc}", "Klub Szachowy w {loc}", "Klub Planszówek w {loc}",
         "Koło Turystyczne w {loc}", "Klub Rodziców w {loc}"),
    ),
    "school": ("{}", tuple(f"Szkoła Podstawowa nr {n} w {{loc}}" for n in range(1, 11))),
    "cultural_institution": (
        "{}",
        ("Gminny Ośrodek Kultury w {loc}", "Muzeum Regionalne w {loc}", "Dom Kultury w {loc}",
         "Centrum Kultury i Sportu w {loc}", "Gminne Centrum Kultury w {loc}",
         "Izba Regionalna w {loc}", "Ośrodek Kultury i Czytelnictwa w {loc}",
         "Dom Ludowy w {loc}", "Galeria Sztuki w {loc}", "Świetlica Kultury w {loc}"),
    ),
    "county_library": ("{}", ("Powiatowa Biblioteka Publiczna w {loc}",) * 10),
    "company": (
        "{} sp. z o.o.",
        ("Drukarnia „Kartka”", "Piekarnia „Kłos”", "Usługi Informatyczne „Bajt”",
         "Księgarnia „Zakładka”", "Wydawnictwo „Strona”", "Pracownia „Ramka”",
         "Studio „Kadr”", "Tartak „Słój”", "Ogrodnictwo „Zielnik”", "Kawiarnia „Filiżanka”"),
    ),
    "informal_group": (
        "Grupa nieformalna „{}”",
        ("Sąsiedzi z {gen}", "Mamy z {gen}", "Młodzi z {gen}", "Seniorzy z {gen}",
         "Rękodzieło z {gen}", "Śpiewamy w {loc}", "Biegacze z {gen}", "Ogrodnicy z {gen}",
         "Wolontariusze z {gen}", "Czytelnicy z {gen}"),
    ),
    "powiat": ("{}", ("Powiat {powiat}",) * 10),
}  # fmt: skip
SHORT = {
    "association": "Stowarzyszenie", "foundation": "Fundacja", "ordinary_association": "Koło",
    "school": "Szkoła", "cultural_institution": "Ośrodek Kultury", "county_library":
    "Biblioteka Powiatowa", "company": "Spółka", "informal_group": "Grupa", "resident":
    "Mieszkaniec", "powiat": "Powiat",
}  # fmt: skip


def _party_name(rng: random.Random, kind: str, number: int, place: dict) -> str:
    if kind == "resident":
        return _person(rng)
    frame, names = NAMES[kind]
    return frame.format(
        names[number - 1].format(**dict(place, powiat=place["powiat"].capitalize()))
    )


def _party(
    rng: random.Random, kind: str, number: int, place: dict, postal: str, executive: str
) -> dict:
    """One party of *kind*; the representatives the funding rules and validation expect."""
    name = _party_name(rng, kind, number, place)
    party = {
        "id": f"p{number}",
        "kind": kind,
        "name": name,
        "short_name": f"{SHORT[kind]} {number}",
        "address": _address(rng, place["nom"], postal),
    }
    reps = 1
    if kind in ("association", "foundation", "company"):
        basis = "umowa spółki i odpis z KRS" if kind == "company" else "statut i odpis z KRS"
        party.update(krs=_krs(rng), nip=_nip(rng), representation_basis=basis)
        reps = 2 if kind != "company" else 1
    elif kind == "powiat":
        party.update(
            nip=_nip(rng),
            regon=_regon(rng),
            representation_basis="art. 48 ustawy o samorządzie powiatu",
        )
        reps = 2
    elif kind == "school":  # a gmina's school: the gmina is the Party, its head authorises
        head = "Wójta" if executive == "wójt" else "Burmistrza"
        basis = f"pełnomocnictwo {head} (art. 47 ust. 1 ustawy o samorządzie gminnym)"
        party.update(governing_body="gmina", regon=_regon(rng), representation_basis=basis)
        party["power_of_attorney"] = {
            "number": f"OR.0052.{number}.2026",
            "date": dt.date(2026, 3, 20),
        }
    elif kind in ("cultural_institution", "county_library"):
        powiat = f"Powiat {place['powiat'].capitalize()}"
        organizer = f"Gmina {place['nom']}" if kind == "cultural_institution" else powiat
        party.update(
            nip=_nip(rng),
            regon=_regon(rng),
            organizer=organizer,
            register_number=str(number),
            representation_basis="statut",
        )
    if kind in ("resident", "informal_group"):  # a natural person's address: the locality only
        del party["address"]["street"]
    if kind == "informal_group":  # its members sign, each as a natural person
        party["informal_group_mode"] = "members"
        reps = 2
    elif kind == "ordinary_association":
        party["representation_mode"] = "przedstawiciel"
    if kind in ("school", "cultural_institution", "county_library", "powiat"):
        party["iod_email"] = f"iod.p{number}@{postal}.example.pl"  # a public body must have one
    functions = {
        "powiat": ("Starosta", "Wicestarosta"),
        "resident": ("mieszkaniec",),
        "company": ("Prezes Zarządu",),
        "informal_group": ("członek grupy",),
        "ordinary_association": ("Przedstawiciel Koła",),
    }
    titles = functions.get(
        kind, ("Prezes Zarządu", "Członek Zarządu") if reps == 2 else ("Dyrektor",)
    )
    person = name if kind == "resident" else None
    party["representatives"] = [
        {"name": person or _person(rng), "function": titles[i % len(titles)]} for i in range(reps)
    ]
    return party


def generate_sheet(
    index: int,
    seed: int = 7,
    *,
    parties: int | None = None,
    actions: int | None = None,
    region: str | None = None,
) -> dict:
    """The partner sheet (plain data) of the *index*-th coalition of a cohort (its gmina in the
    voivodeship *region*, a TERC prefix such as "26", if given)."""
    rng = random.Random(f"{seed}:{index}")
    who = gmina_identity(index, rng, region)
    place, forms, kind = who["place"], who["forms"], who["kind"]
    gmina_kind, executive, library_adjective = GMINA_KINDS[kind]
    gmina_name = f"Gmina {place}"
    postal = f"{rng.randint(10, 99)}-{rng.randint(100, 999)}"
    executive_name = _person(rng)
    # a wójt heads the gmina („Wójt Gminy X”), a burmistrz the town („Burmistrz X-a”)
    head = f"Wójt Gminy {place}" if executive == "wójt" else f"Burmistrz {forms['gen']}"
    council = f"Rada Gminy {place}" if executive == "wójt" else f"Rada Miejska w {forms['loc']}"
    library = {
        "id": "gbp",
        "kind": "library",
        "name": f"{library_adjective} Biblioteka Publiczna w {forms['loc']}",
        "short_name": "Biblioteka",
        "address": _address(rng, place, postal),
        "nip": _nip(rng),
        "regon": _regon(rng),
        "email": f"biblioteka{index}@gmina.example.pl",
        "organizer": gmina_name,
        "register_number": "1",
        "representation_basis": "art. 17 ustawy o organizowaniu i prowadzeniu działalności kulturalnej; statut Biblioteki",
        "iod_email": f"iod{index}@gmina.example.pl",
        "representatives": [{"name": _person(rng), "function": "Dyrektor"}],
    }
    gmina = {
        "id": "gmina",
        "kind": "gmina",
        "name": gmina_name,
        "short_name": "Gmina",
        "address": _address(rng, place, postal),
        "nip": _nip(rng),
        "regon": _regon(rng),
        "representation_basis": "art. 31 ustawy o samorządzie gminnym",
        "iod_email": f"iod{index}@gmina.example.pl",
        "representatives": [{"name": executive_name, "function": head}],
    }
    count = parties or rng.randint(3, 12)
    kinds: list[str] = []
    for _ in range(1, count - 1):
        choice = rng.choice(OTHER_KINDS)
        kinds.append("association" if choice in ONCE and choice in kinds else choice)
    others = [_party(rng, kind, n, forms, postal, executive) for n, kind in enumerate(kinds, 1)]
    everyone = [library, gmina, *others]
    gmina_money = rng.random() < 0.4
    contributions = [
        {
            "party": "gbp",
            "resource": "space",
            "description": "czytelnia i sala spotkań udostępniane koalicji",
        },
        {
            "party": "gbp",
            "resource": "people",
            "description": "koordynacja koalicji przez pracownika Biblioteki",
        },
        {
            "party": "gmina",
            "resource": "knowledge",
            "description": "dane diagnostyczne i konsultacje",
        },
    ]
    if gmina_money:
        amount = f"{rng.randint(2, 40) * 500}.00"
        contributions.append(
            {
                "party": "gmina",
                "resource": "finances",
                "amount": amount,
                "description": "środki na wyposażenie i materiały",
            }
        )
    for party in others:
        # a school's or a powiat's money would need a skarbnik's countersignature, and an
        # informal group cannot pledge money at all (issue 12): they bring other resources
        kinds = ("people", "space", "knowledge")
        if party["kind"] not in ("school", "powiat", "informal_group"):
            kinds += ("finances",)
        resource = rng.choice(kinds)
        item = {"party": party["id"], "resource": resource, "description": RESOURCE_TEXT[resource]}
        if resource == "finances":
            item["amount"] = f"{rng.randint(1, 20) * 250}.00"
        contributions.append(item)
    exempt = ("resident", "informal_group")
    team = [{"name": library["representatives"][0]["name"], "party": "gbp", "role": "coordinator"}]
    team += [
        {"name": p["representatives"][0]["name"], "party": p["id"], "role": "member"}
        for p in everyone[1:]
        if p["kind"] not in exempt
    ]
    sheet = {
        "coalition": {
            "name": f"Koalicja „Razem w {forms['loc']}” ({who['terc']})",
            "edition": "2026",
            "place": place,
            "declaration_date": dt.date(2026, 4, rng.randint(10, 28)),
            "period_start": dt.date(2026, 4, 1),
            "period_end": dt.date(2027, 12, 31),
            "preliminary_declaration_date": dt.date(2026, 2, rng.randint(2, 27)),
            "language": "pl",
            "continuity": True,
            "term_years": 3,
            "notice_months": 3,
        },
        "gmina": {
            "name": gmina_name,
            "name_genitive": f"Gminy {place}",
            "name_locative": f"w Gminie {place}",
            "terc": who["terc"],
            "kind": gmina_kind,
            "powiat": forms["powiat"],
            "voivodeship": who["voivodeship"],
            "executive_title": executive,
            "executive_name": executive_name,
        },
        "parties": everyone,
        "mentor": {
            "name": _person(rng),
            "library": f"Wojewódzka Biblioteka Publiczna w {who['bw_city']}",
            "email": f"mentoring{index % 16}@wbp.example.pl",
        },
        "contributions": contributions,
        "team": team,
        "goals": {
            "chosen": [f"goal_menu.{g}" for g in rng.sample(GOALS, rng.randint(1, 4))],
            "own": [],
        },
        "actions": _actions(rng, everyone, actions or rng.randint(2, 8)),
        "promotion": _promotion(place),
        "evaluation": {
            "month": 12,
            "method": "ankieta wśród uczestników i spotkanie podsumowujące",
            "recipients": [council],
        },
    }
    if gmina_money:
        name, genitive = _person_declined(rng)
        sheet["treasurer"] = {
            "name": name,
            "function": f"Skarbnik Gminy {place}",
            "name_genitive": genitive,
        }
    return sheet


def _actions(rng: random.Random, parties: list[dict], count: int) -> list[dict]:
    actions = []
    for number in range(1, count + 1):
        start = rng.randrange(0, len(QUARTERS) - 1)
        end = rng.randrange(start, min(len(QUARTERS), start + 5))
        problem, category, title = PROBLEMS[
            (number - 1 + rng.randrange(len(PROBLEMS))) % len(PROBLEMS)
        ]
        lead = rng.choice(parties)["id"]
        partners = sorted(
            {p["id"] for p in rng.sample(parties, min(len(parties), rng.randint(1, 3)))} - {lead}
        )
        action = {
            "id": f"d{number}",
            "title": f"{title} ({number})",
            "lead": lead,
            "partners": partners,
            "start_quarter": QUARTERS[start],
            "end_quarter": QUARTERS[end],
            "micro_successes": [
                {
                    "quarter": q,
                    "description": f"mikrosukces kwartału {q}: {rng.randint(5, 30)} uczestników",
                }
                for q in QUARTERS[start : end + 1]
            ],
        }
        if number <= 2 or rng.random() < 0.8:  # at least two actions answer a social problem
            action.update(problem=problem, problem_category=category)
        actions.append(action)
    return actions


def _promotion(place: str) -> list[dict]:
    events = [
        {
            "kind": "quarterly_presentation",
            "quarter": q,
            "level": "local",
            "audience": "mieszkańcy i partnerzy koalicji",
        }
        for q in QUARTERS
    ]
    events.append(
        {
            "kind": "seminar",
            "quarter": "2027-Q4",
            "level": "regional",
            "audience": f"samorządy i biblioteki regionu ({place})",
        }
    )
    return events


class _Dumper(yaml.SafeDumper):
    """Quotes strings of digits (REGON, KRS, TERC): YAML 1.2 readers would take them for numbers
    and drop their leading zeros."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = '"' if value.isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)


def write_cohort(
    folder: str | Path, count: int, seed: int = 7, *, start: int = 0, workbook: bool = False
) -> list[Path]:
    """Write *count* partner sheets into *folder* (``koalicja-00001.yaml`` …); with *workbook*,
    also ``kohorta.xlsx`` listing them with a mentor for each."""
    folder = Path(folder)
    sheets_dir = folder / "arkusze" if workbook else folder
    sheets_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = sheets_dir / f"koalicja-{index:05d}.yaml"
        path.write_text(dump_yaml(generate_sheet(index, seed)), encoding="utf-8")
        paths.append(path)
    if workbook:
        from deedgen.cohort import write_workbook

        rows = [
            {
                "sheet": f"arkusze/{p.name}",
                "mentor": f"Mentor {i % 7 + 1}",
                "mentor_email": f"mentor{i % 7 + 1}@wbp.example.pl",
            }
            for i, p in enumerate(paths)
        ]
        write_workbook(
            folder / "kohorta.xlsx",
            rows,
            edition="2026",
            bw="Wojewódzka Biblioteka Publiczna (synthetic)",
        )
    return paths


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("-n", "--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workbook", action="store_true", help="also write a cohort workbook kohorta.xlsx"
    )
    args = parser.parse_args(argv)
    paths = write_cohort(args.outdir, args.count, args.seed, workbook=args.workbook)
    print(f"{len(paths)} partner sheets in {args.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
