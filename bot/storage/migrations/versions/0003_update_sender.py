"""Handled updates are kept per sender: an update id is matched to the person who sent it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processed_updates_by_sender",
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("sender", sa.String(64), nullable=False),
        sa.Column("update_id", sa.BigInteger, nullable=False),
        sa.Column("replies", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "sender", "update_id", name="pk_processed_updates"),
    )
    # The replies went to the sender (a private chat): the first one names them. An update
    # that got no reply cannot be matched to anyone and is not recognised again.
    if op.get_bind().dialect.name == "postgresql":
        sender = "replies->0->>'to'"
    else:
        sender = "json_extract(replies, '$[0].to')"
    op.execute(
        "INSERT INTO processed_updates_by_sender (channel, sender, update_id, replies, "
        f"created_at) SELECT channel, {sender}, update_id, replies, created_at "
        f"FROM processed_updates WHERE {sender} IS NOT NULL")
    op.drop_table("processed_updates")
    op.rename_table("processed_updates_by_sender", "processed_updates")


def downgrade() -> None:
    # The old table keys an update id without its sender; the rows serve only to recognise
    # redeliveries for a few days, so they are not carried back.
    op.drop_table("processed_updates")
    op.create_table(
        "processed_updates",
        sa.Column("channel", sa.String(20), primary_key=True),
        sa.Column("update_id", sa.BigInteger, primary_key=True),
        sa.Column("replies", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
