"""deedgen as a library: the names a program needs, and the README's example as it stands."""

from __future__ import annotations

import re
import subprocess
import sys

from docx import Document

import deedgen
from tests.helpers import ROOT


def test_every_exported_name_resolves():
    for name in deedgen.__all__:
        assert getattr(deedgen, name) is not None


def test_importing_deedgen_loads_no_pipeline_module():
    code = "import sys, deedgen; print(sorted(m for m in sys.modules if m.startswith('deedgen')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['deedgen']"


def test_the_readme_example_plans_in_memory_then_writes(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(import deedgen\n.*?)```", readme, re.S)
    assert example, "README has no library example"
    monkeypatch.chdir(ROOT)
    code = example.group(1).replace('"out/lipowiec"', repr(str(tmp_path / "out")))
    exec(compile(code, "README.md", "exec"), {})
    declaration = Document(str(tmp_path / "out" / "deklaracja-partnerstwa.docx"))
    assert any("Koalicja" in p.text for p in declaration.paragraphs)
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_plan_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sheet = deedgen.read_sheet(ROOT / "samples" / "lipowiec.yaml")
    planned = deedgen.plan(sheet, deedgen.BuildOptions(langs=("pl", "en")))
    assert [d.name for d in planned.docx][:2] == [
        "wstepna-deklaracja.docx",
        "deklaracja-partnerstwa.docx",
    ]
    assert len(planned.docx) == 8 and all(d.data.startswith(b"PK") for d in planned.docx)
    assert list(tmp_path.iterdir()) == []


def test_the_conditions_alone_are_the_plans_conditions():
    """What the studio checks as you type (no document rendered) is what a build checks."""
    from deedgen.options import BuildOptions
    from deedgen.pipeline.plan import check_conditions, plan, resolve_rules
    from deedgen.sheet.load import load_sheet
    from deedgen.sheet.validate import validate_sheet
    from tests.helpers import SAMPLES

    options = BuildOptions(draft=True)
    library = options.library.load()
    for name in ("lipowiec.yaml", "brzeziny-nowe.yaml"):
        sheet = validate_sheet(load_sheet(SAMPLES / name))
        rules = resolve_rules(sheet, options)
        alone = check_conditions(sheet, library, rules)
        whole = plan(sheet, options, library=library, rules=rules).report
        assert alone.to_text("pl") == whole.to_text("pl") and alone.compliant == whole.compliant
        assert alone.to_text("pl").strip()
