"""Runs of flows as they are stored: every shape Brug ever wrote loads, people go on where
they were with their answers, a run keeps every field from one update to the next, and a
damaged run never breaks a person's turn."""

from __future__ import annotations

import json

from bot.flows.state import ConversationState, FlowRunRecord, dump, load
from tests.harness import Session, labels, texts
from tests.screens.helpers import state_of, store_state

# As the first Brug stored someone halfway through "You and your life now" (no schema
# version; a run kept its step, answers, history and a multi-choice's picks so far).
FIRST_SHAPE = """{"at": "flow", "flow": "intake_you", "turn": 12,
 "flows": {"onboarding": {"step": "done", "answers": {"language": "en", "consent": "agree"}},
  "intake_you": {"step": "household", "answers": {"age_group": "age_26_35",
   "time_in_belgium": "years_1_2", "town": "Gent"},
   "history": ["age_group", "time_in_belgium", "town"], "pending": ["partner"]}}}"""

# As Brug stored someone changing one answer from a section's summary ("editing"), with a job
# check-in kept per instance (the trigger's values and the day of the answer), schema 2.
SECOND_SHAPE = """{"version": 2, "at": "flow", "flow": "intake_you", "turn": 30,
 "flows": {"onboarding": {"step": "done", "answers": {"language": "en", "consent": "agree"}},
  "intake_you": {"step": "town", "editing": true, "answers": {"age_group": "age_26_35",
   "time_in_belgium": "years_1_2", "town": "Gent", "household": ["alone"],
   "income": ["work"], "urgent": ["nothing"], "feeling": 4}}},
 "instances": {"job_checkin": {"2026-01-12/job_day1": {"step": "done",
   "answers": {"how": 4}, "day": "2026-01-12",
   "values": {"start": "2026-01-12", "reminder": "job_day1"}}}},
 "triggered": {"job_checkin": {"start": "2026-01-12"}},
 "roadmap": {"items": {"first_job": "done"}, "help": {}, "network": [],
             "job_start": "2026-01-12"}}"""

MENU_AGAIN = "Brug has changed since you were last here. Here is the menu."


async def test_a_run_stored_by_the_first_brug_goes_on_with_its_picks(session: Session) -> None:
    await session.onboard("amal")
    await store_state(session, "amal", json.loads(FIRST_SHAPE))
    out = await session.say("amal", "/start")
    assert "You were at: You and your life now, question 4 of 9." in out[-1]["text"]
    assert "✓ My partner" in labels(out[-1])  # the picks made before
    out = await session.press("amal", "Done")
    assert "Where does your money come from now?" in out[-1]["text"]
    await session.press("amal", "⬅ Back")  # the history came along
    assert (await state_of(session, "amal"))["flows"]["intake_you"]["step"] == "household"
    await session.say("amal", "/menu")
    out = await session.press("amal", "My data")
    assert "- Your answers about: You and your life now\n  - Age: 26 to 35\n" \
           "  - Time in Belgium: 1 to 2 years\n  - Town: Gent\n  - Lives with: My partner" \
        in out[0]["text"]


async def test_a_change_from_the_summary_and_a_check_in_of_schema_2_go_on(
    session: Session,
) -> None:
    await session.onboard("sara")  # a coach
    await session.onboard("amal")
    await store_state(session, "amal", json.loads(SECOND_SHAPE))
    out = await session.say("amal", "Antwerpen")
    # Only the one answer was being changed: the summary comes next, with the others kept.
    assert "Town: Antwerpen" in out[-1]["text"] and "Age: 26 to 35" in out[-1]["text"]
    # The coach reads the check-in from its run: the answer and its day.
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    out = await session.press("sara", "Amal")
    assert "How it goes: 🙂 4 on 12 January 2026" in out[0]["text"]


def test_a_run_keeps_every_field_through_storage() -> None:
    run = FlowRunRecord(step="household", answers={"town": "Gent", "age_group": "age_18_25",
                                                   "feeling": 3, "intro": None},
                        history=["age_group", "town"], pending=["alone", "partner"],
                        editing=True, values={"event": "Job fair", "date": "2026-02-01"},
                        day="2026-02-02")
    state = ConversationState(at="flow", flow="intake_you", runs={"intake_you": run},
                              instances={"reflection": {"7": run, "8": FlowRunRecord()}})
    stored = json.loads(json.dumps(dump(state)))  # as the database gives it back
    assert load(stored) == state
    assert load(stored).runs["intake_you"] == run
    # The stored JSON has the shape every older Brug read and wrote.
    assert stored["flows"]["intake_you"] == {
        "step": "household", "answers": run.answers, "history": run.history,
        "pending": run.pending, "editing": True, "values": run.values, "day": "2026-02-02"}


def test_a_damaged_run_reads_as_no_value_field_by_field() -> None:
    state = load({"version": 2, "flows": {
        "intake_you": {"step": 7, "answers": "yes", "history": {"a": 1}, "pending": {"x": 1},
                       "editing": "no", "values": [1, 2], "day": 5},
        "intake_work": ["not", "a", "run"]}})
    assert state.runs == {"intake_you": FlowRunRecord(step="")}
    # A number a reminder carried is read as text, as the trigger's values always were.
    assert load({"version": 2, "instances": {"reflection": {"7": {"step": "done",
                "values": {"event": 7, "title": "Job fair", "odd": [1]}}}}}
                ).instances["reflection"]["7"].values == {"event": "7", "title": "Job fair"}


async def test_a_damaged_run_brings_the_menu_with_a_kind_line(session: Session) -> None:
    await session.onboard("amal")
    stored = await state_of(session, "amal")
    damaged = {"step": ["x"], "answers": "yes", "history": 3, "pending": {"x": 1},
               "editing": "no", "values": [1], "day": 5}
    await store_state(session, "amal", {**stored, "at": "flow", "flow": "intake_you",
                                        "flows": {**stored["flows"], "intake_you": damaged}})
    out = await session.say("amal", "Gent")
    assert out[0]["text"].startswith(MENU_AGAIN)
    assert "My profile" in labels(out[-1])
    # The section starts afresh from the profile.
    await session.press("amal", "My profile")
    out = await session.press("amal", "You and your life now")
    assert "How old are you?" in out[-1]["text"]


async def test_a_run_on_a_step_the_flow_no_longer_has_brings_the_menu(
    session: Session,
) -> None:
    await session.onboard("amal")
    stored = await state_of(session, "amal")
    retired = {"step": "nationality", "answers": {"age_group": "over_50"}}
    await store_state(session, "amal", {**stored, "at": "flow", "flow": "intake_you",
                                        "flows": {**stored["flows"], "intake_you": retired}})
    out = await session.say("amal", "/start")
    assert MENU_AGAIN in texts(out)
    out = await session.press("amal", "My data")
    assert "  - Age: Over 50" in out[0]["text"]  # what was answered is kept


async def test_answers_of_the_wrong_type_do_not_break_my_data_or_the_summary(
    session: Session,
) -> None:
    await session.onboard("amal")
    stored = await state_of(session, "amal")
    odd = {"step": "done", "answers": {"age_group": 5, "time_in_belgium": ["x"],
                                       "household": "alone", "urgent": None}}
    await store_state(session, "amal", {**stored, "flows": {**stored["flows"], "intake_you": odd}})
    out = await session.press("amal", "My data")
    assert "- Your answers about: You and your life now" in out[0]["text"]
    await session.say("amal", "/menu")
    await session.press("amal", "My profile")
    out = await session.press("amal", "You and your life now")
    assert out[-1]["text"].startswith("You and your life now: this is what you told me.")
    assert "✏ Age" in labels(out[-1])
