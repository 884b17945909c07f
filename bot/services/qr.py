"""A link drawn as a QR code in a PNG image, to print or to show on a phone."""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
from qrcode.image.pure import PyPNGImage

# Pixels per module and the quiet zone around the code (the standard asks for four modules).
BOX_SIZE = 10
BORDER = 4


def qr_png(text: str) -> bytes:
    """The PNG image of a QR code that reads as `text` (black on white, error correction M,
    so a slightly damaged print still scans)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=BOX_SIZE, border=BORDER, image_factory=PyPNGImage)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


def write_qr_png(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(qr_png(text))
    return path
