"""QR codes for posters and letters: error correction M, a four-module quiet zone."""

from __future__ import annotations

import io

import qrcode
from qrcode.image.pure import PyPNGImage
from qrcode.image.svg import SvgPathImage


def _code(url: str) -> qrcode.QRCode:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,  # survives a scuffed poster
        border=4,  # the quiet zone the standard asks for
        box_size=12,
    )
    code.add_data(url)
    code.make(fit=True)
    return code


def png(url: str) -> bytes:
    buffer = io.BytesIO()
    _code(url).make_image(image_factory=PyPNGImage).save(buffer)
    return buffer.getvalue()


def svg(url: str) -> bytes:
    buffer = io.BytesIO()
    _code(url).make_image(image_factory=SvgPathImage).save(buffer)
    return buffer.getvalue()
