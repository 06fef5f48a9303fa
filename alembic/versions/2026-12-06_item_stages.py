"""item stages: a file's items are the unit of work, each with its stage and its failure

Revision ID: f2b8d4e6a1c3
Revises: f1b3d5e7a9c0
Create Date: 2026-12-06 22:00:00

A file of many items (an SGML collection, a feed) is worked in messages of a few items each,
on every worker at once, so an item (its file id and item index) needs the stage it has been
through of its own: ``article.stage`` (parse, extract, dedupe, failed), written in the
transaction that stores that stage's results. The items still open are found through a
partial index holding only them: the last item of a file to finish sees that none is left
without reading the file's other articles. ``item_failure`` keeps each quarantined item of a
file that is otherwise stored, with its reason.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f2b8d4e6a1c3"
down_revision = "f1b3d5e7a9c0"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "article", sa.Column("stage", sa.String(16), server_default="parse", nullable=False)
    )
    op.execute("""
        UPDATE article SET stage = CASE WHEN minhash IS NOT NULL THEN 'dedupe'
            WHEN extracted_at IS NOT NULL THEN 'extract' ELSE 'parse' END
        WHERE minhash IS NOT NULL OR extracted_at IS NOT NULL""")
    op.create_check_constraint(
        op.f("article_stage_check"), "article", "stage IN ('parse', 'extract', 'dedupe', 'failed')"
    )
    op.create_index(
        "article_open_items_idx",
        "article",
        ["source_file_id"],
        postgresql_where=sa.text("stage IN ('parse', 'extract')"),
    )
    op.create_table(
        "item_failure",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("source_file_id", sa.BigInteger(), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("item_index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["source_file.id"],
            name="item_failure_source_file_id_fkey",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="item_failure_pkey"),
        sa.UniqueConstraint(
            "source_file_id", "stage", "item_index", name="item_failure_source_file_id_key"
        ),
    )


def downgrade() -> None:
    op.drop_table("item_failure")
    op.drop_index("article_open_items_idx", table_name="article")
    op.drop_constraint(op.f("article_stage_check"), "article")
    op.drop_column("article", "stage")
