"""story vector: each canonical article's content-word weights, kept for story matching

Revision ID: 3c1d7e52a0b4
Revises: 95cd54069ee2
Create Date: 2026-11-24 02:00:00

The story step compares a new article with up to a few hundred earlier ones; recomputing their
word weights from the bodies every time cost more than all the other dedupe work together.
The weights are packed (hash of the word, weight) pairs (pipeline.dedupe.stories.pack): as
JSONB, turning them back into text cost the server more than every other query of the step. A
nullable column added without a default is a catalogue-only change (no table rewrite), and rows
without a vector are still matched: theirs is computed from the text as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "3c1d7e52a0b4"
down_revision = "95cd54069ee2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("article", sa.Column("story_vector", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("article", "story_vector")
