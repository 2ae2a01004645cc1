"""The DOCX template of the annual evaluation report, built from the renderer's building blocks
(:mod:`deedgen.render.templates`): the same styles, table grid and slot loops as the documents
of the declaration, so the report looks like one of them."""

from __future__ import annotations

from deedgen.render.template_parts import data_table, para, slot_loop, tag
from deedgen.render.templates import new_document, title_block


def report_template():
    doc = new_document()
    title_block(doc)
    para(doc, "{{ year_line }}", "Podtytuł")
    slot_loop(doc, "intro")
    para(doc, "{{ E.s_results }}", "Nagłówek sekcji")
    slot_loop(doc, "results")
    data_table(
        doc,
        [
            "{{ E.quarter }}",
            "{{ E.action }}",
            "{{ E.planned }}",
            "{{ E.status }}",
            "{{ E.outcome }}",
        ],
        [
            "{{ r.quarter }}",
            "{{ r.action }}",
            "{{ r.planned }}",
            "{{ r.status }}",
            "{{ r.outcome }}",
        ],
        "r in micro_rows",
        [2.2, 3.8, 4.2, 2.4, 4.0],
    )
    para(doc, "{{ totals_line }}", "Tekst")
    para(doc, "{{ E.s_social }}", "Nagłówek sekcji")
    slot_loop(doc, "social")
    para(doc, "{{ social_line }}", "Tekst")
    para(doc, "{{ E.s_goals }}", "Nagłówek sekcji")
    data_table(
        doc,
        ["{{ E.goal }}", "{{ E.progress }}", "{{ E.evidence }}"],
        ["{{ g.goal }}", "{{ g.progress }}", "{{ g.evidence }}"],
        "g in goal_rows",
        [8, 3, 5.6],
    )
    _sustainability_and_changes(doc)
    return doc


def _sustainability_and_changes(doc) -> None:
    para(doc, "{{ E.s_sustainability }}", "Nagłówek sekcji")
    slot_loop(doc, "sustainability")
    tag(doc, "{%p for line in sustainability_lines %}")
    para(doc, "{{ line }}", "Tekst")
    tag(doc, "{%p endfor %}")
    data_table(
        doc,
        ["{{ E.party }}", "{{ E.resource }}", "{{ E.declared }}", "{{ E.delivered }}"],
        ["{{ c.party }}", "{{ c.resource }}", "{{ c.declared }}", "{{ c.delivered }}"],
        "c in contribution_rows",
        [4.5, 2.5, 7, 2.6],
    )
    para(doc, "{{ E.s_changes }}", "Nagłówek sekcji")
    slot_loop(doc, "changes")
    tag(doc, "{%p for line in conclusion_lines %}")
    para(doc, "{{ line }}", "Tekst")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if change_rows %}")
    data_table(
        doc,
        ["{{ E.action }}", "{{ E.change }}", "{{ E.description }}", "{{ E.from_quarter }}"],
        ["{{ x.action }}", "{{ x.change }}", "{{ x.description }}", "{{ x.from_quarter }}"],
        "x in change_rows",
        [2.4, 3.4, 8.4, 2.4],
    )
    tag(doc, "{%p else %}")
    para(doc, "{{ no_changes }}", "Tekst")
    tag(doc, "{%p endif %}")
    para(doc, "{{ E.s_recipients }}", "Nagłówek sekcji")
    slot_loop(doc, "recipients")
    para(doc, "{{ prepared_line }}", "Miejsce i data")
