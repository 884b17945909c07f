"""Answers to an event's smiley poll and survey, kept apart from identity.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "poll_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("question", sa.String(40), nullable=False),
        sa.Column("answer", sa.String(20), nullable=False),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("slot", sa.String(20), nullable=False, server_default=""),
        sa.UniqueConstraint("event_id", "token", "question", name="uq_poll_answer"),
    )
    op.create_index("ix_poll_answers_event", "poll_answers", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_poll_answers_event", table_name="poll_answers")
    op.drop_table("poll_answers")
