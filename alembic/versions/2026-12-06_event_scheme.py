"""event scheme: which codebook coded an event (cameo or wire)

Revision ID: f3b8d1c6a2e9
Revises: f1b3d5e7a9c4
Create Date: 2026-12-06 22:00:00

Events of the wire scheme (mergers, results, earthquakes, arrests, rulings...) sit next to CAMEO
events in the same table. Their codes start with "W" and never meet a CAMEO code; the scheme
column says which codebook to read the code in, and they have no quad class (CAMEO's
cooperation/conflict classes do not apply to an earthquake), so quad_class becomes optional.
Rows written before are CAMEO's.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f3b8d1c6a2e9"
down_revision = "f1b3d5e7a9c4"
branch_labels = None
depends_on = None

_EVENT_DETAIL = """
    SELECT ev.id AS event_id, ev.code, ev.label, ev.root_code, ev.quad_class,
        actor.name AS actor, target.name AS target, place.name AS location,
        ev.event_date, ev.event_date_end, ev.date_precision,
        ev.num_mentions, ev.num_articles, ev.num_sources, ev.first_seen_at, ev.last_seen_at{}
    FROM event ev
    LEFT JOIN entity actor ON actor.id = ev.actor_entity_id
    LEFT JOIN entity target ON target.id = ev.target_entity_id
    LEFT JOIN entity place ON place.id = ev.location_entity_id"""


def upgrade() -> None:
    op.add_column(
        "event", sa.Column("scheme", sa.String(8), server_default="cameo", nullable=False)
    )
    op.create_check_constraint(op.f("event_scheme_check"), "event", "scheme IN ('cameo', 'wire')")
    op.alter_column("event", "quad_class", existing_type=sa.SmallInteger(), nullable=True)
    # A new last column: the view is replaced in place, its grants kept.
    op.execute("CREATE OR REPLACE VIEW event_detail AS " + _EVENT_DETAIL.format(", ev.scheme"))


def downgrade() -> None:
    op.execute("DROP VIEW event_detail")
    op.execute("CREATE VIEW event_detail AS " + _EVENT_DETAIL.format(""))
    op.execute("DELETE FROM event WHERE quad_class IS NULL")
    op.alter_column("event", "quad_class", existing_type=sa.SmallInteger(), nullable=False)
    op.drop_constraint(op.f("event_scheme_check"), "event", type_="check")
    op.drop_column("event", "scheme")
