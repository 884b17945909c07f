"""A coach's own screens as a coach and their newcomers meet them: My newcomers with only what
each newcomer shares, the weekly digest on Monday at 08:00 (Brussels time), quiet hours that
hold everything but urgent requests, and the trail of who opened a newcomer's data, which the
newcomer reads in My data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.flows.content import load_content
from bot.flows.roadmap_content import Roadmap
from bot.services.weekly_digest import DIGEST, next_digest
from bot.storage import personal_data
from bot.storage.tables import coach_desks, data_views, reminders, users
from bot.types import Incoming
from tests.harness import ROOT, Session, labels, query

content = load_content(ROOT / "content")
assert content.roadmap is not None
ROADMAP: Roadmap = content.roadmap
Lines = list[dict[str, Any]]


def to(lines: Lines, user: str) -> Lines:
    return [line for line in lines if line.get("to") == user]


def text_to(lines: Lines, user: str) -> str:
    return "\n".join(line.get("text", "") for line in to(lines, user))


def title(item_id: str) -> str:
    item = ROADMAP.item(item_id)
    assert item is not None, item_id
    return item.title


async def user_id(session: Session, user: str) -> int:
    [row] = await query(session.app, select(users.c.id).where(users.c.external_id == user))
    return int(row["id"])


async def mark(session: Session, user: str, step_number: int, item_id: str, how: str) -> None:
    """The newcomer marks a roadmap item (how: the button, "✅ Done" or "🙋 I need help")."""
    await session.say(user, "/menu")
    out = await session.press(user, "Steps to a job")
    step = next(label for label in labels(out[-1]) if label.startswith(f"{step_number}. "))
    await session.press(user, step)
    await session.press(user, f"⬜ {title(item_id)}")
    await session.press(user, how)


async def linked(session: Session, coach: str, newcomer: str, share: bool,
                 language: str = "English") -> None:
    await session.onboard(newcomer, language=language)
    await session.feed({"user": coach, "link": newcomer, "label": newcomer.title()})
    await session.press(newcomer, 1 if share else 2)


async def test_my_newcomers_shows_exactly_what_each_newcomer_shares(session: Session) -> None:
    await session.onboard("sara")
    await linked(session, "sara", "amal", share=True)
    await linked(session, "sara", "omid", share=False)
    first = ROADMAP.items_of(ROADMAP.steps[0].id, None)[0]
    await mark(session, "amal", 1, first.id, "✅ Done")
    await mark(session, "amal", 2, "diploma", "🙋 I need help")
    await mark(session, "omid", 1, first.id, "✅ Done")
    await session.say("sara", "/menu")
    [home] = await session.press("sara", "My newcomers")
    total = sum(len(ROADMAP.items_of(step.id, None)) for step in ROADMAP.steps)
    assert f"Amal: 1 of {total} steps done. 🙋 Needs help with: {title('diploma')}" \
        in home["text"]
    # Omid did not share: his name, and nothing of his steps.
    assert "🔒 Omid: does not share their profile with you." in home["text"]
    assert "Omid: 1 of" not in home["text"]
    assert labels(home)[:2] == ["Amal", "🔒 Omid"]
    assert labels(home)[2:] == ["💬 Requests and conversations (0)", "📅 My meetings",
                                "🌙 Quiet hours", "☰ Menu"]
    [card, again] = await session.press("sara", "Amal", name="Sara Peeters")
    assert card["text"].startswith("Profile of Amal:")
    assert f"Needs help with:\n- {title('diploma')}" in card["text"]
    assert again["text"] == home["text"]  # back on My newcomers
    [closed, _home] = await session.press("sara", "🔒 Omid")
    assert closed["text"] == "Omid did not agree to share their profile. Ask them in person."
    # Only the shared profile was opened, so only it is in the trail.
    rows = await query(session.app, select(data_views.c.viewer_name, data_views.c.what,
                                           data_views.c.subject_id))
    assert rows == [{"viewer_name": "Sara", "what": "profile",
                     "subject_id": await user_id(session, "amal")}]


async def test_the_newcomers_pages_keep_a_way_back(session: Session) -> None:
    await session.onboard("sara")
    for number in range(10):
        await linked(session, "sara", f"n{number}", share=False)
    await session.say("sara", "/menu")
    [home] = await session.press("sara", "My newcomers")
    assert "Your newcomers (page 1 of 2):" in home["text"]
    assert labels(home)[:9] == [f"🔒 N{n}" for n in range(8)] + ["More newcomers ▶"]
    [later] = await session.press("sara", "More newcomers ▶")
    assert "page 2 of 2" in later["text"]
    assert labels(later)[:3] == ["🔒 N8", "🔒 N9", "◀ Earlier newcomers"]
    [back] = await session.press("sara", "◀ Earlier newcomers")
    assert back["text"] == home["text"]
    [screen] = await session.press("sara", "🌙 Quiet hours")
    assert labels(screen)[-2:] == ["⬅ My newcomers", "☰ Menu"]
    out = await session.say("sara", "21:30-07:30")
    assert out[0]["text"].startswith("Saved.\n\nYour newcomers")
    assert "🌙 Quiet hours: 21:30-07:30 (Belgian time)." in out[-1]["text"]
    await session.press("sara", "🌙 Quiet hours")
    out = await session.say("sara", "25:00-07:00")
    assert out[0]["text"].startswith("Please choose, or type your hours like 21:30-07:30.")


async def test_a_coach_never_sees_a_newcomer_who_is_not_theirs(session: Session) -> None:
    await session.onboard("sara")
    await session.onboard("jan")
    await linked(session, "jan", "amal", share=True)
    await linked(session, "sara", "omid", share=True)
    await session.say("sara", "/menu")
    [home] = await session.press("sara", "My newcomers")
    assert "Amal" not in home["text"] and labels(home)[0] == "Omid"
    # A forged button for jan's newcomer, on sara's open question.
    turn = session.simulator.options.by_user["sara"][0]
    for forged in (f"n{await user_id(session, 'amal')}", "req1"):
        handled = await session.app.handle(Incoming(
            channel="simulate", user="sara", time=session.clock.now(), kind="press",
            choice=forged, turn=turn, name="Sara"))
        said = "\n".join(reply.text for reply in handled.replies)
        assert "Amal" not in said and "Profile of" not in said
        assert said.startswith("Please choose one of the options")
    assert await query(session.app, select(data_views)) == []
    # And a newcomer has no such screen at all.
    out = await session.say("amal", "/menu")
    assert "My newcomers" not in labels(out[-1])


async def test_the_weekly_digest_comes_on_monday_at_eight_once_and_not_when_empty(
    session: Session,
) -> None:
    # The clock starts on Monday 5 January 2026 at 10:00 in Brussels.
    await session.onboard("sara", language="Nederlands")
    await session.onboard("jan")
    await session.feed({"user": "sara", "role": "coach"})
    await session.feed({"user": "jan", "role": "coach"})
    await linked(session, "sara", "amal", share=True)
    await linked(session, "sara", "omid", share=False)
    await mark(session, "amal", 2, "diploma", "🙋 I need help")
    await mark(session, "omid", 2, "diploma", "🙋 I need help")
    await session.say("sara", "/menu")
    await session.press("sara", "Plan een afspraak")
    await session.press("sara", "Amal")
    await session.say("sara", "14/01 14:30")
    await session.say("sara", "VDAB Gent")
    await session.say("sara", "Je cv")
    await session.press("sara", "Klaar")
    await session.press("sara", "✅ Plannen")
    await session.advance("P1D")  # the daily job sets each coach's digest
    due = next_digest(session.clock.now())
    assert due.isoformat() == "2026-01-12T07:00:00+00:00"  # 08:00 in Brussels
    # A second row for the same week (two processes planning at once) changes nothing.
    sara = await user_id(session, "sara")
    await session.app.store.run(
        lambda repo: repo.schedule(sara, DIGEST, due, {}, session.clock.now()))
    out = await session.advance("P5DT21H59M")
    assert to(out, "sara") == [] and to(out, "jan") == []
    out = await session.advance("PT1M")
    [digest] = to(out, "sara")
    text = digest["text"]
    assert text.startswith("☀ Je week bij Brug.")
    assert "Nieuws van je nieuwkomers:\n- Amal: 0 van" in text
    assert "Omid" not in text  # he does not share his steps
    assert "Je afspraken deze week:\n- Amal, " in text and "14 januari" in text
    # Jan has nothing to hear: no message, but his week is counted.
    assert to(out, "jan") == []
    weeks = await query(session.app, select(coach_desks.c.digest_week))
    assert sorted(row["digest_week"] for row in weeks) == ["2026-W03", "2026-W03"]
    out = await session.advance("PT1H")
    assert to(out, "sara") == []
    # One digest waits for next Monday, for each coach.
    waiting = await query(session.app, select(reminders.c.user_id, reminders.c.due_at).where(
        reminders.c.kind == DIGEST, reminders.c.done_at.is_(None)))
    assert len(waiting) == 2
    assert {row["due_at"] for row in waiting} == {due + timedelta(days=7)}


async def test_quiet_hours_hold_a_relayed_message_and_let_an_urgent_alert_through(
    session: Session,
) -> None:
    await session.onboard("sara")
    await session.feed({"user": "sara", "role": "coach"})
    await session.onboard("amal")
    await session.say("amal", "/person", name="Amal")
    await session.press("amal", "💬 Talk to a coach here", name="Amal")
    await session.press("amal", "✅ Send", name="Amal")
    # Sara reads the request from her desk before she takes it.
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    [requests] = await session.press("sara", "💬 Requests and conversations (1)")
    assert labels(requests)[0] == "📋 Amal #1"
    out = await session.press("sara", "📋 Amal #1", name="Sara")
    assert out[0]["text"].startswith("🙋 Amal asks to talk to a coach.")
    assert labels(out[-1])[:2] == ["✋ I take it", "⬅ Requests and conversations"]
    # The notice came before Sara's name was known; opening it again names her.
    rows = await query(session.app, select(data_views.c.what, data_views.c.viewer_name)
                       .order_by(data_views.c.id))
    assert rows == [{"what": "summary", "viewer_name": ""},
                    {"what": "summary", "viewer_name": "Sara"}]
    await session.press("sara", "✋ I take it", name="Sara")
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    [screen] = await session.press("sara", "🌙 Quiet hours")
    assert screen["text"].endswith("Choose your hours.")  # typing would go to Amal
    out = await session.press("sara", "20:00-08:00")
    assert "🌙 Quiet hours: 20:00-08:00 (Belgian time)." in out[-1]["text"]
    # 20:30 in Brussels: Amal writes, the message waits, and Amal is told until when.
    await session.advance("PT10H30M")
    out = await session.say("amal", "Are you there?", name="Amal")
    assert to(out, "sara") == []
    assert "Your coach has quiet hours now and reads it at 08:00." in text_to(out, "amal")
    # Someone in danger: the urgent alert reaches Sara at once, quiet hours or not.
    await session.onboard("omid")
    out = await session.say("omid", "I want to end my life")
    assert text_to(out, "sara").startswith("🚨 URGENT")
    out = await session.advance("PT11H29M")  # 07:59 in Brussels
    # Only what is about the urgent request reaches her (its reminder, unclaimed), not Amal.
    assert all("omid" in message["text"] for message in to(out, "sara"))
    assert all("Are you there?" not in message["text"] for message in to(out, "sara"))
    out = await session.advance("PT1M")
    [relayed] = [message for message in to(out, "sara") if "omid" not in message["text"]]
    assert relayed["text"].startswith("💬 Amal") and "Are you there?" in relayed["text"]


async def test_the_newcomer_sees_who_opened_their_data_and_the_trail_survives_erasure(
    session: Session,
) -> None:
    await session.onboard("sara")
    await linked(session, "sara", "amal", share=True, language="Nederlands")
    out = await session.say("amal", "/privacy")
    assert "👁 Wie zag mijn gegevens" not in labels(out[-1])  # nobody looked yet
    await session.say("sara", "/menu")
    await session.press("sara", "My newcomers")
    await session.press("sara", "Amal", name="Sara Peeters")
    out = await session.say("amal", "/privacy")
    assert "👁 Wie zag mijn gegevens" in labels(out[-1])
    [seen] = await session.press("amal", "👁 Wie zag mijn gegevens")
    assert seen["text"].startswith("Wie je gegevens opende, de laatste eerst:\n- 5 januari 2026, "
                                   "10:")
    assert "Sara zag je profiel en stappen" in seen["text"]
    assert labels(seen) == ["⬅ Mijn gegevens", "☰ Menu"]
    amal = await user_id(session, "amal")

    def exported(repo: Any) -> Any:
        person = personal_data.Person(amal, "simulate", "amal")
        return personal_data.export(repo.conn, person, session.clock.now())["data_views"]

    data = await session.app.store.run(exported)
    assert [(v["viewer"], v["what"]) for v in data["who_saw_my_data"]] == [("Sara", "profile")]
    # The coach leaves Brug: the newcomer still sees that someone looked, without a name.
    await session.press("sara", "Menu")
    await session.say("sara", "/privacy")
    await session.press("sara", "Delete all my data")
    await session.press("sara", "Yes, delete everything")
    [row] = await query(session.app, select(data_views.c.viewer_id, data_views.c.viewer_name))
    assert row == {"viewer_id": None, "viewer_name": ""}
    await session.say("amal", "/privacy")
    [seen] = await session.press("amal", "👁 Wie zag mijn gegevens")
    assert "een coach die Brug verliet zag je profiel en stappen" in seen["text"]
    # The newcomer leaves: their trail goes with them.
    await session.press("amal", "⬅ Mijn gegevens")
    await session.press("amal", "Al mijn gegevens verwijderen")
    await session.press("amal", "Ja, verwijder alles")
    assert await query(session.app, select(data_views)) == []


async def test_the_digest_waits_for_the_end_of_quiet_hours(session: Session) -> None:
    await session.onboard("jan")
    await linked(session, "jan", "amal", share=True)
    await mark(session, "amal", 2, "diploma", "🙋 I need help")
    await session.say("jan", "/menu")
    await session.press("jan", "My newcomers")
    await session.press("jan", "🌙 Quiet hours")
    await session.say("jan", "22:00-09:00")
    await session.advance("P1D")  # the daily job sets the digest: Monday 12 January, 08:00
    out = await session.advance("P5DT22H")  # 08:00 in Brussels: due, but quiet
    assert to(out, "jan") == []
    out = await session.advance("PT59M")
    assert to(out, "jan") == []
    out = await session.advance("PT1M")  # 09:00: the quiet hours end
    [digest] = to(out, "jan")
    assert digest["text"].startswith("☀ Your week at Brug.")
    assert f"🙋 Asked for help with: {title('diploma')}" in digest["text"]
