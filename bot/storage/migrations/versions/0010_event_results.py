"""Who came to an event, ticked by its organiser (by first name), and the organiser's evaluation.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attendance", sa.Column("name", sa.String(64), nullable=True))
    op.add_column("attendance",
                  sa.Column("attended_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "event_evaluations",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("participants", sa.Integer, nullable=True),
        sa.Column("partners", sa.Integer, nullable=True),
        sa.Column("job_offers", sa.Integer, nullable=True),
        sa.Column("second_interviews", sa.Integer, nullable=True),
        sa.Column("started_work", sa.Integer, nullable=True),
        sa.Column("went_well", sa.Text, nullable=False, server_default=""),
        sa.Column("to_change", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("event_evaluations")
    with op.batch_alter_table("attendance") as batch:
        batch.drop_column("attended_at")
        batch.drop_column("name")
