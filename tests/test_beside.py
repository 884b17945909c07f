"""The Dutch line, rendered from what a turn translated: values go into the Dutch template,
translated values are turned into Dutch too, a person's own words are not repeated, button
labels are not taken for text, and a broken Dutch template gives no line rather than a wrong one."""

from __future__ import annotations

from bot.i18n.beside import Said, in_dutch

STEP = ("الخطوة {number}: {title} (تم {done} من {total})",
        "Stap {number}: {title} ({done} van {total} klaar)")


def test_values_go_into_the_dutch_template_and_translated_values_become_dutch() -> None:
    said = Said([STEP, ("التوجيه", "Oriëntatie")])
    assert in_dutch("الخطوة 1: التوجيه (تم 0 من 6)", said) == "Stap 1: Oriëntatie (0 van 6 klaar)"


def test_a_persons_own_words_and_marks_between_messages() -> None:
    said = Said([("شكرًا.", "Dank je."), ("ماذا تريد أن تفعل؟", "Wat wil je doen?")])
    text = "شكرًا.\n\nأمل كتبت هذا\n\n✅ ماذا تريد أن تفعل؟"
    assert in_dutch(text, said) == "Dank je.\n✅ Wat wil je doen?"


def test_labels_are_not_text_and_nothing_translated_gives_no_line() -> None:
    said = Said([("نعم", "Ja"), ("القائمة", "Menu")])
    assert in_dutch("نعم القائمة", said, labels={"نعم", "القائمة"}) == ""
    assert in_dutch("أمل", Said([("شكرًا.", "Dank je.")])) == ""


def test_a_dutch_template_with_another_placeholder_gives_no_line() -> None:
    said = Said([("مرحبا {name}، أهلا", "Hallo {naam}")])
    assert in_dutch("مرحبا أمل، أهلا", said) == ""
