"""What every coalition of a batch shares — the clause library, the rule set, the templates —
loaded and checked once, before any coalition is touched; and the report's header."""

from __future__ import annotations

import time
from dataclasses import dataclass

from deedgen import __version__
from deedgen.cohort import Cohort
from deedgen.document import DOCUMENT_ORDER
from deedgen.exceptions import BatchEnvironmentError, BatchError, DeedgenError
from deedgen.options import BuildOptions


@dataclass(frozen=True)
class SharedInputs:
    """What every coalition of the batch shares, loaded and checked before anything is built."""

    library: object  # ClauseLibrary
    library_digest: str
    templates_digest: str
    rules: object | None  # the RuleSet of --rules or of the cohort's edition; None: per sheet
    layers: tuple[dict, ...]


def load_shared_inputs(cohort: Cohort, options: BuildOptions) -> SharedInputs:
    """The clause library, the rule set and the templates; a problem in any of them is the
    whole batch's, reported (all of them at once) before any coalition is touched."""
    from deedgen.manifest import library_digest, templates_digest

    problems: list[str] = []
    library = _load(problems, "clause library", options.library.load)
    rules = None
    if options.rules or cohort.settings.edition:
        from deedgen.compliance.rules import rules_for

        rules = _load(
            problems, "funding rules", lambda: rules_for(options.rules, cohort.settings.edition)
        )
    missing = [k for k in DOCUMENT_ORDER if not (options.template_dir / f"{k}.docx").is_file()]
    if missing:
        problems.append(f"DOCX templates missing in {options.template_dir}: {', '.join(missing)}")
    if options.converts_docx:  # the Typst engine needs no LibreOffice
        _require_libreoffice()
    if problems:
        raise BatchError("the batch cannot start:\n" + "\n".join(f"  - {p}" for p in problems))
    layers = tuple({"name": layer.name, "path": str(layer.path)} for layer in library.layers)
    return SharedInputs(
        library, library_digest(library), templates_digest(options.template_dir), rules, layers
    )


def _load(problems: list[str], what: str, load):
    try:
        return load()
    except DeedgenError as error:
        problems.append(f"{what}: {error.format_message()}")
        return None


def _require_libreoffice() -> None:
    from deedgen.render.pdf import find_soffice

    try:
        find_soffice()
    except DeedgenError as error:
        raise BatchEnvironmentError(error.format_message()) from error


def report_header(
    cohort: Cohort, shared: SharedInputs, build: BuildOptions, interrupted: bool
) -> dict:
    """The report's facts of the whole batch: versions, options, layers, rule set."""
    rules = shared.rules
    return {
        "deedgen_version": __version__,
        "cohort": str(cohort.source),
        "coalitions": len(cohort.entries),
        "options": build.fingerprint(),
        "library": {"layers": list(shared.layers), "sha256": shared.library_digest},
        "rules": (
            {"path": rules.path, "version": rules.version, "sha256": rules.sha256}
            if rules is not None
            else None
        ),
        "settings": {"edition": cohort.settings.edition, "bw": cohort.settings.bw},
        "interrupted": interrupted,
        "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
