"""Compliance with the funding conditions: rule sets as data, rule kinds as code, findings.

- :mod:`.rules` loads and checks a rule set (``schemas/funding-rules/<edition>.yaml``);
- :mod:`.kinds` implements each rule kind once (documented in ``schemas/funding-rules/README.md``);
- :mod:`.check` evaluates a rule set against a sheet and its assembled documents;
- :mod:`.report` renders the report (text, Markdown, JSON; Polish or English).
"""

from deedgen.compliance.check import ComplianceReport, run_check
from deedgen.compliance.rules import RULES_DIR, RuleSet, load_rules, rules_path_for

__all__ = ["RULES_DIR", "ComplianceReport", "RuleSet", "load_rules", "rules_path_for", "run_check"]
