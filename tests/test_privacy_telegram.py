"""My data and flood control on Telegram: the export is an uploaded JSON document, and a flood
gets one polite line and a pause, on the bot's injected clock as in simulate."""

from __future__ import annotations

from datetime import timedelta

from tests.test_delivery import CHAT, Running, fake, onboard, telegram
from tests.test_flood import PAUSED

__all__ = ["fake", "telegram"]  # the fixtures, shared with the delivery tests


async def agreed(telegram: Running) -> int:
    consent = await onboard(telegram)
    telegram.fake.press(CHAT, consent, "Yes, I agree")
    await telegram.fake.next_messages(CHAT, 3)
    return len(telegram.fake.chat(CHAT))


async def test_the_export_arrives_as_an_uploaded_json_document(telegram: Running) -> None:
    seen = await agreed(telegram)
    telegram.fake.send_text(CHAT, "/privacy")
    [page] = await telegram.fake.next_messages(CHAT, seen)
    telegram.fake.press(CHAT, page, "📄 Export my data")
    shown = await telegram.fake.next_messages(CHAT, seen + 1, count=3)
    assert shown[0]["text"].startswith("This is what I keep about you:")
    [document] = [message for message in shown if message.get("kind") == "document"]
    assert document["file"].startswith("upload:") and document["file"].endswith(".json")
    assert document["caption"] == "Everything I keep about you, as a file (JSON)."


async def test_a_flood_gets_one_line_and_a_pause_on_telegram_too(telegram: Running) -> None:
    seen = await agreed(telegram)  # 4 updates
    for _ in range(16):
        telegram.fake.send_text(CHAT, "/menu")
    await telegram.fake.next_messages(CHAT, seen, count=16)
    telegram.fake.send_text(CHAT, "/menu")  # the 21st within 10 seconds
    [line] = await telegram.fake.next_messages(CHAT, seen + 16)
    assert line["text"] == PAUSED
    for text in ("/privacy", "hello"):
        telegram.fake.send_text(CHAT, text)
    # Acknowledged only once handled: in the pause, they got nothing.
    await telegram.fake.wait_for(telegram.fake.all_acknowledged)
    assert len(telegram.fake.chat(CHAT)) == seen + 17
    telegram.clock.advance(timedelta(seconds=31))
    telegram.fake.send_text(CHAT, "/privacy")
    [page] = await telegram.fake.next_messages(CHAT, seen + 17)
    assert page["text"].startswith("This is what I keep about you:")  # nothing in between
