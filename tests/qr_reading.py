"""Reading a QR code back from a PNG image, as a phone's camera would."""

from __future__ import annotations

import png
import zxingcpp


def read_qr(data: bytes) -> tuple[list[str], int, int]:
    """The texts of the QR codes in a PNG image, and its width and height."""
    width, height, rows, _ = png.Reader(bytes=data).asDirect()
    # Greyscale of any depth as 0 (black) or 255 (white), the bytes the reader takes.
    pixels = bytes(255 if value else 0 for row in rows for value in row)
    image = memoryview(pixels).cast("B", (height, width))
    return [found.text for found in zxingcpp.read_barcodes(image)], width, height
