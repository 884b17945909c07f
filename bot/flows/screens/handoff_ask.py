"""Before a request goes to a coach: what the coach will see, shown first, and the person's
choice, item by item, of what to send (sensitive sections start unticked)."""

from __future__ import annotations

from bot.flows import handoff_summary
from bot.flows.events import HandoffOpened
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

# The state key of the reason (an English source string) the request is made for.
HANDOFF_REASON = "handoff_reason"
# The state key of the ticked items (their keys), once the person changed a tick.
HANDOFF_TICKED = "handoff_ticked"
SEND = "send"
TOGGLE = "tick_"


def ticked(turn: Turn, core: Core) -> frozenset[str]:
    kept = turn.state.shown.get(HANDOFF_TICKED)
    if isinstance(kept, list):
        return frozenset(str(key) for key in kept)
    return frozenset(item.key for item in handoff_summary.items(turn, core.content)
                     if item.ticked)


class HandoffAsk(Screen):
    place = "handoff_ask"

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        reason = str(turn.state.shown.get(HANDOFF_REASON) or "")
        lines = [_("A coach can talk with you here in the chat. Coaches are people, often "
                   "volunteers. I will send them:"),
                 _("- Why: {reason}").format(reason=_(reason)),
                 _("- Your language: {language}").format(
                     language=turn.translator.language.native_name)]
        chosen = ticked(turn, core)
        # Send comes first: the one tap for who is fine with the ticks as they are.
        options = [Option(SEND, _("✅ Send"))]
        for item in handoff_summary.items(turn, core.content):
            mark = "☑" if item.key in chosen else "☐"
            lines.append(f"\n{mark} {_(item.label)}")
            lines += item.lines
            options.append(Option(TOGGLE + item.key, f"{mark} {_(item.label)}"))
        lines.append("\n" + _("What may I send?"))
        return View("\n".join(lines), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        reason = str(turn.state.shown.get(HANDOFF_REASON) or "")
        keys = ticked(turn, core)
        if chosen.startswith(TOGGLE):
            key = chosen.removeprefix(TOGGLE)
            keys = keys - {key} if key in keys else keys | {key}
            core.show(turn, self.place, {HANDOFF_REASON: reason,
                                         HANDOFF_TICKED: sorted(keys)}, new_question=False)
            return
        turn.state.talk.open = True
        turn.effects.emit(HandoffOpened(
            reason, summary=handoff_summary.chosen(turn, core.content, keys)))
        core.show_menu(turn)


SCREEN = HandoffAsk()
