"""A coach cancels or moves a meeting, applied in the coach's update: the reminders of both
follow, and the newcomer is told in their own language with a calendar file (the new time,
or the cancellation that takes it out of their calendar)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.appointment_effects import _calendar, _schedule, _to
from bot.flows import appointments as appts
from bot.flows.events import AppointmentCancelled, AppointmentRescheduled, Event
from bot.services.calendar_file import cancellation_file, write
from bot.storage import appointments, urgent
from bot.storage.appointments import CANCELLED, CANT_COME, PLANNED, Appointment
from bot.types import Outgoing

if TYPE_CHECKING:
    from bot.app_effects import Applying


def _changeable(ctx: Applying, appointment_id: int) -> Appointment | None:
    found = appointments.get(ctx.repo.conn, appointment_id)
    if found is None or found.coach_id != ctx.user_id \
            or found.status not in (PLANNED, CANT_COME) or found.starts_at <= ctx.now:
        ctx.put(Outgoing(to=ctx.incoming.user, channel=ctx.incoming.channel, text=ctx._(
            "This meeting cannot be changed any more.")))
        return None
    return found


def _stop_reminders(ctx: Applying, appointment: Appointment) -> None:
    kind = appts.reminder_kind(appointment.id)
    for person in (appointment.coach_id, appointment.newcomer_id):
        ctx.repo.cancel_reminders(person, kind, ctx.now)


def cancelled(ctx: Applying, event: AppointmentCancelled) -> None:
    appointment = _changeable(ctx, event.appointment)
    if appointment is None:
        return
    appointments.set_status(ctx.repo.conn, appointment.id, CANCELLED, ctx.now)
    _stop_reminders(ctx, appointment)
    newcomer = urgent.person(ctx.repo.conn, appointment.newcomer_id)
    if newcomer is None:
        return
    _ = ctx.in_language(newcomer.language)
    ctx.tell(newcomer.user_id, _to(newcomer, _("Your coach cancelled your meeting:") + "\n"
                                   + appts.card(_, appointment, newcomer.language or "en")
                                   + "\n" + _("Your coach will contact you about a new time.")))
    path = ctx.around.files / f"appointment-{appointment.id}-cancel-{newcomer.user_id}.ics"
    content = cancellation_file(f"brug-appointment-{appointment.id}@brug",
                                appointment.starts_at, _("Meeting with your coach"), ctx.now)
    ctx.after_commit.append(lambda: write(path, content))
    ctx.tell(newcomer.user_id, Outgoing(
        to=newcomer.external_id, text="", kind="document", file=str(path),
        caption=_("This takes the meeting out of your calendar."), channel=newcomer.channel))


def rescheduled(ctx: Applying, event: AppointmentRescheduled) -> None:
    appointment = _changeable(ctx, event.appointment)
    if appointment is None or event.starts_at <= ctx.now:
        return
    _stop_reminders(ctx, appointment)
    appointments.move(ctx.repo.conn, appointment, event.starts_at, ctx.now)
    moved = appointments.get(ctx.repo.conn, appointment.id)
    me = urgent.person(ctx.repo.conn, ctx.user_id)
    assert moved is not None and me is not None
    _schedule(ctx, moved, announce=False)
    # The newcomer gets the card with the new time and its calendar file in a turn of their
    # own, where they can still say that they cannot come.
    ctx.repo.schedule(moved.newcomer_id, appts.reminder_kind(moved.id), ctx.now,
                      {appts.APPOINTMENT_ID: moved.id, appts.WHICH: appts.MOVED}, ctx.now)
    _ = ctx._
    ctx.put(Outgoing(to=ctx.incoming.user, channel=ctx.incoming.channel, text=_(
        "Moved. {name} gets the new time in their own language, with a calendar file.").format(
            name=moved.label) + "\n" + appts.card(_, moved, me.language or "en")),
        _calendar(ctx, moved, me))


HANDLERS: dict[type[Event], Callable[[Applying, Any], None]] = {
    AppointmentCancelled: cancelled,
    AppointmentRescheduled: rescheduled,
}
