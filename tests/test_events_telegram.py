"""An organiser makes an event on Telegram (aiogram against the fake Bot API server): the
join link arrives as text and as a photo of its QR code."""

from __future__ import annotations

from typing import Any

from tests.test_telegram import CHAT, Running, buttons, telegram

__all__ = ["telegram"]


async def next_saying(running: Running, start: str, button: str = "") -> dict[str, Any]:
    """The newest bot message that starts with `start` (and has that button; waits)."""

    async def found() -> dict[str, Any] | None:
        for message in reversed(await running.messages()):
            if (message.get("text") or "").startswith(start) and (
                    not button or button in [b["text"] for b in buttons(message)]):
                return message
        return None

    message: dict[str, Any] = await running.fake.wait_for(found, timeout=20)
    return message


async def test_an_organisers_event_link_arrives_with_its_qr_photo(telegram: Running) -> None:
    await telegram.app.set_role("telegram", str(CHAT), "organiser")
    await telegram.fake.send_command(CHAT, "/start")
    await telegram.press(await next_saying(telegram, "Choose your language"), "English")
    await telegram.press(await next_saying(telegram, "Hello"), "Continue")
    await telegram.press(await next_saying(telegram, "Before we start"), "Yes, I agree")
    await telegram.press(await next_saying(telegram, "Thank you."), "My events")
    await telegram.press(await next_saying(telegram, "You have made no events yet."),
                         "➕ New event")
    # Each answer, once the question it answers is there.
    for question, answer in (
        ("A new event.", "Jobdate Brugge"), ("What kind", "Jobdate"),
        ("On what day", "01-01-2099"), ("At what time does it start", "10:00"),
        ("Where does", "📍 At a place"), ("Type the address", "Markt 1, Brugge"),
        ("Which languages", "Nederlands"), ("Which languages", "Done ✔"),
        ("How many people", "40"), ("What should people bring", "Nothing"),
        ("At what time does it end", "No end time"),
        ("Here is your event.", "✅ Save and get the link"),
    ):
        message = await next_saying(telegram, question,
                                    "✅ Nederlands" if answer == "Done ✔" else "")
        if any(button["text"] == answer for button in buttons(message)):
            await telegram.press(message, answer)
        else:
            await telegram.fake.send_text(CHAT, answer)
    ready = await next_saying(telegram, "Your event is ready.")
    link = ready["text"].split("\n")[1]
    assert link.startswith("https://t.me/brug_bot?start=e_")

    async def photo() -> dict[str, Any] | None:
        return next((m for m in await telegram.messages() if m.get("photo")), None)

    sent = await telegram.fake.wait_for(photo, timeout=20)
    assert sent["caption"] == link
