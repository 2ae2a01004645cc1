"""`deedgen clause lint --cohort`: each clause rendered in the documents every coalition of the
cohort would get, so a reference that breaks some coalitions' builds is found before the build."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deedgen.assemble import assemble_documents
from deedgen.clauses.library import load_library
from deedgen.cli.main import cli
from deedgen.exceptions import ClauseError
from deedgen.sheet.validate import read_sheet
from tests.clauses.conftest import clause_pair, overlay
from tests.helpers import SAMPLES

COHORT = SAMPLES / "cohort"
LINE_OF_BODY = 9  # clause_file: 7 metadata lines + 2 '---'

BUDGET_NOTE = clause_pair(
    "promotion.budget_note",
    "ust. Promocję prowadzi biblioteka.\n"
    "ust. Koszty promocji pokrywa się ze środków, o których mowa w §[financing.budget#amount].",
    "ust. The library promotes.\n"
    "ust. Promotion costs are covered by the funds in §[financing.budget#amount].",
    title="Koszty promocji",
    order=450,
)


@pytest.fixture
def region(tmp_path):
    return overlay(tmp_path, "wbp-test", BUDGET_NOTE)


def build_fails(sheet, region) -> bool:
    """Whether assembling the sheet's documents (what `deedgen build` does first) fails."""
    library = load_library([region])
    try:
        assemble_documents(read_sheet(sheet), library, "pl")
    except ClauseError:
        return True
    return False


def test_lint_names_the_clause_file_line_and_the_coalitions_a_reference_breaks(region):
    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--cohort", str(COHORT / "arkusze")]
    )

    assert result.exit_code == 2, result.output
    pl_file = region / "promotion" / "budget_note.pl.txt"
    [line] = [x for x in result.output.splitlines() if x.startswith(f"{pl_file}:")]
    assert line.startswith(f"{pl_file}:{LINE_OF_BODY + 1}: błąd [reference]: ")
    assert "§[financing.budget#amount]" in line
    assert "warunek „jst_contributes_money”" in line
    # exactly the coalitions whose build fails, named by gmina and sheet
    failing = sorted(p.name for p in (COHORT / "arkusze").glob("*.yaml") if build_fails(p, region))
    assert failing == ["grabowa-wola-mala.yaml", "klonowa-wola.yaml", "lipowiec.yaml"]
    assert "nie zbuduje się dla 3 z 5 koalicji" in line
    for name in failing:
        assert f"({name})" in line
    assert "Gmina Grabowa Wola Mała (grabowa-wola-mala.yaml)" in line
    assert "swierknik-wielka.yaml" not in line  # its gmina contributes money: it builds
    assert "jaworowka-nowa.yaml" not in line  # its school pledges money: JST money, it builds


def test_the_cohort_workbook_brings_its_sheets_and_its_clause_layers(region):
    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--cohort", str(COHORT / "kohorta.xlsx")]
    )

    assert result.exit_code == 2, result.output
    summary = result.output.strip().splitlines()[-1]
    assert "warstwy: 3 (wbp-test → wbp-kielce → central)" in summary
    assert "arkusze: lipowiec.yaml, grabowa-wola-mala.yaml" in summary


def test_a_reference_under_the_same_condition_passes(tmp_path):
    guarded = clause_pair(
        "promotion.budget_note",
        "ust. Promocję prowadzi biblioteka.\n{% if gmina_contributes_money %}\n"
        "ust. Koszty pokrywa się ze środków, o których mowa w §[financing.budget#amount].\n"
        "{% endif %}",
        "ust. The library promotes.\n{% if gmina_contributes_money %}\n"
        "ust. Costs are covered by the funds in §[financing.budget#amount].\n{% endif %}",
        title="Koszty promocji",
        order=450,
    )
    region = overlay(tmp_path, "wbp-test", guarded)

    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--cohort", str(COHORT / "arkusze")]
    )

    assert result.exit_code == 0, result.output
    assert "błędy: 0," in result.output


def test_an_anchor_only_some_coalitions_have_is_found_with_the_coalitions(tmp_path):
    # financing.budget numbers the other parties' contribution only when they contribute money
    files = {
        **clause_pair(
            "financing.extra",
            "ust. Strony współpracują.\n"
            "{% if total_money > gmina_money %}\nust.[others] Wkład pozostałych Stron.\n{% endif %}",
            "ust. The Parties cooperate.\n"
            "{% if total_money > gmina_money %}\nust.[others] The others' share.\n{% endif %}",
            title="Wkłady",
            order=230,
        ),
        **clause_pair(
            "final.note",
            "ust. Zob. §[financing.extra#others].",
            "ust. See §[financing.extra#others].",
            title="Uwaga",
            order=950,
        ),
    }
    region = overlay(tmp_path, "wbp-test", files)

    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--cohort", str(COHORT / "arkusze")]
    )

    lines = [x for x in result.output.splitlines() if "[anchor]" in x]
    assert lines, result.output
    assert lines[0].startswith(f"{region / 'final' / 'note.en.txt'}:6: błąd [anchor]")
    assert "nie ma kotwicy [others]" in lines[0]


def test_the_mentor_the_cohort_workbook_assigns_is_in_the_data_lint_renders(tmp_path):
    from deedgen.cohort import write_workbook

    sheets = tmp_path / "arkusze"
    sheets.mkdir()
    text = (COHORT / "arkusze" / "lipowiec.yaml").read_text(encoding="utf-8")
    no_email = text.replace("  email: mentoring@wbp.example.pl\n", "")
    assert no_email != text
    (sheets / "lipowiec.yaml").write_text(no_email, encoding="utf-8")
    files = clause_pair(
        "mentoring.contact",
        "ust. Domena poczty mentora: {{ mentor.email.split('@')[1] }}.",
        "ust. Mentor's mail domain: {{ mentor.email.split('@')[1] }}.",
        title="Kontakt",
        order=310,
    )
    region = overlay(tmp_path, "wbp-test", files)
    workbook = write_workbook(
        tmp_path / "kohorta.xlsx",
        [{"sheet": "arkusze/lipowiec.yaml", "mentor": "Jan Nowak", "mentor_email": "jn@wbp.pl"}],
    )

    folder = CliRunner().invoke(cli, ["clause", "lint", str(region), "--cohort", str(sheets)])
    assigned = CliRunner().invoke(cli, ["clause", "lint", str(region), "--cohort", str(workbook)])

    assert folder.exit_code == 2
    assert "„mentor.email” jest puste w danych tej koalicji, więc nie ma „split”" in folder.output
    assert "dodaj warunek {% if mentor.email %}" in folder.output
    assert assigned.exit_code == 0, assigned.output


def test_lint_names_the_if_branches_no_coalition_goes_through(tmp_path):
    files = clause_pair(
        "promotion.schools",
        "ust. Promocja.\n{% if schools | length > 50 %}\nust. Szkoły: §[financing.budget].\n"
        "{% endif %}\n{% if partners %}\nust. Partnerzy.\n{% else %}\nust. Brak.\n{% endif %}",
        "ust. Promotion.\n{% if schools | length > 50 %}\nust. Schools.\n{% endif %}",
        title="Promocja w szkołach",
        order=460,
    )
    region = overlay(tmp_path, "wbp-test", files)

    result = CliRunner().invoke(
        cli, ["clause", "lint", str(region), "--cohort", str(COHORT / "arkusze")]
    )

    assert result.exit_code == 0, result.output  # nothing fails: the branch is never rendered
    pl_file = region / "promotion" / "schools.pl.txt"
    assert "gałęzie {% if %}, przez które nie przeszedł żaden arkusz:" in result.output
    assert (
        f"  {pl_file}:{LINE_OF_BODY + 1} {{% if schools | length > 50 %}}: "
        "warunek niespełniony dla żadnego arkusza"
    ) in result.output
    assert (
        f"  {pl_file}:{LINE_OF_BODY + 4} {{% if partners %}}: "
        "warunek spełniony dla każdego arkusza ({% else %} niesprawdzone)"
    ) in result.output


def test_a_cohort_row_lint_cannot_read_is_named_in_the_message_language(tmp_path):
    from deedgen.cohort import write_workbook

    region = overlay(tmp_path, "wbp-test", clause_pair("team.extra", "ust. A.", "ust. A."))
    workbook = write_workbook(tmp_path / "kohorta.xlsx", [{"sheet": "arkusze/brak.yaml"}])
    args = ["clause", "lint", str(region), "--cohort", str(workbook)]

    polish = CliRunner().invoke(cli, args)
    english = CliRunner().invoke(cli, [*args, "--lang", "en"])

    assert "nie ma arkusza partnerów: arkusze/brak.yaml" in polish.output
    assert "no partner sheet: arkusze/brak.yaml" in english.output
    assert "nie ma arkusza" not in english.output
