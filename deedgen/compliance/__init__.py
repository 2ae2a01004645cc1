"""Compliance with the funding conditions: rule sets as data, rule kinds as code, findings.

- :mod:`.rules` loads and checks a rule set (``schemas/funding-rules/<edition>.yaml``);
- :mod:`.kinds` implements each rule kind once (documented in ``schemas/funding-rules/README.md``);
- :mod:`.check` evaluates a rule set against a sheet and its assembled documents;
- :mod:`.report` renders the report (text, Markdown, JSON; Polish or English).
"""
