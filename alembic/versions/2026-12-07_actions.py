"""actions: every word of an article that tells a happening or a state, coded or not

Revision ID: e2c6a8f0b4d3
Revises: d5f9b3a7c1e2
Create Date: 2026-12-07 18:00:00

Coded events are the happenings a codebook knows; an ``action`` row is any clause verb or event
noun of an English article (ECB+'s actions, TimeML's events), with its offsets, lemma, part of
speech and WordNet class, deleted with its article and replaced with each extraction. Articles
extracted before have none until extracted again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e2c6a8f0b4d3"
down_revision = "d5f9b3a7c1e2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lemma", sa.Text(), nullable=False),
        sa.Column("part", sa.String(8), nullable=False),
        sa.Column("supersense", sa.String(16), nullable=True),
        sa.CheckConstraint("part IN ('verb', 'noun')", name=op.f("action_part_check")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("action_article_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("action_pkey")),
    )
    op.create_index(op.f("action_article_id_idx"), "action", ["article_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("action_article_id_idx"), table_name="action")
    op.drop_table("action")
