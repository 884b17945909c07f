"""Numbers typed in any script: Arabic-Indic ٣, Persian ۳ and Devanagari ३ are all 3."""

from __future__ import annotations

import math
import unicodedata

# An option number or a part of a date is never longer; Python refuses to turn a text of
# more than 4 300 digits into a number at all, and a long one is slow to convert.
MAX_WHOLE_DIGITS = 9


def normalize_digits(text: str) -> str:
    """Every decimal digit (any script's 0 to 9) becomes its ASCII form; everything else
    stays, including digit-like signs that are no decimal digit, such as ² and ①."""
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
