"""Rule kinds: each funding condition is implemented once here and parametrised by the rule file.

A rule kind is a function ``(ctx, params) -> list[Issue]`` registered with :func:`rule_kind`,
which also declares its parameters (types from :mod:`deedgen.compliance.params`). The function
returns the issues that break the condition, each with the places to fix it, or — when the
condition is met — one ``ok`` issue that says why. ``schemas/funding-rules/README.md`` documents
every kind for the operator; keep the two in step.

Checks that concern what the parties will sign (signature lines, clauses) read the **assembled
documents**, not the sheet: a regional overlay or a clause condition can drop a clause even when
the data looks fine, and only the assembled document shows it.
"""

# Importing a module registers its kinds, in this order (the order `known kinds` lists them in).
# isort: off
from deedgen.compliance.kinds import parties, actions, team, clauses  # noqa: F401
from deedgen.compliance.kinds import promotion, contributions, dates  # noqa: F401
from deedgen.compliance.kinds import data_protection  # noqa: F401

# isort: on
from deedgen.compliance.kinds.registry import KINDS, Context, RuleKind, rule_kind

__all__ = ["KINDS", "Context", "RuleKind", "rule_kind"]
