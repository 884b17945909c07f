"""An invite: a single-use link from an admin (`brug invite ROLE`) that gives whoever opens
it a role (organiser, coach or admin). It expires after a week."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.flows.link_kind import Opened, Opening, PayloadKind
from bot.i18n import N_
from bot.services.link_codes import issue
from bot.storage.link_codes import LinkCodes
from bot.storage.repository import SqlRepository

INVITE_LIFETIME = timedelta(days=7)
# The roles an invite can give, and what the person reads when they get it.
GRANTED: dict[str, str] = {
    "organiser": N_("Welcome! You are now an organiser: you can make events and share their "
                    "link. Find them in the menu under My events."),
    "coach": N_("Welcome! You are now a coach: newcomers can be linked to you. Find your "
                "link in the menu."),
    "admin": N_("Welcome! You are now an admin of Brug."),
}
ROLES = tuple(GRANTED)


def open_invite(opening: Opening) -> Opened:
    """Someone opened an invite: the role it grants is theirs (its one use was taken)."""
    role, user = opening.code.grants, opening.user
    if role not in GRANTED:
        raise ValueError(f"an invite grants an unknown role {role!r}")
    # An admin keeps every right: an invite to a smaller role changes nothing for them.
    if user.role != "admin":
        user.role = role
        opening.repo.save_user(user)
    return Opened([opening._(GRANTED[role])], used=True, carries={"role": role})


INVITE = PayloadKind("invite", "i", open_invite, single_use=True, lifetime=INVITE_LIFETIME)


def invite_payload(repo: SqlRepository, role: str, now: datetime) -> str:
    """The admin's `brug invite ROLE`: a new single-use payload that grants the role."""
    if role not in GRANTED:
        raise ValueError(f"an invite gives one of {', '.join(ROLES)}, not {role!r}")
    return issue(LinkCodes(repo.conn), INVITE.name, INVITE.prefix, None, grants=role,
                 single_use=INVITE.single_use, now=now, lifetime=INVITE.lifetime).payload
