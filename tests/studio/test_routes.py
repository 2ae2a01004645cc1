"""The studio's routes through Starlette's TestClient: pages, saving, export, and the guards
(CSRF token, Host header, Origin, upload size, ids only)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from deedgen.sheet.load import load_sheet
from deedgen.sheet.validate import read_sheet
from deedgen.studio.form import from_data
from tests.helpers import SAMPLES


def form_fields(path: Path) -> dict[str, str]:
    """The form fields a browser would post for the sheet at *path*."""
    state = from_data(load_sheet(path).data)
    fields = dict(state.values)
    for key, rows in state.rows.items():
        for index, row in enumerate(rows):
            for column, value in row.items():
                fields[f"{key}.{index}.{column}"] = value
    return fields


def test_start_page_lists_coalitions_with_status(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Koalicja „Biblioteka w sercu Lipowca”" in page.text
    assert "spełnia" in page.text
    assert "błędy: 19" in page.text  # bledy.xlsx: the CLI counts 19 errors too


def test_form_shows_every_error_of_a_faulty_workbook_beside_its_field(client):
    page = client.get("/k/bledy.xlsx")
    assert page.status_code == 200
    assert "Błędy arkusza: 19" in page.text
    nip_box = page.text.split('id="err-f-parties-0-nip"')[1].split("</div>")[0]
    assert "NIP 8190937866 ma błędną cyfrę kontrolną" in nip_box


def test_check_returns_the_field_problem_and_clears_it_when_fixed(client, workspace):
    fields = form_fields(workspace / "lipowiec.yaml")
    fields["parties.0.nip"] = "819-093-78-66"
    answer = client.post(
        "/k/lipowiec.yaml/sprawdz", data=fields, headers={"X-CSRF-Token": client.token}
    )
    assert answer.status_code == 200
    assert "Strony, wiersz 1: NIP" in answer.text
    assert "ma błędną cyfrę kontrolną" in answer.text
    fields["parties.0.nip"] = "819-093-78-65"
    answer = client.post(
        "/k/lipowiec.yaml/sprawdz", data=fields, headers={"X-CSRF-Token": client.token}
    )
    assert "Arkusz bez błędów" in answer.text
    # the conditions are not assembled on every keystroke: the answer asks for them
    assert "Koalicja spełnia warunki finansowania." not in answer.text
    panel = client.post(
        "/k/lipowiec.yaml/warunki",
        data={**fields, "digest": digest_of(answer.text)},
        headers={"X-CSRF-Token": client.token},
    )
    assert panel.status_code == 200
    assert "Koalicja spełnia warunki finansowania." in panel.text


def digest_of(check_answer: str) -> str:
    """The digest of the form a check's answer saw, which its conditions note sends."""
    note = re.search(r'<p id="conditions-refresh"[^>]*>', check_answer).group(0)
    assert 'hx-trigger="load delay:' in note and "Sprawdzam warunki finansowania" in check_answer
    return re.search(r'"digest": "([0-9a-f]+)"', note).group(1)


def test_conditions_panel_shows_a_broken_condition_and_skips_a_superseded_form(client):
    fields = form_fields(SAMPLES / "lipowiec.yaml")
    token = {"X-CSRF-Token": client.token}
    fields["coalition.continuity"] = "NIE"  # valid data, but the declaration loses its continuity
    check = client.post(
        "/k/lipowiec.yaml/sprawdz", data={**fields, "trigger": "change"}, headers=token
    )
    assert 'hx-trigger="load delay:150ms"' in check.text  # a choice made: the panel follows soon
    digest = digest_of(check.text)
    panel = client.post(
        "/k/lipowiec.yaml/warunki", data={**fields, "digest": digest}, headers=token
    )
    assert "Koalicja nie spełnia warunków finansowania (1)." in panel.text
    assert "✗ niespełniony" in panel.text and 'aria-busy="false"' in panel.text
    # the form changed since that check (a newer check is on its way): nothing is assembled
    fields["coalition.place"] = "Lipowiec Górny"
    stale = client.post(
        "/k/lipowiec.yaml/warunki", data={**fields, "digest": digest}, headers=token
    )
    assert stale.status_code == 204 and stale.text == ""
    typed = client.post("/k/lipowiec.yaml/sprawdz", data=fields, headers=token)
    assert 'hx-trigger="load delay:1000ms"' in typed.text  # while typing: after a pause
    assert digest_of(typed.text) != digest


def test_post_without_token_is_refused_and_nothing_is_written(client, workspace):
    before = (workspace / "lipowiec.yaml").read_bytes()
    fields = form_fields(workspace / "lipowiec.yaml")
    fields["coalition.name"] = "Przejęta koalicja"
    answer = client.post("/k/lipowiec.yaml/zapisz", data=fields)
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    wrong = client.post("/k/lipowiec.yaml/zapisz", data={**fields, "csrf_token": "zgadywany"})
    assert wrong.status_code == 403
    assert (workspace / "lipowiec.yaml").read_bytes() == before


def test_cross_site_origin_is_refused_even_with_a_token(client):
    answer = client.post(
        "/nowa",
        data={"name": "X", "csrf_token": client.token},
        headers={"Origin": "http://evil.example"},
    )
    assert answer.status_code == 403
    assert "innej strony" in answer.text


def test_foreign_host_header_is_refused(client):
    answer = client.get("/", headers={"Host": "rebind.example:8000"})
    assert answer.status_code == 421
    assert "DNS rebinding" in answer.text
    assert client.get("/", headers={"Host": "localhost:8123"}).status_code == 200


def test_unknown_id_and_path_tricks_are_not_found(client):
    assert client.get("/k/..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/k/lipowiec.yaml/pliki/..%2Flipowiec.yaml").status_code == 404


def test_save_keeps_the_previous_version_and_the_cli_reads_the_result(client, workspace):
    fields = form_fields(workspace / "lipowiec.yaml")
    fields["coalition.place"] = "Lipowiec Kościelny"
    answer = client.post(
        "/k/lipowiec.yaml/zapisz",
        data={**fields, "csrf_token": client.token},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert (
        read_sheet(workspace / "lipowiec.yaml").data["coalition"]["place"] == "Lipowiec Kościelny"
    )
    history = list((workspace / ".deedgen-history" / "lipowiec.yaml").iterdir())
    assert len(history) == 1
    assert read_sheet(history[0]).data["coalition"]["place"] == "Lipowiec"


def test_rows_are_added_and_removed_without_saving(client, workspace):
    fields = form_fields(workspace / "lipowiec.yaml")
    before = (workspace / "lipowiec.yaml").read_bytes()
    headers = {"X-CSRF-Token": client.token}
    added = client.post(
        "/k/lipowiec.yaml/formularz", data={**fields, "op": "add:parties"}, headers=headers
    )
    parties = len(read_sheet(workspace / "lipowiec.yaml").data["parties"])
    assert f'name="parties.{parties}.name"' in added.text
    removed = client.post(
        "/k/lipowiec.yaml/formularz", data={**fields, "op": "remove:parties.0"}, headers=headers
    )
    assert (
        "Gminna Biblioteka Publiczna w Lipowcu"
        not in removed.text.split('id="panel-parties"')[1].split("</section>")[0]
    )
    assert (workspace / "lipowiec.yaml").read_bytes() == before


def test_blank_coalition_is_a_yaml_sheet_in_the_workspace(client, workspace):
    answer = client.post(
        "/nowa",
        data={"name": "Koalicja Nowa Wieś", "csrf_token": client.token},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"].endswith("/k/koalicja-nowa-wies.yaml")
    assert "Koalicja Nowa Wieś" in (workspace / "koalicja-nowa-wies.yaml").read_text(
        encoding="utf-8"
    )


def test_upload_admits_a_sheet_and_refuses_what_is_not_one(client, workspace):
    files = {"sheet": ("bledy kopia.xlsx", (SAMPLES / "bledy.xlsx").read_bytes())}
    answer = client.post(
        "/wgraj", data={"csrf_token": client.token}, files=files, follow_redirects=False
    )
    assert answer.status_code == 303
    assert (workspace / "bledy-kopia.xlsx").is_file()
    junk = {"sheet": ("x.xlsx", b"this is no workbook")}
    refused = client.post("/wgraj", data={"csrf_token": client.token}, files=junk)
    assert refused.status_code == 400
    assert "Nie można odczytać pliku" in refused.text
    assert not (workspace / "x.xlsx").exists()
    assert not any((workspace / ".deedgen-uploads").iterdir())


def test_oversized_upload_is_refused(client, workspace):
    big = {"sheet": ("duzy.yaml", io.BytesIO(b"a" * (13 * 1024 * 1024)))}
    answer = client.post("/wgraj", data={"csrf_token": client.token}, files=big)
    assert answer.status_code == 413
    assert not (workspace / "duzy.yaml").exists()


def test_exported_workbook_is_accepted_by_deedgen_validate(client, workspace, tmp_path):
    from click.testing import CliRunner

    from deedgen.cli.main import cli

    fields = form_fields(workspace / "lipowiec.yaml")
    answer = client.post("/k/lipowiec.yaml/arkusz", data={**fields, "csrf_token": client.token})
    assert answer.status_code == 200
    exported = tmp_path / "eksport.xlsx"
    exported.write_bytes(answer.content)
    result = CliRunner().invoke(cli, ["validate", str(exported)])
    assert result.exit_code == 0, result.output
    assert (
        read_sheet(exported).data["parties"]
        == read_sheet(workspace / "lipowiec.yaml").data["parties"]
    )


def test_preview_shows_the_numbered_declaration(client):
    page = client.get("/k/lipowiec.yaml/podglad")
    assert page.status_code == 200
    assert "§ 1" in page.text and "Przedmiot Deklaracji" in page.text
    assert '<span class="label">1.</span>' in page.text


def test_preview_of_a_faulty_sheet_points_to_the_form(client):
    page = client.get("/k/bledy.xlsx/podglad")
    assert "Arkusz ma błędy (19)" in page.text


def test_studio_refuses_a_non_loopback_host():
    from click.testing import CliRunner

    from deedgen.cli.main import cli

    result = CliRunner().invoke(cli, ["studio", ".", "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 4
    assert "tylko na tym komputerze" in result.output


def test_generate_writes_the_documents_and_offers_them(client, workspace):
    import zipfile

    answer = client.post("/k/lipowiec.yaml/generuj", data={"csrf_token": client.token})
    assert answer.status_code == 200
    assert "Dokumenty wygenerowane" in answer.text
    assert (workspace / "out" / "lipowiec" / "manifest.json").is_file()
    bundle = client.get("/k/lipowiec.yaml/pliki/gmina-lipowiec-pakiet.pdf")
    assert bundle.status_code == 200 and bundle.content.startswith(b"%PDF")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/k/lipowiec.yaml/pliki.zip").content))
    assert "lipowiec/deklaracja-partnerstwa.pdf" in archive.namelist()
    assert "wygenerowane" in client.get("/").text


def clause_file_text(client, clause_id: str) -> str:
    import html
    import re

    page = client.get(f"/klauzule/{clause_id}")
    return html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page.text, re.S).group(1))


def test_clause_preview_shows_the_edit_in_the_declaration_and_a_word_diff(client):
    text = clause_file_text(client, "final.disputes")
    edited = text.replace("w terminie 30 dni", "w terminie 45 dni")
    answer = client.post(
        "/klauzule/final.disputes/podglad",
        data={"text": edited, "koalicja": "lipowiec.yaml"},
        headers={"X-CSRF-Token": client.token},
    )
    assert "<ins>45</ins>" in answer.text and "<del>30</del>" in answer.text
    edited_section = answer.text.split('id="edited-clause"')[1].split("</section>")[0]
    assert "w terminie 45 dni" in edited_section


def test_a_clause_the_loader_refuses_is_explained_in_polish(client, workspace):
    import html
    import re

    text = clause_file_text(client, "final.disputes")
    version = int(re.search(r"^version: (\d+)$", text, re.M).group(1))
    ahead = text.replace(f"version: {version}", f"version: {version + 5}", 1)
    preview = client.post(
        "/klauzule/final.disputes/podglad",
        data={"text": ahead, "koalicja": "lipowiec.yaml"},
        headers={"X-CSRF-Token": client.token},
    )
    refused = client.post(
        "/klauzule/final.disputes/zapisz",
        data={"text": "ust. bez metadanych\n", "note": "próba", "csrf_token": client.token},
    )

    said = html.unescape(preview.text)
    assert f"tekst angielski ma wersję {version}, a tekst polski wersję {version + 5}" in said
    assert "variant is version" not in said
    assert "plik klauzuli zaczyna się wierszem „---” i jej metadanymi" in html.unescape(
        refused.text
    )
    assert not any((workspace / "klauzule").rglob("*.txt"))


def test_clause_save_that_breaks_a_coalition_is_refused_and_a_good_one_bumps_the_version(
    client, workspace
):
    text = clause_file_text(client, "final.disputes")
    broken = text + "\nust. {{ no_such_name.value }}\n"
    refused = client.post(
        "/klauzule/final.disputes/zapisz",
        data={"text": broken, "note": "próba", "csrf_token": client.token},
    )
    assert "zepsułaby dokumenty koalicji" in refused.text
    assert "lipowiec.yaml" in refused.text
    assert not any((workspace / "klauzule").rglob("*.txt"))
    no_note = client.post(
        "/klauzule/final.disputes/zapisz", data={"text": text, "csrf_token": client.token}
    )
    assert "Podaj notatkę o zmianie" in no_note.text
    good = text.replace("w terminie 30 dni", "w terminie 45 dni")
    before = client.app.state.studio.workspace.library().load().clauses["final.disputes"].version
    saved = client.post(
        "/klauzule/final.disputes/zapisz",
        data={"text": good, "note": "dłuższy termin", "csrf_token": client.token},
    )
    assert f"wersja {before} → {before + 1}" in saved.text
    overlay = workspace / "klauzule" / "final" / "disputes.pl.txt"
    assert f"version: {before + 1}" in overlay.read_text(encoding="utf-8")
    assert "dłuższy termin" in overlay.read_text(encoding="utf-8")
    preview = client.get("/k/lipowiec.yaml/podglad")
    assert "w terminie 45 dni" in preview.text


def test_locked_clause_is_read_only(client):
    page = client.get("/klauzule/actions.requirements")
    assert "zablokowana" in page.text
    assert "readonly" in page.text.split("<textarea")[1].split(">")[0]


def test_cohort_build_reaches_100_percent_and_lists_every_coalition(client, workspace):
    import time

    started = client.post("/kohorta/buduj", data={"csrf_token": client.token})
    assert started.status_code == 200
    deadline = time.monotonic() + 300
    while 'hx-trigger="every 1s"' in (fragment := client.get("/kohorta/postep").text):
        assert time.monotonic() < deadline, "the cohort build did not end"
        time.sleep(0.5)
    assert "Kohorta zbudowana: 100 %" in fragment
    assert "lipowiec.yaml" in fragment and "bledy.xlsx" in fragment
    assert "zbudowana: 1" in fragment and "błąd: 1" in fragment
    assert (workspace / "out" / "kohorta" / "summary.json").is_file()
