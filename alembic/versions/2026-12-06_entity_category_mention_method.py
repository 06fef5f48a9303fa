"""entity category and mention method: what kind of organisation, and how each name was found

Revision ID: 7c1e5a9d3b20
Revises: f1b3d5e7a9c2
Create Date: 2026-12-06 22:00:00

Organisations are typed from the text's own cues (legal forms, ticker markup, head nouns) as a
company, agency, team or institution. Mentions say how they were found (the model, a textual
rule, a name list, the gazetteer): copy in a language with no model gets places and known
organisations only, and an analyst needs to tell those apart. Rows extracted before keep NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "7c1e5a9d3b20"
down_revision = "f1b3d5e7a9c2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entity", sa.Column("category", sa.Text(), nullable=True))
    op.add_column("mention", sa.Column("method", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("mention", "method")
    op.drop_column("entity", "category")
