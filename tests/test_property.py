"""Random input from several people at once, in every flow: no exception escapes, every input
gets an answer (or a deliberate silence), and every person can always reach the menu.

One database for the whole test and new people for every example, so that thousands of
inputs stay quick; the examples are derandomized, so CI runs the same inputs every time.
About 10 700 inputs in 140 examples take some 30 s of one core."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.storage.tables import users
from bot.types import Incoming
from tests.harness import Session, query
from tests.sample import sample_content
from tests.test_roadmap import ROADMAP

EXAMPLES = 140
PEOPLE = ("a", "b", "c")
# Inputs of every example: EXAMPLES * MIN_STEPS alone is over ENOUGH, whatever the draws.
MIN_STEPS, MAX_STEPS = 72, 90
ENOUGH = 10_000

# Texts that broke or nearly broke a turn once, and the things hostile testers type.
HOSTILE = [
    "²", "①", "12²", "⑫", "½", "9" * 4301, "1, " + "9" * 5000, "1, ²", "-1", "0", "1e400",
    "nan", "31-12-9999", "9999-12-31", "01-01-0001", "0001-01-01", "29-02-2027", "24-11-2026",
    "٢٤-١١-٢٠٢٦", "۲۴/۱۱/۲۰۲۶", "२४.११.२०२६", "١", "۴", "३", "１", "𝟐", "\u202e1", "\u200f2",
    "\x00", "\ufeff", "<b>yes</b>", "<script>alert(1)</script>", "*agree*_[x](y)", "&amp;",
    "x" * 5000, "😀" * 500, "🙂", "😞\ufe0f", "I want to die", "yes", "no", "Done", "done",
    "back", "skip", "menu", "رجوع", "القائمة", "terug", "1, 3", "1,2,3", "2.", "3)", "",
    "   ", "\n\n", "Dari", "English", "Nederlands", "العربية",
]
COMMANDS = ["start", "menu", "steps", "help", "person", "language", "privacy", "back", "skip",
            "frobnicate", "start@brug_bot", "START"]
ADVANCES = ["PT1M", "PT2H", "PT6H", "PT7H", "P1D", "P2D", "P3D", "P8D", "P31D", "P92D"]
# Menu items every person sees, whatever their language and consent.
MENU_ITEMS = {"about", "language", "person", "privacy"}
FIRST_JOB = ROADMAP.item("first_job")
assert FIRST_JOB is not None
# Where a person is before the random input starts: buttons to press in turn, by a part of
# their label (a button that is not there, say without consent, is left out).
PLACES = [
    (), ("Sample questions",), ("Steps to a job",), ("Steps to a job", "8. ", FIRST_JOB.title,
                                                     "Done"),
    ("Steps to a job", "Networking plan"), ("Steps to a job", "Sector"), ("My profile",),
    ("My profile", "1"), ("My profile", "2"), ("My profile", "3"), ("My profile", "5"),
    ("My profile", "8"), ("What can Brug do?",), ("Change language",), ("Talk to a person",),
    ("My data",), ("My data", "1"), ("My newcomers",),
]

texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),  # any script, emoji, control and direction characters
    # Control, format (direction marks, joiners), private-use and lone surrogate characters.
    st.text(st.characters(categories=["Cc", "Cf", "Co", "Cs"]), min_size=1, max_size=10),
    st.text(st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.builds("{}-{}-{}".format, st.integers(0, 99), st.integers(0, 99),
              st.integers(0, 99_999)),
)
people = st.sampled_from(PEOPLE)
actions = st.one_of(
    st.tuples(st.just("text"), people, texts),
    st.tuples(st.just("press"), people, st.integers(min_value=0, max_value=40)),
    st.tuples(st.just("press"), people, st.integers(min_value=0, max_value=40)),
    st.tuples(st.just("command"), people,
              st.builds(lambda name, payload: f"/{name} {payload}".rstrip(),
                        st.sampled_from(COMMANDS), st.sampled_from(["", "x", "²", "9" * 100]))),
    st.tuples(st.just("media"), people, st.sampled_from(["photo", "voice", "document"])),
    # A press whose data was forged: any option id, any turn number, in or out of range.
    st.tuples(st.just("forged"), people,
              st.tuples(st.text(max_size=70), st.one_of(st.none(), st.integers(-5, 10**20)))),
    # Several people's messages handled at the same time (one batch of the store).
    st.tuples(st.just("together"), st.just(""), st.lists(texts, min_size=2, max_size=3)),
    st.tuples(st.just("advance"), st.just(""), st.sampled_from(ADVANCES)),
)


@dataclass
class Play:
    """One example: its people, the session they talk to, and what was checked."""

    session: Session
    names: dict[str, str]
    counted: Counter[str]

    async def act(self, kind: str, person: str, value: Any) -> None:
        name = self.names.get(person, "")
        self.counted["inputs"] += 1
        if kind == "advance":
            self.check(await self.session.advance(value), None)
        elif kind == "together":
            await self.together(value)
        elif kind == "forged":
            option, turn = value
            handled = await self.session.app.handle(Incoming(
                channel="simulate", user=name, time=self.session.clock.now(), kind="press",
                choice=option, turn=turn))
            assert handled.replies, (kind, value)
        elif kind == "press":
            known = self.session.simulator.options.by_user.get(name)
            if known is None:
                await self.say(name, str(value))
            else:
                self.check(await self.session.press(name, value % len(known[1]) + 1), name)
        elif kind == "media":
            self.check(await self.session.feed({"user": name, "media": value}), name)
        else:
            await self.say(name, value)

    async def begin(self, person: str, agree: bool, place: tuple[str, ...]) -> None:
        """Start, choose a language, agree or not, and go to a place."""
        name = self.names[person]
        for step in ("/start", "English", "Continue", "Yes, I agree" if agree else "No, thank"):
            await self.press_label(name, step)
        for label in place:
            await self.press_label(name, label)

    async def press_label(self, name: str, label: str) -> None:
        if label.startswith("/"):
            await self.say(name, label)
            return
        _turn, options = self.session.simulator.options.by_user.get(name, (None, []))
        number = next((n for n, (_id, text) in enumerate(options, 1) if label in text), None)
        if number is not None:
            self.check(await self.session.press(name, number), name)

    async def say(self, name: str, text: str) -> None:
        self.check(await self.session.say(name, text), name)

    async def together(self, said: list[str]) -> None:
        now = self.session.clock.now()
        handled = await asyncio.gather(*(
            self.session.app.handle(Incoming(channel="simulate", user=self.names[person],
                                             time=now, kind="text", text=text))
            for person, text in zip(PEOPLE, said, strict=False)))
        assert all(h.replies for h in handled), said

    def check(self, out: list[dict[str, Any]], name: str | None) -> None:
        errors = [line for line in out if "error" in line]
        assert not errors, errors
        if name is not None:
            # Every message from a person is answered; reminders may be silent.
            assert any(line.get("to") == name for line in out), out

    async def menu_is_reachable(self) -> None:
        for name in self.names.values():
            stored = await query(self.session.app, select(users.c.id).where(
                users.c.channel == "simulate", users.c.external_id == name))
            out = await self.session.say(name, "/menu")
            if not stored:
                # Never written, or erased their data: the first word starts afresh.
                out = await self.session.say(name, "/menu")
            menu = {option["id"] for option in out[-1].get("options", [])}
            assert menu >= MENU_ITEMS, (name, out)
            self.counted["menus"] += 1


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_random_input_never_breaks_a_conversation(
    tmp_path: Path, loop: asyncio.AbstractEventLoop
) -> None:
    session = loop.run_until_complete(Session.open(tmp_path / "brug.db",
                                                   sample_content(tmp_path)))
    counted: Counter[str] = Counter()
    example = itertools.count()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(st.lists(st.tuples(st.booleans(), st.sampled_from(PLACES)), min_size=len(PEOPLE),
                    max_size=len(PEOPLE)),
           st.booleans(),
           st.lists(actions, min_size=MIN_STEPS, max_size=MAX_STEPS))
    def conversations(starts: list[tuple[bool, tuple[str, ...]]], coach: bool,
                      steps: list[tuple[str, str, Any]]) -> None:
        number = next(example)
        play = Play(session, {p: f"{p}{number}" for p in PEOPLE}, counted)

        async def run() -> None:
            for person, (agree, place) in zip(PEOPLE, starts, strict=True):
                await play.begin(person, agree, place)
            if coach:
                # The last person becomes the first one's coach; the first is asked to share.
                play.check(await session.feed({"user": play.names[PEOPLE[-1]],
                                               "link": play.names[PEOPLE[0]]}), None)
            for kind, person, value in steps:
                await play.act(kind, person, value)
            await play.menu_is_reachable()

        loop.run_until_complete(run())

    try:
        conversations()
    finally:
        loop.run_until_complete(session.close())
    assert counted["inputs"] >= ENOUGH, counted
    assert counted["menus"] >= EXAMPLES * len(PEOPLE)
