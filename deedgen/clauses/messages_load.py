"""What the clause loader says about a clause file, its metadata and the layers, in Polish
(first) and English (the table :mod:`deedgen.clauses.messages` reads)."""

from __future__ import annotations

LOAD_MESSAGES: dict[str, tuple[str, str]] = {
    # the file and its front matter (front_matter)
    "not_utf8": (
        "to nie jest tekst w UTF-8; zapisz klauzulę jako UTF-8",
        "not UTF-8 text; save the clause as UTF-8",
    ),
    "forbidden_character": (
        "niedozwolony znak {char} ({kind}) w kolumnie {column}; usuń go — dokument Word nie może"
        " go zawierać",
        "a forbidden character {char} ({kind}) at column {column}; delete it",
    ),
    "no_front_matter": (
        "plik klauzuli zaczyna się wierszem „---” i jej metadanymi",
        "a clause file starts with a '---' line and its metadata",
    ),
    "front_matter_open": (
        "blok metadanych nie jest zamknięty wierszem „---”",
        "the metadata block is not closed by a '---' line",
    ),
    "yaml_alias": (
        "kotwice (&nazwa) i aliasy (*nazwa) YAML są w metadanych klauzuli niedozwolone;"
        " wypisz każdą wartość",
        "YAML anchors (&name) and aliases (*name) are not allowed in clause metadata; write"
        " each value out",
    ),
    "invalid_metadata": ("błędne metadane: {problem}", "invalid metadata: {problem}"),
    "metadata_lines": (
        "blok metadanych to wiersze „klucz: wartość”",
        "the metadata block must be 'key: value' lines",
    ),
    "metadata_plain_keys": (
        "klucze metadanych to zwykłe nazwy (bez kluczy scalających << i złożonych)",
        "metadata keys are plain names (no merge or complex keys)",
    ),
    "metadata_twice": (
        "metadane „{key}” występują dwa razy",
        "metadata '{key}' appears twice",
    ),
    "metadata_value": (
        "błędne metadane „{key}”: {problem}",
        "invalid metadata '{key}': {problem}",
    ),
    "metadata_type": (
        "metadane „{key}” to {expected}, a jest: {found}",
        "metadata '{key}' must be {expected}, found {found}",
    ),
    # the clause's metadata (model)
    "no_variant": (
        "klauzula {clause} nie ma wersji językowej „{code}” ({file})",
        "clause {clause} has no {lang} variant ({file})",
    ),
    "file_name": (
        "pliki klauzul nazywają się NAZWA.pl.txt albo NAZWA.en.txt (małe litery, a-z, 0-9, _)",
        "clause files are named NAME.pl.txt or NAME.en.txt (lower case, a-z, 0-9, _)",
    ),
    "metadata_missing": ("brak metadanych „{key}”", "metadata '{key}' is missing"),
    "id_form": (
        "id „{id}” ma mieć postać kategoria.nazwa (małe litery)",
        "id '{id}' must look like category.name (lower case)",
    ),
    "id_file": (
        "id „{id}” nie pasuje do nazwy pliku „{file}” (oczekiwano …{name})",
        "id '{id}' does not match the file name '{file}' (expected …{name})",
    ),
    "remove_in_clause": (
        "„remove: true” robi z pliku znacznik usunięcia: tylko w pliku polskim, bez tekstu i"
        " tylko z kluczami {keys}",
        "'remove: true' makes a removal marker: only in a Polish file, with no body and only"
        " the keys {keys}",
    ),
    "unknown_keys": (
        "nieznane klucze metadanych: {unknown}; dozwolone tutaj: {allowed}",
        "unknown metadata key(s) {unknown}; allowed here: {allowed}",
    ),
    "version_number": (
        "version to liczba całkowita ≥ 1, a jest: {found}",
        "version must be a whole number ≥ 1, found {found}",
    ),
    "no_polish": (
        "każda klauzula ma plik polski (NAZWA.pl.txt), tekst wiążący",
        "every clause has a Polish file (NAME.pl.txt), the authoritative text",
    ),
    "id_category": (
        "id „{id}” musi zaczynać się od swojej kategorii „{category}.”",
        "id '{id}' must start with its category '{category}.'",
    ),
    "order_number": (
        "order to liczba całkowita, a jest: {found}",
        "order must be a whole number, found {found}",
    ),
    "changes_list": (
        "changes to lista wpisów, np. {{date: 2026-05-04, version: 3, note: …}}",
        "changes must be a list of entries like {{date: 2026-05-04, version: 3, note: …}}",
    ),
    "documents_unknown": (
        "nieznane dokumenty: {bad}; oczekiwano niektórych z: {kinds}",
        "documents {bad} unknown; expected some of {kinds}",
    ),
    "variant_version": (
        "tekst {lang} ma wersję {other}, a tekst polski wersję {version}: uaktualnij"
        " tłumaczenie i jego wersję",
        "the {lang} variant is version {other}, the Polish text is version {version}: update"
        " the translation and its version",
    ),
    "variant_id": (
        "id „{id}” różni się od id pliku polskiego „{pl_id}”",
        "id '{id}' differs from the Polish file's '{pl_id}'",
    ),
    # removal markers (model)
    "marker_polish": (
        "znacznik usunięcia to plik polski (NAZWA.pl.txt)",
        "a removal marker is a Polish file (NAME.pl.txt)",
    ),
    "remove_true": (
        "remove: jedyna wartość to true (jest: {found}); żeby zachować klauzulę, usuń ten wiersz",
        "remove: the only value is true (found {found}); to keep the clause, delete this line",
    ),
    "marker_keys": (
        "znacznik usunięcia ma tylko klucze {keys}; są też: {found}",
        "a removal marker has only the keys {keys}; found {found}",
    ),
    "marker_body": (
        "znacznik usunięcia nie ma tekstu: usuń tekst pod metadanymi albo wiersz „remove: true”",
        "a removal marker has no body: delete the text below the metadata, or drop 'remove: true'",
    ),
    "marker_english": (
        "usunięta klauzula nie ma wersji angielskiej: usuń ten plik",
        "a removed clause has no English variant: delete this file",
    ),
}

LOAD_MESSAGES.update(
    {
        # the layers (library)
        "no_clause": (
            "nie ma klauzuli „{id}” w bibliotece klauzul ({layers})",
            "no clause '{id}' in the clause library ({layers})",
        ),
        "no_clause_removed": (
            "nie ma klauzuli „{id}” w bibliotece klauzul ({layers}); usuwa ją {path}",
            "no clause '{id}' in the clause library ({layers}); it is removed by {path}",
        ),
        "no_layer": (
            "nie ma warstwy „{name}” (warstwy: {layers})",
            "no layer '{name}' (layers: {layers})",
        ),
        "no_library_folder": (
            "nie ma folderu biblioteki klauzul: {path}",
            "clause library folder not found: {path}",
        ),
        "symlink_out": (
            "dowiązanie symboliczne prowadzi poza warstwę {layer} (do {target}); deedgen go nie"
            " czyta — skopiuj plik do warstwy",
            "a symbolic link leads out of the layer {layer} (to {target}); it is not read: copy"
            " the file into the layer",
        ),
        "duplicate_id": (
            "id klauzuli „{id}” występuje w warstwie {layer} dwa razy: także w {other}",
            "clause id '{id}' is defined twice in layer {layer}: also in {other}",
        ),
        "central_removal": (
            "znacznik usunięcia należy do nakładki; w bibliotece centralnej usuń pliki klauzuli",
            "a removal marker belongs in an overlay; in the central library, delete the clause"
            " files instead",
        ),
        "english_orphan": (
            "wersja angielska bez pliku polskiego (NAZWA.pl.txt to tekst wiążący)",
            "an English variant without its Polish file (NAME.pl.txt is the authoritative text)",
        ),
        "locked_override": (
            "klauzula „{id}” jest zablokowana w warstwie {layer} ({source}): {other} nie może"
            " jej zastąpić",
            "clause '{id}' is locked in layer {layer} ({source}) and cannot be replaced by {other}",
        ),
        "removes_nothing": (
            "znacznik usunięcia „{id}” niczego nie usuwa: nie ma jej żadna niższa warstwa",
            "removal marker for '{id}' removes nothing: no lower layer has it",
        ),
        "removed_already": (
            "znacznik usunięcia „{id}” niczego nie usuwa: usuwa ją już {path}",
            "removal marker for '{id}' removes nothing: it is already removed by {path}",
        ),
        "locked_removal": (
            "klauzula „{id}” jest zablokowana w warstwie {layer} ({source}): {path} nie może jej"
            " usunąć",
            "clause '{id}' is locked in layer {layer} ({source}) and cannot be removed by {path}",
        ),
        "required_removal": (
            "klauzula „{id}” ({source}) jest wymagana ({rules}): {path} nie może jej usunąć"
            " (zmień raczej jej brzmienie)",
            "clause '{id}' ({source}) is required by {rules}: {path} cannot remove it (replace"
            " its wording instead)",
        ),
    }
)

LOAD_MESSAGES.update(
    {
        # clause new / clause remove (authoring)
        "no_overlay": (
            "nie ma nakładki, do której można pisać: wczytano tylko bibliotekę centralną. Podaj"
            " folder swojego regionu lub koalicji przez --library FOLDER (albo [library] layers"
            " w deedgen.toml); bibliotekę centralną zmieniają opiekunowie deedgen",
            "no overlay to write to: only the central library is loaded. Give your region's or"
            " coalition's folder with --library DIR (or [library] layers in deedgen.toml); the"
            " central library is changed by the deedgen maintainers",
        ),
        "new_exists": (
            "klauzula {id} już jest w warstwie {layer}: {path}; zmień ją przez"
            " `deedgen clause edit {id}`",
            "clause {id} already exists in layer {layer}: {path}; edit it with"
            " `deedgen clause edit {id}`",
        ),
        "new_locked": (
            "klauzula {id} jest zablokowana w warstwie {layer} ({source}): nie można jej zastąpić",
            "clause {id} is locked in layer {layer} ({source}): it cannot be replaced",
        ),
        "file_exists": (
            "{path} już istnieje: najpierw go przenieś",
            "{path} exists already: move it away first",
        ),
        "new_id_form": (
            "id „{id}” ma mieć postać kategoria.nazwa (małe litery, a-z, 0-9, _), np."
            " promotion.press",
            "id '{id}' must look like category.name (lower case, a-z, 0-9, _), e.g."
            " promotion.press",
        ),
        "new_id_category": (
            "id „{id}” musi zaczynać się od swojej kategorii: {category}.{name}",
            "id '{id}' must start with its category: {category}.{name}",
        ),
        "new_documents": (
            "nieznane dokumenty: {bad}; oczekiwano niektórych z: {kinds}",
            "unknown document(s) {bad}; expected some of {kinds}",
        ),
        "central_no_markers": (
            "biblioteka centralna nie ma znaczników usunięcia: usuń pliki klauzuli",
            "the central library has no removal markers: delete the clause files instead",
        ),
        "remove_own": (
            "klauzula {id} jest zdefiniowana w tej warstwie ({source}): usuń ten plik, żeby"
            " wróciło brzmienie niższej warstwy, albo usuń ją tam",
            "clause {id} is defined in this layer ({source}): delete that file to bring back the"
            " wording of the layer below, or remove it there",
        ),
    }
)

LOAD_MESSAGES.update(
    {
        # clause edit (editing)
        "editor_missing": (
            "nie znaleziono edytora: {command} (ustaw VISUAL albo EDITOR)",
            "editor not found: {command} (set VISUAL or EDITOR)",
        ),
        "note_needed": (
            'podaj notę zmiany: --note "…" (trafi do dziennika zmian klauzuli)',
            'give the change note with --note "…" (it goes into the clause\'s change log)',
        ),
        "editor_failed": (
            "edytor zakończył pracę z kodem {code}: niczego nie zastosowano{kept}",
            "the editor exited with code {code}: nothing applied{kept}",
        ),
        "kept": ("; twój tekst zachowano w {paths}", "; your text is kept in {paths}"),
        "no_changes": ("{id}: bez zmian", "{id}: no changes"),
        "edit_invalid": ("{id}: zmiana jest błędna:", "{id}: the edit is not valid:"),
        "edit_rejected": (
            "{id}: problemów: {count}; niczego nie zastosowano{kept}",
            "{id}: {count} problem(s): nothing applied{kept}",
        ),
        "edit_locked": (
            "klauzula {id} jest zablokowana w warstwie {layer} ({source}): warstwa {top} nie może"
            " jej zastąpić",
            "clause {id} is locked in layer {layer} ({source}): layer {top} cannot replace it",
        ),
        "base_moved": (
            "uwaga: ta nakładka powstała na {recorded}; niższa warstwa ma teraz {base}. Przejrzyj"
            " zmianę (deedgen clause diff {id}): ta edycja zapisze {base}.",
            "note: this override was made on {recorded}; the layer below is now {base}. Review"
            " the change (deedgen clause diff {id}): this edit records {base}.",
        ),
        "id_fixed": (
            "w edycji id się nie zmienia (zostaw id: {id}); nową klauzulę utwórz przez"
            " `deedgen clause new`",
            "the id cannot change in an edit (keep id: {id}); create a new clause with"
            " `deedgen clause new`",
        ),
        "remove_via": (
            "klauzulę usuwa się przez `deedgen clause remove`",
            "to remove a clause use `deedgen clause remove`",
        ),
    }
)
