"""QR codes as inline SVG markup: no image request, nothing for the CSP to block."""
from __future__ import annotations

import qrcode
from qrcode.image.svg import SvgPathImage


def svg_for(data: str, box_size: int = 8) -> str:
    image = qrcode.make(data, image_factory=SvgPathImage, box_size=box_size)
    return image.to_string(encoding="unicode")
