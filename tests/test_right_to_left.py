"""Right-to-left messages as an Arabic reader gets them: inserted numbers, dates, links and Dutch
names kept whole in Unicode isolates, and arrows pointing the way the reader reads."""

from __future__ import annotations

from typing import Any

import pytest

from bot.i18n.bidi import FSI, PDI, RLM, is_rtl, isolate, mirror_arrows, shape_for
from bot.i18n.catalogs import Catalogs
from tests.harness import Session, labels
from tests.test_events import make_event, make_organiser

ONLINE_EVENT = [
    ("say", "Jobdate Gent"), ("press", "Jobdate"), ("say", "20-01-2026"), ("say", "14:00"),
    ("press", "💻 Online"), ("say", "https://meet.example.org/jobdate-gent"),
    ("press", "Nederlands"), ("press", "Done"), ("say", "12"), ("say", "CV"), ("say", "16:30"),
]


def test_arabic_dari_and_pashto_read_right_to_left_from_babel() -> None:
    assert [code for code in ("ar", "fa_AF", "ps", "ti", "nl", "uk", "so") if is_rtl(code)] == [
        "ar", "fa_AF", "ps"]


def test_a_value_is_isolated_only_when_it_holds_something_not_right_to_left() -> None:
    assert isolate("VDAB Gent") == f"{FSI}VDAB Gent{PDI}"
    assert isolate("14:00") == f"{FSI}14:00{PDI}"
    assert isolate("https://vdab.be") == f"{FSI}https://vdab.be{PDI}"
    assert isolate("مرحبا") == "مرحبا"
    assert isolate("🙂") == "🙂"
    # An isolate ends at a new line, so each line gets its own.
    assert isolate("Jobdate\nمرحبا\n3") == f"{FSI}Jobdate{PDI}\nمرحبا\n{FSI}3{PDI}"
    # Filled in twice (a value that is itself a filled template) it is not wrapped again.
    assert isolate(isolate("Gent")) == f"{FSI}Gent{PDI}"


def test_arrows_are_mirrored_for_right_to_left_only() -> None:
    assert mirror_arrows("⬅ ➡ ← → ◀ ▶ ⏭") == "➡ ⬅ → ← ▶ ◀ ⏮"
    nl = shape_for("nl", "⬅ {step}")
    assert nl == "⬅ {step}" and nl.format(step="Stap 3") == "⬅ Stap 3"
    ar = shape_for("ar", "⬅ {step}")
    assert ar == "➡ {step}" and ar.format(step="Stap 3") == f"➡ {FSI}Stap 3{PDI}"
    assert ar.format_map({"step": "خطوة"}) == "➡ خطوة"


def test_the_arabic_catalog_keeps_the_source_arrows_and_the_reader_gets_them_mirrored() -> None:
    arabic = Catalogs().get("ar")
    # Back points right and next points left, the way an Arabic reader reads.
    assert arabic.gettext("⬅ Back") == "➡ رجوع"
    assert arabic.gettext("Next step ➡") == "الخطوة التالية ⬅"
    assert arabic.gettext("⬅ Step before") == "➡ الخطوة السابقة"
    assert arabic.gettext("More ▶") == "المزيد ◀"
    assert arabic.gettext("{name} → {coaches}").format(name="Amal", coaches="Joris") == \
        f"{FSI}Amal{PDI} ← {FSI}Joris{PDI}"
    # Left-to-right languages are untouched.
    assert Catalogs().get("nl").gettext("⬅ Back") == "⬅ Terug"


async def test_an_arabic_reader_sees_the_back_button_pointing_right(session: Session) -> None:
    await session.say("rania", "/start", language_code="ar")
    out = await session.press("rania", "العربية")
    assert labels(out[-1]) == ["متابعة", "➡ رجوع"]
    await session.say("joris", "/start", language_code="nl")
    out = await session.press("joris", "Nederlands")
    assert labels(out[-1]) == ["Verder", "⬅ Terug"]


async def amal_opens_the_event(session: Session, answers: list[tuple[str, str]]
                               ) -> list[dict[str, Any]]:
    """An organiser makes the event; Amal opens its link in Arabic, agrees, and sees it."""
    await make_organiser(session)
    payload, _ = await make_event(session, answers=answers)
    await session.say("amal", f"/start {payload}", language_code="ar")
    await session.press("amal", "العربية")
    await session.press("amal", 1)
    return await session.press("amal", 1)


async def test_an_arabic_newcomer_reads_an_event_with_its_date_link_and_dutch_name(
    session: Session,
) -> None:
    out = await amal_opens_the_event(session, ONLINE_EVENT)
    lines = out[-1]["text"].split("\n")
    # The title is a line of its own: its direction is its own, nothing to isolate.
    assert lines[2:5] == ["Jobdate Gent", "لقاء توظيف", ""]
    assert lines[5] == f"🗓 متى: {FSI}الثلاثاء، 20 يناير 2026، 14:00 – 16:30{PDI}"
    assert lines[6] == f"💻 عبر الإنترنت: {FSI}https://meet.example.org/jobdate-gent{PDI}"
    assert lines[7] == f"🗣 اللغات: {FSI}Nederlands{PDI}"
    out = await session.press("amal", 1)
    assert out[0]["text"] == f"سجّلت في: {FSI}Jobdate Gent{PDI}. سأذكّرك قبل أن تبدأ."


async def test_numbers_in_an_arabic_roadmap_step_are_isolated(session: Session) -> None:
    await session.onboard("rania", "العربية")
    await session.press("rania", "خطوات نحو العمل")
    out = await session.press("rania", 2)
    assert out[-1]["text"].startswith(
        f"الخطوة {FSI}2{PDI}: قائمة تحقق للعمل (تم {FSI}0{PDI} من {FSI}6{PDI})")
    assert labels(out[-1])[-2:] == ["➡ كل الخطوات", "☰ القائمة"]


@pytest.mark.parametrize("code", ["fa_AF", "ps"])
def test_dari_and_pashto_templates_isolate_values_too(code: str) -> None:
    assert shape_for(code, "{n} ➡").format(n=12) == f"{FSI}12{PDI} ⬅"


async def test_an_arabic_reader_gets_lists_joined_with_the_arabic_comma(
    session: Session,
) -> None:
    two_languages = [answer for answer in ONLINE_EVENT if answer != ("press", "Done")]
    two_languages.insert(two_languages.index(("press", "Nederlands")) + 1, ("press", "English"))
    two_languages.insert(two_languages.index(("press", "English")) + 1, ("press", "Done"))
    out = await amal_opens_the_event(session, two_languages)
    [spoken] = [line for line in out[-1]["text"].split("\n") if line.startswith("🗣")]
    assert spoken == f"🗣 اللغات: {FSI}English، Nederlands{PDI}"


async def test_an_arabic_reader_gets_my_events_lines_in_their_direction(
    session: Session,
) -> None:
    await amal_opens_the_event(session, ONLINE_EVENT)
    await session.press("amal", 1)  # joins
    await session.say("amal", "/menu")
    out = await session.press("amal", "فعالياتي")
    text = "\n".join(reply.get("text", "") for reply in out)
    [line] = [line for line in text.split("\n") if "Jobdate Gent" in line]
    # The line begins with a Latin title: a right-to-left mark keeps it the reader's way,
    # and the title and the date are each kept whole.
    assert line == f"{RLM}• {FSI}Jobdate Gent{PDI}، {FSI}20 يناير، 14:00{PDI}"
