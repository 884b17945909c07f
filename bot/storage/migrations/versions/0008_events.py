"""Events that organisers make and newcomers join, with who joined, waits or left.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("organiser_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("online_url", sa.String(500), nullable=True),
        sa.Column("languages", sa.String(60), nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("bring", sa.String(300), nullable=False, server_default=""),
        sa.Column("reminder_plan", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_events_organiser", "events", ["organiser_id"])
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("event_id", "user_id", name="uq_attendance_pair"),
    )
    op.create_index("ix_attendance_event", "attendance", ["event_id", "status"])
    op.create_index("ix_attendance_user", "attendance", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_attendance_user", table_name="attendance")
    op.drop_index("ix_attendance_event", table_name="attendance")
    op.drop_table("attendance")
    op.drop_index("ix_events_organiser", table_name="events")
    op.drop_table("events")
