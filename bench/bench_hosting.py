"""Does a hosted studio hold 20 people at once? Field validation p95, errors, lost saves, memory.

    python bench/bench_hosting.py [--users 20] [--seconds 60] [--seed 7] [--workers 2]

A workspace of synthetic coalitions (``bench/synthetic.py``), one librarian account per
coalition, a mentor of all of them and an operator, served by ``deedgen studio`` in its own
process on the loopback with accounts on (sessions, CSRF, roles and the audit log in SQLite,
as when hosted), in ``--workers`` server processes. Then, for ``--seconds``:

- ``users - 2`` librarians sign in and edit their coalition: each edit is validated as typed
  (``POST /k/<id>/sprawdz`` with the whole form, about 700 fields, and ``shown_errors``: the
  fields whose message the page shows, as studio.js sends it), one a second per librarian
  (a person types, pauses, htmx sends after 250 ms of quiet), and every 8th edit is saved with the version
  the form was opened from, then the page reopened (a new version). Each edit ends with the
  field left (``trigger=change``), so after each check's answer the page asks for the
  funding-conditions panel (``POST /k/<id>/warunki`` with the form and the digest the answer
  gave, after the delay the answer says: 150 ms): the most panel requests the page sends, one
  per check, counted as their own kind;
- a mentor previews a clause edit on the region's coalitions (``POST /klauzule/<id>/podglad``),
  one every two seconds (reading the preview between edits);
- the operator starts a cohort build of the workspace (the batch, in its own processes: one
  core fewer than the machine has, at a lower priority than the server's) and starts it
  again whenever it ends.

Baseline, in the same run and first: one librarian alone for a fifth of the time. Prints p50 /
p95 of field validation and of the conditions panel under load and alone (and the ratio),
every other request's p95, the
error responses (any status other than the expected), lost saves (a coalition's file whose last
saved value is not the last value its librarian saved), the server's peak RSS and CPU seconds,
and how busy the whole machine was meanwhile (on a shared machine, other work counts too).
Targets (issue 17): p95 of a field validation ≤ 200 ms, no error responses, no lost save. Not a
test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_studio import form_fields  # noqa: E402
from bench.synthetic import dump_yaml, generate_sheet  # noqa: E402

PASSWORD = "hasło-do-pomiaru-123"
TARGET_P95_MS = 200
SAVE_EVERY = 8


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples) or [float("nan")]
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))
    ]


def make_workspace(root: Path, coalitions: int, seed: int) -> list[str]:
    from deedgen.studio.auth.store import AccountStore

    (root / "klauzule").mkdir()
    (root / "deedgen.toml").write_text('[library]\nlayers = ["klauzule"]\n', encoding="utf-8")
    ids = []
    for index in range(coalitions):
        name = f"koalicja-{index:02d}.yaml"
        data = generate_sheet(index, seed, parties=8, actions=4)
        (root / name).write_text(dump_yaml(data), encoding="utf-8")
        ids.append(name)
    store = AccountStore.of_workspace(root)
    for index, name in enumerate(ids):
        store.add(f"bibl{index:02d}", PASSWORD, "librarian", [name])
    store.add("mentor", PASSWORD, "mentor", ids)
    store.add("op", PASSWORD, "operator")
    store.close()
    return ids


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy since boot (every core, every process)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``deedgen studio`` in its own process (its workers' supervisor with ``workers`` > 1), on
    the loopback."""

    def __init__(self, root: Path, workers: int = 1) -> None:
        self.workers = workers
        self.port = free_port()
        command = [sys.executable, "-m", "deedgen", "studio", str(root)]
        command += ["--port", str(self.port), "--no-browser", "--workers", str(workers)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait()

    def _wait(self) -> None:
        import httpx2 as httpx  # Starlette's TestClient's HTTP client, already a test dependency

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.base}/logowanie", timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the studio did not start")

    def processes(self) -> list[int]:
        """The server's processes: this one, and its workers (the cohort build's processes are
        the workers' children, not counted)."""
        pids = [self.process.pid]
        if self.workers == 1:  # its spawned children are the cohort build's
            return pids
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in children.read_text().split():
            if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
                pids.append(int(pid))
        return pids

    def usage(self) -> tuple[float, float]:
        """(peak RSS MiB summed over the server's processes, their CPU seconds) so far."""
        peak = ticks = 0
        for pid in self.processes():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:  # a worker that has just ended
                continue
            peak += int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
            ticks += sum(int(v) for v in fields[11:13])  # utime stime (not the children's)
        return peak, ticks / 100

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(20)


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def timed(self, kind: str, call, expected: int):
        start = time.perf_counter()
        answer = call()
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.times.setdefault(kind, []).append(elapsed)
            if answer.status_code != expected:
                self.errors.append(f"{kind}: {answer.status_code}")
        return answer


def signed_in(base: str, name: str):
    import httpx2 as httpx  # Starlette's TestClient's HTTP client, already a test dependency

    client = httpx.Client(base_url=base, timeout=120)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/logowanie").text)
    answer = client.post(
        "/logowanie", data={"name": name, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert answer.status_code == 303, answer.status_code  # sent on to the start page
    return client


def opened(client, coalition: str) -> dict[str, str]:
    page = client.get(f"/k/{coalition}").text
    return {
        "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
        "wersja": re.search(r'name="wersja" value="([^"]*)"', page).group(1),
        "shown_errors": shown_errors(page),
    }


SHOWN_MESSAGE = re.compile(r'<div id="err-([^"]+)" class="field-error"[^>]*>\s*<p')


def shown_errors(html: str) -> str:
    """What studio.js sends as ``shown_errors``: the ids of the fields showing a message."""
    return " ".join(SHOWN_MESSAGE.findall(html))


THINK_SECONDS = 1.0  # between two validations of one librarian: typing, then a pause
MENTOR_THINK_SECONDS = 2.0  # between two clause previews: the mentor reads the last one


def librarian(base, root, name, coalition, until, tally, last_saved) -> None:
    client = signed_in(base, name)
    fields = {**form_fields(root / coalition), **opened(client, coalition)}
    edits = 0
    while time.monotonic() < until:
        edits += 1
        fields["coalition.place"] = f"Miejsce {edits}"
        answer = tally.timed(
            "field validated",
            lambda: client.post(f"/k/{coalition}/sprawdz", data={**fields, "trigger": "change"}),
            200,
        )
        # the page swaps the answer in: what it shows now is sent with the next check
        shown = set(fields["shown_errors"].split()) | set(SHOWN_MESSAGE.findall(answer.text))
        cleared = re.findall(r'<div id="err-([^"]+)" class="field-error"[^>]*></div>', answer.text)
        fields["shown_errors"] = " ".join(sorted(shown - set(cleared)))
        waited = conditions_panel(client, coalition, fields, answer.text, tally)
        if edits % SAVE_EVERY == 0:
            saved = tally.timed(
                "save", lambda: client.post(f"/k/{coalition}/zapisz", data=fields), 303
            )
            if saved.status_code == 303:
                last_saved[coalition] = fields["coalition.place"]
            fields.update(opened(client, coalition))
        time.sleep(max(0.0, THINK_SECONDS - waited))
    client.close()


PANEL_NOTE = re.compile(r'"digest": "([0-9a-f]+)"\}\'\s+hx-trigger="load delay:(\d+)ms"')


def conditions_panel(client, coalition, fields, check_answer: str, tally) -> float:
    """What the check's answer makes the page do: after the delay it says, ask for the
    funding-conditions panel with the form (not ``shown_errors``: only checks send it) and
    the digest the answer gave. Returns the seconds waited before asking."""
    note = PANEL_NOTE.search(check_answer)
    if note is None:
        with tally.lock:
            tally.errors.append("field validated: no conditions note")
        return 0.0
    delay = int(note.group(2)) / 1000
    time.sleep(delay)
    form = {k: v for k, v in fields.items() if k != "shown_errors"} | {"digest": note.group(1)}
    tally.timed("conditions panel", lambda: client.post(f"/k/{coalition}/warunki", data=form), 200)
    return delay


def mentor(base, root, coalitions, until, tally) -> None:
    client = signed_in(base, "mentor")
    token = opened(client, coalitions[0])["csrf_token"]
    text = (ROOT / "clause_library" / "final" / "disputes.pl.txt").read_text(encoding="utf-8")
    index = 0
    while time.monotonic() < until:
        index += 1
        form = {
            "text": text.replace("30 dni", f"{30 + index % 20} dni"),
            "koalicja": coalitions[index % len(coalitions)],
            "csrf_token": token,
        }
        tally.timed(
            "clause preview",
            lambda form=form: client.post("/klauzule/final.disputes/podglad", data=form),
            200,
        )
        time.sleep(MENTOR_THINK_SECONDS)
    client.close()


def operator(base, until, tally, builds: list[int]) -> None:
    client = signed_in(base, "op")
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/kohorta").text).group(1)
    while time.monotonic() < until:
        page = client.get("/kohorta/postep").text
        if "Budowanie kohorty…" not in page:  # nothing running: start (again)
            form = {"csrf_token": token}
            tally.timed(
                "cohort build started",
                lambda form=form: client.post("/kohorta/buduj", data=form),
                303,
            )
            builds.append(1)
        time.sleep(1.0)
    client.close()


def run(base, root, coalitions, users, seconds, tally, last_saved, *, others=True) -> int:
    """*users* people for *seconds*: librarians, and with *others* a mentor and the operator
    among them. Returns how many cohort builds were started."""
    until = time.monotonic() + seconds
    builds: list[int] = []
    threads = [
        threading.Thread(
            target=librarian,
            args=(base, root, f"bibl{i:02d}", coalitions[i], until, tally, last_saved),
        )
        for i in range(users - 2 if others else users)
    ]
    if others:
        threads.append(threading.Thread(target=mentor, args=(base, root, coalitions, until, tally)))
        threads.append(threading.Thread(target=operator, args=(base, until, tally, builds)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(builds)


def lost_saves(root: Path, last_saved: dict[str, str]) -> list[str]:
    import yaml

    lost = []
    for coalition, place in last_saved.items():
        data = yaml.safe_load((root / coalition).read_text(encoding="utf-8"))
        if data["coalition"]["place"] != place:
            lost.append(coalition)
    return lost


def report(kind: str, loaded: Tally, alone: Tally | None = None) -> None:
    p50, p95 = p50_p95(loaded.times.get(kind, []))
    line = (
        f"  {kind:22} n={len(loaded.times.get(kind, [])):5}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
    )
    if alone is not None:
        a50, a95 = p50_p95(alone.times.get(kind, []))
        line += f"   alone: p50 {a50:6.1f} ms  p95 {a95:6.1f} ms   ratio p95 {p95 / a95:4.1f}×"
    print(line)


def remove_when_free(root: Path, seconds: float = 30) -> None:
    """Remove the workspace's contents, again while the last workers still write into it."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            for child in root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args(argv)
    # the cohort build's workers stop a moment after the server (their lifeline closes):
    # the workspace is removed once they have, see remove_when_free
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        root = Path(folder)
        coalitions = make_workspace(root, max(args.users - 2, 1), args.seed)
        server = Server(root, args.workers)
        try:
            alone, last_alone = Tally(), {}
            run(server.base, root, coalitions, 1, args.seconds / 5, alone, last_alone, others=False)
            loaded, last_saved = Tally(), {}
            cpu_before, machine_before = server.usage()[1], machine_busy()
            own_before = time.process_time()
            started = time.monotonic()
            builds = run(
                server.base, root, coalitions, args.users, args.seconds, loaded, last_saved
            )
            wall = time.monotonic() - started
            peak, cpu = server.usage()
            machine = machine_busy() - machine_before
            own = time.process_time() - own_before
        finally:
            server.stop()
        lost = lost_saves(root, last_saved)
        remove_when_free(root)
    print(
        f"{args.users} users for {args.seconds:.0f} s ({args.users - 2} librarians, a mentor, "
        f"an operator); {args.workers} server process(es)"
    )
    report("field validated", loaded, alone)
    report("conditions panel", loaded, alone)
    for kind in ("save", "clause preview", "cohort build started"):
        report(kind, loaded)
    p95 = p50_p95(loaded.times["field validated"])[1]
    print(f"  cohort builds started: {builds}")
    print(f"  error responses: {len(loaded.errors)} {sorted(set(loaded.errors))[:5]}")
    print(f"  saves: {len(loaded.times.get('save', []))}, lost: {len(lost)} {lost[:5]}")
    print(
        f"  server: peak RSS {peak:.0f} MiB (summed), CPU {cpu - cpu_before:.1f} s in {wall:.0f} s wall "
        f"({(cpu - cpu_before) / wall:.2f} cores; the cohort build's processes not included)"
    )
    print(
        f"  machine: {machine / wall:.2f} of {os.cpu_count()} cores busy during the run "
        f"(this benchmark's clients {own / wall:.2f}, the server, the cohort build, whatever else "
        f"runs), load average {Path('/proc/loadavg').read_text().split()[0]} at the end"
    )
    met = p95 <= TARGET_P95_MS and not loaded.errors and not lost
    print(
        f"target: field validation p95 ≤ {TARGET_P95_MS} ms, no errors, no lost save — "
        f"{'met' if met else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
