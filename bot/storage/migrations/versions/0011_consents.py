"""Consent per purpose, with the text version and when it was given or withdrawn.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28

The consent to keep answers (users.consent) and every share with a coach (coach_links.shared_at)
that exist already become the first rows: a person's earliest share is when they agreed that a
coach may see their profile, to the share question's first text ("2026-11-24").
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SHARE_VERSION = "2026-11-24"


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_consents_user", "consents", ["user_id", "purpose"])
    op.execute(
        "INSERT INTO consents (user_id, purpose, version, given_at, withdrawn_at) "
        "SELECT id, 'answers', COALESCE(consent_version, ''), "
        "CASE WHEN consent = 'agree' THEN consent_at END, "
        "CASE WHEN consent = 'agree' THEN NULL ELSE consent_at END "
        "FROM users WHERE consent IS NOT NULL AND consent_at IS NOT NULL")
    op.execute(
        "INSERT INTO consents (user_id, purpose, version, given_at, withdrawn_at) "
        f"SELECT newcomer_id, 'coach_profile', '{SHARE_VERSION}', MIN(shared_at), NULL "
        "FROM coach_links WHERE shared_at IS NOT NULL GROUP BY newcomer_id")


def downgrade() -> None:
    op.drop_index("ix_consents_user", table_name="consents")
    op.drop_table("consents")
