"""The growth points proposed after a reflection: typed words while a point is on show are
that point in the person's own wording, cut to one sentence; dropping all keeps nothing; a
forged press keeps nothing."""

from __future__ import annotations

from tests.harness import Session, labels, texts
from tests.screens.helpers import state_of
from tests.screens.pressing import press_forged
from tests.test_reflection import DROP, KEEP, a_newcomer_after, answer_all, kept_points


async def reviewing(session: Session) -> dict:
    await a_newcomer_after(session)
    out = await answer_all(session, "amal", [
        "I asked good questions.", None, None, "I will arrive early.", None])
    return out[-1]


async def test_typed_words_are_the_point_in_one_sentence(session: Session) -> None:
    screen = await reviewing(session)
    assert "Growth point 1 of 2:\n\n🌱 I will arrive early." in screen["text"]
    assert (await state_of(session, "amal"))["at"] == "growth_review"
    out = await session.say("amal", "  I come   on time.  Always, even when it rains. ")
    assert texts(out).startswith("Kept: I come on time.\n\nGrowth point 2 of 2:")
    assert [row["text"] for row in await kept_points(session)] == ["I come on time."]


async def test_dropping_every_point_keeps_nothing(session: Session) -> None:
    await reviewing(session)
    before = await kept_points(session)
    out = await press_forged(session, "amal", "growth_keep_all")
    assert out[0]["text"].startswith("Please choose one of the options")
    await session.press("amal", DROP)
    out = await session.press("amal", DROP)
    assert texts(out).startswith("That is fine. Nothing was kept.")
    assert await kept_points(session) == before == []
    assert KEEP not in labels(out[-1])
    assert (await state_of(session, "amal"))["at"] == "menu"
