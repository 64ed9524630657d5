"""Every public page, the basket and each step of a guest's checkout, at 1280 and 390 px wide,
passes axe-core with no violation (WCAG 2.x A and AA, and axe's best practices) and the Nu HTML
checker with no error.

One browser walks the demo site once (module-scoped: the demo data is loaded, the pages are
visited, the database is put back as it was), then each page has its own tests: one per width
for axe, one for its HTML (the served page, and the page after its scripts ran; both checked in a
single run of the Nu HTML checker). Each failure prints what to fix: axe's rule, impact, the
elements and the help page; the checker's line and message.

Needs Chromium, node_modules (`npm ci`: axe-core, vnu-jar) and Java; without them the tests are
skipped with the reason, unless STANDARDS_REQUIRED (Node's tools, Java) or BROWSER_TESTS_REQUIRED
(Chromium) is set (CI). The pages' HTML and every finding (results.json) stay in
/tmp/standards-pages/ (STANDARDS_PAGES_DIR)."""

import json
import os
import re
import shutil
import traceback
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.clock import vietnam_today
from partner.sale_holds import sale_holds_on
from tests.browser.conftest import CHROMIUM_ARGS, chromium_and_playwright
from tests.browser.pages import TIMEOUT_MS, vi
from tests.browser.standards import (
    axe_report,
    axe_violations,
    missing_tools,
    required,
    vnu_errors,
    walk_server,
)

# A plain (not transactional) database mark: pytest-django sets the test database up for the
# module; the walk in `checked` commits its own data and takes it away again.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = (1280, 390)
# Where the walk leaves each page's HTML and results.json (every finding), to read after a run.
PAGES_DIR = Path(os.environ.get("STANDARDS_PAGES_DIR", "/tmp/standards-pages"))

# The pages, in the order one buyer's walk reaches them (ids of the tests).
PAGES = [
    "home",
    "home-en",
    "catalogue",
    "product-group",
    "product",
    "search-results",
    "search-nothing",
    "trace-lot",
    "trace-not-found",
    "news-index",
    "news-article",
    "news-article-en",
    "campaign",
    "programme",
    "producer-story",
    "fair-index",
    "fair",
    "training-index",
    "course",
    "course-registered",
    "harvest-calendar",
    "preorder-reserve",
    "preorder-reservation",
    "visit-product",
    "visit-book",
    "visit-voucher",
    "order-pay",
    "inquiry-form",
    "inquiry-thanks",
    "producer-application",
    "producer-applied",
    "login-register",
    "order-find",
    "not-found",
    "basket-empty",
    "basket-with-line",
    "checkout-gateway",
    "checkout-shipping-address",
    "checkout-payment-method",
    "checkout-preview",
    "checkout-thank-you",
    "order-status",
]


def _unavailable(reason):
    if required():
        pytest.fail(f"the standards checks are required here (CI) but {reason}")
    pytest.skip(reason)


def _wagtail_image(name):
    """A Wagtail image made of one of the demo's product photos, so that the pages' <picture>
    elements (WebP and JPEG sources) are checked too; None when the photos are not here."""
    from django.core.files.images import ImageFile
    from oscar.core.loading import get_model
    from wagtail.images.models import Image

    ProductImage = get_model("catalogue", "ProductImage")
    photo = ProductImage.objects.exclude(original="").first()
    if photo is None:
        return None
    with photo.original.open("rb") as handle:
        return Image.objects.create(title=name, file=ImageFile(handle, name=f"{name}.jpg"))


def _demo_world():
    """The demo site with pictures on its promotion pages; returns what the walk needs."""
    from oscar.core.loading import get_model
    from wagtail.models import Page

    from cms.models import (
        CampaignPage,
        HarvestCalendarPage,
        HomePage,
        NewsArticlePage,
        NewsIndexPage,
        ProducerStoryPage,
        ProgrammePage,
    )
    from fairs.models import FairIndexPage, FairPage
    from places.models import Commune
    from preorders.models import PreorderBook, Reservation, ReservationStatus
    from traceability.models import Lot
    from training.models import CoursePage, CourseRegistration, TrainingIndexPage
    from visits.models import VisitBooking
    from visits.selectors import sessions_upcoming

    call_command("load_demo_data", verbosity=0)
    picture = _wagtail_image("standards-photo")
    if picture is not None:
        for model, field in (
            (HomePage, "hero_image"),
            (NewsArticlePage, "image"),
            (CampaignPage, "image"),
            (ProducerStoryPage, "image"),
            (FairPage, "image"),
        ):
            if any(f.name == field for f in model._meta.get_fields()):
                model.objects.update(**{field: picture})
    # The campaign shows every kind of block an editor may add, besides the demo's text and
    # products (no video: the walk reaches no provider).
    campaign = CampaignPage.objects.live().first()
    fair = FairPage.objects.live().first()
    if campaign is not None:
        extra = [
            {"type": "producer", "value": {"producer": get_model("partner", "Partner").objects.first().pk}}
        ]
        if fair is not None:
            extra.append({"type": "fair", "value": {"fair": fair.pk}})
        if picture is not None:
            extra.append(
                {
                    "type": "image",
                    "value": {"image": picture.pk, "decorative": False, "alt_text": "Vải thiều"},
                }
            )
        campaign.body = list(campaign.body.raw_data) + extra
        campaign.save()
    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    product = (
        Product.objects.filter(is_public=True, stockrecords__num_in_stock__gt=0)
        .exclude(pk__in=list(sale_holds_on(vietnam_today())))  # held (out of season, a visit): no basket form
        .order_by("pk")
        .first()
    )
    group = Category.objects.filter(depth=1).order_by("path").first()
    producer = product.stockrecords.first().partner
    commune = Commune.objects.select_related("province").order_by("pk").first()
    live = Page.objects.live()
    visit_booking = (
        VisitBooking.objects.filter(status="booked", order__isnull=False, session__is_cancelled=False)
        .select_related("session__product", "order")
        .order_by("pk")
        .first()
    )
    course = max(
        CoursePage.objects.live().filter(locale__language_code="vi"),
        key=lambda course: course.first_session_start(),
        default=None,
    )
    return {
        "product": product,
        "group": group,
        "lot": Lot.objects.filter(is_published=True, product__is_public=True).order_by("pk").first(),
        "news_index": live.type(NewsIndexPage).first(),
        "article": live.type(NewsArticlePage).first(),
        "article_en": live.type(NewsArticlePage).filter(locale__language_code="en").first(),
        "campaign": live.type(CampaignPage).first(),
        "programme": live.type(ProgrammePage).first(),
        "story": live.type(ProducerStoryPage).first(),
        "fair_index": live.type(FairIndexPage).first(),
        "fair": live.type(FairPage).first(),
        # The course to come: its registration form, and one of its trainees' confirmation.
        "training_index": live.type(TrainingIndexPage).first(),
        "course": course,
        "trainee": course and CourseRegistration.objects.filter(course=course, status="registered").first(),
        "producer": producer,
        "commune": commune,
        # Seasons, pre-orders and visits: the calendar, the lychee's book and one of its
        # reservations, the eco-tour, its next session with places left and a booking's voucher
        # and pay page.
        "calendar": live.type(HarvestCalendarPage).filter(locale__language_code="vi").first(),
        "book": PreorderBook.objects.order_by("pk").first(),
        "reservation": Reservation.objects.filter(status=ReservationStatus.WAITING).order_by("pk").first(),
        "visit": visit_booking and visit_booking.session.product,
        "visit_session": visit_booking
        and next((s for s in sessions_upcoming(product=visit_booking.session.product) if s.left), None),
        "visit_booking": visit_booking,
    }


class Walk:
    """One browser tab going from page to page; each page visited is checked with axe at both
    widths and its HTML kept for the Nu HTML checker."""

    def __init__(self, page, folder):
        self.page = page
        self.folder = folder
        self.results = {name: {"axe": {}, "files": [], "error": None} for name in PAGES}

    def check(self, name, served=None):
        result = self.results[name]
        page = self.page
        page.wait_for_load_state("load")
        if served is not None:
            path = self.folder / f"{name}.served.html"
            path.write_text(served, encoding="utf-8")
            result["files"].append(path)
        path = self.folder / f"{name}.dom.html"
        path.write_text(page.content(), encoding="utf-8")
        result["files"].append(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            result["axe"][width] = axe_violations(page)
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})

    def visit(self, name, url):
        response = self.page.goto(url)
        self.check(name, served=response.text())
        return response

    def step(self, name, action):
        """`action` makes the browser go to the page called `name` (a click, a form sent)."""
        with self.page.expect_navigation() as navigation:
            action()
        self.check(name, served=navigation.value.text())

    def attempt(self, names, walk):
        """Runs `walk`; if it breaks, the pages it had not reached yet fail with the error."""
        try:
            walk()
        except Exception:  # noqa: BLE001  reported by each page's own test
            error = traceback.format_exc()
            for name in names:
                if not self.results[name]["axe"]:
                    self.results[name]["error"] = error


def _walk_public_pages(walk, world):
    product, group = world["product"], world["group"]
    singles = [
        ("home", "/"),
        ("home-en", "/en/"),
        ("catalogue", reverse("catalogue:index")),
        ("product-group", group.get_absolute_url()),
        ("product", product.get_absolute_url()),
        ("search-results", reverse("search:search") + "?q=" + product.title.split()[0]),
        ("search-nothing", reverse("search:search") + "?q=zzqxv"),
        ("trace-lot", world["lot"] and world["lot"].get_absolute_url()),
        ("trace-not-found", reverse("traceability:lot-short", kwargs={"code": "zzzzzzzz"})),
        ("news-index", world["news_index"] and world["news_index"].url),
        ("news-article", world["article"] and world["article"].url),
        ("news-article-en", world["article_en"] and world["article_en"].url),
        ("campaign", world["campaign"] and world["campaign"].url),
        ("programme", world["programme"] and world["programme"].url),
        ("producer-story", world["story"] and world["story"].url),
        ("fair-index", world["fair_index"] and world["fair_index"].url),
        ("fair", world["fair"] and world["fair"].url),
        ("training-index", world["training_index"] and world["training_index"].url),
        ("course", world["course"] and world["course"].url),
        (
            "course-registered",
            world["trainee"] and reverse("training:registered", kwargs={"token": world["trainee"].token}),
        ),
        ("harvest-calendar", world["calendar"] and world["calendar"].url),
        (
            "preorder-reserve",
            world["book"] and reverse("preorders:reserve", kwargs={"book_pk": world["book"].pk}),
        ),
        (
            "preorder-reservation",
            world["reservation"]
            and reverse("preorders:reservation", kwargs={"token": world["reservation"].token}),
        ),
        ("visit-product", world["visit"] and world["visit"].get_absolute_url()),
        (
            "visit-book",
            world["visit_session"] and reverse("visits:book", kwargs={"pk": world["visit_session"].pk}),
        ),
        (
            "visit-voucher",
            world["visit_booking"]
            and reverse("visits:voucher", kwargs={"token": world["visit_booking"].token}),
        ),
        ("order-pay", world["visit_booking"] and world["visit_booking"].order.get_pay_url()),
        ("inquiry-form", reverse("inquiries:new") + f"?product={product.pk}"),
        ("inquiry-thanks", reverse("inquiries:thanks")),
        ("producer-application", reverse("onboarding:apply")),
        ("producer-applied", reverse("onboarding:applied")),
        ("login-register", reverse("customer:login")),
        ("order-find", reverse("order:find")),
        ("not-found", "/khong-co-trang-nay/"),
    ]
    for name, url in singles:

        def visit(name=name, url=url):
            assert url, f"the demo data has nothing to show as {name}"
            walk.visit(name, url)

        walk.attempt([name], visit)


def _walk_checkout(walk, world):
    """A guest: empty basket, the product added, then each step to the thank-you page and the
    order's status page."""
    from playwright.sync_api import expect

    page = walk.page
    product, commune = world["product"], world["commune"]
    names = PAGES[PAGES.index("basket-empty") :]

    def checkout():
        walk.visit("basket-empty", reverse("basket:summary"))
        page.goto(product.get_absolute_url())
        page.locator("#add_to_basket_form").locator("[type=submit]").first.click()
        page.wait_for_load_state("load")
        walk.visit("basket-with-line", reverse("basket:summary"))
        proceed = page.locator(".basket-summary").get_by_role("link", name=vi("Check out"))
        walk.step("checkout-gateway", proceed.click)

        page.get_by_label(vi("Buy without an account")).check()
        page.get_by_label(vi("E-mail"), exact=True).fill("hoa@example.com")
        carry_on = page.get_by_role("button", name=vi("Continue"))  # a locator: found again on each page
        walk.step("checkout-shipping-address", carry_on.click)

        page.get_by_label(vi("Full name")).fill("Nguyễn Thị Hoa")
        page.get_by_label(vi("Phone number")).fill("0912 345 678")
        page.get_by_label(vi("Province or city")).select_option(str(commune.province_id))
        communes = page.locator("select[name=commune]")  # hidden under the combobox
        expect(communes.locator(f'option[value="{commune.pk}"]')).to_have_count(1)
        box = page.get_by_role("combobox", name=vi("Commune or ward"))
        box.fill(commune.full_name)
        page.get_by_role("option", name=commune.full_name, exact=True).click()
        expect(communes).to_have_value(str(commune.pk))
        page.get_by_label(vi("House number, street, hamlet")).fill("Số 12, thôn Kép")
        walk.step("checkout-payment-method", carry_on.click)
        expect(page).to_have_url(re.compile(r"/checkout/payment-method/"))

        page.locator("input[type=radio][value=cod]").check()
        walk.step("checkout-preview", carry_on.click)
        expect(page).to_have_url(re.compile(r"/checkout/preview/"))

        walk.step("checkout-thank-you", page.locator("#place-order").click)
        expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))
        status = page.locator("a[href*='/orders/status/']").first.get_attribute("href")
        walk.visit("order-status", status)

    walk.attempt(names, checkout)


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker):
    """The walk's results: {page: {"axe": {width: violations}, "html": [errors], "error": ...}}.

    Its own live server (not pytest-django's `live_server`, which would make every test of this
    module a transactional one emptying the database): the walk's data is committed, then the
    database is put back as it was found."""
    reason = missing_tools()
    if reason:
        _unavailable(reason)
    executable, sync_playwright = chromium_and_playwright()

    folder = PAGES_DIR
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with walk_server(django_db_blocker) as server:
        world = _demo_world()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            context = browser.new_context(
                base_url=server.url, locale="vi-VN", viewport={"width": WIDTHS[0], "height": 900}
            )
            context.set_default_timeout(TIMEOUT_MS)
            walk = Walk(context.new_page(), folder)
            _walk_public_pages(walk, world)
            _walk_checkout(walk, world)
            browser.close()
    files = [file for result in walk.results.values() for file in result["files"]]
    errors = vnu_errors(files) if files else {}
    for result in walk.results.values():
        result["html"] = {file.name: errors.get(file.name, []) for file in result["files"]}
    summary = {
        name: {"axe": result["axe"], "html": result["html"], "error": result["error"]}
        for name, result in walk.results.items()
    }
    (folder / "results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Standards: the pages, the checker's input and results.json in {folder}")
    return walk.results


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(checked, name, width):
    result = checked[name]
    assert not result["error"], f"{name} was not reached:\n{result['error']}"
    violations = result["axe"][width]
    assert not violations, f"axe-core on {name} at {width} px:\n{axe_report(violations)}"


@pytest.mark.parametrize("name", PAGES)
def test_page_is_valid_html(checked, name):
    result = checked[name]
    assert not result["error"], f"{name} was not reached:\n{result['error']}"
    found = [f"{file}: {error}" for file, errors in result["html"].items() for error in errors]
    assert not found, "The Nu HTML checker on {}:\n{}".format(name, "\n".join(found))


def test_walk_saves_the_served_page_and_the_page_after_its_scripts(checked):
    """The checker sees both the HTML the server sent and the DOM after the scripts, for every
    page reached by a plain visit."""
    files = {Path(file).name for result in checked.values() for file in result["files"]}
    assert {"home.served.html", "home.dom.html", "checkout-preview.served.html"} <= files
