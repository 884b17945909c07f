"""Flemish names and terms stay in Dutch; the first time one appears in a message, a short
explanation in the person's language follows it. Never inside buttons, never in what a person
typed, never twice in a message, and not where the text explains it already."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.flows.content import load_content
from bot.flows.yaml_loading import ContentError
from tests.harness import ROOT, Session, labels
from tests.screens.test_plan import start_planning


async def open_shortage_jobs(session: Session, user: str) -> dict[str, object]:
    """Step 1 of the roadmap, its third item: "Look at shortage jobs"."""
    await session.say(user, "/steps")
    await session.press(user, 1)
    [item] = await session.press(user, 3)
    return item


async def test_vdab_is_explained_once_in_english(session: Session) -> None:
    await session.onboard("amal")
    item = await open_shortage_jobs(session, "amal")
    assert item["text"] == (
        "Look at shortage jobs\n\nShortage jobs (knelpuntberoepen) are jobs where employers "
        "cannot find enough workers. Nurse, ICT developer, truck driver, technician and "
        "accountant are often on the list. VDAB (the public employment service of Flanders) "
        "makes a new list every year. A job on this list can be a faster way to work.\n\n"
        "More information:\n"
        "- VDAB shortage jobs list: https://www.vdab.be/trends/knelpuntberoepen")


async def test_vdab_stays_in_dutch_with_an_arabic_explanation(session: Session) -> None:
    await session.onboard("amal", "العربية")
    item = await open_shortage_jobs(session, "amal")
    assert "يصدر VDAB (مكتب التشغيل العام في فلاندرز) قائمة جديدة كل سنة." in item["text"]
    assert item["text"].count("مكتب التشغيل العام في فلاندرز") == 1
    assert item["text"].endswith(
        "- قائمة VDAB للمهن المطلوبة: https://www.vdab.be/trends/knelpuntberoepen")


async def test_a_message_that_explains_a_name_itself_gets_nothing_more(session: Session
                                                                       ) -> None:
    await session.onboard("amal")
    await session.say("amal", "/steps")
    await session.press("amal", 1)
    [item] = await session.press("amal", 1)
    assert item["text"].startswith(
        "Register with VDAB\n\nVDAB is the public employment service of Flanders.")
    assert "(the public employment service" not in item["text"]


async def test_buttons_keep_the_name_without_explanation(session: Session) -> None:
    await session.onboard("amal")
    await session.say("amal", "/steps")
    [step] = await session.press("amal", 1)
    assert labels(step)[0] == "⬜ Register with VDAB"


async def test_a_list_entry_or_brackets_that_explain_a_name_get_nothing_more(
        session: Session) -> None:
    await session.onboard("amal")
    [page] = await session.say("amal", "/person")
    text = page["text"]
    assert "- VDAB, the public employment service of Flanders, for work and training" in text
    assert "- The OCMW (social welfare office) of your town, for housing" in text
    assert "(the public" not in text and "(the social welfare office)" not in text


async def test_what_a_person_typed_is_not_explained(session: Session) -> None:
    await start_planning(session)
    await session.press("sara", "Amal")
    await session.say("sara", "07/01 14:30")
    await session.say("sara", "VDAB Gent")
    await session.say("sara", "Your CV")
    [summary] = await session.press("sara", "Done")
    assert "\n📍 VDAB Gent\n" in summary["text"]
    assert "employment service" not in summary["text"]


def test_a_glossary_without_a_checked_date_is_refused(tmp_path: Path) -> None:
    for source in (ROOT / "content").glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "glossary.yaml":
            text = text.replace("  checked: 2026-11-28\n", "")
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"glossary\.yaml.*'checked'"):
        load_content(tmp_path)


def test_a_longer_name_is_explained_as_a_whole() -> None:
    glossary = load_content(ROOT / "content").glossary
    assert glossary is not None
    assert glossary.explain("Ask NARIC Vlaanderen, or Agentschap Integratie en Inburgering "
                            "about inburgering.", str) == (
        "Ask NARIC Vlaanderen (the office that recognises foreign diplomas), or Agentschap "
        "Integratie en Inburgering (the Flemish agency for integration) about inburgering "
        "(the integration course).")
