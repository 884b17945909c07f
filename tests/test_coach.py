"""A coach linked to a newcomer: the newcomer decides; the coach sees only what was shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.harness import Session, labels, messages, run_simulate, texts

ROOT = Path(__file__).resolve().parent.parent


async def coach_and_newcomer(session: Session, newcomer_language: str = "Nederlands",
                             agree: bool = True) -> list[dict[str, object]]:
    await session.onboard("sara")
    await session.onboard("amal", language=newcomer_language, agree=agree)
    return await session.feed({"user": "sara", "link": "amal", "label": "Amal"})


async def test_a_coach_sees_nothing_until_the_newcomer_agrees(session: Session) -> None:
    [question] = await coach_and_newcomer(session)
    assert question["to"] == "amal"
    assert question["text"].startswith("Een coach helpt je op weg naar werk.")
    out = await session.say("sara", "/menu")
    assert "My newcomers" in labels(out[-1])
    out = await session.press("sara", "My newcomers")
    # The question waits for Amal: pending, not a refusal.
    assert labels(out[-1])[0] == "⏳ Amal"
    assert "⏳ Amal: has not answered yet whether you may see their profile." in out[-1]["text"]
    out = await session.press("sara", "⏳ Amal")
    assert out[0]["text"].startswith("Amal has not answered yet whether you may see their "
                                     "profile.")
    await session.press("amal", "Nee, hou het privé")
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert labels(out[-1])[0] == "🔒 Amal"
    out = await session.press("sara", "🔒 Amal")
    assert out[0]["text"] == "Amal did not agree to share their profile. Ask them in person."


async def test_a_shared_profile_is_read_in_the_coachs_own_language(session: Session) -> None:
    await coach_and_newcomer(session)
    out = await session.press("amal", "Ja, mijn coach mag het zien")
    assert out[0]["text"].startswith("Bedankt. Je coach kan nu je profiel zien.")
    await session.press("amal", "Mijn profiel")
    await session.press("amal", "Diploma's")
    await session.press("amal", "Nee")
    await session.press("amal", "Nee")
    out = await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert labels(out[-1])[0] == "Amal"
    [profile, _] = await session.press("sara", "Amal")
    assert profile["text"].startswith("Profile of Amal:\n\nDiplomas\n- ")
    assert "Nee" not in profile["text"] and ": No" in profile["text"]
    assert "edit_" not in str(profile.get("options"))  # the coach reads; only the owner edits


async def test_taking_it_back_in_my_data_closes_the_profile_again(session: Session) -> None:
    await coach_and_newcomer(session, newcomer_language="English")
    await session.press("amal", "Yes, my coach may see it")
    out = await session.say("amal", "/privacy")
    assert "Your coach can see your profile." in out[0]["text"]
    out = await session.press("amal", "Stop sharing with my coach")
    assert out[0]["text"].startswith("Done. Your coach no longer sees your profile.")
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert labels(out[-1])[0] == "🔒 Amal"


async def test_someone_who_said_no_to_brug_keeping_answers_is_never_asked(
    session: Session,
) -> None:
    out = await coach_and_newcomer(session, agree=False)
    assert [line for line in out if line.get("to") == "amal"] == []
    await session.say("sara", "/menu")
    out = await session.press("sara", "My newcomers")
    assert labels(out[-1])[0] == "🔒 Amal"


async def test_newcomers_do_not_get_the_coach_menu(session: Session) -> None:
    await session.onboard("amal")
    out = await session.say("amal", "/menu")
    assert "My newcomers" not in labels(out[-1])
    out = await session.say("amal", "my newcomers")
    assert "I did not understand that" in texts(out)


def test_brug_link_names_who_has_not_started_the_bot(database: str) -> None:
    result = brug(database, "link", "111", "222")
    assert result.returncode == 1
    assert "not found on telegram: 111, 222 (they must start the bot first)" in result.stderr


def test_brug_link_works_on_the_database_simulate_used(database: str) -> None:
    # simulate --db and BRUG_DATABASE_URL take the same URLs, PostgreSQL's included.
    onboarding = ({"text": "/start"}, {"press": "English"}, {"press": 1}, {"press": 1})
    run_simulate([{"user": user, **line} for user in ("sara", "amal") for line in onboarding],
                 database)
    result = brug(database, "link", "sara", "amal", "--channel", "simulate")
    assert result.returncode == 0, result.stderr
    assert "linked sara to amal; amal is asked to share their profile" in result.stdout
    out = run_simulate([{"user": "sara", "text": "/menu"},
                        {"user": "sara", "press": "My newcomers"}], database)
    assert labels(messages(out)[-1])[0] == "⏳ amal"


def brug(database: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A `brug` command on the database of BRUG_DATABASE_URL."""
    env = {**os.environ, "BRUG_DATABASE_URL": database, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


async def test_talk_to_a_person_can_ask_the_coach_to_get_in_touch(session: Session) -> None:
    await coach_and_newcomer(session, newcomer_language="English")
    await session.press("amal", "Yes, my coach may see it")
    [page] = await session.say("amal", "/person")
    assert page["text"].startswith("Talk to a person\n\nI am a bot.")
    assert labels(page) == ["💬 Talk to a coach here", "🙋 Ask my coach to contact me",
                            "☰ Menu"]
    out = await session.say("amal", "hello?")
    assert labels(out[-1])[1] == "🙋 Ask my coach to contact me"  # asked again, nothing sent
    assert [line for line in out if line.get("to") == "sara"] == []
    out = await session.press("amal", "🙋 Ask my coach to contact me")
    [told] = [line["text"] for line in out if line.get("to") == "sara"]
    assert told.startswith("🙋 Amal asks a coach for help.\nAbout: A talk with you\n")
    [answer] = [line for line in out if line.get("to") == "amal"]
    assert answer["text"].startswith("I sent your coach a message.")
    assert "Steps to a job" in labels(answer)  # back at the menu


async def test_without_a_coach_who_sees_the_profile_the_page_names_other_places(
    session: Session,
) -> None:
    await coach_and_newcomer(session, newcomer_language="English")
    await session.press("amal", "No, keep it private")
    out = await session.say("amal", "/menu")
    out = await session.press("amal", "Talk to a person")
    assert "VDAB" in out[0]["text"]
    assert "🙋 Ask my coach to contact me" not in labels(out[-1])
    assert [line for line in out if line.get("to") == "sara"] == []
