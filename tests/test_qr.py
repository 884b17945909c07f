"""A link as a QR code: a PNG image that a phone's camera reads back as the same link."""

from __future__ import annotations

from pathlib import Path

import qrcode

from bot.services.qr import BORDER, BOX_SIZE, qr_png, write_qr_png
from tests.qr_reading import read_qr

URL = "https://t.me/brug_bot?start=c_AbCdEfGhIjKlMnOpQrStUv"


def test_the_image_is_a_png_that_reads_as_the_link() -> None:
    data = qr_png(URL)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    texts, width, height = read_qr(data)
    assert texts == [URL]
    # Square, with whole modules and the quiet zone around them.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(URL)
    code.make(fit=True)
    assert width == height == (code.modules_count + 2 * BORDER) * BOX_SIZE


def test_a_longer_link_makes_a_bigger_code_that_still_reads(tmp_path: Path) -> None:
    longest = "https://t.me/brug_bot?start=c_" + "a" * 62
    path = write_qr_png(longest, tmp_path / "deeper" / "link.png")
    texts, width, _ = read_qr(path.read_bytes())
    assert texts == [longest]
    assert width > read_qr(qr_png(URL))[1]
