"""Legal and procedural items whose translation is a draft say so, in the person's language."""

from __future__ import annotations

from bot.flows.content import load_content
from bot.i18n.catalogs import Catalogs
from tests.harness import ROOT, Session, labels

ROADMAP = load_content(ROOT / "content").roadmap
assert ROADMAP is not None
DRAFT_LINE = ("⚠ A machine helped to translate this text, and no native speaker checked it "
              "yet. Check with the organisation.")
CHECKED_LINE = "⚠ Rules change often. Last checked:"


async def open_item(session: Session, user: str, language: str, item_id: str) -> str:
    _ = Catalogs().get(language).gettext
    await session.onboard(user, language=Catalogs().get(language).language.native_name)
    out = await session.say(user, "/steps")
    step = next(s for s in ROADMAP.steps
                if any(i.id == item_id for i in ROADMAP.items_of(s.id, None)))
    number = [s.id for s in ROADMAP.steps].index(step.id) + 1
    await session.press(user, next(label for label in labels(out[-1])
                                   if label.startswith(f"{number}. ")))
    item = ROADMAP.item(item_id)
    assert item is not None and item.review
    out = await session.press(user, f"⬜ {_(item.title)}")
    text: str = out[-1]["text"]
    return text


async def test_a_legal_item_in_a_draft_translation_says_to_check_with_the_organisation(
        session: Session) -> None:
    arabic = Catalogs().get("ar")
    item = ROADMAP.item("right_to_work")
    assert item is not None and arabic.is_draft(item.text)
    text = await open_item(session, "amal", "ar", "right_to_work")
    assert arabic.gettext(item.text) in text
    assert text.endswith(arabic.gettext(DRAFT_LINE))
    assert arabic.gettext(DRAFT_LINE).startswith("⚠ ساعدت آلة في ترجمة هذا النص")


async def test_the_english_original_has_no_such_line(session: Session) -> None:
    text = await open_item(session, "omid", "en", "right_to_work")
    assert CHECKED_LINE in text and DRAFT_LINE not in text


async def test_an_item_that_is_no_legal_item_has_no_such_line(session: Session) -> None:
    item = ROADMAP.item("vdab_register")
    assert item is not None and not item.review
    _ = Catalogs().get("nl").gettext
    await session.onboard("sara", language="Nederlands")
    out = await session.say("sara", "/steps")
    await session.press("sara", next(label for label in labels(out[-1])
                                      if label.startswith("1. ")))
    out = await session.press("sara", f"⬜ {_(item.title)}")
    assert _(item.text) in out[-1]["text"]
    assert _(DRAFT_LINE) not in out[-1]["text"]
