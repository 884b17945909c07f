"""Handoffs: a newcomer's request to talk to a coach, and what they wrote while they waited.

A request keeps its reason, the summary the newcomer agreed to share, the coaches who were
told, who took it and how it ended (the coach's note, the newcomer's smiley).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    user = "users.id"
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("newcomer_id", sa.Integer, sa.ForeignKey(user, ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("coach_name", sa.String(64), nullable=True),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("notified", sa.JSON, nullable=False),
        sa.Column("coach_id", sa.Integer, sa.ForeignKey(user, ondelete="SET NULL"),
                  nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("touched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(10), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("rating", sa.Integer, nullable=True),
    )
    op.create_index("ix_handoffs_newcomer", "handoffs", ["newcomer_id", "closed_at"])
    op.create_index("ix_handoffs_coach", "handoffs", ["coach_id", "closed_at"])
    op.create_table(
        "handoff_waiting",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("handoff_id", sa.Integer, sa.ForeignKey("handoffs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("message", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("handoff_waiting")
    op.drop_index("ix_handoffs_coach", "handoffs")
    op.drop_index("ix_handoffs_newcomer", "handoffs")
    op.drop_table("handoffs")
