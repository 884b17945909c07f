"""The roadmap to a job: the person's progress (item statuses, sector, requests for help, the
networking plan) and the texts and buttons of its screens.

Pure functions over the person's state; the screens in `bot.flows.screens` decide where
they lead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.flows import runs
from bot.flows.events import HelpAsked
from bot.flows.roadmap_content import Item, Roadmap
from bot.flows.state import ConversationState, RoadmapProgress
from bot.flows.steps.scale import FACES
from bot.flows.turn import Turn
from bot.i18n import NP_, formats
from bot.i18n.bidi import RLM, is_rtl
from bot.types import Option

MARK_DONE, MARK_BUSY, MARK_NOT_YET, MARK_HELP = "done", "busy", "not_yet", "help"
STATUSES = (MARK_DONE, MARK_BUSY, MARK_NOT_YET, MARK_HELP)
ICONS = {MARK_DONE: "✅", MARK_BUSY: "⏳", MARK_NOT_YET: "⬜", MARK_HELP: "🙋"}
# An item's status, on its buttons and in "Your mark": shown with pgettext(*label), since
# "Done" there is a state, not the "Done" that closes a list.
STATUS_LABELS = {MARK_DONE: NP_("roadmap item status", "Done"),
                 MARK_BUSY: NP_("roadmap item status", "Busy"),
                 MARK_NOT_YET: NP_("roadmap item status", "Not yet"),
                 MARK_HELP: NP_("roadmap item status", "I need help")}
# Option ids on the roadmap screens (prefixes for a step, an item and a sector).
STEP_OPTION, ITEM_OPTION, SECTOR_OPTION, NETWORK_OPTION = "s_", "i_", "x_", "network"
UP = "up"
CHOOSE_SECTOR, NO_SECTOR = "sector", "x_none"
NET_DID, NET_NEXT, NET_BACK = "net_did", "net_next", "net_back"
# The flow that asks how the job goes (content/job_checkin.yaml), and its smiley question.
JOB_CHECKIN_FLOW, JOB_CHECKIN_SCORE = "job_checkin", "how"
# The intake question whose answer is the sector, if the person did not choose one here.
INTAKE_SECTOR = ("intake_work", "job_sector")


def progress(state: ConversationState) -> RoadmapProgress:
    """The roadmap part of a person's state."""
    return state.roadmap


def writable(turn: Turn) -> RoadmapProgress:
    return turn.state.roadmap


def status(state: ConversationState, item_id: str) -> str | None:
    return state.roadmap.items.get(item_id)


def sector_of(state: ConversationState, roadmap: Roadmap) -> str | None:
    """The sector chosen here, else the one given in the intake."""
    chosen = state.roadmap.sector
    if chosen is not None:
        return chosen or None  # "" means: no sector, chosen on purpose
    flow, question = INTAKE_SECTOR
    answer = runs.answers(state, flow).get(question)
    return answer if isinstance(answer, str) and roadmap.sector(answer) else None


def counts(state: ConversationState, roadmap: Roadmap, step_id: str) -> tuple[int, int]:
    items = roadmap.items_of(step_id, sector_of(state, roadmap))
    return sum(status(state, item.id) == MARK_DONE for item in items), len(items)


def mark(turn: Turn, item: Item, new_status: str) -> None:
    data = writable(turn)
    data.items[item.id] = new_status
    if new_status == MARK_HELP:
        if ask_help(turn, item):
            turn.effects.emit(HelpAsked(item.title))
    else:
        data.help.pop(item.id, None)


def ask_help(turn: Turn, item: Item) -> bool:
    """Keep the item someone needs help with, and when they asked, as context for a coach;
    True if it is a new request."""
    asked = writable(turn).help
    new = item.id not in asked
    asked[item.id] = turn.incoming.time.isoformat()
    return new


def _step_line(state: ConversationState, roadmap: Roadmap, number: int, step_id: str,
               _: Callable[[str], str]) -> str:
    done, total = counts(state, roadmap, step_id)
    mark_ = "✓" if done == total else f"{done}/{total}"
    return f"{number}. {_(roadmap.step(step_id).title)} · {mark_}"


def overview(turn: Turn, roadmap: Roadmap) -> tuple[str, tuple[Option, ...]]:
    """The nine steps with a compact progress mark each; any of them can be opened."""
    _ = turn._
    lines = [_step_line(turn.state, roadmap, n, step.id, _)
             for n, step in enumerate(roadmap.steps, 1)]
    options = [Option(f"{STEP_OPTION}{step.id}", line)
               for step, line in zip(roadmap.steps, lines, strict=True)]
    sector = roadmap.sector(sector_of(turn.state, roadmap))
    if roadmap.sectors:
        label = (_("My sector: {sector}").format(sector=_(sector.label)) if sector
                 else _("Choose my sector"))
        options.append(Option(CHOOSE_SECTOR, "🧭 " + label))
    if roadmap.network:
        done = len(progress(turn.state).network)
        options.append(Option(
            NETWORK_OPTION, f"🤝 {_(roadmap.network_title)} · {done}/{len(roadmap.network)}"))
    return f"{_(roadmap.title)}\n\n{_(roadmap.text)}", tuple(options)


def step_screen(turn: Turn, roadmap: Roadmap, step_id: str) -> tuple[str, tuple[Option, ...]]:
    _ = turn._
    step = roadmap.step(step_id)
    number = [s.id for s in roadmap.steps].index(step_id) + 1
    done, total = counts(turn.state, roadmap, step_id)
    header = _("Step {number}: {title} ({done} of {total} done)").format(
        number=number, title=_(step.title), done=done, total=total)
    options = tuple(
        Option(f"{ITEM_OPTION}{item.id}",
               f"{ICONS.get(status(turn.state, item.id) or '', '⬜')} {_(item.title)}")
        for item in roadmap.items_of(step_id, sector_of(turn.state, roadmap))
    )
    hint = _("Open an item to read what to do. ✅ done, ⏳ busy, 🙋 you asked for help.")
    return f"{header}\n\n{_(step.text)}\n\n{hint}", (*options, up_option(turn))


def up_option(turn: Turn) -> Option:
    return Option(UP, turn._("⬅ All steps"), "nav")


def item_screen(turn: Turn, item: Item, can_mark: bool) -> tuple[str, tuple[Option, ...]]:
    """What to do, what to bring, where to learn more; and the buttons to mark it."""
    _ = turn._
    parts = [f"{_(item.title)}", _(item.text)]
    if item.bring:
        parts.append(_("Bring or prepare:") + "\n" + _(item.bring))
    # A link line starts with its label, often a Latin name: marked so it reads right to left.
    lead = RLM if is_rtl(turn.translator.code) else ""
    parts.append(_("More information:") + "\n" + "\n".join(
        f"{lead}- {_(link.label)}: {link.url}" for link in item.links))
    if item.review:
        parts.append(_("⚠ Rules change often. Last checked: {date}. Ask the organisation "
                       "before you act.").format(date=day(turn, item.checked.isoformat())))
        if any(turn.translator.is_draft(text) for text in (item.title, item.text, item.bring)
               if text):
            parts.append(_("⚠ A machine helped to translate this text, and no native speaker "
                           "checked it yet. Check with the organisation."))
    current = status(turn.state, item.id)
    if current:
        parts.append(_("Your mark: {icon} {status}").format(
            icon=ICONS[current], status=turn.pgettext(*STATUS_LABELS[current])))
    if not can_mark:
        parts.append(_("To mark your progress, let Brug keep your answers (see the menu)."))
        return "\n\n".join(parts), ()
    options = tuple(Option(code, f"{ICONS[code]} {turn.pgettext(*STATUS_LABELS[code])}")
                    for code in STATUSES)
    return "\n\n".join(parts), options


def sector_screen(turn: Turn, roadmap: Roadmap) -> tuple[str, tuple[Option, ...]]:
    _ = turn._
    current = sector_of(turn.state, roadmap)
    options = [Option(f"{SECTOR_OPTION}{sector.id}",
                      ("✓ " if sector.id == current else "") + _(sector.label))
               for sector in roadmap.sectors]
    options.append(Option(NO_SECTOR, _("No sector, or I don't know")))
    return (_("In which sector do you want to work? The steps then show extra items for that "
              "sector."), (*options, up_option(turn)))


def network_screen(turn: Turn, roadmap: Roadmap, index: int, can_mark: bool
                   ) -> tuple[str, tuple[Option, ...]]:
    """One step of the networking plan, with its small action."""
    _ = turn._
    step = roadmap.network[index]
    did = step.id in progress(turn.state).network
    header = _("{plan}, step {number} of {total}: {title}").format(
        plan=_(roadmap.network_title), number=index + 1, total=len(roadmap.network),
        title=_(step.title))
    parts = [header + (" ✅" if did else "")]
    if index == 0:
        parts.append(_(roadmap.network_text))
    parts += [_(step.text), _("Try this: {task}").format(task=_(step.task))]
    options = []
    if can_mark and not did:
        options.append(Option(NET_DID, _("✅ I did this")))
    if index + 1 < len(roadmap.network):
        options.append(Option(NET_NEXT, _("Next step ➡")))
    if index > 0:
        options.append(Option(NET_BACK, _("⬅ Step before")))
    return "\n\n".join(parts), (*options, up_option(turn))


def help_lines(turn: Turn, roadmap: Roadmap, state: ConversationState) -> list[str]:
    """'- Get your diploma recognised (since 3 March 2026)' for each item marked 'I need help'."""
    _ = turn._
    lines = []
    for item_id, since in sorted(progress(state).help.items(),
                                 key=lambda pair: pair[1]):
        item = roadmap.item(item_id)
        if item is not None:
            lines.append(_("- {item} (since {date})").format(
                item=_(item.title), date=day(turn, since[:10])))
    return lines


def for_coach(turn: Turn, roadmap: Roadmap, state: ConversationState) -> str:
    """A newcomer's roadmap as their coach reads it: progress per step and where they need help."""
    _ = turn._
    lines = [_step_line(state, roadmap, n, step.id, _)
             for n, step in enumerate(roadmap.steps, 1)]
    parts = [_("Steps to a job:") + "\n" + "\n".join(lines)]
    sector = roadmap.sector(sector_of(state, roadmap))
    if sector:
        parts.append(_("Sector: {sector}").format(sector=_(sector.label)))
    started = progress(state).job_start
    if started:
        line = _("First workday: {date}").format(date=day(turn, started))
        # The check-in of this job answered last (each check-in is an instance of its own).
        last = runs.latest(state, JOB_CHECKIN_FLOW, prefix=f"{started}/")
        score = last.answers.get(JOB_CHECKIN_SCORE) if last is not None else None
        if last is not None and isinstance(score, int) and 1 <= score <= len(FACES):
            line += "\n" + _("How it goes: {face} {score} on {date}").format(
                face=FACES[score - 1], score=score, date=day(turn, str(last.day)))
        parts.append(line)
    needs = help_lines(turn, roadmap, state)
    if needs:
        parts.append(_("Needs help with:") + "\n" + "\n".join(needs))
    return "\n\n".join(parts)


def day(turn: Turn, iso: str) -> str:
    return formats.long_date(datetime.fromisoformat(iso).date(), turn.translator.code)


def who_sees(turn: Turn) -> str:
    """Whether a coach hears of a request for help, as the line after it."""
    _ = turn._
    if turn.user.id is not None and turn.lookup.coaches_sharing(turn.user.id):
        return _("I sent your coach a message about it. Talk about it when you meet.")
    return _("No coach sees this yet. For help now, choose Talk to a person in the menu.")
