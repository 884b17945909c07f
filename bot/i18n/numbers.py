"""Numbers typed in any script: Arabic-Indic ٣, Persian ۳, Devanagari ३ and Ge'ez ፫ are all 3."""

from __future__ import annotations

import math
import re
import unicodedata

# An option number or a part of a date is never longer; Python refuses to turn a text of
# more than 4 300 digits into a number at all, and a long one is slow to convert.
MAX_WHOLE_DIGITS = 9


# Ge'ez numerals (Tigrinya, Amharic) are no decimal digits: ፩..፱ are 1 to 9, ፲..፺ the tens,
# ፻ a hundred and ፼ ten thousand, written additively with no zero (፲፪ is 12, ፻፭ is 105).
_GEEZ = re.compile("[\u1369-\u137c]+")
_GEEZ_HUNDRED, _GEEZ_TEN_THOUSAND = 100, 10_000


def _geez_value(char: str) -> int:
    code = ord(char)
    if code <= 0x1371:
        return code - 0x1368
    if code <= 0x137A:
        return (code - 0x1371) * 10
    return _GEEZ_HUNDRED if code == 0x137B else _GEEZ_TEN_THOUSAND


def geez_number(numerals: str) -> int:
    """The value of a run of Ge'ez numerals: ፫ is 3, ፲፪ is 12, ፪፻፭ is 205."""
    total = group = 0
    for char in numerals:
        value = _geez_value(char)
        if value == _GEEZ_HUNDRED:
            total += (group or 1) * _GEEZ_HUNDRED
            group = 0
        elif value == _GEEZ_TEN_THOUSAND:
            total = ((total + group) or 1) * _GEEZ_TEN_THOUSAND
            group = 0
        else:
            group += value
    return total + group


def normalize_digits(text: str) -> str:
    """Every decimal digit (any script's 0 to 9) becomes its ASCII form, and a run of Ge'ez
    numerals its ASCII number; everything else stays, including digit-like signs that are no
    decimal digit, such as ² and ①."""
    # A run longer than any number a person types here stays as it is: text, not a number.
    text = _GEEZ.sub(lambda found: found.group() if len(found.group()) > MAX_WHOLE_DIGITS
                     else str(geez_number(found.group())), text)
    out = []
    for char in text:
        if char.isdecimal() and not char.isascii():
            out.append(str(unicodedata.decimal(char)))
        else:
            out.append(char)
    return "".join(out)


def whole_number(text: str) -> int | None:
    """A small whole number a person typed, such as an option's number: '3', '٣' or '३';
    None for anything else: '²', '①', '12²', '-1', or a number too long to be one."""
    cleaned = normalize_digits(text).strip()
    if not (0 < len(cleaned) <= MAX_WHOLE_DIGITS and cleaned.isascii() and cleaned.isdecimal()):
        return None
    return int(cleaned)


def parse_number(text: str) -> float | None:
    """A number a person typed: '3', '٣', '2,5' or '2.5'; None if it is not one."""
    cleaned = normalize_digits(text).strip().replace("\u066b", ".").replace(",", ".")
    cleaned = cleaned.replace(" ", "").replace("\u066c", "")
    if not cleaned.isascii():
        # float() reads some signs a person would not call a number, and nothing of
        # another script is left after normalize_digits.
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    # "nan" and "inf" are floats to Python, not numbers to a person.
    return value if math.isfinite(value) else None
