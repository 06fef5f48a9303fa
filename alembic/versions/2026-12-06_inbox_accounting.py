"""inbox accounting: refused files, superseded files and where each failure is quarantined

Revision ID: f1b3d5e7a9c2
Revises: f3b8d1c6a2e9
Create Date: 2026-12-06 22:00:00

Every file the watcher sees gets a ledger row, also one refused before it is read (empty, too
large, a symbolic link, unreadable, not a regular file): such a row has no bytes taken in, so
its ``sha256`` is NULL (a unique column allows any number of them). A file that changed after it
was taken gets a new row for its new bytes; the old row points to it (``superseded_by_id``) and
is no longer the file's verdict. ``quarantined_as`` is the name a failed file was given in the
failed folder, so that ``wire retry-failed`` reads that copy whatever its bytes are now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f1b3d5e7a9c2"
down_revision = "f3b8d1c6a2e9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("source_file", "sha256", existing_type=sa.String(64), nullable=True)
    op.add_column("source_file", sa.Column("superseded_by_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        "source_file_superseded_by_id_fkey",
        "source_file",
        "source_file",
        ["superseded_by_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.add_column("source_file", sa.Column("quarantined_as", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("source_file", "quarantined_as")
    op.drop_constraint("source_file_superseded_by_id_fkey", "source_file", type_="foreignkey")
    op.drop_column("source_file", "superseded_by_id")
    op.execute("DELETE FROM source_file WHERE sha256 IS NULL")  # refusals: no bytes to keep
    op.alter_column("source_file", "sha256", existing_type=sa.String(64), nullable=False)
