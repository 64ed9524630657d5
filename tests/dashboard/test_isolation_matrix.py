"""Isolation, as a matrix: producer A tries every back-office URL with producer B's ids.

The test walks the URL configuration. Every named route of the back office (Oscar's
dashboard, every app's `<app>/dashboard/` namespace `<app>-dashboard`, and the order,
onboarding, inquiries and traceability namespaces) must be listed below: as public, as a page
producers use (with how to point it at B's objects) or as one they must not reach at all. A
new view that is in none of the lists fails `test_every_back_office_route_is_in_the_matrix`,
so nobody can add a page for producers without saying how it keeps them apart.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from evaluation.models import CouncilScore, DocumentKind, DossierDocument, SelfScore
from inquiries.models import Inquiry
from onboarding.models import TeamInvitation, invitation_token_hash
from tests.catalog.factories import CertificateFactory, ProductFactory
from tests.core.factories import pdf_bytes
from tests.criteria.factories import criteria_by_code, sheet_make
from tests.dashboard.routes import named_routes
from tests.evaluation.council_world import council_world
from tests.evaluation.factories import DossierFactory
from tests.training.factories import CoursePageFactory, CourseRegistrationFactory
from tests.visits.factories import TourismProductFactory, VisitSessionFactory
from training.choices import Audience
from visits.models import VisitBooking, VisitSeries, VisitTerms

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Fulfilment = get_model("order", "Fulfilment")
Lot = get_model("traceability", "Lot")
BoothApplicationModel = get_model("fairs", "BoothApplication")
CourseRegistrationModel = get_model("training", "CourseRegistration")
DossierModel = get_model("evaluation", "Dossier")

# Watched besides every namespace ending in "-dashboard" (an app's back-office pages).
WATCHED = (
    "dashboard",
    "inquiries",
    "onboarding",
    "order",
    "traceability",
)

# Pages anyone may open (a buyer's signed status link, the application form, logging in).
PUBLIC = {
    "order:status",
    "order:transfer-qr",
    # The pay page of an order placed for the buyer: its own signed link opens it, another
    # order's or a status link is a 404 (tests/order/test_direct.py, test_pay_later.py).
    "order:pay",
    "order:pay-card-action",
    "order:pay-card-return",
    # Finding an order again: its code and the phone it was bought with, tries limited
    # (tests/checkout/test_phone_first.py).
    "order:find",
    "onboarding:apply",
    "onboarding:applied",
    # An invitation's page: only its random token opens it (tests/onboarding/test_invitations.py).
    "onboarding:invitation",
    "dashboard:login",
    "dashboard:logout",
    # Trace pages, QR codes and exports: published lots only (tests/traceability/).
    "traceability:lot-digital-link",
    "traceability:lot-short",
    "traceability:lot-qr-svg",
    "traceability:lot-qr-png",
    "traceability:lot-epcis",
    "traceability:product-epcis",
    "traceability:lot-data-items-json",
    "traceability:lot-data-items-csv",
    # Buyers' inquiry form: public and verified producers only (tests/inquiries/).
    "inquiries:new",
    "inquiries:thanks",
}

# Pages a producer uses, and the arguments that point them at producer B's objects.
PRODUCER = {
    "dashboard:index": lambda w: {},
    "dashboard:catalogue-product-list": lambda w: {},
    "dashboard:catalogue-product-create": lambda w: {},
    "dashboard:catalogue-product": lambda w: {"pk": w["b_private"].pk},
    "dashboard:catalogue-product-delete": lambda w: {"pk": w["b_private"].pk},
    "dashboard:catalogue-product-bulk-action": lambda w: {},
    "dashboard:catalogue-product-lookup": lambda w: {},
    "catalog-dashboard:certificate-list": lambda w: {},
    "catalog-dashboard:evaluation-request": lambda w: {"pk": w["b_ocop"].pk},
    "dashboard:order-list": lambda w: {},
    "dashboard:order-stats": lambda w: {},
    "dashboard:order-detail": lambda w: {"number": w["b_only"].number},
    "dashboard:order-line-detail": lambda w: {"number": w["shared"].number, "line_id": w["b_line"].pk},
    "order-dashboard:part-action": lambda w: {"pk": w["b_part"].pk},
    "order-dashboard:packing-slip": lambda w: {"pk": w["b_part"].pk},
    "onboarding-dashboard:team": lambda w: {},
    # The producer is chosen by `?producer=`; B's id there gives 404 (tests/sales/test_views.py).
    "sales-dashboard:figures": lambda w: {},
    "sales-dashboard:figures-months-csv": lambda w: {},
    "sales-dashboard:figures-products-csv": lambda w: {},
    # Likewise `?producer=` (tests/spreadsheets/test_views.py).
    "spreadsheets-dashboard:listings-import": lambda w: {},
    "spreadsheets-dashboard:listings-export-csv": lambda w: {},
    "spreadsheets-dashboard:listings-export-xlsx": lambda w: {},
    "onboarding-dashboard:team-remove": lambda w: {"partner_id": w["b"].pk, "user_id": w["b_user"].pk},
    "onboarding-dashboard:team-invitation-cancel": lambda w: {
        "partner_id": w["b"].pk,
        "pk": w["b_invitation"].pk,
    },
    "onboarding-dashboard:team-invitation-resend": lambda w: {
        "partner_id": w["b"].pk,
        "pk": w["b_invitation"].pk,
    },
    "traceability:lot-labels-pdf": lambda w: {"code": w["b_lot"].short_code},
    # Lots and their story: ids of B's objects are not found; new objects take `?producer=`.
    "traceability-dashboard:lot-list": lambda w: {},
    "traceability-dashboard:lot-create": lambda w: {},
    "traceability-dashboard:lot-detail": lambda w: {"pk": w["b_lot"].pk},
    "traceability-dashboard:lot-update": lambda w: {"pk": w["b_lot"].pk},
    "traceability-dashboard:lot-publish": lambda w: {"pk": w["b_lot"].pk},
    "traceability-dashboard:lot-unpublish": lambda w: {"pk": w["b_lot"].pk},
    "traceability-dashboard:event-create": lambda w: {"pk": w["b_lot"].pk},
    "traceability-dashboard:event-update": lambda w: {"pk": w["b_event"].pk},
    "traceability-dashboard:event-delete": lambda w: {"pk": w["b_event"].pk},
    "traceability-dashboard:inspection-create": lambda w: {"pk": w["b_lot"].pk},
    "traceability-dashboard:inspection-update": lambda w: {"pk": w["b_inspection"].pk},
    "traceability-dashboard:inspection-delete": lambda w: {"pk": w["b_inspection"].pk},
    "traceability-dashboard:trade-item": lambda w: {"pk": w["b_private"].pk},
    "traceability-dashboard:certification-list": lambda w: {},
    "traceability-dashboard:certification-create": lambda w: {},
    "traceability-dashboard:certification-update": lambda w: {"pk": w["b_certification"].pk},
    "traceability-dashboard:certification-delete": lambda w: {"pk": w["b_certification"].pk},
    # Buyer inquiries: B's inquiry is not found.
    "inquiries-dashboard:list": lambda w: {},
    "inquiries-dashboard:detail": lambda w: {"pk": w["b_inquiry"].pk},
    "inquiries-dashboard:close": lambda w: {"pk": w["b_inquiry"].pk},
    # Booths at fairs: B's application is not found; the producer applying is chosen by `?producer=`.
    "fairs-dashboard:fair-list": lambda w: {},
    "fairs-dashboard:apply": lambda w: {"fair_pk": w["fair"].pk},
    "fairs-dashboard:application-detail": lambda w: {"pk": w["b_booth"].pk},
    "fairs-dashboard:application-withdraw": lambda w: {"pk": w["b_booth"].pk},
    # Training: B's trainee is not found (its cancellation, its certificate); the producer
    # registering is chosen by `?producer=` (tests/training/test_dashboard.py).
    "training-dashboard:list": lambda w: {},
    "training-dashboard:register": lambda w: {"course_pk": w["course"].pk},
    "training-dashboard:cancel": lambda w: {"pk": w["b_trainee"].pk},
    "training-dashboard:certificate": lambda w: {"pk": w["b_trainee"].pk},
    # OCOP evaluation: B's dossier and its files are not found; registering takes `?producer=`
    # and offers the producer's own products only (tests/evaluation/test_dossier_pages.py).
    "evaluation-dashboard:dossier-list": lambda w: {},
    "evaluation-dashboard:dossier-register": lambda w: {"round_pk": w["b_dossier"].round_id},
    "evaluation-dashboard:dossier-detail": lambda w: {"pk": w["b_dossier"].pk},
    "evaluation-dashboard:dossier-update": lambda w: {"pk": w["b_dossier"].pk},
    "evaluation-dashboard:dossier-document-add": lambda w: {"pk": w["b_dossier"].pk},
    "evaluation-dashboard:dossier-self-assess": lambda w: {"pk": w["b_dossier"].pk},
    "evaluation-dashboard:dossier-submit": lambda w: {"pk": w["b_dossier"].pk},
    "evaluation-dashboard:dossier-withdraw": lambda w: {"pk": w["b_dossier"].pk},
    "evaluation-dashboard:dossier-document-delete": lambda w: {"pk": w["b_dossier_document"].pk},
    "evaluation-dashboard:dossier-document": lambda w: {"pk": w["b_dossier_document"].pk},
    # Visits: B's sessions, series, terms and vouchers are not found (its voucher's check-in
    # page refuses with 403, naming nothing); new sessions offer A's own visits only
    # (tests/visits/test_dashboard.py).
    "visits-dashboard:session-list": lambda w: {},
    "visits-dashboard:session-create": lambda w: {},
    "visits-dashboard:session-bookings": lambda w: {"pk": w["b_session"].pk},
    "visits-dashboard:session-update": lambda w: {"pk": w["b_session"].pk},
    "visits-dashboard:session-cancel": lambda w: {"pk": w["b_session"].pk},
    "visits-dashboard:series-create": lambda w: {},
    "visits-dashboard:series-update": lambda w: {"pk": w["b_series"].pk},
    "visits-dashboard:terms": lambda w: {"product_pk": w["b_visit"].pk},
    "visits-dashboard:day-sheet": lambda w: {},
    "visits-dashboard:check-in-code": lambda w: {},
    "visits-dashboard:check-in": lambda w: {"token": w["b_booking"].token},
}

# Pages for promotion staff only: a producer is turned away whatever the arguments.
STAFF_ONLY = {
    "dashboard:catalogue-attribute-option-group-create",
    "dashboard:catalogue-attribute-option-group-delete",
    "dashboard:catalogue-attribute-option-group-list",
    "dashboard:catalogue-attribute-option-group-update",
    "dashboard:catalogue-category-create",
    "dashboard:catalogue-category-create-child",
    "dashboard:catalogue-category-delete",
    "dashboard:catalogue-category-detail-list",
    "dashboard:catalogue-category-list",
    "dashboard:catalogue-category-update",
    "dashboard:catalogue-class-create",
    "dashboard:catalogue-class-delete",
    "dashboard:catalogue-class-list",
    "dashboard:catalogue-class-update",
    "catalog-dashboard:certificate-create",
    "catalog-dashboard:certificate-update",
    "catalog-dashboard:certificate-revoke",
    "catalog-dashboard:certificate-supersede",
    "catalog-dashboard:evaluation-queue",
    "catalog-dashboard:evaluation-decide",
    "catalog-dashboard:moderation-decide",
    "catalog-dashboard:moderation-detail",
    "catalog-dashboard:moderation-list",
    "dashboard:catalogue-option-create",
    "dashboard:catalogue-option-delete",
    "dashboard:catalogue-option-list",
    "dashboard:catalogue-option-update",
    "dashboard:catalogue-product-create-child",
    "dashboard:comms-list",
    "dashboard:comms-update",
    "dashboard:offer-benefit",
    "dashboard:offer-condition",
    "dashboard:offer-delete",
    "dashboard:offer-detail",
    "dashboard:offer-list",
    "dashboard:offer-metadata",
    "dashboard:offer-restrictions",
    "dashboard:order-detail-note",
    "dashboard:order-shipping-address",
    "dashboard:page-create",
    "dashboard:page-delete",
    "dashboard:page-list",
    "dashboard:page-update",
    "dashboard:partner-create",
    "dashboard:partner-delete",
    "dashboard:partner-list",
    "dashboard:partner-manage",
    "dashboard:partner-user-create",
    "dashboard:partner-user-link",
    "dashboard:partner-user-select",
    "dashboard:partner-user-unlink",
    "dashboard:partner-user-update",
    "dashboard:range-create",
    "dashboard:range-delete",
    "dashboard:range-list",
    "dashboard:range-products",
    "dashboard:range-reorder",
    "dashboard:range-update",
    "dashboard:reports-index",
    "dashboard:reviews-delete",
    "dashboard:reviews-list",
    "dashboard:reviews-update",
    "dashboard:shipping-method-band-delete",
    "dashboard:shipping-method-band-edit",
    "dashboard:shipping-method-create",
    "dashboard:shipping-method-delete",
    "dashboard:shipping-method-detail",
    "dashboard:shipping-method-edit",
    "dashboard:shipping-method-list",
    "dashboard:stock-alert-list",
    "dashboard:user-alert-delete",
    "dashboard:user-alert-list",
    "dashboard:user-alert-update",
    "dashboard:user-detail",
    "dashboard:user-password-reset",
    "dashboard:users-index",
    "dashboard:voucher-create",
    "dashboard:voucher-delete",
    "dashboard:voucher-list",
    "dashboard:voucher-set-create",
    "dashboard:voucher-set-delete",
    "dashboard:voucher-set-detail",
    "dashboard:voucher-set-download",
    "dashboard:voucher-set-list",
    "dashboard:voucher-set-update",
    "dashboard:voucher-stats",
    "dashboard:voucher-update",
    "onboarding-dashboard:application-decide",
    "onboarding-dashboard:application-detail",
    "onboarding-dashboard:application-list",
    "onboarding-dashboard:document",
    "order-dashboard:bank-statement-import",
    "order-dashboard:mark-paid",
    "order-dashboard:refund",
    "programme-dashboard:figures",
    "programme-dashboard:csv",
    "core-dashboard:tasks",
    "core-dashboard:task-run-again",
    "core-dashboard:mail-send-again",
    "fairs-dashboard:staff-fair-list",
    "fairs-dashboard:staff-application-list",
    "fairs-dashboard:staff-decide",
    "training-dashboard:staff-course-list",
    "training-dashboard:staff-registrations",
    "training-dashboard:staff-cancel",
    "training-dashboard:attendance",
    # What a registration's QR code opens: the office records attendance at the door.
    "training-dashboard:check-in",
    "dashboard:statistics",
    "order-dashboard:transfers-unmatched",
    "order-dashboard:cod-parts-unconfirmed",
    # The criteria sheets (tests/criteria/test_views.py).
    "criteria-dashboard:sheet-list",
    "criteria-dashboard:sheet-import",
    "criteria-dashboard:sheet-detail",
    "criteria-dashboard:sheet-in-use",
    "criteria-dashboard:sheet-export-csv",
    "criteria-dashboard:sheet-export-xlsx",
    # The office's side of a round's council (tests/evaluation/test_council_pages.py).
    "evaluation-dashboard:council-manage",
    "evaluation-dashboard:council-member-add",
    "evaluation-dashboard:council-member-remove",
    "evaluation-dashboard:council-scoring-open",
    "evaluation-dashboard:council-close",
    "evaluation-dashboard:council-decide",
    "evaluation-dashboard:council-summary-pdf",
    "evaluation-dashboard:council-results-csv",
    "evaluation-dashboard:round-list",
    "evaluation-dashboard:round-create",
    "evaluation-dashboard:round-detail",
    "evaluation-dashboard:round-update",
    "evaluation-dashboard:round-dossier-from-request",
    "evaluation-dashboard:staff-dossier",
    "evaluation-dashboard:staff-dossier-return",
    "evaluation-dashboard:staff-dossier-accept",
    "evaluation-dashboard:staff-commune-check",
}

# Pages of a round's council members, and the arguments that point them at another round
# (`c` the member's round, `other` a round they do not sit on): not found. Producers, who sit
# on no council, are turned away like from the staff pages.
COUNCIL = {
    "evaluation-dashboard:council-rounds": lambda c: {},
    "evaluation-dashboard:council-round": lambda c: {"round_pk": c["other"]["round"].pk},
    "evaluation-dashboard:council-sheet": lambda c: {
        "round_pk": c["other"]["round"].pk,
        "dossier_pk": c["other"]["dossiers"][0].pk,
    },
}

# Arguments for the staff-only routes: any value will do, producers must be turned away.
STAFF_ONLY_ARGUMENTS = {
    "slug": "ORDER_PLACED",
    "number": "100001",
    "task_id": "00000000-0000-0000-0000-000000000001",
    "mail_id": "00000000-0000-0000-0000-000000000001",
}


def back_office_routes():
    """(route name, argument names) of every named route in the watched namespaces."""
    routes = {}
    for name, pattern in named_routes():
        namespace = name.split(":")[0]
        if namespace in WATCHED or namespace.endswith("-dashboard"):
            routes.setdefault(name, list(pattern.pattern.regex.groupindex))
    return routes


def test_every_back_office_route_is_in_the_matrix():
    routes = set(back_office_routes())
    unlisted = sorted(routes - PUBLIC - set(PRODUCER) - STAFF_ONLY - set(COUNCIL))
    assert not unlisted, (
        f"add these routes to the isolation matrix (PRODUCER, STAFF_ONLY or COUNCIL): {unlisted}"
    )
    gone = sorted((PUBLIC | set(PRODUCER) | STAFF_ONLY | set(COUNCIL)) - routes)
    assert not gone, f"these routes no longer exist: {gone}"
    assert not (set(PRODUCER) & STAFF_ONLY)
    assert not (set(COUNCIL) & (STAFF_ONLY | set(PRODUCER)))


@pytest.fixture
def world(two_producers):
    world = dict(two_producers)
    b_private = ProductFactory(title="Mật ong rừng chưa công bố", is_public=False, stockrecords=[])
    b_private.stockrecords.create(partner=world["b"], partner_sku="B-SECRET-1", price=123456, num_in_stock=3)
    world["b_private"] = b_private
    world["b_part"] = Fulfilment.objects.get(order=world["shared"], partner=world["b"])
    world["b_lot"] = Lot.objects.create(
        product=b_private, producer=world["b"], code="B-LO-BI-MAT", produced_on="2025-06-01", quantity=10
    )
    world["b_event"] = world["b_lot"].events.create(
        event_time="2025-06-01T08:00:00+07:00",
        action="ADD",
        business_step="commissioning",
        actor="Tổ ong bí mật B",
        place="Rừng ong bí mật B",
    )
    world["b_inspection"] = world["b_lot"].inspections.create(
        inspected_on="2025-06-02", kind="Độ ẩm bí mật B", inspector="Phòng thử nghiệm B", result="passed"
    )
    world["b_certification"] = world["b"].certifications.create(
        scheme="vietgap",
        issuer="Tổ chức B",
        number="VG-BI-MAT-B",
        valid_from="2025-01-01",
        valid_to="2027-01-01",
    )
    world["b_certification"].products.add(b_private)
    world["b_ocop"] = CertificateFactory(product=b_private, decision_number="OCOP-BI-MAT-B")
    world["b_inquiry"] = Inquiry.objects.create(
        producer=world["b"],
        buyer_name="Người mua bí mật B",
        company="Công ty mua sỉ bí mật B",
        country="JP",
        email="buyer-b@secret.example",
        quantity="9 tấn",
        message="Tin nhắn hỏi mua bí mật B",
        language="vi",
    )
    world["fair"], world["b_booth"] = _fair_with_b_application(world)
    world["course"] = CoursePageFactory(audience=Audience.EVERYONE, capacity=10)
    world["b_trainee"] = CourseRegistrationFactory(
        course=world["course"],
        producer=world["b"],
        audience=Audience.PRODUCERS,
        full_name="Học viên bí mật B",
        organisation=world["b"].name,
        email="hoc-vien-b@secret.example",
    )
    world["b_dossier"], world["b_dossier_document"] = _b_dossier(world)
    world.update(_b_visit(world))
    world["b_invitation"] = TeamInvitation.objects.create(
        partner=world["b"],
        email="moi-bi-mat-b@secret.example",
        name="Người được mời bí mật B",
        invited_by=world["b_user"],
        token_hash=invitation_token_hash("b-secret-token"),
    )
    return world


def _fair_with_b_application(world):
    """A published fair and B's pending booth application, with B's own product."""
    import datetime

    from cms.models import HomePage
    from fairs.models import BoothApplication, BoothType, FairIndexPage, FairPage

    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    index = home.add_child(instance=FairIndexPage(title="Hội chợ", slug="hoi-cho-ma-tran"))
    starts_on = datetime.date.today() + datetime.timedelta(days=30)
    fair = FairPage(
        title="Hội chợ ma trận",
        slug="hoi-cho-ma-tran",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=2),
        venue_name="Nhà văn hoá",
        organiser="Sở Công Thương",
        intro="Hội chợ thử.",
    )
    fair.booth_types = [BoothType(name="Gian tiêu chuẩn", capacity=5, fee=1000000)]
    index.add_child(instance=fair)
    fair.save_revision().publish()
    application = BoothApplication.objects.create(
        fair=fair,
        booth_type=fair.booth_types.get(),
        producer=world["b"],
        message="Lời nhắn gian hàng bí mật B",
    )
    application.listings.create(stockrecord=world["b_private"].stockrecords.get(), fair_price=99999)
    return fair, application


def _b_visit(world):
    """B's visit with a series, a session of today (the day sheet's default day) and a booking."""
    visit = TourismProductFactory(title="Bản du lịch bí mật B", stockrecords__partner=world["b"])
    series = VisitSeries.objects.create(
        product=visit,
        weekdays=[5],
        start_time=datetime.time(8),
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2030, 1, 31),
        meeting_point="Điểm hẹn bí mật B",
        capacity=9,
        price=99000,
    )
    session = VisitSessionFactory(
        product=visit,
        meeting_point="Điểm hẹn bí mật B",
        starts_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    booking = VisitBooking.objects.create(
        session=session, guests=3, full_name="Khách tham quan bí mật B", phone="0912000999", unit_price=99000
    )
    VisitTerms.objects.create(product=visit, cancel_hours_before=7, notes="Ghi chú bí mật B")
    return {"b_visit": visit, "b_series": series, "b_session": session, "b_booking": booking}


def _b_dossier(world):
    """B's dossier for its private product in a round taking registrations, with a file and
    one self-assessed criterion."""
    dossier = DossierFactory(
        product=world["b_private"],
        producer=world["b"],
        sheet=sheet_make(),
        description="Mô tả hồ sơ bí mật B",
        standards="TCCS bí mật B",
    )
    document = DossierDocument.objects.create(
        dossier=dossier,
        kind=DocumentKind.TEST_REPORT,
        title="Phiếu kiểm nghiệm bí mật B",
        file=ContentFile(pdf_bytes("kiem nghiem B"), name="kiem-nghiem-b.pdf"),
    )
    a1 = criteria_by_code(dossier.sheet)["A1"]
    SelfScore.objects.create(dossier=dossier, criterion=a1, points=10, note="Minh chứng bí mật B")
    return dossier, document


def fingerprint(w):
    """Everything of producer B's that A must not change."""
    product = Product.objects.get(pk=w["b_private"].pk)
    record = product.stockrecords.get()
    return {
        "product": (product.title, product.is_public, record.price, record.num_in_stock, record.partner_id),
        "parts": sorted(
            Fulfilment.objects.filter(partner=w["b"]).values_list("pk", "status", "tracking_number")
        ),
        "team": sorted(w["b"].users.values_list("pk", flat=True)),
        "invitations": sorted(
            TeamInvitation.objects.filter(partner=w["b"]).values_list(
                "pk", "email", "status", "token_hash", "expires_at"
            )
        ),
        "lines": sorted(
            w["b_line"].order.lines.filter(partner=w["b"]).values_list("pk", "status", "quantity")
        ),
        "lot": Lot.objects.filter(pk=w["b_lot"].pk).values_list(
            "code", "product", "producer", "quantity", "is_published", "growing_area"
        )[0],
        "story": (
            sorted(w["b_lot"].events.values_list("pk", "business_step", "place", "event_time")),
            sorted(w["b_lot"].inspections.values_list("pk", "kind", "result")),
            sorted(w["b"].certifications.values_list("pk", "number", "valid_to")),
            sorted(w["b_certification"].products.values_list("pk", flat=True)),
        ),
        "ocop": (
            sorted(w["b_private"].certificates.values_list("pk", "status", "stars", "valid_to")),
            sorted(w["b_private"].evaluation_requests.values_list("pk", "status")),
        ),
        "inquiry": (
            Inquiry.objects.filter(pk=w["b_inquiry"].pk).values_list("status", "closed_at")[0],
            w["b_inquiry"].replies.count(),
        ),
        "trainee": CourseRegistrationModel.objects.filter(pk=w["b_trainee"].pk).values_list(
            "status", "full_name", "phone", "cancelled_at"
        )[0],
        "dossier": (
            DossierModel.objects.filter(pk=w["b_dossier"].pk).values_list(
                "status", "description", "standards", "contact_phone", "sent_at"
            )[0],
            sorted(w["b_dossier"].documents.values_list("pk", "kind", "file")),
            sorted(w["b_dossier"].self_scores.values_list("criterion", "points", "note")),
            DossierModel.objects.filter(product=w["b_private"]).count(),
        ),
        "visit": (
            sorted(
                w["b_visit"].visit_sessions.values_list(
                    "pk", "capacity", "is_cancelled", "starts_at", "price"
                )
            ),
            sorted(w["b_visit"].visit_series.values_list("pk", "capacity", "weekdays", "ends_on")),
            list(
                w["b_visit"]
                .__class__.objects.filter(pk=w["b_visit"].pk)
                .values_list("visit_terms__cancel_hours_before", "visit_terms__notes")
            ),
            sorted(w["b_session"].bookings.values_list("pk", "status", "checked_in_at", "guests")),
        ),
        "booth": (
            BoothApplicationModel.objects.filter(pk=w["b_booth"].pk).values_list(
                "status", "booth_number", "message"
            )[0],
            sorted(w["b_booth"].listings.values_list("stockrecord", "fair_price")),
        ),
    }


def markers(w):
    """What of B's must never appear on A's pages."""
    return [
        "Mật ong rừng chưa công bố",
        "B-SECRET-1",
        w["b"].name,
        w["b_user"].email,
        w["b_only"].number,
        "b-only@example.com",
        "B-LO-BI-MAT",
        "Rừng ong bí mật B",
        "Độ ẩm bí mật B",
        "VG-BI-MAT-B",
        "OCOP-BI-MAT-B",
        "Công ty mua sỉ bí mật B",
        "Tin nhắn hỏi mua bí mật B",
        "buyer-b@secret.example",
        "moi-bi-mat-b@secret.example",
        "Người được mời bí mật B",
        "Lời nhắn gian hàng bí mật B",
        "Học viên bí mật B",
        "hoc-vien-b@secret.example",
        "Mô tả hồ sơ bí mật B",
        "TCCS bí mật B",
        "Phiếu kiểm nghiệm bí mật B",
        "Minh chứng bí mật B",
        "Bản du lịch bí mật B",
        "Điểm hẹn bí mật B",
        "Khách tham quan bí mật B",
        "Ghi chú bí mật B",
        w["b_booking"].code_display,
    ]


def assert_kept_out(response, w, where):
    if response.status_code in (403, 404, 405):
        return
    if response.status_code == 302:
        return  # sent away: to the login page, or back to its own page
    assert response.status_code == 200, f"{where}: {response.status_code}"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace")
    leaked = [marker for marker in markers(w) if marker in text]
    assert not leaked, f"{where} shows producer B's {leaked}"


def test_producer_pages_never_show_or_change_another_producers_data(client, world):
    client.force_login(world["a_user"])
    before = fingerprint(world)
    for name, arguments in PRODUCER.items():
        url = reverse(name, kwargs=arguments(world))
        assert_kept_out(client.get(url), world, f"GET {name}")
        forged = {
            "action": "confirm",
            "order_action": "save_note",
            "selected_product": [world["b_private"].pk],
            "selected_order": [world["b_only"].pk],
            "producer": world["b"].pk,
            "partner": world["b"].pk,
            "email": "intruder@example.com",
            "name": "Intruder",
        }
        assert_kept_out(client.post(url, forged), world, f"POST {name}")
    assert fingerprint(world) == before
    assert not world["b"].users.filter(email="intruder@example.com").exists()
    assert not TeamInvitation.objects.filter(partner=world["b"], email="intruder@example.com").exists()


def test_staff_pages_turn_producers_away(client, world):
    client.force_login(world["a_user"])
    for name, arguments in back_office_routes().items():
        if name not in STAFF_ONLY and name not in COUNCIL:
            continue
        # An id no object has: a page that looks its object up before asking who is there
        # answers 404 and would tell a producer which ids exist.
        kwargs = {argument: STAFF_ONLY_ARGUMENTS.get(argument, 999_999) for argument in arguments}
        url = reverse(name, kwargs=kwargs)
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code in (302, 403, 405), f"{name}: {response.status_code}"
            if response.status_code == 302:
                assert "login" in response["Location"], f"{name} sends a producer to {response['Location']}"


def test_council_pages_keep_a_member_to_the_rounds_they_sit_on(client, commune):
    """A member of one round's council, with another round's ids: not found, nothing changed;
    the other round's products never shown."""
    mine, other = council_world(commune, products=1), council_world(commune, products=1)
    other["dossiers"][0].product.title = "Sản phẩm hội đồng khác bí mật"
    other["dossiers"][0].product.save()
    client.force_login(mine["member"].user)
    world = {"mine": mine, "other": other}
    for name, arguments in COUNCIL.items():
        url = reverse(name, kwargs=arguments(world))
        for response in (client.get(url), client.post(url, {"points_1": "5"})):
            if response.status_code == 200:
                assert "Sản phẩm hội đồng khác bí mật" not in response.content.decode(), name
            else:
                assert response.status_code in (404, 405), f"{name}: {response.status_code}"
    assert not CouncilScore.objects.exists()
