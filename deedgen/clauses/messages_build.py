"""What assembling a document says about a clause's structure and references when the build
meets a problem lint would have reported, in Polish (first) and English (the table
:mod:`deedgen.clauses.messages` reads)."""

from __future__ import annotations

BUILD_MESSAGES: dict[str, tuple[str, str]] = {
    # anchors and references (assemble.numbering, assemble.references)
    "build_anchor_twice": (
        "klauzula {clause}: kotwica [{anchor}] występuje dwa razy",
        "clause {clause}: anchor [{anchor}] is used twice",
    ),
    "build_target_missing": (
        "klauzula {clause} odsyła do §[{target}], ale klauzuli {target_id} nie ma w dokumencie"
        " „{document}” (nie ma jej żadna warstwa albo wyłączył ją jej warunek)",
        "clause {clause} refers to §[{target}], but clause {target_id} is not in the {document}"
        " document (no layer has it, or its condition excluded it)",
    ),
    "build_target_unnumbered": (
        "klauzula {clause} odsyła do {target_id}, która nie ma numeru § (sekcja poza numeracją)",
        "clause {clause} refers to {target_id}, which has no § number (a slot section)",
    ),
    "build_target_anchor": (
        "klauzula {clause} odsyła do §[{target_id}#{anchor}]: klauzula {target_id} nie ma"
        " kotwicy [{anchor}] (jej kotwice: {known})",
        "clause {clause} refers to §[{target_id}#{anchor}]: clause {target_id} has no anchor"
        " [{anchor}] (anchors: {known})",
    ),
    # ust. / pkt / lit. lines (assemble.units)
    "build_wsp_alone": (
        "klauzula {clause}: „wsp.” zamyka wyliczenie, ale nie poprzedza go żaden „pkt.”: {line}",
        "clause {clause}: 'wsp.' closes an enumeration, but no 'pkt.' precedes it: {line}",
    ),
    "build_marker_parent": (
        "klauzula {clause}: „{kind}.” musi następować po „{parent}.”: {line}",
        "clause {clause}: '{kind}.' must follow a '{parent}.': {line}",
    ),
    "build_pkt_after_wsp": (
        "klauzula {clause}: „pkt.” po części wspólnej „wsp.”: {line}",
        "clause {clause}: a 'pkt.' after the 'wsp.' closing part: {line}",
    ),
}
