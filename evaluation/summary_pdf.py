"""The council's summary sheet (biên bản tổng hợp kết quả chấm điểm) of a closed round, as an
A4 landscape PDF: the round, the council's members, and for each product every scoring member's
total, the mean of each part and in total, the stars after the mandatory criteria and what held
a product back; a signature block for the chair and the secretary. Fonts as the packing slip's
(`core.pdf_fonts`), Vietnamese glyphs included."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from catalog.ocop import date_text, points_text
from core.pdf_fonts import FONT, FONT_BOLD, pdf_fonts_register
from evaluation.council import member_name
from evaluation.decision import result_rows
from evaluation.models import CouncilRole

MARGIN = 12 * mm
PAGE = landscape(A4)


def _styles():
    base = ParagraphStyle("summary", fontName=FONT, fontSize=9, leading=11.5)
    return {
        "body": base,
        "small": ParagraphStyle("summary-small", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "summary-title", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "centre": ParagraphStyle("summary-centre", parent=base, alignment=TA_CENTER),
        "heading": ParagraphStyle(
            "summary-heading", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14
        ),
        "bold": ParagraphStyle("summary-bold", parent=base, fontName=FONT_BOLD),
        "right": ParagraphStyle("summary-right", parent=base, alignment=TA_RIGHT),
        "right_bold": ParagraphStyle(
            "summary-right-bold", parent=base, alignment=TA_RIGHT, fontName=FONT_BOLD
        ),
    }


def _text(value) -> str:
    return escape(str(value if value is not None else ""))


def _grid(rows, widths, header_rows=1):
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _members_table(members, styles, width):
    rows = [
        [
            Paragraph(_text(text), styles["bold"])
            for text in ("#", _("Name"), _("Role"), _("Position and agency"))
        ]
    ]
    for number, member in enumerate(members, start=1):
        rows.append(
            [
                Paragraph(str(number), styles["body"]),
                Paragraph(_text(member_name(member)), styles["body"]),
                Paragraph(_text(member.get_role_display()), styles["body"]),
                Paragraph(_text(member.position), styles["body"]),
            ]
        )
    return _grid(rows, [11 * mm, 70 * mm, 35 * mm, width - 116 * mm])


def _results_table(rows, scoring, styles, width):
    header = [_("#"), _("Product"), _("Producer")]
    header += [member_name(member) for member in scoring]
    header += [_("Part A"), _("Part B"), _("Part C"), _("Mean total"), _("Stars"), _("Notes")]
    table_rows = [[Paragraph(_text(text), styles["bold"]) for text in header]]
    for number, row in enumerate(rows, start=1):
        result = row.result
        notes = []
        if result.proposed_central:
            notes.append(_("Proposed for the central 5★ evaluation."))
        if result.stars < result.stars_by_score and result.shortfalls:
            notes.append(_("Mandatory criteria not met:") + " " + result.shortfalls.replace("\n", "; "))
        stars = f"{row.stars}★" if row.recognised else _("Not recognised")
        if row.recognised and result.stars > row.stars:
            stars += f" ({result.stars}★ " + _("by the criteria") + ")"
        table_rows.append(
            [
                Paragraph(str(number), styles["body"]),
                Paragraph(_text(row.dossier.product.get_title()), styles["body"]),
                Paragraph(_text(row.dossier.producer.name), styles["small"]),
                *[
                    Paragraph(_text(points_text(total) if total is not None else "—"), styles["right"])
                    for _member, total in row.member_totals
                ],
                Paragraph(points_text(result.score_a), styles["right"]),
                Paragraph(points_text(result.score_b), styles["right"]),
                Paragraph(points_text(result.score_c), styles["right"]),
                Paragraph(points_text(result.score), styles["right_bold"]),
                Paragraph(_text(stars), styles["bold"]),
                Paragraph(_text(" ".join(notes)), styles["small"]),
            ]
        )
    # Members' columns share what the other columns and 45 mm of notes leave, 20 mm at most.
    known = [11 * mm, 45 * mm, 35 * mm, 15 * mm, 15 * mm, 15 * mm, 18 * mm, 25 * mm]
    member = min(20 * mm, (width - sum(known) - 45 * mm) / max(len(scoring), 1))
    fixed = known[:3] + [member] * len(scoring) + known[3:]
    fixed.append(width - sum(fixed))
    return _grid(table_rows, fixed)


def _signatures(members, styles, width):
    def signer(role, title):
        member = next((member for member in members if member.role == role), None)
        name = member_name(member) if member else ""
        sign_here = _("(signature, full name)")
        return Paragraph(
            f"<b>{_text(title)}</b><br/><i>{_text(sign_here)}</i><br/><br/><br/><br/>{_text(name)}",
            styles["centre"],
        )

    table = Table(
        [
            [
                signer(CouncilRole.SECRETARY, _("Secretary")),
                signer(CouncilRole.CHAIR, _("Chair of the council")),
            ]
        ],
        colWidths=[width / 2, width / 2],
    )
    return table


def council_summary_pdf(*, round) -> bytes:
    """The summary sheet of `round`'s council (closed), as PDF bytes in the active language."""
    pdf_fonts_register()
    styles = _styles()
    members = list(round.council.select_related("user").order_by("role", "pk"))
    scoring = [member for member in members if member.scores]
    rows = result_rows(round)
    out = BytesIO()
    width = PAGE[0] - 2 * MARGIN
    document = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_("Council summary sheet: %(round)s") % {"round": round.title},
    )
    facts = [
        _("Round: %(round)s") % {"round": round.title},
        _("Criteria: %(version)s") % {"version": round.get_criteria_version_display()},
    ]
    if round.council_meets:
        facts.append(_("Council met on %(date)s") % {"date": date_text(round.council_meets)})
    if round.decision_number:
        facts.append(
            _("Decision %(number)s of %(date)s")
            % {"number": round.decision_number, "date": date_text(round.decision_date)}
        )
    story = [
        Paragraph(_text(_("SUMMARY OF THE COUNCIL'S SCORING")), styles["title"]),
        Spacer(1, 3 * mm),
        Paragraph("<br/>".join(_text(fact) for fact in facts), styles["body"]),
        Spacer(1, 4 * mm),
        Paragraph(_text(_("Council members")), styles["heading"]),
        _members_table(members, styles, width),
        Spacer(1, 5 * mm),
        Paragraph(_text(_("Results")), styles["heading"]),
        Paragraph(
            _text(
                _(
                    "Each member's total; the members' mean per part and in total; stars after the "
                    "mandatory criteria. A province recognises 3★ and 4★; 90 points or more with the "
                    "5★ criteria met is proposed for the central evaluation."
                )
            ),
            styles["small"],
        ),
        Spacer(1, 2 * mm),
        _results_table(rows, scoring, styles, width),
        Spacer(1, 10 * mm),
        _signatures(members, styles, width),
    ]
    document.build(story)
    return out.getvalue()
