"""Handing a newcomer over to a colleague: a coach with nobody to hand over, or no colleague,
is told so; the note is never relayed to the newcomer; forged presses change nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import coach_links, users
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_coach_care import linked, staff, text_to, to


async def links(session: Session) -> list[str]:
    rows = await query(session.app, select(users.c.external_id)
                       .join(coach_links, coach_links.c.coach_id == users.c.id))
    return [row["external_id"] for row in rows]


async def open_handover(session: Session) -> dict:
    await session.say("sara", "/menu")
    return (await session.press("sara", "Hand over to a colleague"))[-1]


async def test_a_coach_with_nobody_is_told_so(session: Session) -> None:
    await staff(session, ("sara", "coach"))
    screen = await open_handover(session)
    assert screen["text"].startswith("You have nobody to hand over.")


async def test_without_a_colleague_nothing_can_be_chosen(session: Session) -> None:
    await linked(session)
    screen = await open_handover(session)
    assert screen["text"].startswith("Hand over to a colleague. Whom?")
    out = await session.press("sara", "Amal")
    assert out[-1]["text"].startswith("There is no other coach yet.")
    assert await links(session) == ["sara"]


async def test_the_note_goes_to_the_colleague_only(session: Session) -> None:
    await linked(session)
    await staff(session, ("omid", "coach"))
    await open_handover(session)
    await session.press("sara", "Amal")
    out = await session.press("sara", "omid (0)")
    assert out[-1]["text"] == "Write one line for omid about Amal. Amal does not see it."
    # A very long note with markup is kept to one line of at most 300 characters.
    out = await session.say("sara", "<b>Prefers mornings</b>\n" + "x" * 1000)
    told = text_to(out, "omid")
    assert "Their note: <b>Prefers mornings</b> " in told
    assert "x" * 301 not in told
    assert "Prefers mornings" not in text_to(out, "amal")
    assert await links(session) == ["omid"]
    assert (await state_of(session, "sara"))["at"] == "menu"


async def test_forged_presses_hand_over_nobody(session: Session) -> None:
    await linked(session)
    await staff(session, ("omid", "coach"), ("bilal", "newcomer"))
    screen = await open_handover(session)
    assert labels(screen)[:1] == ["Amal"]
    for forged in ("hn99", "hc2", "hn3"):
        out = await press_forged(session, "sara", forged)
        assert out[0]["text"] == ("Please tap a button, or write the note.\n\n"
                                  "Hand over to a colleague. Whom?"), forged
    assert to(out, "omid") == [] and await links(session) == ["sara"]
