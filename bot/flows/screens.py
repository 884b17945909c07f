"""The screens beside the flows: My data, My profile with its summaries, and coach and
newcomer. Each reaches the conversation only through the few operations of `Core`."""

from __future__ import annotations

from typing import Protocol

from bot.flows import coaching, measures, privacy, profile
from bot.flows.content import Content, FlowSpec
from bot.flows.engine import FlowMachine, FlowRun
from bot.flows.steps.base import Choices, Reply, please_choose
from bot.flows.turn import Turn
from bot.types import Option


class Core(Protocol):
    """What a screen may ask of the conversation."""

    content: Content
    machines: dict[str, FlowMachine]
    flow_titles: dict[str, str]

    def show_menu(self, turn: Turn, *, new_question: bool = True) -> None: ...

    def show_current(self, turn: Turn, resume: bool = False) -> None: ...

    def start_flow(self, turn: Turn, name: str) -> None: ...

    def turn_number(self, turn: Turn, new_question: bool) -> int: ...

    def store_run(self, turn: Turn, run: FlowRun) -> None: ...

    def ask(self, turn: Turn, spec: FlowSpec, run: FlowRun, *, new_question: bool,
            resume: bool = False) -> None: ...

    def menu_option(self, turn: Turn) -> Option: ...


class Screens:
    """The screens; `at` in the person's state says which one they are on."""

    def __init__(self, core: Core) -> None:
        self.core = core

    # Privacy.

    def show_privacy(self, turn: Turn, new_question: bool = True) -> None:
        new_question = turn.enter("privacy") or new_question
        text, options = privacy.overview(turn, self.core.flow_titles)
        menu = self.core.menu_option(turn)
        turn.effects.say(text, (*options, menu), self.core.turn_number(turn, new_question))

    def answer_privacy(self, turn: Turn, confirming: bool) -> None:
        outcome = privacy.answer(turn, confirming)
        _ = turn._
        if outcome == "confirming":
            turn.state["at"] = "privacy_confirm"
            text, options = privacy.confirmation(turn)
            turn.effects.say(text, options, self.core.turn_number(turn, True))
        elif outcome == "deleted":
            turn.effects.delete_user = True
            turn.effects.say(_("Done. I deleted everything I kept about you. Type /start to "
                               "begin again."))
        elif outcome == "kept":
            turn.effects.say(_("Good, nothing was deleted."))
            self.core.show_menu(turn)
        elif outcome == "unshared":
            for coach in privacy.sharing_with(turn):
                turn.effects.shares.append((coach, False))
                turn.state["coaches"][str(coach)] = False
            turn.effects.say(_("Done. Your coach no longer sees your profile."))
            self.core.show_menu(turn)
        else:
            turn.effects.say(please_choose(_))
            self.core.show_current(turn)

    # My profile: the intake's sections and their summaries.

    def show_profile(self, turn: Turn, new_question: bool = True) -> None:
        new_question = turn.enter("profile") or new_question
        text, options = profile.overview(turn, self.core.content.group("profile"))
        changed = measures.then_and_now(turn, self.core.content)
        menu = self.core.menu_option(turn)
        turn.effects.say(f"{changed}\n\n{text}" if changed else text, (*options, menu),
                         self.core.turn_number(turn, new_question))

    def choose_section(self, turn: Turn) -> None:
        _, options = profile.overview(turn, self.core.content.group("profile"))
        chosen = Choices(options).match(Reply(turn.incoming.choice, turn.incoming.text))
        if chosen is None:
            turn.effects.say(please_choose(turn._))
            self.show_profile(turn, new_question=False)
        elif profile.status(self.core.content.flows[chosen], turn.state) == "done":
            self.show_summary(turn, self.core.content.flows[chosen])
        else:
            self.core.start_flow(turn, chosen)

    def show_summary(self, turn: Turn, spec: FlowSpec, new_question: bool = True) -> None:
        new_question = turn.enter("summary", summary=spec.name) or new_question
        text, options = profile.summary(turn, spec, self._answers(turn, spec),
                                        self._next_part(turn, spec))
        menu = self.core.menu_option(turn)
        turn.effects.say(text, (*options, menu), self.core.turn_number(turn, new_question))

    @staticmethod
    def _answers(turn: Turn, spec: FlowSpec) -> dict[str, object]:
        return FlowRun(spec, turn.state.get("flows", {}).get(spec.name)).answers

    def _next_part(self, turn: Turn, spec: FlowSpec) -> FlowSpec | None:
        sections = self.core.content.group("profile")
        later = sections[sections.index(spec) + 1:] + sections[:sections.index(spec)]
        return next((s for s in later if profile.status(s, turn.state) != "done"), None)

    def answer_summary(self, turn: Turn) -> None:
        spec = self.core.content.flows.get(turn.state.get("summary", ""))
        if spec is None:  # that part is no longer in the content
            self.core.show_menu(turn)
            return
        _, options = profile.summary(turn, spec, self._answers(turn, spec),
                                     self._next_part(turn, spec))
        chosen = Choices(options).match(Reply(turn.incoming.choice, turn.incoming.text))
        if chosen == profile.NEXT_PART:
            following = self._next_part(turn, spec)
            assert following is not None
            self.core.start_flow(turn, following.name)
        elif chosen and chosen.startswith(profile.EDIT):
            run = FlowRun(spec, turn.state["flows"][spec.name])
            self.core.machines[spec.name].edit(run, chosen.removeprefix(profile.EDIT))
            turn.state.update(at="flow", flow=spec.name)
            self.core.store_run(turn, run)
            self.core.ask(turn, spec, run, new_question=True)
        else:
            turn.effects.say(please_choose(turn._))
            self.show_summary(turn, spec, new_question=False)

    # Talk to a person.

    def show_person(self, turn: Turn, new_question: bool = True) -> None:
        """Where to find a person; someone whose coach sees their profile can also ask the
        coach, right here, to get in touch."""
        _ = turn._
        page = self.core.content.pages["person"]
        text = f"{_(page.title)}\n\n{_(page.text)}"
        if not privacy.sharing_with(turn):
            turn.effects.say(text)
            self.core.show_menu(turn, new_question=False)
            return
        new_question = turn.enter("person") or new_question
        options = (coaching.contact_option(turn), self.core.menu_option(turn))
        turn.effects.say(text, options, self.core.turn_number(turn, new_question))

    def answer_person(self, turn: Turn) -> None:
        chosen = Choices((coaching.contact_option(turn),)).match(
            Reply(turn.incoming.choice, turn.incoming.text))
        if chosen is None:
            turn.effects.say(please_choose(turn._))
            self.show_person(turn, new_question=False)
            return
        turn.effects.help_asked.append(coaching.TALK_TOPIC)
        turn.effects.say(turn._("I sent your coach a message. Coaches are often volunteers, so "
                                "an answer can take a day or two."))
        self.core.show_menu(turn)

    # Coach and newcomer.

    def answer_share(self, turn: Turn) -> None:
        _ = turn._
        yes = coaching.share_answer(turn)
        coach = turn.state.get("share_coach")
        if yes is None or not str(coach).isdigit():
            turn.effects.say(please_choose(_))
            self.core.show_current(turn)
            return
        turn.effects.shares.append((int(str(coach)), yes))
        # Also in their own state, so My data can show it and take it back.
        turn.state.setdefault("coaches", {})[str(coach)] = yes
        turn.state.pop("share_coach", None)
        if yes:
            turn.effects.say(_("Thank you. Your coach can now see your profile."))
        else:
            turn.effects.say(_("That is fine. Your coach will not see your profile."))
        self.core.show_menu(turn)

    def show_newcomers(self, turn: Turn, new_question: bool = True) -> None:
        new_question = turn.enter("coach") or new_question
        text, options = coaching.newcomer_list(turn)
        menu = self.core.menu_option(turn)
        turn.effects.say(text, (*options, menu), self.core.turn_number(turn, new_question))

    def choose_newcomer(self, turn: Turn) -> None:
        linked = coaching.chosen_newcomer(turn)
        if linked is None:
            turn.effects.say(please_choose(turn._))
        else:
            turn.effects.say(coaching.profile_of(turn, self.core.content, linked), apart=True)
        self.show_newcomers(turn, new_question=False)
