"""article search vector written with the text, not generated on every update

Revision ID: d9e1f3a5b7c2
Revises: c7d2e4f8a1b3
Create Date: 2026-12-03 15:00:00

Postgres computes a stored generated column again on every UPDATE of the row, whatever the
update changes: the full-text vector of the headline and body was rebuilt and compressed again
by each of the three later writes of an article (extraction, signature, story), about a third
of those updates' server time. The column keeps its values and its index and becomes a plain
one, written by the article upsert (the only writer of headline and body) from the same
expression.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "d9e1f3a5b7c2"
down_revision = "c7d2e4f8a1b3"
branch_labels = None
depends_on = None

_VECTOR = "to_tsvector('simple', coalesce(headline, '') || ' ' || body)"


def upgrade() -> None:
    op.execute("ALTER TABLE article ALTER COLUMN search DROP EXPRESSION")


def downgrade() -> None:
    # A column cannot become generated again in place: it is dropped and added back.
    op.drop_index("article_search_idx", table_name="article", postgresql_using="gin")
    op.drop_column("article", "search")
    op.add_column(
        "article",
        sa.Column(
            "search", postgresql.TSVECTOR(), sa.Computed(_VECTOR, persisted=True), nullable=False
        ),
    )
    op.create_index("article_search_idx", "article", ["search"], postgresql_using="gin")
