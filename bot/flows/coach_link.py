"""A coach's link: newcomers who open it are linked to the coach and asked whether the coach
may see their profile. Many may open it; the coach can renew it (the old one stops)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.flows.link_kind import Opened, Opening, PayloadKind
from bot.services.link_codes import issue, link_url
from bot.services.qr import LinkPicture
from bot.storage.link_codes import LinkCodes
from bot.storage.repository import SqlRepository
from bot.storage.waiting import coaches_not_shared_with, pending_data

LIFETIME = timedelta(days=180)
# The reminder kind that starts the share question (content/share.yaml), with the coach's id.
SHARE_REQUEST = "share_request"


def open_coach_link(opening: Opening) -> Opened:
    """A newcomer opened a coach's link: they are linked to the coach and asked whether the
    coach may see their profile (at once if they agreed that Brug keeps answers; otherwise
    when they agree, see `ask_to_share_after_consent`)."""
    _, user, coach_id = opening._, opening.user, opening.code.created_by
    assert user.id is not None and coach_id is not None  # saved; a coach's code has a maker
    if coach_id == user.id:
        return Opened([_("This is your own link. Give it to newcomers: whoever opens it is "
                         "linked to you.")], used=False)
    # The channel's user id is the only name we have for them; the coach can ask theirs.
    if not opening.repo.link(coach_id, user.id, user.external_id, opening.time):
        return Opened([_("You are linked to this coach already.")], used=False)
    # The share question (content/share.yaml, `trigger: links: [coach]`) comes in this turn,
    # for this coach; it is asked only of people who agreed that Brug keeps answers (the
    # others, once they agree).
    return Opened([_("You opened your coach's link: you are now linked to your coach.")],
                  used=True, carries={"coach": str(coach_id)})


COACH = PayloadKind("coach", "c", open_coach_link, single_use=False, lifetime=LIFETIME)


def ask_to_share_after_consent(repo: SqlRepository, user_id: int, now: datetime) -> None:
    """Someone who just agreed that Brug keeps their answers is asked about every linked
    coach who does not see their profile: the share question is asked only of people who
    agreed, so a link made before (a coach's link opened before onboarding) was not asked."""
    coaches = coaches_not_shared_with(repo.conn, user_id)
    # Most people have no coach: then the second query is not needed (every consent runs this).
    waiting = {int(data["coach"]) for data in pending_data(repo.conn, user_id, SHARE_REQUEST)
               if str(data.get("coach", "")).isdigit()} if coaches else set()
    for coach_id in coaches:
        if coach_id not in waiting:
            repo.schedule(user_id, SHARE_REQUEST, now, {"coach": str(coach_id)}, now)


def issue_coach_link(repo: SqlRepository, coach_id: int, now: datetime, *,
                     renew: bool = False) -> str:
    """A new payload for the coach's link. Links given earlier keep working until they
    expire, unless `renew`: then they stop working now. (Only hashes are stored, so an
    earlier link cannot be shown again; each request makes a new one.)"""
    codes = LinkCodes(repo.conn)
    if renew:
        codes.withdraw(COACH.name, coach_id, now)
    return issue(codes, COACH.name, COACH.prefix, coach_id, single_use=COACH.single_use,
                 now=now, lifetime=COACH.lifetime).payload


def coach_link_payload(repo: SqlRepository, channel: str, coach: str, now: datetime, *,
                       renew: bool = False) -> str:
    """The admin's `brug link-code`: a coach's link payload; the person becomes a coach."""
    user = repo.get_user(channel, coach)
    if user is None or user.id is None:
        raise LookupError(f"not found on {channel}: {coach} (they must start the bot first)")
    if user.role != "coach":
        user.role = "coach"
        repo.save_user(user)
    return issue_coach_link(repo, user.id, now, renew=renew)


@dataclass(frozen=True)
class CoachLink(LinkPicture):
    """What the coach's "My link" screen shows: the link in words and as a QR image."""

    text: str = ""


def coach_link_screen(repo: SqlRepository, coach_id: int, now: datetime, *, bot_username: str,
                      folder: Path, _: Callable[[str], str], renew: bool = False) -> CoachLink:
    """A new link for the coach (in the update's transaction), its text in the coach's
    language, and where its QR image goes in `folder` (named by the link; see `draw`)."""
    url = link_url(bot_username, issue_coach_link(repo, coach_id, now, renew=renew))
    if renew:
        text = _("Your new link for newcomers:\n{link}\n\nYour earlier links no longer work. "
                 "Whoever opens the new one is linked to you and is asked whether you may see "
                 "their profile.").format(link=url)
    else:
        text = _("Your link for newcomers:\n{link}\n\nWhoever opens it is linked to you and "
                 "is asked whether you may see their profile. Send the link, or show the QR "
                 "code.").format(link=url)
    return CoachLink(url, LinkPicture.of(url, folder, "coach-link").image, text)
