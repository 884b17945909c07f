"""The new event's summary, for the organiser: save it (then they get the join link and its
QR code), change one answer, or throw the draft away. Only saving stores anything."""

from __future__ import annotations

from bot.flows import gathering_draft as draft_rules
from bot.flows import permissions
from bot.flows.events import GatheringCreated
from bot.flows.gathering_draft import DRAFT_KEY
from bot.flows.gathering_text import describe
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_new import EVENT_CHECK, FIELD_KEY, draft_of
from bot.flows.screens.event_new import SCREEN as QUESTIONS
from bot.flows.turn import Turn
from bot.i18n import L_
from bot.types import Option

SAVE_EVENT = "event_save"
DROP_EVENT = "event_drop"
# What each change button asks again; "where" asks first whether it is a place or online.
CHANGES = {
    "title": L_("✏️ Title"),
    "kind": L_("✏️ Kind"),
    "date": L_("✏️ Day"),
    "start": L_("✏️ Start"),
    "where": L_("✏️ Place or link"),
    "languages": L_("✏️ Languages"),
    "capacity": L_("✏️ Number of places"),
    "bring": L_("✏️ What to bring"),
    "end": L_("✏️ End"),
}


class EventCheck(Screen):
    place = EVENT_CHECK
    action = permissions.ORGANISE

    def view(self, turn: Turn, core: Core) -> View | None:
        draft = draft_of(turn)
        if not draft_rules.complete(draft):
            return None
        _ = turn._
        new = draft_rules.to_new(draft)
        text = "\n\n".join((
            _("Here is your event. Is everything right?"),
            describe(new, turn.translator),
            _("Places: {capacity}").format(capacity=new.capacity)))
        return View(text, (Option(SAVE_EVENT, _("✅ Save and get the link")),
                           *(Option(f"change_{field}", _(label))
                             for field, label in CHANGES.items()),
                           Option(DROP_EVENT, _("🗑 Throw it away"))))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        draft = draft_of(turn)
        if chosen == SAVE_EVENT:
            if not draft_rules.still_future(draft, turn.incoming.time):
                turn.effects.say(_("The start has passed in the meantime. Change the day or "
                                   "the start."))
                core.show(turn, self.place, new_question=False)
                return
            turn.effects.emit(GatheringCreated(draft_rules.to_new(draft)))
            turn.state.shown.pop(DRAFT_KEY, None)
            core.show_menu(turn)
        elif chosen == DROP_EVENT:
            turn.state.shown.pop(DRAFT_KEY, None)
            turn.effects.say(_("The event is thrown away. Nothing was saved."))
            core.show_menu(turn)
        else:
            field = chosen.removeprefix("change_")
            draft.pop(field, None)
            if field == "where":
                draft.pop("where_mode", None)
            core.show(turn, QUESTIONS.place, {FIELD_KEY: draft_rules.next_field(draft)})


SCREEN = EventCheck()
