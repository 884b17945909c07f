"""Handoffs say whom they are for: the coaches, or the admins (two missed meetings).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("audience", sa.String(10), nullable=False,
                                   server_default="coaches"))


def downgrade() -> None:
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("audience")
