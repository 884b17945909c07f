"""Numbers typed in any script: Arabic-Indic ٣, Persian ۳ and Devanagari ३ are all 3."""

from __future__ import annotations

import math
import unicodedata


def normalize_digits(text: str) -> str:
    """Every decimal digit becomes its ASCII form; everything else stays."""
    out = []
    for char in text:
        if char.isdigit() and not char.isascii():
            value = unicodedata.decimal(char, None)
            out.append(str(value) if value is not None else char)
        else:
            out.append(char)
    return "".join(out)


def parse_number(text: str) -> float | None:
    """A number a person typed: '3', '٣', '2,5' or '2.5'; None if it is not one."""
    cleaned = normalize_digits(text).strip().replace("\u066b", ".").replace(",", ".")
    cleaned = cleaned.replace(" ", "").replace("\u066c", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    # "nan" and "inf" are floats to Python, not numbers to a person.
    return value if math.isfinite(value) else None
