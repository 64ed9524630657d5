"""A printable A4 sheet of 24 labels (3 × 8, 70 × 37 mm) for one lot, with its QR code.

The QR is drawn as vector squares so it stays sharp at any printer resolution. Vietnamese
needs a font with its glyphs: `core.pdf_fonts`.
"""

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from core.pdf_fonts import FONT, FONT_BOLD, pdf_fonts_register
from traceability.qr import lot_qr
from traceability.selectors import lot_public_url

COLUMNS, ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 70 * mm, 37 * mm
QR_SIZE = 31 * mm
PADDING = 3 * mm


def _draw_qr(pdf, qr, x, y, size):
    """The QR's dark modules as filled squares, quiet zone included in `size`."""
    border = 2
    rows = list(qr.matrix_iter(border=border))
    module = size / len(rows)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                pdf.rect(x + c * module, y + size - (r + 1) * module, module, module, stroke=0, fill=1)


def _label_lines(lot) -> list[tuple[str, str, float]]:
    """(font, text, size) lines beside the QR; dates as Vietnamese labels write them."""

    def day(value):
        return date_format(value, "d/m/Y")

    lines = [(FONT, _("Lot: %(code)s") % {"code": lot.code}, 7)]
    lines.append((FONT, _("Produced: %(date)s") % {"date": day(lot.produced_on)}, 6.5))
    if lot.packed_on:
        lines.append((FONT, _("Packed: %(date)s") % {"date": day(lot.packed_on)}, 6.5))
    if lot.expires_on:
        lines.append((FONT, _("Best before: %(date)s") % {"date": day(lot.expires_on)}, 6.5))
    return lines


def lot_label_sheet(*, lot) -> bytes:
    """The label sheet as PDF bytes, in the active language."""
    pdf_fonts_register()
    out = BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    pdf.setTitle(f"{lot.product.get_title()} – {lot.code}")
    page_width, page_height = A4
    left = (page_width - COLUMNS * LABEL_WIDTH) / 2
    bottom = (page_height - ROWS * LABEL_HEIGHT) / 2
    qr = lot_qr(lot)
    short_text = lot_public_url(lot, short=True).split("://", 1)[-1]
    text_width = LABEL_WIDTH - QR_SIZE - 2 * PADDING
    title_lines = simpleSplit(lot.product.get_title(), FONT_BOLD, 7.5, text_width)[:2]
    producer_lines = simpleSplit(lot.producer.name, FONT, 6, text_width)[:2]
    details = _label_lines(lot)

    for row in range(ROWS):
        for column in range(COLUMNS):
            x = left + column * LABEL_WIDTH
            y = bottom + (ROWS - 1 - row) * LABEL_HEIGHT
            _draw_qr(pdf, qr, x + PADDING / 2, y + (LABEL_HEIGHT - QR_SIZE) / 2, QR_SIZE)
            text_x = x + QR_SIZE + PADDING
            cursor = y + LABEL_HEIGHT - PADDING - 7
            pdf.setFont(FONT_BOLD, 7.5)
            for line in title_lines:
                pdf.drawString(text_x, cursor, line)
                cursor -= 9
            for font, text, size in details:
                pdf.setFont(font, size)
                pdf.drawString(text_x, cursor, simpleSplit(text, font, size, text_width)[0])
                cursor -= size + 2
            pdf.setFont(FONT, 6)
            for line in producer_lines:
                pdf.drawString(text_x, cursor, line)
                cursor -= 7.5
            pdf.setFont(FONT_BOLD, 6)
            pdf.drawString(text_x, y + PADDING, simpleSplit(short_text, FONT_BOLD, 6, text_width)[0])
    pdf.showPage()
    pdf.save()
    return out.getvalue()
