"""The attendance certificate (giấy chứng nhận đã tham dự khoá tập huấn) as an A4 PDF.

Given to a trainee who attended every session of a finished course (the rule:
`training.selectors.certificate_refusal`). Set in the house's PDF font (`core.pdf_fonts`),
in the style of the packing slip (`order/packing_slip.py`): the issuer's heading, the title,
who and what, the sessions attended, a place and date for the signature.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.clock import VIETNAM
from core.pdf_fonts import FONT, FONT_BOLD, pdf_fonts_register
from training.models import CourseRegistration

MARGIN = 20 * mm


def _styles():
    base = ParagraphStyle("certificate", fontName=FONT, fontSize=11, leading=15)
    return {
        "body": base,
        "centre": ParagraphStyle("certificate-centre", parent=base, alignment=TA_CENTER),
        "small": ParagraphStyle("certificate-small", parent=base, fontSize=9, leading=12),
        "issuer": ParagraphStyle(
            "certificate-issuer", parent=base, fontName=FONT_BOLD, alignment=TA_CENTER, fontSize=11
        ),
        "title": ParagraphStyle(
            "certificate-title", parent=base, fontName=FONT_BOLD, fontSize=20, leading=26, alignment=TA_CENTER
        ),
        "name": ParagraphStyle(
            "certificate-name", parent=base, fontName=FONT_BOLD, fontSize=16, leading=22, alignment=TA_CENTER
        ),
        "cell_bold": ParagraphStyle("certificate-bold", parent=base, fontName=FONT_BOLD, fontSize=10),
        "cell": ParagraphStyle("certificate-cell", parent=base, fontSize=10, leading=13),
    }


def _text(value) -> str:
    return escape(str(value or ""))


def _local(moment):
    return timezone.localtime(moment, VIETNAM)


def certificate_pdf(*, registration: CourseRegistration) -> bytes:
    """The certificate as PDF bytes, in the active language. The caller checks the rule."""
    pdf_fonts_register()
    styles = _styles()
    course = registration.course
    sessions = list(course.sessions_ordered())
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=_("Certificate of attendance: %(name)s") % {"name": registration.full_name},
        author=course.organiser,
    )
    width = A4[0] - 2 * MARGIN
    attended = {a.session_id: a for a in registration.attendances.all()}
    rows = [
        [
            Paragraph(_("Session"), styles["cell_bold"]),
            Paragraph(_("Date"), styles["cell_bold"]),
            Paragraph(_("Trainer"), styles["cell_bold"]),
            Paragraph(_("Checked in"), styles["cell_bold"]),
        ]
    ]
    for number, session in enumerate(sessions, start=1):
        attendance = attended.get(session.pk)
        rows.append(
            [
                Paragraph(
                    _text(session.title or _("Session %(number)s") % {"number": number}), styles["cell"]
                ),
                Paragraph(_text(date_format(_local(session.starts_at), "d/m/Y")), styles["cell"]),
                Paragraph(_text(session.trainer), styles["cell"]),
                Paragraph(
                    _text(date_format(_local(attendance.checked_in_at), "H:i d/m/Y")) if attendance else "—",
                    styles["cell"],
                ),
            ]
        )
    table = Table(rows, colWidths=[width * 0.4, width * 0.17, width * 0.23, width * 0.2], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    last_day = _local(sessions[-1].ends_at) if sessions else _local(timezone.now())
    who = [registration.position, registration.organisation]
    story = [
        Paragraph(_text(course.organiser).upper(), styles["issuer"]),
        Spacer(1, 14 * mm),
        Paragraph(_("CERTIFICATE OF ATTENDANCE OF A TRAINING COURSE"), styles["title"]),
        Spacer(1, 10 * mm),
        Paragraph(_("This certifies that"), styles["centre"]),
        Spacer(1, 3 * mm),
        Paragraph(_text(registration.full_name), styles["name"]),
        Paragraph(_text(" · ".join(part for part in who if part)), styles["centre"]),
        Spacer(1, 6 * mm),
        Paragraph(_("attended every session of the training course"), styles["centre"]),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>{_text(course.title)}</b>", styles["centre"]),
        Paragraph(_("Topic: %(topic)s") % {"topic": _text(course.topic)}, styles["centre"]),
        Spacer(1, 8 * mm),
        table,
        Spacer(1, 12 * mm),
        Paragraph(
            _("Bắc Giang, %(date)s") % {"date": date_format(last_day.date(), "d/m/Y")},
            ParagraphStyle("certificate-place", parent=styles["body"], alignment=2),
        ),
        Paragraph(
            f"<b>{_text(_('On behalf of the organiser'))}</b>",
            ParagraphStyle("certificate-sign", parent=styles["body"], alignment=2),
        ),
        Spacer(1, 22 * mm),
        Paragraph(
            _("Certificate number: %(number)s") % {"number": f"TH-{course.pk}-{registration.pk}"},
            styles["small"],
        ),
    ]
    document.build(story)
    return out.getvalue()
