"""What a librarian types to fix every error of samples/bledy.xlsx (form field → new text)."""

BLEDY_FIXES = {
    "coalition.place": "Jarzębinowo",
    "coalition.preliminary_declaration_date": "2026-02-10",
    "gmina.terc": "2604052",
    "treasurer.name": "Jolanta Skarbek",
    "treasurer.function": "Skarbnik Gminy Jarzębinowo",
    "parties.0.nip": "819-093-78-65",
    "parties.0.email": "biblioteka@jarzebinowo.example.pl",
    "parties.1.regon": "890931002",
    "parties.2.address.postal_code": "28-131",
    "parties.2.krs": "0000612345",
    "parties.3.power_of_attorney.number": "OR.0052.4.2026",
    "parties.3.power_of_attorney.date": "2026-03-20",
    "parties.4.kind": "informal_group",
    "parties.4.address.street": "Jarzębinowo",  # a group has no seat: its locality only
    "contributions.2.amount": "",
    "contributions.3.description": "wolontariuszka Marta Duda",
    "team.1.party": "razem",
    "actions.0.end_quarter": "2027-Q2",
    "actions.2.id": "d3",
    "micro_successes.0.quarter": "2026-Q3",
    "micro_successes.1.quarter": "2026-Q4",
    "evaluation.month": "11",
}
