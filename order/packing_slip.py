"""The packing slip (phiếu đóng gói) of one producer's part of an order, as an A4 PDF.

It goes in the parcel or to the courier: who sends, who receives (name, phone, delivery
address, the buyer's note for the courier), the part's lines with their lot once shipped, and
how much the courier collects when the buyer pays cash on delivery. Only the part's own lines
and delivery fee: another producer's goods in the same order are not this parcel's.
Vietnamese needs a font with its glyphs: the lot labels' DejaVu Sans (`traceability.labels`).
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from oscar.templatetags.currency_filters import currency
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.pdf_fonts import FONT, FONT_BOLD, pdf_fonts_register
from order.models import Fulfilment, FulfilmentStatus
from order.selectors import part_amounts

MARGIN = 15 * mm


def _styles():
    base = ParagraphStyle("slip", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "small": ParagraphStyle("slip-small", parent=base, fontSize=8.5, leading=11),
        "title": ParagraphStyle("slip-title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21),
        "heading": ParagraphStyle("slip-heading", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14),
        "cell_bold": ParagraphStyle("slip-bold", parent=base, fontName=FONT_BOLD),
        "right": ParagraphStyle("slip-right", parent=base, alignment=TA_RIGHT),
        "right_bold": ParagraphStyle("slip-right-bold", parent=base, alignment=TA_RIGHT, fontName=FONT_BOLD),
        "collect": ParagraphStyle("slip-collect", parent=base, fontName=FONT_BOLD, fontSize=13, leading=17),
    }


def _text(value) -> str:
    return escape(str(value or ""))


def _day(value) -> str:
    return date_format(timezone.localtime(value) if hasattr(value, "tzinfo") else value, "d/m/Y")


def _parties(part, styles, width):
    partner, order = part.partner, part.order
    sender = [f"<b>{_text(partner.name)}</b>"]
    if partner.phone:
        sender.append(_("Phone: %(phone)s") % {"phone": _text(partner.phone.as_national)})
    if partner.full_address:
        sender.append(_text(partner.full_address))
    address = order.shipping_address
    receiver = []
    if address is not None:
        receiver.append(f"<b>{_text(address.salutation)}</b>")
        if address.phone_number:
            receiver.append(_("Phone: %(phone)s") % {"phone": _text(address.phone_number.as_national)})
        receiver.append(_text(", ".join(bit for bit in (address.line1, address.line3, address.state) if bit)))
        if address.notes:
            receiver.append(_("Note for the courier: %(note)s") % {"note": _text(address.notes)})
    table = Table(
        [
            [
                Paragraph(_("Sender (producer)"), styles["heading"]),
                Paragraph(_("Recipient"), styles["heading"]),
            ],
            [
                Paragraph("<br/>".join(sender), styles["body"]),
                Paragraph("<br/>".join(receiver), styles["body"]),
            ],
        ],
        colWidths=[width / 2, width / 2],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, -1), 0.6, colors.black),
                ("BOX", (1, 0), (1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ]
        )
    )
    return table


def _lines_table(part, lines, amounts, styles, width):
    money = part.order.currency
    rows = [
        [
            Paragraph(text, styles["cell_bold"] if index < 3 or index == 6 else styles["right_bold"])
            for index, text in enumerate(
                [
                    pgettext("row number", "No."),
                    _("Product"),
                    _("SKU"),
                    _("Quantity"),
                    _("Unit price"),
                    _("Line total"),
                    _("Lot"),
                ]
            )
        ]
    ]
    for number, line in enumerate(lines, start=1):
        rows.append(
            [
                Paragraph(str(number), styles["body"]),
                Paragraph(_text(line.title), styles["body"]),
                Paragraph(_text(line.partner_sku), styles["small"]),
                Paragraph(str(line.quantity), styles["right"]),
                Paragraph(_text(currency(line.unit_price_incl_tax, money)), styles["right"]),
                Paragraph(_text(currency(line.line_price_incl_tax, money)), styles["right"]),
                Paragraph(_text(line.lot.code if line.lot_id else "—"), styles["small"]),
            ]
        )
    summary = [
        (_("Subtotal"), amounts["goods"], "right"),
        (_("Shipping fee"), amounts["delivery"], "right"),
        (pgettext("sum", "Total"), amounts["total"], "right_bold"),
    ]
    first_summary = len(rows)
    for label, amount, style in summary:
        rows.append(
            [
                "",
                Paragraph(_text(label), styles[style]),
                "",
                "",
                "",
                Paragraph(_text(currency(amount, money)), styles[style]),
                "",
            ]
        )
    fixed = [12 * mm, None, 28 * mm, 18 * mm, 25 * mm, 27 * mm, 26 * mm]
    fixed[1] = width - sum(size for size in fixed if size)
    table = Table(rows, colWidths=fixed, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, first_summary - 1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("SPAN", (1, first_summary), (4, first_summary)),
                ("SPAN", (1, first_summary + 1), (4, first_summary + 1)),
                ("SPAN", (1, first_summary + 2), (4, first_summary + 2)),
                ("LINEABOVE", (1, -1), (5, -1), 0.8, colors.black),
            ]
        )
    )
    return table


def packing_slip_pdf(*, part: Fulfilment) -> bytes:
    """The part's packing slip as PDF bytes, in the active language."""
    pdf_fonts_register()
    styles = _styles()
    order = part.order
    lines = list(part.lines.select_related("lot").order_by("pk"))
    amounts = part_amounts(part=part, lines=lines)
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_("Packing slip %(number)s") % {"number": order.number},
        author=part.partner.name,
    )
    width = A4[0] - 2 * MARGIN
    facts = [
        _("Order code: %(number)s") % {"number": order.number},
        _("Order date: %(date)s") % {"date": _day(order.date_placed)},
        _("Payment: %(method)s") % {"method": order.get_payment_method_display()},
    ]
    if part.tracking_number:
        facts.append(
            _("Carrier: %(carrier)s · tracking number: %(number)s")
            % {"carrier": part.carrier, "number": part.tracking_number}
        )
    story = [
        Paragraph(_("PACKING SLIP"), styles["title"]),
        Spacer(1, 2 * mm),
        Paragraph("<br/>".join(_text(fact) for fact in facts), styles["body"]),
        Spacer(1, 5 * mm),
        _parties(part, styles, width),
        Spacer(1, 6 * mm),
        _lines_table(part, lines, amounts, styles, width),
        Spacer(1, 6 * mm),
    ]
    if amounts["collect"]:
        collect = _("Collect from the recipient (cash on delivery): %(amount)s") % {
            "amount": currency(amounts["collect"], order.currency)
        }
    else:
        collect = _("Do not collect money: the order is paid another way.")
    box = Table([[Paragraph(_text(collect), styles["collect"])]], colWidths=[width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black), ("PADDING", (0, 0), (-1, -1), 6)]))
    story.append(box)
    if part.status not in (FulfilmentStatus.SHIPPED, FulfilmentStatus.DELIVERED):
        story += [
            Spacer(1, 3 * mm),
            Paragraph(_("The lot of each line is printed once the part is marked shipped."), styles["small"]),
        ]
    document.build(story)
    return out.getvalue()
