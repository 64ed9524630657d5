"""The QR code printed on a lot's packs: it carries the lot's absolute trace page link."""

from io import BytesIO

import segno

from traceability.selectors import lot_public_url


def lot_qr(lot):
    # Level M survives a scuffed or slightly wet label, and a short URL keeps the code small.
    return segno.make(lot_public_url(lot), error="m")


def lot_qr_svg(lot) -> bytes:
    out = BytesIO()
    lot_qr(lot).save(out, kind="svg", scale=8, border=4, title=lot.code, xmldecl=True)
    return out.getvalue()


def lot_qr_png(lot) -> bytes:
    out = BytesIO()
    lot_qr(lot).save(out, kind="png", scale=10, border=4)
    return out.getvalue()
