"""The back office people use all day passes axe-core with no serious or critical violation, at
1280 and 390 px wide, and no page of it scrolls sideways on a 390 px phone: the login page, a
producer's main pages and the OCOP office's.

Built like tests/browser/test_standards.py: one browser walks the demo site once (module-scoped:
the demo data is loaded, an order placed, the pages visited, the database put back as it was
and its sequences reset), then each page and width has its own tests. Each failure prints axe's
rule, impact, elements and help page. Only axe is needed here (not the Nu HTML checker: Oscar's
dashboard templates are Oscar's). Needs Chromium and node_modules' axe-core; without them the
tests are skipped with the reason, unless STANDARDS_REQUIRED or BROWSER_TESTS_REQUIRED is set
(CI). Every finding stays in /tmp/backoffice-pages/results.json (BACKOFFICE_PAGES_DIR)."""

import json
import os
import shutil
import traceback
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from evaluation.dossiers import dossier_register
from evaluation.selectors import current_certificate
from places.models import Commune
from tests.browser.conftest import CHROMIUM_ARGS, chromium_and_playwright
from tests.browser.pages import TIMEOUT_MS
from tests.browser.standards import AXE, axe_report, axe_violations, required, walk_server
from tests.criteria.factories import sheet_make
from tests.evaluation.factories import EvaluationRoundFactory
from tests.shopping import Shopper
from traceability.selectors import products_lots_all_expired

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (1280, 390)
PHONE = 390
SEVERE = ("serious", "critical")
PAGES_DIR = Path(os.environ.get("BACKOFFICE_PAGES_DIR", "/tmp/backoffice-pages"))
PASSWORD = "backoffice-standards-1"

LOGIN_PAGES = ["login", "password-reset"]
PRODUCER_PAGES = [
    "producer-home",
    "producer-products",
    "producer-product-edit",
    "producer-orders",
    "producer-order",
    "producer-lots",
    "producer-sales-figures",
    "producer-inquiries",
    "producer-team",
    "producer-fair-booths",
    "producer-evaluation",
    "producer-dossier",
    "producer-harvest-windows",
    "producer-preorders",
    "producer-visits",
]
OFFICE_PAGES = [
    "office-home",
    "office-moderation",
    "office-certificates",
    "office-evaluation-requests",
    "office-producer-applications",
    "office-booths",
    "office-evaluation-rounds",
    "office-evaluation-round",
    "office-dossier",
    "office-programme-figures",
    "office-orders",
    "office-order",
]
PAGES = LOGIN_PAGES + PRODUCER_PAGES + OFFICE_PAGES

# Pages other helpers rewrite (issue 17) whose page-level findings wait for their branch: the
# lead empties this after merging. The shell's own findings are never here.
PENDING_MERGE = {}


def _unavailable(reason):
    if required() or os.environ.get("BROWSER_TESTS_REQUIRED"):
        pytest.fail(f"the back-office standards checks are required here (CI) but {reason}")
    pytest.skip(reason)


def _demo_world():
    """The demo site, a producer's login and a staff login with known passwords, and one order
    of the producer's product placed through the real checkout."""
    call_command("load_demo_data", verbosity=0)
    Product = get_model("catalogue", "Product")
    # A product on sale today (the fresh lychee is out of season most of the year: every lot
    # expired), the demo's HTX Hồng Xuân's when it has one; its producer is the one walked.
    on_sale = (
        Product.objects.filter(is_public=True, stockrecords__num_in_stock__gt=0)
        .exclude(pk__in=products_lots_all_expired())
        .order_by("pk")
    )
    product = on_sale.filter(stockrecords__partner__code="htx-hong-xuan").first() or on_sale.first()
    producer = product.stockrecords.order_by("pk").first().partner
    producer_user = producer.users.order_by("pk").first()
    producer_user.set_password(PASSWORD)
    producer_user.save(update_fields=["password"])
    staff = get_user_model().objects.create_superuser(
        username="office-standards", email="office-standards@ocop.localhost", password=PASSWORD
    )
    shopper = Shopper(Client(), Commune.objects.order_by("pk").first())
    response = shopper.checkout("cod", product)
    assert response.status_code == 302, "the order for the walk was not placed"
    Order = get_model("order", "Order")
    order = Order.objects.filter(lines__partner=producer).order_by("-pk").first()
    sheet_make()
    evaluation_round = EvaluationRoundFactory()
    dossier = dossier_register(
        round=evaluation_round,
        product=product,
        producer=producer,
        kind="reevaluation" if current_certificate(product=product) else "new",
        by=producer_user,
    )
    return {
        "round": evaluation_round,
        "dossier": dossier,
        "producer": producer,
        "producer_login": producer_user.get_username(),
        "staff_login": staff.username,
        "product": product,
        "order": order,
    }


class Walk:
    def __init__(self, page):
        self.page = page
        self.results = {name: {"axe": {}, "scroll": None, "error": None, "url": None} for name in PAGES}

    def visit(self, name, url):
        page = self.page
        result = self.results[name]
        try:
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            response = page.goto(url)
            assert response.ok, f"{url} answered {response.status}"
            page.wait_for_load_state("load")
            result["url"] = page.url
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.wait_for_timeout(250)  # the tables' script marks scrolling boxes on resize
                result["axe"][width] = [v for v in axe_violations(page) if v["impact"] in SEVERE]
                if width == PHONE:
                    result["scroll"] = page.evaluate(
                        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    )
        except Exception:  # noqa: BLE001  reported by the page's own test
            result["error"] = traceback.format_exc()

    def log_in(self, username):
        page = self.page
        page.context.clear_cookies()
        page.goto(reverse("dashboard:login"))
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("#dashboard_login_form [type=submit]")


def _walk(walk, world):
    order_url = reverse("dashboard:order-detail", kwargs={"number": world["order"].number})
    walk.visit("login", reverse("dashboard:login"))
    walk.visit("password-reset", reverse("password-reset"))

    walk.log_in(world["producer_login"])
    for name, url in [
        ("producer-home", reverse("dashboard:index")),
        ("producer-products", reverse("dashboard:catalogue-product-list")),
        ("producer-product-edit", reverse("dashboard:catalogue-product", kwargs={"pk": world["product"].pk})),
        ("producer-orders", reverse("dashboard:order-list")),
        ("producer-order", order_url),
        ("producer-lots", reverse("traceability-dashboard:lot-list")),
        ("producer-sales-figures", reverse("sales-dashboard:figures")),
        ("producer-inquiries", reverse("inquiries-dashboard:list")),
        ("producer-team", reverse("onboarding-dashboard:team")),
        ("producer-fair-booths", reverse("fairs-dashboard:fair-list")),
        ("producer-evaluation", reverse("evaluation-dashboard:dossier-list")),
        (
            "producer-harvest-windows",
            reverse("seasons-dashboard:product-windows", kwargs={"pk": world["product"].pk}),
        ),
        ("producer-preorders", reverse("preorders-dashboard:list")),
        ("producer-visits", reverse("visits-dashboard:session-list")),
        (
            "producer-dossier",
            reverse("evaluation-dashboard:dossier-detail", kwargs={"pk": world["dossier"].pk}),
        ),
    ]:
        walk.visit(name, url)

    walk.log_in(world["staff_login"])
    for name, url in [
        ("office-home", reverse("dashboard:index")),
        ("office-moderation", reverse("catalog-dashboard:moderation-list")),
        ("office-certificates", reverse("catalog-dashboard:certificate-list")),
        ("office-evaluation-requests", reverse("catalog-dashboard:evaluation-queue")),
        ("office-producer-applications", reverse("onboarding-dashboard:application-list")),
        ("office-booths", reverse("fairs-dashboard:staff-fair-list")),
        ("office-evaluation-rounds", reverse("evaluation-dashboard:round-list")),
        (
            "office-evaluation-round",
            reverse("evaluation-dashboard:round-detail", kwargs={"pk": world["round"].pk}),
        ),
        ("office-dossier", reverse("evaluation-dashboard:staff-dossier", kwargs={"pk": world["dossier"].pk})),
        ("office-programme-figures", reverse("programme-dashboard:figures")),
        ("office-orders", reverse("dashboard:order-list")),
        ("office-order", order_url),
    ]:
        walk.visit(name, url)


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker):
    """{page: {"axe": {width: serious or critical violations}, "scroll": [scrollWidth,
    clientWidth] at 390 px, "error": ..., "url": ...}}, from a walk on its own live server whose
    data is committed and then taken away again (as tests/browser/test_standards.py does)."""
    if not AXE.is_file():
        _unavailable("node_modules has no axe-core (run `npm ci`)")
    executable, sync_playwright = chromium_and_playwright()

    shutil.rmtree(PAGES_DIR, ignore_errors=True)
    PAGES_DIR.mkdir(parents=True)
    with walk_server(django_db_blocker) as server:
        world = _demo_world()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            context = browser.new_context(
                base_url=server.url, locale="vi-VN", viewport={"width": WIDTHS[0], "height": 900}
            )
            context.set_default_timeout(TIMEOUT_MS)
            walk = Walk(context.new_page())
            _walk(walk, world)
            browser.close()
    (PAGES_DIR / "results.json").write_text(
        json.dumps(walk.results, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"Back-office standards: every finding in {PAGES_DIR / 'results.json'}")
    return walk.results


def _pending(name):
    reason = PENDING_MERGE.get(name)
    return [pytest.mark.xfail(reason=f"pending merge: {reason}", strict=False)] if reason else []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [pytest.param(name, marks=_pending(name)) for name in PAGES])
def test_backoffice_page_has_no_serious_accessibility_violation(checked, name, width):
    result = checked[name]
    assert not result["error"], f"{name} was not reached:\n{result['error']}"
    violations = result["axe"][width]
    assert not violations, f"axe-core on {name} ({result['url']}) at {width} px:\n{axe_report(violations)}"


@pytest.mark.parametrize("name", PAGES)
def test_backoffice_page_does_not_scroll_sideways_on_a_phone(checked, name):
    result = checked[name]
    assert not result["error"], f"{name} was not reached:\n{result['error']}"
    scroll_width, client_width = result["scroll"]
    assert scroll_width <= client_width, (
        f"{name} ({result['url']}) is {scroll_width} px wide in a {client_width} px window: "
        "something wider than the phone is not in a scrolling box"
    )


def test_walk_logged_in_as_the_producer_and_as_the_office(checked):
    """The pages were the logged-in ones, not the login page again."""
    login = reverse("dashboard:login")
    assert login not in checked["producer-lots"]["url"]
    assert login not in checked["office-programme-figures"]["url"]
