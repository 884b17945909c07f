"""The typed conversation state: stored states of before the schema version load into it, and
people who were away since an older Brug go on where they were."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.flows.state import SCHEMA_VERSION, ConversationState, dump, load
from bot.storage.tables import coach_links
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of, store_state
from tests.test_share_question import coach_id

# As Brug stored a person who had started a job, answered two check-ins, and was on a
# roadmap step; "coaches" held who they shared with.
OLD_WORKER: dict[str, Any] = {
    "at": "road_step", "flow": "onboarding", "turn": 14, "road_step": "starting_work",
    "road_item": "first_job", "summary": "intake_work", "network": 2,
    "flows": {"onboarding": {"step": "done", "answers": {"language": "en"}}},
    "measures": {"feeling": [["2026-01-05", 3]]},
    "roadmap": {"items": {"first_job": "done"}, "sector": "",
                "help": {"first_job": "2026-01-19T10:00:00+00:00"},
                "job": {"start": "2026-01-12", "answers": {"job_day1": ["2026-01-12", 4],
                                                           "job_any": ["2026-01-20", 2]}}},
    "job_checkin": "job_any",
    "coaches": {"7": True},
}


def test_an_old_stored_state_loads_into_the_typed_structure() -> None:
    state = load(OLD_WORKER)
    assert (state.version, state.at, state.turn) == (SCHEMA_VERSION, "road_step", 14)
    assert state.shown == {"road_step": "starting_work", "road_item": "first_job",
                           "summary_of": "intake_work", "network_index": 2}
    assert state.roadmap.job_start == "2026-01-12" and state.roadmap.sector == ""
    assert state.roadmap.items == {"first_job": "done"}
    # The check-ins of the job became runs of the check-in flow, one per check-in.
    assert {key: (run.day, run.answers) for key, run
            in state.instances["job_checkin"].items()} == {
        "2026-01-12/job_day1": ("2026-01-12", {"how": 4}),
        "2026-01-12/menu": ("2026-01-20", {"how": 2})}
    assert state.triggered == {"job_checkin": {"start": "2026-01-12"}}
    stored = dump(state)
    assert stored["version"] == SCHEMA_VERSION
    assert "coaches" not in stored and "job_checkin" not in stored and "network" not in stored
    assert load(stored) == state


def test_nothing_stored_is_a_state_not_started() -> None:
    assert load(None) == ConversationState() and not load({}).started


async def test_someone_away_since_before_goes_on_where_they_were(session: Session) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    old = dict(OLD_WORKER, coaches={str(await coach_id(session)): True})
    await store_state(session, "amal", old)
    out = await session.say("amal", "/start")
    assert out[-1]["text"].startswith("Welcome back!\n\nStep 8:")
    assert "✅ I start a job" in labels(out[-1])  # the marks were kept
    stored = await state_of(session, "amal")
    assert stored["version"] == SCHEMA_VERSION and "coaches" not in stored
    # The coach sees the check-in answered last, read from the runs.
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    out = await session.press("sara", "Amal")
    assert "First workday: 12 January 2026\nHow it goes: 🙁 2 on 20 January 2026" \
        in out[0]["text"]


async def test_an_old_share_question_waiting_for_an_answer_is_asked_again(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    sara = await coach_id(session)
    await store_state(session, "amal", {"at": "share", "share_coach": str(sara), "turn": 9,
                                        "flows": {}})
    out = await session.say("amal", "/start")
    assert out[-1]["text"].startswith("Welcome back!\n\nYou were at: Your coach, question 1 of "
                                      "1.\n\nA coach will help you")
    await session.press("amal", "Yes, my coach may see it")
    [link] = await query(session.app, select(coach_links.c.shared_at))
    assert link["shared_at"] is not None
