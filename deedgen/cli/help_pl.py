"""The Polish help texts of every command, keyed by the command's path (``"clause edit"``) or by
the path and an option's long name (``"build --output"``). The English texts stay beside the
commands (their docstrings and ``help=``); :mod:`deedgen.cli.texts` picks one of the two."""

LIBRARY = (
    "Warstwa klauzul (folder nakładki regionalnej lub lokalnej); można podać kilka, od "
    "najbardziej szczegółowej. Domyślnie: warstwy z ./deedgen.toml, a bez niego tylko biblioteka "
    "centralna."
)
VARIANT_DOC = "Wersja językowa klauzuli: pl albo en (domyślnie: pl)."
VARIANT_MESSAGES = (
    "Język komunikatów (pl albo en); bez --doc-lang także wersja językowa klauzuli (dawna "
    "pisownia)."
)
MESSAGES = "Język komunikatów i raportów: pl albo en (domyślnie z ustawień systemu, inaczej pl)."
DOCUMENTS = {
    "--format": "docx, pdf albo all (DOCX + PDF + pakiet do podpisu).",
    "--doc-lang": "Język dokumentów: pl (wiążący, domyślnie), en (tłumaczenie) albo both (oba).",
    "--lang": "Język komunikatów i raportów: pl albo en (domyślnie z ustawień systemu, inaczej "
    "pl); both: dawna pisownia --doc-lang both.",
    "--draft": "Buduj także wtedy, gdy warunki finansowania nie są spełnione; strony są "
    "oznaczone jako PROJEKT.",
    "--pdfa": "PDF/A do archiwizacji i podpisów kwalifikowanych z LibreOffice (PDF/A-2b); "
    "PDF-y z Typst są zawsze w standardzie PDF/A-2a i PDF/UA-1 z tagami.",
    "--pdf-engine": "Czym powstają PDF-y: typst (wprost z dokumentów) albo libreoffice "
    "(konwersja DOCX; dla szablonów DOCX przerobionych w Wordzie).",
    "--rules": "Zestaw reguł finansowania (domyślnie: reguły edycji programu podanej w arkuszu).",
    "--library": LIBRARY,
}

HELP_PL: dict[str, str] = {
    "": "deedgen: dokumenty koalicji bibliotecznych (deklaracje partnerskie, plany działań, "
    "formularze ewaluacji) z arkusza partnerów i biblioteki klauzul.",
    "--lang": MESSAGES,
    "--version": "Pokaż wersję i zakończ.",
    # build
    "build": "Zbuduj dokumenty jednej koalicji z jej arkusza partnerów ARKUSZ: wstępną deklarację "
    "JST, deklarację partnerską, plan działań i formularze ewaluacji, jako DOCX i PDF, z pakietem "
    "PDF do podpisu, raportem zgodności i manifestem.",
    "build --output": "Folder wyjściowy (domyślnie: out/<TERC>-<gmina>).",
    "build --review": "Zapisz też przeglad-klauzul.md: warstwa, plik i wersja każdej klauzuli, "
    "dla mentorów (nigdy nie trafia do dokumentów).",
    **{f"build {name}": text for name, text in DOCUMENTS.items()},
    # batch
    "batch": "Zbuduj każdą koalicję kohorty KOHORTA: folderu arkuszy partnerów albo skoroszytu "
    "kohorty (XLSX), który je wymienia wraz z ustawieniami kohorty (edycja programu, biblioteka "
    "wojewódzka, mentorzy, warstwy klauzul).\n\n"
    "Najpierw sprawdzany jest każdy arkusz, potem każda koalicja trafia do własnego folderu "
    "FOLDER/<TERC>-<gmina> (FOLDER: --output); błąd jednej koalicji nie zatrzymuje pozostałych. Ponowne uruchomienie "
    "pomija koalicje, których dane się nie zmieniły (i kończy przerwaną partię). Raport kohorty "
    "FOLDER/summary.html (także .xlsx i .json) ma wiersz dla każdej koalicji.\n\n"
    "Kod wyjścia: 0, gdy każda koalicja została zbudowana albo jest bez zmian; 1, gdy co "
    "najmniej jedna się nie zbudowała (ile: ostatni wiersz i raport); 2, gdy kohorty, biblioteki "
    "klauzul, reguł albo folderu wyjściowego nie można użyć (nic nie jest budowane); 3, gdy brak LibreOffice (z --pdf-engine libreoffice); "
    "130, gdy przerwano (ponowne uruchomienie kończy pracę).",
    "batch --output": "Folder wyjściowy: folder dla każdej koalicji i raport kohorty "
    "summary.{html,xlsx,json}.",
    "batch --jobs": "Liczba procesów budujących (domyślnie: liczba rdzeni); z --pdf-engine "
    "libreoffice każdy z własnym LibreOffice.",
    "batch --force": "Zbuduj każdą koalicję od nowa, także te, których dane się nie zmieniły.",
    "batch --quiet": "Bez postępu; tylko wiersz końcowy.",
    "batch --chunk": "Koalicje na jedno zadanie procesu i jedno wywołanie LibreOffice.",
    **{f"batch {name}": text for name, text in DOCUMENTS.items()},
    # check
    "check": "Sprawdź arkusz partnerów ARKUSZ z warunkami finansowania: złóż jego dokumenty, "
    "oceń każdą regułę i pokaż, czego brakuje, co zrobić i gdzie. Kod 0, gdy koalicja spełnia "
    "warunki, 1, gdy nie, 2, gdy dane są błędne.",
    "check --rules": "Zestaw reguł finansowania (YAML). Domyślnie: "
    "schemas/funding-rules/<edycja>.yaml edycji z arkusza.",
    "check --format": "text dla ludzi, markdown do przeglądu, json dla programów (oba języki).",
    "check --lang": MESSAGES,
    "check --library": LIBRARY,
    # validate, init
    "validate": "Sprawdź arkusz partnerów ARKUSZ (.xlsx, .yaml, .json): wypisz za jednym razem "
    "wszystko, czego check i build by nie przyjęły, każdy błąd z jego miejscem, albo krótkie "
    "podsumowanie. Kod 0, gdy arkusz jest poprawny, 2, gdy nie.",
    "validate --format": "text dla ludzi albo json dla programów.",
    "validate --oznacz": "Zapisz kopię skoroszytu (NAZWA.oznaczony.xlsx) z zaznaczonymi błędami "
    "i ich opisem w komentarzach komórek; oryginał pozostaje bez zmian.",
    "validate --lang": MESSAGES,
    "validate --library": LIBRARY,
    "init": "Zapisz pusty arkusz partnerów do pliku ŚCIEŻKA: skoroszyt XLSX z instrukcją, opisami kolumn i "
    "listami wyboru albo plik YAML z komentarzami. Z --from: przepisz istniejący arkusz.",
    "init --format": "Format nowego arkusza (domyślnie: z rozszerzenia pliku ŚCIEŻKA).",
    "init --force": "Nadpisz plik ŚCIEŻKA, jeśli istnieje.",
    "init --from": "Wypełnij nowy arkusz danymi istniejącego (.xlsx, .yaml, .json), razem z "
    "błędami.",
    "init --lang": MESSAGES,
    # doctor
    "doctor": "Sprawdź, czego potrzebuje PDF, dla obu silników: Typst (przypięta wersja, jego "
    "czcionki, próbny dokument z polskimi znakami) i LibreOffice (wersja i ścieżka, czcionki "
    "szablonów, próbna konwersja). Kod 3, gdy wybranemu silnikowi brakuje czegoś niezbędnego "
    "(z nazwą pakietu do zainstalowania).",
    "doctor --lang": MESSAGES,
    "doctor --no-convert": "Pomiń próbne dokumenty (szybciej).",
    "doctor --pdf-engine": "Silnik, którego sprawdzenia muszą przejść; drugiego są tylko "
    "podane do wiadomości.",
    # evaluate, report
    "evaluate": "Sprawdź każde wypełnione sprawozdanie (skoroszyt albo formularz PDF) z "
    "SPRAWOZDANIA, każdy błąd z komórką, porównaj je z arkuszem partnerów koalicji i zapisz "
    "FOLDER/ewaluacja.html (FOLDER: --output), .xlsx i .json (kto złożył sprawozdanie, kto się "
    "spóźnia, plan a wykonanie, zagrożone koalicje i dlaczego) oraz roczny raport ewaluacyjny "
    "każdej koalicji.\n\n"
    "SPRAWOZDANIA to folder ze sprawozdaniami albo skoroszyt kohorty, którego arkusz Koalicje "
    "podaje w kolumnie Raport sprawozdania każdej koalicji (ścieżki względem skoroszytu, w jego "
    "folderze; kilka rozdzielonych średnikiem): koalicja bez sprawozdania jest spóźniona, gdy "
    "minął termin. Kod 0: wszystkie na czas, 1: koalicja spóźniona lub zagrożona, 2: błędne "
    "sprawozdanie, arkusz lub wiersz skoroszytu kohorty.",
    "evaluate --output": "Folder wyjściowy.",
    "evaluate --cohort": "Kohorta (folder arkuszy partnerów albo skoroszyt kohorty): koalicje bez "
    "sprawozdania liczą się jako spóźnione. Domyślnie: skoroszyt kohorty podany jako SPRAWOZDANIA, "
    "a przy folderze arkusze wskazane w sprawozdaniach.",
    "evaluate --as-of": "Dzień ewaluacji (RRRR-MM-DD): które sprawozdania są wymagane. "
    "Domyślnie: dziś.",
    "evaluate --rules": "Zestaw reguł finansowania (YAML). Domyślnie: "
    "schemas/funding-rules/<edycja>.yaml każdego arkusza.",
    "evaluate --jobs": "Liczba procesów.",
    "evaluate --no-documents": "Pomiń roczne raporty ewaluacyjne (DOCX).",
    "evaluate --pdf": "Przekształć też roczne raporty do PDF (LibreOffice).",
    "evaluate --lang": MESSAGES,
    "report": "Skoroszyty sprawozdań pętli ewaluacji (kwartalne mikrosukcesy, ewaluacja roczna).",
    "report init": "Zapisz skoroszyt sprawozdania arkusza partnerów ARKUSZ za kwartał "
    "(--quarter 2026-Q3) albo do ewaluacji rocznej (--year 2026), wypełniony mikrosukcesami, "
    "działaniami i wydarzeniami promocyjnymi zaplanowanymi na ten okres. Kod 0: zapisano, "
    "2: błędny arkusz, 4: błędne opcje.",
    "report init --quarter": "Kwartał sprawozdania, np. 2026-Q3.",
    "report init --year": "Rok ewaluacji rocznej, np. 2026.",
    "report init --output": "Plik albo folder wyjściowy.",
    "report init --force": "Nadpisz istniejący skoroszyt.",
    # clause
    "clause": "Przeglądaj, pisz i sprawdzaj klauzule w warstwowej bibliotece (centralna → "
    "regionalna → lokalna).\n\nWarstwy pochodzą z --library FOLDER (można podać kilka, od najbardziej "
    "szczegółowej) albo z ./deedgen.toml; nowe i zmienione klauzule trafiają do najbardziej "
    "szczegółowej warstwy.",
    "clause list": "Klauzule widoczne przez warstwy: id, tytuł, wersja, warstwa, blokada i co "
    "zastępuje każda nakładka.",
    "clause list --category": "Tylko ta kategoria (folder), np. mentoring.",
    "clause list --layer": "Tylko klauzule z tej warstwy, np. central.",
    "clause list --document": "Tylko klauzule tego dokumentu.",
    "clause show": "Klauzula ID w obecnej postaci: metadane, pochodzenie (warstwa, plik, co "
    "zastępuje), tekst.",
    "clause show --doc-lang": VARIANT_DOC,
    "clause show --lang": VARIANT_MESSAGES,
    "clause new": "Utwórz opisany szkielet klauzuli ID (po polsku i po angielsku) w najwyższej "
    'warstwie.\n\nSzkielet jest szkicem (condition: "false"): nie trafia do żadnego dokumentu, '
    "dopóki nie usuniesz tego wiersza.",
    "clause new --category": "Kategoria (folder); musi być pierwszą częścią ID.",
    "clause new --document": "Dokument(y), do których trafia klauzula (można podać kilka).",
    "clause new --title": "Nagłówek drukowany pod numerem §.",
    "clause new --order": "Miejsce w dokumencie.",
    "clause new --central": "Pozwól pisać do biblioteki centralnej, gdy jest najwyższą warstwą "
    "(tylko opiekunowie).",
    "clause edit": "Edytuj klauzulę ID w $VISUAL/$EDITOR, w najwyższej warstwie.\n\nKlauzula z "
    "niższej warstwy jest kopiowana do najwyższej (odmowa, gdy jest zablokowana). Wynik jest "
    "sprawdzany po zamknięciu edytora: poprawna zmiana podnosi wersję i zapisuje notę zmiany; "
    "błędna jest otwierana ponownie albo odkładana jako NAZWA.pl.txt.rejected — nigdy nie jest "
    "stosowana w połowie.",
    "clause edit --note": "Nota zmiany zapisywana w dzienniku zmian klauzuli (pytanie, gdy jej "
    "brak).",
    "clause edit --no-input": "Bez pytań: błędna zmiana jest odkładana jako NAZWA.pl.txt.rejected.",
    "clause edit --central": "Pozwól pisać do biblioteki centralnej, gdy jest najwyższą warstwą "
    "(tylko opiekunowie).",
    "clause remove": "Zapisz w najwyższej warstwie znacznik usunięcia klauzuli ID (odmowa dla "
    "klauzul zablokowanych i wymaganych przez reguły finansowania).",
    "clause remove --note": "Dlaczego ta warstwa obywa się bez klauzuli.",
    "clause lint": "Sprawdź każdą warstwę i każdą koalicję: metadane, wiersze struktury, "
    "szablony, nazwy danych, odsyłacze, wersje językowe, klauzule zablokowane i wymagane, "
    "warunki, piaskownicę. Każda klauzula jest wypełniana danymi każdego arkusza (--sheet, "
    "--cohort, domyślnie samples/), a każde §[id] sprawdzane w dokumencie, który ta koalicja "
    "dostanie. Każde znalezisko ma plik i wiersz.\n\nFOLDER to warstwy nakładek (od najbardziej "
    "szczegółowej), jak --library. Kod 2 (błędne dane) przy błędach, 0, gdy czysto.",
    "clause lint --sheet": "Przykładowe arkusze partnerów do sprawdzenia ścieżek danych, warunków "
    "i składu (domyślnie: arkusze z samples/).",
    "clause lint --format": "text dla ludzi albo json dla programów.",
    "clause lint --strict": "Traktuj ostrzeżenia jak błędy.",
    "clause lint --lang": MESSAGES,
    "clause lint --cohort": "Kohorta: skoroszyt kohorty albo folder arkuszy — lint składa "
    "dokumenty każdej koalicji (i dodaje warstwy klauzul skoroszytu).",
    "clause clean": "Usuń odrzucone szkice edycji: wypisuje każdy plik, pyta o potwierdzenie i "
    "usuwa tylko pliki NAZWA.pl.txt.rejected / NAZWA.en.txt.rejected(-N) z warstw nakładek "
    "(centralnej tylko z --central). Nic innego nie jest ruszane.",
    "clause clean --rejected": "Usuń odrzucone szkice edycji (NAZWA.pl.txt.rejected) z warstw "
    "nakładek.",
    "clause clean --yes": "Nie pytaj o potwierdzenie.",
    "clause clean --central": "Pozwól pisać do biblioteki centralnej, gdy jest najwyższą "
    "warstwą (tylko opiekunowie).",
    "clause preview": "Klauzula ID złożona dla arkusza z --sheet, numerowana jak w całym dokumencie.",
    "clause preview --sheet": "Arkusz partnerów.",
    "clause preview --doc-lang": VARIANT_DOC,
    "clause preview --lang": VARIANT_MESSAGES,
    "clause diff": "Klauzula ID wobec klauzuli, którą zastępuje w niższej warstwie: zmienione "
    "metadane i różnica tekstu słowo po słowie ([-usunięte-] {+dodane+}), zawinięta do "
    "szerokości terminala.",
    "clause diff --doc-lang": VARIANT_DOC,
    "clause diff --lang": VARIANT_MESSAGES,
    # studio
    "studio": "Uruchom deedgen studio dla FOLDER_ROBOCZY (folderu arkuszy partnerów z jego "
    "deedgen.toml; domyślnie: bieżący folder) albo zarządzaj jego kontami (deedgen studio user).",
    "studio serve": "Uruchom deedgen studio dla FOLDER_ROBOCZY: strona do wypełniania danych "
    "koalicji, podglądu i tworzenia jej dokumentów oraz przeglądania biblioteki klauzul.",
    "studio serve --port": "Port (domyślnie: wolny).",
    "studio serve --host": "Adres nasłuchu; poza pętlą zwrotną tylko z kontami (deedgen studio "
    "user add).",
    "studio serve --server-name": "Nazwa hosta, na którą odpowiada studio (hosting).",
    "studio serve --root-path": "Prefiks ścieżki za odwrotnym proxy, np. /studio.",
    "studio serve --trusted-proxy": "Adres odwrotnego proxy, którego nagłówkom "
    "X-Forwarded-For/-Proto można ufać.",
    "studio serve --secure-cookies": "Ciasteczko sesji tylko przez HTTPS (domyślnie: włączone "
    "przy hostingu).",
    "studio serve --no-browser": "Nie otwieraj przeglądarki.",
    "studio serve --workers": "Liczba procesów serwera (hosting: tyle, ile rdzeni ma komputer).",
    "studio user": "Konta hostowanego studia (w pliku .deedgen-accounts.sqlite3 w folderze "
    "roboczym).",
    "studio user add": "Dodaj konto NAZWA (hasło jest pytane).",
    "studio user add --role": "Rola konta.",
    "studio user add --coalition": "Plik arkusza koalicji (bibliotekarz, mentor).",
    "studio user disable": "Wyłącz konto NAZWA (jego sesje kończą się od razu).",
    "studio user list": "Wypisz konta.",
    "studio user passwd": "Ustaw nowe hasło konta NAZWA (jego sesje kończą się od razu).",
}
HELP_PL.update(
    {
        f"clause {name} --library": LIBRARY
        for name in ["list", "show", "new", "edit", "remove", "lint", "preview", "diff", "clean"]
    }
)
HELP_PL.update(
    {
        f"{path} --lang": MESSAGES
        for path in [
            *(f"clause {name}" for name in ["list", "new", "edit", "remove", "clean"]),
            "report init",
            "studio serve",
            *(f"studio user {name}" for name in ["add", "list", "disable", "passwd"]),
        ]
    }
)
