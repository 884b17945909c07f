"""Who came to one of the organiser's events: the first names of those who held a place, a
page at a time; a press ticks or unticks one, or one button ticks everyone who did not
cancel. Only counts leave this screen (in the results)."""

from __future__ import annotations

from bot.flows import permissions
from bot.flows.results_events import AttendanceTicked, EveryoneCame
from bot.flows.screens.base import Core, Screen, View
from bot.flows.screens.event_admin import CAME_PAGE, CAME_SCREEN, own_event
from bot.flows.screens.event_admin import SCREEN as ADMIN
from bot.flows.turn import Turn
from bot.storage.event_review import EventReview, Joined
from bot.types import Option

PAGE_KEY = CAME_PAGE
# What this turn changed, shown before its event is applied (at the end of the update).
FLIPPED_KEY = "came_flipped"
ALL_KEY = "came_all_now"
PER_PAGE = 20
PERSON = "c"
EVERYONE = "came_all"
CAME_EARLIER = "came_prev"
CAME_LATER = "came_next"
CAME_BACK = "came_back"


def _people(turn: Turn, event_id: int) -> list[Joined]:
    people = EventReview(turn.lookup.gatherings().conn).joined(event_id)
    flipped = turn.state.shown.get(FLIPPED_KEY)
    every = turn.state.shown.get(ALL_KEY) is True
    return [Joined(p.user_id, p.name, every or (p.came != (p.user_id == flipped)))
            for p in people]


class EventCame(Screen):
    place = CAME_SCREEN
    action = permissions.ORGANISE

    def view(self, turn: Turn, core: Core) -> View | None:
        event = own_event(turn)
        if event is None:
            return None
        _ = turn._
        people = _people(turn, event.id)
        if not people:
            return View(_("Nobody held a place at {title}, so there is nobody to tick.")
                        .format(title=event.title), (Option(CAME_BACK, _("◀ Back to the event"),
                                                            "nav"),))
        pages = -(-len(people) // PER_PAGE)
        page = turn.state.shown.get(PAGE_KEY)
        page = page % pages if isinstance(page, int) else 0
        start = page * PER_PAGE
        text = _("Who came to {title}? Tap a name to tick it, or tap it again to untick it. "
                 "Came: {count} of {total}.").format(
                     title=event.title, count=sum(p.came for p in people), total=len(people))
        if pages > 1:
            text += "\n" + _("Page {page} of {pages}.").format(page=page + 1, pages=pages)
        options = [Option(f"{PERSON}{p.user_id}", "{mark} {name}".format(
            mark="✅" if p.came else "▫️",
            name=p.name or _("Person {number}").format(number=start + number + 1)))
            for number, p in enumerate(people[start:start + PER_PAGE])]
        options.append(Option(EVERYONE, _("Everyone who did not cancel came")))
        if pages > 1:
            options += [Option(CAME_EARLIER, _("◀ Earlier names"), "nav"),
                        Option(CAME_LATER, _("Later names ▶"), "nav")]
        options.append(Option(CAME_BACK, _("◀ Back to the event"), "nav"))
        return View(text, tuple(options))

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        event = own_event(turn)
        assert event is not None  # the view showed options, so it found the event
        shown = turn.state.shown
        if chosen == CAME_BACK:
            core.show(turn, ADMIN.place)
            return
        if chosen in (CAME_EARLIER, CAME_LATER):
            page = shown.get(PAGE_KEY)
            shown[PAGE_KEY] = (page if isinstance(page, int) else 0) + (
                1 if chosen == CAME_LATER else -1)
        elif chosen == EVERYONE:
            turn.effects.emit(EveryoneCame(event.id))
            shown[ALL_KEY] = True
        elif chosen.startswith(PERSON) and chosen[len(PERSON):].isdecimal():
            person = int(chosen[len(PERSON):])
            turn.effects.emit(AttendanceTicked(event.id, person))
            shown[FLIPPED_KEY] = person
        core.show(turn, self.place, new_question=False)
        shown.pop(FLIPPED_KEY, None)
        shown.pop(ALL_KEY, None)


SCREEN = EventCame()
