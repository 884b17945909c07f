"""Direct replies are deliveries in the outbox, with a lease and the chats that blocked the bot.

A reply may outlive an erased person until it is sent; a lease says who is sending a row; people
who blocked the bot are not written to.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer, nullable=True)
        # When a sender took the row; None while nobody holds it.
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        # How often the row was sent again after its sender vanished mid-send.
        batch.add_column(sa.Column("resent", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "unreachable_chats",
        sa.Column("channel", sa.String(20), primary_key=True),
        sa.Column("chat", sa.String(64), primary_key=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unreachable_chats")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("resent")
        batch.drop_column("claimed_at")
