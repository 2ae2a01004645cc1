"""What the three reports share: the statuses' labels, the columns of a row, Polish order and
Polish plurals."""

from __future__ import annotations

import re
import unicodedata

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
VERDICT_LABELS = {  # a funding rule's result: (cell, word)
    "pass": ("✓", "spełniony"),
    "warning": ("!", "ostrzeżenie"),
    "fail": ("✗", "niespełniony"),
}
COLUMNS = (
    # key, Polish header, its description (HTML tooltip)
    ("status", "Status", "zbudowana / projekt / bez zmian / błąd / nieprzetworzona"),
    ("terc", "TERC", "kod TERYT gminy; prowadzi do folderu koalicji"),
    ("gmina", "Gmina", "gmina"),
    ("coalition", "Koalicja", "nazwa koalicji"),
    ("mentor", "Mentor", "mentor z biblioteki wojewódzkiej"),
    ("mentor_email", "E-mail mentora", "adres e-mail mentora"),
    ("parties", "Strony", "liczba stron deklaracji"),
    ("actions", "Działania", "liczba działań"),
    ("social_actions", "Społeczne", "działania odpowiadające na problem społeczny"),
    ("money", "Środki (zł)", "środki finansowe deklarowane przez strony (zł)"),
    ("sheet", "Arkusz", "arkusz partnerów"),
    ("folder", "Folder", "folder koalicji"),
)
HTML_COLUMNS = (
    "status",
    "terc",
    "gmina",
    "coalition",
    "mentor",
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
    "support": "poparcie",
}
NUMERIC = ("parties", "actions", "social_actions", "money")


def status_text(row: dict) -> str:
    """A row's status in Polish; an unchanged coalition also says what its last build was."""
    status = row.get("status", "")
    label = STATUS_LABELS.get(status, status)
    if status == "skipped-unchanged":
        return f"{label} ({STATUS_LABELS['draft' if row.get('draft') else 'built']})"
    if row.get("draft") and status != "draft":
        return f"{label} ({STATUS_LABELS['draft']})"
    return label


POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: rank for rank, letter in enumerate(POLISH_ALPHABET)}


def polish_key(text) -> tuple:
    """A sort key in Polish alphabetical order (ą after a, ł after l, ż last; case and other
    accents only break ties), the order of ``Intl.Collator('pl')`` for names of places."""
    text = unicodedata.normalize("NFC", str(text or ""))
    primary, ties = [], []
    for char in text:
        lower = char.lower()
        base = unicodedata.normalize("NFD", lower)[0]
        if lower in _RANK:
            primary.append((2, _RANK[lower]))
        elif base in _RANK:  # é, ü…: the letter, then the accent breaks a tie
            primary.append((2, _RANK[base]))
        elif char.isdigit():
            primary.append((1, ord(char)))
        elif char.isalpha():
            primary.append((3, ord(lower)))
        else:  # spaces and punctuation before digits and letters
            primary.append((0, ord(char)))
        ties.append((lower != char, lower))  # lower case first, as the Polish collation
    return (tuple(primary), tuple(ties))


KOALICJA = {"one": "koalicja", "few": "koalicje", "many": "koalicji", "other": "koalicji"}


def count_of(number: int, forms: dict[str, str] = KOALICJA) -> str:
    """ "1 koalicja", "4 koalicje", "5 koalicji", "22 koalicje": Polish plural rules (babel)."""
    from babel import Locale

    return f"{number} {forms[Locale('pl').plural_form(number)]}"
