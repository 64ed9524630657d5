"""The QR code printed on a lot's packs: it carries the lot's absolute trace page link
(made by `core.qr`, like every QR code of the site)."""

from core.qr import qr_make, qr_png, qr_svg
from traceability.selectors import lot_public_url


def lot_qr(lot):
    return qr_make(lot_public_url(lot))


def lot_qr_svg(lot) -> bytes:
    return qr_svg(lot_public_url(lot), title=lot.code)


def lot_qr_png(lot) -> bytes:
    return qr_png(lot_public_url(lot))
