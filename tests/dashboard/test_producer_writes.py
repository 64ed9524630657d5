"""Every write a producer can reach goes through the rules, and says which.

The isolation matrix (`test_isolation_matrix.PRODUCER`) lists every back-office page a
producer opens. Here each of them declares what a producer's POST there may write, and each
bulk or order action a producer's page offers is declared on its own: a new page, or a new
action Oscar or we add to one, fails `test_every_producer_write_is_declared` until someone says
whether it is moderated, the producer's own business at once, or refused to producers.

Then the attacks, over HTTP, as a producer would make them: a draft full of script published
with Oscar's bulk action "make products public", and the same script through moderation.
"""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from tests.dashboard.routes import named_routes
from tests.dashboard.test_isolation_matrix import PRODUCER
from tests.dashboard.test_moderation import edit_page, filled

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ListingChange = get_model("catalogue", "ListingChange")
StockRecord = get_model("partner", "StockRecord")

READS = "reads only: no write handler"
POST_READS = "its POST writes nothing (a redirect, a filter form)"
MODERATED = "public content waits for the OCOP office (catalog.moderation)"
AT_ONCE = "the producer's own business, at once, on its own objects (escaped on every page)"
BY_ACTION = "each action is declared in ACTIONS"
STAFF_ONLY = "refused to producers"

WRITES = {
    "dashboard:index": READS,
    "dashboard:catalogue-product-list": BY_ACTION,
    "dashboard:catalogue-product-create": POST_READS,
    # Content through `listing_edit`; price, stock and photos at once.
    "dashboard:catalogue-product": MODERATED,
    # Withdrawing its own listing from sale.
    "dashboard:catalogue-product-delete": AT_ONCE,
    "dashboard:catalogue-product-bulk-action": BY_ACTION,
    "dashboard:catalogue-product-lookup": READS,
    "catalog-dashboard:certificate-list": READS,
    # A request to staff; staff decide.
    "catalog-dashboard:evaluation-request": MODERATED,
    "dashboard:order-list": BY_ACTION,
    "dashboard:order-stats": POST_READS,
    "dashboard:order-detail": BY_ACTION,
    "dashboard:order-line-detail": READS,
    "order-dashboard:part-action": AT_ONCE,
    "order-dashboard:packing-slip": READS,
    # An invitation, mailed; the person joins only by accepting it (onboarding.services).
    "onboarding-dashboard:team": AT_ONCE,
    "sales-dashboard:figures": READS,
    "sales-dashboard:figures-months-csv": READS,
    "sales-dashboard:figures-products-csv": READS,
    # Rows through `listing_edit`, as the product form.
    "spreadsheets-dashboard:listings-import": MODERATED,
    "spreadsheets-dashboard:listings-export-csv": READS,
    "spreadsheets-dashboard:listings-export-xlsx": READS,
    "onboarding-dashboard:team-remove": AT_ONCE,
    "onboarding-dashboard:team-invitation-cancel": AT_ONCE,
    "onboarding-dashboard:team-invitation-resend": AT_ONCE,
    "traceability:lot-labels-pdf": READS,
    "traceability-dashboard:lot-list": READS,
    "traceability-dashboard:lot-create": AT_ONCE,
    "traceability-dashboard:lot-detail": READS,
    "traceability-dashboard:lot-update": AT_ONCE,
    "traceability-dashboard:lot-publish": AT_ONCE,
    "traceability-dashboard:lot-unpublish": AT_ONCE,
    "traceability-dashboard:event-create": AT_ONCE,
    "traceability-dashboard:event-update": AT_ONCE,
    "traceability-dashboard:event-delete": AT_ONCE,
    "traceability-dashboard:inspection-create": AT_ONCE,
    "traceability-dashboard:inspection-update": AT_ONCE,
    "traceability-dashboard:inspection-delete": AT_ONCE,
    "traceability-dashboard:trade-item": AT_ONCE,
    "traceability-dashboard:certification-list": READS,
    "traceability-dashboard:certification-create": AT_ONCE,
    "traceability-dashboard:certification-update": AT_ONCE,
    "traceability-dashboard:certification-delete": AT_ONCE,
    "inquiries-dashboard:list": READS,
    "inquiries-dashboard:detail": AT_ONCE,
    "inquiries-dashboard:close": AT_ONCE,
    "fairs-dashboard:fair-list": READS,
    # An application to staff; staff decide.
    "fairs-dashboard:apply": MODERATED,
    "fairs-dashboard:application-detail": READS,
    "fairs-dashboard:application-withdraw": AT_ONCE,
    "training-dashboard:list": READS,
    # Its own people, on a course's places (training.services: capacity, the waiting list).
    "training-dashboard:register": AT_ONCE,
    "training-dashboard:cancel": AT_ONCE,
    "training-dashboard:certificate": READS,
    # OCOP evaluation: the dossier is the producer's own until it is sent; nothing in it is
    # public, and the office checks it before the council scores it (evaluation.dossiers).
    "evaluation-dashboard:dossier-list": READS,
    "evaluation-dashboard:dossier-register": MODERATED,
    "evaluation-dashboard:dossier-detail": READS,
    "evaluation-dashboard:dossier-update": AT_ONCE,
    "evaluation-dashboard:dossier-document-add": AT_ONCE,
    "evaluation-dashboard:dossier-document-delete": AT_ONCE,
    "evaluation-dashboard:dossier-document": READS,
    "evaluation-dashboard:dossier-self-assess": AT_ONCE,
    "evaluation-dashboard:dossier-submit": MODERATED,
    "evaluation-dashboard:dossier-withdraw": AT_ONCE,
    # Visits: its own sessions, series, terms and check-ins, at once (visits.services: a
    # session's capacity never below its booked places; check-in once, its own vouchers only).
    "visits-dashboard:session-list": READS,
    "visits-dashboard:session-create": AT_ONCE,
    "visits-dashboard:session-bookings": READS,
    "visits-dashboard:session-update": AT_ONCE,
    "visits-dashboard:session-cancel": AT_ONCE,
    "visits-dashboard:series-create": AT_ONCE,
    "visits-dashboard:series-update": AT_ONCE,
    "visits-dashboard:terms": AT_ONCE,
    "visits-dashboard:day-sheet": READS,
    "visits-dashboard:check-in-code": POST_READS,
    "visits-dashboard:check-in": AT_ONCE,
    # Its own pre-order books: capacity never below what is reserved, conversion through
    # order.direct with the stock checked (preorders.services).
    # Its own products' harvest windows, at once (not moderated; seasons.services refuses a
    # window ending before it starts or a second window of a crop and year).
    "seasons-dashboard:product-windows": AT_ONCE,
    "seasons-dashboard:window-update": AT_ONCE,
    "seasons-dashboard:window-delete": AT_ONCE,
    "preorders-dashboard:list": READS,
    "preorders-dashboard:book-open": AT_ONCE,
    "preorders-dashboard:book": READS,
    "preorders-dashboard:book-update": AT_ONCE,
    "preorders-dashboard:book-open-close": AT_ONCE,
    "preorders-dashboard:book-convert": AT_ONCE,
    "preorders-dashboard:book-csv": READS,
}

# The attributes in which Oscar's views keep the actions a POST picks by name.
ACTION_ATTRIBUTES = ("actions", "intermediate_actions", "order_actions", "line_actions")

ACTIONS = {
    # A producer's "make public" sends hidden listings for approval (dashboard/catalogue/bulk_actions.py).
    ("dashboard:catalogue-product-list", "make_products_public"): MODERATED,
    ("dashboard:catalogue-product-list", "make_products_non_public"): AT_ONCE,
    ("dashboard:catalogue-product-list", "set_product_price"): AT_ONCE,
    ("dashboard:catalogue-product-bulk-action", "make_products_public"): MODERATED,
    ("dashboard:catalogue-product-bulk-action", "make_products_non_public"): AT_ONCE,
    ("dashboard:catalogue-product-bulk-action", "set_product_price"): AT_ONCE,
    # dashboard/orders/views.py: a producer may download its orders, nothing more.
    ("dashboard:order-list", "download_selected_orders"): READS,
    ("dashboard:order-list", "change_order_statuses"): STAFF_ONLY,
    ("dashboard:order-detail", "save_note"): STAFF_ONLY,
    ("dashboard:order-detail", "delete_note"): STAFF_ONLY,
    ("dashboard:order-detail", "change_order_status"): STAFF_ONLY,
    ("dashboard:order-detail", "create_order_payment_event"): STAFF_ONLY,
    ("dashboard:order-detail", "change_line_statuses"): STAFF_ONLY,
    ("dashboard:order-detail", "create_shipping_event"): STAFF_ONLY,
    ("dashboard:order-detail", "create_payment_event"): STAFF_ONLY,
}

WRITE_METHODS = ("post", "put", "patch", "delete")


def route_views():
    """{route name: the view class (or function) it calls}, first match wins as in Django."""
    views = {}
    for name, pattern in named_routes():
        views.setdefault(name, getattr(pattern.callback, "view_class", pattern.callback))
    return views


def view_actions(view) -> set[str]:
    names = set()
    for attribute in ACTION_ATTRIBUTES:
        names.update(getattr(view, attribute, None) or ())
    return names


def test_every_producer_write_is_declared():
    views = route_views()
    undeclared = sorted(set(PRODUCER) - set(WRITES))
    assert not undeclared, f"say what a producer's POST may write on these pages (WRITES): {undeclared}"
    assert not sorted(set(WRITES) - set(PRODUCER)), "WRITES lists pages producers no longer use"

    for name, kind in WRITES.items():
        view = views[name]
        handlers = [method for method in WRITE_METHODS if isinstance(view, type) and hasattr(view, method)]
        if kind == READS:
            assert not handlers, f"{name} now takes {handlers}: declare what it writes"
        actions = view_actions(view)
        if kind == BY_ACTION:
            assert actions, f"{name} has no actions any more: declare what its POST writes"
        else:
            assert not actions, f"{name} now offers actions {sorted(actions)}: declare each in ACTIONS"
        for action in actions:
            assert (name, action) in ACTIONS, f"declare what {name}'s action {action!r} does for a producer"
    for name, action in ACTIONS:
        assert action in view_actions(views[name]), f"{name} no longer offers {action!r}"


@pytest.fixture
def producer(two_producers, client):
    client.force_login(two_producers["a_user"])
    return two_producers


SCRIPT = (
    "<p>Vải ngon.</p><script>alert(1)</script><img src=x onerror=alert(1)>"
    '<a href="javascript:alert(1)">xem</a>'
)


def bulk(client, action, products, **form):
    """Oscar's two steps: the list's action, then the confirmation page's form."""
    selected = [product.pk for product in products]
    response = client.post(
        reverse("dashboard:catalogue-product-list"), {"action": action, "selected_product": selected}
    )
    assert response.status_code == 302 and "key=" in response["Location"], response
    return client.post(response["Location"], {"selected_products": selected, **form})


def test_a_producer_cannot_publish_a_draft_past_moderation(client, producer, products, mailoutbox, committed):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    lychee.is_public, lychee.moderation_status = False, ModerationStatus.DRAFT
    lychee.save()
    data.update({"description": SCRIPT, "action": "draft"})
    client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    lychee.refresh_from_db()
    assert lychee.moderation_status == ModerationStatus.DRAFT
    assert lychee.description == '<p>Vải ngon.</p><a rel="nofollow noopener noreferrer">xem</a>'

    with committed():
        response = bulk(client, "make_products_public", [lychee])

    assert response.status_code == 302
    lychee.refresh_from_db()
    assert (lychee.is_public, lychee.moderation_status) == (False, ModerationStatus.PENDING)
    assert not Product.objects.browsable().filter(pk=lychee.pk).exists()
    change = ListingChange.objects.get(product=lychee)
    assert (change.kind, change.status) == ("new", "pending")
    assert "script" not in change.after["description"] and "onerror" not in change.after["description"]
    page = client.get(reverse("dashboard:catalogue-product-list"), follow=True).content.decode()
    assert "tới Văn phòng OCOP" in page


def test_a_producer_cannot_republish_a_listing_staff_took_down(client, producer, products):
    lychee = products[0]
    Product.objects.filter(pk=lychee.pk).update(is_public=False)  # staff hid it

    bulk(client, "make_products_public", [lychee])

    lychee.refresh_from_db()
    assert not lychee.is_public
    assert ListingChange.objects.get(product=lychee).status == ListingChange.Status.PENDING


def test_a_producer_cannot_publish_another_producers_product(client, producer, products):
    honey = products[1]  # producer B's
    Product.objects.filter(pk=honey.pk).update(is_public=False, moderation_status=ModerationStatus.DRAFT)

    client.post(
        reverse("dashboard:catalogue-product-list"),
        {"action": "make_products_public", "selected_product": [honey.pk]},
    )

    honey.refresh_from_db()
    assert (honey.is_public, honey.moderation_status) == (False, ModerationStatus.DRAFT)
    assert not ListingChange.objects.filter(product=honey).exists()


def test_staff_still_publish_at_once(client, products, superuser):
    lychee = products[0]
    Product.objects.filter(pk=lychee.pk).update(is_public=False)
    client.force_login(superuser)

    bulk(client, "make_products_public", [lychee])

    lychee.refresh_from_db()
    assert lychee.is_public
    assert not ListingChange.objects.exists()


def test_a_producer_sets_its_own_prices_at_once(client, producer, products):
    lychee = products[0]

    bulk(
        client,
        "set_product_price",
        [lychee],
        partners=[producer["a"].pk],
        new_price="99000",
        confirm_irreversible="on",
    )

    assert StockRecord.objects.get(product=lychee).price == 99000
    assert not ListingChange.objects.exists()


def test_script_through_moderation_is_stripped_before_staff_see_it(client, producer, products, superuser):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["description"] = SCRIPT
    client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    change = ListingChange.objects.get(product=lychee)
    assert "<script" not in change.after["description"] and "onerror" not in change.after["description"]

    client.force_login(superuser)
    review = client.get(
        reverse("catalog-dashboard:moderation-detail", kwargs={"pk": change.pk})
    ).content.decode()
    assert "<script>alert(1)" not in review and "<img src" not in review
    client.post(
        reverse("catalog-dashboard:moderation-decide", kwargs={"pk": change.pk}), {"decision": "approve"}
    )

    lychee.refresh_from_db()
    assert lychee.description == '<p>Vải ngon.</p><a rel="nofollow noopener noreferrer">xem</a>'
    page = client.get(lychee.get_absolute_url()).content.decode()
    assert "<p>Vải ngon.</p>" in page
    assert "<script>alert(1)" not in page and "onerror" not in page and "javascript:" not in page


def test_an_old_description_is_cleaned_on_the_page_too(client, products):
    lychee = products[0]
    Product.objects.filter(pk=lychee.pk).update(description=SCRIPT)  # written before the cleaning

    page = client.get(lychee.get_absolute_url()).content.decode()

    assert "<p>Vải ngon.</p>" in page
    assert "<script>alert(1)" not in page and "onerror" not in page and "javascript:" not in page
