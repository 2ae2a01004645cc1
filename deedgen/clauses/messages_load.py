"""What the clause loader says about a clause file, its metadata and the layers, in Polish
(first) and English (the table :mod:`deedgen.clauses.messages` reads)."""

from __future__ import annotations

LOAD_MESSAGES: dict[str, tuple[str, str]] = {}
