"""Hosting: two people saving one coalition, the audit log's versions, and mentors' comments."""

from __future__ import annotations

import re

import pytest

from deedgen.sheet.validate import read_sheet
from deedgen.studio.app import create_app
from deedgen.studio.auth.store import AccountStore
from deedgen.studio.workspace import version_of
from tests.studio.test_hosting_routes import ACCOUNTS, PASSWORD, signed_in
from tests.studio.test_routes import form_fields


@pytest.fixture
def hosted(workspace):
    store = AccountStore.of_workspace(workspace)
    for name, (role, coalitions) in ACCOUNTS.items():
        store.add(name, PASSWORD, role, coalitions)
    yield create_app(workspace, accounts=store), store
    store.close()


def opened(client, workspace):
    """The form as a browser has it after opening the page: the fields and their version."""
    page = client.get("/k/lipowiec.yaml").text
    version = re.search(r'name="wersja" value="([^"]*)"', page).group(1)
    fields = form_fields(workspace / "lipowiec.yaml")
    return {**fields, "wersja": version, "csrf_token": client.csrf}


def save(client, fields):
    return client.post("/k/lipowiec.yaml/zapisz", data=fields, follow_redirects=False)


def test_the_second_save_sees_the_first_and_merges_fields_only_one_side_changed(
    hosted,
    workspace,
):
    app, _ = hosted
    first, second = signed_in(app, "bibl"), signed_in(app, "op")
    mine, theirs = opened(first, workspace), opened(second, workspace)
    mine["coalition.place"] = "Lipowiec Kościelny"
    assert save(first, mine).status_code == 303
    after_first = (workspace / "lipowiec.yaml").read_bytes()
    theirs["coalition.name"] = "Koalicja „Lipowiec czyta razem”"
    answer = save(second, theirs)
    assert answer.status_code == 409
    assert "ktoś inny zapisał tę koalicję w trakcie Twojej edycji" in answer.text
    assert "Sprzecznych zmian nie ma" in answer.text
    assert (workspace / "lipowiec.yaml").read_bytes() == after_first  # nothing overwritten
    # the merged form holds both changes and the version now saved
    assert 'value="Lipowiec Kościelny"' in answer.text
    assert "Lipowiec czyta razem" in answer.text
    version = re.search(r'name="wersja" value="([^"]*)"', answer.text).group(1)
    assert version == version_of(workspace / "lipowiec.yaml")
    merged = {**theirs, "coalition.place": "Lipowiec Kościelny", "wersja": version}
    assert save(second, merged).status_code == 303
    coalition = read_sheet(workspace / "lipowiec.yaml").data["coalition"]
    assert coalition["place"] == "Lipowiec Kościelny"
    assert coalition["name"] == "Koalicja „Lipowiec czyta razem”"


def test_both_changing_one_field_is_a_conflict_shown_with_both_texts(hosted, workspace):
    app, _ = hosted
    first, second = signed_in(app, "bibl"), signed_in(app, "op")
    mine, theirs = opened(first, workspace), opened(second, workspace)
    mine["coalition.place"] = "Lipowiec Górny"
    theirs["coalition.place"] = "Lipowiec Dolny"
    assert save(first, mine).status_code == 303
    answer = save(second, theirs)
    assert answer.status_code == 409
    assert "zmieniono w obu wersjach" in answer.text
    conflict = re.search(
        r'<div class="alert alert-error" role="alert" id="conflict">(.*?)</div>', answer.text, re.S
    ).group(1)
    assert "Twój tekst „Lipowiec Dolny”, zapisany „Lipowiec Górny”" in conflict
    assert "Koalicja: " in conflict  # the field's Polish label, not coalition.place
    assert "coalition.place" not in conflict
    assert read_sheet(workspace / "lipowiec.yaml").data["coalition"]["place"] == "Lipowiec Górny"


def test_a_table_row_changed_on_each_side_merges_cell_by_cell(hosted, workspace):
    app, _ = hosted
    first, second = signed_in(app, "bibl"), signed_in(app, "op")
    mine, theirs = opened(first, workspace), opened(second, workspace)
    mine["parties.0.email"] = "biblioteka@lipowiec.example.pl"
    theirs["parties.1.email"] = "sekretariat@lipowiec.example.pl"
    assert save(first, mine).status_code == 303
    answer = save(second, theirs)
    assert answer.status_code == 409 and "Sprzecznych zmian nie ma" in answer.text
    assert "biblioteka@lipowiec.example.pl" in answer.text
    assert "sekretariat@lipowiec.example.pl" in answer.text


def test_saves_are_audited_with_the_versions_they_went_between(hosted, workspace):
    app, store = hosted
    client = signed_in(app, "bibl")
    fields = opened(client, workspace)
    before = fields["wersja"]
    fields["coalition.place"] = "Lipowiec Kościelny"
    assert save(client, fields).status_code == 303
    after = version_of(workspace / "lipowiec.yaml")
    entries = store.audit_log()
    assert ("bibl", "save", "lipowiec.yaml", f"wersja {before} → {after}") in [
        tuple(e[1:]) for e in entries
    ]
    log = signed_in(app, "op").get("/dziennik").text
    assert "zapis arkusza" in log and f"wersja {before} → {after}" in log


def test_a_mentor_comments_and_the_librarian_reads_it(hosted):
    app, store = hosted
    mentor, librarian = signed_in(app, "mentor"), signed_in(app, "bibl")
    page = mentor.get("/k/lipowiec.yaml").text
    assert "Tylko do odczytu" in page and ">Zapisz arkusz</button>" not in page
    answer = mentor.post(
        "/k/lipowiec.yaml/uwagi",
        data={
            "text": "Proszę dopisać termin drugiego spotkania <b>Zespołu</b>.",
            "csrf_token": mentor.csrf,
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"].endswith("#uwagi")
    shown = librarian.get("/k/lipowiec.yaml").text
    assert "Proszę dopisać termin drugiego spotkania &lt;b&gt;Zespołu&lt;/b&gt;." in shown
    assert "Dodaj uwagę" not in shown  # the librarian reads, does not comment
    assert ">Zapisz arkusz</button>" in shown
    empty = mentor.post("/k/lipowiec.yaml/uwagi", data={"text": "  ", "csrf_token": mentor.csrf})
    assert empty.status_code == 400 and "Uwaga jest pusta" in empty.text
    assert [a for _, a, _ in store.comments("lipowiec.yaml")] == ["mentor"]
    assert any(e[2] == "comment" for e in store.audit_log())
