"""When an organiser changes an event's reminders, the people who hold a place hear it once,
in their own language, with the reminders they get now; someone who left hears nothing, and
saving the same reminders again, or changing them after the start, tells nobody."""

from __future__ import annotations

from tests.harness import Session
from tests.test_events import join_three, to


async def change_reminders(session: Session, *points: str) -> list[dict[str, object]]:
    await session.say("olga", "/menu")
    await session.press("olga", "My events")
    await session.press("olga", "Jobdate Oostende")
    await session.press("olga", "Change the reminders")
    for point in points:
        await session.press("olga", point)
    return await session.press("olga", "Save")


async def test_the_people_on_the_list_hear_of_changed_reminders_in_their_language(
    session: Session,
) -> None:
    await join_three(session)  # Nora (Dutch) and Ed joined, Amal (Arabic) waits
    # Ed cannot come: Amal has his place.
    await session.say("ed", "/menu")
    await session.press("ed", "My events")
    await session.press("ed", "Jobdate Oostende")
    await session.press("ed", "I can't come")

    out = await change_reminders(session, "A week before", "On the day at 8:00")
    assert to("olga", out)[0]["text"] == "The reminders are changed."
    told = {line["to"]: line["text"] for line in out if line["to"] != "olga"}
    assert sorted(told) == ["amal", "nora"]  # not Ed, who left
    assert told["nora"] == (
        "De organisator heeft de herinneringen voor Jobdate Oostende (dinsdag 20 januari 2026, "
        "14:00 – 16:30) veranderd.\n"
        "Herinneringen: De dag vooraf om 18:00, Op de dag zelf om 8:00, Twee uur vooraf")
    assert told["amal"].startswith("غيّر المنظّم التذكيرات")
    assert "Jobdate Oostende" in told["amal"]
    assert [len(to(person, out)) for person in ("nora", "amal")] == [1, 1]

    # The same reminders saved again: nothing changed, nobody is told.
    out = await change_reminders(session)
    assert sorted({line["to"] for line in out}) == ["olga"]
    # All reminders off: they hear that none come.
    out = await change_reminders(session, "The day before at 18:00", "On the day at 8:00",
                                 "Two hours before")
    assert to("nora", out)[0]["text"].endswith("Herinneringen: geen")
    # After the start a change matters to nobody: nobody is told.
    await session.advance("P15DT5H")
    out = await change_reminders(session, "Two hours before")
    assert sorted({line["to"] for line in out}) == ["olga"]
