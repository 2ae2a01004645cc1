"""deedgen — assembles the documents of coalitions built around Polish public libraries.

The pipeline, one module per stage:
load (sheet.load, sheet.xlsx) → validate (sheet.validate) → select clauses (clauses) →
assemble (assemble) → render DOCX (render.docx) → convert PDF (render.pdf) →
check (compliance) → package (render.bundle, manifest); build and batch drive it.
"""

__version__ = "0.1.0"
