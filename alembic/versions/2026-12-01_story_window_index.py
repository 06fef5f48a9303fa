"""story window index: placed canonical articles by the time the story step compares

Revision ID: 7a2e9c41d6f3
Revises: 3c1d7e52a0b4
Create Date: 2026-12-01 22:00:00

The story step looked candidates up through every article sharing an entity, an event or a
word, and only then kept those within the time window: with a year of wire copy loaded, a
common entity ("United States") made that a scan of most mentions ever stored, for every new
article. It now starts from the articles within the window, and this partial index holds just
the ones it may pick (placed in a story, canonical), by the same expression it compares.
Built CONCURRENTLY: running workers keep writing articles while it is made.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7a2e9c41d6f3"
down_revision = "3c1d7e52a0b4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index(
            "article_story_window_idx",
            "article",
            [sa.text("coalesce(published_at, created_at)")],
            postgresql_where=sa.text("story_id IS NOT NULL AND duplicate_of_id IS NULL"),
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index(
            "article_story_window_idx", table_name="article", postgresql_concurrently=True
        )
