"""What the three reports share: the statuses' labels and the columns of a row."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0 (nor in XLSX)
STATUS_LABELS = {
    "built": "zbudowana",
    "draft": "projekt",
    "skipped-unchanged": "bez zmian",
    "failed": "błąd",
    "pending": "nieprzetworzona",
}
STATUS_LABELS_EN = {
    "built": "built",
    "draft": "draft",
    "skipped-unchanged": "unchanged",
    "failed": "failed",
    "pending": "pending",
}
COLUMNS = (
    # key, Polish header, English meaning (HTML tooltip)
    ("status", "Status", "built / draft / skipped-unchanged / failed / pending"),
    ("terc", "TERC", "TERYT code of the gmina; links to the coalition's folder"),
    ("gmina", "Gmina", "gmina"),
    ("coalition", "Koalicja", "coalition"),
    ("parties", "Strony", "parties"),
    ("actions", "Działania", "actions"),
    ("social_actions", "Społeczne", "actions addressing a social problem"),
    ("money", "Środki (zł)", "money declared by the parties (PLN)"),
    ("sheet", "Arkusz", "partner sheet"),
    ("folder", "Folder", "the coalition's folder"),
)
HTML_COLUMNS = (
    "status",
    "terc",
    "gmina",
    "coalition",
    "parties",
    "actions",
    "social_actions",
    "money",
)
DOCUMENT_SHORT = {
    "preliminary": "wstępna",
    "declaration": "deklaracja",
    "action_plan": "plan",
    "evaluation_forms": "ewaluacja",
}
NUMERIC = ("parties", "actions", "social_actions", "money")
