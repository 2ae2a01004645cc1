"""Whatever a sheet calls its gmina, its folder is a plain name directly inside OUTDIR."""

from __future__ import annotations

import re

import pytest

from deedgen.naming import FOLDER_LIMIT, folder_name
from tests.batch.conftest import coalition_folders, rows_by_sheet, run_batch, sheet, write_cohort

HOSTILE = [
    "../../../etc/passwd",
    "CON",
    "nul",
    "a/b\\c:d*?<>|",
    "Ż" * 150,
    "..",
    " /tmp/x ",
]


@pytest.mark.parametrize(
    "terc, gmina, expected",
    [
        ("2604052", "Gmina Lipowiec", "2604052-gmina-lipowiec"),
        ("2604052", "Gmina Łęczna-Żółkiewka", "2604052-gmina-leczna-zolkiewka"),
        ("2604052", "../../etc/passwd", "2604052-etc-passwd"),
        ("2604052", "..", "2604052"),
        ("", "CON", "koalicja-con"),
        ("", "lpt1", "koalicja-lpt1"),
        ("", "", "koalicja"),
    ],
)
def test_folder_name(terc, gmina, expected):
    assert folder_name(terc, gmina) == expected


def test_long_names_are_bounded():
    assert len(folder_name("2604052", "Gmina " + "Wola" * 100)) <= FOLDER_LIMIT


def test_hostile_names_stay_inside_outdir(tmp_path):
    sheets = {f"s{i}.yaml": sheet(i, gmina__name=name) for i, name in enumerate(HOSTILE)}
    twin = sheet(0, gmina__name=HOSTILE[0])  # the same TERC and gmina as s0: a duplicate
    sheets["t-twin.yaml"] = twin
    cohort = write_cohort(tmp_path / "kohorta", sheets)
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    # a link where the second coalition's folder would go, pointing out of OUTDIR
    taken = folder_name(sheets["s1.yaml"]["gmina"]["terc"], "CON")
    (out / taken).symlink_to(outside, target_is_directory=True)

    code, _ = run_batch(cohort, "-o", out, "--format", "docx")

    assert code == 0
    rows = rows_by_sheet(out)
    folders = [row["folder"] for row in rows.values()]
    assert len(set(folders)) == len(folders) == len(sheets)
    for folder in folders:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder) and len(folder) <= FOLDER_LIMIT
        assert (out / folder).resolve().parent == out.resolve()
    assert rows["t-twin.yaml"]["folder"] == rows["s0.yaml"]["folder"] + "-2"
    assert rows["s1.yaml"]["folder"] == taken + "-2"  # the link was passed over
    assert list(outside.iterdir()) == []
    assert not (tmp_path / "etc").exists()
    assert set(coalition_folders(out)) == set(folders) | {taken}
    # every file written is inside OUTDIR
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()) or path == out / taken
