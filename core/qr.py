"""QR codes of a link or text, as the site prints and shows them (segno).

Level M survives a scuffed or slightly wet label, and a short URL keeps the code small. The
quiet zone is the one ISO/IEC 18004 asks for: 4 modules of light around the code, on white
(segno leaves light modules transparent by default, and a code on a dark page or sticker then
cannot be read). Lot labels (`traceability.qr`) and training registrations
(`training.selectors`) make theirs here.
"""

from io import BytesIO

import segno
from django.utils.safestring import SafeString, mark_safe

QUIET_ZONE = 4


def qr_make(text: str):
    return segno.make(text, error="m")


def qr_svg(text: str, *, title: str) -> bytes:
    """A standalone SVG file."""
    out = BytesIO()
    qr_make(text).save(out, kind="svg", scale=8, border=QUIET_ZONE, light="white", title=title, xmldecl=True)
    return out.getvalue()


def qr_png(text: str) -> bytes:
    out = BytesIO()
    qr_make(text).save(out, kind="png", scale=10, border=QUIET_ZONE)
    return out.getvalue()


def qr_svg_inline(text: str, *, title: str, scale: int = 4) -> SafeString:
    """An <svg> element for a page, titled for screen readers; its size is the page's CSS
    (a viewBox, no width or height of its own)."""
    svg = qr_make(text).svg_inline(scale=scale, border=QUIET_ZONE, light="white", title=title, omitsize=True)
    return mark_safe(svg)  # noqa: S308  (segno writes the SVG and escapes the title)
