"""Before a request goes to a coach: what the coach will see, shown first, and the person's
choice of what to send (all of it, only their language, or nothing yet)."""

from __future__ import annotations

from bot.flows.events import HandoffOpened
from bot.flows.handoff_talk import summary
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.types import Option

# The state key of the reason (an English source string) the request is made for.
HANDOFF_REASON = "handoff_reason"
SEND_ALL, SEND_LANGUAGE = "send_all", "send_language"


class HandoffAsk(Screen):
    place = "handoff_ask"

    def view(self, turn: Turn, core: Core) -> View:
        _ = turn._
        reason = str(turn.state.shown.get(HANDOFF_REASON) or "")
        shared = summary(turn, core.content, full=True)
        lines = [_("A coach can talk with you here in the chat. Coaches are people, often "
                   "volunteers. I will send them:"),
                 _("- Why: {reason}").format(reason=_(reason)),
                 _("- Your language: {language}").format(
                     language=turn.translator.language.native_name)]
        if "progress" in shared:
            done, total = shared["progress"]
            lines.append(_("- Your steps to a job: {done} of {total} done").format(
                done=done, total=total))
        if shared.get("help"):
            lines.append(_("- You asked for help with: {items}").format(
                items=", ".join(_(title) for title in shared["help"])))
        lines.append(_("What may I send?"))
        options = [Option(SEND_ALL, _("✅ Send all of this"))]
        if len(shared) > 1:
            options.append(Option(SEND_LANGUAGE, _("Only why and my language")))
        return View("\n".join(lines), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        reason = str(turn.state.shown.pop(HANDOFF_REASON, "") or "")
        turn.state.talk.open = True
        turn.effects.emit(HandoffOpened(
            reason, summary=summary(turn, core.content, full=chosen == SEND_ALL)))
        core.show_menu(turn)


SCREEN = HandoffAsk()
