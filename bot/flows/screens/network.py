"""The networking plan, one step at a time, each with a small task to mark as done; a step
may remind the person to follow up some days later."""

from __future__ import annotations

from datetime import timedelta

from bot.flows import onboarding, roadmap
from bot.flows.events import RemindersCancelled, ReminderSet
from bot.flows.screens import road
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn

# The reminder kind of a networking step's follow-up.
FOLLOW_UP = "network_follow_up"


def follow_up(turn: Turn, core: Core) -> None:
    """A follow-up fell due: say what to do now."""
    step = next((s for s in road.content(core).network
                 if s.id == turn.incoming.reminder_data.get("step")), None)
    if step is not None and step.follow_up is not None:
        turn.effects.say(turn._(step.follow_up.text))


class Network(Screen):
    place = road.NETWORK

    def available(self, turn: Turn, core: Core) -> bool:
        return road.has_roadmap(core)

    def view(self, turn: Turn, core: Core) -> View:
        content = road.content(core)
        return View(*roadmap.network_screen(turn, content, road.network_shown(turn, content),
                                            onboarding.has_consent(turn.user)))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        index = road.network_shown(turn, road.content(core))
        if chosen == roadmap.UP:
            core.show(turn, road.OVERVIEW)
        elif chosen == roadmap.NET_DID:
            self.done(turn, core, index)
        else:
            self.go(turn, core, index + (1 if chosen == roadmap.NET_NEXT else -1))

    @staticmethod
    def go(turn: Turn, core: Core, index: int) -> None:
        index = max(0, min(index, len(road.content(core).network) - 1))
        core.show(turn, road.NETWORK, {road.NETWORK_SHOWN: index})

    def done(self, turn: Turn, core: Core, index: int) -> None:
        _ = turn._
        plan = road.content(core).network
        step = plan[index]
        done = roadmap.writable(turn).network
        if step.id not in done:
            done.append(step.id)
        if step.follow_up:
            turn.effects.emit(RemindersCancelled(FOLLOW_UP))
            turn.effects.emit(ReminderSet(
                FOLLOW_UP, turn.incoming.time + timedelta(days=step.follow_up.days_after),
                {"step": step.id}))
            days = step.follow_up.days_after
            turn.effects.say(turn.ngettext(
                "Well done. I will remind you in {days} day to follow up.",
                "Well done. I will remind you in {days} days to follow up.", days
            ).format(days=days))
        else:
            turn.effects.say(_("Well done."))
        if len(done) >= len(plan):
            turn.effects.say(_("You did all the steps of the plan. Keep going: a network grows "
                               "a little every week."))
            core.show(turn, road.OVERVIEW)
        else:
            self.go(turn, core, index + 1)


SCREEN = Network()
