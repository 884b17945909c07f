"""A new event, for an organiser: one question at a time (title, kind, day, start, place or
online link, languages, capacity, what to bring, end), each answer checked; the draft is kept
in their state, so nothing is stored until they confirm it on the next screen."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, ClassVar

from bot.flows import gathering_draft as draft_rules
from bot.flows import permissions
from bot.flows.gathering_draft import DRAFT_KEY, ONLINE_MODE, PLACE_MODE, Checked
from bot.flows.gathering_kinds import GATHERING_KINDS
from bot.flows.gathering_text import SPOKEN
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.i18n import formats
from bot.types import Option

# State key of the question being asked.
FIELD_KEY = "event_field"
DONE_LANGUAGES = "languages_done"
NOTHING_TO_BRING = "bring_nothing"
NO_END = "end_none"
# Who may make and run events: the table of who may do what says.
ORGANISERS = tuple(sorted(permissions.TABLE[permissions.ORGANISE]))


def draft_of(turn: Turn) -> dict[str, Any]:
    draft = turn.state.shown.get(DRAFT_KEY)
    if not isinstance(draft, dict):
        draft = turn.state.shown[DRAFT_KEY] = {}
    return draft


class EventNew(Screen):
    place = "event_new"
    action = permissions.ORGANISE
    opens_with: ClassVar[Mapping[str, Any]] = {FIELD_KEY: "title"}

    def opening(self, turn: Turn, core: Core) -> None:
        turn.state.shown[DRAFT_KEY] = {}

    def view(self, turn: Turn, core: Core) -> View | None:
        _ = turn._
        field = turn.state.shown.get(FIELD_KEY)
        draft = draft_of(turn)
        if field == "title":
            return View(_("A new event. What is it called? Type its title."))
        if field == "kind":
            return View(_("What kind of event is it?"), tuple(
                Option(kind, _(label)) for kind, label in GATHERING_KINDS.items()))
        if field == "date":
            example = formats.typed_date(turn.incoming.time + timedelta(days=14))
            return View(_("On what day? Type the date as day-month-year, for example "
                          "{example}.").format(example=example))
        if field == "start":
            return View(_("At what time does it start (Brussels time)? For example 14:00."))
        if field == "where_mode":
            return View(_("Where does it take place?"),
                        (Option(PLACE_MODE, _("📍 At a place")),
                         Option(ONLINE_MODE, _("💻 Online"))))
        if field == "where" and draft.get("where_mode") == ONLINE_MODE:
            return View(_("Type the link of the online meeting, starting with https://."))
        if field == "where":
            return View(_("Type the address: street, number and town."))
        if field == "languages":
            chosen = draft.get("languages_chosen") or []
            return View(_("Which languages are spoken? Tap each one, then Done."), (
                *(Option(code, f"✅ {name}" if code in chosen else name)
                  for code, name in SPOKEN.items()),
                Option(DONE_LANGUAGES, _("Done ✔"))))
        if field == "capacity":
            return View(_("How many people can come? Type a number."))
        if field == "bring":
            return View(_("What should people bring? Type it, or tap Nothing."),
                        (Option(NOTHING_TO_BRING, _("Nothing")),))
        if field == "end":
            return View(_("At what time does it end? Type it, or tap No end time."),
                        (Option(NO_END, _("No end time")),))
        return None

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        field = turn.state.shown.get(FIELD_KEY)
        draft = draft_of(turn)
        if field == "kind":
            self._take(turn, core, chosen)
        elif field == "where_mode":
            draft.pop("where", None)  # an address is no link, and the other way round
            self._take(turn, core, chosen)
        elif field == "languages" and chosen == DONE_LANGUAGES:
            picked = [code for code in SPOKEN if code in (draft.get("languages_chosen") or [])]
            if not picked:
                turn.effects.say(turn._("Tap at least one language, then Done."))
                core.show(turn, self.place, new_question=False)
                return
            self._take(turn, core, picked)
        elif field == "languages":
            chosen_now = list(draft.get("languages_chosen") or [])
            if chosen in chosen_now:
                chosen_now.remove(chosen)
            else:
                chosen_now.append(chosen)
            draft["languages_chosen"] = chosen_now
            core.show(turn, self.place, new_question=False)
        elif field == "bring":
            self._take(turn, core, "")
        elif field == "end":
            self._take(turn, core, None)

    def typed(self, turn: Turn, core: Core) -> bool:
        field = str(turn.state.shown.get(FIELD_KEY))
        if field in ("kind", "where_mode", "languages"):
            return False
        checked = draft_rules.check(field, turn.incoming.text, draft_of(turn),
                                    turn.incoming.time, turn._)
        if not isinstance(checked, Checked):
            turn.effects.say(checked.reason)
            core.show(turn, self.place, new_question=False)
            return True
        self._take(turn, core, checked.value)
        return True

    def _take(self, turn: Turn, core: Core, value: Any) -> None:
        """Keep the answer; then the next question without one (a question changed from
        the summary is the only one), or the summary when none is left."""
        draft = draft_of(turn)
        draft[str(turn.state.shown.get(FIELD_KEY))] = value
        following = draft_rules.next_field(draft)
        if following is None:
            core.show(turn, EVENT_CHECK)
        else:
            core.show(turn, self.place, {FIELD_KEY: following})

SCREEN = EventNew()
EVENT_CHECK = "event_check"
