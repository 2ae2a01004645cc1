"""The package's shape: no module over 400 lines, no function over 60, no import cycle.

These are the structure rules of STYLE.md made checkable, so a module that grows past them fails
here rather than in a review. Imports are walked with :mod:`ast`, module-level and function-level
alike: an import deferred into a function still ties the two modules together (it only hides the
cycle from the interpreter), so it counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "deedgen"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Known offenders outside deedgen/sheet and deedgen/clauses, each being split in issue 11 by its
# own change; the lead empties these lists as those land. A module or function that shrinks
# below the limit may stay listed until then; a new offender fails.
LONG_MODULES_ALLOWED: set[str] = set()
LONG_FUNCTIONS_ALLOWED: set[str] = set()
CYCLES_ALLOWED: list[set[str]] = []  # a cycle passes when all its modules are in one set


def _modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _functions(tree: ast.AST):
    """(qualified name, node) of every function and method, nested ones included."""

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                yield name, child
                yield from walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")
            else:
                yield from walk(child, prefix)

    yield from walk(tree, "")


def _imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that *module* imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    annotations_only = _type_checking_only(tree)
    for node in ast.walk(tree):
        if node in annotations_only:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # "from deedgen.sheet import fields" imports the module deedgen.sheet.fields
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    """The nodes under ``if TYPE_CHECKING:`` (imports for annotations only; they never run)."""
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.body:
                nodes.update(ast.walk(child))
    return nodes


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_no_module_is_over_400_lines():
    too_long = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in _modules().items()
    }
    too_long = {
        name: lines
        for name, lines in too_long.items()
        if lines > MAX_MODULE_LINES and name not in LONG_MODULES_ALLOWED
    }
    assert too_long == {}, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


def test_no_function_is_over_60_lines():
    too_long = {}
    for module, path in _modules().items():
        for name, node in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            qualified = f"{module}.{name}"
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            lines = node.end_lineno - first + 1
            if lines > MAX_FUNCTION_LINES and qualified not in LONG_FUNCTIONS_ALLOWED:
                too_long[qualified] = lines
    assert too_long == {}, f"functions over {MAX_FUNCTION_LINES} lines: {too_long}"


def test_no_import_cycle():
    modules = _modules()
    # "from deedgen.x import y" counts as importing deedgen.x (its __init__ runs for y) and, when y
    # is a module, deedgen.x.y. "from deedgen.x.y import z" counts only as deedgen.x.y: its parent
    # package runs too, but a package's __init__ that re-exports its submodules would otherwise
    # make every submodule importing a sibling a member of a cycle with it.
    graph = {name: _imported(name, path, modules) for name, path in modules.items()}
    cycles = [
        cycle
        for cycle in _cycles(graph)
        if not any(set(cycle) <= allowed for allowed in CYCLES_ALLOWED)
    ]
    assert cycles == [], f"import cycles among deedgen's modules: {cycles}"


def test_the_walker_sees_a_cycle_hidden_in_a_function(tmp_path):
    """The checks above would pass vacuously if the walker missed imports; a planted cycle, one
    side deferred into a function, must be found."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from pkg.b import thing\n")
    (tmp_path / "pkg" / "b.py").write_text("def thing():\n    from pkg import a\n")
    known = {
        "pkg": tmp_path / "pkg" / "__init__.py",
        "pkg.a": tmp_path / "pkg" / "a.py",
        "pkg.b": tmp_path / "pkg" / "b.py",
    }
    graph = {name: _imported(name, path, known) for name, path in known.items()}
    assert _cycles(graph) == [["pkg.a", "pkg.b"]]
