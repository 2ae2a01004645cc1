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

ROOTS = (
    "Brzoz", "Lip", "Dąb", "Jawor", "Olsz", "Wierzb", "Grab", "Buk", "Jasień", "Klon", "Modrzew",
    "Sosn", "Świerk", "Jarzębin", "Kalin", "Leszczyn", "Malin", "Orzech", "Tarnin", "Wiśni",
)  # fmt: skip
ENDINGS = ("owiec", "ówka", "owo", "ice", "iny", "na", "owa Wola", "ów", "owice", "nik")
QUALIFIERS = ("", "", "", " Górna", " Dolna", " Nowa", " Stara", " Wielka", " Mała", " Kościelna")
FIRST_F = (
    "Anna",
    "Barbara",
    "Ewa",
    "Joanna",
    "Katarzyna",
    "Magdalena",
    "Agnieszka",
    "Halina",
    "Zofia",
    "Małgorzata",
    "Elżbieta",
    "Dorota",
)
FIRST_M = (
    "Tomasz",
    "Piotr",
    "Michał",
    "Paweł",
    "Marek",
    "Krzysztof",
    "Grzegorz",
    "Andrzej",
    "Jan",
    "Łukasz",
    "Robert",
    "Wojciech",
)
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
    "1": ("miejska", "burmistrz"),
    "2": ("wiejska", "wójt"),
    "3": ("miejsko-wiejska", "burmistrz"),
}
OTHER_KINDS = (
    "association", "association", "foundation", "ordinary_association", "school", "school",
    "cultural_institution", "county_library", "business", "informal_group", "resident", "powiat",
)  # fmt: skip
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
    female = rng.random() < 0.6
    first = rng.choice(FIRST_F if female else FIRST_M)
    surname = rng.choice(SURNAMES)[1 if female else 0]
    return f"{first} {surname}"


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
    *region*, a TERC prefix such as "26", if given)."""
    voivodeships = sorted(VOIVODESHIPS)
    code = region or voivodeships[index % len(voivodeships)]
    rest = index if region else index // len(voivodeships)
    powiat, gmina = 1 + rest // 40 % 60, 1 + rest % 40
    kind = rng.choice("1222333")  # most gminas are rural
    place = rng.choice(ROOTS) + rng.choice(ENDINGS) + rng.choice(QUALIFIERS)
    return {
        "terc": f"{code}{powiat:02d}{gmina:02d}{kind}",
        "place": place,
        "kind": kind,
        "voivodeship": VOIVODESHIPS[code][0],
        "bw_city": VOIVODESHIPS[code][1],
    }


def _address(rng: random.Random, place: str, postal: str) -> dict:
    street = rng.choice(
        ("ul. Szkolna", "ul. Rynek", "ul. Polna", "ul. Kościuszki", "ul. Parkowa", "Plac Wolności")
    )
    return {"street": f"{street} {rng.randint(1, 40)}", "postal_code": postal, "city": place}


def _party(
    rng: random.Random, kind: str, number: int, place: str, postal: str, gmina_name: str
) -> dict:
    """One party of *kind*; the representatives the funding rules and validation expect."""
    names = {
        "association": (f"Stowarzyszenie „Razem dla {place}” nr {number}", "Stowarzyszenie"),
        "foundation": (f"Fundacja „Horyzonty {place}” nr {number}", "Fundacja"),
        "ordinary_association": (
            f"Koło Przyjaciół Biblioteki w {place} nr {number}",
            "Koło Przyjaciół",
        ),
        "school": (f"Szkoła Podstawowa nr {number} w {place}", "Szkoła"),
        "cultural_institution": (
            f"Gminny Ośrodek Kultury nr {number} w {place}",
            "Ośrodek Kultury",
        ),
        "county_library": (f"Powiatowa Biblioteka Publiczna nr {number}", "Biblioteka Powiatowa"),
        "business": (f"Drukarnia „Kartka {number}” sp. z o.o.", "Drukarnia"),
        "informal_group": (f"Grupa nieformalna „Sąsiedzi {number}”", "Grupa Sąsiedzka"),
        "resident": (_person(rng), "Mieszkaniec"),
        "powiat": (f"Powiat {place}ski nr {number}", "Powiat"),
    }
    name, short = names[kind]
    party = {
        "id": f"p{number}",
        "kind": kind,
        "name": name,
        "short_name": f"{short} {number}",
        "address": _address(rng, place, postal),
    }
    reps = 1
    if kind in ("association", "foundation", "business"):
        party.update(krs=_krs(rng), nip=_nip(rng), representation_basis="statut i odpis z KRS")
        reps = 2 if kind != "business" else 1
    elif kind == "powiat":
        party.update(
            nip=_nip(rng),
            regon=_regon(rng),
            representation_basis="art. 48 ustawy o samorządzie powiatu",
        )
        reps = 2
    elif kind == "school":
        party.update(regon=_regon(rng), representation_basis="pełnomocnictwo wójta")
        party["power_of_attorney"] = {
            "number": f"OR.0052.{number}.2026",
            "date": dt.date(2026, 3, 20),
        }
    elif kind in ("cultural_institution", "county_library"):
        party.update(
            nip=_nip(rng), regon=_regon(rng), organizer=gmina_name, representation_basis="statut"
        )
    if kind in ("resident", "informal_group"):  # a natural person's address: the locality only
        party["address"]["street"] = place
    if kind in ("school", "cultural_institution", "county_library", "powiat"):
        party["iod_email"] = f"iod.p{number}@{postal}.example.pl"  # a public body must have one
    functions = {"powiat": ("Starosta", "Wicestarosta"), "resident": ("mieszkaniec",)}
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
    place, kind = who["place"], who["kind"]
    gmina_kind, executive = GMINA_KINDS[kind]
    gmina_name = f"Gmina {place}"
    postal = f"{rng.randint(10, 99)}-{rng.randint(100, 999)}"
    executive_name = _person(rng)
    library = {
        "id": "gbp",
        "kind": "library",
        "name": f"Biblioteka Publiczna Gminy {place}",
        "short_name": "Biblioteka",
        "address": _address(rng, place, postal),
        "nip": _nip(rng),
        "regon": _regon(rng),
        "email": f"biblioteka{index}@gmina.example.pl",
        "organizer": gmina_name,
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
        "representatives": [
            {"name": executive_name, "function": f"{executive.capitalize()} {gmina_name}"}
        ],
    }
    count = parties or rng.randint(3, 12)
    others = [
        _party(rng, rng.choice(OTHER_KINDS), n, place, postal, gmina_name)
        for n in range(1, count - 1)
    ]
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
            "name": f"Koalicja „Razem w {place}” ({who['terc']})",
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
            "terc": who["terc"],
            "kind": gmina_kind,
            "powiat": f"{place.split()[0].lower()}ski",
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
            "recipients": [f"Rada {gmina_name}"],
        },
    }
    if gmina_money:
        sheet["treasurer"] = {"name": _person(rng), "function": f"Skarbnik {gmina_name}"}
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
