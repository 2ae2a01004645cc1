"""YAML scalars read as a librarian means them (YAML 1.2 core schema, not YAML 1.1)."""

from deedgen.sheet.validate import read_sheet
from tests.helpers import SAMPLES


def test_leading_zeros_stay_decimal_and_yes_stays_text(tmp_path):
    text = (SAMPLES / "lipowiec.yaml").read_text(encoding="utf-8")
    text = text.replace('krs: "0000612345"', "krs: 0000612345")  # unquoted: YAML 1.1 reads octal
    text = text.replace("  place: Lipowiec", "  place: yes")  # YAML 1.1 reads a boolean
    assert "krs: 0000612345" in text and "place: yes" in text
    path = tmp_path / "sheet.yaml"
    path.write_text(text, encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.data["parties"][2]["krs"] == "0000612345"
    assert sheet.data["coalition"]["place"] == "yes"
