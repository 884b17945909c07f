"""A coach's quiet hours and weekly digest, and the audit trail of who opened a newcomer's data.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coach_desks",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("quiet_from", sa.String(5), nullable=True),
        sa.Column("quiet_until", sa.String(5), nullable=True),
        sa.Column("digest_week", sa.String(10), nullable=True),
        sa.Column("digest_counts", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "data_views",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("viewer_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("viewer_name", sa.String(64), nullable=False),
        sa.Column("subject_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("what", sa.String(20), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_data_views_subject", "data_views", ["subject_id", "seen_at"])
    op.create_index("ix_data_views_viewer", "data_views", ["viewer_id"])


def downgrade() -> None:
    op.drop_index("ix_data_views_viewer", table_name="data_views")
    op.drop_index("ix_data_views_subject", table_name="data_views")
    op.drop_table("data_views")
    op.drop_table("coach_desks")
