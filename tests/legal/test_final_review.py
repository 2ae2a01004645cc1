"""What the final review of issue 12 (docs/legal-review.md, „Phase 2 — final review”) found and
fixed, each on the generated text: the annual evaluation report names the gmina's organs in the
genitive and says the Team adopts it; a neighbouring gmina and a voivodeship are public bodies in
the RODO information; members of an informal group are natural-person Parties there; a one-person
board of an ordinary association is singular; a cultural centre running the library is named as
such in the preliminary declaration."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT, SAMPLES, docx_text
from tests.legal.conftest import build, variant
from tests.legal.test_parties_informal_groups import with_group
from tests.legal.test_parties_signatures import NEIGHBOUR


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The annual evaluation reports of the sample cohort, written by `deedgen evaluate`."""
    out = tmp_path_factory.mktemp("ewaluacja")
    subprocess.run(
        [sys.executable, "-m", "deedgen", "evaluate", str(SAMPLES / "ewaluacja" / "kohorta.xlsx"),
         "-o", str(out), "--as-of", "2026-12-31", "--lang", "pl"],
        cwd=ROOT, capture_output=True, check=False, timeout=600,
    )  # fmt: skip
    folder = out / "2604052-gmina-lipowiec"
    return {
        lang: docx_text((folder / f"raport-ewaluacji-2026{suffix}.docx").read_bytes()).replace(
            "~", " "
        )
        for lang, suffix in (("pl", ""), ("en", ".en"))
    }


def test_the_evaluation_report_names_the_gminas_organs_in_the_genitive(report):
    text = report["pl"]
    assert (
        "Raport jest przeznaczony dla Stron oraz organu wykonawczego i rady Gminy Lipowiec;" in text
    )
    assert (
        "Zespół przekazuje raport Stronom oraz organowi wykonawczemu i radzie Gminy Lipowiec w "
        "terminie 30 dni"
    ) in text
    assert (
        "Gmina Lipowiec jest związana zobowiązaniami wynikającymi z Deklaracji jako jednostka "
        "samorządu terytorialnego"
    ) in text
    assert "(Gmina Lipowiec)" not in text and "wiążą Gmina" not in text
    assert (
        "and to the executive body and the council of Gmina Lipowiec within 30 days" in report["en"]
    )


def test_the_evaluation_report_is_adopted_by_the_team_not_signed_by_its_author(report):
    text = report["pl"]
    assert (
        "Projekt raportu przygotował(a): koordynator zespołu, dnia 15 stycznia 2027 r.; raport "
        "przyjęty przez Zespół na posiedzeniu w dniu ……… . W imieniu Zespołu: ……… (podpis "
        "Koordynatora)"
    ) in text
    assert "Sporządził(a)" not in text and "2027-01-15" not in text
    assert "; report adopted by the Team at its meeting on" in report["en"]


def _controller(text: str, name: str) -> str:
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.endswith(f"\t{name}:")))
    return "\n".join(lines[start : start + 4])


def test_a_neighbouring_gmina_is_a_public_body_in_the_rodo_information(tmp_path):
    def neighbour(data):
        data["parties"].append(dict(NEIGHBOUR))

    documents = build(variant(tmp_path, neighbour))
    entry = _controller(documents["declaration"].full, "Gmina Dębina")
    assert (
        "art. 6 ust. 1 lit. e RODO (wykonanie zadania realizowanego w interesie publicznym)"
        in entry
    )
    assert "lit. f" not in entry
    english = _controller(build(variant(tmp_path, neighbour), lang="en")["declaration"].full,
                          "Gmina Dębina")  # fmt: skip
    assert "Article 6(1)(e) GDPR" in english and "6(1)(f)" not in english


def test_members_of_an_informal_group_are_natural_person_parties_in_the_rodo_information(tmp_path):
    text = build(variant(tmp_path, with_group("members")))["declaration"]
    information = text.paragraph("Informacja o przetwarzaniu danych osobowych").text
    assert "oraz art. 6 ust. 1 lit. b RODO wobec Stron będących osobami fizycznymi" in information
    assert "a Stronie będącej osobą fizyczną – także prawo do przenoszenia danych" in information


def test_an_ordinary_association_with_one_board_member_is_singular(tmp_path):
    circle = {
        "id": "kpb",
        "kind": "ordinary_association",
        "name": "Koło Przyjaciół Biblioteki w Lipowcu",
        "address": {"street": "ul. Polna 3", "postal_code": "28-130", "city": "Lipowiec"},
        "register_number": "27",
        "representation_mode": "zarzad",
        "representatives": [{"name": "Halina Szymańska", "function": "Przewodnicząca Zarządu"}],
    }

    def add(data, people):
        data["parties"].append(dict(circle, representatives=people))

    one = build(variant(tmp_path, lambda d: add(d, circle["representatives"])))["declaration"]
    assert (
        "Halina Szymańska (Przewodnicząca Zarządu), jako członek zarządu stowarzyszenia zwykłego"
    ) in one.full
    assert "jako członkowie zarządu" not in one.full
    two = [*circle["representatives"], {"name": "Jan Bąk", "function": "Członek Zarządu"}]
    both = build(variant(tmp_path, lambda d: add(d, two)))["declaration"]
    assert "(Członek Zarządu), jako członkowie zarządu stowarzyszenia zwykłego" in both.full
    english = build(variant(tmp_path, lambda d: add(d, circle["representatives"])), lang="en")
    assert "as a member of the board of the ordinary association" in english["declaration"].full


def test_a_cultural_centre_running_the_library_is_not_called_a_municipal_library(tmp_path):
    def centre(data):
        data["parties"][0].update(
            kind="cultural_institution",
            runs_library=True,
            name="Gminny Ośrodek Kultury i Biblioteka Publiczna w Lipowcu",
        )

    text = build(variant(tmp_path, centre))["preliminary"].full
    assert (
        "Gmina deklaruje wolę współpracy z instytucją kultury prowadzącą bibliotekę publiczną: "
        "Gminny Ośrodek Kultury i Biblioteka Publiczna w Lipowcu, zwaną dalej „Biblioteką”"
    ) in text
    assert "biblioteką gminną" not in text
    english = build(variant(tmp_path, centre), lang="en")["preliminary"].full
    assert "(the cultural institution that runs the public library)" in english


def test_a_gmina_schools_team_member_sits_on_the_gminas_side_not_as_a_party():
    team = build("lipowiec")["declaration"].paragraph("Zespół projektowy").text
    assert "4)\tEwa Kaczmarek (Szkoła, po stronie Strony: Gmina)." in team
    assert "(Strona: Szkoła)" not in team
    english = build("lipowiec", lang="en")["declaration"].full
    assert "Ewa Kaczmarek (Szkoła, on the side of the Party Gmina)." in english


def test_a_sole_trader_has_a_place_of_business_not_a_registered_office(tmp_path):
    from tests.legal.test_parties_kinds import SOLE_TRADER, add

    text = build(variant(tmp_path, add(SOLE_TRADER)))["declaration"].full
    entry = next(line for line in text.splitlines() if "\tUsługi Poligraficzne Jan Nowak," in line)
    assert (
        "Usługi Poligraficzne Jan Nowak, adres stałego miejsca wykonywania działalności "
        "gospodarczej: ul. Polna 3, 28-130 Lipowiec"
    ) in entry
    assert "adres siedziby" not in entry
    english = build(variant(tmp_path, add(SOLE_TRADER)), lang="en")["declaration"].full
    assert "Usługi Poligraficzne Jan Nowak, principal place of business: ul. Polna 3" in english


def test_an_informal_group_with_one_member_is_singular(tmp_path):
    from tests.legal.test_parties_informal_groups import GROUP

    def one_member(data):
        data["parties"].append(
            dict(GROUP, informal_group_mode="members",
                 representatives=[{"name": "Jan Kowalski", "function": "członek grupy"}])
        )  # fmt: skip

    text = build(variant(tmp_path, one_member))["declaration"].full
    assert (
        "członek grupy nieformalnej przystępujący do Deklaracji jako osoba fizyczna działająca we "
        "własnym imieniu: Jan Kowalski (grupa nie ma zdolności prawnej"
    ) in text
    english = build(variant(tmp_path, one_member), lang="en")["declaration"].full
    assert "the member of an informal group joining the Declaration as a natural person" in english


@pytest.mark.parametrize(
    ("lang", "side"),
    [("pl", "(po stronie Strony: Gmina)"), ("en", "(on the side of the Party Gmina)")],
)
def test_a_gmina_school_in_the_tables_says_whose_side_it_is_on(lang, side):
    """The plan's contribution and team tables and the annual form list a gmina school as a unit
    on the gmina's side, as the parties' list does, never as a Party of its own."""
    import io

    import docx

    from deedgen.assemble import assemble_documents
    from deedgen.clauses.library import load_library
    from deedgen.document import DOCUMENT_ORDER
    from deedgen.render.docx import render_docx
    from deedgen.sheet.validate import read_sheet
    from tests.helpers import SAMPLES

    documents = assemble_documents(
        read_sheet(SAMPLES / "lipowiec.yaml"), load_library(), lang, kinds=DOCUMENT_ORDER
    )
    school = "Szkoła Podstawowa im. Marii Konopnickiej w Lipowcu"
    for kind in ("action_plan", "evaluation_forms"):
        word = docx.Document(io.BytesIO(render_docx(documents[kind])))
        cells = {c.text for t in word.tables for r in t.rows for c in r.cells if school in c.text}
        assert cells == {f"{school} {side}"}, (kind, cells)
    # a Party that is not a unit keeps its bare name
    word = docx.Document(io.BytesIO(render_docx(documents["action_plan"])))
    names = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert "Gminna Biblioteka Publiczna w Lipowcu" in names
