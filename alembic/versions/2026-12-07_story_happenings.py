"""story happenings: the kind and day of what an article reports as happened

Revision ID: d5f9b3a7c1e2
Revises: c4e8a2f6b9d1
Create Date: 2026-12-07 13:00:00

The story step tells two happenings of one kind apart by their days (two fires in one city on
two days are two stories). Event rows cannot say so: reports a few days apart in
one week share a happening key, and the row keeps the date of its first report. So each article
carries its own, packed (pipeline.dedupe.happenings.pack), written with its extraction. Articles
extracted before have none and are compared without them until re-extracted
(``wire reprocess --all``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d5f9b3a7c1e2"
down_revision = "c4e8a2f6b9d1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("article", sa.Column("story_happenings", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("article", "story_happenings")
