"""A talk with a person, offered and never forced: after two missed meetings and after the
lowest smiley about a talk. Yes joins what is open or shows what a coach would get; no is
fine; a forged press changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import handoffs
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_appointments import plan
from tests.test_coach_care import Lines, a_talk_that_ended, linked, mark_missed, staff, text_to, to

OFFER = ["💬 Yes, talk to a person", "No, thank you"]


async def missed_twice(session: Session) -> Lines:
    await staff(session, ("anna", "admin"))
    await linked(session)
    await plan(session, "06/01 10:00")
    await plan(session, "08/01 10:00")
    await session.advance("P4D")
    await mark_missed(session, 2)
    return await mark_missed(session, 1)


async def test_after_missed_meetings_the_offer_comes_in_the_newcomers_turn(
    session: Session,
) -> None:
    [offer] = to(await missed_twice(session), "amal")
    assert offer["text"] == ("You missed two meetings with your coach. That can happen. Do "
                             "you want to talk to a person about it?")
    assert labels(offer)[:2] == OFFER
    assert (await state_of(session, "amal"))["at"] == "talk_offer"


async def test_yes_after_missed_meetings_writes_to_the_open_request(session: Session) -> None:
    await missed_twice(session)
    out = await session.press("amal", "💬 Yes, talk to a person")
    assert text_to(out, "amal").startswith(
        "A person will answer you here. What you write here now goes to them.")
    assert (await state_of(session, "amal"))["talk"]["open"] is True
    # No second request: the one the admins got is joined.
    assert len(await query(session.app, select(handoffs.c.id))) == 1


async def test_no_thank_you_is_fine_and_goes_to_the_menu(session: Session) -> None:
    await missed_twice(session)
    out = await session.press("amal", "No, thank you")
    assert out[0]["text"].startswith("That is fine. You can ask for a person in the menu at "
                                     "any time.")
    assert (await state_of(session, "amal"))["at"] == "menu"
    assert (await state_of(session, "amal")).get("talk", {}).get("open") is not True


async def test_after_the_lowest_smiley_yes_shows_what_a_coach_would_get(
    session: Session,
) -> None:
    await a_talk_that_ended(session)
    out = await session.press("amal", 1)
    offer = to(out, "amal")[-1]
    assert offer["text"].endswith(
        "I am sorry it did not help. Do you want to talk to a person again?")
    assert labels(offer)[:2] == OFFER
    out = await session.press("amal", "💬 Yes, talk to a person")
    assert out[0]["text"].startswith("A coach can talk with you here in the chat.")
    assert (await state_of(session, "amal"))["at"] == "handoff_ask"


async def test_a_forged_press_changes_nothing(session: Session) -> None:
    await missed_twice(session)
    before = await query(session.app, select(handoffs))
    out = await press_forged(session, "amal", "offer_urgent")
    assert out[0]["text"].startswith("Please choose one of the options")
    assert labels(out[-1])[:2] == OFFER
    assert (await state_of(session, "amal"))["at"] == "talk_offer"
    assert await query(session.app, select(handoffs)) == before
