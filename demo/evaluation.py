"""The demo's OCOP evaluation cycle (demo/data/evaluation.toml): a round closed and decided
whose decision issued some of the catalogue's certificates, a round whose council is part-way
through its scoring, and a round taking registrations.

Made through the evaluation app's services, in the order the office and producers would act
(register, answer the self-assessment, attach the evidence, send, check, seat the council,
score, close, decide), with no mail sent (`core.mails.mails_not_sent`). The services check
dates against today, so each round is run while its registrations are open and its demo dates
are written afterwards. A round is looked up by its title and made only when missing, so the
step can run any number of times.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core.clock import VIETNAM, vietnam_today
from core.mails import mails_not_sent
from core.pdf_fonts import FONT, pdf_fonts_register
from criteria.assessment import CriterionView, sheet_view
from demo.dates import date_from
from demo.products import upc
from demo.records import data_file
from evaluation.council import council_member_add, council_sheet_save, round_scoring_open
from evaluation.decision import round_close, round_decide
from evaluation.dossiers import (
    commune_check_record,
    dossier_accept,
    dossier_document_add,
    dossier_register,
    dossier_return,
    dossier_self_assess,
    dossier_submit,
    dossier_update,
)
from evaluation.models import DocumentKind, Dossier, DossierKind, DossierReview, EvaluationRound
from evaluation.rounds import round_open
from evaluation.selectors import current_certificate

Product = get_model("catalogue", "Product")
User = get_user_model()

EVALUATION = data_file("evaluation")
SITE = data_file("site")
TWO_PLACES = Decimal("0.01")


def closed_round_skus() -> set[str]:
    """The products whose certificate the closed round's decision issues: the "OCOP
    certificates" step leaves them to this step."""
    return {
        dossier["sku"]
        for round_data in EVALUATION["rounds"]
        if round_data.get("decision_number")
        for dossier in round_data["dossiers"]
    }


def _council_logins() -> dict[str, User]:
    """The council members' accounts (not staff, not a producer's): made when missing."""
    password = make_password(SITE["producer_logins"]["password"])
    users = {}
    for data in EVALUATION["council_logins"]:
        user = User.objects.filter(username=data["username"]).first()
        if user is None:
            user = User(
                username=data["username"],
                email=f"{data['username']}@ocop.localhost",
                # The whole name as Vietnamese writes it, family name first: shown as it is.
                first_name=data["name"],
                password=password,
            )
            user.full_clean()
            user.save()
        users[data["username"]] = user
    return users


def _spread(view, total: Decimal, stars: int, *, levels_only: bool) -> dict[int, Decimal]:
    """Points per criterion summing to about `total`, each within its maximum and at least
    what `stars` asks of a mandatory criterion; `levels_only` rounds each to a level (the
    producer's self-assessment answers with levels)."""
    ratio = total / view.max_points

    def wanted(criterion: CriterionView) -> Decimal:
        least = criterion.least_for(stars) or Decimal(0)
        return min(criterion.max_points, max(least, (criterion.max_points * ratio).quantize(TWO_PLACES)))

    points = {criterion.id: wanted(criterion) for criterion in view.criteria}
    if levels_only:
        for criterion in view.criteria:
            least = criterion.least_for(stars) or Decimal(0)
            allowed = [value for value, _text in criterion.levels if value >= least] or [criterion.max_points]
            points[criterion.id] = min(allowed, key=lambda value: abs(value - points[criterion.id]))
        return points
    # The council's points: the difference to `total` taken from (or given to) the criteria
    # with room, last first, never below a mandatory level.
    difference = total - sum(points.values())
    for criterion in reversed(view.criteria):
        if not difference:
            break
        least = criterion.least_for(stars) or Decimal(0)
        room = (
            (criterion.max_points - points[criterion.id])
            if difference > 0
            else (least - points[criterion.id])
        )
        step = min(difference, room) if difference > 0 else max(difference, room)
        points[criterion.id] += step
        difference -= step
    return points


def _evidence_pdf(title: str, product: str) -> ContentFile:
    """A one-page PDF standing for an evidence file, marked as a demo document."""
    pdf_fonts_register()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont(FONT, 16)
    page.drawString(60, 760, title)
    page.setFont(FONT, 11)
    page.drawString(60, 730, product)
    page.drawString(60, 710, "Tài liệu minh hoạ của trang trình diễn, không phải giấy tờ thật.")
    page.showPage()
    page.save()
    return ContentFile(buffer.getvalue(), name=f"{title.lower().replace(' ', '-')}.pdf")


def _dossier_prepared(round, data: dict, product, *, stars: int, by) -> Dossier:
    """Registered, filled in and self-assessed, with a test report and a label."""
    producer = product.stockrecords.select_related("partner").first().partner
    kind = data["kind"]
    if kind == DossierKind.NEW and current_certificate(product=product) is not None:
        # A demo loaded before the rounds were: the product has its certificate already.
        kind = DossierKind.REEVALUATION
    dossier = dossier_register(
        round=round,
        product=product,
        producer=producer,
        kind=kind,
        target_stars=data.get("target_stars"),
        by=by,
    )
    dossier_update(
        dossier=dossier,
        by=by,
        description=(product.description or product.title).split("\n")[0][:600],
        standards="Tiêu chuẩn cơ sở do chủ thể công bố; kết quả kiểm nghiệm định kỳ (minh hoạ).",
        contact_phone=dossier.contact_phone or "0204 3855 000",
    )
    for kind, title in (
        (DocumentKind.TEST_REPORT, "Phiếu kết quả kiểm nghiệm"),
        (DocumentKind.LABEL, "Nhãn sản phẩm"),
    ):
        dossier_document_add(
            dossier=dossier,
            kind=kind,
            file=_evidence_pdf(title, product.title),
            by=by,
            title=f"{title} (minh hoạ)",
        )
    view = sheet_view(dossier.sheet)
    aimed = Decimal(
        data.get("self_points") or (sum(data.get("points") or [70]) / len(data.get("points") or [1]))
    )
    answers = _spread(view, aimed, stars, levels_only=True)
    dossier_self_assess(
        dossier=dossier,
        answers={criterion_id: (points, "") for criterion_id, points in answers.items()},
        by=by,
    )
    return dossier


def _accepted(dossier: Dossier, *, office, checked_on: datetime.date) -> None:
    commune = dossier.product.origin_commune
    commune_check_record(
        dossier=dossier,
        by=office,
        commune_name=f"UBND {commune.kind.lower()} {commune.name}" if commune else "UBND xã (minh hoạ)",
        checked_on=checked_on,
        raw_materials_local=True,
        labour_local=True,
        idea_local=True,
        note="Xác nhận của UBND cấp xã (minh hoạ).",
    )
    dossier_accept(dossier=dossier, by=office)


def _scored(dossier: Dossier, members: dict, data: dict, stars: int) -> None:
    """Each member of `scored_by` (every scoring member when not given) gives the total of
    `points` in the same order; each of `partly` half of the criteria."""
    view = sheet_view(dossier.sheet)
    scorers = data.get("scored_by", [name for name, member in members.items() if member.scores])
    for username, total in zip(scorers, data.get("points", []), strict=True):
        points = _spread(view, Decimal(total), stars, levels_only=False)
        council_sheet_save(
            member=members[username],
            dossier=dossier,
            scores={criterion_id: (value, "") for criterion_id, value in points.items()},
            by=members[username].user,
        )
    for username in data.get("partly", []):
        points = _spread(view, Decimal(70), stars, levels_only=False)
        half = dict(list(points.items())[: len(points) // 2])
        council_sheet_save(
            member=members[username],
            dossier=dossier,
            scores={criterion_id: (value, "") for criterion_id, value in half.items()},
            by=members[username].user,
        )


def _round_made(data: dict, *, office, logins, products, today) -> EvaluationRound:
    opens, closes = (
        date_from(data["registration_opens"], today=today),
        date_from(data["registration_closes"], today=today),
    )
    round = round_open(
        by=office,
        title=data["title"],
        programme_year=(
            date_from(data["decision_date"], today=today) if data.get("decision_date") else today
        ).year,
        registration_opens=min(opens, today),
        registration_closes=max(closes, today),
        council_meets=None,
        notes="Đợt đánh giá minh hoạ của trang trình diễn.",
    )
    stars_of = {upc(item["sku"]): item.get("stars") for item in data_file("products")["products"]}
    members = {}
    for seat in data["council"]:
        members[seat["username"]] = council_member_add(
            round=round,
            email=logins[seat["username"]].email,
            role=seat["role"],
            position=seat["position"],
            by=office,
        )
    dossiers = []
    for item in data["dossiers"]:
        product = products.get(upc(item["sku"]))
        if product is None:
            continue
        stars = stars_of.get(product.upc) or 3
        producer_user = product.stockrecords.first().partner.users.order_by("pk").first()
        dossier = _dossier_prepared(round, item, product, stars=stars, by=producer_user)
        state = item.get("state", "accepted")
        if state != "draft":
            dossier_submit(dossier=dossier, by=producer_user)
        if state == "returned":
            dossier_return(dossier=dossier, reason=item["reason"], by=office)
        elif state == "accepted":
            _accepted(dossier, office=office, checked_on=min(closes, today))
        dossier.refresh_from_db()
        dossiers.append((dossier, item, stars))
    if data.get("decision_number") or data.get("scoring"):
        round_scoring_open(round=round, by=office, early=True)
        for dossier, item, stars in dossiers:
            if item.get("state", "accepted") == "accepted":
                _scored(dossier, members, item, stars)
    if data.get("decision_number"):
        round_close(round=round, by=office)
        round_decide(
            round=round,
            decision_number=data["decision_number"],
            decision_date=date_from(data["decision_date"], today=today),
            by=office,
        )
    _dated(round, data, opens=opens, closes=closes, today=today)
    return round


def _dated(round, data: dict, *, opens, closes, today) -> None:
    """The demo dates, written once the services have run on today's."""
    council_meets = date_from(data["council_meets"], today=today) if data.get("council_meets") else None
    EvaluationRound.objects.filter(pk=round.pk).update(
        registration_opens=opens, registration_closes=closes, council_meets=council_meets
    )
    sent = datetime.datetime.combine(
        min(opens + datetime.timedelta(days=3), today), datetime.time(9), tzinfo=VIETNAM
    )
    sent = min(sent, timezone.now())
    round.dossiers.update(submitted_at=sent)
    round.dossiers.exclude(sent_at=None).update(sent_at=sent)
    if data.get("decision_number"):
        council = datetime.datetime.combine(council_meets or closes, datetime.time(16), tzinfo=VIETNAM)
        EvaluationRound.objects.filter(pk=round.pk).update(closed_at=council)
        DossierReview.objects.filter(dossier__round=round).update(
            reviewed_at=sent + datetime.timedelta(days=2)
        )


def demo_evaluation() -> tuple[int, int]:
    """The rounds of evaluation.toml that are missing; (created, already there)."""
    titles = [data["title"] for data in EVALUATION["rounds"]]
    existing = set(EvaluationRound.objects.filter(title__in=titles).values_list("title", flat=True))
    missing = [data for data in EVALUATION["rounds"] if data["title"] not in existing]
    office = User.objects.filter(username=SITE["admin"]["username"]).first()
    if not missing or office is None:
        return 0, len(existing)
    products = Product.objects.select_related("origin_commune").in_bulk(
        [upc(item["sku"]) for data in missing for item in data["dossiers"]], field_name="upc"
    )
    logins = _council_logins()
    today = vietnam_today()
    created = 0
    with mails_not_sent():
        for data in missing:
            with transaction.atomic():  # a round is made whole, or not at all
                _round_made(data, office=office, logins=logins, products=products, today=today)
            created += 1
    return created, len(existing)
