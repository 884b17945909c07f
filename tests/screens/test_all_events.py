"""An admin sees every organiser's events in the chat (All events in the menu) and opens any
of them on the same screen as its organiser: the results, who came, the reminders. Nobody
else has that list."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.test_events import EVENT_ANSWERS, make_event, make_organiser

BRUGGE = [("say", "Jobdate Brugge") if (how, what) == ("say", "Jobdate Oostende")
          else ("say", "21-01-2026") if (how, what) == ("say", "20-01-2026") else (how, what)
          for how, what in EVENT_ANSWERS]


async def test_an_admin_sees_every_organisers_events_and_reads_their_results(
    session: Session,
) -> None:
    await make_organiser(session, "olga")
    await make_organiser(session, "piet")
    payload, _ = await make_event(session, "olga")
    await make_event(session, "piet", BRUGGE)
    await session.onboard("nora", "Nederlands")
    await session.say("nora", f"/start {payload}", name="Nora")
    await session.press("nora", 1, name="Nora")
    # Neither an organiser nor a newcomer has the list of everyone's events.
    for person in ("olga", "nora"):
        out = await session.say(person, "/menu")
        assert "All events" not in labels(out[-1]) and "Alle evenementen" not in labels(
            out[-1]), person

    await session.onboard("adam")
    await session.feed({"user": "adam", "role": "admin"})
    out = await session.say("adam", "/menu")
    out = await session.press("adam", "All events")
    # The newest first, each with its counts; the admin made none of them.
    assert out[-1]["text"] == (
        "The events of every organiser:\n\n"
        "• Jobdate Brugge, 21 Jan, 14:00\n  Joined: 0 of 2 · Waiting: 0 · Left: 0\n\n"
        "• Jobdate Oostende, 20 Jan, 14:00\n  Joined: 1 of 2 · Waiting: 0 · Left: 0")
    assert labels(out[-1]) == ["⚙️ Jobdate Brugge", "⚙️ Jobdate Oostende", "☰ Menu"]
    out = await session.press("adam", "⚙️ Jobdate Oostende")
    assert out[-1]["text"].startswith("Jobdate Oostende\nJobdate")
    assert "Joined: 1 of 2" in out[-1]["text"]
    assert "📊 Results" in labels(out[-1])
    # The event's results, as its organiser gets them.
    await session.advance("P16D")
    await session.say("adam", "/menu")
    await session.press("adam", "All events")
    out = await session.press("adam", "⚙️ Jobdate Oostende")
    assert "📊 The poll went out." in out[-1]["text"]  # by itself, at the end
    assert labels(out[-1])[:2] == ["📊 Results", "✅ Who came"]
    out = await session.press("adam", "📊 Results")
    [text] = [line["text"] for line in out if line["text"].startswith("Results of")]
    assert "Results of Jobdate Oostende" in text and "Joined: 1" in text
    assert sorted(line["kind"] for line in out if line["kind"] != "message") == [
        "document", "image"]


async def test_an_admin_without_events_to_see_is_told_so(session: Session) -> None:
    await session.onboard("adam")
    await session.feed({"user": "adam", "role": "admin"})
    await session.say("adam", "/menu")
    out = await session.press("adam", "All events")
    assert out[-1]["text"] == "Nobody has made an event yet."
    assert labels(out[-1]) == ["☰ Menu"]
