"""What ``clause lint`` says about a clause's metadata, template, rendering and the documents'
text, in Polish (first) and English (the table :mod:`deedgen.clauses.messages` reads)."""

from __future__ import annotations

CHECK_MESSAGES: dict[str, tuple[str, str]] = {
    # metadata and layering (lint)
    "override_version": (
        "wersja {version} nie jest wyższa od wersji, którą zastępuje ({layer} v{below}): podnieś"
        " ją, żeby dokumenty i manifesty odróżniały te dwie",
        "version {version} is not above the version it replaces ({layer} v{below}): raise it so"
        " documents and manifests tell the two apart",
    ),
    "stale_override": (
        "ta nakładka powstała na {base}, a zastępuje teraz {layer} v{below}: przejrzyj zmianę"
        " (deedgen clause diff {clause}) i zapisz ją z nową bazą (base)",
        "this override was made on {base}, but it now replaces {layer} v{below}: review the"
        " change below (deedgen clause diff {clause}) and record it with a new base",
    ),
    "rejected": (
        "odrzucony szkic edycji (deedgen clause edit): przenieś z niego, co potrzebne, do pliku"
        " klauzuli, a potem usuń szkice: deedgen clause clean --rejected",
        "a draft deedgen clause edit kept aside: move what you need from it into the clause"
        " file, then remove the drafts: deedgen clause clean --rejected",
    ),
    "folder": (
        "klauzula kategorii „{category}” leży w folderze „{folder}/”; przenieś ją do {category}/",
        "clause of category '{category}' is in the folder '{folder}/'; move it to {category}/",
    ),
    "slot": (
        "slot „{slot}” nie jest miejscem w szablonie {templated}; oczekiwano jednego z: {slots}"
        " (docs/clause-format.md)",
        "slot '{slot}' is not a place in the {templated} template; expected one of {slots}"
        " (docs/clause-format.md)",
    ),
    "draft": (
        'szkic: warunek "false" trzyma klauzulę poza każdym dokumentem; usuń ten wiersz, gdy'
        " tekst będzie gotowy",
        'draft: condition "false" keeps the clause out of every document; remove the line when'
        " the text is ready",
    ),
    "fallback_missing": (
        "zastępstwa (fallback) „{fallback}” nie ma w bibliotece",
        "fallback '{fallback}' is not in the library",
    ),
    "fallback_removed": (
        "zastępstwa (fallback) „{fallback}” nie ma w bibliotece (usunęła je nakładka)",
        "fallback '{fallback}' is not in the library (removed by an overlay)",
    ),
    "fallback_elsewhere": (
        "zastępstwo (fallback) „{fallback}” należy do innych dokumentów ({documents})",
        "fallback '{fallback}' belongs to other documents ({documents})",
    ),
    "fallback_unused": (
        "zastępstwo (fallback) bez warunku (condition) nigdy nie jest używane",
        "a fallback without a condition is never used",
    ),
    "requires": (
        "requires „{entry}”: w danych nie ma „{head}” (zob. docs/clause-format.md, Dane)",
        "requires '{entry}': the data has no '{head}' (see docs/clause-format.md, Data)",
    ),
}

CHECK_MESSAGES.update(
    {
        # the template (lint_template)
        "sandbox_load": (
            "„{{% {word} %}}” jest niedozwolone: klauzula nie może wczytywać innych szablonów",
            "'{{% {word} %}}' is not allowed: a clause cannot load other templates",
        ),
        "sandbox_private": (
            "piaskownica odmawia dostępu do „{name}” (atrybut prywatny lub wewnętrzny)",
            "access to '{name}' is refused by the sandbox (private or internal attribute)",
        ),
        "sandbox_mutation": (
            "„.{name}(…)” zmienia dane: piaskownica tego odmawia (szablony tylko czytają dane)",
            "'.{name}(…)' changes data: the sandbox refuses it (templates read data only)",
        ),
        "sandbox_attr": (
            "piaskownica odmawia attr('{name}')",
            "attr('{name}') is refused by the sandbox",
        ),
        "unknown_filter": (
            "nieznany filtr „{name}”; znane: {known} i wbudowane filtry Jinja",
            "unknown filter '{name}'; known: {known} and Jinja's built-in filters",
        ),
        "unknown_test": ("nieznany test „is {name}”", "unknown test 'is {name}'"),
        "missing_field": (
            "„{dotted}”: żaden arkusz nie ma pola „{name}” w „{owner}”",
            "'{dotted}': no sheet has the field '{name}' in '{owner}'",
        ),
        "missing_field_near": (
            "„{dotted}”: żaden arkusz nie ma pola „{name}” w „{owner}” — czy chodziło o: {near}?",
            "'{dotted}': no sheet has the field '{name}' in '{owner}'; did you mean: {near}?",
        ),
        "missing_field_known": (
            "„{dotted}”: żaden arkusz nie ma pola „{name}” w „{owner}”; jego pola: {fields}",
            "'{dotted}': no sheet has the field '{name}' in '{owner}'; its fields: {fields}",
        ),
        # the condition and the rendering (lint_render)
        "condition_syntax": (
            "warunek „{condition}” nie jest poprawnym wyrażeniem: {error}",
            "the condition '{condition}' is not a valid expression: {error}",
        ),
        "condition_name": ("warunek: {message}", "condition: {message}"),
        "condition_fails": (
            "warunku „{condition}” nie da się obliczyć dla {sheet} ({lang}): {message}",
            "the condition '{condition}' cannot be evaluated for {sheet} ({lang}): {message}",
        ),
        "on_sample": (
            "{message} (arkusz przykładowy {sheet}, {lang})",
            "{message} (sample {sheet}, {lang})",
        ),
    }
)

CHECK_MESSAGES.update(
    {
        # the documents' text (lint_terms)
        "where": ("({document}, {sample})", "({document}, {sample})"),
        "defined_twice": (
            "„{term}” zdefiniowano dwukrotnie w jednym dokumencie {where}; zdefiniuj raz",
            "„{term}” is defined twice in one document {where}; define it once",
        ),
        "leaked_marker": (
            "znacznik struktury wydrukowany w tekście {where}: „{around}” — wiersz kończący się"
            " znacznikiem bloku (np. {{% endif %}}) połknął koniec wiersza; przenieś znacznik do"
            " wiersza wyżej albo zakończ go +%}}",
            "a structure marker is printed in the text {where}: „{around}” — a line ending in an"
            " inline block tag swallowed the line break; put the tag on the line before or end"
            " it with +%}}",
        ),
        "periphrasis": (
            "„{found}” to omówienie zdefiniowanego terminu {where}; użyj samego terminu (np. „Gmina”,"
            " „Biblioteka”, „Plan działań”, „Mentor”)",
            "„{found}” paraphrases a defined term {where}; use the term itself (e.g. „Gmina”,"
            " „Biblioteka”, „Plan działań”, „Mentor”)",
        ),
        "used_before_definition": (
            "„{found}” użyto, zanim zdefiniowano „{term}” ({document}, {sample}); zdefiniuj"
            " termin przy pierwszym użyciu",
            "„{found}” is used before „{term}” is defined ({document}, {sample}); define the"
            " term at its first use",
        ),
        "party_terms": (
            "{party} to „{term}” w {document}, ale „{first}” w {first_document} ({sample}); użyj"
            " jednego angielskiego terminu we wszystkich dokumentach",
            "{party} is “{term}” in {document} but “{first}” in {first_document} ({sample}); use"
            " one English term across the documents",
        ),
    }
)

CHECK_MESSAGES.update(
    {
        # the documents each sheet gets (lint_sheets)
        "breaks_coalitions": (
            "{message} — nie zbuduje się dla {count} z {total} koalicji: {labels}",
            "{message} — will not build for {count} of {total} coalitions: {labels}",
        ),
        "written": ("{written}: {reason}", "{written}: {reason}"),
        "target_elsewhere": (
            "klauzula {target} należy do innych dokumentów ({documents}), nie do {document}",
            "clause {target} belongs to other documents ({documents}), not to the {document}",
        ),
        "target_absent": (
            "klauzuli {target} nie ma w {document} tych koalicji",
            "clause {target} is not in the {document} of these coalitions",
        ),
        "target_excluded": (
            "klauzuli {target} nie ma w {document} tych koalicji (jej warunek „{condition}” jest"
            " dla nich fałszywy{instead}); odwołuj się do niej tylko pod tym samym warunkiem:"
            " {{% if {condition} %}} … {{% endif %}}",
            "clause {target} is not in the {document} of these coalitions (its condition"
            " '{condition}' is false for them{instead}); refer to it only under the same"
            " condition: {{% if {condition} %}} … {{% endif %}}",
        ),
        "instead": (", w jej miejscu stoi {fallback}", "; {fallback} stands in its place"),
        "target_unnumbered": (
            "klauzula {target} nie ma numeru § (sekcja „{slot}” poza numeracją)",
            "clause {target} has no § number (the section '{slot}' is not numbered)",
        ),
        "target_anchor": (
            "w {document} tych koalicji klauzula {target} nie ma kotwicy [{anchor}] (jej kotwice"
            " tutaj: {known}; kotwica w gałęzi {{% if %}}, której te koalicje nie mają?)",
            "in the {document} of these coalitions clause {target} has no anchor [{anchor}] (its"
            " anchors here: {known}; an anchor in an {{% if %}} branch these coalitions do not"
            " take?)",
        ),
    }
)

CHECK_MESSAGES.update(
    {
        # Jinja errors in mentor words (jinja_errors)
        "unknown_name_near": (
            "nieznana nazwa „{name}” — czy chodziło o: {near}? (nazwy danych:"
            " docs/clause-format.md)",
            "unknown name '{name}'; did you mean: {near}? (data names: docs/clause-format.md)",
        ),
        "unknown_name": (
            "nieznana nazwa „{name}”; nazwy danych: {names}",
            "unknown name '{name}'; data names: {names}",
        ),
        "empty_in_condition": (
            "„{owner}” jest puste w danych tej koalicji, więc nie ma „{name}”: sprawdź je"
            " najpierw, np. condition: {owner} and ({source})",
            "'{owner}' is empty in this coalition's data, so it has no '{name}': test it first,"
            " e.g. condition: {owner} and ({source})",
        ),
        "empty_in_text": (
            "„{owner}” jest puste w danych tej koalicji, więc nie ma „{name}”: dodaj warunek"
            " {{% if {owner} %}} … {{% endif %}} (albo wypisz {{{{ {owner}.{name} if {owner}"
            " else '' }}}})",
            "'{owner}' is empty in this coalition's data, so it has no '{name}': add the"
            " condition {{% if {owner} %}} … {{% endif %}} (or write {{{{ {owner}.{name} if"
            " {owner} else '' }}}})",
        ),
        "this_value": ("ta wartość", "this value"),
        "no_field_near": (
            "{what} nie ma pola „{name}” — czy chodziło o: {near}?",
            "{what} has no field '{name}'; did you mean: {near}?",
        ),
        "no_field": (
            "{what} nie ma pola „{name}”; jego pola: {fields}",
            "{what} has no field '{name}'; its fields: {fields}",
        ),
        "no_field_of_kind": (
            "{what} ({kind}) nie ma pola „{name}”",
            "{what} ({kind}) has no field '{name}'",
        ),
        "block_open": (
            "blok {{% {tag} %}} nie jest zamknięty: brak {{% {end} %}}",
            "the block {{% {tag} %}} is not closed: {{% {end} %}} is missing",
        ),
        "tag_misplaced": (
            "{{% {tag} %}} w tym miejscu, a otwarty jest blok {{% {open} %}}: najpierw"
            " {{% {end} %}}",
            "{{% {tag} %}} here, while the block {{% {open} %}} is open: {{% {end} %}} first",
        ),
        "tag_unknown": ("nieznany znacznik {{% {tag} %}}", "unknown tag {{% {tag} %}}"),
        "tag_unknown_near": (
            "nieznany znacznik {{% {tag} %}} — czy chodziło o: {near}?",
            "unknown tag {{% {tag} %}}; did you mean: {near}?",
        ),
        "syntax_other": ("błąd składni ({message})", "syntax error ({message})"),
        "syntax_at": (
            "błąd składni szablonu (wiersz {line}, kolumna {column}): {message}",
            "template syntax error (line {line}, column {column}): {message}",
        ),
    }
)
