"""Appointments a coach plans with a newcomer, with the other times the newcomer may choose.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("coach_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("newcomer_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("proposals", sa.JSON, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="planned"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_appointments_coach", "appointments", ["coach_id", "starts_at"])
    op.create_index("ix_appointments_newcomer", "appointments", ["newcomer_id", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_appointments_newcomer", table_name="appointments")
    op.drop_index("ix_appointments_coach", table_name="appointments")
    op.drop_table("appointments")
