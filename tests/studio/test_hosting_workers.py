"""Hosting in several server processes (``deedgen studio --workers 2``): no lost save, sessions
and the CSRF token shared, one cohort build at a time, a clause save seen by every process, and
the cohort build below the server's priority."""

from __future__ import annotations

import multiprocessing
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2 as httpx
import pytest
import yaml

from deedgen.studio.auth.store import AccountStore
from deedgen.studio.cohort_job import NICENESS, CohortJob, _lower_priority
from deedgen.studio.services import Studio
from deedgen.studio.workspace import Workspace, version_of
from tests.studio.conftest import csrf_of
from tests.studio.test_hosting_routes import ACCOUNTS, PASSWORD
from tests.studio.test_routes import form_fields

SAVERS = 6


def _save_from_another_process(root: str, place: str, expected: str, start, out) -> None:
    workspace = Workspace(root)
    coalition = workspace.coalition("lipowiec.yaml")
    data = yaml.safe_load(coalition.path.read_text(encoding="utf-8"))
    data["coalition"]["place"] = place
    start.wait()
    saved = workspace.save(coalition, yaml.safe_dump(data).encode(), expected=expected)
    out.put((place, saved))


def test_processes_saving_one_version_at_once_one_wins_and_nothing_is_lost(workspace):
    """Six processes save over the same version at the same moment: exactly one is written,
    the others are told (no silent overwrite), and the file holds the winner's text."""
    context = multiprocessing.get_context("spawn")
    start, out = context.Event(), context.Queue()
    expected = version_of(workspace / "lipowiec.yaml")
    processes = [
        context.Process(
            target=_save_from_another_process,
            args=(str(workspace), f"Miejsce {i}", expected, start, out),
        )
        for i in range(SAVERS)
    ]
    for process in processes:
        process.start()
    time.sleep(1.0)  # every process is waiting at the start line
    start.set()
    answers = [out.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
    winners = [place for place, saved in answers if saved]
    assert len(winners) == 1, answers
    data = yaml.safe_load((workspace / "lipowiec.yaml").read_text(encoding="utf-8"))
    assert data["coalition"]["place"] == winners[0]
    history = list((workspace / ".deedgen-history" / "lipowiec.yaml").iterdir())
    assert len(history) == 1  # the version all of them had opened, kept


def test_a_save_waits_while_another_process_holds_the_save_lock(workspace):
    """The save lock is a file lock: held here, a save of a child process waits for it."""
    context = multiprocessing.get_context("spawn")
    start, out = context.Event(), context.Queue()
    start.set()
    expected = version_of(workspace / "lipowiec.yaml")
    with Workspace(workspace).saving():
        child = context.Process(
            target=_save_from_another_process,
            args=(str(workspace), "Czekające", expected, start, out),
        )
        child.start()
        time.sleep(2.0)
        assert out.empty()  # still waiting for the lock
        assert version_of(workspace / "lipowiec.yaml") == expected
    assert out.get(timeout=60) == ("Czekające", True)
    child.join(30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def two_workers(workspace):
    """``deedgen studio WORKSPACE --workers 2`` with accounts, in its own process."""
    store = AccountStore.of_workspace(workspace)
    for name, (role, coalitions) in ACCOUNTS.items():
        store.add(name, PASSWORD, role, coalitions)
    store.close()
    port = _free_port()
    command = [sys.executable, "-m", "deedgen", "studio", str(workspace)]
    command += ["--port", str(port), "--no-browser", "--workers", "2"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/logowanie", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert server.poll() is None, server.stdout.read()
        assert time.monotonic() < deadline, "the studio did not start"
        time.sleep(0.2)
    yield base, server
    server.terminate()
    server.wait(30)
    server.stdout.close()


def _workers_of(server) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [
        int(pid) for pid in children if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()
    ]


def _signed_in(base: str, name: str = "bibl") -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=120)
    token = csrf_of(client.get("/logowanie").text)  # the login form of one process…
    answer = client.post(  # …posted to whichever answers: the processes share the token
        "/logowanie", data={"name": name, "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 303
    return client


def test_two_server_processes_share_sessions_and_lose_no_save(two_workers, workspace):
    base, server = two_workers
    assert len(_workers_of(server)) == 2
    clients = [_signed_in(base) for _ in range(SAVERS)]
    for client in clients:  # every request finds its session, whichever process answers
        for _ in range(3):
            assert client.get("/k/lipowiec.yaml").status_code == 200
    page = clients[0].get("/k/lipowiec.yaml").text
    version = re.search(r'name="wersja" value="([^"]*)"', page).group(1)
    fields = form_fields(workspace / "lipowiec.yaml")
    answers: dict[str, int] = {}

    def save(index: int, client) -> None:
        token = csrf_of(client.get("/k/lipowiec.yaml").text)
        form = {**fields, "coalition.place": f"Miejsce {index}", "wersja": version}
        answers[f"Miejsce {index}"] = client.post(
            "/k/lipowiec.yaml/zapisz", data={**form, "csrf_token": token}
        ).status_code

    threads = [threading.Thread(target=save, args=item) for item in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(answers.values()) == [303] + [409] * (SAVERS - 1), answers
    (winner,) = [place for place, status in answers.items() if status == 303]
    data = yaml.safe_load((workspace / "lipowiec.yaml").read_text(encoding="utf-8"))
    assert data["coalition"]["place"] == winner
    for client in clients:
        client.close()


def test_one_cohort_build_at_a_time_across_processes(workspace):
    """Two processes' jobs (two CohortJobs of one workspace: the lock is a file's): the second
    cannot start while the first runs, and shows the first's progress and outcome."""
    first, second = CohortJob(workspace), CohortJob(workspace)
    assert first.start()
    assert not second.start()
    assert second.progress.running
    deadline = time.monotonic() + 300
    while second.progress.running:
        assert time.monotonic() < deadline, "the cohort build did not end"
        time.sleep(0.5)
    outcome = second.progress
    assert outcome.error is None and outcome.counts is not None
    assert sum(outcome.counts.values()) == 2  # lipowiec.yaml and bledy.xlsx
    assert second.start()  # free again
    while second.progress.running:
        assert time.monotonic() < deadline, "the cohort build did not end"
        time.sleep(0.5)


def test_a_clause_save_in_one_process_reloads_the_library_in_another(workspace):
    here, there = Studio(Workspace(workspace)), Studio(Workspace(workspace))
    loaded = here.library()
    assert here.library() is loaded  # kept while nothing changes
    there.reload()  # what a mentor's clause save does in the other process
    assert here.library() is not loaded


def test_a_session_proven_again_writes_nothing(workspace):
    store = AccountStore.of_workspace(workspace)
    store.add("bibl", PASSWORD, "librarian", ["lipowiec.yaml"])
    token = store.login("bibl", PASSWORD, address="127.0.0.1")
    writes = store._db.total_changes
    for _ in range(5):
        assert store.session(token).account.coalitions == ("lipowiec.yaml",)
    assert store._db.total_changes == writes
    later = time.time() + 120  # past the renewal interval, within the idle timeout
    assert store.session(token, now=later) is not None
    assert store._db.total_changes == writes + 1  # renewed once
    store.close()


def _niceness_after_lowering(out) -> None:
    before = os.nice(0)
    _lower_priority()
    out.put((before, os.nice(0)))


def test_the_cohort_build_runs_below_the_server(workspace):
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    child = context.Process(target=_niceness_after_lowering, args=(out,))
    child.start()
    before, after = out.get(timeout=60)
    child.join(30)
    assert after == min(19, before + NICENESS)
