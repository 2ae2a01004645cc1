"""Marshmallow fields for the partner sheet, with Polish identifiers checked by python-stdnum.

Every error message here is a *message code* (see :mod:`deedgen.sheet.messages`) carried by a
:class:`Msg`, so reports can be printed in Polish or English.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError, fields
from stdnum.pl import nip, regon

from deedgen.sheet import private_data
from deedgen.sheet.characters import normalised, refused_character
from deedgen.sheet.enumerations import code_for


class Msg(str):
    """An error message code with its parameters; a ``str`` so marshmallow stores it as is."""

    params: dict

    def __new__(cls, code: str, **params):
        obj = super().__new__(cls, code)
        obj.params = params
        return obj


def fail(code: str, **params) -> ValidationError:
    return ValidationError(Msg(code, **params))


# Marshmallow's own messages, replaced by codes translated in deedgen.sheet.messages.
_CODES = {
    "required": "required",
    "null": "required",
    "invalid": "invalid",
    "validator_failed": "invalid",
    "type": "invalid",
    "unknown": "unknown_field",
}


def _coded(field_cls):
    """Subclass a marshmallow field so that every built-in error becomes a message code."""

    class Coded(field_cls):
        default_error_messages = {
            **{k: _CODES.get(k, "invalid") for k in field_cls.default_error_messages},
            **{k: v for k, v in _CODES.items()},
        }

    Coded.__name__ = field_cls.__name__
    Coded.__qualname__ = field_cls.__qualname__
    return Coded


_Str = _coded(fields.String)
Boolean = _coded(fields.Boolean)
Integer = _coded(fields.Integer)
Nested = _coded(fields.Nested)
MAX_ITEMS = 500  # rows in one table of the sheet (parties, actions…): the same in YAML, JSON, XLSX


class List(_coded(fields.List)):
    """A list of at most :data:`MAX_ITEMS` items: 5,000 parties validated, then numbering them
    ran out of letters; a real coalition has tens."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, list | tuple) and len(value) > MAX_ITEMS:
            raise fail("too_many_items", found=len(value), max=MAX_ITEMS)
        return super()._deserialize(value, attr, data, **kwargs)


def clean_text(value: str) -> str:
    """Trim and fold white space: sheet text never carries line breaks into documents."""
    return re.sub(r"\s+", " ", value).strip()


def find_pesel(text: str) -> str | None:
    """A valid PESEL number in *text*, however grouped (privacy guard; also for reports)."""
    return private_data.find_pesel(text)


def refuse_identifiers(text: str, label: str) -> None:
    """Refuse *text* when it holds a PESEL, identity-card or passport number whose check digit
    passes; the error names the field and the kind of number, never the number."""
    for finding in private_data.identifiers(text):
        if finding.certain:
            kind, kind_en = private_data.KINDS[finding.kind]
            raise fail("private_data", field=label, kind=kind, kind_en=kind_en, hint="", hint_en="")


class Text(_Str):
    """Free text: trimmed, white space folded, refused when it hides a PESEL, identity-card or
    passport number (:mod:`deedgen.sheet.private_data`)."""

    def __init__(self, *, max_length: int = 2000, **kwargs):
        self.max_length = max_length
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise fail("expected_text", found=_show(value))
        value = clean_text(normalised(value))
        refused = refused_character(value)
        if refused:
            raise fail("refused_character", **refused)
        if not value and self.required:
            raise fail("required")
        if len(value) > self.max_length:
            raise fail("too_long", max=self.max_length, found=len(value))
        refuse_identifiers(value, self.metadata.get("label") or attr or "tekst")
        return value


class Choice(Text):
    """One of a fixed set of values (the set feeds the XLSX drop-downs and the JSON Schema)."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        code = value if value in self.choices else code_for(self.choices, value)
        if code is None:
            raise fail("choice", expected=", ".join(self.choices), found=value)
        return code


class Nip(_Str):
    """NIP: 10 digits with a valid check digit; dashes, spaces and a PL prefix are accepted."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = _digits_text(value)
        try:
            number = nip.validate(raw)
        except Exception as exc:  # stdnum raises several ValidationError subclasses
            raise fail(_stdnum_code("nip", exc), found=raw) from None
        if number.startswith("0") or len(set(number)) == 1:  # 0000000000 passes the checksum
            raise fail("nip_office", found=number)
        return number


class Regon(_Str):
    """REGON: 9 digits (an entity) or 14 digits (a local unit), with valid check digits."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = _digits_text(value)
        try:
            number = regon.validate(raw)
        except Exception as exc:
            raise fail(_stdnum_code("regon", exc), found=raw) from None
        if set(number) == {"0"}:  # all zeros pass the checksum
            raise fail("regon_zeros", found=number)
        return number


class Krs(_Str):
    """KRS number: 10 digits, zero-padded (KRS has no check digit)."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = _digits_text(value)
        if raw.isdigit() and len(raw) < 10:
            raw = raw.zfill(10)  # a spreadsheet drops leading zeros of a number
        if not re.fullmatch(r"\d{10}", raw):
            raise fail("krs", found=raw)
        return raw


TERC_KINDS = {"1": "miejska", "2": "wiejska", "3": "miejsko-wiejska"}


class Terc(_Str):
    """TERYT TERC code of a gmina: 7 digits WWPPGGR, even voivodeship 02–32, kind R 1–3."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = _digits_text(value)
        if raw.isdigit() and len(raw) == 6 and isinstance(value, int | float):
            raw = "0" + raw  # województwo 02 typed as a number loses its zero; text is as typed
        if not re.fullmatch(r"\d{7}", raw):
            raise fail("terc_format", found=raw)
        woj, pow_, gm, kind = int(raw[:2]), int(raw[2:4]), int(raw[4:6]), raw[6]
        if woj % 2 or not 2 <= woj <= 32:
            raise fail("terc_voivodeship", found=raw[:2])
        if pow_ == 0 or gm == 0:
            raise fail("terc_format", found=raw)
        if kind not in TERC_KINDS:
            raise fail("terc_kind", found=kind)
        return raw


class PostalCode(_Str):
    """Polish postal code NN-NNN."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = clean_text(str(value))
        if re.fullmatch(r"\d{5}", raw):
            raw = f"{raw[:2]}-{raw[2:]}"
        if not re.fullmatch(r"\d{2}-\d{3}", raw):
            raise fail("postal_code", found=raw)
        return raw


class Email(_Str):
    """An e-mail address."""

    _RE = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")

    def _deserialize(self, value, attr, data, **kwargs):
        raw = clean_text(str(value))
        if not self._RE.fullmatch(raw):
            raise fail("email", found=raw)
        refuse_identifiers(raw.split("@")[0], self.metadata.get("label") or attr or "e-mail")
        return raw


FIRST_YEAR, LAST_YEAR = 1900, 2100  # dates and quarters a coalition's papers can name


def _within_years(day: dt.date, typed) -> dt.date:
    """*day*, if its year is one a sheet can mean; 9999-12-31 overflowed date arithmetic later."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise fail("year_range", found=clean_text(str(typed)), first=FIRST_YEAR, last=LAST_YEAR)
    return day


class Date(fields.Field):
    """A date typed as a date, as ISO text (2026-03-01) or as Polish text (1.03.2026)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dt.datetime):
            return _within_years(value.date(), value)
        if isinstance(value, dt.date):
            return _within_years(value, value)
        text = clean_text(str(value))
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y r.", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                day = dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            return _within_years(day, text)
        raise fail("date", found=text)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()


_QUARTER = re.compile(r"(\d{4})\s*-?\s*(?:Q|K|kw\.?\s*)\s*([1-4])", re.IGNORECASE)


class Quarter(_Str):
    """A calendar quarter written 2026-Q2 (also accepted: 2026 Q2, 2026-K2, 2026 kw. 2)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = clean_text(str(value))
        match = _QUARTER.fullmatch(text)
        if not match:
            raise fail("quarter", found=text)
        if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
            raise fail("year_range", found=text, first=FIRST_YEAR, last=LAST_YEAR)
        return f"{match.group(1)}-Q{match.group(2)}"


MAX_AMOUNT = Decimal("999999999999.99")  # under a trillion złoty: far above any gmina's budget


def _shortened(text: str, limit: int = 40) -> str:
    """A value quoted in a message: a 2,000-digit number is shown by its start."""
    return text if len(text) <= limit else f"{text[:limit]}…"


class Amount(fields.Field):
    """An amount in PLN as an exact decimal, ≥ 0, at most 2 decimal places."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise fail("amount", found=value)
        if isinstance(value, float):
            value = repr(value)
        text = clean_text(str(value)).replace("zł", "").replace("PLN", "")
        text = text.replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        shown = _shortened(clean_text(str(value)))
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise fail("amount", found=shown) from None
        if not amount.is_finite() or amount < 0:
            raise fail("amount", found=shown)
        if amount > MAX_AMOUNT:  # before quantize: 10^30 has more digits than Decimal keeps
            raise fail(
                "amount_too_large",
                found=shown,
                limit="999 999 999 999,99",
                limit_en="999,999,999,999.99",
            )
        if amount != amount.quantize(Decimal("0.01")):
            raise fail("amount_cents", found=text)
        return amount.quantize(Decimal("0.01"))

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(value)


def _digits_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(str(value)).upper()
    if text.startswith("PL"):
        text = text[2:]
    return re.sub(r"[\s\-]", "", text)


def _stdnum_code(kind: str, exc: Exception) -> str:
    name = type(exc).__name__
    if name == "InvalidChecksum":
        return f"{kind}_checksum"
    if name == "InvalidLength":
        return f"{kind}_length"
    return f"{kind}_format"


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
