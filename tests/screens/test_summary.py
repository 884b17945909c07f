"""A profile part's summary, with a button per answer to change it."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of, store_state, version_1


async def fill_diplomas(session: Session) -> list[dict[str, object]]:
    await session.onboard("amal")
    await session.press("amal", "My profile")
    await session.press("amal", "Diplomas")
    await session.press("amal", "No")
    return await session.press("amal", "No")


async def test_a_finished_part_shows_its_summary_and_an_answer_can_be_changed(
    session: Session,
) -> None:
    out = await fill_diplomas(session)
    assert out[-1]["text"].startswith("Diplomas: this is what you told me.\n- ")
    shown = labels(out[-1])
    assert shown[0] == "✏ Diploma from abroad" and shown[-1] == "☰ Menu"
    assert any(label.startswith("Next part: ") for label in shown)
    state = await state_of(session, "amal")
    assert (state["at"], state["shown"]["summary_of"]) == ("summary", "intake_diplomas")
    out = await session.say("amal", "nonsense")
    assert out[-1]["text"].startswith("Please choose one of the options")
    out = await session.press("amal", "✏ Diploma from abroad")
    assert out[-1]["text"].startswith("Do you have a diploma or certificate from another "
                                      "country?")
    assert (await state_of(session, "amal"))["at"] == "flow"


async def test_a_summary_stored_under_the_old_key_still_opens(session: Session) -> None:
    await fill_diplomas(session)
    state = version_1(await state_of(session, "amal"))
    state["summary"] = state.pop("summary_of")  # as stored before the key was renamed
    await store_state(session, "amal", state)
    out = await session.say("amal", "/start")
    assert "Diplomas: this is what you told me." in out[-1]["text"]
    out = await session.press("amal", "✏ Diploma from abroad")
    assert out[-1]["text"].startswith("Do you have a diploma")
