"""docs/schema.md is what analysts read to query the tables: it must name every table and
column the models define, no column they do not, and every view and role the migrations
create. No database needed: the models' metadata and the migrations' source are read."""

from __future__ import annotations

import importlib.util
import re

import pytest
from sqlalchemy import Table

from pipeline.storage.tables import Base
from tests.corpus import ROOT

DOC = ROOT / "docs" / "schema.md"
MIGRATIONS = sorted((ROOT / "alembic" / "versions").glob("*.py"))
TABLES = sorted(Base.metadata.sorted_tables, key=lambda table: table.name)
_NAMED = re.compile(r"`(\w+)`")


def _sections() -> dict[str, str]:
    """The doc's second-level sections by heading."""
    sections: dict[str, str] = {}
    heading = ""
    for line in DOC.read_text().splitlines():
        if line.startswith("## "):
            heading = line.removeprefix("## ").strip()
            sections[heading] = ""
        elif heading:
            sections[heading] += line + "\n"
    return sections


def _documented_columns(section: str) -> set[str]:
    """The names in the first cell of the rows of the section's column tables (those headed
    ``| column | type | meaning |``; other tables, of values, left out)."""
    names: set[str] = set()
    in_columns = False
    for line in section.splitlines():
        if not line.startswith("|"):
            in_columns = False
        elif line.replace(" ", "").startswith("|column|type|"):
            in_columns = True
        elif in_columns:
            names.update(_NAMED.findall(line.split("|")[1]))
    return names


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_column_of_the_models_is_documented(table: Table):
    section = _sections().get(table.name)
    assert section is not None, f"docs/schema.md has no '## {table.name}' section"
    missing = {column.name for column in table.columns} - _documented_columns(section)
    assert not missing, f"{table.name}: columns not documented in docs/schema.md: {missing}"


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_no_documented_column_is_gone(table: Table):
    section = _sections().get(table.name, "")
    stale = _documented_columns(section) - {column.name for column in table.columns}
    assert not stale, f"{table.name}: docs/schema.md documents columns it lacks: {stale}"


def _migration_sources() -> str:
    return "\n".join(path.read_text() for path in MIGRATIONS)


def _views() -> set[str]:
    """Views the migrations create: by a literal CREATE VIEW, or by name from a VIEWS dict."""
    names = set(re.findall(r"CREATE (?:OR REPLACE )?VIEW (\w+)", _migration_sources()))
    for path in MIGRATIONS:
        spec = importlib.util.spec_from_file_location(f"migration_{path.stem}", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        names.update(getattr(module, "VIEWS", {}))
    return names


def test_the_views_and_roles_of_the_migrations_are_documented():
    views = _views()
    assert {"current_article", "event_detail"} <= views  # the scan still finds them
    roles = set(re.findall(r"CREATE ROLE (\w+)", _migration_sources()))
    named = set(_NAMED.findall(DOC.read_text()))
    missing = (views | roles) - named
    assert not missing, f"not named in docs/schema.md: {missing}"


def test_the_readme_links_the_schema_doc():
    assert "(docs/schema.md)" in (ROOT / "README.md").read_text()
