"""A link drawn as a QR code in a PNG image, to print or to show on a phone."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import qrcode
from qrcode.image.pure import PyPNGImage

from bot.types import Outgoing

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
    """Write the image whole or not at all (a sender may look for it at the same time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, part = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    with os.fdopen(descriptor, "wb") as file:
        file.write(qr_png(text))
    os.chmod(part, 0o644)  # as a plain write makes it, not mkstemp's 0600
    os.replace(part, path)
    return path


def draw_missing(message: Outgoing) -> None:
    """Draw a message's QR image if it is not there: committed, but the process stopped
    before it drew it. Tens of milliseconds: run it off the event loop."""
    if message.qr and message.file and not Path(message.file).exists():
        write_qr_png(message.qr, Path(message.file))


@dataclass(frozen=True)
class LinkPicture:
    """A link and where its QR image goes (named by the link, so a link is drawn once)."""

    url: str
    image: Path

    @classmethod
    def of(cls, url: str, folder: Path, name: str) -> LinkPicture:
        return cls(url, folder / f"{name}-{hashlib.sha256(url.encode()).hexdigest()[:16]}.png")

    def draw(self) -> Path:
        """Write the QR image if it is not there yet. It takes tens of milliseconds: call it
        outside the update's transaction (e.g. `await asyncio.to_thread(link.draw)`)."""
        if not self.image.exists():
            write_qr_png(self.url, self.image)
        return self.image

    def image_message(self, to: str, channel: str) -> Outgoing:
        """The QR image as a reply, with the link as its caption."""
        return Outgoing(to=to, text="", kind="image", file=str(self.image), caption=self.url,
                        channel=channel, qr=self.url)
