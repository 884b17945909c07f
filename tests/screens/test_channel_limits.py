"""A channel's limits: long option lists paged behind "More ▶", labels shortened, long text
split, for a channel that holds less than Telegram."""

from __future__ import annotations

from bot.i18n.text import utf16_length
from bot.types import ChannelLimits
from tests.harness import Session, labels, messages, texts
from tests.screens.helpers import state_of


async def test_a_channel_with_three_options_a_message_pages_the_menu(session: Session) -> None:
    await session.onboard("amal")
    session.app.use_limits("simulate", ChannelLimits(options=3))
    out = await session.say("amal", "/menu")
    assert labels(out[-1]) == ["Steps to a job", "My profile", "More ▶"]
    out = await session.press("amal", "More ▶")
    assert out[-1]["text"].startswith("What do you want to do?")
    assert labels(out[-1]) == ["What can Brug do?", "Change language", "More ▶"]
    out = await session.press("amal", "More ▶")
    assert labels(out[-1]) == ["Talk to a person", "My data", "More ▶"]
    out = await session.press("amal", "More ▶")  # round again
    assert labels(out[-1]) == ["Steps to a job", "My profile", "More ▶"]
    await session.press("amal", "More ▶")
    out = await session.press("amal", "Change language")
    # A new question starts on its first page; Menu stays on every page.
    seen = []
    for _ in range(12):
        [language, more, menu] = labels(out[-1])
        assert (more, menu) == ("More ▶", "☰ Menu")
        seen.append(language)
        out = await session.press("amal", "More ▶")
    assert sorted(seen) == sorted(["English", "Nederlands", "Français", "العربية", "دری", "پښتو",
                                   "ትግርኛ", "Soomaali", "Українська", "Русский", "Türkçe",
                                   "Español"])
    assert labels(out[-1])[0] == seen[0]
    out = await session.press("amal", "English")
    assert out[0]["text"].startswith("From now on I write in English.")
    # Then the question whether to see Dutch beside English (bot/flows/screens/dutch_beside.py).
    assert (await state_of(session, "amal"))["at"] == "dutch_beside"


async def test_labels_are_shortened_and_text_split_to_the_channel(session: Session) -> None:
    await session.onboard("amal")
    session.app.use_limits("simulate", ChannelLimits(text=300, options=100, label=10))
    out = await session.say("amal", "/help")
    assert len(messages(out)) > 1
    assert all(utf16_length(line["text"]) <= 300 for line in messages(out))
    assert texts(out).startswith("What can Brug do?")
    assert labels(out[-1])[:2] == ["Steps to…", "My profile"]
    out = await session.press("amal", "Steps to…")
    assert out[-1]["text"].startswith("Steps to a job")
