"""status page indexes: what its panels look up by time and by source

Revision ID: f1b3d5e7a9c0
Revises: 7c1e5a9d3b20
Create Date: 2026-12-06 22:00:00

The status page (``wire serve``) asks for articles per minute of the last hours, each source's
recent arrivals (its cadence and when it was last seen), the files received over the last hours
(the backlog plot) and the stories that grew today. Without these indexes each of those reads every
row of its table: seconds at a million articles, on every page load and every scrape.
Built CONCURRENTLY: running workers keep writing while they are made.
"""

from __future__ import annotations

from alembic import op

revision = "f1b3d5e7a9c0"
down_revision = "7c1e5a9d3b20"
branch_labels = None
depends_on = None

INDEXES = (
    ("article_created_at_idx", "article", ["created_at"]),
    ("article_agency_created_at_idx", "article", ["agency", "created_at"]),
    ("source_file_received_at_idx", "source_file", ["received_at"]),
    ("story_updated_at_idx", "story", ["updated_at"]),
)


def upgrade() -> None:
    with op.get_context().autocommit_block():
        for name, table, columns in INDEXES:
            op.create_index(name, table, columns, postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for name, table, _ in INDEXES:
            op.drop_index(name, table_name=table, postgresql_concurrently=True)
