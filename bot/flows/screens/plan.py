"""Plan an appointment, for a coach: with which of their newcomers, when, where, what about,
and up to three other times the newcomer may choose if they cannot come. One question at a
time; the draft is kept in the coach's state until it is planned or dropped."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, ClassVar

from bot.flows import appointment_time, coaching, permissions
from bot.flows import appointments as appts
from bot.flows.events import AppointmentPlanned, ProposalsAdded
from bot.flows.screens.base import Core, Screen, View
from bot.flows.turn import Turn
from bot.storage.appointments import MAX_PROPOSALS, Appointment
from bot.types import Option

DRAFT = "plan_draft"
# The draft's stages, in order.
WHO, WHEN, WHERE, TOPIC, OTHER_TIMES, PLAN_CONFIRM = "who", "when", "where", "topic", "others", "ok"
PLAN_IT, DROP, NO_MORE = "plan_it", "drop_plan", "no_more_times"
LONGEST = 200
# In a draft of other times for a meeting already planned: its id, and how many fit still.
ADDING_TO = "adding_to"


def _draft(turn: Turn) -> dict[str, Any]:
    draft = turn.state.shown.get(DRAFT)
    return draft if isinstance(draft, dict) else {}


def _time_example(_: Callable[[str], str]) -> str:
    return _("Type the day and the hour, like 14/01 14:30.")


class Plan(Screen):
    place = "plan"
    action = permissions.PLAN_MEETINGS
    opens_with: ClassVar[Mapping[str, Any]] = MappingProxyType({DRAFT: {"stage": WHO}})

    def view(self, turn: Turn, core: Core) -> View | None:
        _ = turn._
        draft = _draft(turn)
        stage = draft.get("stage")
        if stage == WHO:
            options = tuple(Option(coaching.newcomer_option(n), n.label) for n in turn.newcomers)
            if not options:
                return View(_("Nobody is linked to you yet. Ask the person who runs Brug to "
                              "link you."))
            return View(_("Plan a meeting. With whom?"), options)
        if stage == WHEN:
            return View(_("When?") + " " + _time_example(_))
        if stage == WHERE:
            return View(_("Where? Type the address, or a link for a video call."))
        if stage == TOPIC:
            return View(_("What is it about? Type a few words."))
        if stage == OTHER_TIMES:
            count = len(draft.get("others", [])) + MAX_PROPOSALS - int(
                draft.get("room", MAX_PROPOSALS))
            return View(_("If they cannot come, which other times may they choose? Type one "
                          "({count} of {most} given). {example}").format(
                              count=count, most=MAX_PROPOSALS, example=_time_example(_)),
                        (Option(NO_MORE, _("Done")),))
        if stage == PLAN_CONFIRM:
            return View(self._summary(turn, draft), (Option(PLAN_IT, _("✅ Plan it")),
                                                     Option(DROP, _("✖ Do not plan"))))
        return None

    def _summary(self, turn: Turn, draft: dict[str, Any]) -> str:
        _ = turn._
        language = appts.language_of(turn)
        others = [appointment_time.shown(datetime.fromisoformat(t), language)
                  for t in draft.get("others", [])]
        text = _("With: {name}\n🗓 {time}\n📍 {place}\n💬 {topic}").format(
            name=draft.get("label", ""), place=draft.get("where", ""),
            topic=draft.get("topic", ""),
            time=appointment_time.shown(datetime.fromisoformat(draft["when"]), language))
        if others:
            text += "\n" + _("Other times: {times}").format(times="; ".join(others))
        return text + "\n\n" + _("They get it in their language, with reminders. Plan it?")

    def _go(self, turn: Turn, core: Core, draft: dict[str, Any], stage: str) -> None:
        turn.state.shown[DRAFT] = {**draft, "stage": stage}
        core.show(turn, self.place, new_question=True)

    def choose(self, turn: Turn, core: Core, chosen: str) -> None:
        _ = turn._
        draft = _draft(turn)
        stage = draft.get("stage")
        if stage == WHO:
            linked = next(n for n in turn.newcomers if coaching.newcomer_option(n) == chosen)
            self._go(turn, core, {"newcomer": linked.user_id, "label": linked.label}, WHEN)
        elif stage == OTHER_TIMES and ADDING_TO in draft:
            self._add_times(turn, core, draft)
        elif stage == OTHER_TIMES:
            self._go(turn, core, draft, PLAN_CONFIRM)
        elif chosen == PLAN_IT:
            turn.state.shown.pop(DRAFT, None)
            turn.effects.emit(AppointmentPlanned(
                int(draft["newcomer"]), datetime.fromisoformat(draft["when"]),
                str(draft["where"]), str(draft["topic"]),
                tuple(datetime.fromisoformat(t) for t in draft.get("others", []))))
            core.show_menu(turn)
        else:
            turn.state.shown.pop(DRAFT, None)
            turn.effects.say(_("Nothing was planned."))
            core.show_menu(turn)

    def typed(self, turn: Turn, core: Core) -> bool:
        draft = _draft(turn)
        stage = draft.get("stage")
        text = " ".join(turn.incoming.text.split())[:LONGEST]
        if stage in (WHEN, OTHER_TIMES):
            moment = appointment_time.parse(text, turn.incoming.time)
            if moment is None:
                turn.effects.say(self._not_a_time(turn._))
                core.show(turn, self.place, new_question=False)
                return True
            if stage == WHEN:
                self._go(turn, core, {**draft, "when": moment.isoformat()}, WHERE)
                return True
            others = [*draft.get("others", []), moment.isoformat()]
            draft = {**draft, "others": others}
            if len(others) < int(draft.get("room", MAX_PROPOSALS)):
                self._go(turn, core, draft, OTHER_TIMES)
            elif ADDING_TO in draft:
                self._add_times(turn, core, draft)
            else:
                self._go(turn, core, draft, PLAN_CONFIRM)
            return True
        if stage in (WHERE, TOPIC) and text:
            key, following = ("where", TOPIC) if stage == WHERE else ("topic", OTHER_TIMES)
            self._go(turn, core, {**draft, key: text}, following)
            return True
        return False

    def _add_times(self, turn: Turn, core: Core, draft: dict[str, Any]) -> None:
        turn.state.shown.pop(DRAFT, None)
        times = tuple(datetime.fromisoformat(t) for t in draft.get("others", []))
        if times:
            turn.effects.emit(ProposalsAdded(int(draft[ADDING_TO]), times))
            turn.effects.say(turn._("Thank you. If {name} cannot come, they can choose one of "
                                    "these times.").format(name=draft.get("label", "")))
        core.show_menu(turn)

    @staticmethod
    def _not_a_time(_: Callable[[str], str]) -> str:
        # Only for the time questions: a name typed on "With whom?" is asked to choose.
        return _("I did not understand that. A time in the future, please.") + " " \
            + _time_example(_)


SCREEN = Plan()


def suggest(turn: Turn, core: Core, newcomer: str, around: str) -> None:
    """A newcomer of this coach asked for a follow-up talk: planning opens, with them chosen."""
    _ = turn._
    linked = next((n for n in turn.newcomers if str(n.user_id) == str(newcomer)), None)
    if linked is None:
        return
    try:
        day = appointment_time.shown(datetime.fromisoformat(around), appts.language_of(turn))
    except ValueError:
        return
    turn.effects.say(_("{name} asked for a follow-up talk in about two weeks, around {day}. "
                       "Plan it now.").format(name=linked.label, day=day.split(",")[0]))
    core.show(turn, SCREEN.place, {DRAFT: {"newcomer": linked.user_id, "label": linked.label,
                                           "stage": WHEN}})


def add_times(turn: Turn, core: Core, appointment: Appointment) -> None:
    """Other times for a meeting already planned (the coach's meeting card)."""
    room = MAX_PROPOSALS - len([p for p in appointment.proposals if p > turn.incoming.time])
    core.show(turn, SCREEN.place, {DRAFT: {ADDING_TO: appointment.id, "room": room,
                                           "label": appointment.label,
                                           "stage": OTHER_TIMES}})
