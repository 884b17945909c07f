"""The roadmap's screens: the nine steps, a step's items, an item to mark, the sectors, the
networking plan, and the check-ins after the first job. `at` in the person's state says which."""

from __future__ import annotations

from datetime import date, timedelta

from bot.flows import job, onboarding, roadmap
from bot.flows.roadmap import DONE, HELP, ICONS, STATUS_LABELS, STATUSES
from bot.flows.roadmap_content import Item, Roadmap
from bot.flows.screens import Core
from bot.flows.steps.base import Choices, Reply, please_choose
from bot.flows.turn import Turn
from bot.types import Option

OVERVIEW, STEP, ITEM, SECTORS, NETWORK = "roadmap", "road_step", "road_item", "sectors", "network"
JOB_START, JOB_CHECKIN, JOB_LOW = "job_start", "job_checkin", "job_low"
PLACES = frozenset({OVERVIEW, STEP, ITEM, SECTORS, NETWORK, JOB_START, JOB_CHECKIN, JOB_LOW})
FOLLOW_UP = "network_follow_up"
STEP_BACK, NO_THANKS = "step_back", "no_thanks"


class RoadmapScreens:
    """The roadmap's places; each reaches the conversation only through `Core`."""

    def __init__(self, core: Core, content: Roadmap) -> None:
        self.core = core
        self.roadmap = content

    # Showing a place.

    def _where(self, turn: Turn) -> str:
        """The place the person is on; the overview if its step or item left the content."""
        at = str(turn.state.get("at"))
        if at == STEP and turn.state.get(STEP) not in {s.id for s in self.roadmap.steps}:
            return OVERVIEW
        if at == ITEM and self.roadmap.item(turn.state.get(ITEM, "")) is None:
            return OVERVIEW
        return at

    def show(self, turn: Turn, new_question: bool = True) -> None:
        """The screen the person is on, again (after /start, a photo, an old button)."""
        at = self._where(turn)
        item = self.roadmap.item(turn.state.get(ITEM, ""))
        if at == STEP:
            self.show_step(turn, turn.state[STEP], new_question)
        elif at == ITEM and item is not None:
            self.show_item(turn, item, new_question)
        elif at == SECTORS:
            self._say(turn, *roadmap.sector_screen(turn, self.roadmap), new_question)
        elif at == NETWORK:
            self.show_network(turn, int(turn.state.get(NETWORK, 0)), new_question)
        elif at == JOB_START:
            self._say(turn, *job.start_question(turn), new_question)
        elif at == JOB_CHECKIN:
            self._say(turn, *job.question(turn, turn.state.get(JOB_CHECKIN, "")), new_question)
        elif at == JOB_LOW:
            self._say(turn, *self._low_question(turn), new_question)
        else:
            self.show_overview(turn, new_question)

    def _say(self, turn: Turn, text: str, options: tuple[Option, ...],
             new_question: bool) -> None:
        options = (*options, self.core.menu_option(turn))
        turn.effects.say(text, options, self.core.turn_number(turn, new_question))

    def show_overview(self, turn: Turn, new_question: bool = True) -> None:
        new_question = turn.enter(OVERVIEW) or new_question
        self._say(turn, *roadmap.overview(turn, self.roadmap), new_question)

    def show_step(self, turn: Turn, step_id: str, new_question: bool = True) -> None:
        new_question = turn.enter(STEP, road_step=step_id) or new_question
        self._say(turn, *roadmap.step_screen(turn, self.roadmap, step_id), new_question)

    def show_item(self, turn: Turn, item: Item, new_question: bool = True) -> None:
        new_question = turn.enter(ITEM, road_item=item.id) or new_question
        self._say(turn, *self._item(turn, item), new_question)

    def _item(self, turn: Turn, item: Item) -> tuple[str, tuple[Option, ...]]:
        text, options = roadmap.item_screen(turn, item, onboarding.has_consent(turn.user))
        back = Option(STEP_BACK, turn._("⬅ {step}").format(
            step=turn._(self.roadmap.step(item.step).title)), "nav")
        return text, (*options, back)

    def show_network(self, turn: Turn, index: int, new_question: bool = True) -> None:
        index = max(0, min(index, len(self.roadmap.network) - 1))
        new_question = turn.enter(NETWORK, network=index) or new_question
        text, options = roadmap.network_screen(turn, self.roadmap, index,
                                               onboarding.has_consent(turn.user))
        self._say(turn, text, options, new_question)

    def show_job(self, turn: Turn) -> None:
        """From the menu, once a job has started: how is it going, at any time."""
        turn.enter(JOB_CHECKIN, job_checkin=job.ANY_TIME)
        self._say(turn, *job.question(turn, job.ANY_TIME), True)

    # Answers.

    def answer(self, turn: Turn) -> None:
        at = self._where(turn)
        if at == STEP:
            self._answer_step(turn)
        elif at == ITEM:
            self._answer_item(turn)
        elif at == SECTORS:
            self._answer_sector(turn)
        elif at == NETWORK:
            self._answer_network(turn)
        elif at == JOB_START:
            self._answer_job_start(turn)
        elif at == JOB_CHECKIN:
            self._answer_checkin(turn)
        elif at == JOB_LOW:
            self._answer_low(turn)
        else:
            self._answer_overview(turn)

    def _chosen(self, turn: Turn, options: tuple[Option, ...]) -> str | None:
        chosen = Choices(options).match(Reply(turn.incoming.choice, turn.incoming.text))
        if chosen is None:
            turn.effects.say(please_choose(turn._))
            self.show(turn, new_question=False)
        return chosen

    def _answer_overview(self, turn: Turn) -> None:
        chosen = self._chosen(turn, roadmap.overview(turn, self.roadmap)[1])
        if chosen is None:
            return
        if chosen == roadmap.CHOOSE_SECTOR:
            if self._needs_consent(turn):
                return
            turn.enter(SECTORS)
            self.show(turn)
        elif chosen == roadmap.NETWORK:
            done = set(roadmap.progress(turn.state).get("network") or [])
            first_open = next((n for n, s in enumerate(self.roadmap.network)
                               if s.id not in done), 0)
            self.show_network(turn, first_open)
        else:
            self.show_step(turn, chosen.removeprefix(roadmap.STEP))

    def _answer_step(self, turn: Turn) -> None:
        step_id = turn.state[STEP]
        chosen = self._chosen(turn, roadmap.step_screen(turn, self.roadmap, step_id)[1])
        item = self.roadmap.item((chosen or "").removeprefix(roadmap.ITEM))
        if chosen == roadmap.UP:
            self.show_overview(turn)
        elif item is not None:
            self.show_item(turn, item)

    def _answer_item(self, turn: Turn) -> None:
        item = self.roadmap.item(turn.state[ITEM])
        assert item is not None  # _where() checked it
        chosen = self._chosen(turn, self._item(turn, item)[1])
        if chosen == STEP_BACK:
            self.show_step(turn, item.step)
        elif chosen in STATUSES:
            self._mark(turn, item, chosen)

    def _mark(self, turn: Turn, item: Item, status: str) -> None:
        _ = turn._
        roadmap.mark(turn, item, status)
        if status == HELP:
            turn.effects.say(_("I noted that you need help with: {item}.").format(
                item=_(item.title)) + "\n" + self._who_sees(turn))
        else:
            turn.effects.say(_("Marked: {icon} {status}.").format(
                icon=ICONS[status], status=_(STATUS_LABELS[status])))
        if status == DONE and item.job_start:
            turn.enter(JOB_START)
            self.show(turn)
        else:
            self.show_step(turn, item.step)

    @staticmethod
    def _who_sees(turn: Turn) -> str:
        _ = turn._
        if any((turn.state.get("coaches") or {}).values()):
            return _("I sent your coach a message about it. Talk about it when you meet.")
        return _("No coach sees this yet. For help now, choose Talk to a person in the menu.")

    def _needs_consent(self, turn: Turn) -> bool:
        if onboarding.has_consent(turn.user):
            return False
        turn.effects.say(turn._("This part keeps your answers, so it needs your agreement "
                                "first."))
        self.show_overview(turn, new_question=False)
        return True

    def _answer_sector(self, turn: Turn) -> None:
        chosen = self._chosen(turn, roadmap.sector_screen(turn, self.roadmap)[1])
        if chosen is None:
            return
        if chosen != roadmap.UP and not self._needs_consent(turn):
            sector = self.roadmap.sector(chosen.removeprefix(roadmap.SECTOR))
            roadmap.writable(turn)["sector"] = sector.id if sector else ""
            if sector:
                turn.effects.say(turn._("Your sector: {sector}. The steps now show extra items "
                                        "for it.").format(sector=turn._(sector.label)))
            else:
                turn.effects.say(turn._("Fine. The steps show the items for everyone."))
        self.show_overview(turn)

    def _answer_network(self, turn: Turn) -> None:
        index = max(0, min(int(turn.state.get(NETWORK, 0)), len(self.roadmap.network) - 1))
        chosen = self._chosen(turn, roadmap.network_screen(
            turn, self.roadmap, index, onboarding.has_consent(turn.user))[1])
        if chosen == roadmap.UP:
            self.show_overview(turn)
        elif chosen == roadmap.NET_BACK:
            self.show_network(turn, index - 1)
        elif chosen == roadmap.NET_NEXT:
            self.show_network(turn, index + 1)
        elif chosen == roadmap.NET_DID:
            self._network_done(turn, index)

    def _network_done(self, turn: Turn, index: int) -> None:
        _ = turn._
        step = self.roadmap.network[index]
        done: list[str] = roadmap.writable(turn).setdefault("network", [])
        if step.id not in done:
            done.append(step.id)
        if step.follow_up:
            turn.effects.cancel_reminders.append(FOLLOW_UP)
            turn.effects.remind(FOLLOW_UP, turn.incoming.time
                                + timedelta(days=step.follow_up.days_after), step=step.id)
            turn.effects.say(_("Well done. I will remind you in {days} days to follow up.")
                             .format(days=step.follow_up.days_after))
        else:
            turn.effects.say(_("Well done."))
        if len(done) >= len(self.roadmap.network):
            turn.effects.say(_("You did all the steps of the plan. Keep going: a network grows "
                               "a little every week."))
            self.show_overview(turn)
        else:
            self.show_network(turn, index + 1)

    def _answer_job_start(self, turn: Turn) -> None:
        _ = turn._
        first_day = job.answer_start(turn)
        if first_day is None:
            turn.effects.say(_("Please type a date as day-month-year, for example 24-11-2026."))
            self.show(turn, new_question=False)
            return
        if isinstance(first_day, date):
            if job.schedule(turn, first_day):
                turn.effects.say(_("Good luck! I will ask you how it goes."))
            else:
                turn.effects.say(_("Thank you. I hope your job goes well."))
        else:
            turn.effects.say(_("Fine. When you know the date, mark this item done again."))
        self.show_step(turn, next(s.id for s in self.roadmap.steps
                                  if any(i.job_start for i in s.items)))

    def _answer_checkin(self, turn: Turn) -> None:
        kind = turn.state.get(JOB_CHECKIN, job.ANY_TIME)
        score = job.answer(turn, kind)
        if score is None:
            turn.effects.say(turn._("Please tap a smiley, or type a number from 1 to 5."))
            self.show(turn, new_question=False)
        elif score == job.COACH:
            self._ask_coach(turn)
        else:
            assert isinstance(score, int)
            job.record(turn, kind, score)
            if score <= job.LOW:
                turn.enter(JOB_LOW)
                self.show(turn)
            else:
                turn.effects.say(turn._("Thank you. Good to hear."))
                self.core.show_menu(turn)

    def _low_question(self, turn: Turn) -> tuple[str, tuple[Option, ...]]:
        _ = turn._
        return (_("I am sorry it is hard. A coach can think along with you. Do you want to "
                  "talk to a coach?"),
                (Option(job.COACH, _("🙋 Yes, talk to a coach")),
                 Option(NO_THANKS, _("No, thank you"))))

    def _answer_low(self, turn: Turn) -> None:
        chosen = self._chosen(turn, self._low_question(turn)[1])
        if chosen == job.COACH:
            self._ask_coach(turn)
        elif chosen == NO_THANKS:
            turn.effects.say(turn._("That is fine. You can ask for a coach at any time in the "
                                    "menu."))
            self.core.show_menu(turn)

    def _ask_coach(self, turn: Turn) -> None:
        _ = turn._
        started = next((i for i in self.roadmap.all_items() if i.job_start), None)
        if started is not None:
            roadmap.ask_help(turn, started)
        turn.effects.help_asked.append(job.HELP_TOPIC)
        turn.effects.say(_("I noted that you want to talk to a coach about your job.") + "\n"
                         + self._who_sees(turn))
        self.core.show_menu(turn)

    # Reminders.

    def on_reminder(self, turn: Turn) -> None:
        kind = turn.incoming.reminder or ""
        if kind == FOLLOW_UP:
            step = next((s for s in self.roadmap.network
                         if s.id == turn.incoming.reminder_data.get("step")), None)
            if step is not None and step.follow_up is not None:
                turn.effects.say(turn._(step.follow_up.text))
        elif kind in job.KINDS and job.is_current(turn):
            turn.enter(JOB_CHECKIN, job_checkin=kind)
            self.show(turn)

    @staticmethod
    def handles(reminder: str | None) -> bool:
        return reminder == FOLLOW_UP or reminder in job.KINDS
