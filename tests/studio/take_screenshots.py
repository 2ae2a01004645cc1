"""Screenshots of every studio page, for looking at them and for README (not a test).

    python tests/studio/take_screenshots.py OUTDIR

Serves a workspace of the samples (lipowiec.yaml built once, bledy.xlsx with its errors) on a
free loopback port and photographs each page in Debian's headless Chromium.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.studio.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = {
    "home": "/",
    "form-errors": "/k/bledy.xlsx",
    "form-parties": "/k/bledy.xlsx?zakladka=parties",
    "form-valid": "/k/lipowiec.yaml",
    "preview": "/k/lipowiec.yaml/podglad",
    "files": "/k/lipowiec.yaml/pliki",
    "clauses": "/klauzule",
    "clause-edit": "/klauzule/final.disputes",
    "cohort": "/kohorta",
}


def main(outdir: str) -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from deedgen.studio.app import create_app
    from deedgen.studio.server import bind_loopback

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for name in ("lipowiec.yaml", "bledy.xlsx"):
            shutil.copy(ROOT / "samples" / name, folder)
        (Path(folder) / "klauzule").mkdir()
        (Path(folder) / "deedgen.toml").write_text('[library]\nlayers = ["klauzule"]\n')
        app = create_app(folder)
        sock = bind_loopback(0)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        studio = app.state.studio
        coalition = studio.workspace.coalition("lipowiec.yaml")
        from deedgen.sheet.validate import read_sheet

        studio.generate(coalition, read_sheet(coalition.path), draft=False)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name, path in PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(out / f"{name}.png"))
            _edited_clause(page, base, out)
            _cohort_built(page, base, out)
            browser.close()
        server.should_exit = True


def _edited_clause(page, base: str, out: Path) -> None:
    """The clause editor after the mentor typed: the diff and the edited § in the preview."""
    page.goto(base + "/klauzule/final.disputes")
    editor = page.locator("#clause-text")
    editor.fill(editor.input_value().replace("w terminie 30 dni", "w terminie 45 dni"))
    page.locator("#clause-preview ins").first.wait_for()
    page.screenshot(path=str(out / "clause-edit-typed.png"))


def _cohort_built(page, base: str, out: Path) -> None:
    page.goto(base + "/kohorta")
    page.get_by_role("button", name="Zbuduj kohortę").click()
    page.wait_for_timeout(700)
    page.screenshot(path=str(out / "cohort-running.png"))
    page.get_by_text("Kohorta zbudowana").wait_for(timeout=300_000)
    page.screenshot(path=str(out / "cohort-report.png"))


if __name__ == "__main__":
    main(sys.argv[1])
