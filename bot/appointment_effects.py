"""Applying what coaches and newcomers do with appointments (bot/flows/events.py), in the
update's transaction: the rows, the reminders of both, the calendar files and the messages to
the other side, each in its reader's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.flows import appointments as appts
from bot.flows.appointment_time import reminder_times
from bot.flows.events import (
    AppointmentDeclined,
    AppointmentMoved,
    AppointmentPlanned,
    AttendanceMarked,
    CalendarFileWanted,
    Event,
    FollowUpTalkWanted,
    ProposalsAdded,
)
from bot.services.calendar_file import calendar_file, write
from bot.storage import appointments, urgent
from bot.storage.appointments import CAME, CANT_COME, NO_SHOW, PLANNED, Appointment
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _to(person: urgent.Reachable, text: str) -> Outgoing:
    return Outgoing(to=person.external_id, text=text, channel=person.channel)


def _schedule(ctx: Applying, appointment: Appointment, *, announce: bool) -> None:
    """Both get reminders the evening before at 18:00 and two hours before (those still
    ahead); `announce`: the newcomer gets the card now, with its calendar file."""
    kind = appts.reminder_kind(appointment.id)
    for person in (appointment.coach_id, appointment.newcomer_id):
        for which, due in reminder_times(appointment.starts_at).items():
            if due > ctx.now:
                ctx.repo.schedule(person, kind, due, {appts.APPOINTMENT_ID: appointment.id,
                                                      appts.WHICH: which}, ctx.now)
    if announce:
        ctx.repo.schedule(appointment.newcomer_id, kind, ctx.now,
                          {appts.APPOINTMENT_ID: appointment.id, appts.WHICH: appts.NEW},
                          ctx.now)


def _calendar(ctx: Applying, appointment: Appointment, reader: urgent.Reachable) -> Outgoing:
    """The calendar file for one of the two, in their language; written after the commit."""
    _ = ctx.in_language(reader.language)
    for_coach = reader.user_id == appointment.coach_id
    summary = (_("Meeting with {name}").format(name=appointment.label) if for_coach
               else _("Meeting with your coach"))
    stamp = int(appointment.starts_at.timestamp())
    path = ctx.around.files / f"appointment-{appointment.id}-{stamp}-{reader.user_id}.ics"
    content = calendar_file(f"brug-appointment-{appointment.id}@brug", appointment.starts_at,
                            summary, appointment.place, appointment.topic, ctx.now)
    ctx.after_commit.append(lambda: write(path, content))
    return Outgoing(to=reader.external_id, text="", kind="document", file=str(path),
                    caption=_("Add it to your calendar."), channel=reader.channel)


def planned(ctx: Applying, event: AppointmentPlanned) -> None:
    _ = ctx._
    conn = ctx.repo.conn
    me = urgent.person(conn, ctx.user_id)
    if ctx.user.role != "coach" or me is None \
            or not appointments.is_linked(conn, ctx.user_id, event.newcomer):
        ctx.put(Outgoing(to=ctx.incoming.user, channel=ctx.incoming.channel,
                         text=_("You can plan meetings only with newcomers linked to you.")))
        return
    appointment = appointments.get(conn, appointments.plan(
        conn, ctx.user_id, event.newcomer, event.starts_at, event.place, event.topic,
        event.proposals, ctx.now))
    assert appointment is not None
    _schedule(ctx, appointment, announce=True)
    ctx.put(_to(me, _("Planned. {name} gets it in their own language, with a reminder the "
                      "evening before and two hours before.").format(name=appointment.label)
                + "\n" + appts.card(_, appointment, me.language or "en")),
            _calendar(ctx, appointment, me))


def declined(ctx: Applying, event: AppointmentDeclined) -> None:
    conn = ctx.repo.conn
    appointment = appointments.get(conn, event.appointment)
    if appointment is None or appointment.newcomer_id != ctx.user_id \
            or appointment.status != PLANNED:
        return
    appointments.set_status(conn, appointment.id, CANT_COME, ctx.now)
    kind = appts.reminder_kind(appointment.id)
    for person in (appointment.coach_id, appointment.newcomer_id):
        ctx.repo.cancel_reminders(person, kind, ctx.now)
    coach = urgent.person(conn, appointment.coach_id)
    if coach is None:
        return
    _ = ctx.in_language(coach.language)
    then = ("\n" + _("They may choose one of your other times.")) if appointment.proposals \
        else ("\n" + _("Plan a new meeting from the menu."))
    ctx.tell(coach.user_id, _to(coach, _("🙁 {name} cannot come to your meeting:").format(
        name=appointment.label) + "\n" + appts.card(_, appointment, coach.language or "en")
        + then))


def moved(ctx: Applying, event: AppointmentMoved) -> None:
    conn = ctx.repo.conn
    appointment = appointments.get(conn, event.appointment)
    if appointment is None or appointment.newcomer_id != ctx.user_id \
            or appointment.status != CANT_COME or event.starts_at not in appointment.proposals \
            or event.starts_at <= ctx.now:
        return
    appointments.move(conn, appointment, event.starts_at, ctx.now)
    appointment = appointments.get(conn, appointment.id)
    assert appointment is not None
    _schedule(ctx, appointment, announce=False)
    coach = urgent.person(conn, appointment.coach_id)
    if coach is None:
        return
    _ = ctx.in_language(coach.language)
    ctx.tell(coach.user_id, _to(coach, _("📅 {name} chose a new time:").format(
        name=appointment.label) + "\n" + appts.card(_, appointment, coach.language or "en")))
    ctx.tell(coach.user_id, _calendar(ctx, appointment, coach))


def calendar_wanted(ctx: Applying, event: CalendarFileWanted) -> None:
    appointment = appointments.get(ctx.repo.conn, event.appointment)
    me = urgent.person(ctx.repo.conn, ctx.user_id)
    if appointment is None or me is None \
            or ctx.user_id not in (appointment.coach_id, appointment.newcomer_id):
        return
    ctx.put(_calendar(ctx, appointment, me))


def attendance(ctx: Applying, event: AttendanceMarked) -> None:
    appointment = appointments.get(ctx.repo.conn, event.appointment)
    if appointment is None or appointment.coach_id != ctx.user_id \
            or appointment.status != PLANNED or appointment.starts_at > ctx.now:
        return
    appointments.set_status(ctx.repo.conn, appointment.id, CAME if event.came else NO_SHOW,
                            ctx.now)


def follow_up(ctx: Applying, event: FollowUpTalkWanted) -> None:
    """The coach's next turn opens the planning, with the newcomer chosen."""
    if not appointments.is_linked(ctx.repo.conn, event.coach, ctx.user_id):
        return
    around = ctx.now + timedelta(days=appts.FOLLOW_UP_AFTER_DAYS)
    ctx.repo.schedule(event.coach, appts.follow_up_kind(ctx.user_id), ctx.now,
                      {appts.FOLLOW_UP_OF: ctx.user_id, appts.AROUND: around.isoformat()}, ctx.now)


def proposals_added(ctx: Applying, event: ProposalsAdded) -> None:
    """Kept with the meeting; a newcomer who already cannot come is offered them now."""
    conn = ctx.repo.conn
    appointment = appointments.get(conn, event.appointment)
    if appointment is None or appointment.coach_id != ctx.user_id \
            or appointment.status not in (PLANNED, CANT_COME):
        return
    appointments.add_proposals(conn, appointment, event.times, ctx.now)
    if appointment.status == CANT_COME:
        ctx.repo.schedule(appointment.newcomer_id, appts.reminder_kind(appointment.id), ctx.now,
                          {appts.APPOINTMENT_ID: appointment.id, appts.WHICH: appts.TIMES},
                          ctx.now)


HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    AppointmentPlanned: planned,
    AppointmentDeclined: declined,
    AppointmentMoved: moved,
    CalendarFileWanted: calendar_wanted,
    AttendanceMarked: attendance,
    FollowUpTalkWanted: follow_up,
    ProposalsAdded: proposals_added,
}
