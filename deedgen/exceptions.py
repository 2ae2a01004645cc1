"""All errors deedgen raises on purpose, and the one table of exit codes every command uses.

Every error is a :class:`click.ClickException`, so the CLI needs no try/except: click prints the
message (never a traceback) and exits with the error's ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

EXIT_OK = 0
EXIT_NOT_COMPLIANT = 1  # check: not compliant; build: refused; batch: a coalition failed
EXIT_INVALID_INPUT = 2  # a sheet, a clause file, a rule set, a cohort, an output folder
EXIT_ENVIRONMENT = 3  # LibreOffice, a font or another tool is missing or failed
EXIT_USAGE = 4  # an unknown option, a missing argument
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM; nothing is left half-written

# (code, Polish meaning, English meaning): printed in README and in every command's --help
EXIT_CODES = (
    (EXIT_OK, "gotowe", "done"),
    (
        EXIT_NOT_COMPLIANT,
        "koalicja nie spełnia warunków finansowania (check, build); w batch: co najmniej jedna koalicja się nie zbudowała",
        "the coalition fails the funding conditions (check, build); batch: at least one coalition failed",
    ),
    (
        EXIT_INVALID_INPUT,
        "błędne dane wejściowe: arkusz, klauzula, reguły, kohorta, folder wyjściowy",
        "invalid input: a sheet, a clause, the rules, the cohort, the output folder",
    ),
    (
        EXIT_ENVIRONMENT,
        "brak narzędzia lub czcionki (LibreOffice, fonty) albo jego błąd",
        "a tool or font is missing or failed (LibreOffice, fonts)",
    ),
    (
        EXIT_USAGE,
        "błędne wywołanie: nieznana opcja, brak argumentu",
        "usage: an unknown option, a missing argument",
    ),
    (
        EXIT_INTERRUPTED,
        "przerwano (Ctrl-C); nic nie zostało zapisane w połowie",
        "interrupted (Ctrl-C); nothing half-written",
    ),
)


def exit_codes_epilog() -> str:
    """The exit-code table as a --help epilog (click keeps lines after ``\b`` as they are)."""
    lines = ["\b", "Kody wyjścia (exit codes):"]
    lines += [f"  {code:>3}  {pl}" for code, pl, _en in EXIT_CODES]
    return "\n".join(lines)


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and within it a line (YAML/JSON) or a sheet and cell (XLSX)."""

    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        name = Path(self.file).name if self.file else ""
        if self.sheet:
            where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
            return f"{name}: {where}" if name else where
        if self.line is not None:
            return f"{name}:{self.line}" if name else f"line {self.line}"
        return name


@dataclass(frozen=True)
class Problem:
    """One problem found in an input — a partner sheet, a clause file, a rule file, a cohort:
    what (a message code and its parameters), how bad, and where.

    Messages come from the sheet's catalogue (:mod:`deedgen.sheet.messages`) by *code*; a
    problem whose text is composed where it is found carries it as ``params["text"]`` (and
    ``params["text_en"]`` when an English wording exists).
    """

    path: str  # dotted data path in a sheet, e.g. "parties[2].nip"; "" elsewhere
    code: str  # message key, or the kind of problem ("placeholder", "rule-param"…)
    params: dict = field(default_factory=dict, hash=False)
    severity: str = "error"  # "error" or "warning"
    location: Location | None = None
    subject: str | None = None  # the clause or rule the problem concerns
    related: Location | None = None  # the other file involved, if any

    @classmethod
    def text(
        cls,
        code: str,
        message: str,
        *,
        location: Location | None = None,
        severity: str = "error",
        subject: str | None = None,
        related: Location | None = None,
        english: str | None = None,
    ) -> Problem:
        """A problem whose message is already composed (clause and rule-file problems)."""
        params = {"text": message, **({"text_en": english} if english else {})}
        return cls("", code, params, severity, location, subject, related)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "pl") -> str:
        if "text" in self.params:
            return (
                self.params.get("text_en", self.params["text"])
                if lang == "en"
                else self.params["text"]
            )
        from deedgen.sheet.messages import render_message

        return render_message(self.code, self.params, lang)

    def describe(self, lang: str = "pl") -> str:
        if self.path and self.location and self.location.sheet:  # a workbook: label and row
            from deedgen.sheet.wording import describe

            if text := describe(self, lang):
                return text
        where = str(self.location) if self.location else ""
        place = f"{where} ({self.path})" if where and self.path else (where or self.path)
        return f"{place}: {self.message(lang)}" if place else self.message(lang)

    def as_dict(self, lang: str = "pl") -> dict:
        loc = self.location
        data = {
            "severity": self.severity,
            "path": self.path,
            "code": self.code,
            "message": self.message(lang),
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "sheet": loc.sheet if loc else None,
            "cell": loc.cell if loc else None,
        }
        if self.subject:
            data["subject"] = self.subject
        return data


class DeedgenError(click.ClickException):
    """Root of every error deedgen raises on purpose; *problems* are the input problems behind
    it, each with its place (a batch reports them one per line)."""

    exit_code = EXIT_INVALID_INPUT
    english: str | None = None

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        problems: tuple[Problem, ...] | list[Problem] = (),
        english: str | None = None,
    ) -> None:
        self.location = location
        self.problems = tuple(problems)
        text = f"{location}: {message}" if location and str(location) else message
        super().__init__(text)
        # the message in English (``--lang en``), where the raiser has one; else the message
        self.english = (
            f"{location}: {english}" if english and location and str(location) else english
        )

    def message_in(self, lang: str) -> str:
        return self.english if lang == "en" and self.english else self.message


class InputError(DeedgenError):
    """Raised when an input file cannot be read as what it claims to be (wrong type, corrupt,
    too large, a YAML bomb)."""


class SheetInvalid(DeedgenError):
    """Raised when a partner sheet has validation errors; carries all of them at once."""

    def __init__(self, source: str, problems: list[Problem], lang: str = "pl") -> None:
        from deedgen.polish import plural

        self.source = source
        errors = [p for p in problems if p.severity == "error"]
        head = (
            f"{Path(source).name}: {plural(len(errors), 'błąd', 'błędy', 'błędów')} w arkuszu partnerów"
            if lang == "pl"
            else f"{Path(source).name}: {len(errors)} errors in the partner sheet"
        )
        lines = [head] + [f"  - {p.describe(lang)}" for p in errors]
        super().__init__("\n".join(lines), problems=problems)


class ClauseError(DeedgenError):
    """Raised when a clause file is broken: bad metadata, bad syntax, a template the sandbox
    refuses, or a cross-reference that cannot be resolved."""


class TemplateError(DeedgenError):
    """Raised when a DOCX template is missing or cannot be rendered."""


class RulesError(DeedgenError):
    """Raised when a funding-condition rule set is malformed (unknown rule kind, bad parameter)."""


class NotCompliant(DeedgenError):
    """Raised when a build is refused because the coalition fails the funding conditions;
    *report* is the compliance report behind it (the CLI prints it in the message language)."""

    exit_code = EXIT_NOT_COMPLIANT

    def __init__(self, message: str, *, report=None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.report = report


class ConversionError(DeedgenError):
    """Raised when LibreOffice is missing, or fails to convert a document to PDF."""

    exit_code = EXIT_ENVIRONMENT


class OutputError(DeedgenError):
    """Raised when output cannot be written (an existing file without --force, a bad folder)."""

    @classmethod
    def from_os(cls, error: OSError, folder: Path) -> OutputError:
        """Which folder could not be written, and why, in words a librarian reads."""
        import errno

        reasons = {
            errno.EACCES: "brak uprawnień do zapisu",
            errno.EPERM: "brak uprawnień do zapisu",
            errno.ENOSPC: "brak miejsca na dysku",
            errno.EDQUOT: "przekroczony limit miejsca na dysku",
            errno.EROFS: "dysk tylko do odczytu",
            errno.EFBIG: "plik przekracza dozwolony rozmiar",
            errno.ENOTDIR: "w ścieżce jest plik zamiast folderu",
            errno.ENAMETOOLONG: "za długa nazwa",
        }
        reason = reasons.get(error.errno, error.strerror or type(error).__name__)
        return cls(
            f"nie można zapisać dokumentów w folderze {folder}: {reason}. "
            "Poprzednie pliki w tym folderze pozostały bez zmian."
        )


class VerificationError(ConversionError):
    """Raised when a converted PDF lacks text it must contain (a party's name, the coalition's
    name), e.g. because diacritics were lost in conversion."""


class BatchError(DeedgenError):
    """Raised when a batch cannot run at all: the cohort, the clause library, the rule set or
    the output folder cannot be used (the message says which)."""


class BatchEnvironmentError(BatchError):
    """Raised when a tool the batch needs is missing (LibreOffice for PDF output)."""

    exit_code = EXIT_ENVIRONMENT


class CohortInvalid(BatchError):
    """Raised when a cohort folder or workbook cannot be read; lists every problem at once,
    each with its place (the workbook's sheet and cell)."""

    def __init__(self, source: str | Path, problems: list[Problem]) -> None:
        self.source = str(source)
        head = f"{Path(source).name}: nie można odczytać kohorty (problemów: {len(problems)})"
        lines = [head] + [f"  - {p.describe()}" for p in problems]
        super().__init__("\n".join(lines), problems=problems)


class ConfigError(DeedgenError):
    """Raised when deedgen.toml cannot be read or names a folder that does not exist."""


class LanguageError(ClauseError):
    """Raised when a language variant does not match the Polish text (id or version)."""


class EditRejected(ClauseError):
    """Raised when an edited clause is invalid and was kept aside, not applied."""


class TypstError(ConversionError):
    """Typst failed, warned, or could not find a font the style names."""


class UnknownId(DeedgenError):
    """Raised when an id from the browser names nothing of the workspace (a coalition, an output
    file, a clause): the page answers 404."""


class LoopbackOnly(DeedgenError):
    """Raised when the studio is asked to listen beyond the loopback without accounts."""

    exit_code = EXIT_USAGE


class ParamError(ValueError):
    """A rule parameter value that does not fit its type; the message says what was expected.
    Internal: the rules loader turns it into a :class:`Problem` with the rule file's line."""
