"""The language core stays pure: no Django, no database, no network, no files."""

import ast
from pathlib import Path

import trustledger.language

ALLOWED_TRUSTLEDGER = ("trustledger.language",)
FORBIDDEN = ("django", "trustledger", "sqlite3", "psycopg", "socket", "urllib", "requests", "os")


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_the_language_core_imports_neither_django_nor_io() -> None:
    folder = Path(trustledger.language.__file__).parent
    offending = {
        f"{path.name}: {name}"
        for path in folder.glob("*.py")
        for name in imports_of(path)
        if name.split(".")[0] in FORBIDDEN and not name.startswith(ALLOWED_TRUSTLEDGER)
    }
    assert not offending, f"the language core must stay pure: {sorted(offending)}"
