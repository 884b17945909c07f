"""Talking to a coach through the bot: a request with a summary the newcomer sees first, a
pool of coaches where the first claim wins, messages relayed both ways in each side's own
language, and the end of the conversation with one smiley question."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from bot.app_effects import apply_events
from bot.flows.events import HandoffOpened
from bot.storage.repository import SqlRepository
from bot.storage.tables import handoffs
from bot.types import Incoming, Outgoing
from tests.harness import Session, labels, query

Lines = list[dict[str, Any]]


def to(lines: Lines, user: str) -> Lines:
    return [line for line in lines if line.get("to") == user]


def text_to(lines: Lines, user: str) -> str:
    return "\n".join(line.get("text", "") for line in to(lines, user))


async def pool(session: Session, *coaches: tuple[str, str]) -> None:
    """Coaches (name, language) who started the bot and were given the role."""
    for coach, language in coaches:
        await session.onboard(coach, language=language)
        await session.feed({"user": coach, "role": "coach"})


async def coach_admin_and_newcomer(session: Session) -> None:
    """sara in the pool of coaches, anna an admin, amal a newcomer."""
    await pool(session, ("sara", "English"))
    await session.onboard("anna")
    await session.feed({"user": "anna", "role": "admin"})
    await session.onboard("amal", language="English")


async def ask_for_a_coach(session: Session, newcomer: str, **extra: Any) -> Lines:
    out = await session.say(newcomer, "/person", **extra)
    assert "💬 Talk to a coach here" in labels(out[-1])
    out = await session.press(newcomer, "💬 Talk to a coach here", **extra)
    return out


async def test_a_request_goes_to_the_pool_and_the_first_claim_wins(session: Session) -> None:
    await pool(session, ("sara", "Nederlands"), ("omid", "English"))
    await session.onboard("amal", language="English")
    [summary] = await ask_for_a_coach(session, "amal", name="Amal")
    # What the coach will see is shown first, and nothing is sent yet.
    assert summary["text"].startswith("A coach can talk with you here in the chat.")
    assert "- Your language: English" in summary["text"]
    assert "- Your steps to a job: 0 of" in summary["text"]
    assert labels(summary) == ["✅ Send", "☑ Steps to a job", "☰ Menu"]
    out = await session.press("amal", "✅ Send", name="Amal")
    told = text_to(out, "amal")
    assert "A person will answer you here, usually within 1 hour." in told
    assert "What you write here now goes to the coach." in told
    [to_sara] = to(out, "sara")
    [to_omid] = to(out, "omid")
    # Each coach reads the request in their own language.
    assert to_sara["text"].startswith("🙋 Amal vraagt om met een coach te praten.\n")
    assert "Taal: Engels" in to_sara["text"]
    assert to_omid["text"].startswith("🙋 Amal asks to talk to a coach.\n")
    assert labels(to_omid) == ["✋ I take it"]
    out = await session.press("omid", "✋ I take it", name="Omid")
    assert text_to(out, "omid").startswith("You took the request of Amal (#1).")
    assert "Omid" in text_to(out, "sara") and "#1" in text_to(out, "sara")
    assert text_to(out, "amal").startswith("Omid, a coach, will answer you here.")
    # Too late: Sara's button changes nothing.
    out = await session.press("sara", 1, name="Sara")
    assert "Omid" in text_to(out, "sara")
    assert to(out, "amal") == [] and to(out, "omid") == []
    [row] = await query(session.app, select(handoffs.c.coach_name, handoffs.c.closed_at))
    assert row == {"coach_name": "Omid", "closed_at": None}


async def test_messages_go_both_ways_each_in_its_own_language(session: Session) -> None:
    await pool(session, ("sara", "Nederlands"))
    await session.onboard("amal", language="العربية")
    await session.say("amal", "/person", name="Amal")
    await session.press("amal", 1, name="Amal")
    await session.press("amal", 1, name="Amal")
    # Written before anyone took it: kept and passed on at the claim.
    out = await session.say("amal", "مرحبا، عندي رسالة", name="Amal")
    assert to(out, "sara") == []
    out = await session.press("sara", 1, name="Sara")
    [first] = [line for line in to(out, "sara") if "مرحبا" in line["text"]]
    assert first["text"].startswith("💬 Amal (Arabisch) #1\n")
    out = await session.say("sara", "Stuur een foto van de brief.", name="Sara")
    [got] = to(out, "amal")
    assert got["text"] == "💬 \u2068Sara\u2069 (المرشد):\nStuur een foto van de brief."
    assert labels(got) == ["إنهاء المحادثة"]
    assert text_to(out, "sara").startswith("✓ Naar Amal (#1).")
    out = await session.feed({"user": "amal", "media": "photo", "name": "Amal"})
    [photo] = to(out, "sara")
    assert photo["kind"] == "copy" and photo["media"] == "photo"
    assert photo["copy_of"].startswith("amal:")
    assert "Amal" in photo["caption"] and "#1" in photo["caption"]


async def test_a_coach_with_two_conversations_answers_each(session: Session) -> None:
    await pool(session, ("sara", "English"))
    for newcomer in ("amal", "omid"):
        await session.onboard(newcomer, language="English")
        await ask_for_a_coach(session, newcomer)
        await session.press(newcomer, 1)
        await session.press("sara", "✋ I take it")
    out = await session.say("amal", "question from amal")
    [from_amal] = to(out, "sara")
    out = await session.say("omid", "question from omid")
    [from_omid] = to(out, "sara")
    # The last one chosen is Omid's (taken last); a reply to Amal's message goes to Amal.
    out = await session.say("sara", "answer for amal", reply_to=from_amal["text"])
    assert next(line["text"] for line in to(out, "amal")).endswith("answer for amal")
    assert to(out, "omid") == []
    assert text_to(out, "sara").startswith("✓ To amal (#1).")
    out = await session.say("sara", "answer for omid", reply_to=from_omid["text"])
    assert to(out, "amal") == []
    assert to(out, "omid")[0]["text"].endswith("answer for omid")
    # Without a reply, the one chosen last: Omid, shown on the confirmation.
    out = await session.say("sara", "more for omid")
    assert to(out, "amal") == [] and text_to(out, "sara").startswith("✓ To omid (#2).")
    out = await session.press("sara", "✍ amal #1")
    assert text_to(out, "sara") == "What you write now goes to amal (#1)."
    out = await session.say("sara", "more for amal")
    assert to(out, "omid") == [] and to(out, "amal")


async def test_the_newcomer_ends_it_and_is_asked_about_the_help(session: Session) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    out = await session.press("sara", "✋ I take it")
    out = await session.press("amal", "End the conversation")
    assert text_to(out, "amal").startswith("The conversation has ended. You are back with Brug.")
    assert labels(to(out, "amal")[-1])[:5] == ["😞 1", "🙁 2", "😐 3", "🙂 4", "😄 5"]
    assert "amal ended the conversation (#1)." in text_to(out, "sara")
    out = await session.press("amal", "🙂 4")
    assert text_to(out, "amal").startswith("Thank you.")
    # Back with the bot: what amal writes is not relayed.
    out = await session.say("amal", "hello")
    assert to(out, "sara") == []
    [row] = await query(session.app, select(handoffs.c.rating, handoffs.c.closed_by))
    assert row == {"rating": 4, "closed_by": "newcomer"}


async def test_the_coach_closes_it_with_a_note_the_newcomer_never_sees(
    session: Session,
) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    await session.press("sara", "✋ I take it")
    out = await session.press("sara", "✖ Close #1")
    assert text_to(out, "sara").startswith("Write one line for your notes")
    out = await session.say("sara", "Needs the diploma letter; call Friday")
    assert text_to(out, "sara").startswith("Closed: amal (#1).")
    told = text_to(out, "amal")
    assert told.startswith("sara closed the conversation. You are back with Brug.")
    assert "diploma" not in told
    out = await session.press("amal", "😄 5")
    [row] = await query(session.app, select(handoffs.c.note, handoffs.c.rating))
    assert row == {"note": "Needs the diploma letter; call Friday", "rating": 5}
    # Sara is no longer writing to anyone: her text goes to the bot.
    out = await session.say("sara", "hello")
    assert to(out, "amal") == []


async def test_outside_office_hours_the_newcomer_hears_when_it_opens(session: Session) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await session.advance("PT10H")  # Monday 20:00 in Brussels
    await ask_for_a_coach(session, "amal")
    out = await session.press("amal", 1)
    assert "The office is closed now. It opens on Tuesday 09:00 (Belgian time)." in text_to(
        out, "amal")


async def test_an_unclaimed_request_reminds_the_pool_and_tells_the_admins(
    session: Session,
) -> None:
    await coach_admin_and_newcomer(session)
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    out = await session.advance("PT50M")
    assert to(out, "sara") == []
    out = await session.advance("PT15M")
    assert text_to(out, "sara").startswith("⏰ Nobody has taken this request yet.")
    assert labels(to(out, "sara")[0]) == ["✋ I take it"]
    assert text_to(out, "anna").startswith("⏰ Nobody has taken the request of amal yet.")
    assert to(out, "amal") == []


async def test_a_newcomer_cannot_claim_and_stale_buttons_change_nothing(
    session: Session,
) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await session.onboard("omid", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)
    # A forged Claim button, as Telegram would deliver it.
    out = await session.feed({"user": "omid", "press": 1})  # omid's own last buttons
    for forged in ("hoc.1", "hox.1", "hot.1", "hoc.99", "hoe.1"):
        session.simulator.options.by_user["omid"] = (None, [(forged, "forged")])
        out = await session.press("omid", 1)
        assert to(out, "amal") == [] and to(out, "sara") == [], forged
    [row] = await query(session.app, select(handoffs.c.coach_id, handoffs.c.closed_at))
    assert row == {"coach_id": None, "closed_at": None}
    await session.press("sara", "✋ I take it")
    await session.press("amal", "End the conversation")
    # The old buttons of a closed conversation change nothing.
    session.simulator.options.by_user["sara"] = (None, [("hoc.1", "✋ I take it")])
    out = await session.press("sara", 1)
    assert to(out, "amal") == []
    out = await session.say("sara", "anyone there?")
    assert to(out, "amal") == []


async def test_a_yes_to_a_question_for_a_coach_offers_a_talk(session: Session) -> None:
    await pool(session, ("sara", "English"))
    await session.onboard("amal", language="English")
    await session.say("amal", "/steps")
    out = await session.press("amal", 1)
    out = await session.press("amal", 1)
    help_label = next(label for label in labels(out[-1]) if "help" in label.lower())
    out = await session.press("amal", help_label)
    [offer] = [line for line in out if "💬 Talk to a coach" in labels(line)]
    assert offer["text"].endswith("Do you want to talk to a coach about it? A person can "
                                  "answer you here in the chat.")
    # Its button stays on that earlier message, as on a phone.
    session.simulator.options.by_user["amal"] = (
        None, [(o["id"], o["label"]) for o in offer["options"]])
    out = await session.press("amal", "💬 Talk to a coach")
    assert out[0]["text"].startswith("A coach can talk with you here in the chat.")
    assert "- You asked for help with: " in out[0]["text"]


async def test_a_phrase_from_a_dutch_coach_arrives_in_arabic(session: Session) -> None:
    await pool(session, ("sara", "Nederlands"))
    await session.onboard("amal", language="العربية")
    await session.say("amal", "/person", name="Amal")
    await session.press("amal", 1, name="Amal")
    await session.press("amal", 1, name="Amal")
    out = await session.press("sara", 1, name="Sara")
    out = await session.press("sara", "📖 Zinnen")
    assert text_to(out, "sara") == ("Kies een zin voor Amal. Zij lezen hem in hun taal.")
    out = await session.press("sara", "Stuur een foto van de brief")
    [got] = to(out, "amal")
    assert got["text"] == "💬 \u2068Sara\u2069 (المرشد):\nمن فضلك أرسل صورة للرسالة."
    # The coach sees what the newcomer got.
    assert text_to(out, "sara").startswith(
        "✓ Naar Amal (#1): Stuur een foto van de brief, alsjeblieft.\n"
        "Zij lezen: من فضلك أرسل صورة للرسالة.")
    await session.press("sara", "📖 Zinnen")
    out = await session.press("sara", "Kunnen we afspreken op ...?")
    assert labels(out[-1])[0] == "di 6 jan"  # Monday 5 January: the next days
    out = await session.press("sara", "di 6 jan")
    # The day, written the Arabic way, is isolated inside the right-to-left sentence.
    assert to(out, "amal")[0]["text"].endswith(
        "هل يمكن أن نلتقي يوم \u2068الثلاثاء، 6 يناير\u2069؟")
    assert "Kunnen we afspreken op dinsdag 6 januari?" in text_to(out, "sara")


async def test_another_part_of_brug_starts_an_urgent_handoff_with_one_event(
    session: Session,
) -> None:
    await coach_admin_and_newcomer(session)

    def emit(repo: SqlRepository) -> list[Outgoing]:
        user, _ = repo.load_user("simulate", "amal")
        assert user is not None
        replies: list[Outgoing] = []
        incoming = Incoming("simulate", "amal", session.clock.now(), text="help")
        apply_events(repo, user, incoming, session.app.surroundings,
                     [(0, HandoffOpened("They need a person now", urgent=True))], replies)
        return replies

    [told] = await session.app.store.run(emit)
    assert told.text.startswith("I asked a coach. A person will answer you here")
    out = await session.advance("PT0S")  # the outbox goes out
    assert text_to(out, "sara").startswith("🚨 Urgent: amal needs a person now.\n")
    assert labels(to(out, "sara")[0]) == ["✋ I take it"]
    assert text_to(out, "anna").startswith("An urgent request went to the coaches.")
    [row] = await query(session.app, select(handoffs.c.urgent, handoffs.c.reason))
    assert row == {"urgent": True, "reason": "They need a person now"}


async def test_two_coaches_claiming_at_the_same_moment_one_wins(session: Session) -> None:
    await pool(session, ("sara", "English"), ("omid", "English"))
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    await session.press("amal", 1)

    def press(coach: str) -> Incoming:
        return Incoming("simulate", coach, session.clock.now(), kind="press", choice="hoc.1",
                        name=coach.title())

    handled = await asyncio.gather(session.app.handle(press("sara")),
                                   session.app.handle(press("omid")))
    said = [reply.text for result in handled for reply in result.replies]
    assert sum(text.startswith("You took the request of amal (#1).") for text in said) == 1
    assert sum(text.endswith("took this request already.") for text in said) == 1
    [row] = await query(session.app, select(handoffs.c.coach_name))
    assert row["coach_name"] in ("Sara", "Omid")
    assert f"{row['coach_name']} took this request already." in said


async def test_a_reply_to_a_closed_conversation_is_never_guessed(session: Session) -> None:
    await pool(session, ("sara", "English"))
    for newcomer in ("amal", "omid", "lina"):
        await session.onboard(newcomer, language="English")
        await ask_for_a_coach(session, newcomer)
        await session.press(newcomer, 1)
        await session.press("sara", "✋ I take it")
    out = await session.say("amal", "from amal")
    [from_amal] = to(out, "sara")
    await session.press("amal", "End the conversation")
    out = await session.say("sara", "for whom?", reply_to=from_amal["text"])
    assert to(out, "omid") == [] and to(out, "lina") == [] and to(out, "amal") == []
    [ask] = to(out, "sara")
    assert ask["text"] == "You have more than one open conversation. Whom is this message for?"
    assert labels(ask) == ["✍ omid #2", "✍ lina #3"]
    out = await session.press("sara", "✍ omid #2")
    assert to(out, "omid")[0]["text"].endswith("for whom?")
    assert to(out, "lina") == [] and to(out, "amal") == []


async def test_with_no_coach_at_all_the_admins_are_asked_to_find_one(session: Session) -> None:
    await session.onboard("anna")
    await session.feed({"user": "anna", "role": "admin"})
    await session.onboard("amal", language="English")
    await ask_for_a_coach(session, "amal")
    out = await session.press("amal", 1)
    assert text_to(out, "anna").startswith("Please find a coach for amal.\n\n🙋 amal asks")
    # The newcomer can still withdraw it.
    out = await session.say("amal", "is anyone there?")
    assert text_to(out, "amal") == "Kept. The coach who takes your request reads it first."
    out = await session.press("amal", "End the conversation")
    assert text_to(out, "amal").startswith("Your request is withdrawn. You are back with Brug.")


async def test_my_conversations_shows_whom_a_coach_can_write_to_and_their_notes(
    session: Session,
) -> None:
    await pool(session, ("sara", "English"))
    for newcomer in ("amal", "omid"):
        await session.onboard(newcomer, language="English")
        await ask_for_a_coach(session, newcomer)
        await session.press(newcomer, 1)
        await session.press("sara", "✋ I take it")
    await session.press("sara", "✖ Close #2")
    await session.say("sara", "Found a job; no more help needed")
    await session.say("sara", "/menu")
    out = await session.press("sara", "My conversations")
    assert out[-1]["text"] == ("Your open conversations. Tap one to write to that person.\n"
                               "Your notes on closed conversations:\n"
                               "#2 omid: Found a job; no more help needed")
    assert labels(out[-1]) == ["✍ amal #1", "☰ Menu"]
    out = await session.press("sara", "✍ amal #1")
    assert text_to(out, "sara") == "What you write now goes to amal (#1)."
    # Newcomers have no such screen.
    out = await session.say("omid", "/menu")
    assert "My conversations" not in labels(out[-1])
