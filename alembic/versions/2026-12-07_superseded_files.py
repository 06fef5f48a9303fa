"""superseded files: an index of the rows superseded by their file's later bytes, by status

Revision ID: b8d2f6a4c0e7
Revises: e2c6a8f0b4d3
Create Date: 2026-12-07 21:00:00

/metrics counts the ledger's files per status as ``wire status`` does, superseded rows apart.
The count per status stays an index-only scan of ``source_file (status, updated_at)``; the
superseded rows (few) are counted from this partial index and taken off their status.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b8d2f6a4c0e7"
down_revision = "e2c6a8f0b4d3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "source_file_superseded_idx",
        "source_file",
        ["status"],
        postgresql_where=sa.text("superseded_by_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("source_file_superseded_idx", table_name="source_file")
