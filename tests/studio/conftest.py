"""Fixtures of the studio tests: a workspace of sample sheets, a TestClient, and a real uvicorn
server on 127.0.0.1 driven by Debian's headless Chromium through Playwright."""

from __future__ import annotations

import contextlib
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "data" / "axe.min.js"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with a valid coalition (lipowiec.yaml), a faulty workbook (bledy.xlsx) and
    its own clause layer (empty: the mentor's edits go there)."""
    root = tmp_path / "ws"
    (root / "klauzule").mkdir(parents=True)
    (root / "deedgen.toml").write_text('[library]\nlayers = ["klauzule"]\n', encoding="utf-8")
    shutil.copy(SAMPLES / "lipowiec.yaml", root)
    shutil.copy(SAMPLES / "bledy.xlsx", root)
    return root


@pytest.fixture
def client(workspace: Path):
    from starlette.testclient import TestClient

    from deedgen.studio.app import create_app

    app = create_app(workspace)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        test_client.token = app.state.csrf_token
        yield test_client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@contextlib.contextmanager
def serving(app):
    """*app* served by uvicorn on a free loopback port, in a thread of this process."""
    import uvicorn

    from deedgen.studio.server import bind_loopback

    sock = bind_loopback(0)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextlib.contextmanager
def chromium():
    """Debian's headless Chromium driven by Playwright."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, base: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    browser_page = context.new_page()
    browser_page.set_default_timeout(60_000)  # waits on conditions; a loaded CI box is slow
    browser_page.base = base
    return browser_page


@pytest.fixture
def live_studio(workspace: Path):
    """The studio of *workspace* (no accounts) served on the loopback."""
    from deedgen.studio.app import create_app

    with serving(create_app(workspace)) as base:
        yield base


@pytest.fixture
def page(live_studio):
    with chromium() as browser:
        browser_page = new_page(browser, live_studio)
        yield browser_page
        browser_page.context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's level A and AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
