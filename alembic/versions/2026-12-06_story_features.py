"""story features: vectors of language-aware stems (old ones cleared), and the places named

Revision ID: f1b3d5e7a9c4
Revises: e4a6c8b0d2f1
Create Date: 2026-12-06 22:00:00

An article's story vector holds the stems of its content words in its own language (stop and
reporting words of that language dropped, Snowball stems), where it held English-filtered
surface words: a stored vector of the old kind shares almost no keys with a new one, so every
earlier article would look unrelated to every new one. The column is cleared instead of
recomputed here (a migration has no stemmer and no language guess of its own): a candidate
without a vector is compared by features computed from its text, places included, and
``wire reprocess --all`` stores new ones. ``story_places`` holds the places the text names
(pipeline.dedupe.places.pack), written with the vector: two reports of one kind of happening
far apart are two stories. Going down clears the vectors the same way, for the same reason.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f1b3d5e7a9c4"
down_revision = "e4a6c8b0d2f1"
branch_labels = None
depends_on = None

_CLEAR = "UPDATE article SET story_vector = NULL WHERE story_vector IS NOT NULL"


def upgrade() -> None:
    op.execute(_CLEAR)
    op.add_column("article", sa.Column("story_places", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("article", "story_places")
    op.execute(_CLEAR)
