"""Which branches of an overlay clause's ``{% if %}`` blocks no sample sheet goes through, so
``clause lint`` checked no document through them. Each is reported as data (file, line, tag and
why, in both languages): ``clause lint`` prints it in the message language, the studio lists it
on the clause's page."""

from __future__ import annotations

import re
from typing import NamedTuple

from jinja2 import TemplateSyntaxError, nodes

from deedgen.clauses.data_model import DataModel
from deedgen.clauses.library import ClauseLibrary
from deedgen.clauses.lint_sheets import _select
from deedgen.clauses.messages import Said, said
from deedgen.document import DOCUMENT_ORDER


class UntestedBranch(NamedTuple):
    """A branch no sample sheet takes: the clause file and line of its ``{% if … %}`` tag."""

    path: str
    line: int
    tag: str  # the tag as written, e.g. "{% if schools | length > 50 %}"
    why: Said

    def describe(self, lang: str = "pl") -> str:
        """``path:line {% if … %}: why``, as ``clause lint`` prints it."""
        return f"{self.path}:{self.line} {self.tag}: {self.why.get(lang)}"


def untested_branches(library: ClauseLibrary, model: DataModel) -> list[UntestedBranch]:
    """The branches of the ``{% if %}`` blocks at the top of an overlay clause's Polish text
    that no sample sheet takes, so lint rendered no sheet through them (the central library's
    own are its maintainers' tests' business)."""
    from deedgen.templating import environment

    central = {layer.name for layer in library.layers if layer.central}
    contexts = [c for _, lang, c in model.samples if lang == "pl"]
    selected = [
        {c.id for kind in DOCUMENT_ORDER for c in _select(library, kind, context, "pl")}
        for context in contexts
    ]
    found = []
    for clause in sorted(library.clauses.values(), key=lambda c: c.id):
        text = clause.texts["pl"]
        using = [c for c, ids in zip(contexts, selected, strict=True) if clause.id in ids]
        if clause.layer in central or not using:
            continue
        try:
            blocks = [n for n in environment("pl").parse(text.body).body if isinstance(n, nodes.If)]
        except TemplateSyntaxError:
            continue  # the "jinja-syntax" finding
        lines = text.body.split("\n")
        for nth, block in enumerate(blocks):
            tests = [_test_template(t) for t in [block.test, *(e.test for e in block.elif_)]]
            why = _untaken({_branch(tests, c) for c in using}, len(tests), bool(block.else_))
            if why:
                earlier = sum(1 for b in blocks[:nth] if b.lineno == block.lineno)
                tags = _IF_TAG.findall(lines[block.lineno - 1]) or ["{% if … %}"]
                tag = tags[min(earlier, len(tags) - 1)]
                line = text.body_line + block.lineno - 1
                found.append(UntestedBranch(str(text.path), line, tag, why))
    return found


_IF_TAG = re.compile(r"\{%-?\s*if\b.*?%\}")


def _untaken(taken: set, tests: int, has_else: bool) -> Said | None:
    if None in taken:
        return None  # a test failed on some sheet: the render reports it
    if 0 not in taken:
        return said("branch_never")
    if has_else and tests not in taken:
        return said("branch_always")
    missing = [i for i in range(1, tests) if i not in taken]
    if missing:
        return said("branch_elif", numbers=", ".join(map(str, missing)))
    return None


def _test_template(test: nodes.Expr):
    from deedgen.templating import environment

    output = nodes.CondExpr(test, nodes.Const("1"), nodes.Const("0"), lineno=test.lineno)
    tree = nodes.Template([nodes.Output([output], lineno=test.lineno)], lineno=1)
    return environment("pl").from_string(tree)


def _branch(tests: list, context: dict) -> int | None:
    """Which branch of an if/elif/else block *context* takes (len(tests): the else, or none)."""
    for index, template in enumerate(tests):
        try:
            if "1" in template.render(context):
                return index
        except Exception:  # noqa: BLE001 - a test that fails here fails the render, reported there
            return None
    return len(tests)
