"""The CLI as a person runs it: in-process through click's runner (stdout and stderr apart),
or as the installed console script in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
DEEDGEN = Path(sys.executable).with_name("deedgen")
POLISH_LOCALE = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}


@pytest.fixture
def run():
    """``deedgen …`` in-process with a neutral locale; *env* adds variables."""
    from deedgen.cli.main import cli

    def invoke(*args, env: dict | None = None):
        runner = CliRunner(env={**POLISH_LOCALE, **(env or {})})
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def run_script(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The console script, as a shell runs it."""
    environ = {**os.environ, **POLISH_LOCALE, **(env or {})}
    return subprocess.run(
        [str(DEEDGEN), *map(str, args)],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


__all__ = ["ROOT", "SAMPLES", "run_script"]
