"""story sequence: the order in which articles were placed in stories

Revision ID: b5e07d3a9c28
Revises: 7a2e9c41d6f3
Create Date: 2026-12-02 01:00:00

The story step looks its candidates up before it takes the cluster-wide story lock, and looked
them all up again under it, to find what other workers placed meanwhile: two window scans per
article, the heaviest statement of the stage. Placements happen only under that lock, so a
number drawn from a sequence as an article is placed grows in commit order, and under the lock
it is enough to read the articles numbered after the last one committed before the first
lookup. The column is nullable, without a default (no table rewrite); rows placed before the
upgrade have none, and the first lookup of every article finds them as before. The index is
built CONCURRENTLY, as running workers keep writing articles.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b5e07d3a9c28"
down_revision = "7a2e9c41d6f3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # CACHE 1 (the default) matters: with per-session caches, values would not follow the
    # order in which sessions draw them.
    op.execute(sa.schema.CreateSequence(sa.Sequence("article_story_seq", cache=1)))
    op.add_column("article", sa.Column("story_seq", sa.BigInteger(), nullable=True))
    with op.get_context().autocommit_block():
        op.create_index(
            "article_story_seq_idx", "article", ["story_seq"], postgresql_concurrently=True
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("article_story_seq_idx", table_name="article", postgresql_concurrently=True)
    op.drop_column("article", "story_seq")
    op.execute(sa.schema.DropSequence(sa.Sequence("article_story_seq")))
