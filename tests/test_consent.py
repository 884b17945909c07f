"""Consent per purpose: each shown and changed in My data, each taking effect at once (what a
coach sees, which reminders come), each kept with its text's version, and a new text asked
again once at the next visit."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.flows.content import load_content
from bot.storage.tables import coach_links, consents, users
from tests.harness import ROOT, Session, labels, query, texts
from tests.test_events import join_three


async def linked_and_shared(session: Session) -> None:
    """Sara coaches Amal, who agreed that Brug keeps answers and shares her profile."""
    await session.onboard("sara")
    await session.onboard("amal")
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    await session.press("amal", "Yes, my coach may see it")


async def coach_list(session: Session) -> list[str]:
    await session.say("sara", "/menu")
    shown = labels((await session.press("sara", "My newcomers"))[-1])
    # The newcomers' buttons, and the way back; not the coach's own desk (requests, meetings,
    # quiet hours).
    return [label for label in shown if label[0] not in "💬📅🌙"]


async def rows(session: Session, user: str, purpose: str) -> list[dict[str, Any]]:
    return await query(session.app, select(
        consents.c.version, consents.c.given_at, consents.c.withdrawn_at)
        .join(users, users.c.id == consents.c.user_id)
        .where(users.c.external_id == user, consents.c.purpose == purpose)
        .order_by(consents.c.id))


async def choose(session: Session, user: str, purpose: str, answer: str) -> list[dict[str, Any]]:
    """In My data, open a purpose (by its title) and answer it."""
    out = await session.say(user, "/privacy")
    button = next(label for label in labels(out[-1]) if label.endswith(purpose))
    out = await session.press(user, button)
    assert out[-1]["text"].startswith(purpose)
    return await session.press(user, answer)


async def test_no_to_my_coach_may_see_my_profile_hides_it_at_once_and_yes_shows_it_again(
    session: Session,
) -> None:
    await linked_and_shared(session)
    assert await coach_list(session) == ["Amal", "☰ Menu"]
    [given] = await rows(session, "amal", "coach_profile")
    assert given["version"] == "2026-11-24" and given["withdrawn_at"] is None
    out = await choose(session, "amal", "My coach may see my profile", "No")
    assert out[0]["text"].startswith("Done. Your coach no longer sees your profile.")
    out = await session.say("amal", "/privacy")
    assert "⬜ My coach may see my profile" in labels(out[-1])
    assert "- My coach may see my profile: no" in out[-1]["text"]
    assert await coach_list(session) == ["🔒 Amal", "☰ Menu"]
    out = await session.press("sara", "🔒 Amal")
    assert out[0]["text"] == "Amal did not agree to share their profile. Ask them in person."
    [withdrawn] = await rows(session, "amal", "coach_profile")
    assert withdrawn["withdrawn_at"] is not None
    # Said no, and later yes again, from My data.
    out = await choose(session, "amal", "My coach may see my profile", "Yes, I agree")
    assert out[0]["text"].startswith("Done. Your coach can now see your profile.")
    assert await coach_list(session) == ["Amal", "☰ Menu"]
    out = await session.press("sara", "Amal")
    assert out[0]["text"].startswith("Profile of Amal:")
    assert [row["withdrawn_at"] is None for row in await rows(session, "amal",
                                                                 "coach_profile")] == [False, True]


async def test_no_to_brug_keeps_my_answers_deletes_them_and_the_coach_sees_nothing(
    session: Session,
) -> None:
    await linked_and_shared(session)
    await session.press("amal", "My profile")
    await session.press("amal", "Diplomas")
    await session.press("amal", "No")
    await session.press("amal", "No")
    out = await session.say("amal", "/privacy")
    assert "Your answers about: Diplomas" in out[-1]["text"]
    out = await choose(session, "amal", "Brug keeps my answers", "No")
    assert out[0]["text"].startswith("Done. I deleted your answers and your steps.")
    [state] = await query(session.app, select(users.c.state, users.c.consent)
                          .where(users.c.external_id == "amal"))
    assert state["consent"] == "decline"
    assert "intake_diplomas" not in state["state"].get("flows", {})
    assert await coach_list(session) == ["🔒 Amal", "☰ Menu"]
    [answers] = await rows(session, "amal", "answers")
    assert answers["withdrawn_at"] is not None
    # The steps to a job still work without kept answers.
    out = await session.say("amal", "/steps")
    assert len([label for label in labels(out[-1]) if label[0].isdigit()]) == 9
    # Yes again: the coach, linked before, is asked about at once.
    out = await choose(session, "amal", "Brug keeps my answers", "Yes, I agree")
    assert "Thank you. From now on I keep your answers." in texts(out)
    assert "May your coach see your profile" in texts(out)


async def test_growth_points_are_for_the_coach_only_while_that_purpose_is_given(
    session: Session,
) -> None:
    await linked_and_shared(session)

    async def growth() -> bool:
        [coach] = await query(session.app, select(coach_links.c.coach_id))
        [linked] = await session.app.store.run(lambda repo: repo.newcomers_of(coach["coach_id"]))
        return linked.growth

    assert await growth() is False
    await choose(session, "amal", "My coach may see my growth points", "Yes, I agree")
    assert await growth() is True
    out = await choose(session, "amal", "My coach may see my growth points", "No")
    assert out[0]["text"].startswith("Done. Your coach no longer sees your growth points.")
    assert await growth() is False


async def test_someone_who_keeps_no_answers_cannot_share_growth_points(session: Session) -> None:
    await session.onboard("amal", agree=False)
    out = await choose(session, "amal", "My coach may see my growth points", "Yes, I agree")
    assert out[0]["text"].startswith("First let Brug keep your answers")
    assert await rows(session, "amal", "coach_growth") == []


async def test_no_to_reminders_stops_them_at_once_and_yes_brings_them_back(
    session: Session,
) -> None:
    await session.onboard("amal")
    out = await choose(session, "amal", "I get reminders", "No")
    assert out[0]["text"].startswith("Done. I send you no more reminders. You still get "
                                     "reminders of meetings with your coach.")
    await session.press("amal", "☰ Menu")
    await session.press("amal", "My profile")
    await session.press("amal", "Papers and work")
    await session.press("amal", "Skip ⏭")
    await session.say("amal", "04-02-2026")  # a date that brings a reminder 30 days before
    assert await session.advance("P40D") == []  # neither the date nor the unfinished part
    out = await choose(session, "amal", "I get reminders", "Yes, I agree")
    assert out[0]["text"].startswith("Done. I send you reminders again.")
    await session.press("amal", "☰ Menu")
    await session.press("amal", "My profile")
    await session.press("amal", "Papers and work")  # goes on where it was: a nudge is set
    later = await session.advance("P3D")
    assert texts(later).startswith("You did not finish this yet.")
    assert [(r["given_at"] is None, r["withdrawn_at"] is None)
            for r in await rows(session, "amal", "reminders")] == [(True, False), (False, True)]


def content_with(tmp_path: Path, **versions: str) -> Path:
    """The content folder with new versions of some consent texts."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    path = folder / "consent.yaml"
    text = path.read_text(encoding="utf-8")
    for purpose, version in versions.items():
        start = text.index(f"  - id: {purpose}\n")
        old = text[start:].split("version: ", 1)[1].split("\n", 1)[0]
        text = text[:start] + text[start:].replace(f"version: {old}", f'version: "{version}"', 1)
    path.write_text(text, encoding="utf-8")
    return folder


async def test_a_new_text_asks_again_once_then_goes_back_to_the_question(
    tmp_path: Path, database: str,
) -> None:
    first = await Session.open(database)
    await linked_and_shared(first)
    await first.press("amal", "My profile")
    out = await first.press("amal", "Diplomas")
    question = out[-1]["text"]
    await first.close()
    changed = content_with(tmp_path, coach_profile="2026-12-01", answers="2026-12-01")
    session = await Session.open(database, changed)
    try:
        # Sara said yes to one of the changed texts only: one question, then the menu.
        out = await session.say("sara", "/menu")
        assert "Brug keeps my answers" in texts(out)
        out = await session.press("sara", "Yes, I agree")
        assert out[-1]["text"].startswith("Thank you. From now on I keep your answers.\n\n"
                                          "What do you want to do?")
        out = await session.say("amal", "hello")
        assert out[0]["text"].startswith("Before we go on: a text about your data has changed."
                                         "\n\nBrug keeps my answers")
        assert labels(out[-1]) == ["Yes, I agree", "No"]
        out = await session.press("amal", "Yes, I agree")
        assert out[-1]["text"].startswith("Thank you. From now on I keep your answers.\n\n"
                                          "My coach may see my profile")
        out = await session.press("amal", "Yes, I agree")
        # Back where she was.
        assert out[-1]["text"] == f"Done. Your coach can now see your profile.\n\n{question}"
        out = await session.say("amal", "/menu")
        assert "changed" not in texts(out)  # asked once
        profile = await rows(session, "amal", "coach_profile")
        assert [(r["version"], r["withdrawn_at"] is None) for r in profile] == [
            ("2026-11-24", False), ("2026-12-01", True)]
        assert [r["version"] for r in await rows(session, "amal", "answers")] == [
            "2026-11-24", "2026-12-01"]
        assert await coach_list(session) == ["Amal", "☰ Menu"]
    finally:
        await session.close()


async def test_no_to_a_new_text_takes_effect_at_once(tmp_path: Path, database: str) -> None:
    first = await Session.open(database)
    await linked_and_shared(first)
    await first.close()
    session = await Session.open(database, content_with(tmp_path, coach_profile="2026-12-01"))
    try:
        out = await session.say("amal", "/menu")
        assert out[-1]["text"].startswith("Before we go on: a text about your data has "
                                          "changed.\n\nMy coach may see my profile")
        out = await session.press("amal", "No")
        assert out[0]["text"].startswith("Done. Your coach no longer sees your profile.")
        assert "What do you want to do?" in out[-1]["text"]
        assert await coach_list(session) == ["🔒 Amal", "☰ Menu"]
    finally:
        await session.close()


async def test_a_newcomer_linked_before_consenting_is_asked_once_they_consent(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.onboard("amal", agree=False)
    await session.feed({"user": "sara", "link": "amal", "label": "Amal"})
    assert await coach_list(session) == ["🔒 Amal", "☰ Menu"]
    out = await choose(session, "amal", "Brug keeps my answers", "Yes, I agree")
    assert "May your coach see your profile" in texts(out)
    assert await coach_list(session) == ["⏳ Amal", "☰ Menu"]
    await session.press("amal", "Yes, my coach may see it")
    assert await coach_list(session) == ["Amal", "☰ Menu"]


def test_the_consent_questions_and_the_answers_purpose_share_one_version() -> None:
    content = load_content(ROOT / "content")
    [answers] = [p for p in content.purposes if p.id == "answers"]
    asked = {step.version for flow in content.flows.values() for step in flow.steps
             if step.type == "consent"}
    assert asked == {answers.version}
    assert [p.id for p in content.purposes] == ["answers", "coach_profile", "coach_growth",
                                                "reminders"]


async def test_no_to_reminders_stops_the_reminders_of_an_event_joined(session: Session) -> None:
    await join_three(session)
    out = await choose(session, "ed", "I get reminders", "No")
    assert out[0]["text"].startswith("Done. I send you no more reminders.")
    await session.advance("P8DT3H59M")  # a week before the event, in Brussels
    out = await session.advance("PT2M")
    assert sorted(line["to"] for line in out) == ["nora"]  # not Ed
    await session.advance("P6DT3H58M")  # the day before, 18:00 in Brussels
    out = await session.advance("PT2M")
    assert sorted(line["to"] for line in out) == ["nora"]
