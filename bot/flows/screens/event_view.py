"""An event as a newcomer sees it, in their language: what, when, where; join it (or its
waiting list), or say they cannot come. Its join link opens it; its reminders show it."""

from __future__ import annotations

from bot.flows import onboarding
from bot.flows.events import GatheringJoined, GatheringLeft
from bot.flows.gathering_link import EVENT_LINK
from bot.flows.gathering_text import describe
from bot.flows.screens import place
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.services.link_codes import hash_payload, prefix_of
from bot.storage.gatherings import JOINED, WAITING, Gathering
from bot.types import Option

EVENT_KEY = "event_id"
JOIN_EVENT = "event_join"
LEAVE_EVENT = "event_leave"
# The flow that asks whether Brug may keep answers (content/consent.yaml).
CONSENT_FLOW = "consent"


def _event(turn: Turn) -> Gathering | None:
    event_id = turn.state.shown.get(EVENT_KEY)
    if not isinstance(event_id, int):
        return None
    return turn.lookup.gatherings().get(event_id)


class EventView(Screen):
    place = "event_view"

    def opened_by_link(self, turn: Turn, payload: str) -> dict[str, int] | None:
        if prefix_of(payload) != EVENT_LINK.prefix:
            return None
        found = turn.lookup.gatherings().by_code(hash_payload(payload), turn.incoming.time)
        return None if found is None else {EVENT_KEY: found.id}

    def view(self, turn: Turn, core: Core) -> View | None:
        event = _event(turn)
        if event is None:
            return None
        _ = turn._
        assert turn.user.id is not None  # a person with a screen was saved before
        status = turn.lookup.gatherings().status_of(event.id, turn.user.id)
        lines = [describe(event, turn.translator)]
        options: list[Option] = []
        if event.cancelled:
            lines.append(_("This event was cancelled."))
        elif status == JOINED:
            lines.append(_("✅ You are on the list."))
            options.append(Option(LEAVE_EVENT, _("❌ I can't come")))
        elif status == WAITING:
            lines.append(_("⏳ You are on the waiting list."))
            options.append(Option(LEAVE_EVENT, _("❌ Leave the waiting list")))
        elif event.starts_at <= turn.incoming.time:
            lines.append(_("This event has started already."))
        elif turn.lookup.gatherings().counts(event.id).joined >= event.capacity:
            lines.append(_("This event is full. You can join the waiting list."))
            options.append(Option(JOIN_EVENT, _("⏳ Join the waiting list")))
        else:
            options.append(Option(JOIN_EVENT, _("✅ Join")))
        return View("\n\n".join(lines), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        event_id = turn.state.shown.get(EVENT_KEY)
        assert isinstance(event_id, int)  # the view showed options, so it found the event
        if chosen == JOIN_EVENT and not onboarding.has_consent(turn.user):
            turn.effects.say(turn._("Joining keeps your name on the event's list, so it needs "
                                    "your agreement first."))
            place.keep(turn, self.place, {EVENT_KEY: event_id})
            core.start_flow(turn, CONSENT_FLOW)
            return
        turn.effects.emit(GatheringJoined(event_id) if chosen == JOIN_EVENT
                          else GatheringLeft(event_id))
        core.show_menu(turn)


SCREEN = EventView()


def remind(turn: Turn, core: Core) -> None:
    """A reminder of an event fell due: shown only to someone still on its list, for an event
    that still takes place, at a point the organiser still wants."""
    data = turn.incoming.reminder_data
    event_id = data.get("event", "")
    if not event_id.isdecimal() or turn.user.id is None:
        return
    event = turn.lookup.gatherings().get(int(event_id))
    if event is None or event.cancelled or data.get("point") not in event.reminder_plan:
        return
    if turn.lookup.gatherings().status_of(event.id, turn.user.id) != JOINED:
        return
    turn.effects.say(turn._("Reminder: you are coming to this event. Can you not come? Tap "
                            "the button, so that someone else gets your place."))
    core.show(turn, SCREEN.place, {EVENT_KEY: event.id})
