"""The flow engine through a person's eyes: skip logic, back, skip, menu, resume, stale buttons."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import users
from tests.harness import Session, labels, query, texts


async def start_sample(sample: Session, user: str = "amal") -> list[dict[str, object]]:
    await sample.onboard(user)
    return await sample.press(user, "Sample questions")


async def answers(sample: Session, user: str = "amal") -> dict[str, object]:
    [row] = await query(sample.app, select(users.c.state).where(users.c.external_id == user))
    return dict(row["state"]["flows"]["sample"]["answers"])


async def test_questions_that_do_not_apply_are_not_asked(sample: Session) -> None:
    out = await start_sample(sample)
    assert out[-1]["text"] == "Do you have a diploma from abroad?"
    out = await sample.press("amal", "No")
    assert out[-1]["text"] == "What do you want help with?"
    out = await sample.say("amal", "back")
    assert out[-1]["text"] == "Do you have a diploma from abroad?"
    out = await sample.press("amal", "Yes")
    assert out[-1]["text"] == "Is your diploma recognised here?"


async def test_back_goes_to_the_question_before_and_keeps_answers(sample: Session) -> None:
    await start_sample(sample)
    await sample.press("amal", "Yes")
    out = await sample.press("amal", "⬅ Back")
    assert out[-1]["text"] == "Do you have a diploma from abroad?"
    assert "⬅ Back" not in labels(out[-1])  # the first question has nothing before it
    out = await sample.say("amal", "/back")
    assert "This is the first question." in texts(out)
    assert (await answers(sample))["diploma"] == "yes"


async def test_skip_works_only_on_optional_questions(sample: Session) -> None:
    await start_sample(sample)
    await sample.press("amal", "No")
    await sample.say("amal", "1, 2")
    [out] = await sample.say("amal", "skip")
    assert out["text"] == "You cannot skip this question. Please answer it.\n\n" \
        "How many years did you work?"
    out = await sample.say("amal", "٧")  # Arabic-Indic seven
    assert out[-1]["text"].startswith("When does your residence card end?")
    assert "I ask this to remind you in time." in out[-1]["text"]
    assert "Skip ⏭" in labels(out[-1])
    out = await sample.press("amal", "Skip ⏭")
    assert out[-1]["text"] == "How do you feel about finding work?"
    stored = await answers(sample)
    assert stored["years"] == 7 and stored["expiry"] is None
    assert stored["help_with"] == ["cv", "dutch"]


async def test_menu_from_inside_a_flow_and_resume_where_it_stopped(sample: Session) -> None:
    await start_sample(sample)
    await sample.press("amal", "Yes")
    out = await sample.press("amal", "☰ Menu")
    assert out[-1]["text"].startswith("What do you want to do?")
    out = await sample.press("amal", "Sample questions")
    assert "You were at: Sample questions, question 2 of 7." in out[-1]["text"]
    assert "Is your diploma recognised here?" in out[-1]["text"]


async def test_free_text_at_a_choice_gets_a_kind_reask_with_the_options(sample: Session) -> None:
    await start_sample(sample)
    await sample.press("amal", "Yes")
    out = await sample.say("amal", "I think maybe")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert labels(out[-1])[:3] == ["I applied", "It is recognised", "Not yet"]
    out = await sample.say("amal", "۳")  # Persian three
    assert out[-1]["text"] == "What do you want help with?"
    assert (await answers(sample))["recognition"] == "not_yet"


async def test_a_button_from_an_old_question_is_answered_kindly(sample: Session) -> None:
    out = await start_sample(sample)
    old_turn_yes = out[-1]
    await sample.press("amal", "No")
    # Press "Yes" on the diploma question, which is no longer the current one.
    turn = sample.simulator.options.by_user["amal"]
    sample.simulator.options.by_user["amal"] = (
        turn[0] - 1, [(o["id"], o["label"]) for o in old_turn_yes["options"]])
    [out] = await sample.press("amal", "Yes")
    assert out["text"].startswith("That button belongs to an earlier message.")
    assert out["text"].endswith("What do you want help with?")
    assert (await answers(sample))["diploma"] == "no"


async def test_a_whole_flow_ends_with_thanks_and_the_menu(sample: Session) -> None:
    await start_sample(sample)
    await sample.press("amal", "No")
    await sample.press("amal", "Childcare")
    out = await sample.press("amal", "Done")
    assert out[-1]["text"] == "How many years did you work?"
    await sample.say("amal", "12")
    out = await sample.say("amal", "٣١-١٢-٢٠٢٧")
    assert out[-1]["text"] == "How do you feel about finding work?"
    await sample.press("amal", 4)
    out = await sample.say("amal", "Cook in a <restaurant> & café 🍳")
    assert "Thank you, that was the last question." in texts(out)
    stored = await answers(sample)
    assert stored == {
        "diploma": "no", "help_with": ["childcare"], "years": 12, "expiry": "2027-12-31",
        "mood": 4, "job": "Cook in a <restaurant> & café 🍳",
    }


async def test_an_unfinished_flow_is_recalled_once_after_two_quiet_days(sample: Session) -> None:
    await start_sample(sample)
    await sample.press("amal", "Yes")
    assert await sample.advance("P1D") == []
    [out] = await sample.advance("P1DT1H")
    assert out["text"].startswith("You did not finish this yet. Do you want to go on?")
    assert "You were at: Sample questions, question 2 of 7." in out["text"]
    assert out["text"].endswith("Is your diploma recognised here?")
    assert labels(out)[:3] == ["I applied", "It is recognised", "Not yet"]
    assert await sample.advance("P7D") == []
