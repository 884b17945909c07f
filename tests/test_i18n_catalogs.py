"""The language list from the catalogs present, drafts, and each way `brug i18n check` fails."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message

from bot.i18n.catalogs import DRAFT_COMMENT, Catalogs, is_translated, po_path, read_catalog
from bot.i18n.check import MAX_LENGTH, _write, check_catalogs, update_catalogs
from bot.types import ChannelLimits

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "bot" / "i18n" / "locales"


def copy_locales(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    return locales


def add_catalog(locales: Path, code: str, like: str = "nl",
                change: Callable[[Catalog], None] | None = None) -> None:
    """A catalog for `code` holding `like`'s translations (complete unless `change` says)."""
    source = read_catalog(po_path(like, locales), like)
    catalog = Catalog(locale=code, domain="bot")
    for message in source:
        if message.id:
            catalog[message.id] = Message(message.id, message.string, context=message.context,
                                          user_comments=message.user_comments)
    if change:
        change(catalog)
    _write(catalog, po_path(code, locales))


def edit(locales: Path, code: str, change: Callable[[Catalog], None]) -> None:
    catalog = read_catalog(po_path(code, locales), code)
    change(catalog)
    _write(catalog, po_path(code, locales))


def test_dari_is_offered_by_its_cldr_name_right_to_left_for_every_code_a_phone_sends(
        tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)
    add_catalog(locales, "fa_AF", like="ar")
    catalogs = Catalogs(locales)
    dari = next(lang for lang in catalogs.languages if lang.code == "fa_AF")
    assert (dari.native_name, dari.rtl, dari.iso_code) == ("دری", True, "fa")
    for hint in ("prs", "fa-AF", "fa_af", "fa", "fa-IR"):
        assert catalogs.choose(hint) == "fa_AF", hint
    assert catalogs.get("prs").gettext("Yes") == catalogs.get("ar").gettext("Yes")
    assert catalogs.choose("nl-BE") == "nl" and catalogs.choose("xx") is None
    # Picker order is data: Dari comes after Arabic, before languages not in the order.
    add_catalog(locales, "de")
    codes = [lang.code for lang in Catalogs(locales).languages]
    assert codes == ["en", "nl", "fr", "ar", "fa_AF", "ps", "ti", "so", "uk", "ru", "tr", "es",
                     "de"]


def test_an_incomplete_catalog_is_not_offered_but_still_serves_who_chose_it(
        tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)

    def one_missing(catalog: Catalog) -> None:
        next(m for m in catalog if m.id == "Yes").string = ""

    add_catalog(locales, "ti", change=one_missing)
    catalogs = Catalogs(locales)
    assert "ti" not in [lang.code for lang in catalogs.languages]
    assert catalogs.choose("ti") is None
    assert catalogs.supports("ti")
    tigrinya = catalogs.get("ti")
    assert tigrinya.language.native_name == "ትግርኛ" and not tigrinya.language.rtl
    assert tigrinya.gettext("No") == "Nee"  # what is there is served
    assert tigrinya.gettext("Yes") == "Yes"  # the rest in English


def test_drafts_are_served_and_known_as_drafts(tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)

    def reviewed(catalog: Catalog) -> None:
        next(m for m in catalog if m.id == "No").user_comments = []

    edit(locales, "nl", reviewed)
    dutch = Catalogs(locales).get("nl")
    assert dutch.gettext("Yes") == "Ja" and dutch.is_draft("Yes")
    assert dutch.gettext("No") == "Nee" and not dutch.is_draft("No")
    assert not Catalogs(locales).get("en").is_draft("Yes")
    report, ok = check_catalogs(ROOT, locales)
    assert ok
    line = next(line for line in report if line.startswith("nl: "))
    total = len([m for m in read_catalog(LOCALES / "bot.pot") if m.id])
    assert f"{total} total, {total} translated, {total - 1} draft, 0 missing" in line


def failing(tmp_path: Path, change: Callable[[Catalog], None]) -> str:
    locales = copy_locales(tmp_path)
    edit(locales, "ar", change)
    report, ok = check_catalogs(ROOT, locales, ChannelLimits())
    assert not ok
    assert next(line for line in report if line.startswith("nl: ")).endswith("0 problems")
    return "\n".join(line for line in report if line.startswith("  "))


def test_check_fails_on_a_missing_string(tmp_path: Path) -> None:
    def drop(catalog: Catalog) -> None:
        del catalog["Welcome back!"]

    assert failing(tmp_path, drop) == "  missing: 'Welcome back!'"


def test_check_fails_on_a_fuzzy_translation_as_missing(tmp_path: Path) -> None:
    def fuzzy(catalog: Catalog) -> None:
        catalog["Welcome back!"].flags.add("fuzzy")

    assert failing(tmp_path, fuzzy) == "  missing: 'Welcome back!'"


def test_check_fails_on_a_placeholder_that_differs(tmp_path: Path) -> None:
    def rename(catalog: Catalog) -> None:
        catalog["Why: {reason}"].string = "لماذا: {sabab}"

    assert failing(tmp_path, rename) == (
        "  broken placeholder (differs from the source): 'Why: {reason}'")


def test_check_fails_on_a_button_label_over_the_channel_limit(tmp_path: Path) -> None:
    template = read_catalog(LOCALES / "bot.pot")
    assert f"{MAX_LENGTH}40" in template["☰ Menu"].flags

    def too_long(catalog: Catalog) -> None:
        catalog["☰ Menu"].string = "☰ " + "ق" * 40

    assert failing(tmp_path, too_long) == (
        "  button label longer than 40 characters: '☰ Menu'")
    # Text that is no button may be longer.
    assert not any(flag.startswith(MAX_LENGTH) for flag in template["Welcome back!"].flags)


def test_roadmap_titles_leave_room_for_the_marks_beside_them_on_their_buttons(
    tmp_path: Path,
) -> None:
    # An item's button reads "⬜ <title>", a step's "9. <title> · 10/12".
    template = read_catalog(LOCALES / "bot.pot")
    assert f"{MAX_LENGTH}38" in template["Register with VDAB"].flags
    assert f"{MAX_LENGTH}29" in template["Orientation"].flags

    def too_long(catalog: Catalog) -> None:
        catalog["Register with VDAB"].string = "ق" * 39
        catalog["Orientation"].string = "ق" * 30

    assert failing(tmp_path, too_long) == (
        "  button label longer than 29 characters: 'Orientation'\n"
        "  button label longer than 38 characters: 'Register with VDAB'")


def test_check_fails_on_a_message_over_telegrams_limit(tmp_path: Path) -> None:
    def too_long(catalog: Catalog) -> None:
        # 2 049 emoji: 2 049 characters, but 4 098 UTF-16 units as Telegram counts them.
        catalog["Welcome back!"].string = "😀" * 2049

    assert failing(tmp_path, too_long) == (
        "  message longer than 4096 UTF-16 units: 'Welcome back!'")


@pytest.mark.parametrize("code", ["nl", "ar"])
def test_the_shipped_catalogs_have_honest_headers_and_drafts(code: str) -> None:
    text = po_path(code).read_text(encoding="utf-8")
    head = text.split("\n\n")[0]
    for placeholder in ("FIRST AUTHOR", "EMAIL@ADDRESS", "ORGANIZATION", "FULL NAME", "LL@li"):
        assert placeholder not in head
    catalog = read_catalog(po_path(code), code)
    assert catalog.num_plurals == {"nl": 2, "ar": 6}[code]
    assert catalog.last_translator == "Brug translators (draft, machine-assisted)"
    assert all(DRAFT_COMMENT in m.user_comments for m in catalog if m.id)


REMIND = ("Well done. I will remind you in {days} day to follow up.",
          "Well done. I will remind you in {days} days to follow up.")


def test_arabic_serves_its_six_plural_forms() -> None:
    arabic = Catalogs().get("ar")
    shown = {n: arabic.ngettext(*REMIND, n).format(days=n) for n in (0, 1, 2, 5, 11, 100)}
    # Numbers are isolated in right-to-left text (bot/i18n/bidi.py).
    assert shown[0] == "أحسنت. سأذكرك بعد \u20680\u2069 يوم لكي تتابع الأمر."
    assert shown[1] == "أحسنت. سأذكرك بعد يوم واحد لكي تتابع الأمر."  # one: the word alone
    assert shown[2] == "أحسنت. سأذكرك بعد يومين لكي تتابع الأمر."  # two: the dual
    assert shown[5] == "أحسنت. سأذكرك بعد \u20685\u2069 أيام لكي تتابع الأمر."  # few: 3-10
    assert shown[11] == "أحسنت. سأذكرك بعد \u206811\u2069 يومًا لكي تتابع الأمر."  # many
    assert shown[100] == "أحسنت. سأذكرك بعد \u2068100\u2069 يوم لكي تتابع الأمر."  # other
    assert len(set(shown.values())) == 6
    dutch = Catalogs().get("nl")
    assert dutch.ngettext(*REMIND, 1).format(days=1).startswith("Goed gedaan. Over 1 dag ")
    assert dutch.ngettext(*REMIND, 0).format(days=0).startswith("Goed gedaan. Over 0 dagen ")


def test_russian_forms_follow_babels_plural_rule(tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)
    forms = ("Напомню через {days} день.", "Напомню через {days} дня.",
             "Напомню через {days} дней.")

    def with_plural(catalog: Catalog) -> None:
        assert catalog.num_plurals == 3
        catalog.delete(REMIND[0])
        catalog.add(REMIND, forms, user_comments=[DRAFT_COMMENT])

    add_catalog(locales, "ru", change=with_plural)
    russian = Catalogs(locales).get("ru")
    rule = Locale.parse("ru").plural_form
    expected = {0: "дней", 1: "день", 2: "дня", 5: "дней", 11: "дней", 100: "дней",
                21: "день", 22: "дня", 111: "дней"}
    order = ("one", "few", "many")
    for n, word in expected.items():
        served = russian.ngettext(*REMIND, n).format(days=n)
        assert served == f"Напомню через {n} {word}.", n
        assert forms[order.index(rule(n))].format(days=n) == served, n
    assert russian.is_draft(REMIND[0])


def test_a_message_that_gains_a_context_or_a_plural_keeps_its_translation(
        tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)

    def as_before(catalog: Catalog) -> None:
        # The catalog as it was before "No, keep it" got a context for cancelling an event,
        # and before the reminder became plural.
        catalog.delete("No, keep it", context="cancelling an event")
        catalog.delete(REMIND[0])
        catalog.add(REMIND[1], "Goed gedaan. Over {days} dagen herinner ik je eraan.",
                    user_comments=[DRAFT_COMMENT])

    edit(locales, "nl", as_before)
    update_catalogs(ROOT, locales)
    dutch = read_catalog(po_path("nl", locales), "nl")
    kept = dutch.get("No, keep it", context="cancelling an event")
    assert kept is not None and kept.string == "Nee, bewaar alles" and not kept.fuzzy
    assert kept.user_comments == [DRAFT_COMMENT]
    plural = dutch.get(REMIND[0])
    assert plural is not None and plural.fuzzy  # a translator makes the forms
    assert plural.string == ("Goed gedaan. Over {days} dagen herinner ik je eraan.",) * 2
    report, ok = check_catalogs(ROOT, locales)
    assert not ok and f"  missing: {REMIND[0]!r}" in report


def test_every_string_tells_the_translator_what_it_is_and_buttons_carry_their_limit() -> None:
    template = read_catalog(LOCALES / "bot.pot")
    assert all(message.auto_comments for message in template if message.id)

    def limited(msgid: str, context: str | None = None) -> bool:
        found = template.get(msgid, context=context)
        assert found is not None, msgid
        return f"{MAX_LENGTH}40" in found.flags

    # Answer buttons in the content, Option labels and label tables in the code.
    assert limited("In another country") and limited("✅ Plan it")
    assert limited("Jobdate") and limited("Done", "roadmap item status")
    # A link's name and a message are no buttons.
    assert not limited("VDAB") and not limited("Welcome back!")
    note = template["In another country"].auto_comments
    assert " ".join(note).startswith("content field: label A button label, at most 40")
    assert "intake_work > paid_work" in " ".join(note)
    plural = template.get("Well done. I will remind you in {days} day to follow up.")
    assert plural is not None and plural.pluralizable


def test_extract_add_starts_an_empty_catalog_with_honest_headers_that_is_not_offered(
        tmp_path: Path) -> None:
    locales = copy_locales(tmp_path)
    lines = update_catalogs(ROOT, locales, add=("de",))
    assert any(line.endswith("de/LC_MESSAGES/bot.po") for line in lines)
    german = read_catalog(po_path("de", locales), "de")
    head = po_path("de", locales).read_text(encoding="utf-8").split("\n\n")[0]
    assert "EMAIL@ADDRESS" not in head and "FIRST AUTHOR" not in head
    assert german.language_team == "Deutsch <Brug translators>"
    assert not any(is_translated(message) for message in german if message.id)
    assert "de" not in [lang.code for lang in Catalogs(locales).languages]
    report, ok = check_catalogs(ROOT, locales)
    assert not ok and any(line.startswith("de: 0/") for line in report)
