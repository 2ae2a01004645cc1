"""What the clause loader and ``clause lint`` say, in Polish (first) and English, keyed by a
message key; ``str.format`` placeholders come from the place that finds the problem.

A finding's *code* (``structure``, ``reference``… in ``docs/mentor-guide.md``) says what kind of
problem it is and never changes with the language; the key here only picks the wording. A
parameter may itself be a :class:`Said` (a phrase that reads differently in each language).
"""

from __future__ import annotations

from typing import NamedTuple

from deedgen.clauses.messages_build import BUILD_MESSAGES
from deedgen.clauses.messages_lint import CHECK_MESSAGES
from deedgen.clauses.messages_load import LOAD_MESSAGES


class Said(NamedTuple):
    """One message in both languages."""

    pl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.pl

    def __str__(self) -> str:
        return self.pl


def said(key: str, /, **params) -> Said:
    """The message *key* of :data:`CLAUSE_MESSAGES` with *params* filled in, in both languages."""
    polish, english = CLAUSE_MESSAGES[key]
    return Said(
        polish.format(**{k: _in(v, "pl") for k, v in params.items()}),
        english.format(**{k: _in(v, "en") for k, v in params.items()}),
    )


def clause_error(key: str, location=None, /, *, cls=None, **params):
    """A :class:`~deedgen.exceptions.ClauseError` (or *cls*) saying the message *key* in Polish,
    its English kept in the problem it carries (lint reports it, ``--lang en`` prints it)."""
    from deedgen.exceptions import ClauseError, Problem

    message = said(key, **params)
    problem = Problem.text("syntax", message.pl, location=location, english=message.en)
    return (cls or ClauseError)(
        message.pl, location=location, problems=(problem,), english=message.en
    )


def _in(value, lang: str):
    return value.get(lang) if isinstance(value, Said) else value


def both(problem) -> Said:
    """A problem's message in both languages (to build a longer message around it)."""
    return Said(problem.message("pl"), problem.message("en"))


def joined(parts, separator: str = ", ") -> Said:
    """Phrases (:class:`Said` or plain text) joined in each language."""
    parts = list(parts)
    return Said(*(separator.join(str(_in(p, lang)) for p in parts) for lang in ("pl", "en")))


LINT_MESSAGES: dict[str, tuple[str, str]] = {
    # structure lines and anchors (lint_structure)
    "near_marker": (
        "wiersz zaczyna się od „{found}”: czy chodziło o znacznik „{kind}.”?",
        "'{found}' starts the line: did you mean the marker '{kind}.'?",
    ),
    "marker_space": (
        "po „{kind}.” musi stać spacja (jest „{kind}.{after}…”)",
        "'{kind}.' must be followed by a space (found '{kind}.{after}…')",
    ),
    "anchor_unclosed": (
        "kotwica „{kind}.” nie jest zamknięta: napisz {kind}.[nazwa]",
        "anchor of '{kind}.' is not closed: write {kind}.[name]",
    ),
    "anchor_characters": (
        "kotwica [{anchor}]: tylko litery, cyfry, _ i -",
        "anchor [{anchor}]: use letters, digits, _ and - only",
    ),
    "anchor_twice": (
        "kotwica [{anchor}] występuje w tej klauzuli dwa razy (także w wierszu {line})",
        "anchor [{anchor}] is used twice in this clause (also line {line})",
    ),
    "pkt_after_wsp": (
        "„pkt.” po części wspólnej „wsp.” tego ustępu: najpierw zacznij nowy „ust.”",
        "'pkt.' after the 'wsp.' closing part of this ustęp: start a new 'ust.' first",
    ),
    "lit_outside_pkt": (
        "„lit.” musi stać po „pkt.” (litera należy do punktu)",
        "'lit.' must follow a 'pkt.' (a litera belongs to a punkt)",
    ),
    "tir_outside_lit": (
        "„tir.” musi stać po „lit.” (tiret należy do litery)",
        "'tir.' must follow a 'lit.' (a tiret belongs to a litera)",
    ),
    "wsp_without_pkt": (
        "„wsp.” zamyka wyliczenie, a w tym ustępie nie ma przed nim „pkt.”",
        "'wsp.' closes an enumeration, but no 'pkt.' precedes it in this ustęp",
    ),
    # cross-references (lint_structure)
    "reference_form": (
        "{written}: napisz §[kategoria.nazwa] albo §[kategoria.nazwa#kotwica]",
        "{written}: write §[category.name] or §[category.name#anchor]",
    ),
    "reference_removed": (
        "{written} odsyła do klauzuli {target}, ale usuwa ją {path}",
        "{written} refers to clause {target}, but it is removed by {path}",
    ),
    "reference_missing": (
        "{written} odsyła do klauzuli {target}, ale nie ma jej żadna warstwa",
        "{written} refers to clause {target}, but no layer has it",
    ),
    "reference_elsewhere": (
        "{written}: klauzula {target} należy do innych dokumentów ({documents}), więc odsyłacza"
        " nie da się ponumerować",
        "{written}: clause {target} is in other documents ({documents}), so the reference"
        " cannot be numbered",
    ),
    "reference_anchor": (
        "{written}: klauzula {target} ({path}) nie ma kotwicy [{anchor}] (jej kotwice: {known})",
        "{written}: clause {target} ({path}) has no anchor [{anchor}] (its anchors: {known})",
    ),
    "none": ("brak", "none"),
    # language variants (lint_structure)
    "no_english": (
        "brak wersji angielskiej ({name}): dokumenty po angielsku nie mogą użyć tej klauzuli",
        "no English variant ({name}): documents in English cannot use this clause",
    ),
    "anchors_differ": (
        "tekst polski i angielski mają różne kotwice ({anchors}): odsyłacze działałyby tylko w"
        " jednym języku",
        "the Polish and English texts define different anchors ({anchors}): references would"
        " resolve in one language only",
    ),
    "translation_review": (
        "tekst angielski czeka na przegląd od wersji {version} (zmienił się tekst polski; po"
        " przeglądzie usuń „review: true” z jego wpisu changes)",
        "the English text awaits review since version {version} (the Polish text changed;"
        " remove 'review: true' from its change entry when done)",
    ),
    "translation_stale": (
        "tekst angielski ({en}, zapisany {en_time}) jest starszy niż polski ({pl}, zapisany"
        " {pl_time}, wersja {version}): sprawdź tłumaczenie i zapisz plik angielski (albo"
        " zmieniaj tekst przez deedgen clause edit, które oznacza tłumaczenie do przeglądu)",
        "the English text ({en}, saved {en_time}) is older than the Polish one ({pl}, saved"
        " {pl_time}, version {version}): check the translation and save the English file (or"
        " change the text with deedgen clause edit, which flags the translation for review)",
    ),
}

LINT_MESSAGES.update(
    {
        # what clause lint prints after the findings (views)
        "never_rendered": (
            "nie wypełniono danymi żadnego arkusza (warunek fałszywy dla wszystkich): {ids}",
            "rendered for no sheet (the condition is false for all of them): {ids}",
        ),
        "lint_skipped_row": ("pominięto {sheet}: {why}", "skipped {sheet}: {why}"),
        "lint_skipped_sheet": (
            "pominięto {sheet}: arkusz niepoprawny (sprawdź: deedgen validate {path})",
            "skipped {sheet}: the sheet is invalid (check: deedgen validate {path})",
        ),
        # the {% if %} branches no sheet takes (lint_branches)
        "branch_never": (
            "warunek niespełniony dla żadnego arkusza",
            "the condition holds for no sheet",
        ),
        "branch_always": (
            "warunek spełniony dla każdego arkusza ({{% else %}} niesprawdzone)",
            "the condition holds for every sheet ({{% else %}} untested)",
        ),
        "branch_elif": (
            "żaden arkusz nie wybiera {{% elif %}} nr {numbers}",
            "no sheet takes {{% elif %}} no. {numbers}",
        ),
        "untested_heading": (
            "gałęzie {{% if %}}, przez które nie przeszedł żaden arkusz:",
            "{{% if %}} branches no sheet went through:",
        ),
        "lint_summary": (
            "klauzule: {clauses}, warstwy: {count} ({layers}); arkusze: {samples}; błędy:"
            " {errors}, ostrzeżenia: {warnings}",
            "clauses: {clauses}, layers: {count} ({layers}); sheets: {samples}; errors:"
            " {errors}, warnings: {warnings}",
        ),
    }
)

# what the clause commands say (authoring.refuse_links; views: clean, preview; cli.clause)
COMMAND_MESSAGES: dict[str, tuple[str, str]] = {
    "write_outside": (
        "odmowa zapisu: {path} leży poza warstwą {layer} ({folder})",
        "write refused: {path} lies outside the layer {layer} ({folder})",
    ),
    "write_link": (
        "odmowa zapisu: {path} to dowiązanie symboliczne (do {target}); deedgen nie zapisuje"
        " przez dowiązania poza warstwę {layer} — zastąp je zwykłym plikiem lub folderem. Nic nie"
        " zostało zapisane.",
        "write refused: {path} is a symbolic link (to {target}); deedgen does not write through"
        " links out of the layer {layer} — replace it with an ordinary file or folder. Nothing"
        " was written.",
    ),
    "clean_none": (
        "brak odrzuconych szkiców w warstwach: {layers}",
        "no rejected drafts in the layers: {layers}",
    ),
    "clean_listed": ("odrzucone szkice edycji ({count}):", "rejected edit drafts ({count}):"),
    "clean_ask": ("Usunąć te pliki? [t/N]", "Remove these files? [y/N]"),
    "clean_unconfirmed": (
        "nic nie usunięto: potwierdź (t) albo podaj --yes",
        "nothing removed: confirm (y) or pass --yes",
    ),
    "clean_kept": ("nic nie usunięto", "nothing removed"),
    "clean_removed": ("usunięto: {count}", "removed: {count}"),
    "preview_goal": ("cel: {text}", "goal: {text}"),
    "preview_not_chosen": (
        "{id} nie należy do celów wybranych w arkuszu (goals.chosen)",
        "{id} is not among the goals the sheet chose (goals.chosen)",
    ),
    "preview_condition_false": (
        "jej warunek „{condition}” jest fałszywy dla tego arkusza",
        "its condition '{condition}' is false for this sheet",
    ),
    "preview_not_selected": ("nie została wybrana", "it was not selected"),
    "preview_absent": (
        "{id} nie ma w tym dokumencie: {why}",
        "{id} is not in this document: {why}",
    ),
    "preview_fallback": (
        "w jej miejscu zastępstwo (fallback) {fallback}:",
        "in its place, the fallback {fallback}:",
    ),
    "edit_translation_review": (
        "uwaga: tekst angielski ({en}) jest teraz starszy niż polski ({pl}, wersja {version}):"
        " przetłumacz zmianę i usuń „review: true” z ostatniego wpisu changes w pliku angielskim"
        " (do tego czasu lint o tym przypomina)",
        "note: the English text ({en}) is now older than the Polish one ({pl}, version"
        " {version}): translate the change and remove 'review: true' from the last changes"
        " entry of the English file (lint reminds you until then)",
    ),
    "clean_what": (
        "co usunąć? podaj --rejected (odrzucone szkice edycji)",
        "remove what? pass --rejected (the rejected edit drafts)",
    ),
}

CLAUSE_MESSAGES: dict[str, tuple[str, str]] = {
    **COMMAND_MESSAGES,
    **LINT_MESSAGES,
    **CHECK_MESSAGES,
    **LOAD_MESSAGES,
    **BUILD_MESSAGES,
}
