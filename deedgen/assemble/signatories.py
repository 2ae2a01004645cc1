"""The signature lines of a document: every party's representatives (the gmina's alone for the
preliminary declaration), and the countersignature of the skarbnik of every JST that pledges money
(the gmina, a neighbouring gmina, a powiat, a województwo — its schools' money included). The
declarations of support (annex 3) are signed by the supporting groups' members, each in their own
name — never by the Parties."""

from __future__ import annotations

from deedgen.document import Signatory
from deedgen.polish import format_date

# a supporting group's member signs its declaration of support in their own name; a woman
# whose function the sheet gives as „członkini …” is „członkini” here too
SUPPORTER_FUNCTION = {
    "pl": "członek grupy nieformalnej, we własnym imieniu",
    "pl-f": "członkini grupy nieformalnej, we własnym imieniu",
    "en": "member of the informal group, in their own name",
}


def _supporter_function(member: dict, lang: str) -> str:
    feminine = (member.get("function") or "").lower().startswith("członkini")
    return SUPPORTER_FUNCTION["pl-f" if lang == "pl" and feminine else lang]


def signatories(kind: str, context: dict, lang: str) -> tuple[Signatory, ...]:
    if kind == "support":
        return supporter_signatories(context, lang)
    if kind == "declaration":
        parties = context["parties"]
    elif kind == "preliminary":
        parties = [context["gmina_party"]]
    else:
        return ()
    lines = [
        Signatory(
            party_id=party["id"],
            party_name=party["name"],
            person=representative["name"],
            function=_function(party, representative, context["gmina"]["executive_name"], lang),
        )
        for party in parties
        for representative in party["representatives"]
    ]
    if kind == "declaration":
        lines.extend(
            Signatory(
                party_id=pledge["party"]["id"],
                party_name=pledge["party"]["name"],
                person=pledge["treasurer"]["name"],
                function=pledge["treasurer"]["function"],
                role="countersignature",
            )
            for pledge in context["jst_pledges"]
            if pledge["treasurer"]
        )
    return tuple(lines)


def supporter_signatories(context: dict, lang: str) -> tuple[Signatory, ...]:
    """One line per member of every supporting group, under the group's name."""
    return tuple(
        Signatory(
            party_id=group["id"],
            party_name=group["name"],
            person=member["name"],
            function=_supporter_function(member, lang),
        )
        for group in context["supporters"]
        for member in group["representatives"]
    )


def _function(party: dict, representative: dict, executive: str, lang: str) -> str:
    """The signatory's function; a school's director signs under a power of attorney, the gmina's
    deputy under the executive's authorisation (art. 46 ust. 1 u.s.g.): both with number and date."""
    power = party.get("power_of_attorney")
    deputy = party["kind"] == "gmina" and representative["name"] != executive
    if not power or not (party["kind"] == "school" or deputy):
        return representative["function"]
    number, date = power["number"], format_date(power["date"], lang)
    if deputy:
        if lang == "pl":
            return f"{representative['function']}, z upoważnienia nr {number} z dnia {date}"
        return f"{representative['function']}, under authorisation no. {number} of {date}"
    if lang == "pl":
        return f"{representative['function']}, z pełnomocnictwa nr {number} z dnia {date}"
    return f"{representative['function']}, under power of attorney no. {number} of {date}"
