"""What every table schema of the sheet shares: unknown keys are errors, and each field's metadata
(Polish header, Polish help, English description) is made by :func:`doc`.
"""

from __future__ import annotations

from marshmallow import RAISE, Schema


def doc(label: str, help: str, description: str) -> dict:
    """Field metadata: Polish column header, Polish help, English description."""
    return {"label": label, "help": help, "description": description}


class Strict(Schema):
    """Unknown keys are errors: a typo in a YAML key must not be silently ignored."""

    class Meta:
        unknown = RAISE
        ordered = True
