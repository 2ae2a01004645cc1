"""Small helpers shared by the tests."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def build_file_tree(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under *root* (text is dedented)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def clause_file(
    clause_id: str,
    body: str,
    *,
    title="Tytuł",
    version=1,
    documents=("declaration",),
    order=500,
    **meta,
) -> str:
    """The text of a Polish clause file."""
    lines = [
        "---",
        f"id: {clause_id}",
        f"title: {title}",
        f"version: {version}",
        f"category: {clause_id.split('.')[0]}",
        f"documents: [{', '.join(documents)}]",
        f"order: {order}",
    ]
    lines += [f"{key}: {value}" for key, value in meta.items()]
    return "\n".join(lines) + "\n---\n" + textwrap.dedent(body).strip("\n") + "\n"


def load_sample(name: str = "lipowiec") -> dict:
    yaml = YAML(typ="safe", pure=True)
    return yaml.load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def write_sheet(path: Path, data: dict) -> Path:
    """Write a partner sheet (plain data) as YAML."""
    yaml = YAML()
    yaml.default_flow_style = False
    with open(path, "w", encoding="utf-8") as handle:
        yaml.dump(copy.deepcopy(data), handle)
    return path


def docx_text(source) -> str:
    """The text of a DOCX in reading order: header, then paragraphs and table rows (cells joined
    with " | "), one per line; non-breaking spaces shown as "~" so golden files make them visible.
    A list paragraph is read with the label Word prints before it („§ 3”, „2.<tab>”), so the
    numbers of Word's own list read as the typed ones did (:func:`deedgen.render.numbering.list_labels`)."""
    import io as _io

    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from deedgen.render.numbering import list_labels

    doc = Document(_io.BytesIO(source) if isinstance(source, bytes) else str(source))
    labels = list_labels(doc)
    lines = [f"[nagłówek] {p.text}" for p in doc.sections[0].header.paragraphs if p.text]
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(labels.get(child, "") + Paragraph(child, doc).text)
        elif child.tag == qn("w:tbl"):
            for row in Table(child, doc).rows:
                lines.append(" | ".join(" / ".join(cell_lines(cell)) for cell in row.cells))
    return "\n".join(line.replace("\u00a0", "~") for line in lines) + "\n"


def cell_lines(cell) -> list[str]:
    """A cell's non-empty paragraphs in order, those of a table inside it (a signature beside
    its date line) cell after cell."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    texts = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            texts += [item.text] if item.text else []
        elif isinstance(item, Table):
            texts += [t for row in item.rows for inner in row.cells for t in cell_lines(inner)]
    return texts
