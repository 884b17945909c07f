"""Dutch beside my language: after changing their language, a person who does not read Dutch
may see every message also in simple Dutch, a line under it; buttons stay in their language."""

from __future__ import annotations

from tests.harness import Session, labels
from tests.screens.helpers import state_of
from tests.test_events import make_event, make_organiser

ASK_AR = ("هل تريد أن ترى كل رسالة بالهولندية البسيطة أيضًا، في سطر تحتها؟ "
          "هذا يساعدك على ممارسة الهولندية.")
MENU_AR = "ماذا تريد أن تفعل؟ اضغط على زر."
MENU_NL = "Wat wil je doen? Tik op een knop."
MENU_LABELS_AR = ["خطوات نحو العمل", "ملفي الشخصي", "ماذا يستطيع Brug أن يفعل؟",
                  "تغيير اللغة", "التحدث مع شخص", "بياناتي"]


async def test_a_newcomer_in_arabic_turns_dutch_on_and_off(session: Session) -> None:
    await session.onboard("amal", "العربية")
    await session.say("amal", "/language")
    [screen] = await session.press("amal", "العربية")
    assert screen["text"] == f"من الآن سأكتب لك بالعربية.\n\n{ASK_AR}"
    assert labels(screen) == ["نعم، والهولندية أيضًا", "✓ لا، بلغتي فقط", "☰ القائمة"]
    assert (await state_of(session, "amal"))["at"] == "dutch_beside"

    [menu] = await session.press("amal", "نعم، والهولندية أيضًا")
    assert menu["text"] == f"تم الحفظ.\n\n{MENU_AR}\n\n🇳🇱 Bewaard.\n{MENU_NL}"
    assert labels(menu) == MENU_LABELS_AR
    assert (await state_of(session, "amal"))["dutch_beside"] is True

    # A message filled with values: the step's Dutch title goes into the Dutch template.
    await session.say("amal", "/steps")
    [step] = await session.press("amal", 1)
    assert step["text"].endswith(
        "\n\n🇳🇱 Stap 1: Oriëntatie (0 van 6 klaar)\n"
        "Leer hoe werken in Vlaanderen gaat, en ontdek wat je wil en kan.\n"
        "Open een punt om te lezen wat je moet doen. ✅ klaar, ⏳ bezig, 🙋 je vroeg om hulp.")
    # The numbers are isolated in the Arabic, and copied into the Dutch line without.
    assert step["text"].startswith(
        "الخطوة \u20681\u2069: التوجيه (تم \u20680\u2069 من \u20686\u2069)\n\n")
    assert labels(step)[0] == "⬜ سجل لدى VDAB"
    assert not any("Registreer" in label for label in labels(step))

    await session.say("amal", "/language")
    [screen] = await session.press("amal", "العربية")
    assert labels(screen) == ["✓ نعم، والهولندية أيضًا", "لا، بلغتي فقط", "☰ القائمة"]
    assert screen["text"].endswith(
        "\n\n🇳🇱 Wil je elk bericht ook in eenvoudig Nederlands zien, in een regel eronder? "
        "Zo oefen je Nederlands.")
    [menu] = await session.press("amal", "لا، بلغتي فقط")
    assert menu["text"] == f"تم الحفظ.\n\n{MENU_AR}"
    assert "dutch_beside" not in await state_of(session, "amal")


async def test_a_person_who_reads_dutch_is_not_asked(session: Session) -> None:
    await session.onboard("bram", "Nederlands")
    await session.say("bram", "/language")
    [menu] = await session.press("bram", "Nederlands")
    assert menu["text"] == f"Vanaf nu schrijf ik in het Nederlands.\n\n{MENU_NL}"
    assert (await state_of(session, "bram"))["at"] == "menu"


async def test_the_setting_does_nothing_once_the_language_is_dutch(session: Session) -> None:
    await session.onboard("amal", "English")
    await session.say("amal", "/language")
    await session.press("amal", "English")
    [menu] = await session.press("amal", "Yes, Dutch too")
    assert menu["text"] == ("Saved.\n\nWhat do you want to do? Tap a button.\n\n"
                            f"🇳🇱 Bewaard.\n{MENU_NL}")
    await session.say("amal", "/language")
    [menu] = await session.press("amal", "Nederlands")
    assert "🇳🇱" not in menu["text"]
    assert menu["text"].endswith(MENU_NL)


async def test_what_applying_a_turn_says_gets_the_dutch_line_too(session: Session) -> None:
    """The link to a new event is said by the handler of the event that saves it."""
    await make_organiser(session)
    await session.say("olga", "/language")
    await session.press("olga", "English")
    await session.press("olga", "Yes, Dutch too")
    payload, out = await make_event(session)
    link = f"https://t.me/brug_bot?start={payload}"
    [said] = [line for line in out if line.get("text", "").startswith("Your event is ready.")]
    assert said["text"].endswith(
        f"\n\n🇳🇱 Je activiteit is klaar. Deel deze link, of toon de QR-code:\n{link}\n"
        "Wie de link opent, ziet de activiteit in de eigen taal en kan zich inschrijven. Je "
        "vindt de activiteit, en wie zich inschreef, onder Mijn activiteiten.")
