"""Delivery on Telegram, against a fake Bot API that keeps updates until they are acknowledged
and fails on demand: nothing acknowledged before it is committed, every committed reply
delivered, every Telegram error handled by its kind, private chats only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import Update
from sqlalchemy import func, select

from bot.app import Brug, build_app
from bot.channels.telegram import TelegramChannel, make_bot
from bot.channels.telegram_polling import Poller
from bot.clock import FakeClock
from bot.config import Settings
from bot.storage import deliveries
from bot.storage.tables import outbox, processed_updates, users
from bot.types import Outgoing
from tests.fake_telegram.botapi import Failure, FakeBotApi, buttons
from tests.harness import START, query

CHAT = 4242


@dataclass
class Running:
    app: Brug
    channel: TelegramChannel
    fake: FakeBotApi
    clock: FakeClock

    async def drain_later(self, seconds: float) -> int:
        """Let `seconds` pass on the bot's clock, then let the outbox sender run."""
        self.clock.advance(timedelta(seconds=seconds))
        return await self.channel.sender.drain()

    async def outbox(self) -> list[dict[str, Any]]:
        return await query(self.app, select(outbox).order_by(outbox.c.id))


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    server = await FakeBotApi().start()
    yield server
    await server.close()


async def start_bot(fake: FakeBotApi, tmp_path: Path,
                    gate: Callable[[Update], Awaitable[None]] | None = None
                    ) -> tuple[Running, Callable[[], Awaitable[None]]]:
    settings = Settings(telegram_token=fake.token, telegram_api_base=fake.api_base)
    clock = FakeClock(START)
    app = await build_app(settings, clock, f"sqlite:///{tmp_path / 'b.db'}")
    bot = make_bot(settings)
    channel = TelegramChannel(app, bot)

    async def process(update: Update) -> None:
        if gate is not None:
            await gate(update)
        await channel.process(update)

    stop = asyncio.Event()
    task = asyncio.create_task(Poller(bot, process, timeout=1).run(stop))

    async def shut_down() -> None:
        stop.set()
        await asyncio.wait_for(task, 30)
        await channel.flush()
        await bot.session.close()
        await app.close()

    return Running(app, channel, fake, clock), shut_down


@pytest.fixture
async def telegram(fake: FakeBotApi, tmp_path: Path) -> AsyncIterator[Running]:
    running, shut_down = await start_bot(fake, tmp_path)
    yield running
    await shut_down()


async def onboard(t: Running, chat: int = CHAT) -> dict[str, Any]:
    """/start, English, Continue: returns the consent question."""
    t.fake.send_text(chat, "/start")
    [picker] = await t.fake.next_messages(chat, 0)
    t.fake.press(chat, picker, "English")
    [intro] = await t.fake.next_messages(chat, 1)
    t.fake.press(chat, intro, "Continue")
    [consent] = await t.fake.next_messages(chat, 2)
    return consent


async def coach_at_menu(t: Running) -> dict[str, Any]:
    """An onboarded coach with the menu in front of them; returns the menu message. No
    BRUG_BOT_USERNAME: the bot asks Telegram which bot it is, as `brug run` does at start."""
    await t.channel.learn_username()
    consent = await onboard(t)
    t.fake.press(CHAT, consent, "Yes, I agree")
    await t.fake.next_messages(CHAT, 3)
    await t.app.set_role("telegram", str(CHAT), "coach")
    seen = len(t.fake.chat(CHAT))
    t.fake.send_text(CHAT, "/menu")
    [menu] = await t.fake.next_messages(CHAT, seen)
    await t.channel.flush()
    return menu


async def agree_while_telegram_fails(t: Running, failure: Failure) -> None:
    """Onboard, then agree to the consent while Telegram fails as told; wait till it is over."""
    consent = await onboard(t)
    t.fake.failures.append(failure)
    t.fake.press(CHAT, consent, "Yes, I agree")
    await t.fake.wait_for(t.fake.all_acknowledged)
    await t.channel.flush()


async def test_an_update_is_acknowledged_only_once_it_and_every_earlier_one_are_done(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    held = asyncio.Event()

    async def gate(update: Update) -> None:
        if update.message is not None and update.message.chat.id == 1:
            await held.wait()

    _, shut_down = await start_bot(fake, tmp_path, gate)
    try:
        first = fake.send_text(1, "/start")  # held back, as if its handling were slow
        second = fake.send_text(2, "/start")
        await fake.next_messages(2, 0)
        # The later update is done, but the earlier one is not: neither is acknowledged.
        assert fake.offset <= first and fake.handed_out[second] >= 1
        assert fake.chat(1) == []
        held.set()
        await fake.next_messages(1, 0)
        await fake.wait_for(lambda: fake.offset > second)
    finally:
        await shut_down()
    # Each update was handled once, although it was handed out again while the first waited.
    assert len(fake.chat(1)) == len(fake.chat(2)) == 1


async def test_a_redelivered_update_is_not_answered_twice(telegram: Running) -> None:
    consent = await onboard(telegram)
    press = telegram.fake.press(CHAT, consent, "Yes, I agree")
    await telegram.fake.next_messages(CHAT, 3)
    # The same update again, as a process restarted after a crash before the acknowledgement
    # gets it.
    again = Update.model_validate(telegram.fake.history[press],
                                  context={"bot": telegram.channel.bot})
    await telegram.channel.process(again)
    await telegram.channel.flush()
    assert len(telegram.fake.chat(CHAT)) == 4
    assert len(await telegram.outbox()) == 4


async def test_replies_are_stored_as_deliveries_and_marked_when_telegram_confirms(
    telegram: Running,
) -> None:
    await onboard(telegram)
    await telegram.channel.flush()
    rows = await telegram.outbox()
    assert [r["status"] for r in rows] == ["sent"] * 3
    shown = telegram.fake.chat(CHAT)
    assert all(m["text"].startswith(r["message"]["text"]) for r, m in zip(rows, shown, strict=True))


@pytest.mark.parametrize("kind", ["500", "502", "drop", "slow"])
async def test_server_and_network_errors_are_retried_with_a_wait(
    telegram: Running, kind: str
) -> None:
    await onboard(telegram)
    telegram.fake.failures.append(Failure("sendMessage", kind, delay=3.0 if kind == "slow"
                                          else 0.0))
    if kind == "slow":
        telegram.channel.delivery.bot.session.timeout = 1  # a request that never answers
    consent = telegram.fake.chat(CHAT)[2]
    telegram.fake.press(CHAT, consent, "Yes, I agree")
    await telegram.fake.wait_for(telegram.fake.all_acknowledged)
    await telegram.channel.flush()
    assert len(telegram.fake.chat(CHAT)) == 3  # the menu did not go
    [row] = [r for r in await telegram.outbox() if r["status"] == "pending"]
    assert row["attempts"] == 1
    assert await telegram.drain_later(1) == 0  # it waits before it is tried again
    assert await telegram.drain_later(1.5) == 1
    [menu] = telegram.fake.chat(CHAT)[3:]
    assert menu["text"].startswith("Thank you")


async def test_a_dropped_answer_after_telegram_took_the_message_gives_one_duplicate(
    telegram: Running,
) -> None:
    await agree_while_telegram_fails(telegram, Failure("sendMessage", "drop after"))
    assert await telegram.drain_later(3) == 1
    texts = [m["text"] for m in telegram.fake.chat(CHAT)[3:]]
    assert len(texts) == 2 and texts[0] == texts[1]  # at most one duplicate, never a loss


async def test_429_waits_retry_after_then_sends_the_same_message(telegram: Running) -> None:
    await agree_while_telegram_fails(telegram, Failure("sendMessage", "429", retry_after=2))
    assert await telegram.drain_later(1) == 0
    assert await telegram.drain_later(1) == 1
    assert telegram.fake.chat(CHAT)[3]["text"].startswith("Thank you")
    assert [r["attempts"] for r in await telegram.outbox()] == [0, 0, 0, 0]


async def test_a_person_who_blocked_the_bot_gets_nothing_until_they_write_again(
    telegram: Running,
) -> None:
    await agree_while_telegram_fails(telegram, Failure("sendMessage", "403"))
    assert await unreachable(telegram)
    # A message for them later (a reminder, a coach's note) is not sent, and not kept either.
    await telegram.app.defer([Outgoing(to=str(CHAT), text="Later news", channel="telegram")])
    assert await telegram.drain_later(5) == 0
    assert [r["status"] for r in await telegram.outbox()][-2:] == ["failed", "failed"]
    assert len(telegram.fake.chat(CHAT)) == 3
    # They write again: reachable, and answered.
    telegram.fake.send_text(CHAT, "/menu")
    [menu] = await telegram.fake.next_messages(CHAT, 3)
    assert "Tap a button" in menu["text"]
    assert not await unreachable(telegram)


async def unreachable(t: Running) -> bool:
    return await t.app.store.run(
        lambda repo: deliveries.is_unreachable(repo, "telegram", str(CHAT)))


async def test_a_text_too_long_is_split_and_never_sent_again_as_it_is(
    telegram: Running,
) -> None:
    await onboard(telegram)
    long_text = " ".join(f"Sentence {i} of a long notice." for i in range(300))  # ~9 000
    await telegram.app.defer([Outgoing(to=str(CHAT), text=long_text, channel="telegram")])
    assert await telegram.drain_later(1) == 1
    pieces = telegram.fake.chat(CHAT)[3:]
    assert len(pieces) == 3 and " ".join(p["text"] for p in pieces) == long_text
    refused = [m for m, _ in telegram.fake.calls if m == "sendMessage"]
    assert len(refused) == 3 + 1 + 3  # the onboarding, the one refusal, the pieces
    assert (await telegram.outbox())[-1]["status"] == "sent"


async def test_message_not_modified_is_no_error(telegram: Running) -> None:
    telegram.fake.send_text(CHAT, "/start")
    [picker] = await telegram.fake.next_messages(CHAT, 0)
    await telegram.channel.delivery.edit(CHAT, picker["message_id"], "Chosen")
    # The same edit again: Telegram refuses with 400 "message is not modified"; nothing breaks.
    await telegram.channel.delivery.edit(CHAT, picker["message_id"], "Chosen")
    assert telegram.fake.chat(CHAT)[0]["edits"] == 1


@pytest.mark.parametrize("kind", ["500", "slow"])
async def test_a_failing_press_answer_never_holds_back_the_replies(
    telegram: Running, kind: str
) -> None:
    telegram.fake.send_text(CHAT, "/start")
    [picker] = await telegram.fake.next_messages(CHAT, 0)
    telegram.fake.failures.append(Failure("answerCallbackQuery", kind, delay=2.0))
    telegram.fake.press(CHAT, picker, "English")
    [intro] = await telegram.fake.next_messages(CHAT, 1)
    assert "Brug" in intro["text"]
    # The next question came while the press was still unanswered (or never answered).
    assert telegram.fake.callback_answers == []


async def test_a_press_sends_its_three_calls_together(telegram: Running) -> None:
    telegram.fake.latency = 0.2
    telegram.fake.send_text(CHAT, "/start")
    [picker] = await telegram.fake.next_messages(CHAT, 0)
    telegram.fake.press(CHAT, picker, "English")
    await telegram.fake.next_messages(CHAT, 1)
    await telegram.channel.flush()
    press_calls = [call for call in telegram.fake.calls if call[0] != "getUpdates"][-3:]
    assert sorted(m for m, _ in press_calls) == [
        "answerCallbackQuery", "editMessageText", "sendMessage"]
    # All three were on their way before the first one (taking 0.2 s) was answered.
    first_answer = press_calls[0][1] + telegram.fake.latency
    assert all(arrived < first_answer for _, arrived in press_calls)


async def test_groups_get_one_line_and_change_nothing(telegram: Running) -> None:
    group = -100_777
    consent = await onboard(telegram)
    telegram.fake.press(CHAT, consent, "Yes, I agree")
    await telegram.fake.next_messages(CHAT, 3)
    people = await query(telegram.app, select(users.c.external_id, users.c.state))
    handled = await query(telegram.app, select(func.count()).select_from(processed_updates))
    # In a group: /privacy, plain text, and a press on the person's own menu shown in a group.
    telegram.fake.send_text(group, "/privacy", user=CHAT)
    telegram.fake.send_text(group, "hello", user=CHAT, chat_type="group")
    telegram.fake.send_text(group + 1, "/start", user=7, chat_type="supergroup",
                            language_code="nl")
    menu = telegram.fake.chat(CHAT)[3] | {"chat": {"id": group, "type": "group"}}
    telegram.fake.press(CHAT, menu, buttons(menu)[0]["text"], user=CHAT)
    await telegram.fake.wait_for(telegram.fake.all_acknowledged)
    await telegram.fake.wait_for(lambda: len(telegram.fake.callback_answers) >= 4)
    await telegram.channel.flush()
    assert [m["text"] for m in telegram.fake.chat(group)] == ["Write to me in a private chat."]
    assert [m["text"] for m in telegram.fake.chat(group + 1)] == [
        "Stuur me een bericht in een privégesprek."]
    assert telegram.fake.callback_answers[-1]["text"] == "Write to me in a private chat."
    assert len(telegram.fake.chat(CHAT)) == 4  # nothing more for the person
    assert await query(telegram.app, select(users.c.external_id, users.c.state)) == people
    assert await query(telegram.app, select(func.count()).select_from(
        processed_updates)) == handled


async def test_updates_of_other_kinds_are_acknowledged_and_change_nothing(
    telegram: Running
) -> None:
    """Brug asks Telegram for messages and presses only; anything else that comes (an edited
    message, a post in a channel, a change of the bot's membership) is taken off the queue
    with no reply and no change, and what comes after it is answered as usual."""
    consent = await onboard(telegram)
    people = await query(telegram.app, select(users.c.external_id, users.c.state))
    handled = await query(telegram.app, select(func.count()).select_from(processed_updates))
    edited = {"message_id": 1, "date": 0, "edit_date": 1, "text": "/privacy",
              "chat": {"id": CHAT, "type": "private", "first_name": "P"},
              "from": {"id": CHAT, "is_bot": False, "first_name": "P"}}
    telegram.fake.add_update("edited_message", edited)
    telegram.fake.add_update("channel_post", {"message_id": 2, "date": 0, "text": "/start",
                                             "chat": {"id": -100_5, "type": "channel"}})
    member = {"status": "member", "user": {"id": 1, "is_bot": True, "first_name": "Brug"}}
    telegram.fake.add_update("my_chat_member", {
        "chat": {"id": CHAT, "type": "private", "first_name": "P"},
        "from": {"id": CHAT, "is_bot": False, "first_name": "P"}, "date": 0,
        "old_chat_member": {**member, "status": "kicked", "until_date": 0},
        "new_chat_member": member})
    await telegram.fake.wait_for(telegram.fake.all_acknowledged)
    await telegram.channel.flush()
    assert len(telegram.fake.chat(CHAT)) == 3  # nothing more: language, intro, consent
    assert await query(telegram.app, select(users.c.external_id, users.c.state)) == people
    assert await query(telegram.app, select(func.count()).select_from(
        processed_updates)) == handled
    telegram.fake.press(CHAT, consent, "Yes, I agree")
    [menu] = await telegram.fake.next_messages(CHAT, 3)
    assert buttons(menu), menu["text"]


async def test_images_and_documents_are_sent_with_their_caption(
    telegram: Running, tmp_path: Path
) -> None:
    picture = tmp_path / "map.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    await telegram.channel.delivery.deliver(str(CHAT), Outgoing(
        to=str(CHAT), text="", kind="image", file=str(picture), caption="The VDAB office"))
    await telegram.channel.delivery.deliver(str(CHAT), Outgoing(
        to=str(CHAT), text="", kind="document", file="https://example.org/cv.pdf",
        caption="A CV to start from"))
    photo, document = telegram.fake.chat(CHAT)
    assert (photo["kind"], photo["file"], photo["caption"]) == (
        "photo", "upload:map.png", "The VDAB office")
    assert (document["kind"], document["file"], document["caption"]) == (
        "document", "https://example.org/cv.pdf", "A CV to start from")


async def test_a_reply_whose_sender_vanished_is_sent_after_the_lease_and_counted(
    telegram: Running,
) -> None:
    await onboard(telegram)
    await telegram.channel.flush()
    # A reply committed by a process that died before it could send it.
    handled = await telegram.app.handle(
        _text_update(telegram, "/menu"), record=True)
    assert len(handled.deliveries) == 1
    assert await telegram.drain_later(30) == 0  # still leased to its sender
    assert await telegram.drain_later(31) == 1
    assert telegram.fake.chat(CHAT)[3]["text"] == handled.replies[0].text
    counts = await telegram.app.store.run(deliveries.counts)
    assert counts.resent == 1 and telegram.channel.sender.stats.resent == 1
    assert counts.pending == 0


def _text_update(t: Running, text: str) -> Any:
    from bot.types import Incoming

    return Incoming("telegram", str(CHAT), t.clock.now(), kind="command", text=text,
                    command=text.lstrip("/"), update_id=99_999)


@pytest.mark.parametrize("kind", ["500", "502", "drop", "429"])
async def test_fetching_updates_goes_on_after_telegram_fails(
    telegram: Running, kind: str
) -> None:
    failure = Failure("getUpdates", kind, times=2, retry_after=1)
    telegram.fake.failures.append(failure)
    await telegram.fake.wait_for(lambda: failure.times == 0)
    telegram.fake.send_text(CHAT, "/start")
    [picker] = await telegram.fake.next_messages(CHAT, 0)
    assert picker["text"].startswith("Choose your language")


async def test_a_coach_gets_a_link_that_names_this_bot_and_its_qr_image(
    telegram: Running,
) -> None:
    menu = await coach_at_menu(telegram)
    seen = len(telegram.fake.chat(CHAT))
    telegram.fake.press(CHAT, menu, "My link for newcomers")
    shown = await telegram.fake.next_messages(CHAT, seen, count=2)
    link = "https://t.me/brug_test_bot?start="
    assert any(link in message.get("text", "") for message in shown), shown
    [photo] = [message for message in shown if message.get("kind") == "photo"]
    assert photo["caption"].startswith(link) and photo["file"].startswith("upload:")
