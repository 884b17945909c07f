"""One of the organiser's own events: what it is, who joined, waits and left, its reminders;
its results, the join link again, change the reminders, or cancel it; once it started, tick
who came and fill in the organiser's evaluation."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.events import GatheringLinkAsked
from bot.flows.gathering_reminders import POINTS
from bot.flows.gathering_text import counts_line, describe
from bot.flows.results_events import ResultsAsked
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_new import ORGANISERS
from bot.flows.screens.event_view import EVENT_KEY
from bot.flows.turn import Turn
from bot.i18n.lists import listed
from bot.storage.gatherings import Gathering
from bot.types import Option

EVENT_LINK_AGAIN = "event_link"
EVENT_REMINDERS = "event_reminders"
EVENT_CANCEL = "event_cancel"
EVENT_RESULTS = "event_results"
EVENT_CAME = "event_came"
EVENT_REVIEW = "event_review"
# The prefix of the "Send the poll" button's id (bot/flows/poll_sending.py takes it).
SEND_POLL = "eps"
# State key of the reminder points being chosen (event_plan), before they are saved.
PLAN_KEY = "event_plan"


def own_event(turn: Turn) -> Gathering | None:
    """The event the person is on, if they organise it (an admin sees every event)."""
    event_id = turn.state.shown.get(EVENT_KEY)
    if not isinstance(event_id, int) or turn.user.role not in ORGANISERS:
        return None
    event = turn.lookup.gatherings().get(event_id)
    if event is None or (event.organiser_id != turn.user.id and turn.user.role != "admin"):
        return None
    return event


class EventAdmin(Screen):
    place = "event_admin"
    action = permissions.ORGANISE

    def view(self, turn: Turn, core: Core) -> View | None:
        event = own_event(turn)
        if event is None:
            return None
        _ = turn._
        counts = turn.lookup.gatherings().counts(event.id)
        lines = [describe(event, turn.translator),
                 counts_line(counts, event.capacity, turn.translator),
                 _("Reminders: {points}").format(points=listed(
                     (_(POINTS[point][0]) for point in event.reminder_plan if point in POINTS), _)
                     or _("none"))]
        if event.cancelled:
            lines.append(_("This event was cancelled."))
            return View("\n\n".join(lines))
        if event.poll_sent_at is not None:
            lines.append(_("📊 The poll went out."))
        after = (Option(EVENT_CAME, _("✅ Who came")),
                 Option(EVENT_REVIEW, _("📝 Your evaluation"))) \
            if event.starts_at <= turn.incoming.time else ()
        return View("\n\n".join(lines), (
            *poll_button(turn, event), Option(EVENT_RESULTS, _("📊 Results")), *after,
            Option(EVENT_LINK_AGAIN, _("🔗 Link and QR code")),
            Option(EVENT_REMINDERS, _("🔔 Change the reminders")),
            Option(EVENT_CANCEL, _("🚫 Cancel the event"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        event = own_event(turn)
        assert event is not None  # the view showed options, so it found the event
        if chosen == EVENT_LINK_AGAIN:
            turn.effects.emit(GatheringLinkAsked(event.id))
            core.show(turn, self.place, new_question=False)
        elif chosen == EVENT_RESULTS:
            turn.effects.emit(ResultsAsked(event.id))
            core.show(turn, self.place, new_question=False)
        elif chosen == EVENT_CAME:
            core.show(turn, CAME_SCREEN, {CAME_PAGE: 0})
        elif chosen == EVENT_REVIEW:
            turn.state.shown.pop(REVIEW_DRAFT, None)  # from what is kept, not a left draft
            core.show(turn, REVIEW_SCREEN, {REVIEW_FIELD: "participants"})
        elif chosen == EVENT_REMINDERS:
            turn.state.shown[PLAN_KEY] = list(event.reminder_plan)
            core.show(turn, PLAN_SCREEN)
        else:
            core.show(turn, CANCEL_SCREEN)


def poll_button(turn: Turn, event: Gathering) -> tuple[Option, ...]:
    """The button that sends the poll, once the event has started and until the poll went
    out (its press is taken by bot/flows/poll_sending.py, wherever it comes from)."""
    if event.poll_sent_at is not None or event.starts_at > turn.incoming.time:
        return ()
    return (Option(f"{SEND_POLL}.{event.id}", turn._("📊 Send the poll")),)


SCREEN = EventAdmin()
PLAN_SCREEN = "event_plan"
CANCEL_SCREEN = "event_cancel_ask"
# Who came (event_came, with its page) and the organiser's evaluation (event_review, with
# the question asked and the answers so far).
CAME_SCREEN = "event_came"
CAME_PAGE = "came_page"
REVIEW_SCREEN = "event_review"
REVIEW_FIELD = "review_field"
REVIEW_DRAFT = "review_draft"
