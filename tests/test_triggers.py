"""Flows started by a trigger and run per instance: a sample reflection after an event
(tests/trigger_content/reflection.yaml) starts when its reminder falls due, fills in what the
trigger carried, and keeps the answers for two events apart."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.flows import triggers
from bot.flows.content import load_content
from bot.flows.yaml_loading import ContentError
from bot.storage.tables import reminders, users
from tests.harness import ROOT, Session, query
from tests.screens.helpers import state_of


def trigger_content(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(ROOT / "tests" / "trigger_content" / "reflection.yaml", content)
    return content


@pytest.fixture
async def events(database: str, tmp_path: Path) -> AsyncIterator[Session]:
    sim = await Session.open(database, trigger_content(tmp_path))
    yield sim
    await sim.close()


async def after_event(session: Session, people: list[str], event: str, kind: str = "after_event",
                      hours: int = 1) -> int:
    """What an organiser's "send the reflection" does: the flow is set to start for every
    attendee, for this event, in an hour."""
    app = session.app
    spec = app.conversation.content.flows["reflection"]
    now = session.clock.now()

    def work(repo: Any) -> int:
        ids = [repo.get_user("simulate", person).id for person in people]
        return triggers.schedule_for(repo, ids, spec, kind, {"event": event},
                                     now + timedelta(hours=hours), now)

    count: int = await app.store.run(work)
    return count


async def test_a_triggered_flow_runs_per_instance_and_keeps_both(events: Session) -> None:
    await events.onboard("amal")
    await events.onboard("omid")
    assert await after_event(events, ["amal", "omid"], "Job fair Gent") == 2
    assert await after_event(events, ["amal"], "Job fair Gent") == 0  # waits already
    assert await events.advance("PT59M") == []
    due = await events.advance("PT1M")
    assert sorted(line["to"] for line in due) == ["amal", "omid"]
    assert all(line["text"] == "What went well at Job fair Gent?" for line in due)
    await events.say("amal", "I met a cook")
    out = await events.press("amal", "Yes")
    assert out[0]["text"].startswith("Thank you. I keep what you said about Job fair Gent.")

    await after_event(events, ["amal"], "Café Talk", kind="after_event_late")
    [asked] = await events.advance("PT1H")
    assert asked["text"] == "A week ago you went to: Café Talk.\n\nWhat went well at Café Talk?"
    await events.say("amal", "the coffee")
    asked_more = await events.press("amal", "No")
    # `when` reads what the trigger carried: this question is only for the late reminder.
    assert asked_more[-1]["text"].startswith("What would make you go again?")
    await events.say("amal", "more time")

    state = await state_of(events, "amal")
    runs = state["instances"]["reflection"]
    assert {event: run["answers"] for event, run in runs.items()} == {
        "Job fair Gent": {"went_well": "I met a cook", "again": "yes"},
        "Café Talk": {"went_well": "the coffee", "again": "no", "why_not": "more time"},
    }
    out = await events.say("amal", "/privacy")
    assert "- Your answers about: After an event (2)" in out[0]["text"]
    # Omid's run waits, unanswered, and is his alone.
    omid = await state_of(events, "omid")
    assert omid["instances"]["reflection"]["Job fair Gent"]["answers"] == {}
    assert (omid["at"], omid["flow"], omid["instance"]) == ("flow", "reflection",
                                                            "Job fair Gent")


async def test_a_reminder_for_someone_who_did_not_agree_starts_nothing(events: Session) -> None:
    await events.onboard("amal", agree=False)
    await after_event(events, ["amal"], "Job fair Gent")
    assert await events.advance("PT1H") == []
    [row] = await query(events.app, select(users.c.state).where(users.c.external_id == "amal"))
    assert "instances" not in row["state"]
    [reminder] = await query(events.app, select(reminders.c.done_at))
    assert reminder["done_at"] is not None


def test_a_prompt_may_name_only_what_the_trigger_carries(tmp_path: Path) -> None:
    content = trigger_content(tmp_path)
    flow = content / "reflection.yaml"
    flow.write_text(flow.read_text().replace("What went well at {event}?",
                                             "What went well on {day}?"))
    with pytest.raises(ContentError, match="'day' is not a value the trigger carries"):
        load_content(content)


def test_two_flows_may_not_start_on_the_same_reminder(tmp_path: Path) -> None:
    content = trigger_content(tmp_path)
    (content / "reflection_copy.yaml").write_text(
        (content / "reflection.yaml").read_text().replace("flow: reflection",
                                                          "flow: reflection_copy"))
    with pytest.raises(ContentError, match="two flows start on the same reminder kind"):
        load_content(content)
