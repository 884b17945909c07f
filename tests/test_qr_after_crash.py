"""A coach's link as a QR image survives a crash between the commit and the drawing: the
delivery record says what to draw, and the outbox sender draws it when it sends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.telegram_render import parse_callback
from bot.services.ratelimit import RateLimiter
from bot.types import Incoming
from tests.fake_telegram.botapi import FakeBotApi, buttons
from tests.qr_reading import read_qr
from tests.test_delivery import CHAT, Running, coach_at_menu, start_bot


@pytest.fixture
async def telegram(tmp_path: Path) -> AsyncIterator[Running]:
    fake = await FakeBotApi().start()
    running, shut_down = await start_bot(fake, tmp_path)
    yield running
    await shut_down()
    await fake.close()


async def test_a_qr_image_not_drawn_before_a_crash_is_drawn_and_sent_by_the_outbox(
    telegram: Running,
) -> None:
    menu = await coach_at_menu(telegram)
    seen = len(telegram.fake.chat(CHAT))
    data = next(b["callback_data"] for b in buttons(menu)
                if b["text"] == "My link for newcomers")
    turn, choice = parse_callback(data)
    press = Incoming("telegram", str(CHAT), telegram.clock.now(), kind="press", choice=choice,
                     turn=turn, update_id=99_999)
    # The press is committed with its replies as deliveries; then the process dies before
    # it draws the image or sends anything (the image is taken away: it was never drawn).
    handled = await telegram.app.handle(press, record=True)
    [image] = [reply for reply in handled.replies if reply.kind == "image"]
    assert image.file is not None
    Path(image.file).unlink()

    # A new process's outbox sender takes the rows after the lease, draws and sends.
    replies = len(handled.replies)
    telegram.channel.sender.limiter = RateLimiter(0, 0)  # the pace is not tested here
    assert await telegram.drain_later(61) == replies
    shown = telegram.fake.chat(CHAT)[seen:]
    link = "https://t.me/brug_test_bot?start="
    assert any(link in m.get("text", "") for m in shown), shown
    [photo] = [m for m in shown if m["kind"] == "photo"]
    assert photo["caption"].startswith(link)
    # What the phone's camera reads in the picture Telegram got is the link itself.
    texts, _, _ = read_qr(telegram.fake.uploads[photo["file"]])
    assert texts == [photo["caption"]]
    await telegram.channel.flush()
    assert [r["status"] for r in (await telegram.outbox())[-replies:]] == ["sent"] * replies
