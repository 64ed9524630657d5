"""The QR code printed on a lot's packs: it carries the lot's absolute trace page link."""

from io import BytesIO

import segno

from traceability.selectors import lot_public_url


def lot_qr(lot):
    # Level M survives a scuffed or slightly wet label, and a short URL keeps the code small.
    return segno.make(lot_public_url(lot), error="m")


# The quiet zone ISO/IEC 18004 asks for: 4 modules of light around the code.
QUIET_ZONE = 4


def lot_qr_svg(lot) -> bytes:
    # A white background under the code and its quiet zone: segno leaves light modules
    # transparent by default, and a code on a dark page or sticker then cannot be read.
    out = BytesIO()
    lot_qr(lot).save(out, kind="svg", scale=8, border=QUIET_ZONE, light="white", title=lot.code, xmldecl=True)
    return out.getvalue()


def lot_qr_png(lot) -> bytes:
    out = BytesIO()
    lot_qr(lot).save(out, kind="png", scale=10, border=QUIET_ZONE)
    return out.getvalue()
