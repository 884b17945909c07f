"""What an admin's unlink leaves behind, tidied in the same transaction: the meetings still
ahead between the coach and the newcomer are cancelled (the newcomer gets each in their own
language with a calendar cancellation, and both lose its reminders), and their open
conversation is closed (the newcomer is told they are back with Brug). Nothing is left for a
coach who no longer sees the newcomer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.app_recipient import ToOthers
from bot.flows import appointments as appts
from bot.services.calendar_file import cancellation_file, write
from bot.storage import appointments, handoffs
from bot.storage.appointments import CANCELLED
from bot.storage.handoffs import Person
from bot.storage.repository import SqlRepository
from bot.types import Outgoing

# How a conversation closed by an unlink is marked (closed_by).
BY_UNLINK = "unlink"


def _tell(repo: SqlRepository, others: ToOthers, person: Person, message: Outgoing,
          now: datetime) -> None:
    others.enqueue(repo, person.user_id, message, now, now)


def tidy(repo: SqlRepository, others: ToOthers, files: Path, coach: Person,
         newcomer: Person, now: datetime) -> bool:
    """Cancel the pair's meetings ahead and close their open conversation; True if there
    was anything to tidy. The calendar files are written at once: a file of a transaction
    that rolls back is never sent, and only takes a little room."""
    conn = repo.conn
    _ = others.gettext(newcomer.language)
    ahead = appointments.ahead_between(conn, coach.user_id, newcomer.user_id, now)
    for appointment in ahead:
        appointments.set_status(conn, appointment.id, CANCELLED, now)
        kind = appts.reminder_kind(appointment.id)
        for person in (coach.user_id, newcomer.user_id):
            repo.cancel_reminders(person, kind, now)
        _tell(repo, others, newcomer, Outgoing(
            to=newcomer.external_id, channel=newcomer.channel,
            text=_("This meeting does not take place:") + "\n"
            + appts.card(_, appointment, newcomer.language or "en")), now)
        path = files / f"appointment-{appointment.id}-cancel-{newcomer.user_id}.ics"
        write(path, cancellation_file(f"brug-appointment-{appointment.id}@brug",
                                      appointment.starts_at, _("Meeting with your coach"), now))
        _tell(repo, others, newcomer, Outgoing(
            to=newcomer.external_id, text="", kind="document", file=str(path),
            caption=_("This takes the meeting out of your calendar."),
            channel=newcomer.channel), now)
    talk = handoffs.open_of_newcomer(conn, newcomer.user_id)
    closed = talk is not None and talk.coach is not None \
        and talk.coach.user_id == coach.user_id \
        and handoffs.close(conn, talk.id, BY_UNLINK, now, coach_id=coach.user_id)
    if closed:
        _tell(repo, others, newcomer, Outgoing(
            to=newcomer.external_id, channel=newcomer.channel,
            text=_("The conversation has ended. You are back with Brug.")), now)
    return bool(ahead) or closed
