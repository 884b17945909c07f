"""Loads content/*.yaml into typed flow specs, with errors that name the file and line."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from bot.flows.care_content import Care, load_care
from bot.flows.consent_purposes import Purpose, load_purposes
from bot.flows.glossary import Glossary, load_glossary
from bot.flows.link_kind import NAMES as LINK_KINDS
from bot.flows.phrasebook import Phrase, load_phrases
from bot.flows.roadmap_content import Roadmap, load_roadmap
from bot.flows.yaml_loading import ID, ContentError, LineLoader, fail, line_of
from bot.flows.yaml_loading import text as text_field
from bot.i18n import N_

# What an option may do besides being the answer (see bot/flows/actions.py, which checks that
# it has one function for each).
ACTIONS = frozenset({"ask_coach", "share_with_coach", "keep_from_coach"})
STEP_TYPES = frozenset(
    {
        "choice", "multi_choice", "yes_no", "text", "number", "date", "scale",
        "info", "language", "consent", "smiley",
    }
)
# `keeps: anonymous`: no answer of the flow is kept with the person (see bot/flows/anonymous.py).
ANONYMOUS = "anonymous"


CHECKIN = "checkin"
CHECKIN_TITLE = N_("A few questions again")
ONBOARDING = "onboarding"
LANGUAGE = "language"
# Flows the code starts by name: the first contact, and the /language command.
REQUIRED_FLOWS = (ONBOARDING, LANGUAGE)


@dataclass(frozen=True)
class OptionSpec:
    id: str
    label: str
    next: str | None = None
    # In a multi-choice, an answer that excludes the others ("Nothing urgent right now").
    alone: bool = False
    # Said right after this option is chosen: where to get help with it.
    note: str | None = None
    # Said when this option is chosen, instead of the flow's closing words if it ends the flow.
    says: str | None = None
    # What choosing it does besides (a name from bot/flows/actions.py), and about what (a
    # roadmap item id, for `ask_coach`).
    do: str | None = None
    about: str | None = None
    # A reminder kind: choosing this option starts the flow that kind starts, when this flow
    # ends, with this run's values (a step whose kind starts no flow is left out at load).
    starts: str | None = None


@dataclass(frozen=True)
class Condition:
    """`when: {question: value}` or `{question: [values]}`: all must hold."""

    expected: dict[str, tuple[str, ...]]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        for question, allowed in self.expected.items():
            answer = answers.get(question)
            values = answer if isinstance(answer, list) else [answer]
            if not any(str(v) in allowed for v in values if v is not None):
                return False
        return True


@dataclass(frozen=True)
class Remind:
    """A reminder some days before the date given as the answer."""

    days_before: int
    text: str


@dataclass(frozen=True)
class StepSpec:
    id: str
    type: str
    prompt: str
    options: tuple[OptionSpec, ...] = ()
    optional: bool = False
    when: Condition | None = None
    help: str | None = None
    why: str | None = None
    example: str | None = None
    button: str | None = None
    # A short label for this answer in the profile summary ("Job target").
    summary: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 1000
    version: str | None = None
    # Asked again later (three months after the intake), to see what changed.
    measure: bool = False
    # Dates: "future" questions a date in the past before taking it.
    expect: str | None = None
    remind: Remind | None = None
    # "sectors": the roadmap's sectors come first among the options (written once, there).
    options_from: str | None = None
    # Yes/no: a yes asks a coach for help, and the coaches who see the profile are told.
    tell_coach: bool = False
    line: int = 0


# The value every trigger carries: the reminder kind that started the run ("menu" when it was
# opened from the menu).
REMINDER_VALUE = "reminder"
FROM_MENU = "menu"


class Blank(dict[str, str]):
    """Values for a template: a value the trigger did not carry is empty."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Trigger:
    """What starts a flow besides the menu: reminders of these kinds (set by code), or a deep
    link of these kinds opened now (`links: [coach]`, carrying what the link names). Each run
    belongs to an instance named from the trigger's values (`instance: "{event}"`), so
    answers for two instances are both kept."""

    reminders: tuple[str, ...]
    instance: str
    # The names of the values the trigger carries (besides `reminder`): prompts and `when`
    # may use them.
    carries: tuple[str, ...] = ()
    links: tuple[str, ...] = ()

    def instance_of(self, values: Mapping[str, str]) -> str:
        return self.instance.format_map(Blank(values))

    def starts_on(self, reminder: str | None) -> bool:
        return reminder in self.reminders or any(reminder == link_opened(kind)
                                                 for kind in self.links)


def link_opened(kind: str) -> str:
    """The reminder kind that stands for opening a link of this kind (never stored: it comes
    in the same update), as a flow's run and `when: {reminder: ...}` see it."""
    return f"link:{kind}"


@dataclass(frozen=True)
class Intro:
    """Said before the first question, when the run was started by this reminder kind (None:
    by any other way)."""

    text: str
    kind: str | None = None


# The reminders that start the check-in: three months after the intake, and after an event.
CHECKIN_REMINDER, AFTER_EVENT = CHECKIN, "checkin_event"
CHECKIN_TRIGGER = Trigger((CHECKIN_REMINDER, AFTER_EVENT), "{event}", ("event",))
CHECKIN_INTROS = (
    Intro(N_("You took part in: {event}. Here are a few questions again, to see what "
             "changed."), AFTER_EVENT),
    Intro(N_("It is three months since you told me about yourself. Here are a few "
             "questions again, to see what changed.")),
)

@dataclass(frozen=True)
class FlowSpec:
    name: str
    title: str
    steps: tuple[StepSpec, ...]
    source: str = ""
    requires_consent: bool = True
    # Flows of one group are parts of one whole: "profile" flows are the intake's sections.
    group: str | None = None
    trigger: Trigger | None = None
    intros: tuple[Intro, ...] = ()
    # Said when the last question is answered (None: a plain thank-you).
    done: str | None = None
    # An unfinished run is recalled after a quiet spell (default: flows that keep answers).
    nudge: bool = True
    # The ☰ Menu and ⬅ Back buttons under its questions.
    menu: bool = True
    back: bool = True
    # `keeps: anonymous`: answers are counted apart from the person, never kept in the run.
    anonymous: bool = False
    # A screen shown when the last question is answered, after the closing words (`then:`
    # in the YAML, a place name): it reads the finished run.
    then: str | None = None

    def intro(self, kind: str | None) -> str | None:
        chosen = [i for i in self.intros if i.kind == kind] or \
            [i for i in self.intros if i.kind is None]
        return chosen[0].text if chosen else None

    def step(self, step_id: str) -> StepSpec:
        found = self._by_id.get(step_id)
        if found is None:
            raise KeyError(step_id)
        return found

    def has_step(self, step_id: str) -> bool:
        return step_id in self._by_id

    @cached_property
    def _by_id(self) -> dict[str, StepSpec]:
        # Once per flow: every update looks its run's step up, several times. The first step
        # of an id wins, as a search from the start would find it.
        return {step.id: step for step in reversed(self.steps)}

    def index(self, step_id: str) -> int:
        return [s.id for s in self.steps].index(step_id)


@dataclass(frozen=True)
class MenuItem:
    id: str
    label: str
    flow: str | None = None
    page: str | None = None
    # A screen built in code rather than content, by its place name, such as "privacy"
    # (`action:` in the YAML).
    screen: str | None = None
    requires_consent: bool = False


GROUPS = frozenset({"profile"})


@dataclass(frozen=True)
class Page:
    """A screen of information (about, help); legal content carries checked and source."""

    id: str
    title: str
    text: str
    checked: str | None = None
    source: str | None = None


@dataclass
class Content:
    flows: dict[str, FlowSpec] = field(default_factory=dict)
    menu: tuple[MenuItem, ...] = ()
    menu_prompt: str = ""
    pages: dict[str, Page] = field(default_factory=dict)
    care: Care | None = None
    roadmap: Roadmap | None = None
    # The coaches' ready phrases (content/phrases.yaml).
    phrases: tuple[Phrase, ...] = ()
    # What a person may agree to, purpose by purpose (content/consent.yaml `purposes`).
    purposes: tuple[Purpose, ...] = ()
    # Flemish names and terms explained where they appear (content/glossary.yaml).
    glossary: Glossary | None = None

    def measured(self) -> list[StepSpec]:
        """The questions asked again later, in the order the intake asks them."""
        return [step for flow in self.group("profile") for step in flow.steps if step.measure]

    def started_by(self, reminder: str | None) -> FlowSpec | None:
        """The flow a reminder of this kind starts, if any."""
        for flow in self.flows.values():
            if flow.trigger is not None and flow.trigger.starts_on(reminder):
                return flow
        return None

    def group(self, name: str) -> list[FlowSpec]:
        """The flows of a group in file order (intake_1_…, intake_2_…)."""
        return [flow for flow in self.flows.values() if flow.group == name]


def _options(path: Path, step: dict[str, Any]) -> tuple[OptionSpec, ...]:
    options = []
    for raw in step.get("options") or []:
        if not isinstance(raw, dict):
            raise fail(path, step, "each option needs an id and a label")
        option_id = str(raw.get("id", ""))
        if not ID.match(option_id):
            raise fail(path, raw, f"option id '{option_id}' must be short lowercase ASCII")
        label = text_field(path, raw, "label")
        assert label is not None
        note = text_field(path, raw, "note", required=False)
        says = text_field(path, raw, "says", required=False)
        do = raw.get("do")
        if do is not None and do not in ACTIONS:
            raise fail(path, raw, f"unknown action '{do}'; use one of {sorted(ACTIONS)}")
        starts = raw.get("starts")
        if starts is not None and not isinstance(starts, str):
            raise fail(path, raw, "'starts' names a reminder kind")
        options.append(OptionSpec(option_id, label, raw.get("next"), bool(raw.get("alone")),
                                  note, says, do, raw.get("about"), starts))
    if len({o.id for o in options}) != len(options):
        raise fail(path, step, "option ids must be unique")
    return tuple(options)


def _condition(path: Path, step: dict[str, Any], known: set[str]) -> Condition | None:
    raw = step.get("when")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail(path, step, "'when' maps earlier question ids to values")
    expected = {}
    for question, values in raw.items():
        if question not in known:
            raise fail(path, step, f"'when' names '{question}', which is not an earlier question")
        values = values if isinstance(values, list) else [values]
        expected[str(question)] = tuple(str(v).lower() if isinstance(v, bool) else str(v)
                                        for v in values)
    return Condition(expected)


def _step(path: Path, raw: dict[str, Any], known: set[str]) -> StepSpec:
    step_id = str(raw.get("id", ""))
    if not ID.match(step_id):
        raise fail(path, raw, f"step id '{step_id}' must be short lowercase ASCII")
    step_type = raw.get("type")
    if step_type not in STEP_TYPES:
        raise fail(path, raw, f"unknown type '{step_type}'; use one of {sorted(STEP_TYPES)}")
    options = _options(path, raw)
    if step_type in {"choice", "multi_choice", "consent"} and not options:
        raise fail(path, raw, f"a {step_type} step needs options")
    prompt = text_field(path, raw, "prompt" if step_type != "info" else "text")
    assert prompt is not None
    if any(option.note for option in options) and not (raw.get("checked") and raw.get("source")):
        raise fail(path, raw, "notes that point to help need 'checked' and 'source'")
    expect = raw.get("expect")
    if expect not in (None, "future") or (expect and step_type != "date"):
        raise fail(path, raw, "'expect: future' is for date steps only")
    remind = None
    if "remind" in raw:
        spec = raw["remind"]
        text = text_field(path, spec, "text") if isinstance(spec, dict) else None
        if step_type != "date" or not isinstance(spec, dict) or text is None:
            raise fail(path, raw, "'remind' (days_before, text) is for date steps only")
        remind = Remind(int(spec.get("days_before", 0)), text)
    tell_coach = bool(raw.get("tell_coach", False))
    if tell_coach and (step_type != "yes_no" or not raw.get("summary")):
        raise fail(path, raw, "'tell_coach' is for yes_no steps with a 'summary' (what the "
                   "coach is told)")
    return StepSpec(
        id=step_id,
        type=step_type,
        prompt=prompt,
        options=options,
        optional=bool(raw.get("optional", False)),
        when=_condition(path, raw, known),
        help=text_field(path, raw, "help", required=False),
        why=text_field(path, raw, "why", required=False),
        example=text_field(path, raw, "example", required=False),
        button=text_field(path, raw, "button", required=False),
        summary=text_field(path, raw, "summary", required=False),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        max_length=int(raw.get("max_length", 1000)),
        version=str(raw["version"]) if "version" in raw else None,
        expect=expect,
        remind=remind,
        measure=bool(raw.get("measure", False)),
        options_from=_options_from(path, raw),
        tell_coach=tell_coach,
        line=line_of(raw),
    )


def _options_from(path: Path, raw: dict[str, Any]) -> str | None:
    source = raw.get("options_from")
    if source not in (None, "sectors") or (source and raw.get("type") != "choice"):
        raise fail(path, raw, "'options_from: sectors' is for choice steps only")
    return source


def _with_sectors(content: Content) -> None:
    """Put the roadmap's sectors into the questions that ask for one."""
    sectors = tuple(OptionSpec(sector.id, sector.label)
                    for sector in (content.roadmap.sectors if content.roadmap else ()))
    for name, flow in content.flows.items():
        if not any(step.options_from for step in flow.steps):
            continue
        if not sectors:
            raise ContentError(f"{flow.source}: a question takes its options from the "
                               "roadmap's sectors, but there are none")
        steps = tuple(replace(step, options=sectors + step.options) if step.options_from
                      else step for step in flow.steps)
        content.flows[name] = replace(flow, steps=steps)


def _without_missing_starts(content: Content) -> None:
    """Leave out the steps whose options start a flow by a reminder kind that no flow has
    (the offer of a reflection without one); a jump to such a step goes to the next one."""
    for name, flow in list(content.flows.items()):
        missing = {step.id for step in flow.steps if any(
            option.starts and content.started_by(option.starts) is None
            for option in step.options)}
        if not missing:
            continue
        kept = [step for step in flow.steps if step.id not in missing]
        if not kept:
            raise ContentError(f"{flow.source}: every step starts a flow that is missing")
        ids = [step.id for step in flow.steps]
        steps = tuple(replace(step, options=tuple(
            replace(option, next=_onward(option.next, ids, missing))
            for option in step.options)) for step in kept)
        content.flows[name] = replace(flow, steps=steps)


def _onward(target: str | None, ids: list[str], missing: set[str]) -> str | None:
    """Where a jump to a step left out goes instead: the next step kept, or the end."""
    while target in missing:
        later = ids[ids.index(target) + 1:]
        target = next((i for i in later if i not in missing), "end")
    return target


def _trigger(path: Path, doc: dict[str, Any]) -> Trigger | None:
    raw = doc.get("trigger")
    if raw is None:
        return None
    kinds = raw.get("reminders", []) if isinstance(raw, dict) else None
    links = raw.get("links", []) if isinstance(raw, dict) else None
    if not isinstance(kinds, list) or not isinstance(links, list) or not kinds + links \
            or not all(isinstance(k, str) for k in kinds + links):
        raise fail(path, raw, "'trigger' needs 'reminders' (a list of reminder kinds) or "
                   "'links' (a list of kinds of link), or both")
    unknown = sorted(set(links) - set(LINK_KINDS))
    if unknown:
        raise fail(path, raw, f"'{unknown[0]}' is not a kind of link; use one of "
                   f"{', '.join(LINK_KINDS)}")
    carries = tuple(str(name) for name in raw.get("carries") or ())
    instance = str(raw.get("instance", ""))
    _placeholders(path, raw, instance, carries)
    return Trigger(tuple(kinds), instance, carries, tuple(links))


def _placeholders(path: Path, node: Any, text: str, carries: tuple[str, ...]) -> None:
    """Every `{name}` in a text of a triggered flow is a value its trigger carries."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        raise fail(path, node, f"bad braces in '{text}': {error}") from error
    unknown = names - {*carries, REMINDER_VALUE}
    if unknown:
        raise fail(path, node, f"'{sorted(unknown)[0]}' is not a value the trigger carries "
                   f"({', '.join(carries) or 'none'}); add it to 'carries'")


def _intros(path: Path, doc: dict[str, Any]) -> tuple[Intro, ...]:
    raw = doc.get("intro")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise fail(path, doc, "'intro' is a list of texts, each for a reminder kind or not")
    intros = []
    for entry in raw:
        text = text_field(path, entry, "text") if isinstance(entry, dict) else None
        if text is None:
            raise fail(path, doc, "each intro needs a 'text'")
        kind = entry.get("for")
        intros.append(Intro(text, str(kind) if kind is not None else None))
    return tuple(intros)


def _flow(path: Path, doc: dict[str, Any]) -> FlowSpec:
    steps: list[StepSpec] = []
    trigger = _trigger(path, doc)
    # A `when` may name a value the trigger carries, as if it were an earlier answer.
    known: set[str] = {*trigger.carries, REMINDER_VALUE} if trigger else set()
    for raw in doc.get("steps") or []:
        step = _step(path, raw, known)
        if step.id in known:
            raise fail(path, raw, f"step id '{step.id}' is used twice")
        known.add(step.id)
        steps.append(step)
    if not steps:
        raise fail(path, doc, "a flow needs steps")
    for step in steps:
        for option in step.options:
            if option.next not in (None, "end") and option.next not in known:
                raise ContentError(f"{path}:{step.line}: option '{option.id}' goes to "
                                   f"unknown step '{option.next}'")
    title = text_field(path, doc, "title")
    assert title is not None
    group = doc.get("group")
    if group is not None and group not in GROUPS:
        raise fail(path, doc, f"unknown group '{group}'; use one of {sorted(GROUPS)}")
    if group == "profile":
        for step in steps:
            if not step.summary:
                raise ContentError(f"{path}:{step.line}: a profile question needs 'summary'")
    intros = _intros(path, doc)
    done = text_field(path, doc, "done", required=False)
    if trigger is not None:
        texts = [step.prompt for step in steps] + [i.text for i in intros] + [done or ""]
        for text in texts:
            _placeholders(path, doc, text, trigger.carries)
    requires_consent = bool(doc.get("requires_consent", True))
    anonymous = _anonymous(path, doc, trigger, steps)
    then = doc.get("then")
    if then is not None and then not in _screens():
        raise fail(path, doc, f"unknown screen '{then}' after the flow; use one of "
                   f"{sorted(_screens())}")
    return FlowSpec(
        name=str(doc["flow"]),
        title=title,
        steps=tuple(steps),
        source=str(path),
        requires_consent=requires_consent,
        group=group,
        trigger=trigger,
        intros=intros,
        done=done,
        nudge=bool(doc.get("nudge", requires_consent)),
        menu=bool(doc.get("menu_button", True)),
        back=bool(doc.get("back_button", True)),
        anonymous=anonymous,
        then=then,
    )


def _anonymous(path: Path, doc: dict[str, Any], trigger: Trigger | None,
               steps: list[StepSpec]) -> bool:
    """`keeps: anonymous`: answers are counted per event, so the trigger carries `event`; and
    no answer is kept, so a `when` may read only what the trigger carries."""
    keeps = doc.get("keeps")
    if keeps is None:
        return False
    if keeps != ANONYMOUS:
        raise fail(path, doc, f"'keeps' may only be '{ANONYMOUS}'")
    if trigger is None or "event" not in trigger.carries:
        raise fail(path, doc, "an anonymous flow is started by a trigger that carries 'event'")
    for step in steps:
        named = set(step.when.expected) if step.when else set()
        if named - {*trigger.carries, REMINDER_VALUE}:
            raise ContentError(f"{path}:{step.line}: an anonymous flow keeps no answers, so "
                               "'when' may only name what the trigger carries")
    return True


def _screens() -> frozenset[str]:
    """The place names of the screens a menu item may open."""
    # Imported here: the screens are built on this module's types.
    from bot.flows.screens.registry import SCREENS

    return frozenset(SCREENS)


def _menu(path: Path, doc: dict[str, Any], content: Content) -> None:
    prompt = text_field(path, doc, "prompt")
    assert prompt is not None
    content.menu_prompt = prompt
    items = []
    for raw in doc.get("items") or []:
        item_id = str(raw.get("id", ""))
        if not ID.match(item_id):
            raise fail(path, raw, f"menu id '{item_id}' must be short lowercase ASCII")
        label = text_field(path, raw, "label")
        assert label is not None
        action = raw.get("action")
        if action is not None and action not in _screens():
            raise fail(path, raw, f"unknown action '{action}'; use one of the screens "
                       f"{sorted(_screens())}")
        if sum(bool(raw.get(key)) for key in ("flow", "page", "action")) != 1:
            raise fail(path, raw, "a menu item opens exactly one flow, page or action")
        items.append(MenuItem(item_id, label, raw.get("flow"), raw.get("page"), action,
                              bool(raw.get("requires_consent", False))))
    content.menu = tuple(items)


def _pages(path: Path, doc: dict[str, Any], content: Content) -> None:
    for raw in doc.get("pages") or []:
        page_id = str(raw.get("id", ""))
        title, text = text_field(path, raw, "title"), text_field(path, raw, "text")
        assert title is not None and text is not None
        checked = raw.get("checked")
        content.pages[page_id] = Page(
            page_id, title, text, str(checked) if checked else None, raw.get("source")
        )


def load_content(directory: Path) -> Content:
    """Every YAML file in the content folder, checked; the first problem raises ContentError."""
    content = Content()
    for path in sorted(directory.glob("*.yaml")):
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)
        except yaml.YAMLError as error:
            raise ContentError(f"{path}: {error}") from error
        if not isinstance(doc, dict):
            raise ContentError(f"{path}: expected a mapping at the top")
        if "flow" in doc:
            flow = _flow(path, doc)
            content.flows[flow.name] = flow
        if "menu" in doc:
            _menu(path, doc["menu"], content)
        if "pages" in doc:
            _pages(path, doc, content)
        if "care" in doc:
            content.care = load_care(path, doc["care"])
        if "roadmap" in doc:
            content.roadmap = load_roadmap(path, doc["roadmap"])
        if "phrases" in doc:
            content.phrases = load_phrases(path, doc["phrases"])
        if "purposes" in doc:
            content.purposes = load_purposes(path, doc["purposes"])
        if "glossary" in doc:
            content.glossary = load_glossary(path, doc["glossary"])
    _with_sectors(content)
    _without_missing_starts(content)
    measured = content.measured()
    if measured:
        # The check-in asks the measured questions again; built here, so they are never
        # written twice. Its title is a code string (see bot.flows.measures).
        plain = tuple(replace(step, when=None, optional=False) for step in measured)
        content.flows[CHECKIN] = FlowSpec(CHECKIN, CHECKIN_TITLE, plain, requires_consent=True,
                                          trigger=CHECKIN_TRIGGER, intros=CHECKIN_INTROS)
    kinds = [kind for flow in content.flows.values() if flow.trigger
             for kind in flow.trigger.reminders]
    if len(kinds) != len(set(kinds)):
        raise ContentError(f"{directory}: two flows start on the same reminder kind")
    links = [kind for flow in content.flows.values() if flow.trigger
             for kind in flow.trigger.links]
    if len(links) != len(set(links)):
        raise ContentError(f"{directory}: two flows start on the same kind of link")
    for name in REQUIRED_FLOWS:
        if name not in content.flows:
            raise ContentError(f"{directory}: no flow '{name}'; the bot starts it by name")
    for item in content.menu:
        if item.flow and item.flow not in content.flows:
            raise ContentError(f"menu item '{item.id}' opens unknown flow '{item.flow}'")
        if item.page and item.page not in content.pages:
            raise ContentError(f"menu item '{item.id}' opens unknown page '{item.page}'")
        if item.screen == "person" and "person" not in content.pages:
            raise ContentError("the 'person' action shows the page 'person', which is missing")
    return content
