"""Detectors of natural persons' identifiers and contact data in free text (RODO data
minimisation): PESEL numbers, however written; identity-card and passport numbers, told apart by
their check digits; phone numbers; a street with a house number.

A number whose check digit passes is refused; one that only has the shape (three letters and six
digits…) is reported as a warning, since a reference number can look like one. The findings name
the kind of data, never the data: a report must not repeat what it refuses to keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.pl import pesel

# Eleven digits, possibly grouped by single spaces or dashes ("870312 09471", "8703-1209-471"),
# not part of a longer number; inside an e-mail's local part too ("jan.87031209471@…").
_PESEL_LIKE = re.compile(r"(?<![\d+])(?<!\d[ -])\d(?:[ -]?\d){10}(?!\d)(?![ -]\d)")
# Dowód osobisty: series of three letters, then six digits, the first of them the check digit.
_ID_CARD_LIKE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{3}) ?(\d{6})(?![0-9])")
# Paszport: two letters, then seven digits, the first of them the check digit.
_PASSPORT_LIKE = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2}) ?(\d{7})(?![0-9])")
# Weights of the check sum over the letter values (A = 10 … Z = 35) and the digits; the sum of
# the products is divisible by 10 (the check digit carries weight 9).
_ID_CARD_WEIGHTS = (7, 3, 1, 9, 7, 3, 1, 7, 3)
_PASSPORT_WEIGHTS = (7, 3, 9, 1, 7, 3, 1, 7, 3)
# Polish phone numbers: 9 digits as 3-3-3 or 2-3-2-2, optionally after +48 / 0048.
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)48[ -]?)?(?:\d{3}[ -]?\d{3}[ -]?\d{3}|\(?\d{2}\)?[ -]\d{3}[ -]\d{2}[ -]\d{2})(?![\d])"
)
# A street (or square, estate, avenue) followed by a house number: "ul. Rynek 19", "os. Słoneczne 4/12".
_STREET = re.compile(
    r"(?i)(?<!\w)(?:ul\.|ulica|ulicy|al\.|aleja|alei|os\.|osiedle|osiedlu|pl\.|plac|placu)"
    r"\s*[^\W\d][^,;]{0,40}?\s\d+[a-z]?(?:/\d+)?(?!\d)"
)
_DIGIT = re.compile(r"\d")

KINDS = {
    "pesel": ("numer PESEL", "a PESEL number"),
    "id_card": ("numer dowodu osobistego", "an identity card number"),
    "passport": ("numer paszportu", "a passport number"),
    "phone": ("numer telefonu osoby fizycznej", "a natural person's phone number"),
    "home_address": (
        "adres zamieszkania (ulica i numer domu)",
        "a home address (street and number)",
    ),
}


@dataclass(frozen=True)
class Finding:
    """What was found (one of :data:`KINDS`) and whether its check digit proves it."""

    kind: str
    certain: bool


def _alphanumeric_sum(text: str, weights: tuple[int, ...]) -> int:
    return sum(int(ch, 36) * weight for ch, weight in zip(text, weights, strict=True))


def id_card_valid(text: str) -> bool:
    """A Polish identity-card number (``ABA300000``, a space allowed) whose check digit passes."""
    compact = text.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{3}\d{6}", compact):
        return False
    return _alphanumeric_sum(compact, _ID_CARD_WEIGHTS) % 10 == 0


def passport_valid(text: str) -> bool:
    """A Polish passport number (``CC7999486``, a space allowed) whose check digit passes."""
    compact = text.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{7}", compact):
        return False
    return _alphanumeric_sum(compact, _PASSPORT_WEIGHTS) % 10 == 0


def find_pesel(text: str) -> str | None:
    """An eleven-digit number in *text*, spaces and dashes allowed, that is a valid PESEL."""
    for match in _PESEL_LIKE.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if pesel.is_valid(digits):
            return digits
    return None


def identifiers(text: str) -> list[Finding]:
    """The PESEL, identity-card and passport numbers in *text* (any field, any party)."""
    if not _DIGIT.search(text):  # each of them has digits; most texts have none
        return []
    found = [Finding("pesel", True)] if find_pesel(text) else []
    for pattern, check, kind in (
        (_ID_CARD_LIKE, id_card_valid, "id_card"),
        (_PASSPORT_LIKE, passport_valid, "passport"),
    ):
        for match in pattern.finditer(text):
            found.append(Finding(kind, check(match.group(1) + match.group(2))))
    return found


def contact_data(text: str) -> list[Finding]:
    """A phone number or a street with a house number in a natural person's text."""
    found = [Finding("phone", True)] if _PHONE.search(text) else []
    if _STREET.search(text):
        found.append(Finding("home_address", True))
    return found


def has_house_number(street: str) -> bool:
    """A natural person's address line that goes beyond the locality (a number in it)."""
    return bool(_DIGIT.search(street))
