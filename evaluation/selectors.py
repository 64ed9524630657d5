"""What the evaluation pages read: rounds, dossiers, the requests waiting for a round, and
what a dossier's self-assessment comes to (`criteria.assessment`, the one rule)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from oscar.core.loading import get_model

from catalog.models import CertificateStatus, EvaluationRequest
from criteria.assessment import Assessment, NextStar, SheetView, assess, next_star, sheet_view
from evaluation.models import Dossier, DossierStatus, EvaluationRound, RoundStatus

Product = get_model("catalogue", "Product")
Certificate = get_model("catalogue", "Certificate")

# A producer works on its dossier while it is being prepared or was sent back.
EDITABLE = (DossierStatus.DRAFT, DossierStatus.RETURNED)
# A dossier may be withdrawn until the office passes it to the council.
WITHDRAWABLE = (DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.RETURNED)
# What a round's page lists, in this order.
STATUS_ORDER = (
    DossierStatus.SUBMITTED,
    DossierStatus.RETURNED,
    DossierStatus.DRAFT,
    DossierStatus.ACCEPTED,
    DossierStatus.WITHDRAWN,
)


def rounds_for_staff() -> QuerySet:
    """Every round, newest first, with its dossiers counted by status."""
    counts = {
        f"count_{status}": Count("dossiers", filter=Q(dossiers__status=status))
        for status in DossierStatus.values
    }
    return EvaluationRound.objects.annotate(**counts)


def rounds_taking_registrations(*, on: datetime.date) -> QuerySet:
    """The rounds a producer may register a product for on `on`."""
    return EvaluationRound.objects.filter(
        status=RoundStatus.OPEN, registration_opens__lte=on, registration_closes__gte=on
    ).order_by("registration_closes", "pk")


def rounds_announced(*, on: datetime.date) -> QuerySet:
    """Open rounds whose registration has not started yet: shown to producers, not registrable."""
    return EvaluationRound.objects.filter(status=RoundStatus.OPEN, registration_opens__gt=on).order_by(
        "registration_opens", "pk"
    )


def dossiers_of_producers(*, partners) -> QuerySet:
    """The dossiers of any of `partners`, newest round first."""
    return (
        Dossier.objects.filter(producer__in=partners)
        .select_related("round", "product", "producer", "sheet")
        .order_by("-round__registration_opens", "-round_id", "product__title", "pk")
    )


def dossiers_of_round(*, round: EvaluationRound) -> dict[str, list[Dossier]]:
    """A round's dossiers by status, in STATUS_ORDER (every status present, maybe empty)."""
    grouped = {status: [] for status in STATUS_ORDER}
    dossiers = Dossier.objects.filter(round=round).select_related("product", "producer", "evaluation_request")
    for dossier in dossiers.order_by("producer__name", "product__title", "pk"):
        grouped[dossier.status].append(dossier)
    return grouped


def dossiers_waiting_check_count() -> int:
    """Dossiers the producers sent and the office has not checked yet (the office's queue)."""
    return Dossier.objects.filter(status=DossierStatus.SUBMITTED).count()


def evaluation_requests_without_dossier() -> QuerySet:
    """Producers' re-evaluation and upgrade requests still open (waiting or accepted) that no
    dossier took up yet: the office turns them into a round's dossiers."""
    return (
        EvaluationRequest.objects.filter(
            status__in=(EvaluationRequest.Status.PENDING, EvaluationRequest.Status.ACCEPTED),
            dossier__isnull=True,
        )
        .select_related("product", "producer", "certificate")
        .order_by("submitted_at", "pk")
    )


def open_request_for_product(*, product) -> EvaluationRequest | None:
    return evaluation_requests_without_dossier().filter(product=product).first()


def products_of_producer(*, producer) -> QuerySet:
    """The products `producer` may register: those it sells (a stock record of its own)."""
    return Product.objects.filter(stockrecords__partner=producer).distinct().order_by("title", "pk")


def current_certificate(*, product) -> Certificate | None:
    """The product's certificate a re-evaluation or upgrade starts from: the newest one neither
    revoked nor replaced (it may have expired: re-evaluation renews it)."""
    return (
        Certificate.objects.filter(product=product, status=CertificateStatus.ACTIVE)
        .order_by("-valid_from", "-pk")
        .first()
    )


def self_points(dossier: Dossier) -> dict[int, Decimal]:
    return dict(dossier.self_scores.values_list("criterion_id", "points"))


@dataclass
class SelfAssessment:
    """A dossier's self-assessment as the pages show it."""

    sheet: SheetView
    points: dict[int, Decimal]
    notes: dict[int, str]
    result: Assessment
    next: NextStar | None

    def rows(self) -> list[tuple]:
        """(part, part's points, [(criterion, points or None, note)]) in the sheet's order."""
        return [
            (
                part,
                self.result.parts.get(part.code),
                [
                    (criterion, self.points.get(criterion.id), self.notes.get(criterion.id, ""))
                    for criterion in part.criteria
                ],
            )
            for part in self.sheet.parts
        ]


def self_assessment(dossier: Dossier) -> SelfAssessment:
    view = sheet_view(dossier.sheet)
    rows = list(dossier.self_scores.values_list("criterion_id", "points", "note"))
    points = {criterion_id: value for criterion_id, value, _note in rows}
    return SelfAssessment(
        sheet=view,
        points=points,
        notes={criterion_id: note for criterion_id, _value, note in rows},
        result=assess(view, points),
        next=next_star(view, points),
    )
