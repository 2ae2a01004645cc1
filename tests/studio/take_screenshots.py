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
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main(sys.argv[1])
