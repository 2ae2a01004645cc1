"""The wheel carries everything a build needs: built, installed in a fresh virtual environment
outside the checkout, and run from a folder outside the checkout, it builds the sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from tests.helpers import ROOT, SAMPLES, docx_text, load_sample

# What a build of the wheel does not need: copying it would only cost time, and a stale
# build/ folder would put deleted modules into the wheel.
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".*_cache", "tests"
)


def _run(args: list, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run *args* with an environment that cannot reach the checkout's code."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment (its own site-packages only) with the wheel installed."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCES, symlinks=True)
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", base / "dist", source], cwd=base)
    (wheel,) = (base / "dist").glob("deedgen-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=False)  # the test's own pip installs into it (--python)
    _install(wheel, env_dir / "bin" / "python", cwd=base)
    return env_dir


def _install(wheel: Path, python: Path, cwd: Path) -> None:
    """Install *wheel* and its declared dependencies into *python*'s environment.

    Resolving against the package index takes most of the time, so the dependencies' wheels are
    kept in a cache folder and installed from there alone; when the cache lacks one (first run,
    a new dependency) they are fetched into it from the index pip is configured with, and any
    sdist among them (docopt) is built once, there. Only
    what the wheel declares is installed, so a missing dependency still fails the test."""
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "deedgen-test-wheels"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile"]
    offline = [*pip, "--no-index", "--find-links", cache, wheel]
    if cache.is_dir() and _run(offline, cwd, check=False).returncode == 0:
        return
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", cache, wheel], cwd)
    for copied in cache.glob("deedgen-*.whl"):
        copied.unlink()  # the package under test always comes from this build
    _run(offline, cwd)


def test_every_package_of_the_source_is_listed_in_pyproject():
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["packages"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "deedgen").rglob("__init__.py")
    }
    assert on_disk - set(listed) == set(), "add these to [tool.setuptools] packages"


def test_installed_package_reads_its_own_data(installed, tmp_path):
    probe = "import deedgen.resources as r; print(r.TEMPLATES); print(r.CLAUSE_LIBRARY)"
    result = _run([installed / "bin" / "python", "-c", probe], cwd=tmp_path)
    for line in result.stdout.splitlines():
        folder = Path(line)
        assert folder.is_relative_to(installed), folder
        assert any(folder.iterdir()), folder


def test_wheel_builds_and_checks_the_sample_outside_the_checkout(installed, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    sheet = shutil.copy(SAMPLES / "lipowiec.yaml", work / "lipowiec.yaml")
    deedgen = installed / "bin" / "deedgen"

    _run([deedgen, "build", sheet.name, "--format", "docx", "-o", "out"], cwd=work)
    declaration = work / "out" / "deklaracja-partnerstwa.docx"
    coalition = load_sample("lipowiec")["coalition"]["name"]
    assert coalition in docx_text(declaration).replace("~", " ")

    # the rule set of the sheet's edition comes from the wheel: its rules are reported as met
    checked = _run([deedgen, "check", sheet.name], cwd=work)
    assert "✓ program-period" in checked.stdout
    assert "✗" not in checked.stdout
