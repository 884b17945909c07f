"""The conversation: routes one update to a flow step or, through the screens' dispatch, to
the screen the person is on, and says what follows. It changes only the user record it is
given and returns Effects; the application stores both in one transaction. It never sends
anything and does no I/O."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from bot.flows import (
    anonymous,
    crisis,
    followups,
    measures,
    modes,
    onboarding,
    permissions,
    runs,
    state,
)
from bot.flows.actions import DO
from bot.flows.commands import OPENS, Opens
from bot.flows.consent_purposes import ANSWERS
from bot.flows.content import (
    CHECKIN,
    FROM_MENU,
    ONBOARDING,
    REMINDER_VALUE,
    Content,
    FlowSpec,
    StepSpec,
)
from bot.flows.effects import Effects
from bot.flows.engine import FlowMachine, FlowRun
from bot.flows.events import (
    ConsentChanged,
    ConsentGiven,
    LinkOpened,
    RemindersCancelled,
    ReminderSet,
)
from bot.flows.lookup import Lookup
from bot.flows.number_hints import Swap, reworded, swaps
from bot.flows.paging import MORE
from bot.flows.screens import network, place, summary
from bot.flows.screens.base import after_flow
from bot.flows.screens.dispatch import MENU, Dispatch
from bot.flows.screens.registry import SCREENS, shown_by_reminder
from bot.flows.steps import STEP_KINDS
from bot.flows.steps.base import Accepted, Reply, StepContext, fill
from bot.flows.turn import Turn
from bot.i18n import beside
from bot.i18n.catalogs import Catalogs, Translator
from bot.storage.repository import UserRecord
from bot.types import ChannelLimits, Incoming, Option

NAV_BACK, NAV_SKIP, NAV_MENU = "nav_back", "nav_skip", "nav_menu"
# Someone who comes back after this long is told where they were.
RESUME_AFTER = timedelta(hours=6)
# An unfinished flow is recalled once the person has been away this long.
NUDGE_AFTER = timedelta(days=2)


def _letters(label: str) -> str:
    """The word of a button label without its arrows and icons, for matching typed words."""
    kept = "".join(ch for ch in label if not unicodedata.category(ch).startswith(("S", "P")))
    return kept.strip().casefold()


def nav_labels(_: Callable[[str], str]) -> dict[str, str]:
    return {NAV_BACK: _("⬅ Back"), NAV_SKIP: _("Skip ⏭"), NAV_MENU: _("☰ Menu")}


class Conversation:
    """Everything a person can do in a chat, independent of the channel."""

    def __init__(self, content: Content, catalogs: Catalogs,
                 limits: dict[str, ChannelLimits] | None = None) -> None:
        self.content = content
        self.catalogs = catalogs
        # What one message holds, per channel name; a channel not named here gets the defaults.
        self.limits = limits if limits is not None else {}
        self.machines = {name: FlowMachine(spec) for name, spec in content.flows.items()}
        self.flow_titles = {name: spec.title for name, spec in content.flows.items()}
        self.screens = Dispatch(self, SCREENS)
        # The number hints' swaps of each language, translated once (bot/flows/number_hints.py).
        self._swaps = {lang.code: swaps(catalogs.get(lang.code).gettext)
                       for lang in catalogs.all_languages}

    # The one door in.

    def handle(self, user: UserRecord, incoming: Incoming, lookup: Lookup) -> Effects:
        """One update: the replies and the events the application applies, in one transaction."""
        effects = Effects(to=incoming.user, channel=incoming.channel,
                          limits=self.limits.get(incoming.channel, ChannelLimits()))
        agreed = onboarding.has_consent(user)
        answered = (user.consent, user.consent_version)
        if incoming.kind == "command" and incoming.command == "start" and incoming.payload:
            # The link is opened first; what it says comes before the start's replies.
            effects.emit(LinkOpened(incoming.payload))
        turn = Turn(user, incoming, effects, self._translator(user, incoming, effects), lookup,
                    state.load(user.state))
        self._turn(turn)
        effects.said.wanted = turn.state.dutch_beside and turn.translator.code != beside.DUTCH
        if turn.state.started:
            user.state = state.dump(turn.state)
        if (user.consent, user.consent_version) != answered:
            # Recorded with the other purposes (bot/flows/consent_purposes.py).
            effects.emit(ConsentChanged(ANSWERS, onboarding.has_consent(user),
                                        user.consent_version or ""))
        if not agreed and onboarding.has_consent(user):
            effects.emit(ConsentGiven())
        return effects

    def _turn(self, turn: Turn) -> None:
        user, incoming, effects = turn.user, turn.incoming, turn.effects
        returning = user.seen_at is not None and incoming.time - user.seen_at > RESUME_AFTER
        if incoming.kind != "timeout":
            user.seen_at = incoming.time
        effects.more_label = turn._("More ▶")
        if not effects.limits.numbered:
            effects.wording = self._without_number_hints(turn)
        if crisis.heard(turn, self.content.care) and turn.state.started:
            # Before anything else: people who can help. The words are never taken as an
            # answer: the same question comes again right after the helplines.
            self.show_current(turn)
            return
        if turn.state.started and modes.taken(turn, self):
            # A mode (a conversation with a coach) took the update before the bot reads it.
            return
        if not turn.state.started:
            if incoming.kind == "timeout":
                return
            self.start_flow(turn, ONBOARDING)
            if incoming.payload:
                # What the link opens is shown once onboarding is done.
                self.screens.keep_link(turn, incoming.payload)
        elif incoming.kind == "timeout":
            self._on_reminder(turn)
        elif incoming.kind == "media":
            effects.say(turn._("I can only read text and buttons. Please type your answer "
                               "or tap a button."))
            self.show_current(turn)
        elif incoming.kind == "command":
            self._on_command(turn)
        elif incoming.kind == "press" and incoming.turn != turn.state.turn:
            effects.say(turn._("That button belongs to an earlier message. Here is where we "
                               "are now:"))
            self.show_current(turn)
        elif incoming.kind == "press" and incoming.choice == MORE:
            turn.state.options_page += 1
            self.show_current(turn)
        else:
            effects.answered_open_question = incoming.kind == "press"
            self._on_reply(turn, returning)

    def _translator(self, user: UserRecord, incoming: Incoming, effects: Effects) -> Translator:
        own = self.catalogs.get(user.language or self.catalogs.choose(incoming.language_hint))
        # Notes what it translates, for the Dutch line under each reply (bot/i18n/beside.py).
        return beside.noting(self.catalogs, own, effects.said)

    def _without_number_hints(self, turn: Turn) -> Callable[[str], str]:
        """The rewording for a channel without numbered buttons. It translates unnoted (in
        the language of the moment: the turn may change it), and tells the noted texts of
        the turn of each swap, so the Dutch line says the same."""
        dutch, said = self.catalogs.get(beside.DUTCH), turn.effects.said

        def swapped(swap: Swap) -> None:
            own, own_now, numbered, plain = swap
            said.reword(own, own_now, dutch.gettext(numbered), dutch.gettext(plain))

        def rewording(text: str) -> str:
            own = self.catalogs.get(turn.translator.code)
            pairs = self._swaps.get(own.code)
            return reworded(text, swaps(own.gettext) if pairs is None else pairs, swapped)

        return rewording

    # Commands and navigation.

    def _on_command(self, turn: Turn) -> None:
        command = turn.incoming.command or ""
        _ = turn._
        target = OPENS.get(command)
        if not permissions.command_allowed(turn.user.role, command):
            turn.effects.say(permissions.refusal(_))
            self.show_current(turn)
        elif command == "start":
            turn.effects.say(_("Welcome back!"))
            payload = turn.incoming.payload
            if self._left_onboarding(turn):
                # They went to the menu before the intro and the consent question: those
                # come first, so /start takes them back there.
                place.enter_flow(turn, ONBOARDING)
                if payload:
                    self.screens.keep_link(turn, payload)
            elif payload and self.screens.open_link(turn, payload):
                return
            self.show_current(turn, resume=True)
        elif command in ("back", "skip"):
            self._navigate(turn, NAV_BACK if command == "back" else NAV_SKIP)
        elif target is None or not self.open(turn, target):
            turn.effects.say(_("I do not know that command. Use the buttons, or type /menu."))
            self.show_current(turn)

    def open(self, turn: Turn, target: Opens) -> bool:
        """Open what a command or a menu item names; False if it is not for this person."""
        if target.screen is not None:
            return self.screens.open(turn, target.screen)
        if target.flow is not None and self.content.flows[target.flow].trigger is not None:
            if not self.start_triggered(turn, self.content.flows[target.flow], {
                    **turn.state.triggered.get(target.flow, {}), REMINDER_VALUE: FROM_MENU}):
                self.show_menu(turn)
            return True
        if target.flow is not None:
            self.start_flow(turn, target.flow)
        elif target.page is not None:
            self.show_page(turn, target.page)
        return target.flow is not None or target.page is not None

    def offers(self, turn: Turn, screen: str) -> bool:
        return self.screens.find(turn, screen) is not None

    def offers_flow(self, turn: Turn, flow: str) -> bool:
        """A triggered flow is offered in the menu once its trigger came for this person."""
        spec = self.content.flows[flow]
        return spec.trigger is None or flow in turn.state.triggered

    def _typed_nav(self, turn: Turn) -> str | None:
        """'menu', 'back' or 'skip' typed as a word, in English or the person's language."""
        text = turn.incoming.text.strip().casefold()
        if not text or len(text) > 20:
            return None
        words = {"back": NAV_BACK, "skip": NAV_SKIP, "menu": NAV_MENU}
        for nav, label in nav_labels(turn._).items():
            words[_letters(label)] = nav
        return words.get(_letters(text))

    def _navigate(self, turn: Turn, nav: str) -> None:
        if nav == NAV_MENU or not self._in_flow(turn):
            self.show_menu(turn)
            return
        _ = turn._
        spec, run = self._load_run(turn)
        machine = self.machines[spec.name]
        if nav == NAV_BACK:
            if not machine.back(run):
                turn.effects.say(_("This is the first question."))
        elif run.step.optional:
            run.answers[run.state] = None
            machine.advance(run)
        else:
            turn.effects.say(_("You cannot skip this question. Please answer it."))
        self.store_run(turn, run)
        if run.done:
            self._finish_flow(turn, spec, run)
        else:
            self.ask(turn, spec, run, new_question=True)

    # Replies: a pressed option or typed text.

    def _on_reply(self, turn: Turn, returning: bool) -> None:
        incoming = turn.incoming
        nav = incoming.choice if incoming.choice in (NAV_BACK, NAV_SKIP, NAV_MENU) else None
        if nav is None and incoming.kind == "text":
            nav = self._typed_nav(turn)
        in_flow = self._in_flow(turn)  # read once: nothing changes the run before a branch
        if nav != NAV_MENU and in_flow and anonymous.closed(
                self._load_run(turn)[1].values, incoming.time):
            # A poll that closed: a kind line, and nothing of the reply is taken.
            turn.effects.say(anonymous.closed_line(turn))
            self.show_menu(turn)
        elif nav:
            self._navigate(turn, nav)
        elif in_flow:
            self._answer(turn, returning)
        else:
            self.screens.reply(turn)

    def _answer(self, turn: Turn, returning: bool) -> None:
        spec, run = self._load_run(turn)
        step = run.step
        reply = Reply(choice=turn.incoming.choice, text=turn.incoming.text)
        outcome = STEP_KINDS[step.type].parse(step, reply, self._context(turn, run))
        if not isinstance(outcome, Accepted):
            turn.effects.say(outcome.reason)
            # After a long break, say where we are: the reply may have been meant for another time.
            self.ask(turn, spec, run, new_question=False, resume=returning)
            return
        if not outcome.final:
            run.pending = outcome.value
            self.store_run(turn, run)
            self.ask(turn, spec, run, new_question=False)
            return
        run.answers[step.id] = outcome.value
        if spec.anonymous:
            anonymous.answered(turn, run, step, outcome.value)
        followups.after_answer(turn, spec, step, outcome.value)
        spoke = self._option_effects(turn, run, step, outcome.value)
        onboarding.apply_answer(turn.user, step, outcome.value, turn.incoming)
        if step.type == "language":
            turn.translator = self._translator(turn.user, turn.incoming, turn.effects)
        self.machines[spec.name].advance(run, outcome.value)
        if run.editing:
            self.machines[spec.name].skip_answered(run)
        self.store_run(turn, run)
        if run.done:
            chosen = next((o for o in step.options if o.id == outcome.value), None)
            self._finish_flow(turn, spec, run, said_so=spoke,
                              starts=chosen.starts if chosen else None)
        else:
            self.ask(turn, spec, run, new_question=True)

    def _option_effects(self, turn: Turn, run: FlowRun, step: StepSpec, value: Any) -> bool:
        """What the chosen option says and does (`says`, `do`); True if it said something."""
        option = next((o for o in step.options if o.id == value), None)
        if option is None or not (option.says or option.do):
            return False
        line = DO[option.do](turn, self.content, run, step, option) if option.do else None
        said = fill(turn._(option.says), run.values if run.instance is not None else None) \
            if option.says else ""
        text = "\n".join(part for part in (said, line) if part)
        if text:
            turn.effects.say(text)
        return bool(text)

    # Flows.

    @staticmethod
    def _left_onboarding(turn: Turn) -> bool:
        run = runs.stored(turn.state, ONBOARDING, None)
        return run is not None and run.unfinished

    def _in_flow(self, turn: Turn) -> bool:
        # A run on a step its flow no longer has is left: the screens show the menu.
        return place.flow_of(turn, self.content.flows) is not None \
            and not self._load_run(turn)[1].lost

    def _load_run(self, turn: Turn) -> tuple[FlowSpec, FlowRun]:
        spec = self.content.flows[place.flow_of(turn, self.content.flows) or ""]
        instance = place.instance_of(turn) if spec.trigger is not None else None
        return spec, FlowRun(spec, runs.stored(turn.state, spec.name, instance), instance)

    def store_run(self, turn: Turn, run: FlowRun) -> None:
        if run.instance is not None and run.answers:
            run.day = turn.incoming.time.date().isoformat()
        runs.store(turn.state, run.spec.name, run.instance, run.record())

    def start_flow(self, turn: Turn, name: str) -> None:
        spec = self.content.flows[name]
        if spec.requires_consent and not onboarding.has_consent(turn.user):
            turn.effects.say(turn._("This part keeps your answers, so it needs your agreement "
                                    "first."))
            self.show_menu(turn)
            return
        previous = runs.stored(turn.state, name, None)
        # Flows that keep answers go on where the person left them; settings start afresh.
        resume = spec.requires_consent and previous is not None and previous.unfinished
        run = FlowRun(spec, previous if resume else None)
        place.enter_flow(turn, name)
        self.store_run(turn, run)
        if spec.nudge:
            turn.effects.emit(ReminderSet("nudge", turn.incoming.time + NUDGE_AFTER,
                                          {"flow": name}))
        self.ask(turn, spec, run, new_question=True, resume=resume)

    def start_triggered(self, turn: Turn, spec: FlowSpec, values: Mapping[str, str]) -> bool:
        """Start (or go on with) the run of a triggered flow for the instance its trigger's
        values name; False if it does not apply to this person (nothing is said then)."""
        assert spec.trigger is not None
        if spec.requires_consent and not onboarding.has_consent(turn.user):
            return False
        if anonymous.closed(values, turn.incoming.time):
            return False
        instance = spec.trigger.instance_of(values)
        carried = {k: v for k, v in values.items() if k != REMINDER_VALUE}
        if carried:
            turn.state.triggered[spec.name] = carried
        previous = runs.stored(turn.state, spec.name, instance)
        resume = previous is not None and previous.unfinished
        run = FlowRun(spec, previous if resume else None, instance)
        if not resume:
            run.values = dict(values)
            self.machines[spec.name].begin(run)
        if run.done:
            return False
        place.enter_flow(turn, spec.name, instance)
        self.store_run(turn, run)
        if spec.nudge:
            turn.effects.emit(ReminderSet("nudge", turn.incoming.time + NUDGE_AFTER,
                                          {"flow": spec.name}))
        self.ask(turn, spec, run, new_question=True, resume=resume)
        return True

    def _finish_flow(self, turn: Turn, spec: FlowSpec, run: FlowRun, *,
                     said_so: bool = False, starts: str | None = None) -> None:
        _ = turn._
        if spec.nudge:
            # Only these flows set a nudge (see start_flow).
            turn.effects.emit(RemindersCancelled("nudge"))
        if spec.group == "profile":
            measures.schedule(turn, spec)
            self.show(turn, summary.SCREEN.place, summary.of(spec))
            return
        if spec.name == CHECKIN:
            changed = measures.then_and_now(turn, self.content)
            turn.effects.say(_("Thank you.") + (f"\n\n{changed}" if changed else ""))
            self.show_menu(turn)
            return
        if said_so:
            pass  # the last option chosen said what comes instead of the thank-you
        elif spec.done is not None:
            turn.effects.say(fill(_(spec.done), run.values if run.instance is not None else None))
        elif spec.name == "language":
            turn.effects.say(_("From now on I write in English."))
        elif "consent" in run.answers:
            if onboarding.has_consent(turn.user):
                turn.effects.say(_("Thank you. You can change your mind at any time."))
            else:
                turn.effects.say(_("That is fine. I only keep your language. You can "
                                   "still read all the information. Change your mind at any "
                                   "time in the menu."))
        else:
            turn.effects.say(_("Thank you, that was the last question."))
        following = self.content.started_by(starts) if starts else None
        if following is not None and self.start_triggered(turn, following, {
                **{k: v for k, v in run.values.items()
                   if k not in (REMINDER_VALUE, anonymous.OPEN_UNTIL)},
                REMINDER_VALUE: starts or ""}):
            # The last option chose to go on with another flow (a reflection after a poll).
            return
        if spec.then is not None:
            self.show(turn, spec.then, after_flow(spec.name, run.instance))
            return
        if not self.screens.show_kept(turn):
            self.show_menu(turn)

    def _context(self, turn: Turn, run: FlowRun) -> StepContext:
        return StepContext(
            translator=turn.translator,
            answers=run.answers,
            languages=self.catalogs.languages,
            language_hint=turn.user.language or turn.incoming.language_hint,
            pending=run.pending,
            today=turn.incoming.time.date(),
            values=run.values if run.instance is not None else None,
        )

    def ask(self, turn: Turn, spec: FlowSpec, run: FlowRun, *, new_question: bool,
             resume: bool = False) -> None:
        _ = turn._
        step = run.step
        rendered = STEP_KINDS[step.type].render(step, self._context(turn, run))
        parts = []
        intro = spec.intro(run.values.get(REMINDER_VALUE)) if spec.intros else None
        if intro and not run.history and not run.editing:
            parts.append(fill(_(intro), run.values if run.instance is not None else None))
        if resume:
            number, total = run.position()
            parts.append(_("You were at: {flow}, question {number} of {total}.").format(
                flow=_(spec.title), number=number, total=total))
        parts.append(rendered.text)
        if step.why:
            parts.append(_(step.why))
        if step.example and not rendered.options:
            parts.append(_("For example: {example}").format(example=_(step.example)))
        labels = nav_labels(_)
        nav = []
        if run.history and spec.back:
            nav.append(Option(NAV_BACK, labels[NAV_BACK], "nav"))
        if step.optional:
            nav.append(Option(NAV_SKIP, labels[NAV_SKIP], "nav"))
        if spec.name != ONBOARDING and spec.menu:
            nav.append(Option(NAV_MENU, labels[NAV_MENU], "nav"))
        turn.effects.say("\n\n".join(parts), (*rendered.options, *nav),
                         self.turn_number(turn, new_question))

    def edit_answer(self, turn: Turn, spec: FlowSpec, step_id: str) -> None:
        """Back into a finished flow to change one answer (from its summary)."""
        run = FlowRun(spec, runs.stored(turn.state, spec.name, None))
        self.machines[spec.name].edit(run, step_id)
        place.enter_flow(turn, spec.name)
        self.store_run(turn, run)
        self.ask(turn, spec, run, new_question=True)

    def turn_number(self, turn: Turn, new_question: bool) -> int:
        """Buttons carry the number of the question they answer; a new question, a new number."""
        if new_question or not turn.state.turn:
            turn.state.turn += 1
            turn.state.options_page = 0
        turn.effects.page = turn.state.options_page
        return turn.state.turn

    def show_current(self, turn: Turn, resume: bool = False) -> None:
        if self._in_flow(turn):
            spec, run = self._load_run(turn)
            self.ask(turn, spec, run, new_question=False, resume=resume)
        else:
            self.screens.show_current(turn)

    # Screens and pages.

    def show(self, turn: Turn, place: str, where: Mapping[str, Any] | None = None, *,
             new_question: bool = True) -> None:
        self.screens.show(turn, place, where, new_question=new_question)

    def menu_option(self, turn: Turn) -> Option:
        return Option(NAV_MENU, nav_labels(turn._)[NAV_MENU], "nav")

    def show_menu(self, turn: Turn, *, new_question: bool = True) -> None:
        self.screens.show(turn, MENU, new_question=new_question)

    def show_page(self, turn: Turn, page_id: str) -> None:
        page = self.content.pages[page_id]
        _ = turn._
        turn.effects.say(f"{_(page.title)}\n\n{_(page.text)}")
        self.show_menu(turn, new_question=False)

    # Reminders that fell due.

    def _on_reminder(self, turn: Turn) -> None:
        incoming = turn.incoming
        shown = shown_by_reminder(incoming.reminder)
        if shown is not None:
            shown(turn, self)
            return
        if followups.is_date_reminder(incoming.reminder):
            followups.remind_of_date(turn, self.content)
            return
        if self.content.roadmap and incoming.reminder == network.FOLLOW_UP:
            network.follow_up(turn, self)
            return
        triggered = self.content.started_by(incoming.reminder)
        if triggered is not None:
            self.start_triggered(turn, triggered, {**incoming.reminder_data,
                                                   REMINDER_VALUE: incoming.reminder or ""})
            return
        if incoming.reminder == "nudge":
            flow = incoming.reminder_data.get("flow")
            if not (self._in_flow(turn) and turn.state.flow == flow):
                return
            quiet_since = turn.user.seen_at or incoming.time
            if incoming.time - quiet_since < NUDGE_AFTER:
                # They were here recently: ask again only after a quiet spell.
                turn.effects.emit(ReminderSet("nudge", quiet_since + NUDGE_AFTER, {"flow": flow}))
                return
            turn.effects.say(turn._("You did not finish this yet. Do you want to go on?"))
            self.show_current(turn, resume=True)
