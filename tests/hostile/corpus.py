"""The hostile-input corpus (issue 13): cases kept as data in ``cases/*.json``, one runner per
kind of input. Every case builds its input in a tmp folder, runs the real CLI in-process and
returns what the user saw; :func:`assert_outcome` holds it to the case's expectation — the exit
code, a Polish message, the place it names, no traceback, nothing written to OUT.

Inputs too big to keep as text (a nesting 100,000 deep, a billion laughs, a ZIP bomb) are made
by the generators named in the data (:data:`GENERATORS`). A loader's message is Polish first:
a case names the Polish words it expects, and may name the English ones after them."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from deedgen.cli.main import cli
from deedgen.sheet.workbook import build_workbook
from tests.clauses.conftest import clause_pair
from tests.helpers import SAMPLES, load_sample, write_sheet

CASES = Path(__file__).parent / "cases"
SHEET_NAME = "wrogi"  # the file every sheet case writes: wrogi.yaml, wrogi.json, wrogi.xlsx


@dataclass
class Outcome:
    exit_code: int
    output: str
    written: bool  # whether the command left anything new on disk (in OUT, or anywhere)


def outcome(code_and_output: tuple[int, str], out: Path) -> Outcome:
    return Outcome(*code_and_output, written=out.exists() and any(out.iterdir()))


def load_cases() -> list[tuple[str, dict]]:
    """(case class, case) for every case of every data file, in file order."""
    cases = []
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            cases.append((path.stem, case))
    return cases


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


# -- sheets -------------------------------------------------------------------------------------


def set_path(data: dict, dotted: str, value) -> None:
    """Set ``parties.0.name``-style *dotted* in *data*; ``~`` as the value removes the key."""
    *parents, last = dotted.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    key = int(last) if isinstance(node, list) else last
    if value == "~":
        del node[key]
    else:
        node[key] = value


def sheet_data(case: dict) -> dict:
    data = load_sample()
    for dotted, value in case.get("set", {}).items():
        set_path(data, dotted, expand(value))
    return data


def expand(value):
    """A value of the data, or one made by a generator: {"make": name, …arguments}."""
    if isinstance(value, dict) and "make" in value:
        return GENERATORS[value["make"]](**value.get("args", {}))
    return value


def write_case_sheet(folder: Path, case: dict) -> Path:
    fmt = case.get("format", "yaml")
    if "text" in case or "make" in case:
        content = (
            expand({"make": case["make"], "args": case.get("args", {})})
            if "make" in case
            else case["text"]
        )
        path = folder / f"{SHEET_NAME}.{fmt}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        return path
    data = sheet_data(case)
    path = folder / f"{SHEET_NAME}.{fmt}"
    if fmt == "json":
        text = json.dumps(data, default=str, ensure_ascii=False, indent=1)
        path.write_text(text, encoding="utf-8")
    elif fmt == "xlsx":
        workbook = build_workbook(data)[0]
        for edit in case.get("cells", []):
            workbook[edit["sheet"]][edit["cell"]] = edit["value"]
        workbook.save(path)
    else:
        write_sheet(path, data)
    return path


def run_sheet(tmp_path: Path, case: dict) -> Outcome:
    sheet = write_case_sheet(tmp_path, case)
    out = tmp_path / "out"
    if case.get("run") == "validate":
        return outcome(invoke("validate", sheet), out)
    return outcome(invoke("build", sheet, "-o", out, "--format", "docx"), out)


# -- clauses ------------------------------------------------------------------------------------


def run_clause(tmp_path: Path, case: dict) -> Outcome:
    meta = {"condition": json.dumps(case["condition"])} if "condition" in case else {}
    files = clause_pair(
        "team.wrogi", case.get("body", "ust. Tekst."), case.get("en_body"), order=150, **meta
    )
    if "pl_text" in case:
        files["team/wrogi.pl.txt"] = case["pl_text"]
    region = tmp_path / "wbp-wrogi"
    for rel, text in files.items():
        path = region / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    if case.get("run") == "lint":
        return outcome(invoke("clause", "lint", region, "--sheet", SAMPLES / "lipowiec.yaml"), out)
    sample = SAMPLES / "lipowiec.yaml"
    return outcome(invoke("build", sample, "--library", region, "-o", out, "--format", "docx"), out)


def run_output(tmp_path: Path, case: dict) -> Outcome:
    """``build`` of the sample into a hostile output path: ``{tmp}`` is the case's tmp folder;
    *prepare* lists what to create first (``file:REL``, ``dir:REL``, ``link:REL=TARGET``)."""
    for step in case.get("prepare", []):
        kind, rel = step.split(":", 1)
        if kind == "link":
            rel, target = rel.split("=", 1)
            (tmp_path / rel).symlink_to(target.replace("{tmp}", str(tmp_path)))
        elif kind == "file":
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).write_text("moje", encoding="utf-8")
        else:
            (tmp_path / rel).mkdir(parents=True, exist_ok=True)
    target = case["output"].replace("{tmp}", str(tmp_path))
    before = _tree(tmp_path)
    code, output = invoke("build", SAMPLES / "lipowiec.yaml", "-o", target, "--format", "docx")
    return Outcome(code, output, written=_tree(tmp_path) != before)


def _tree(folder: Path) -> dict:
    return {str(p): p.is_dir() for p in folder.rglob("*")}


RUNNERS = {"sheet": run_sheet, "clause": run_clause, "output": run_output}


def run_case(tmp_path: Path, case: dict) -> Outcome:
    return RUNNERS[case.get("runner", "sheet")](tmp_path, case)


def assert_outcome(outcome: Outcome, expect: dict) -> None:
    output = outcome.output
    assert outcome.exit_code == expect["code"], output
    assert "Traceback" not in output, output
    for fragment in _as_list(expect.get("says")) + _as_list(expect.get("where")):
        fragment = fragment.replace("{after_sample}", str(_sample_lines() + 1))
        assert fragment in output, f"{fragment!r} not in:\n{output}"
    if expect["code"] != 0:
        assert not outcome.written, output
    assert len(output) < expect.get("max_output", 20_000), output[:2000]


def _as_list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


# -- generators ---------------------------------------------------------------------------------


def nested_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def nested_yaml(depth: int) -> str:
    return "coalition: " + "[" * depth + "]" * depth + "\n"


def laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for prev, name in zip(names[: levels - 1], names[1:levels], strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def repeated(text: str, times: int) -> str:
    return text * times


def many(item, count: int) -> list:
    return [copy.deepcopy(item) for _ in range(count)]


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sample_workbook():
    return build_workbook(load_sample())[0]


def with_part(
    name: str, content: bytes, base: bytes | None = None, *, replace: bool = True
) -> bytes:
    """The sample workbook (or *base*) with the ZIP part *name* set to *content*."""
    source = zipfile.ZipFile(io.BytesIO(base or workbook_bytes(sample_workbook())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == name and replace:
                continue
            target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def xlsx_with_formula(sheet: str, cell: str, formula: str) -> bytes:
    workbook = sample_workbook()
    workbook[sheet][cell] = formula
    return workbook_bytes(workbook)


def xlsx_many_sheets(count: int) -> bytes:
    workbook = sample_workbook()
    for number in range(count):
        workbook.create_sheet(f"Dodatkowy{number}")
    return workbook_bytes(workbook)


def xlsx_many_rows(sheet: str, rows: int) -> bytes:
    workbook = sample_workbook()
    ws = workbook[sheet]
    for number in range(rows):
        ws.append([f"x{number}"])
    return workbook_bytes(workbook)


def xlsx_shared_strings(megabytes: int) -> bytes:
    items = b"<si><t>" + b"x" * 1000 + b"</t></si>"
    count = megabytes * 1000
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (count, count)
        + items * count
        + b"</sst>"
    )
    return with_part("xl/sharedStrings.xml", xml)


def xlsx_bomb(megabytes: int) -> bytes:
    return with_part("xl/media/bomba.bin", b"\0" * (megabytes * 1024 * 1024))


def xlsx_dtd() -> bytes:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;'
        b"</t></si></sst>"
    )
    return with_part("xl/sharedStrings.xml", xml)


def xlsx_many_parts(count: int) -> bytes:
    data = workbook_bytes(sample_workbook())
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(count):
            archive.writestr(f"xl/extra/p{number}.xml", b"<x/>")
    return buffer.getvalue()


def xlsx_truncated(keep: float) -> bytes:
    data = workbook_bytes(sample_workbook())
    return data[: int(len(data) * keep)]


def xlsx_without(name: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(sample_workbook())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
    return buffer.getvalue()


def xlsx_huge_cell(sheet: str, cell: str, length: int) -> bytes:
    workbook = sample_workbook()
    workbook[sheet][cell] = "x" * length
    return workbook_bytes(workbook)


def xlsx_part_text(part: str, find: str, replace: str) -> bytes:
    """The sample workbook with *find* in its XML *part* replaced by *replace* as written, e.g.
    Excel's escape ``_x001B_`` for a control character no XML may hold."""
    data = workbook_bytes(sample_workbook())
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part)
    return with_part(part, xml.replace(find.encode(), replace.encode()), data)


def text_bytes(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


def raw_bytes(hex: str) -> bytes:
    return bytes.fromhex(hex)


def _sample_lines(name: str = "lipowiec.yaml") -> int:
    """Lines of the sample a case appends to: its first appended line is the one after."""
    return len((SAMPLES / name).read_text(encoding="utf-8").splitlines())


def sample_text(name: str = "lipowiec.yaml", prefix: str = "", suffix: str = "") -> str:
    return prefix + (SAMPLES / name).read_text(encoding="utf-8") + suffix


GENERATORS = {
    "xlsx_with_formula": xlsx_with_formula,
    "xlsx_many_sheets": xlsx_many_sheets,
    "xlsx_many_rows": xlsx_many_rows,
    "xlsx_shared_strings": xlsx_shared_strings,
    "xlsx_bomb": xlsx_bomb,
    "xlsx_dtd": xlsx_dtd,
    "xlsx_many_parts": xlsx_many_parts,
    "xlsx_truncated": xlsx_truncated,
    "xlsx_without": xlsx_without,
    "xlsx_huge_cell": xlsx_huge_cell,
    "xlsx_part_text": xlsx_part_text,
    "text_bytes": text_bytes,
    "raw_bytes": raw_bytes,
    "sample_text": sample_text,
    "nested_json": nested_json,
    "nested_yaml": nested_yaml,
    "laughs": laughs,
    "repeated": repeated,
    "many": many,
}
