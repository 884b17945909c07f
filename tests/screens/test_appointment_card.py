"""An appointment's card, for the newcomer: when, where, what about; "I will come" or "I can't
come" (the coach is told once). Someone else's appointment never shows."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.tables import appointments
from tests.harness import Session, labels, query
from tests.screens.helpers import state_of, store_state
from tests.screens.pressing import buttons_now, press_forged, press_stale
from tests.test_appointments import linked, plan, to


async def a_card(session: Session) -> dict:
    await linked(session, language="English")
    out = await plan(session, "07/01 14:30")
    [card, _file] = to(out, "amal")
    return card


async def test_the_card_shows_the_meeting_and_i_will_come_changes_nothing(
    session: Session,
) -> None:
    card = await a_card(session)
    assert card["text"] == ("Your coach planned a meeting with you.\n"
                            "🗓 Wednesday 7 January 2026, 14:30\n📍 VDAB Gent, Kongostraat 7\n"
                            "💬 Your CV")
    assert labels(card) == ["👍 I will come", "🙁 I can't come", "☰ Menu"]
    assert (await state_of(session, "amal"))["at"] == "appointment_card"
    out = await session.press("amal", "I will come")
    assert out[0]["text"].startswith("Good. See you then.")
    assert to(out, "sara") == []
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "planned"


async def test_i_cant_come_tells_the_coach_once(session: Session) -> None:
    await a_card(session)
    card = buttons_now(session, "amal")
    out = await session.say("amal", "maybe <b>later</b>")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await press_forged(session, "amal", "not_coming_ever")
    assert out[0]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "I can't come")
    assert to(out, "amal")[0]["text"].startswith(
        "I told your coach that you cannot come.\n\nYour coach will propose a new time.")
    assert len(to(out, "sara")) == 1
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "cant_come"
    out = await press_stale(session, "amal", card, "I can't come")
    assert out[0]["text"].startswith("That button belongs to an earlier message.")
    assert to(out, "sara") == []


async def test_someone_elses_appointment_does_not_show(session: Session) -> None:
    await a_card(session)
    [row] = await query(session.app, select(appointments.c.id))
    await session.onboard("omid")
    # Omid's stored place points at Amal's appointment (a forged or mixed-up state).
    state = await state_of(session, "omid")
    await store_state(session, "omid", {**state, "at": "appointment_card",
                                        "shown": {"appointment": row["id"]}})
    out = await session.say("omid", "2")
    assert out[0]["text"].startswith("Brug has changed since you were last here.")
    assert "VDAB" not in "".join(line["text"] for line in out)
    assert to(out, "sara") == []
    [row] = await query(session.app, select(appointments.c.status))
    assert row["status"] == "planned"
