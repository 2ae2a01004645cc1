"""Assemble documents: select clauses, render them, number §/ust./pkt/lit., resolve references.

    python -m deedgen.assemble SHEET [--lang pl|en] [--library DIR …]

prints the assembled text of every document (a quick check for clause authors).

Order of work, per document: select the clauses whose condition holds (or their fallback), render
each body in the sandbox, parse the structure lines into units, number them, resolve every
``§[id#anchor]`` to the numbers the target got in *this* document, then punctuate enumerations.
Everything is resolved before anything is written.
"""

from deedgen.assemble.documents import assemble_documents, render_clause, render_goals
from deedgen.assemble.punctuation import punctuate
from deedgen.assemble.units import parse_units

__all__ = ["assemble_documents", "parse_units", "punctuate", "render_clause", "render_goals"]
