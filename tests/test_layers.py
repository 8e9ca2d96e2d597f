"""The layers of docs/architecture.md, checked on the code's own imports (every import,
those inside functions and under TYPE_CHECKING included)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import trustledger

ROOT = Path(trustledger.__file__).parent
IO_AND_DJANGO = ("django", "sqlite3", "psycopg", "psycopg2", "socket", "urllib", "requests")

# package: the trustledger packages it may import (itself always), and whether Django may be
# imported. Everything else in trustledger is the Django shell and may import what it needs,
# except what the rules below keep out.
PURE = {
    "domain": ({"domain"}, False),
    "language": ({"language"}, False),
    "importers": ({"importers", "domain"}, False),
}
NEUTRAL = {
    # The bulk writer: Django's connection and models' _meta, nothing of the product.
    "storage": {"storage"},
    # The generator writes through storage and knows the directory and ledger tables.
    "generate": {"generate", "storage", "domain", "directory", "ledger"},
}
# Who may import the generator: the `trustledger generate` command (tests and benchmarks too).
GENERATE_USERS = ("trustledger.ledger.management.commands.generate",)
DATA_IN = ("trustledger.importers", "trustledger.ingest", "trustledger.storage")


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield module_name(path), path


def imports_of(name: str, path: Path) -> set[str]:
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from trustledger.x import y` where y is a module imports y, not x's names
            named = {f"{module}.{alias.name}" for alias in node.names}
            found.update(named & MODULES)
            if named - MODULES:
                found.add(module)
    return found


MODULES = {name for name, _ in modules()}
GRAPH = {name: imports_of(name, path) for name, path in modules()}


def top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "trustledger" else ""


@pytest.mark.parametrize("package", sorted(PURE))
def test_pure_packages_import_no_django_and_only_what_they_may(package: str) -> None:
    allowed, django_ok = PURE[package]
    offending = sorted(
        f"{name}: {imported}"
        for name, imported_names in GRAPH.items()
        if top(name) == package
        for imported in imported_names
        if (imported.split(".")[0] in IO_AND_DJANGO and not django_ok)
        or (top(imported) and imported != "trustledger" and top(imported) not in allowed)
    )
    assert not offending, f"trustledger/{package}/ must stay pure: {offending}"


@pytest.mark.parametrize("package", sorted(NEUTRAL))
def test_neutral_packages_import_only_their_layer(package: str) -> None:
    allowed = NEUTRAL[package]
    offending = sorted(
        f"{name}: {imported}"
        for name, imported_names in GRAPH.items()
        if top(name) == package
        for imported in imported_names
        if top(imported) and top(imported) not in allowed
    )
    assert not offending, f"trustledger/{package}/ reaches above its layer: {offending}"


def test_only_the_generate_command_imports_the_generator() -> None:
    offending = sorted(
        f"{name}: {imported}"
        for name, imported_names in GRAPH.items()
        if top(name) != "generate" and name not in GENERATE_USERS
        for imported in imported_names
        if top(imported) == "generate"
    )
    assert not offending, f"the bulk writer is trustledger.storage.bulk: {offending}"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), over the graph's own
    modules."""
    edges = {
        name: sorted({i for i in imported if i in graph and i != name})
        for name, imported in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for name in edges:
        if name not in index:
            visit(name)
    return groups


def test_the_way_data_comes_in_has_no_circle() -> None:
    """source → parser → records → loader → database: no module on that path imports one
    that imports it back, however indirectly (lazy imports count)."""
    circles = [g for g in cycles(GRAPH) if any(m.startswith(DATA_IN) for m in g)]
    assert not circles, f"import circles on the way data comes in: {circles}"


def test_the_checks_see_what_they_check() -> None:
    """The rules above read real imports: the loader's own are found."""
    assert "trustledger.importers.detect" in GRAPH["trustledger.ingest.loader"]
    assert "trustledger.storage.bulk" in GRAPH["trustledger.ingest.loader"]
    assert top("trustledger.importers.mail") == "importers"


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c", "x"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
