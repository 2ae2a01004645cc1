"""The review annex: which clause each § of a document comes from (for mentors, never signed).

For every clause used in an assembled document: its § (or slot), id, title, version, the layer
and file it came from, and what it replaced in a lower layer; then the clauses overlays removed.
:func:`review_annex` returns plain data; :meth:`ReviewAnnex.markdown` and :meth:`ReviewAnnex.text`
render it (the DOCX renderer can lay out :attr:`ReviewAnnex.rows` as a table).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from deedgen.clauses.library import ClauseLibrary
from deedgen.document import AssembledDocument

HEADERS = {
    "pl": ("§", "Klauzula", "Tytuł", "Wersja", "Warstwa", "Plik", "Zastępuje"),
    "en": ("§", "Clause", "Title", "Version", "Layer", "File", "Replaces"),
}
TITLES = {
    "pl": "Pochodzenie klauzul (do przeglądu, nie do podpisu)",
    "en": "Clause provenance (for review, not for signing)",
}


@dataclass(frozen=True)
class AnnexRow:
    section: str  # "§ 3", "przed § 1", "pkt 2" (a slot), or "cel" for a goal from the goals menu
    clause_id: str
    title: str
    version: int
    layer: str
    file: str  # relative to its layer folder
    replaces: str  # "central v3", or "" when the clause is the layer's own


@dataclass(frozen=True)
class RemovedRow:
    clause_id: str
    removed_by: str  # the marker's layer and file
    was: str  # "central v2"


@dataclass(frozen=True)
class ReviewAnnex:
    document: str
    title: str
    lang: str
    layers: tuple[str, ...]
    rows: tuple[AnnexRow, ...]
    removed: tuple[RemovedRow, ...] = ()

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "title": self.title,
            "lang": self.lang,
            "layers": list(self.layers),
            "rows": [asdict(r) for r in self.rows],
            "removed": [asdict(r) for r in self.removed],
        }

    def _table(self) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        rows = [
            (r.section, r.clause_id, r.title, str(r.version), r.layer, r.file, r.replaces or "—")
            for r in self.rows
        ]
        return HEADERS[self.lang], rows

    def markdown(self) -> str:
        headers, rows = self._table()

        def line(cells) -> str:
            return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

        out = [f"## {self.title}", "", f"{_layers_label(self.lang)}: {' → '.join(self.layers)}", ""]
        out += [line(headers), line(["---"] * len(headers))] + [line(r) for r in rows]
        if self.removed:
            out += ["", f"{_removed_label(self.lang)}:"]
            out += [f"- {r.clause_id} ({r.was}) — {r.removed_by}" for r in self.removed]
        return "\n".join(out)

    def text(self) -> str:
        headers, rows = self._table()
        widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]

        def line(cells) -> str:
            return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        out = [
            self.title,
            f"{_layers_label(self.lang)}: {' → '.join(self.layers)}",
            "",
            line(headers),
        ]
        out += [line(r) for r in rows]
        if self.removed:
            out += ["", f"{_removed_label(self.lang)}:"] + [
                f"  {r.clause_id} ({r.was}) — {r.removed_by}" for r in self.removed
            ]
        return "\n".join(out)


def _layers_label(lang: str) -> str:
    return "Warstwy" if lang == "pl" else "Layers"


def _removed_label(lang: str) -> str:
    return "Usunięte przez nakładki" if lang == "pl" else "Removed by overlays"


def review_annex(document: AssembledDocument, library: ClauseLibrary) -> ReviewAnnex:
    """The provenance of every clause in *document*, in document order."""
    goal = "cel" if document.lang == "pl" else "goal"
    rows = []
    for used in document.clauses:
        section = document.section(used.id)
        if section is not None and section.number is not None:
            where = f"§ {section.number}"
        elif section is not None:
            where = slot_place(document, section)
        else:
            where = goal
        clause = library.clauses.get(used.id)
        provenance = library.provenance(used.id) if clause is not None else None
        layer_dir = Path(clause.layer_dir) if clause is not None else None
        rows.append(
            AnnexRow(
                section=where,
                clause_id=used.id,
                title=(clause.texts.get(used.lang) or clause.texts["pl"]).title if clause else "",
                version=used.version,
                layer=used.layer,
                file=_relative(used.source, layer_dir),
                replaces=provenance.replaced_label if provenance else "",
            )
        )
    kinds = {document.kind}
    removed = []
    for clause_id, marker in sorted(library.removed.items()):
        was = library.replaced[clause_id][0]
        if kinds & set(was.documents):
            removed.append(
                RemovedRow(
                    clause_id=clause_id,
                    removed_by=f"{marker.layer}: {_relative(marker.path, Path(marker.layer_dir))}",
                    was=f"{was.layer} v{was.version}",
                )
            )
    return ReviewAnnex(
        document=document.kind,
        title=f"{TITLES[document.lang]} — {document.title}",
        lang=document.lang,
        layers=tuple(layer.name for layer in library.layers),
        rows=tuple(rows),
        removed=tuple(removed),
    )


# Where the DOCX templates print each slot (templates/action_plan.docx numbers its parts 1.–6.,
# evaluation_forms.docx A. and B.).
SLOT_PLACES = {
    "pl": {"intro": "wstęp", "team": "pkt 2", "actions": "pkt 3", "calendar": "pkt 4",
           "promotion": "pkt 5", "evaluation": "pkt 6", "quarterly_form": "część A",
           "annual_form": "część B"},
    "en": {"intro": "introduction", "team": "point 2", "actions": "point 3",
           "calendar": "point 4", "promotion": "point 5", "evaluation": "point 6",
           "quarterly_form": "part A", "annual_form": "part B"},
}  # fmt: skip


def slot_place(document: AssembledDocument, section) -> str:
    """Where an unnumbered section stands, as a reader finds it: the template's part for a slot
    of the plan or the forms, else ``przed § 1`` (the comparition, the preamble) or ``po § 22``,
    else (annex 3, no §§ at all) ``część 2``."""
    pl = document.lang == "pl"
    known = SLOT_PLACES["pl" if pl else "en"].get(section.slot or "")
    if known:
        return known
    sections = list(document.sections)
    after = [s.number for s in sections[sections.index(section) :] if s.number is not None]
    if after:
        return f"{'przed' if pl else 'before'} § {after[0]}"
    before = [s.number for s in sections if s.number is not None]
    if before:
        return f"{'po' if pl else 'after'} § {before[-1]}"
    if section.slot:
        return section.slot
    # a document without §§ or template parts (annex 3): the section's place in its order
    return f"{'część' if pl else 'part'} {sections.index(section) + 1}"


def _relative(path: str, base: Path | None) -> str:
    if base is None:
        return path
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path
