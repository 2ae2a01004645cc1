"""Rule files: the shipped rule set loads; every mistake an operator can make is named clearly."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from deedgen.compliance.kinds import KINDS
from deedgen.compliance.rules import RULES_DIR, load_rules, rules_path_for
from deedgen.exceptions import EXIT_INVALID_INPUT, RulesError

SHIPPED = RULES_DIR / "2026.yaml"


def rule_file(
    tmp_path: Path, rules: str, head: str = 'edition: "2026"\nversion: 1\ndescription: test rules\n'
) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(head + "rules:\n" + rules, encoding="utf-8")
    return path


GOOD_RULE = """\
  - id: social-actions
    kind: social_actions
    severity: error
    description:
      pl: Co najmniej dwa działania społeczne.
      en: At least two social actions.
    params:
      min: 2
"""


def test_shipped_rule_set_loads_with_its_hash():
    ruleset = load_rules("2026")
    assert ruleset.edition == "2026"
    assert ruleset.version >= 1
    assert ruleset.sha256 == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    ids = [rule.id for rule in ruleset.rules]
    assert len(ids) == len(set(ids))
    assert {
        "social-actions",
        "mentor",
        "sustainability-clauses",
        "actions-requirements-clause",
    } <= set(ids)


def test_shipped_rule_set_uses_every_kind():
    used = {rule.kind for rule in load_rules("2026").rules}
    assert used == set(KINDS)


def test_every_kind_and_parameter_is_documented_in_the_readme():
    readme = (RULES_DIR / "README.md").read_text(encoding="utf-8")
    for name, kind in KINDS.items():
        assert f"### `{name}`" in readme, f"rule kind {name} is not documented"
        section = readme.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        for param in kind.params:
            assert f"| `{param}` |" in section, f"parameter {param} of {name} is not documented"


def test_rule_set_by_path_or_edition(tmp_path):
    path = rule_file(tmp_path, GOOD_RULE)
    assert load_rules(path).rules[0].params == {"min": 2}
    assert load_rules(path).path == str(path)
    with pytest.raises(RulesError, match="cannot name a rule file"):  # a string is an edition
        load_rules(str(path))
    assert rules_path_for("2026") == SHIPPED


def test_unknown_edition_names_the_editions_available():
    with pytest.raises(
        RulesError, match=r"no funding rule set for program edition '1999'.*2026.*--rules"
    ) as err:
        load_rules("1999")
    assert err.value.exit_code == EXIT_INVALID_INPUT


def test_edition_cannot_climb_out_of_the_rules_folder():
    with pytest.raises(RulesError, match="cannot name a rule file"):
        rules_path_for("../../etc/passwd")


def test_unknown_kind_names_file_rule_line_and_a_suggestion(tmp_path):
    path = rule_file(tmp_path, GOOD_RULE.replace("kind: social_actions", "kind: social_action"))
    with pytest.raises(RulesError) as err:
        load_rules(path)
    message = err.value.format_message()
    assert f"{path}:6: rule 'social-actions': unknown rule kind 'social_action'" in message
    assert "did you mean 'social_actions'" in message


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            "      min: two\n",
            r":12: rule 'social-actions': parameter 'min': expected a whole number ≥ 0, found the text 'two'",
        ),
        (
            "      min: true\n",
            r"parameter 'min': expected a whole number ≥ 0, found a yes/no value",
        ),
        ("      min: -1\n", r"parameter 'min': expected a whole number ≥ 0, found the number -1"),
        (
            "      minimum: 2\n",
            r"unknown parameter 'minimum' \(did you mean 'min'\?\) for kind social_actions",
        ),
        ("      {}\n", r":11: rule 'social-actions': missing parameter 'min'"),
    ],
)
def test_bad_parameters_are_named_with_their_line(tmp_path, params, expected):
    path = rule_file(tmp_path, GOOD_RULE.replace("      min: 2\n", params))
    with pytest.raises(RulesError, match=expected):
        load_rules(path)


def test_ill_typed_list_and_mapping_parameters(tmp_path):
    rules = """\
  - id: team
    kind: project_team
    severity: error
    description: {pl: Zespół., en: Team.}
    params:
      exempt_kinds: [resident, alien]
      coordinator: yes please
  - id: reps
    kind: representatives
    severity: error
    description: {pl: Reprezentacja., en: Representation.}
    params:
      min_by_kind: {powiat: two}
      default: 1
      document: declaration
"""
    with pytest.raises(RulesError) as err:
        load_rules(rule_file(tmp_path, rules))
    message = err.value.format_message()
    assert "rule 'team': parameter 'exempt_kinds': 'alien' is not allowed here" in message
    assert (
        "rule 'team': parameter 'coordinator': expected true or false, found the text 'yes please'"
        in message
    )
    assert "rule 'reps': parameter 'min_by_kind': powiat: expected a whole number ≥ 0" in message


def test_duplicate_id_names_both_lines(tmp_path):
    with pytest.raises(
        RulesError, match=r":13: rule 'social-actions': duplicate rule id; first defined at line 5"
    ):
        load_rules(rule_file(tmp_path, GOOD_RULE + GOOD_RULE))


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    path = rule_file(tmp_path, GOOD_RULE + "  - id: [unclosed\n")
    with pytest.raises(RulesError, match=re.escape(str(path)) + r":1\d: invalid YAML"):
        load_rules(path)


def test_rule_without_english_description_or_with_bad_severity(tmp_path):
    rules = GOOD_RULE.replace("      en: At least two social actions.\n", "").replace(
        "severity: error", "severity: fatal"
    )
    with pytest.raises(RulesError) as err:
        load_rules(rule_file(tmp_path, rules))
    message = err.value.format_message()
    assert message.startswith("2 mistakes in the funding rule file")
    assert "'severity' must be error or warning, found 'fatal'" in message
    assert "'description' has no en text" in message


def test_top_level_mistakes(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("edition: 2026\nversion: one\nrule: []\n", encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(path)
    message = err.value.format_message()
    assert "unknown key 'rule' (did you mean 'rules'?)" in message
    assert "'version' is required: a whole number ≥ 1" in message
    assert "'rules' is required" in message


def test_missing_rule_file():
    with pytest.raises(RulesError, match="nie ma pliku reguł finansowania") as raised:
        load_rules(Path("/nonexistent/rules.yaml"))
    assert raised.value.message_in("en").startswith("no such funding rule file")
