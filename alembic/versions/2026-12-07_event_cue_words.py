"""attribution and modality triggers: the words that report an event or make it planned

Revision ID: a7c2e9f4b1d6
Revises: f2b8d4e6a1c3
Create Date: 2026-12-07 01:00:00

A report that wraps a coded event ("her rep told People she had checked into rehab") is no
event of its own: the reported event carries the reporter as ``attribution``. The reporting act
itself ("told", "confirmed", "according to") is still something the text tells; its word and
its offset in the body are kept on the mention, so an analyst can find it and an evaluation can
count it as found. Likewise the verb that makes an event planned, considered or denied
("*decided* to check in", "*denied* meeting"). Rows written before have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a7c2e9f4b1d6"
down_revision = "f2b8d4e6a1c3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_mention", sa.Column("attribution_trigger", sa.Text(), nullable=True))
    op.add_column(
        "event_mention", sa.Column("attribution_trigger_start", sa.Integer(), nullable=True)
    )
    op.add_column("event_mention", sa.Column("modality_trigger", sa.Text(), nullable=True))
    op.add_column(
        "event_mention", sa.Column("modality_trigger_start", sa.Integer(), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("event_mention", "modality_trigger_start")
    op.drop_column("event_mention", "modality_trigger")
    op.drop_column("event_mention", "attribution_trigger_start")
    op.drop_column("event_mention", "attribution_trigger")
