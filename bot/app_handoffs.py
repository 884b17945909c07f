"""Applying the handoff events (bot/flows/events.py) in the update's transaction: a request
goes to the newcomer's coach or the pool with a Claim button, the first claim wins, messages
are relayed both ways (each side in their own language, photos and files copied), and a
conversation ends. Listed in HANDLERS of bot/app_effects.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from babel import Locale

from bot.app_quiet_hours import read_at
from bot.flows.events import (
    HandoffClaimed,
    HandoffClosed,
    HandoffEnded,
    HandoffOpened,
    HandoffOverdue,
    HandoffPhraseSent,
    HandoffRated,
    HandoffRelayed,
)
from bot.flows.handoff_talk import (
    CLOSED_REMINDER,
    HO_CLAIM,
    HO_CLOSE,
    HO_END,
    HO_PHRASES,
    HO_WRITE,
    OVERDUE_REMINDER,
    TAKEN_REMINDER,
    button,
    tag,
    taken_text,
)
from bot.i18n import N_, formats
from bot.storage import audit, handoffs
from bot.storage.handoffs import Handoff, Person
from bot.types import Option, Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying

Gettext = Callable[[str], str]


def _language_name(code: str | None, reader: str | None) -> str:
    """A language's name as the reader says it ("Arabisch" for a Dutch coach)."""
    try:
        name = Locale.parse(code or "en").get_display_name(Locale.parse(reader or "en"))
    except (ValueError, TypeError):
        return code or "?"
    return name or code or "?"


def _to(person: Person, text: str, options: tuple[Option, ...] = ()) -> Outgoing:
    return Outgoing(to=person.external_id, text=text, options=options, channel=person.channel)


def _own(ctx: Applying, text: str, options: tuple[Option, ...] = ()) -> Outgoing:
    return Outgoing(to=ctx.incoming.user, text=text, options=options,
                    channel=ctx.incoming.channel)


def _request_text(_: Gettext, found: Handoff, reader: str | None) -> str:
    """The request as a coach reads it, with what the newcomer agreed to share."""
    summary = found.summary
    lines = [(_("🚨 Urgent: {name} needs a person now.") if found.urgent
              else _("🙋 {name} asks to talk to a coach.")).format(name=found.newcomer.name),
             _("Why: {reason}").format(reason=_(found.reason)),
             _("Language: {language}").format(
                 language=_language_name(summary.get("language"), reader))]
    progress = summary.get("progress")
    if isinstance(progress, list) and len(progress) == 2:
        lines.append(_("Steps to a job: {done} of {total} done").format(
            done=progress[0], total=progress[1]))
    if summary.get("help"):
        lines.append(_("Asked for help with: {items}").format(
            items=", ".join(_(str(title)) for title in summary["help"])))
    lines += _answer_lines(_, summary.get("answers"))
    lines.append(tag(found.id))
    return "\n".join(lines)


def _answer_lines(_: Gettext, parts: Any) -> list[str]:
    """The intake sections the newcomer chose to send, in the reader's language."""
    lines: list[str] = []
    for part in parts if isinstance(parts, list) else []:
        lines.append(f"{_(str(part.get('part', '')))}:")
        for answer in part.get("answers", []):
            said = answer.get("text") or ", ".join(_(str(a)) for a in answer.get("a", []))
            lines.append(f"- {_(str(answer.get('q', '')))}: {said}")
    return lines


def _claim_option(_: Gettext, found: Handoff) -> Option:
    return Option(button(HO_CLAIM, found.id), _("✋ I take it"))


def _shown_summary(ctx: Applying, found: Handoff, viewer: Person) -> None:
    """The newcomer's audit trail: this person was shown their request's summary."""
    audit.write(ctx.repo.conn, viewer.user_id, audit.known_name(ctx.repo.conn, viewer.user_id),
                found.newcomer.user_id, audit.SUMMARY, ctx.now)


def _tell_request(ctx: Applying, found: Handoff, coaches: list[Person], first: str = "") -> None:
    for coach in coaches:
        _shown_summary(ctx, found, coach)
        _ = ctx.in_language(coach.language)
        text = _request_text(_, found, coach.language)
        ctx.tell(coach.user_id, _to(coach, f"{_(first)}\n{text}" if first else text,
                                    (_claim_option(_, found),)), urgent=found.urgent)


def _tell_admins(ctx: Applying, found: Handoff, line: str, **values: Any) -> None:
    for admin in handoffs.people_with_role(ctx.repo.conn, "admin"):
        _shown_summary(ctx, found, admin)
        _ = ctx.in_language(admin.language)
        ctx.tell(admin.user_id, _to(admin, _(line).format(**values) + "\n\n"
                                    + _request_text(_, found, admin.language)))


def open_handoff(ctx: Applying, event: HandoffOpened) -> None:
    conn, _ = ctx.repo.conn, ctx._
    if handoffs.open_of_newcomer(conn, ctx.user_id) is not None:
        ctx.put(_own(ctx, _("You asked for a coach already. A person will answer you here.")))
        return
    name = handoffs.name_for(conn, ctx.user_id, ctx.incoming.name)
    summary = {"language": ctx.user.language, **dict(event.summary)}
    found = handoffs.get(conn, handoffs.create(conn, ctx.user_id, name, event.reason,
                                               event.urgent, summary, ctx.now))
    assert found is not None
    coaches = [Person(c.user_id, c.channel, c.external_id, c.language, c.label)
               for c in ctx.repo.coaches_sharing(ctx.user_id)]
    coaches = coaches or handoffs.people_with_role(conn, "coach")
    _tell_request(ctx, found, coaches)
    handoffs.set_notified(conn, found.id, [coach.user_id for coach in coaches])
    if event.urgent or not coaches:
        _tell_admins(ctx, found, N_("Please find a coach for {name}.") if not coaches
                     else N_("An urgent request went to the coaches."), name=name)
    office = ctx.around.office
    opens = office.next_opening(ctx.now).astimezone(UTC)
    ctx.repo.schedule(ctx.user_id, OVERDUE_REMINDER, opens + ctx.around.handoff_wait,
                      {"handoff": found.id}, ctx.now)
    locale = ctx.around.catalogs.get(ctx.user.language).code
    if office.is_open(ctx.now):
        # "1 hour", "1 uur", in the person's words and plural.
        wait = formats.duration(ctx.around.handoff_wait, locale)
        told = _("I asked a coach. A person will answer you here, usually within "
                 "{wait}.").format(wait=wait)
    else:
        when = formats.weekday_time(opens, locale)
        told = _("The office is closed now. It opens on {when} (Belgian time). A coach will "
                 "answer you then.").format(when=when)
    ctx.put(_own(ctx, told + "\n" + _("What you write here now goes to the coach.")))


def claim(ctx: Applying, event: HandoffClaimed) -> None:
    conn, _ = ctx.repo.conn, ctx._
    found = handoffs.get(conn, event.handoff)
    if found is None or ctx.user_id not in found.notified:
        ctx.put(_own(ctx, _("This request is not for you, or it is gone.")))
        return
    name = ctx.incoming.name or ctx.user.external_id
    if not handoffs.claim(conn, found.id, ctx.user_id, name, ctx.now):
        # Read again: a claim that committed while this one waited is seen now.
        again = handoffs.get(conn, found.id)
        taker = again.coach.name if again is not None and again.coach else None
        ctx.put(_own(ctx, _("{coach} took this request already.").format(coach=taker)
                     if taker else _("This request is closed.")))
        return
    taken = handoffs.get(conn, found.id)
    assert taken is not None and taken.coach is not None
    # Taking it is acting on the summary: the trail names the coach as the newcomer knows them.
    first = (ctx.incoming.name or "").split()
    audit.write(conn, ctx.user_id, first[0] if first else "", found.newcomer.user_id,
                audit.SUMMARY, ctx.now)
    ctx.put(_own(ctx, _("You took the request of {name} ({tag}). What you write now goes to "
                        "{name}, in their language: write short, simple sentences.").format(
        name=found.newcomer.name, tag=tag(found.id)), _conversation_options(ctx, taken)))
    for other in found.notified:
        person = handoffs.person(conn, other)
        if person is not None and other != ctx.user_id:
            _ = ctx.in_language(person.language)
            ctx.tell(other, _to(person, _("{coach} took the request of {name} ({tag}).").format(
                coach=name, name=found.newcomer.name, tag=tag(found.id))))
    newcomer = taken.newcomer
    if found.urgent or found.audience != "coaches":
        # Not asked for in the chat: the newcomer's side opens in a turn of their own.
        ctx.repo.schedule(newcomer.user_id, TAKEN_REMINDER, ctx.now,
                          {"handoff": found.id, "coach": name}, ctx.now)
    else:
        _ = ctx.in_language(newcomer.language)
        ctx.tell(newcomer.user_id, _to(newcomer, taken_text(_, name), (_end_option(_, found),)))
    for waiting in handoffs.take_waiting(conn, found.id):
        _relay_to_coach(ctx, taken, str(waiting.get("text") or ""), waiting.get("media"),
                        waiting.get("ref"))


def _end_option(_: Gettext, found: Handoff) -> Option:
    return Option(button(HO_END, found.id), _("End the conversation"))


def _conversation_options(ctx: Applying, current: Handoff) -> tuple[Option, ...]:
    """The coach's buttons on every message of a conversation: write to another one, or
    close this one."""
    _ = ctx._
    others = [c for c in handoffs.open_of_coach(ctx.repo.conn, ctx.user_id) if c.id != current.id]
    return (*(Option(button(HO_WRITE, c.id), f"✍ {c.newcomer.name} {tag(c.id)}") for c in others),
            Option(button(HO_PHRASES, current.id), _("📖 Phrases")),
            Option(button(HO_CLOSE, current.id),
                   _("✖ Close {tag}").format(tag=tag(current.id))))


def _relay_to_coach(ctx: Applying, found: Handoff, text: str, media: str | None,
                    ref: str | None) -> None:
    coach = found.coach
    assert coach is not None
    _ = ctx.in_language(coach.language)
    header = _("💬 {name} ({language}) {tag}").format(
        name=found.newcomer.name, tag=tag(found.id),
        language=_language_name(found.newcomer.language, coach.language))
    options = (Option(button(HO_WRITE, found.id), _("✍ Answer {name}").format(
        name=found.newcomer.name)), Option(button(HO_PHRASES, found.id), _("📖 Phrases")),
        Option(button(HO_CLOSE, found.id), _("✖ Close {tag}").format(tag=tag(found.id))))
    ctx.tell(coach.user_id, _message(coach, header, text, media, ref, options))


def _message(to: Person, header: str, text: str, media: str | None, ref: str | None,
             options: tuple[Option, ...]) -> Outgoing:
    if media and ref:
        return Outgoing(to=to.external_id, text=header, caption=header, kind="copy",
                        media=media, copy_of=ref, options=options, channel=to.channel)
    return _to(to, f"{header}\n{text}", options)


def relay(ctx: Applying, event: HandoffRelayed) -> None:
    conn, _ = ctx.repo.conn, ctx._
    found = handoffs.get(conn, event.handoff)
    if found is None or not found.open:
        ctx.put(_own(ctx, _("This conversation has ended. Nothing was sent.")))
        return
    if found.newcomer.user_id == ctx.user_id:
        if found.coach is None:
            message = {"text": event.text, "media": event.media, "ref": event.message_ref}
            if handoffs.keep_while_waiting(conn, found.id, message, ctx.now):
                ctx.put(_own(ctx, _("Kept. The coach who takes your request reads it first."),
                             (_end_option(_, found),)))
                return
            found = handoffs.get(conn, found.id)
            assert found is not None and found.coach is not None
        _relay_to_coach(ctx, found, event.text, event.media, event.message_ref)
        ctx.put(_own(ctx, _("✓ Sent to {coach}.").format(coach=found.coach.name)
                     + read_at(ctx, found.coach.user_id), (_end_option(_, found),)))
        return
    if not _coach_of(ctx, found) or found.coach is None:
        return
    newcomer = found.newcomer
    _ = ctx.in_language(newcomer.language)
    header = _("💬 {coach} (coach):").format(coach=found.coach.name)
    ctx.tell(newcomer.user_id, _message(newcomer, header, event.text, event.media,
                                        event.message_ref, (_end_option(_, found),)))
    _ = ctx._
    ctx.put(_own(ctx, _("✓ To {name} ({tag}).").format(name=newcomer.name, tag=tag(found.id)),
                 _conversation_options(ctx, found)))


def _coach_of(ctx: Applying, found: Handoff) -> bool:
    """Whether the person is the coach who took this open conversation; if not, they hear it
    and nothing is sent."""
    if found.coach is not None and found.coach.user_id == ctx.user_id:
        return True
    ctx.put(_own(ctx, ctx._("This conversation is not open for you (it ended, or someone "
                            "else has it).")))
    return False


def _phrase(ctx: Applying, event: HandoffPhraseSent, language: str | None) -> str:
    """A phrase in someone's language, with its day written their way."""
    translator = ctx.translator_of(language)
    day = ""
    if event.day:
        day = formats.full_date(date.fromisoformat(event.day), translator.code, year=False)
    return translator.gettext(event.text).format(day=day)


def send_phrase(ctx: Applying, event: HandoffPhraseSent) -> None:
    found = handoffs.get(ctx.repo.conn, event.handoff)
    if found is None or not found.open:
        ctx.put(_own(ctx, ctx._("This conversation has ended. Nothing was sent.")))
        return
    if not _coach_of(ctx, found) or found.coach is None:
        return
    newcomer = found.newcomer
    got = _phrase(ctx, event, newcomer.language)
    _ = ctx.in_language(newcomer.language)
    header = _("💬 {coach} (coach):").format(coach=found.coach.name)
    ctx.tell(newcomer.user_id, _to(newcomer, f"{header}\n{got}", (_end_option(_, found),)))
    _ = ctx._
    ctx.put(_own(ctx, _("✓ To {name} ({tag}): {phrase}\nThey read: {got}").format(
        name=newcomer.name, tag=tag(found.id), phrase=_phrase(ctx, event, ctx.user.language),
        got=got), _conversation_options(ctx, found)))


def end(ctx: Applying, event: HandoffEnded) -> None:
    conn = ctx.repo.conn
    found = handoffs.get(conn, event.handoff)
    if found is None or found.newcomer.user_id != ctx.user_id:
        return
    if not handoffs.close(conn, found.id, "newcomer", ctx.now):
        return
    ctx.repo.cancel_reminders(ctx.user_id, OVERDUE_REMINDER, ctx.now)
    told = [found.coach] if found.coach else [
        p for p in (handoffs.person(conn, i) for i in found.notified) if p is not None]
    for person in told:
        _ = ctx.in_language(person.language)
        line = (_("{name} ended the conversation ({tag}).") if found.coach
                else _("{name} withdrew their request ({tag})."))
        ctx.tell(person.user_id, _to(person, line.format(name=found.newcomer.name,
                                                         tag=tag(found.id))))


def close(ctx: Applying, event: HandoffClosed) -> None:
    conn, _ = ctx.repo.conn, ctx._
    found = handoffs.get(conn, event.handoff)
    if found is None or not handoffs.close(conn, found.id, "coach", ctx.now, event.note,
                                           coach_id=ctx.user_id):
        ctx.put(_own(ctx, _("This conversation is not open for you (it ended, or someone "
                            "else has it).")))
        return
    coach = found.coach.name if found.coach else ""
    # The newcomer hears it in a turn of their own, which takes them back to the bot.
    ctx.repo.schedule(found.newcomer.user_id, CLOSED_REMINDER, ctx.now,
                      {"handoff": found.id, "coach": coach}, ctx.now)
    ctx.put(_own(ctx, _("Closed: {name} ({tag}). Your note is kept; {name} does not see "
                        "it.").format(name=found.newcomer.name, tag=tag(found.id))))


def rate(ctx: Applying, event: HandoffRated) -> None:
    handoffs.rate(ctx.repo.conn, event.handoff, ctx.user_id, max(1, min(5, event.score)))


def overdue(ctx: Applying, event: HandoffOverdue) -> None:
    conn = ctx.repo.conn
    found = handoffs.get(conn, event.handoff)
    if found is None or not found.waiting or found.newcomer.user_id != ctx.user_id:
        return
    pool = {p.user_id: p for p in handoffs.people_with_role(conn, "coach")}
    for user_id in found.notified:
        person = handoffs.person(conn, user_id)
        if person is not None:
            pool.setdefault(user_id, person)
    _tell_request(ctx, found, list(pool.values()),
                  first=N_("⏰ Nobody has taken this request yet."))
    handoffs.set_notified(conn, found.id, list(pool))
    _tell_admins(ctx, found, N_("⏰ Nobody has taken the request of {name} yet."),
                 name=found.newcomer.name)


HANDOFF_HANDLERS: dict[type, Callable[[Applying, Any], None]] = {
    HandoffOpened: open_handoff,
    HandoffClaimed: claim,
    HandoffRelayed: relay,
    HandoffEnded: end,
    HandoffClosed: close,
    HandoffRated: rate,
    HandoffOverdue: overdue,
    HandoffPhraseSent: send_phrase,
}
