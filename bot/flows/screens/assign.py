"""Coaches and newcomers, for an admin: pick a newcomer (those without a coach first), then
assign a coach (each shown with how many newcomers they have) or unlink them. Beyond a coach's
capacity the application warns and asks to confirm (bot/flows/assign_confirm.py); it checks
again that the person is an admin. Both sides are told."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from bot.flows import permissions
from bot.flows.events import CoachAssigned, CoachUnlinked
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

PICKED = "assign_picked"
# Option ids: a newcomer, a coach, unlinking, going back to the list.
PICK_ONE, PICK_COACH_FOR = "an", "ac"
ASSIGN_UNLINK, ASSIGN_BACK = "assign_unlink", "assign_back"


class Assign(Screen):
    place = "assign"
    action = permissions.ASSIGN
    opens_with: ClassVar[Mapping[str, Any]] = MappingProxyType({PICKED: None})

    def view(self, turn: Turn, core: Core) -> View | None:
        _ = turn._
        care = turn.lookup.care()
        picked = turn.state.shown.get(PICKED)
        coaches = care.coaches()
        if not isinstance(picked, int):
            people = care.newcomers()
            if not people:
                return View(_("There are no newcomers yet."))
            names = {c.person.user_id: c.person.name for c in coaches}
            return View(_("Coaches and newcomers. Choose a newcomer:"), tuple(
                Option(f"{PICK_ONE}{n.person.user_id}", _("{name} → {coaches}").format(
                    name=n.person.name, coaches=", ".join(names.get(c, "?") for c in n.coaches))
                    if n.coaches else _("{name} (no coach)").format(name=n.person.name))
                for n in people))
        linked = dict(care.coaches_of(picked))
        name = next((n.person.name for n in care.newcomers() if n.person.user_id == picked), "")
        options = [Option(f"{PICK_COACH_FOR}{c.person.user_id}", f"{c.person.name} ({c.newcomers})")
                   for c in coaches if c.person.user_id not in linked]
        if linked:
            options.append(Option(ASSIGN_UNLINK, _("Unlink from their coach")))
        options.append(Option(ASSIGN_BACK, _("⬅ Back")))
        return View(_("{name}: which coach? (how many newcomers each has now)").format(
            name=name), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        picked = turn.state.shown.get(PICKED)
        turn.state.shown[PICKED] = None
        if chosen.startswith(PICK_ONE) and chosen.removeprefix(PICK_ONE).isdigit():
            turn.state.shown[PICKED] = int(chosen.removeprefix(PICK_ONE))
        elif isinstance(picked, int) and chosen == ASSIGN_UNLINK:
            turn.effects.emit(CoachUnlinked(picked))
            # The change is applied after this turn: the menu, not a list that is out of date.
            core.show_menu(turn)
            return
        elif isinstance(picked, int) and chosen.startswith(PICK_COACH_FOR) \
                and chosen.removeprefix(PICK_COACH_FOR).isdigit():
            turn.effects.emit(CoachAssigned(picked, int(chosen.removeprefix(PICK_COACH_FOR))))
            core.show_menu(turn)
            return
        core.show(turn, self.place)


SCREEN = Assign()
