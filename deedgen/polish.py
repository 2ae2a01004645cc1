"""Polish (and English) typography for documents: dates, amounts in words, quotes, quarters.

Built on babel (month names in the genitive) and num2words (numbers in words); the złoty's plural
forms follow the Polish rule: 1 złoty; 2–4 złote (but 12–14 złotych); otherwise złotych.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from num2words import num2words

NBSP = "\u00a0"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@functools.lru_cache(maxsize=4096)  # babel's formatting is slow; a cohort's dates repeat
def format_date(value: dt.date, lang: str = "pl") -> str:
    """15 kwietnia 2026 r. / 15 April 2026 (a non-breaking space keeps "r." with its year)."""
    if value is None:
        return ""
    if lang == "pl":
        return _babel_date(value, "d MMMM y", locale="pl") + f"{NBSP}r."
    return _babel_date(value, "d MMMM y", locale="en")


def month_name(month: int, lang: str = "pl") -> str:
    """The month in the genitive for Polish ("w grudniu" is not needed: "do 31 grudnia")."""
    day = dt.date(2000, month, 1)
    return _babel_date(day, "MMMM", locale="pl" if lang == "pl" else "en")


def group_thousands(integer: int) -> str:
    return f"{integer:,}".replace(",", NBSP)


def format_money(amount: Decimal, lang: str = "pl") -> str:
    """1 000,00 zł (with non-breaking spaces) / PLN 1,000.00."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(int(amount * 100), 100)
    if lang == "pl":
        return f"{group_thousands(whole)},{cents:02d}{NBSP}zł"
    return f"PLN{NBSP}{whole:,}.{cents:02d}"


def zloty_form(n: int) -> str:
    if n == 1:
        return "złoty"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "złote"
    return "złotych"


def amount_in_words(amount: Decimal, lang: str = "pl") -> str:
    """tysiąc dwieście trzydzieści cztery złote 50/100."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(int(amount * 100), 100)
    if lang == "pl":
        words = num2words(whole, lang="pl")
        return f"{words} {zloty_form(whole)} {cents:02d}/100"
    words = num2words(whole, lang="en")
    return f"{words} {'zloty' if whole == 1 else 'zlotys'} {cents:02d}/100"


def format_amount(amount: Decimal, lang: str = "pl") -> str:
    """1 000,00 zł (słownie: tysiąc złotych 00/100)."""
    label = "słownie" if lang == "pl" else "in words"
    return f"{format_money(amount, lang)} ({label}: {amount_in_words(amount, lang)})"


# One pass over the text: the space after a number before "r."/"zł", after "§" before a number,
# or after a unit name before its number becomes a non-breaking space. The pattern starts with
# the space itself (what precedes it is a look-behind), so the scan jumps from space to space.
_UNIT_NAMES = ("art.", "ust.", "pkt", "lit.", "nr", "poz.", "para.", "point", "letter")
_NBSP_AT = re.compile(
    r" (?:(?<=\d )(?=r\.|zł\b)|(?<=§ )(?=\d)|(?:"
    + "|".join(rf"(?<=\b{re.escape(name)} )" for name in _UNIT_NAMES)
    + r")(?=[\dA-Za-z]))"
)


def typography(text: str) -> str:
    """Non-breaking spaces where Polish typography wants them: "1990 r.", "§ 4", "ust. 2",
    "pkt 3", "art. 17", "nr 5", "30 zł" — also in partner data and in dates typed in clauses."""
    return _NBSP_AT.sub(NBSP, text) if " " in text else text


def quote(text: str, lang: str = "pl") -> str:
    return f"„{text}”" if lang == "pl" else f"“{text}”"


def format_quarter(quarter: str, lang: str = "pl") -> str:
    """2026-Q2 → II kwartał 2026 r. / Q2 2026."""
    year, q = quarter.split("-Q")
    if lang == "pl":
        return f"{ROMAN[int(q)]}{NBSP}kwartał {year}{NBSP}r."
    return f"Q{q}{NBSP}{year}"


def short_quarter(quarter: str, lang: str = "pl") -> str:
    """2026-Q2 → II kw. 2026 / Q2 2026 (for table cells)."""
    year, q = quarter.split("-Q")
    return f"{ROMAN[int(q)]}{NBSP}kw.{NBSP}{year}" if lang == "pl" else f"Q{q}{NBSP}{year}"


def join_names(names, lang: str = "pl") -> str:
    """A, B i C / A, B and C."""
    names = [
        name if isinstance(name, str) else (name.get("short_name") or name.get("name"))
        for name in names
    ]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    conj = " i " if lang == "pl" else " and "
    return ", ".join(names[:-1]) + conj + names[-1]


# „Gmina X” and „Gmina Miejska X” decline only their first words: the proper name after them is
# an apposition and stays in the nominative („w Gminie Lipowiec”, „w Gminie Miejskiej Kraśnik”).
# Any other name („Gmina i Miasto X”, „Miasto X”) needs the form from the sheet.
_GMINA_NAME = re.compile(r"Gmina (?P<urban>Miejska )?(?P<rest>(?!i\b|Miejska\b)\w.*)")


def gmina_locative(name: str) -> str | None:
    """The gmina's name in the locative with its preposition, when it can be formed safely:
    Gmina Lipowiec → w Gminie Lipowiec; otherwise None."""
    match = _GMINA_NAME.fullmatch(name.strip())
    if not match:
        return None
    urban = "Miejskiej " if match["urban"] else ""
    return f"w Gminie {urban}{match['rest']}"


@functools.cache
def _plural_form(count: int) -> str:
    from babel import Locale

    return Locale("pl").plural_form(count)


def plural(count: int, one: str, few: str, many: str) -> str:
    """``1 koalicja``, ``2 koalicje``, ``5 koalicji`` (CLDR plural rules for Polish)."""
    word = {"one": one, "few": few}.get(_plural_form(abs(count)), many)
    return f"{count} {word}"


# kept on one line in both PDFs' and the studio's text: an identifier with its label (NIP:
# 819-093-78-65), a numeric range (1–5, 2026–2027), a provision (6(1)(f)). The Typst renderer
# marks these in its data (:mod:`deedgen.render.typst.source`; a Typst show rule on every text
# cost half the declaration's typesetting time), the studio's preview in its HTML.
UNBREAKABLE = re.compile(
    r"\b(?:NIP|REGON|KRS|PESEL):?[ \u00a0]\d[\d-]*\d|\b\d+–\d+\b|\b\d+(?:\(\w+\))+"
)
