"""How fast does deedgen studio answer a librarian? p50 / p95 over real HTTP requests.

    python bench/bench_studio.py [-n 40] [--seed 7]

On a synthetic 12-party sheet (``bench/synthetic.py``), served by the studio's ASGI app through
Starlette's TestClient (the whole request: form parsing, CSRF check, validation, templates):

1. a field edit validated (``POST /k/<id>/sprawdz`` with the whole form): one NIP broken (the
   problems list and every field's message), and one place name changed while the sheet stays
   valid, then the funding-conditions panel the check's answer asks for (``POST
   /k/<id>/warunki``, the conditions checked on the planned documents): both requests, one
   after the other — target ≤ 100 ms;
2. the declaration's page preview (``GET /k/<id>/podglad``) — target ≤ 150 ms, and its PDF
   pages typeset by Typst (``GET /k/<id>/podglad.pdf``) — target ≤ 400 ms;
3. a clause preview (``POST /klauzule/<id>/podglad``: the edited clause parsed, the declaration
   of the coalition planned with it, the word-level diff) — target ≤ 150 ms;
4. an XLSX upload validated (``POST /wgraj``, then the form page that lists its problems) —
   target ≤ 300 ms.

Not a test: it prints the figures and whether each target is met.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import dump_yaml, generate_sheet  # noqa: E402

TARGETS_MS = {
    "field edit validated": 100,
    "field edit + conditions": 100,
    "declaration preview": 150,
    "declaration PDF preview": 400,
    "clause preview": 150,
    "XLSX upload validated": 300,
}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(action, repeat: int) -> list[float]:
    action()  # warm: templates compiled, the clause library and rule set loaded
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def form_fields(path: Path) -> dict[str, str]:
    from deedgen.sheet.load import load_sheet
    from deedgen.studio.form import from_data

    state = from_data(load_sheet(path).data)
    fields = dict(state.values)
    for key, rows in state.rows.items():
        for index, row in enumerate(rows):
            fields.update({f"{key}.{index}.{column}": v for column, v in row.items()})
    return fields


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="requests per measurement")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    from starlette.testclient import TestClient

    from deedgen.sheet.init import init_sheet
    from deedgen.studio.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = generate_sheet(0, args.seed, parties=12, actions=6)
        (root / "koalicja.yaml").write_text(dump_yaml(data), encoding="utf-8")
        workbook = root / "upload" / "koalicja.xlsx"
        workbook.parent.mkdir()
        init_sheet(workbook, source=root / "koalicja.yaml")
        upload_bytes = workbook.read_bytes()

        app = create_app(root)
        client = TestClient(app, base_url="http://127.0.0.1")
        token = {"X-CSRF-Token": app.state.csrf_token}
        fields = form_fields(root / "koalicja.yaml")
        print(
            f"sheet: {len(data['parties'])} parties, {len(data['actions'])} actions, {len(fields)} form fields"
        )

        def edit():
            edited = {**fields, "parties.0.nip": fields["parties.0.nip"][:-1] + "0"}
            answer = client.post("/k/koalicja.yaml/sprawdz", data=edited, headers=token)
            assert answer.status_code == 200

        def edit_valid():  # the sheet stays valid: then its funding conditions are checked
            edited = {**fields, "coalition.place": fields["coalition.place"] + " Górny"}
            answer = client.post("/k/koalicja.yaml/sprawdz", data=edited, headers=token)
            digest = re.search(r'"digest": "([0-9a-f]+)"', answer.text).group(1)
            panel = client.post(
                "/k/koalicja.yaml/warunki", data={**edited, "digest": digest}, headers=token
            )
            assert "spełnia warunki finansowania" in panel.text

        def preview():
            answer = client.get("/k/koalicja.yaml/podglad")
            assert answer.status_code == 200 and "§ 1" in answer.text

        def pdf_preview():  # the declaration's pages, typeset by Typst from the saved sheet
            answer = client.get("/k/koalicja.yaml/podglad.pdf")
            assert answer.headers["content-type"] == "application/pdf"

        clause_text = app.state.studio.library().clauses["final.disputes"].texts["pl"].path
        clause_text = Path(clause_text).read_text(encoding="utf-8")

        def clause_preview():  # the mentor types: the declaration rebuilt with the edit, a diff
            edited = clause_text.replace("30 dni", "45 dni")
            form = {"text": edited, "koalicja": "koalicja.yaml"}
            answer = client.post("/klauzule/final.disputes/podglad", data=form, headers=token)
            assert "<ins>45</ins>" in answer.text

        def upload():
            files = {"sheet": ("wgrany.xlsx", upload_bytes)}
            answer = client.post("/wgraj", data={"csrf_token": app.state.csrf_token}, files=files)
            assert answer.status_code == 200 and "Arkusz" in answer.text
            created = Path(answer.url.path).name
            (root / created).unlink()

        results = {
            "field edit validated": timed(edit, args.n),
            "field edit + conditions": timed(edit_valid, args.n),
            "declaration preview": timed(preview, args.n),
            "declaration PDF preview": timed(pdf_preview, args.n),
            "clause preview": timed(clause_preview, args.n),
            "XLSX upload validated": timed(upload, max(10, args.n // 2)),
        }
    print(f"{'measurement':<24} {'p50 ms':>8} {'p95 ms':>8} {'target':>8}  verdict")
    for name, samples in results.items():
        p50, p95 = percentiles(samples)
        target = TARGETS_MS[name]
        verdict = "ok" if p95 <= target else ("p50 ok, p95 over" if p50 <= target else "OVER")
        print(f"{name:<24} {p50:8.1f} {p95:8.1f} {target:8d}  {verdict}")


if __name__ == "__main__":
    main()
