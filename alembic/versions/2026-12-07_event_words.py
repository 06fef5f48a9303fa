"""event words: the other words of an article that tell an event's happening

Revision ID: c4e8a2f6b9d1
Revises: a7c2e9f4b1d6
Create Date: 2026-12-07 08:00:00

An event mention stores one trigger, but an article often names the happening more than once:
the light verb that carries the event noun ("*completed* her course of treatment"), the event
noun a movement goes into ("checked into *rehab*"), a later noun naming it again ("she is in
*rehab*", "the quake"). Each such word is a row of ``event_word`` with its offsets in the body
and its kind (companion or repeat), deleted with the mention it belongs to. Mentions written
before have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4e8a2f6b9d1"
down_revision = "a7c2e9f4b1d6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_word",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("event_mention_id", sa.BigInteger(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.CheckConstraint("kind IN ('companion', 'repeat')", name=op.f("event_word_kind_check")),
        sa.ForeignKeyConstraint(
            ["event_mention_id"],
            ["event_mention.id"],
            name=op.f("event_word_event_mention_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("event_word_pkey")),
    )
    op.create_index(
        op.f("event_word_event_mention_id_idx"), "event_word", ["event_mention_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("event_word_event_mention_id_idx"), table_name="event_word")
    op.drop_table("event_word")
