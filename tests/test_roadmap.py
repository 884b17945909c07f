"""The roadmap to a job as a newcomer walks it: steps in any order, items marked, a sector,
the networking plan, the check-ins after the first job, and what a coach may see."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.flows.content import load_content
from bot.flows.roadmap_content import Roadmap
from bot.storage.tables import reminders, users
from tests.harness import ROOT, Session, labels, query, run_simulate, texts

content = load_content(ROOT / "content")
assert content.roadmap is not None
ROADMAP: Roadmap = content.roadmap
STEP_TITLES = [step.title for step in ROADMAP.steps]


def title(item_id: str) -> str:
    item = ROADMAP.item(item_id)
    assert item is not None, item_id
    return item.title


def step_button(out: list[dict[str, Any]], number: int) -> str:
    """The overview's button for step `number` (1 to 9), progress mark included."""
    return next(label for label in labels(out[-1]) if label.startswith(f"{number}. "))


async def state_of(session: Session, user: str) -> Any:
    [row] = await query(session.app, select(users.c.state).where(users.c.external_id == user))
    return row["state"]


async def open_roadmap(session: Session, user: str = "amal", agree: bool = True
                       ) -> list[dict[str, Any]]:
    await session.onboard(user, agree=agree)
    return await session.press(user, "Steps to a job")


async def open_item(session: Session, user: str, step_number: int, item_id: str
                    ) -> list[dict[str, Any]]:
    await session.say(user, "/menu")
    out = await session.press(user, "Steps to a job")
    await session.press(user, step_button(out, step_number))
    return await session.press(user, f"⬜ {title(item_id)}")


async def test_the_overview_shows_nine_steps_with_their_progress(session: Session) -> None:
    out = await open_roadmap(session)
    assert out[-1]["text"].startswith("Steps to a job")
    steps = [label for label in labels(out[-1]) if label[0].isdigit()]
    assert len(steps) == 9
    total = len(ROADMAP.items_of("interviews", None))
    assert steps[6] == f"7. {STEP_TITLES[6]} · 0/{total}"
    assert "🤝 Networking plan · 0/7" in labels(out[-1])
    assert labels(out[-1])[-1] == "☰ Menu"


async def test_the_steps_command_opens_the_overview_from_anywhere(session: Session) -> None:
    await session.onboard("amal")
    await session.press("amal", "Change language")
    out = await session.say("amal", "/steps")
    assert out[-1]["text"].startswith("Steps to a job")
    assert step_button(out, 9).startswith("9. ")


async def test_items_are_marked_in_any_order_and_the_marks_are_stored(session: Session) -> None:
    await open_roadmap(session)
    item = await open_item(session, "amal", 7, "interview_prep")
    assert item[-1]["text"].startswith(title("interview_prep"))
    assert "https://" in item[-1]["text"]
    assert labels(item[-1])[:4] == ["✅ Done", "⏳ Busy", "⬜ Not yet", "🙋 I need help"]
    out = await session.press("amal", "✅ Done")
    assert out[-1]["text"].startswith("Marked: ✅ Done.\n\nStep 7:")
    assert f"✅ {title('interview_prep')}" in labels(out[-1])
    await open_item(session, "amal", 2, "diploma")
    await session.press("amal", "⏳ Busy")
    await open_item(session, "amal", 1, "vdab_register")
    await session.press("amal", "✅ Done")
    overview = await session.press("amal", "⬅ All steps")
    orientation = len(ROADMAP.items_of("orientation", None))
    assert step_button(overview, 1) == f"1. {STEP_TITLES[0]} · 1/{orientation}"
    assert step_button(overview, 2).endswith(f" · 0/{len(ROADMAP.items_of('work_check', None))}")
    state = await state_of(session, "amal")
    assert state["roadmap"]["items"] == {"interview_prep": "done", "diploma": "busy",
                                         "vdab_register": "done"}


async def test_progress_is_kept_when_the_bot_restarts(database: str) -> None:
    db = database
    first = run_simulate([
        {"user": "amal", "text": "/start"}, {"user": "amal", "press": "English"},
        {"user": "amal", "press": 1}, {"user": "amal", "press": 1},
        {"user": "amal", "press": "Steps to a job"}, {"user": "amal", "press": 5},
        {"user": "amal", "press": f"⬜ {title('cv')}"}, {"user": "amal", "press": "✅ Done"},
    ], db)
    assert first[-2]["text"].startswith("Marked: ✅ Done.")
    later = run_simulate([{"user": "amal", "text": "/menu"},
                          {"user": "amal", "press": "Steps to a job"}], db)
    total = len(ROADMAP.items_of("cv_letter", None))
    assert f"5. {STEP_TITLES[4]} · 1/{total}" in labels(later[-2])


async def test_a_chosen_sector_adds_its_items_to_the_steps(session: Session) -> None:
    out = await open_roadmap(session)
    assert "🧭 Choose my sector" in labels(out[-1])
    healthcare = ROADMAP.sector("healthcare")
    assert healthcare is not None
    extra = healthcare.items[0]
    number = [step.id for step in ROADMAP.steps].index(extra.step) + 1
    step = await session.press("amal", step_button(out, number))
    assert f"⬜ {extra.title}" not in labels(step[-1])
    await session.press("amal", "⬅ All steps")
    sectors = await session.press("amal", "🧭 Choose my sector")
    assert len(labels(sectors[-1])) == 8 + 3  # eight sectors, "none", All steps, Menu
    out = await session.press("amal", healthcare.label)
    assert out[-1]["text"].startswith(f"Your sector: {healthcare.label}.")
    assert f"🧭 My sector: {healthcare.label}" in labels(out[-1])
    step = await session.press("amal", step_button(out, number))
    assert f"⬜ {extra.title}" in labels(step[-1])
    assert (await state_of(session, "amal"))["roadmap"]["sector"] == "healthcare"


async def test_the_sector_given_in_the_intake_is_used(session: Session) -> None:
    await session.onboard("omid")
    await session.press("omid", "My profile")
    await session.press("omid", "Work and studies")
    for press in ["No paid work yet", "Done", "None of these", "Done", "College or university",
                  "Skip ⏭", "Skip ⏭", "Yes, I know the job"]:
        await session.press("omid", press)
    await session.say("omid", "software developer")
    out = await session.press("omid", "ICT and computers")
    assert "Sector: ICT and computers" in texts(out)
    await session.say("omid", "/menu")
    out = await session.press("omid", "Steps to a job")
    assert "🧭 My sector: ICT and computers" in labels(out[-1])


async def test_i_need_help_is_stored_with_its_item_and_confirmed(session: Session) -> None:
    await open_roadmap(session)
    await open_item(session, "amal", 2, "right_to_work")
    out = await session.press("amal", "🙋 I need help")
    assert out[0]["text"].startswith(
        f"I noted that you need help with: {title('right_to_work')}.\nNo coach sees this yet.")
    # With no coach who hears of it, a talk with one is offered.
    assert labels(out[0]) == ["💬 Talk to a coach"]
    assert f"🙋 {title('right_to_work')}" in labels(out[-1])
    state = await state_of(session, "amal")
    assert state["roadmap"]["items"]["right_to_work"] == "help"
    assert state["roadmap"]["help"] == {"right_to_work": "2026-01-05T09:00:00+00:00"}
    # Marked done later: no longer a request for help.
    await session.press("amal", f"🙋 {title('right_to_work')}")
    await session.press("amal", "✅ Done")
    assert (await state_of(session, "amal"))["roadmap"]["help"] == {}


async def test_a_legal_item_says_when_it_was_checked(session: Session) -> None:
    await open_roadmap(session)
    item = await open_item(session, "amal", 2, "right_to_work")
    assert "⚠ Rules change often. Last checked:" in item[-1]["text"]
    assert "arbeidskaart" not in item[-1]["text"].casefold()


async def test_without_consent_items_can_be_read_but_not_marked(session: Session) -> None:
    await open_roadmap(session, agree=False)
    item = await open_item(session, "amal", 1, "vdab_register")
    assert "To mark your progress, let Brug keep your answers" in item[-1]["text"]
    assert "✅ Done" not in labels(item[-1])
    out = await session.say("amal", "done")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", f"⬅ {STEP_TITLES[0]}")
    out = await session.press("amal", "⬅ All steps")
    out = await session.press("amal", "🧭 Choose my sector")
    assert out[0]["text"].startswith("This part keeps your answers")
    assert "roadmap" not in await state_of(session, "amal") or \
        not (await state_of(session, "amal"))["roadmap"]


async def test_the_networking_plan_goes_in_order_and_recalls_a_contact_a_week_later(
    session: Session,
) -> None:
    out = await open_roadmap(session)
    out = await session.press("amal", "🤝 Networking plan · 0/7")
    assert out[-1]["text"].startswith("Networking plan, step 1 of 7:")
    for number in range(2, 5):
        out = await session.press("amal", "✅ I did this")
        assert f"step {number} of 7" in out[-1]["text"]
    connection = next(s for s in ROADMAP.network if s.follow_up)
    assert out[-1]["text"].startswith(
        f"Well done.\n\nNetworking plan, step 4 of 7: {connection.title}")
    out = await session.press("amal", "✅ I did this")
    assert out[-1]["text"].startswith("Well done. I will remind you in 7 days to follow up.")
    await session.press("amal", "⬅ All steps")
    assert await session.advance("P6D") == []
    [reminder] = await session.advance("P1D")
    assert connection.follow_up is not None
    assert reminder["text"] == connection.follow_up.text
    out = await session.say("amal", "/start")  # back to where they were: the overview
    assert "🤝 Networking plan · 4/7" in labels(out[-1])
    out = await session.press("amal", "🤝 Networking plan · 4/7")
    assert "step 5 of 7" in out[-1]["text"]


async def start_a_job(session: Session, first_day: str) -> list[dict[str, Any]]:
    out = await open_roadmap(session)
    await session.press("amal", step_button(out, 8))
    await session.press("amal", f"⬜ {title('first_job')}")
    out = await session.press("amal", "✅ Done")
    assert out[-1]["text"].startswith("Marked: ✅ Done.\n\nCongratulations on your job!")
    return await session.say("amal", first_day)


async def test_starting_work_brings_check_ins_on_the_first_day_and_after(
    session: Session,
) -> None:
    out = await start_a_job(session, "12-01-2026")  # a week after 5 January
    assert out[-1]["text"].startswith("Good luck! I will ask you how it goes.")
    rows = await query(session.app, select(reminders.c.kind, reminders.c.due_at)
                       .where(reminders.c.kind.like("job_%")).order_by(reminders.c.due_at))
    assert [row["kind"] for row in rows] == ["job_day1", "job_week1", "job_month1",
                                             "job_month3", "job_month6"]
    assert await session.advance("P7D") == []
    [first] = await session.advance("PT8H")  # 16:00 UTC on the first workday
    assert first["text"].startswith("How was your first workday?")
    assert labels(first)[:6] == ["😞 1", "🙁 2", "😐 3", "🙂 4", "😄 5", "🙋 Talk to a coach"]
    out = await session.press("amal", "🙂 4")
    assert out[-1]["text"].startswith("Thank you. Good to hear.")
    [week] = await session.advance("P7D")
    assert week["text"].startswith("You have worked for one week now.")
    out = await session.say("amal", "🙁")
    assert out[-1]["text"].startswith("I am sorry it is hard.")
    out = await session.press("amal", "🙋 Yes, talk to a coach")
    assert out[0]["text"].startswith("I noted that you want to talk to a coach about your job.")
    state = await state_of(session, "amal")
    # Each check-in is an instance of the check-in flow: the job start and the reminder.
    checkins = state["instances"]["job_checkin"]
    assert {key: (run["day"], run["answers"]["how"]) for key, run in checkins.items()} == {
        "2026-01-12/job_day1": ("2026-01-12", 4), "2026-01-12/job_week1": ("2026-01-19", 2)}
    assert "first_job" in state["roadmap"]["help"]
    assert state["roadmap"]["items"]["first_job"] == "done"
    later = await session.advance("P200D")
    assert [line["text"].split("\n")[0] for line in later] == [
        "You have worked for one month now. How is it going?",
        "You have worked for three months now. How is it going?",
        "You have worked for six months now. How is it going?",
    ]
    out = await session.press("amal", "☰ Menu")
    out = await session.press("amal", "My job: how is it going?")
    assert out[-1]["text"].startswith("I am still here for you. How is your job going?")


async def test_a_new_first_workday_replaces_the_old_check_ins(session: Session) -> None:
    await start_a_job(session, "12-01-2026")
    out = await session.press("amal", f"✅ {title('first_job')}")
    await session.press("amal", "✅ Done")
    out = await session.press("amal", "Today")
    assert out[-1]["text"].startswith("Good luck!")
    [first] = await session.advance("PT8H")
    assert first["text"].startswith("How was your first workday?")
    await session.press("amal", "😄 5")
    assert texts(await session.advance("P7D")).startswith("You have worked for one week now.")


async def test_the_first_workday_question_takes_a_date_or_not_yet(session: Session) -> None:
    out = await start_a_job(session, "tomorrow")
    assert out[0]["text"].startswith("Please type a date as day-month-year")
    assert labels(out[-1])[:2] == ["Today", "I don't know yet"]
    out = await session.press("amal", "I don't know yet")
    assert out[-1]["text"].startswith("Fine. When you know the date, mark this item done again.")
    assert await query(session.app, select(reminders.c.kind)
                       .where(reminders.c.kind.like("job_%"))) == []


def sent_to(user: str, out: list[dict[str, Any]]) -> list[str]:
    return [line["text"] for line in out if line.get("to") == user]


async def newcomer_needing_help(session: Session, user: str, share: bool) -> None:
    await session.onboard(user)
    await session.feed({"user": "sara", "link": user, "label": user.title()})
    await session.press(user, "Yes, my coach may see it" if share else "No, keep it private")
    await open_item(session, user, 2, "diploma")
    out = await session.press(user, "🙋 I need help")
    said = "I sent your coach a message about it." if share else "No coach sees this yet."
    assert said in sent_to(user, out)[0]
    # The coach hears at once, and only about a newcomer who shares their profile.
    told = [f"🙋 {user.title()} asks a coach for help.\nAbout: {title('diploma')}\nPlease "
            "contact them soon. In the menu, My newcomers shows their profile and steps."]
    assert sent_to("sara", out) == (told if share else [])
    await session.press(user, f"🙋 {title('diploma')}")
    out = await session.press(user, "🙋 I need help")  # asked again: the coach knows already
    assert sent_to(user, out) and sent_to("sara", out) == []


async def test_a_coach_sees_roadmap_progress_and_help_only_with_consent(
    session: Session,
) -> None:
    await session.onboard("sara")
    await newcomer_needing_help(session, "amal", share=False)
    await newcomer_needing_help(session, "omid", share=True)
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert labels(out[-1])[:2] == ["🔒 Amal", "Omid"]
    out = await session.press("sara", "🔒 Amal")
    assert "did not agree" in out[0]["text"]
    assert title("diploma") not in out[0]["text"] and "Steps to a job" not in out[0]["text"]
    out = await session.press("sara", "Omid")
    total = len(ROADMAP.items_of("work_check", None))
    assert f"Steps to a job:\n1. {STEP_TITLES[0]} · 0/" in out[0]["text"]
    assert f"\n2. {STEP_TITLES[1]} · 0/{total}\n" in out[0]["text"]
    assert f"Needs help with:\n- {title('diploma')} (since 5 January 2026)" in out[0]["text"]


async def test_a_button_from_an_old_item_screen_changes_nothing(session: Session) -> None:
    await open_roadmap(session)
    await open_item(session, "amal", 1, "vdab_register")
    item_turn = session.simulator.options.by_user["amal"]
    await session.press("amal", f"⬅ {STEP_TITLES[0]}")
    session.simulator.options.by_user["amal"] = item_turn
    out = await session.press("amal", "✅ Done")
    assert out[0]["text"].startswith("That button belongs to an earlier message.")
    assert "roadmap" not in await state_of(session, "amal")


async def test_a_coach_sees_the_first_workday_and_how_it_goes(session: Session) -> None:
    await session.onboard("sara")
    await start_a_job(session, "Today")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    [checkin] = await session.advance("PT8H")
    assert checkin["text"].startswith("How was your first workday?")
    await session.press("amal", "🙁 2")
    await session.press("amal", "No, thank you")
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    out = await session.press("sara", "Amal")
    assert "First workday: 5 January 2026\nHow it goes: 🙁 2 on 5 January 2026" in out[0]["text"]


async def test_a_coach_hears_in_their_own_language_when_the_job_is_hard(
    session: Session,
) -> None:
    await session.onboard("sara", language="Nederlands")
    await start_a_job(session, "Today")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")
    await session.advance("PT8H")
    await session.press("amal", "😞 1")
    out = await session.press("amal", "🙋 Yes, talk to a coach")
    assert sent_to("amal", out)[0].startswith(
        "I noted that you want to talk to a coach about your job.\nI sent your coach a message")
    assert sent_to("sara", out) == [
        "🙋 Amal vraagt hulp aan een coach.\nOver: Hun werk: hoe het gaat\nNeem snel contact "
        "op. In het menu toont Mijn nieuwkomers hun profiel en stappen."]


async def test_an_item_that_left_the_content_brings_back_the_overview(
    database: str, tmp_path: Path,
) -> None:
    db = database
    first = await Session.open(db)
    await first.onboard("amal")
    out = await first.press("amal", "Steps to a job")
    await first.press("amal", step_button(out, 1))
    await first.press("amal", f"⬜ {title('vdab_register')}")
    await first.close()
    changed = tmp_path / "content"
    shutil.copytree(ROOT / "content", changed)
    roadmap_file = changed / "roadmap.yaml"
    roadmap_file.write_text(roadmap_file.read_text().replace("id: vdab_register",
                                                             "id: vdab_signup"))
    later = await Session.open(db, changed)
    try:
        later.simulator.options.by_user.update(first.simulator.options.by_user)
        out = await later.press("amal", "✅ Done")
    finally:
        await later.close()
    [overview] = out
    assert overview["text"].startswith("Please choose one of the options")
    assert "\n\nSteps to a job\n\n" in overview["text"]
    assert step_button(out, 1).startswith("1. ")


async def test_my_data_lists_the_roadmap_and_deleting_removes_it(session: Session) -> None:
    await start_a_job(session, "Today")
    out = await session.say("amal", "/privacy")
    assert "- Your steps to a job: what you marked and where you asked for help" in \
        out[-1]["text"]
    assert "- Your first workday and how your job goes" in out[-1]["text"]
    await session.press("amal", "Delete all my data")
    await session.press("amal", "Yes, delete everything")
    assert await query(session.app, select(users.c.id)) == []
    assert await query(session.app, select(reminders.c.kind)) == []
