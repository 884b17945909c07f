"""A coach's own capacity of newcomers, set by an admin; none means the global BRUG_COACH_CAPACITY.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("coach_desks") as batch:
        batch.add_column(sa.Column("capacity", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coach_desks") as batch:
        batch.drop_column("capacity")
