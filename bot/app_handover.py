"""A coach hands a newcomer over to a colleague, applied in the coach's update: their open
conversations and their link (with the meetings still ahead) go to the colleague, who gets the
one-line note; the newcomer is told who takes over, and is asked whether the new coach may see
their profile. The old coach no longer sees them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.app_handoffs import _to
from bot.flows.coach_link import SHARE_REQUEST
from bot.flows.events import Event, HandedOver
from bot.flows.handoff_talk import HO_WRITE, button, tag
from bot.storage import coach_care, handoffs
from bot.types import Option, Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _own(ctx: Applying, text: str) -> Outgoing:
    return Outgoing(to=ctx.incoming.user, text=text, channel=ctx.incoming.channel)


def handed_over(ctx: Applying, event: HandedOver) -> None:
    conn, _ = ctx.repo.conn, ctx._
    me = ctx.user_id
    colleague = handoffs.person(conn, event.to_coach)
    newcomer = handoffs.person(conn, event.newcomer)
    if ctx.user.role != "coach" or colleague is None or newcomer is None \
            or colleague.user_id == me or not coach_care.is_coach(conn, colleague.user_id):
        ctx.put(_own(ctx, _("Only a coach can hand over, and only to another coach.")))
        return
    conversations = [c for c in handoffs.open_of_coach(conn, me)
                     if c.newcomer.user_id == newcomer.user_id]
    labels = dict(coach_care.coaches_of(conn, newcomer.user_id))
    linked = me in labels
    if not conversations and not linked:
        ctx.put(_own(ctx, _("This person is not yours to hand over.")))
        return
    name = labels.get(me) or conversations[0].newcomer.name
    to_name = coach_care.known_name(conn, colleague.user_id) or colleague.external_id
    my_name = coach_care.known_name(conn, me) or ctx.incoming.name or ctx.user.external_id
    for conversation in conversations:
        coach_care.hand_over(conn, conversation.id, me, colleague.user_id, to_name)
    if linked:
        coach_care.move_link(conn, newcomer.user_id, me, colleague.user_id, ctx.now)
        coach_care.move_appointments(conn, newcomer.user_id, me, colleague.user_id, ctx.now)
        if coach_care.agreed(conn, newcomer.user_id):
            # The profile was shared with the old coach, not with this one: asked again.
            ctx.repo.schedule(newcomer.user_id, SHARE_REQUEST, ctx.now,
                              {"coach": str(colleague.user_id)}, ctx.now)
    _ = ctx.in_language(colleague.language)
    lines = [_("🤝 {coach} handed {name} over to you.").format(coach=my_name, name=name),
             _("Their note: {note}").format(note=event.note)]
    lines += [_("The conversation {tag} is yours now: what you write goes to {name}.").format(
        tag=tag(c.id), name=name) for c in conversations]
    if linked:
        lines.append(_("{name} is linked to you now, and is asked whether you may see their "
                       "profile.").format(name=name))
    ctx.tell(colleague.user_id, _to(colleague, "\n".join(lines), tuple(
        Option(button(HO_WRITE, c.id), _("✍ Answer {name}").format(name=name))
        for c in conversations)))
    _ = ctx.in_language(newcomer.language)
    ctx.tell(newcomer.user_id, _to(newcomer, _(
        "{new} takes over from {old} as your coach. {new} will answer you here.").format(
            new=to_name, old=my_name)))
    _ = ctx._
    ctx.put(_own(ctx, _("Handed over to {coach}. You no longer see {name}.").format(
        coach=to_name, name=name)))


HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    HandedOver: handed_over,
}
