"""Messages of the party model's sheet checks (issue 12, phase 2: governing bodies, JST
treasurers, deputies, party kinds, duplicates, informal groups), in Polish and English; part of
:data:`deedgen.sheet.messages.MESSAGES`."""

from __future__ import annotations

PARTY_MESSAGES = {
    "name_case": (
        "„{found}”: nazwa gminy po tytule musi być w dopełniaczu — użyj dopełniacza: Burmistrz Gminy X albo Burmistrz X-a (nazwy miasta), np. Burmistrz Jaworówki Nowej, Wójt Gminy Świerknik Wielka",
        "'{found}': the gmina's name after a title must be in the genitive (Burmistrz Gminy X, or the town's name in the genitive)",
    ),
    "genitive_not_declined": (
        "nazwa gminy w dopełniaczu „{found}” jest taka sama jak w mianowniku — podaj dopełniacz, np. Gminy Lipowiec",
        "the gmina's name in the genitive '{found}' equals the nominative — give the genitive, e.g. Gminy Lipowiec",
    ),
    "street_missing": (
        "Strona „{party}”: podaj ulicę i numer siedziby; we wsi bez ulic — miejscowość i numer, np. Lipowiec 12 (tylko mieszkaniec i grupa nieformalna podają samą miejscowość)",
        "party '{party}': give the street and number of its seat; in a village without streets the locality and number, e.g. Lipowiec 12 (only a resident or an informal group gives the locality alone)",
    ),
    "governing_body_missing": (
        "szkoła „{party}”: podaj organ prowadzący (gmina, powiat, województwo albo inny podmiot będący Stroną) — Stroną jest organ prowadzący, nie szkoła; bez tej kolumny przyjęto gminę",
        "school '{party}': give its governing body (gmina, powiat, voivodeship or other) — the Party is that body, not the school; the gmina was assumed",
    ),
    "grantor_mismatch": (
        "pełnomocnictwa dyrektorowi szkoły prowadzonej przez {body} udziela {expected}, nie {found}",
        "the director of a school run by the {body} gets the power of attorney from {expected}, not {found}",
    ),
    "governing_body_name_missing": (
        "organ prowadzący ({body}) nie jest Stroną arkusza — podaj jego nazwę, np. Powiat Buski (Organ prowadzący — nazwa)",
        "the governing body ({body}) is not a party of the sheet — give its name, e.g. Powiat Buski",
    ),
    "governing_body_genitive_missing": (
        "podaj nazwę organu prowadzącego w dopełniaczu, np. Powiatu Buskiego — do „pełnomocnictwa Zarządu Powiatu Buskiego”",
        "give the governing body's name in the genitive, e.g. Powiatu Buskiego",
    ),
    "governing_body_party_missing": (
        "organ prowadzący „inny podmiot będący Stroną”: podaj id Strony, która prowadzi szkołę (np. stowarzyszenia)",
        "governing body 'other': give the id of the party that runs the school (e.g. an association)",
    ),
    "governing_body_party_kind": (
        "organ prowadzący „inny podmiot będący Stroną” wskazuje Stronę „{found}” rodzaju „{kind_pl}” — dla gminy, powiatu albo województwa wybierz ten organ wprost (gmina, powiat, województwo)",
        "governing body 'other' names party '{found}' of kind {kind} — for a JST choose gmina, powiat or voivodeship",
    ),
    "jst_treasurer_required": (
        "Strona „{party}” (jednostka samorządu terytorialnego) wnosi środki finansowe ({amount} zł) — podaj jej skarbnika do kontrasygnaty (Skarbnik Strony — imię i nazwisko, funkcja)",
        "party '{party}' (a local government unit) pledges money ({amount} PLN) — give its treasurer (skarbnik), who countersigns",
    ),
    "deputy_authorisation": (
        "reprezentant gminy „{found}” to nie {title} „{expected}” — zastępca albo sekretarz działa na podstawie upoważnienia (art. 46 ust. 1 u.s.g.): podaj przy gminie jego numer i datę (Nr pełnomocnictwa, Data pełnomocnictwa)",
        "the gmina's representative '{found}' is not the {title} '{expected}' — a deputy or the secretary acts under an authorisation (art. 46(1) u.s.g.): give its number and date on the gmina's row",
    ),
    "business_legacy": (
        "Strona „{party}”: rodzaj „przedsiębiorca” jest przestarzały — wybierz „spółka (KRS)” albo „przedsiębiorca (CEIDG)”, aby komparycja podała właściwą reprezentację",
        "party '{party}': kind business is outdated — use company (KRS) or sole_trader (CEIDG) so the comparition states the right representation",
    ),
    "company_krs": (
        "spółka (KRS) musi mieć numer KRS — reprezentację spółki określa wpis w KRS",
        "a company must have a KRS number — its representation follows the KRS entry",
    ),
    "company_nip": (
        "spółka (KRS) powinna mieć NIP",
        "a company should have a NIP",
    ),
    "company_representation": (
        "spółkę reprezentuje zarząd (art. 201 § 1 k.s.h.) albo pełnomocnik: funkcja „{found}” nie jest funkcją w zarządzie — podaj pełnomocnictwo (numer i datę) albo członka zarządu",
        "a company acts through its board (art. 201 § 1 k.s.h.) or an attorney: '{found}' is not a board function — give the power of attorney or a board member",
    ),
    "sole_trader_nip": (
        "przedsiębiorca wpisany do CEIDG musi mieć NIP",
        "a sole trader (CEIDG) must have a NIP",
    ),
    "kgw_krs": (
        "koło gospodyń wiejskich jest wpisywane do Krajowego Rejestru Kół Gospodyń Wiejskich (ARiMR), nie do KRS — usuń KRS {found} i podaj nr w rejestrze KGW",
        "a rural women's circle is entered in the KGW register kept by ARiMR, not the KRS — remove KRS {found} and give its KGW register number",
    ),
    "kgw_register_missing": (
        "koło gospodyń wiejskich: podaj nr w Krajowym Rejestrze Kół Gospodyń Wiejskich",
        "rural women's circle: give its number in the national KGW register",
    ),
    "church_basis_missing": (
        "parafia / kościelna osoba prawna: podaj podstawę reprezentacji (przepis właściwy dla wyznania, np. dekret biskupa) — wypełnia prawnik",
        "parish / church legal person: give the basis of representation (the law of its denomination) — for a lawyer to fill in",
    ),
    "representation_mode_missing": (
        "stowarzyszenie zwykłe „{party}”: wybierz reprezentację — „przedstawiciel stowarzyszenia zwykłego” albo „zarząd stowarzyszenia zwykłego” (albo podaj podstawę reprezentacji); bez niej tekst zgaduje z funkcji",
        "ordinary association '{party}': choose its representation — przedstawiciel or zarzad (or give the basis); without it the text guesses from the functions",
    ),
    "duplicate_party": (
        "ta sama instytucja co w {other}: {label} „{found}” — wpisz każdą Stronę raz",
        "the same institution as at {other}: {label} '{found}' — enter each party once",
    ),
    "group_money": (
        "grupa nieformalna „{party}” nie może zobowiązać się finansowo (nie ma zdolności prawnej) — środki może wnieść Strona, np. stowarzyszenie albo członek grupy jako osoba fizyczna",
        "informal group '{party}' cannot pledge money (it has no legal capacity) — a Party may, e.g. an association or a member as a natural person",
    ),
    "supporter_contribution": (
        "grupa nieformalna „{party}” tylko popiera Koalicję (deklaracja poparcia): nie jest Stroną i nie wnosi wkładu, więc ten wkład nie trafi do żadnego dokumentu — usuń go albo wybierz udział „członkowie podpisują jako osoby fizyczne”",
        "informal group '{party}' only supports the Coalition (a declaration of support): it is no Party and contributes nothing, so this contribution goes into no document — remove it, or choose members (its members sign as natural persons)",
    ),
    "informal_group_mode_missing": (
        "grupa nieformalna „{party}”: wybierz udział — „członkowie podpisują jako osoby fizyczne” albo „deklaracja poparcia, bez statusu Strony”; bez wyboru przyjęto, że członkowie podpisują jako osoby fizyczne",
        "informal group '{party}': choose members (its members sign as natural persons) or support (a declaration of support, not a Party); members was assumed",
    ),
    "treasurer_genitive_missing": (
        "skarbnik {name}: podaj imię i nazwisko w dopełniaczu (np. Jolanty Pietrzak, Jana Kowalskiego) — do „przy kontrasygnacie Skarbnika Gminy X Jolanty Pietrzak” w komparycji; bez niego imię i nazwisko stoi w mianowniku po dwukropku",
        "treasurer {name}: give the name in the genitive (e.g. Jolanty Pietrzak) for the countersignature in the comparition; without it the name stands in the nominative after a colon",
    ),
    "treasurer_genitive_not_declined": (
        "imię i nazwisko skarbnika w dopełniaczu „{found}” jest takie samo jak w mianowniku — podaj dopełniacz, np. Jolanty Pietrzak, Jana Kowalskiego",
        "the treasurer's name in the genitive '{found}' equals the nominative — give the genitive, e.g. Jolanty Pietrzak",
    ),
    "locative_missing": (
        "„{name}”: nazwy gminy nie da się odmienić samoczynnie — podaj ją w miejscowniku z „w”, np. w Gminie i Mieście Nowe Warpno, w Grabowej Woli Małej (Nazwa gminy w miejscowniku); bez niej deklaracja nie wskazuje gminy, w której działa Koalicja",
        "'{name}': the gmina's name cannot be declined automatically — give it in the locative with 'w', e.g. 'w Gminie i Mieście Nowe Warpno'; without it the declaration does not name the gmina the Coalition works in",
    ),
    "locative_preposition": (
        "„{found}”: nazwę gminy w miejscowniku podaj z przyimkiem „w” albo „we”, np. w Gminie Lipowiec",
        "'{found}': give the gmina's name in the locative with its preposition 'w' or 'we', e.g. 'w Gminie Lipowiec'",
    ),
    "locative_not_declined": (
        "„{found}”: po „w” nazwa gminy musi być w miejscowniku — np. w Gminie Lipowiec, nie w Gmina Lipowiec",
        "'{found}': after 'w' the gmina's name must be in the locative — 'w Gminie Lipowiec', not 'w Gmina Lipowiec'",
    ),
    "cultural_register_missing": (
        "{kind_pl} „{party}”: podaj nr wpisu do rejestru instytucji kultury prowadzonego przez organizatora (art. 14 ustawy o organizowaniu i prowadzeniu działalności kulturalnej) — bez niego komparycja nie podaje statusu instytucji („wpisana do rejestru instytucji kultury … pod nr …”)",
        "{kind} '{party}': give its entry number in the organiser's register of cultural institutions (RIK, art. 14 of the act on cultural activity) — without it the comparition does not state the institution's status",
    ),
    "cultural_organizer_missing": (
        "{kind_pl} „{party}”: podaj organizatora, który prowadzi rejestr instytucji kultury (Organizator, np. Gmina Lipowiec) — bez niego komparycja pomija wpis do rejestru",
        "{kind} '{party}': give the organiser that keeps the register of cultural institutions (e.g. Gmina Lipowiec) — without it the comparition leaves out the register entry",
    ),
}
