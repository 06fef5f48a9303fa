"""The dependency rule of the design: the domain never imports the message queue."""

from __future__ import annotations

import ast
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
    assert "celery" in _imports(ROOT / "workers" / "celery_app.py")
