"""The house's rules, read from the code itself (an import graph drawn from the source's syntax tree).

- no import circle between the project's modules (imports under ``if TYPE_CHECKING`` excepted: they
  never run);
- no module imports a private name (``_name``, or a ``_module``) of another package;
- no module of ``analysis/`` or ``views/`` is longer than 600 lines;
- ``analysis/`` never imports Streamlit (the pages are the only ones that know it);
- the check-in at the door and the pages reach the database only through the ``Store``'s public methods.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("analysis", "views")
LONGEST = 600


@dataclass(frozen=True)
class Import:
    importer: str  # dotted name of the importing module
    target: str  # dotted name of the imported module
    name: str | None  # the name taken from it (``from target import name``), None for ``import target``
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {_module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    found["dashboard"] = ROOT / "dashboard.py"
    return found


def _is_package(modules: dict[str, Path], name: str) -> bool:
    return modules[name].name == "__init__.py"


def _type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _walk_runtime(tree: ast.AST):
    """Every node that runs, leaving out ``if TYPE_CHECKING:`` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if _type_checking_block(child):
                stack.extend(child.orelse if isinstance(child, ast.If) else [])
                continue
            stack.append(child)


def _imports(modules: dict[str, Path]) -> list[Import]:
    found: list[Import] = []
    for importer, path in modules.items():
        package = importer if _is_package(modules, importer) else importer.rpartition(".")[0]
        for node in _walk_runtime(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.extend(Import(importer, alias.name, None, node.lineno) for alias in node.names
                             if alias.name in modules)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                if source not in modules:
                    continue
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    if submodule in modules:
                        found.append(Import(importer, submodule, None, node.lineno))
                    else:
                        found.append(Import(importer, source, alias.name, node.lineno))
    return found


def _circles(modules: dict[str, Path], imports: list[Import]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), or a module importing itself."""
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for edge in imports:
        if edge.target != edge.importer:
            edges[edge.importer].add(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(edges[node]):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
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

    for name in sorted(modules):
        if name not in index:
            visit(name)
    return components


def _package_of(modules: dict[str, Path], name: str) -> str:
    return name if _is_package(modules, name) else name.rpartition(".")[0]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _private_imports(modules: dict[str, Path], imports: list[Import]) -> list[str]:
    """A private module or name taken by a module outside the package that owns it."""
    wrong = []
    for edge in imports:
        importer_package = _package_of(modules, edge.importer)
        if edge.name is not None and edge.name.startswith("_"):
            owner = _package_of(modules, edge.target)
            if not _within(importer_package, owner):
                wrong.append(f"{edge.importer}:{edge.line} takes {edge.name} from {edge.target}")
        private_parts = [i for i, part in enumerate(edge.target.split(".")) if part.startswith("_")
                         and part != "__init__"]
        if private_parts:
            owner = ".".join(edge.target.split(".")[: private_parts[0]])
            if not _within(importer_package, owner) and not (edge.importer == "dashboard" and owner == "views"):
                wrong.append(f"{edge.importer}:{edge.line} imports the private module {edge.target}")
    return wrong


def test_no_module_imports_another_in_a_circle() -> None:
    modules = _modules()
    assert _circles(modules, _imports(modules)) == []


def test_no_module_takes_a_private_name_of_another_package() -> None:
    modules = _modules()
    assert _private_imports(modules, _imports(modules)) == []


def test_no_module_of_analysis_or_views_is_longer_than_600_lines() -> None:
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()
            if name != "dashboard"}
    assert {name: lines for name, lines in long.items() if lines > LONGEST} == {}


def test_analysis_never_imports_streamlit() -> None:
    users = []
    for name, path in _modules().items():
        if not name.startswith("analysis"):
            continue
        for node in _walk_runtime(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "streamlit" for a in node.names):
                users.append(name)
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit":
                users.append(name)
    assert users == []


def _takes(path: Path, wanted: tuple[str, ...]) -> list[str]:
    """The modules among ``wanted`` (or under them) that the file imports when it runs."""
    found = []
    for node in _walk_runtime(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        found += [n for n in names if any(n == w or n.startswith(w + ".") for w in wanted)]
    return found


def test_the_check_in_the_survey_and_the_pages_reach_the_database_only_through_the_store() -> None:
    """No table of the store, no SQL and no engine outside ``analysis/store/`` for the check-in, the survey and the
    pages:
    what they read and write are the ``Store``'s methods."""
    touching = {}
    for name, path in _modules().items():
        if not (name.startswith(("analysis.checkin", "analysis.survey", "views")) or name == "dashboard"):
            continue
        taken = [n for n in _takes(path, ("sqlalchemy", "analysis.store.schema", "analysis.store.engine",
                                          "analysis.store.checkins", "analysis.store.surveys"))
                 if n != "sqlalchemy.exc"]  # its errors: fine
        text = path.read_text(encoding="utf-8")
        if taken or ".engine" in text:
            touching[name] = taken or [".engine"]
    assert touching == {"views._access": [".engine"]}  # the hall guard's counts: analysis.guard's own tables


def test_the_graph_sees_a_circle_and_a_private_import() -> None:
    """The checker itself: a made-up pair of modules in a circle, and a private name taken across."""
    modules = {"analysis.a": ROOT / "a.py", "analysis.b": ROOT / "b.py", "views.page": ROOT / "p.py"}
    imports = [Import("analysis.a", "analysis.b", "x", 1), Import("analysis.b", "analysis.a", "y", 1),
               Import("views.page", "analysis.a", "_hidden", 3)]
    assert _circles(modules, imports) == [["analysis.a", "analysis.b"]]
    assert _private_imports(modules, imports) == ["views.page:3 takes _hidden from analysis.a"]
