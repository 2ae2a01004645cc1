"""deedgen evaluate on the synthetic cohort (see conftest.py): statuses, reasons, figures."""

from __future__ import annotations

from tests.evaluation.conftest import SHEETS


def test_exit_code_says_a_report_is_invalid(scenario):
    assert scenario["result"].exit_code == 2, scenario["result"].output


def test_every_coalition_of_the_cohort_is_evaluated(scenario):
    assert sorted(scenario["rows"]) == sorted(SHEETS.values())
    assert scenario["data"]["unmatched"] == []


def test_on_time_coalition(scenario):
    row = scenario["rows"]["2604052"]
    assert (row["status"], row["status_label"], row["at_risk"]) == ("on_time", "terminowo", False)
    assert [q["status"] for q in row["quarters"]] == ["submitted"] * 3
    assert (row["planned"], row["achieved"], row["partial"], row["new"]) == (5, 5, 0, 0)
    assert (row["social_delivered"], row["social_min"], row["social_ids"]) == (2, 2, ["d1", "d2"])
    assert row["annual"]["2026"]["goals"]["w toku"] == 3
    assert row["annual"]["2026"]["contributions"]["tak"] == 6


def test_late_coalition_names_the_late_and_the_missing_quarter(scenario):
    row = scenario["rows"]["2601043"]
    assert row["status"] == "late"
    assert row["late"] == ["2026-Q3"] and row["missing"] == ["2026-Q4"]
    assert any("po terminie 2026-10-21" in p and "Raport!B11" in p for p in row["problems"])


def test_invalid_coalition_lists_its_errors_by_cell(scenario):
    row = scenario["rows"]["2601153"]
    assert row["status"] == "invalid"
    assert row["invalid"] == ["2026-Q4"]
    text = "\n".join(row["problems"])
    assert "Mikrosukcesy!G2 (status): komórka zawiera formułę" in text
    assert "Raport!B10 (prepared_by): pole zawiera numer PESEL" in text
    assert "Zmiany planu!C2 (description): tekst za długi: 5000 znaków, dopuszczalne 600" in text
    assert "działania „d99” nie ma w Planie działań" in text
    assert "Mikrosukcesy!K2: strony „brak” nie ma w arkuszu partnerów" in text
    assert "status przesunięte wymaga nowego kwartału" in text


def test_at_risk_coalition_gives_every_reason(scenario):
    row = scenario["rows"]["2601223"]
    assert row["status"] == "on_time" and row["at_risk"]
    assert row["risk_codes"] == ["no_micro_two_quarters", "no_presentation", "social_behind"]
    assert row["risks"] == [
        "brak mikrosukcesu w dwóch kolejnych kwartałach: 2026-Q3 i 2026-Q4",
        "brak kwartalnej prezentacji mikrosukcesów: 2026-Q3, 2026-Q4",
        "działania społeczne zrealizowane w 2026 r.: 0 z wymaganych 1",
    ]


def test_quarter_totals_add_up(scenario):
    totals = {t["quarter"]: t for t in scenario["data"]["quarters"]}
    q4 = totals["2026-Q4"]
    assert (q4["submitted"], q4["invalid"], q4["missing"]) == (3, 1, 1)
    assert q4["planned"] == sum(
        q["planned"]
        for r in scenario["rows"].values()
        for q in r["quarters"]
        if q["quarter"] == "2026-Q4"
    )
    assert scenario["data"]["counts"] == {
        "on_time": 3,
        "late": 1,
        "invalid": 1,
        "not_due": 0,
        "at_risk": 1,
    }


def test_the_console_report_is_polish(scenario):
    output = scenario["result"].output
    assert "Gmina Klonowa Wola (2601223): terminowo — zagrożona:" in output
    assert "Ewaluacja: 5 koalicji" in output


def test_the_console_report_in_english_with_lang_en(scenario, tmp_path):
    from click.testing import CliRunner

    from deedgen.cli.main import cli

    args = ["evaluate", str(scenario["reports"]), "--cohort", str(scenario["sheets"])]
    args += ["--as-of", scenario["as_of"].isoformat(), "-o", str(tmp_path), "--no-documents"]
    result = CliRunner().invoke(cli, [*args, "--lang", "en"])
    output = result.output
    assert "Gmina Klonowa Wola (2601223): on time — at risk: no micro-success in two" in output
    assert "Gmina Grabowa Wola Mała (2601043): late" in output
    assert "Evaluation: 5 coalitions; wrote ewaluacja.json, ewaluacja.html" in output
    # the invalid coalition's problems are in English too, each with its cell
    jaworowka = output.split("Gmina Jaworówka Nowa (2601153)")[1].split("\nGmina ")[0]
    assert "formula" in jaworowka.lower() and "Mikrosukcesy!G2" in jaworowka
    assert "zagrożona" not in output and "Ewaluacja" not in output
