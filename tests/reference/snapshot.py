"""The outputs of every sample, reduced to text: the unpacked DOCX parts and the PDF text.

`python -m tests.reference.snapshot` rewrites tests/reference/outputs/ from a fresh build; the test
beside it builds again and compares. It guards refactorings that must not change a document: a
deliberate change of a clause or a template regenerates the snapshot, and its diff is reviewed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = Path(__file__).parent / "outputs"
# (case name, sample sheet, extra build options); every case builds pl and en, draft on and off
CASES = [
    ("lipowiec", "lipowiec.yaml", []),
    ("brzeziny-nowe", "brzeziny-nowe.yaml", []),
    ("niezgodna", "niezgodna.yaml", []),
    (
        "lipowiec-nakladki",
        "lipowiec.yaml",
        ["--library", "samples/overlays/lipowiec", "--library", "samples/overlays/wbp-kielce"],
    ),
]
DRAFTS = (False, True)


def case_id(name: str, draft: bool) -> str:
    return f"{name}-projekt" if draft else name


def build_case(sheet: str, extra: list[str], draft: bool, outdir: Path) -> int:
    from deedgen.cli.main import cli

    args = ["build", str(ROOT / "samples" / sheet), "-o", str(outdir), "--format", "all"]
    args += ["--lang", "both", *extra] + (["--draft"] if draft else [])
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code


def docx_parts(path: Path) -> str:
    """Every member of a DOCX, in order, with its text (all parts are XML)."""
    chunks = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            chunks.append(f"=== {info.filename}\n{archive.read(info).decode('utf-8')}\n")
    return "".join(chunks)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def snapshot(outdir: Path) -> dict[str, str]:
    """{relative name: text} for every DOCX and PDF of a build folder."""
    texts = {}
    for path in sorted(outdir.iterdir()):
        if path.suffix == ".docx":
            texts[path.name + ".parts.txt"] = docx_parts(path)
        elif path.suffix == ".pdf":
            texts[path.name + ".txt"] = pdf_text(path)
    return texts


def build_snapshot(name: str, sheet: str, extra: list[str], draft: bool) -> dict[str, str] | int:
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(tmp) / "out"
        code = build_case(sheet, extra, draft, outdir)
        if code != 0:
            return code
        return snapshot(outdir)


def main() -> None:
    for name, sheet, extra in CASES:
        for draft in DRAFTS:
            target = OUTPUTS / case_id(name, draft)
            result = build_snapshot(name, sheet, extra, draft)
            target.mkdir(parents=True, exist_ok=True)
            for old in target.iterdir():
                old.unlink()
            if isinstance(result, int):
                (target / "exit-code.txt").write_text(f"{result}\n")
                print(f"{target.name}: exit {result}", file=sys.stderr)
                continue
            for rel, text in result.items():
                (target / rel).write_text(text, encoding="utf-8")
            print(f"{target.name}: {len(result)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
