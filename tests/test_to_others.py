"""Messages that reach a person from someone else's turn or from a job get the same last touch
as the replies of their own turn, by the reader's own setting and language: the Dutch line for
who asked for it, and a Flemish term explained where it first appears."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from bot.flows.reply_text import touched
from bot.i18n.beside import Said
from bot.types import Option, Outgoing
from tests.harness import Session
from tests.sample import ROOT
from tests.screens.test_event_new import new_event
from tests.test_coach_care import staff, text_to, to
from tests.test_events import join_three, make_organiser
from tests.test_handoff import pool
from tests.test_reflection import an_event, one_point_kept

MOVED_UP_NL = ("🇳🇱 Goed nieuws: er is een plaats vrijgekomen voor Jobdate Oostende (")
REMINDER_NL = ("🇳🇱 Herinnering: je komt naar deze activiteit. Kun je niet komen? Tik op de "
               "knop, dan krijgt iemand anders je plaats.")


async def dutch_too(session: Session, user: str) -> None:
    """The person, who reads Arabic, asks for the Dutch line under every message."""
    await session.say(user, "/language")
    await session.press(user, "العربية")
    await session.press(user, "نعم، والهولندية أيضًا")


async def ed_cannot_come(session: Session) -> list[dict]:
    await session.say("ed", "/menu")
    await session.press("ed", "My events")
    await session.press("ed", "Jobdate Oostende")
    return await session.press("ed", "I can't come")


async def test_a_place_from_someone_elses_turn_and_a_reminder_come_with_the_dutch_line(
    session: Session,
) -> None:
    await join_three(session)
    await dutch_too(session, "amal")
    # Ed leaves: Amal, on the waiting list, gets his place from Ed's turn.
    [moved] = to(await ed_cannot_come(session), "amal")
    arabic, dutch = moved["text"].split("\n\n🇳🇱 ")
    assert arabic.startswith("أخبار سارة: توفر مكان في \u2068Jobdate Oostende\u2069 (")
    # The Dutch message with the same values filled in, without the Arabic isolates.
    assert f"🇳🇱 {dutch}".startswith(MOVED_UP_NL)
    assert dutch.endswith("). Je staat nu op de lijst. Kun je niet komen? Open Mijn "
                          "activiteiten in het menu.")
    assert "\u2068" not in dutch
    # A week before (13 January 13:00 UTC), the reminder from the scheduler.
    await session.advance("P8DT3H59M")
    out = await session.advance("PT2M")
    [reminder] = to(out, "amal")
    assert f"\n\n{REMINDER_NL}\n" in reminder["text"]
    assert "📍 Waar: Vrijhavenstraat 1, Oostende" in reminder["text"]


async def test_without_the_setting_no_dutch_line_comes(session: Session) -> None:
    await join_three(session)
    [moved] = to(await ed_cannot_come(session), "amal")
    assert moved["text"].startswith("أخبار سارة")
    assert "🇳🇱" not in moved["text"]
    await session.advance("P8DT3H59M")
    out = await session.advance("PT2M")
    assert "🇳🇱" not in text_to(out, "amal")


async def test_a_coachs_phrase_comes_with_the_dutch_line(session: Session) -> None:
    await pool(session, ("sara", "Nederlands"))
    await session.onboard("amal", language="العربية")
    await dutch_too(session, "amal")
    await session.say("amal", "/person", name="Amal")
    await session.press("amal", 1, name="Amal")
    await session.press("amal", 1, name="Amal")
    out = await session.press("sara", 1, name="Sara")
    assert text_to(out, "amal").endswith(
        "\n\n🇳🇱 Sara, een coach, antwoordt je hier. Schrijf je vraag.")
    await session.press("sara", "📖 Zinnen")
    out = await session.press("sara", "Stuur een foto van de brief")
    assert text_to(out, "amal") == ("💬 \u2068Sara\u2069 (المرشد):\nمن فضلك أرسل صورة للرسالة."
                                    "\n\n🇳🇱 💬 Sara (coach):\n"
                                    "Stuur een foto van de brief, alsjeblieft.")
    # Words the coach types are not repeated in Dutch, and a line with only "Sara (coach):"
    # would say nothing: none comes.
    out = await session.say("sara", "Ik bel je morgen om tien uur.", name="Sara")
    assert text_to(out, "amal").endswith("Ik bel je morgen om tien uur.")
    assert "🇳🇱" not in text_to(out, "amal")


async def test_an_admin_assigning_a_coach_tells_the_newcomer_with_the_dutch_line(
    session: Session,
) -> None:
    await staff(session, ("anna", "admin"), ("sara", "coach"))
    await session.onboard("amal", language="العربية")
    await dutch_too(session, "amal")
    await session.say("anna", "/menu")
    await session.press("anna", "Coaches and newcomers")
    await session.press("anna", "amal (no coach)")
    out = await session.press("anna", "sara (0)")
    nl = session.app.conversation.catalogs.get("nl").gettext
    told = nl("An admin gave you a coach: {coach}. Your coach can answer your questions and "
              "plan meetings with you. You choose what your coach may see.").format(coach="sara")
    assert told.startswith("Een ")
    assigned = to(out, "amal")[0]
    assert assigned["text"].endswith(f"\n\n🇳🇱 {told}")
    assert "\u2068sara\u2069" in assigned["text"].split("🇳🇱")[0]


def with_a_vdab_phrase(folder: Path) -> Path:
    """The real content, with a first phrase that names VDAB twice."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    phrases = content / "phrases.yaml"
    phrases.write_text(phrases.read_text().replace(
        "phrases:\n",
        "phrases:\n  - id: vdab\n    label: Register with VDAB\n"
        "    text: Please register with VDAB. VDAB helps you find work.\n", 1))
    return content


async def test_a_flemish_term_in_a_coachs_phrase_is_explained_once(
    database: str, tmp_path: Path,
) -> None:
    session = await Session.open(database, with_a_vdab_phrase(tmp_path))
    try:
        await pool(session, ("sara", "English"))
        await session.onboard("amal")
        await session.say("amal", "/person", name="Amal")
        await session.press("amal", 1, name="Amal")
        await session.press("amal", 1, name="Amal")
        await session.press("sara", 1, name="Sara")
        await session.press("sara", "📖 Phrases")
        out = await session.press("sara", "Register with VDAB")
        assert text_to(out, "amal") == (
            "💬 Sara (coach):\nPlease register with VDAB (the public employment service of "
            "Flanders). VDAB helps you find work.")
    finally:
        await session.close()


async def test_an_arabic_reader_sees_the_event_title_isolated_in_growth_points(
    session: Session,
) -> None:
    await make_organiser(session)
    event = await an_event(session)
    await session.onboard("amal")
    await one_point_kept(session, event, "I will bring my CV.")
    await session.say("amal", "/language")
    await session.press("amal", "العربية")
    await session.press("amal", "لا، بلغتي فقط")
    ar = session.app.conversation.catalogs.get("ar").gettext
    await session.say("amal", "/menu")
    await session.press("amal", ar("My profile"))
    [screen] = (await session.press("amal", ar("🌱 My growth points")))[-1:]
    assert "\u2068Jobdate Oostende\u2069، \u2068" in screen["text"]
    assert "- I will bring my CV." in screen["text"]


async def test_the_example_date_is_brussels_date_near_midnight(session: Session) -> None:
    # 30 June 23:30 UTC is already 1 July in Brussels: the example is two weeks after that.
    session.clock.advance(timedelta(days=176, hours=14, minutes=30))
    await make_organiser(session)
    await new_event(session)
    await session.say("olga", "CV workshop")
    out = await session.press("olga", "Workshop")
    assert out[-1]["text"] == ("On what day? Type the date as day-month-year, for example "
                               "15-07-2026.")


def test_the_dutch_line_never_makes_a_message_too_long_for_its_channel() -> None:
    said = Said([("مرحبا، هذه رسالة طويلة بعض الشيء.", "Hallo, dit is een vrij lang bericht.")],
                wanted=True)
    message = Outgoing(to="amal", text="مرحبا، هذه رسالة طويلة بعض الشيء.",
                       options=(Option("menu", "القائمة"),))
    parts = touched(message, said, None, str, {"القائمة"}, limit=60)
    assert [part.text for part in parts] == ["مرحبا، هذه رسالة طويلة بعض الشيء.",
                                             "🇳🇱 Hallo, dit is een vrij lang bericht."]
    assert [part.options for part in parts] == [(), message.options]
    assert touched(message, said, None, str, {"القائمة"}, limit=4096) == [
        Outgoing(to="amal", text=f"{message.text}\n\n🇳🇱 Hallo, dit is een vrij lang bericht.",
                 options=message.options)]
