"""article entity and event ids: what the story step's candidate lookup tests per article

Revision ID: c7d2e4f8a1b3
Revises: b5e07d3a9c28
Create Date: 2026-12-03 14:00:00

The story step walks the placed articles of the window from the new article's time and keeps
the first 200 that share an entity, an event or a heavy word with it. Sharing an entity or an
event was a subquery on the mentions of every article walked (about 7 µs each, 200 per
lookup, the heaviest statement of the dedupe stage). Each article now carries the distinct
ids of the entities and events it mentions, written with its mentions in the same
transaction, so the test is an array overlap on the row the walk reads anyway. Nullable
columns without a default (no table rewrite); the articles extracted before are filled in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "c7d2e4f8a1b3"
down_revision = "b5e07d3a9c28"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name in ("entity_ids", "event_ids"):
        op.add_column("article", sa.Column(name, postgresql.ARRAY(sa.BigInteger()), nullable=True))
    op.execute("""
        UPDATE article a SET
            entity_ids = ARRAY(SELECT DISTINCT m.entity_id FROM mention m
                               WHERE m.article_id = a.id ORDER BY 1),
            event_ids = ARRAY(SELECT DISTINCT em.event_id FROM event_mention em
                              WHERE em.article_id = a.id ORDER BY 1)
        WHERE a.extracted_at IS NOT NULL
    """)


def downgrade() -> None:
    for name in ("event_ids", "entity_ids"):
        op.drop_column("article", name)
