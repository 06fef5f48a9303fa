"""The dependency rule of the design: the domain never imports the message queue."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.corpus import ROOT

PIPELINE = ROOT / "pipeline"
QUEUE_MODULES = {"celery", "kombu", "redis", "billiard"}
DATABASE_MODULES = {"sqlalchemy", "psycopg", "alembic"}
PURE_PACKAGES = ("formats", "extract", "dedupe")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(PIPELINE), ids=lambda p: str(p.relative_to(ROOT)))
def test_pipeline_never_imports_the_queue(path: Path):
    assert not _imports(path) & QUEUE_MODULES


@pytest.mark.parametrize(
    "path",
    [p for package in PURE_PACKAGES for p in _modules(PIPELINE / package)],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_pure_stages_never_touch_the_database(path: Path):
    assert not _imports(path) & DATABASE_MODULES


def test_the_scan_sees_modules():
    assert len(_modules(PIPELINE)) > 10
    assert "celery" in _imports(ROOT / "workers" / "runtime" / "app.py")


WORKERS = ROOT / "workers"
# The running system: it never needs the command line or the benchmarks.
RUNTIME_PACKAGES = ("runtime", "inbox", "stages")
SQL_STATEMENT = re.compile(
    r"^\s*(SELECT\s.*\bFROM\s|SELECT\s+\w+\(|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
    r"|WITH\s+\w+\s+AS\s*\(|(CREATE|ALTER|DROP)\s+(TABLE|INDEX|VIEW|ROLE|DATABASE)\s)",
    re.S,
)


def _workers_imports(path: Path) -> set[str]:
    """Full dotted names of the ``workers`` modules a module imports, wherever in it."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("workers"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("workers"):
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _sql_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SQL_STATEMENT.match(node.value)
    ]


@pytest.mark.parametrize(
    "path",
    [p for package in RUNTIME_PACKAGES for p in _modules(WORKERS / package)],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_the_runtime_never_imports_the_command_line_or_the_benchmarks(path: Path):
    imported = _workers_imports(path)
    assert not {name for name in imported if name.startswith(("workers.cli", "workers.bench"))}


def _outside_storage() -> list[Path]:
    inside = PIPELINE / "storage"
    modules = _modules(PIPELINE) + _modules(WORKERS) + _modules(ROOT / "scripts")
    return [p for p in modules if inside not in p.parents]


@pytest.mark.parametrize("path", _outside_storage(), ids=lambda p: str(p.relative_to(ROOT)))
def test_sql_lives_in_pipeline_storage_only(path: Path):
    assert "text" not in {
        alias.name
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy"
        for alias in node.names
    }
    assert not _sql_strings(path)


def test_the_workers_folders_name_the_architecture():
    packages = {p.name for p in WORKERS.iterdir() if (p / "__init__.py").is_file()}
    assert packages == {"runtime", "inbox", "stages", "cli", "web", "bench"}
    assert not [p.name for p in WORKERS.glob("*.py") if p.name != "__init__.py"]


def test_the_sql_scan_finds_statements():
    assert SQL_STATEMENT.match("SELECT id FROM article")
    assert SQL_STATEMENT.match("\n  WITH x AS (SELECT 1)")
    assert SQL_STATEMENT.match("DROP DATABASE scratch")
    assert not SQL_STATEMENT.match('Drop what wraps a name: "the", quotes')
    assert _sql_strings(PIPELINE / "storage" / "reports.py")
