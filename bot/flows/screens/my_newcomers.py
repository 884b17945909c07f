"""My newcomers, a coach's home: each newcomer linked to them with their steps done and open
"I need help" items (only what each shares; a button opens their profile), the requests that
wait for a coach and the coach's open conversations, the next meetings, and quiet hours.
A page at a time; every view keeps a way back."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

from bot.flows import appointments as appts
from bot.flows import coach_view, coaching, permissions
from bot.flows.appointment_time import shown
from bot.flows.desk_events import DataSeen, RequestSummaryShown
from bot.flows.handoff_talk import HO_CLAIM, HO_WRITE, button, tag
from bot.flows.screens import coach_appointments, quiet_hours
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.appointments import PLANNED, Appointment
from bot.storage.audit import PROFILE
from bot.types import Option

DESK_PAGE, VIEW, REQUEST = "desk_page", "desk_view", "desk_request"
HOME, REQUESTS, ONE_REQUEST = "home", "requests", "request"
# Newcomers on one page; the channel pages the buttons further if it must.
PAGE_SIZE = 8
NEXT_MEETINGS = 3
DESK_EARLIER, DESK_LATER, DESK_BACK = "desk_earlier", "desk_later", "desk_back"
OPEN_REQUESTS, MEETINGS, QUIET = "desk_requests", "desk_meetings", "desk_quiet"
REQUEST_PREFIX = "req"


class MyNewcomers(Screen):
    # The place keeps the name of the list it grew from: stored states and the menu find it.
    place = "coach"
    action = permissions.SEE_NEWCOMERS
    opens_with: ClassVar[Mapping[str, Any]] = MappingProxyType(
        {VIEW: HOME, DESK_PAGE: 0, REQUEST: None})

    def view(self, turn: Turn, core: Core) -> View:
        at = turn.state.shown.get(VIEW)
        if at == ONE_REQUEST and self._still_waiting(turn, turn.state.shown.get(REQUEST)):
            _ = turn._
            return View(_("Take this request?"), (
                Option(button(HO_CLAIM, turn.state.shown[REQUEST]), _("✋ I take it")),
                Option(OPEN_REQUESTS, _("⬅ Requests and conversations"), "nav")))
        if at in (REQUESTS, ONE_REQUEST):  # a request someone took meanwhile: the list
            return self._requests(turn)
        return self._home(turn, core)

    # The home view.

    @staticmethod
    def _page(turn: Turn) -> tuple[int, int]:
        """The page shown (counted from 0, within range) and how many there are."""
        pages = max(1, -(-len(turn.newcomers) // PAGE_SIZE))
        page = turn.state.shown.get(DESK_PAGE)
        return (page if isinstance(page, int) and 0 <= page < pages else 0), pages

    def _home(self, turn: Turn, core: Core) -> View:
        _ = turn._
        assert turn.user.id is not None  # a coach has written before
        page, pages = self._page(turn)
        listed = turn.newcomers[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
        if listed:
            title = _("Your newcomers:") if pages == 1 else _(
                "Your newcomers (page {page} of {pages}):").format(page=page + 1, pages=pages)
            lines = ["\n".join([title, *(
                coach_view.line(turn, coach_view.glance(linked, core.content))
                for linked in listed)])]
        else:
            lines = [_("Nobody is linked to you yet. Ask the person who runs Brug to link you, "
                       "or share your link.")]
        waiting = turn.lookup.requests_waiting_for(turn.user.id)
        talking = turn.lookup.conversations_of(turn.user.id)
        lines.append(_("Requests waiting for a coach: {waiting}. Your open conversations: "
                       "{open}.").format(waiting=len(waiting), open=len(talking)))
        coming = upcoming(turn)[:NEXT_MEETINGS]
        if coming:
            language = appts.language_of(turn)
            lines.append(_("Your next meetings:") + "\n" + "\n".join(
                f"- {a.label}, {shown(a.starts_at, language)}" for a in coming))
        lines.append(quiet_hours.line(turn))
        options = [Option(coaching.newcomer_option(linked),
                          coaching.marked(linked))
                   for linked in listed]
        if page > 0:
            options.append(Option(DESK_EARLIER, _("◀ Earlier newcomers")))
        if page + 1 < pages:
            options.append(Option(DESK_LATER, _("More newcomers ▶")))
        options += [Option(OPEN_REQUESTS, _("💬 Requests and conversations ({count})").format(
                        count=len(waiting) + len(talking))),
                    Option(MEETINGS, _("📅 My meetings")),
                    Option(QUIET, _("🌙 Quiet hours"))]
        return View("\n\n".join(lines), tuple(options))

    # Requests and conversations.

    def _requests(self, turn: Turn) -> View:
        _ = turn._
        assert turn.user.id is not None
        waiting = turn.lookup.requests_waiting_for(turn.user.id)
        talking = turn.lookup.conversations_of(turn.user.id)
        lines = []
        if waiting:
            lines.append(_("Waiting for a coach (tap one to read it and take it):"))
            lines += [("🚨 " if h.urgent else "🙋 ") + f"{h.newcomer.name} {tag(h.id)}"
                      for h in waiting]
        if talking:
            lines.append(_("Your open conversations (tap one to write to that person):"))
        if not lines:
            lines.append(_("No request waits for a coach, and you have no open conversations."))
        options = [Option(f"{REQUEST_PREFIX}{h.id}", f"📋 {h.newcomer.name} {tag(h.id)}")
                   for h in waiting]
        # The conversation buttons are the handoff's own: its mode takes them.
        options += [Option(button(HO_WRITE, c.id), f"✍ {c.newcomer.name} {tag(c.id)}")
                    for c in talking]
        options.append(Option(DESK_BACK, _("⬅ My newcomers"), "nav"))
        return View("\n".join(lines), tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        page, _pages = self._page(turn)
        if chosen in (DESK_EARLIER, DESK_LATER):
            core.show(turn, self.place, {DESK_PAGE: page + (1 if chosen == DESK_LATER else -1)},
                      new_question=False)
        elif chosen == OPEN_REQUESTS:
            core.show(turn, self.place, {VIEW: REQUESTS})
        elif chosen == DESK_BACK:
            core.show(turn, self.place, {VIEW: HOME})
        elif chosen == MEETINGS:
            core.show(turn, coach_appointments.SCREEN.place, coach_appointments.SCREEN.opens_with)
        elif chosen == QUIET:
            core.show(turn, quiet_hours.SCREEN.place)
        elif chosen.startswith(REQUEST_PREFIX):
            self._open_request(turn, core, int(chosen.removeprefix(REQUEST_PREFIX)))
        else:
            self._open_newcomer(turn, core, chosen)

    def _open_newcomer(self, turn: Turn, core: Core, chosen: str) -> None:
        linked = next((n for n in turn.newcomers if coaching.newcomer_option(n) == chosen),
                      None)
        if linked is None:  # not theirs: the options hold only their own newcomers
            core.show(turn, self.place, new_question=False)
            return
        if coach_view.may_see(linked):
            turn.effects.emit(DataSeen(linked.user_id, PROFILE))
        turn.effects.say(coaching.profile_of(turn, core.content, linked), apart=True)
        core.show(turn, self.place, new_question=False)

    @staticmethod
    def _still_waiting(turn: Turn, handoff_id: object) -> bool:
        """Whether this request still waits for a coach, and this coach was told of it."""
        return turn.user.id is not None and isinstance(handoff_id, int) and handoff_id in {
            h.id for h in turn.lookup.requests_waiting_for(turn.user.id)}

    def _open_request(self, turn: Turn, core: Core, handoff_id: int) -> None:
        if not self._still_waiting(turn, handoff_id):
            turn.effects.say(turn._("This request is not for you, or it is gone."))
            core.show(turn, self.place, {VIEW: REQUESTS}, new_question=False)
            return
        turn.effects.emit(RequestSummaryShown(handoff_id))
        core.show(turn, self.place, {VIEW: ONE_REQUEST, REQUEST: handoff_id})


def upcoming(turn: Turn) -> list[Appointment]:
    """The coach's planned meetings from now on, the soonest first."""
    if turn.user.id is None:
        return []
    now = turn.incoming.time
    return sorted((a for a in turn.lookup.appointments_of(turn.user.id)
                   if a.status == PLANNED and a.starts_at >= now), key=lambda a: a.starts_at)


SCREEN = MyNewcomers()
