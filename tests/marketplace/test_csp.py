"""The Content-Security-Policy (django-csp): every kind of page answers with the enforced
policy, and no script runs inline on it without the request's nonce; the API docs load
nothing from another host; files that set their own policy keep it."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Page

from checkout.views import STRIPE_CSP
from tests.catalog.factories import CategoryFactory
from tests.partner.factories import ProducerUserFactory

pytestmark = pytest.mark.django_db

Lot = get_model("traceability", "Lot")
Product = get_model("catalogue", "Product")

# Script types a browser runs; any other type (JSON, JSON-LD, templates) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class PageScripts(HTMLParser):
    """The inline scripts (no src) a browser would run, the outside addresses scripts, styles,
    images and frames are loaded from, and the elements with an inline event handler."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline = []  # the nonce attribute of each inline script (None: none)
        self.sources = []
        self.handlers = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        handlers = [name for name in attrs if name.startswith("on")]
        if handlers:
            self.handlers.append((tag, handlers))
        if tag == "script":
            if (attrs.get("type") or "").strip().lower() not in SCRIPT_TYPES:
                return
            if attrs.get("src"):
                self.sources.append(attrs["src"])
            else:
                self.inline.append(attrs.get("nonce"))
        elif tag in ("link", "img", "iframe"):
            self.sources.append(attrs.get("href") or attrs.get("src") or "")


def parsed(response):
    page = PageScripts()
    page.feed(response.content.decode())
    return page


def policy(response):
    """The enforced policy as {directive: [sources]}; fails when it is missing."""
    assert "Content-Security-Policy" in response, f"{response.request['PATH_INFO']}: no policy header"
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_page_safe(response, path):
    assert response.status_code == 200, f"{path}: {response.status_code}"
    assert "Content-Security-Policy-Report-Only" not in response, f"{path}: report-only"
    directives = policy(response)
    assert directives["default-src"] == ["'self'"], path
    assert directives["object-src"] == ["'none'"], path
    assert directives["base-uri"] == ["'self'"], path
    assert directives["form-action"] == ["'self'"], path
    assert directives["frame-ancestors"] == ["'self'"], path
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
    nonces = [source[len("'nonce-") : -1] for source in script_src if source.startswith("'nonce-")]
    page = parsed(response)
    assert page.handlers == [], f"{path}: inline event handlers {page.handlers}"
    if page.inline:
        assert len(nonces) == 1, f"{path}: inline scripts but no nonce in {script_src}"
        assert all(nonce == nonces[0] for nonce in page.inline), (
            f"{path}: inline scripts without the nonce {nonces[0]}: {page.inline}"
        )
    return page


def test_the_policy_is_enforced_under_every_settings_module():
    """Production, development and tests share base.py's policy, enforced; none makes it
    report-only."""
    from marketplace.settings import base

    for name in ("production", "dev", "test"):
        source = (settings.BASE_DIR / "marketplace" / "settings" / f"{name}.py").read_text()
        assert "CONTENT_SECURITY_POLICY" not in source, f"{name}.py changes the policy"
    assert "csp.middleware.CSPMiddleware" in base.MIDDLEWARE
    assert base.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"][:2] == ["'self'", base.NONCE]
    assert not getattr(base, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)


def test_media_on_another_host_is_allowed_as_pictures_only(monkeypatch):
    """MEDIA_URL on S3 or a CDN: its host may serve pictures, never scripts or styles."""
    import importlib.util

    monkeypatch.setenv("MARKETPLACE_MEDIA_URL", "https://media.cho-ocop.vn/media/")
    path = settings.BASE_DIR / "marketplace" / "settings" / "base.py"
    spec = importlib.util.spec_from_file_location("base_with_media_host", path)
    base = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(base)

    directives = base.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "https://media.cho-ocop.vn" in directives["img-src"]
    for directive in ("script-src", "style-src", "font-src", "connect-src", "frame-src"):
        assert "https://media.cho-ocop.vn" not in directives[directive], directive
    assert "https://media.cho-ocop.vn" not in str(settings.CONTENT_SECURITY_POLICY)


def test_videos_come_only_from_providers_whose_players_the_policy_frames():
    """The oEmbed finder of the settings (the tests swap in an offline one) accepts YouTube and
    Vimeo only; another address shows as a link (cms.blocks.VideoBlock), not a refused frame."""
    from wagtail.embeds.finders import import_finder_class

    from marketplace.settings import base

    (config,) = base.WAGTAILEMBEDS_FINDERS
    options = {key: value for key, value in config.items() if key != "class"}
    finder = import_finder_class(config["class"])(**options)
    assert finder.accept("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert finder.accept("https://vimeo.com/76979871")
    assert not finder.accept("https://www.dailymotion.com/video/x7tgad0")
    assert not finder.accept("https://www.tiktok.com/@ocop/video/7000000000000000000")
    frames = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    assert {"https://www.youtube.com", "https://player.vimeo.com"} <= set(frames)


def test_public_pages_of_every_type_carry_the_policy_and_nonce_their_scripts(client, demo_data):
    product = Product.objects.browsable().first()
    lot = Lot.objects.filter(is_published=True).first()
    assert lot is not None, "the demo data has a published lot"
    paths = [
        "/",
        "/en/",
        reverse("catalogue:index"),
        product.get_absolute_url(),
        reverse("search:search") + "?q=v%E1%BA%A3i",
        lot.get_absolute_url(),
        reverse("customer:login"),
        reverse("api:openapi-view"),
    ]
    # One live page of each Wagtail page type (news, fairs, campaigns, stories...).
    seen = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        if type(page) not in seen:
            seen.add(type(page))
            paths.append(page.url)
    assert len(seen) >= 4

    api_docs = reverse("api:openapi-view")
    for path in paths:
        response = client.get(path)
        page = assert_page_safe(response, path)
        # Issue 16: public pages run no oscar.init() and no inline script at all (deferred
        # files only), so no page of the shop depends on a nonce.
        if path != api_docs:
            assert page.inline == [], f"{path}: inline scripts {page.inline}"


def test_the_nonce_changes_with_every_request(admin_client):
    # The dashboard keeps Oscar's inline start-up script (public pages have none).
    first = policy(admin_client.get(reverse("dashboard:index")))["script-src"]
    second = policy(admin_client.get(reverse("dashboard:index")))["script-src"]
    assert any(source.startswith("'nonce-") for source in first)
    assert first != second


def test_api_docs_load_swagger_ui_from_our_static_files(client):
    response = client.get(reverse("api:openapi-view"))

    page = assert_page_safe(response, "/api/docs")
    assert page.inline == [], "Swagger UI starts from django-ninja's static loader"
    assert any(source.endswith("swagger-ui-bundle.js") for source in page.sources)
    for source in page.sources:
        assert not urlsplit(source).netloc, f"/api/docs loads {source} from another host"
        assert source.startswith(settings.STATIC_URL), source
    assert b"validatorUrl" in response.content and b"null" in response.content


def test_the_cash_on_delivery_checkout_carries_the_policy_on_every_step(client, shopper, products):
    lychee, honey = products
    shopper.add(lychee)
    pages = {"basket": client.get(reverse("basket:summary"))}
    pages["gateway"] = client.get(reverse("checkout:index"))
    shopper.start_as_guest()
    pages["address"] = client.get(reverse("checkout:shipping-address"))
    shopper.give_address()
    pages["payment method"] = client.get(reverse("checkout:payment-method"))
    shopper.choose_payment("cod")
    pages["preview"] = client.get(reverse("checkout:preview"))
    placed = shopper.place_order()
    assert placed.status_code == 302
    pages["thank you"] = client.get(placed["Location"])

    for name, response in pages.items():
        assert_page_safe(response, name)
        assert "stripe" not in response["Content-Security-Policy"], name
    assert b'data-action="print"' in pages["thank you"].content


def test_only_the_card_pages_let_stripe_js_in(client, shopper, products, settings):
    """The preview of a real (not stripe-mock) card payment loads js.stripe.com: its policy
    adds Stripe's hosts, and no other page's does."""
    settings.STRIPE_SECRET_KEY = "sk_test_123"  # noqa: S105  a test key, no server behind it
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    settings.STRIPE_API_BASE = ""
    shopper.add(products[0])
    shopper.start_as_guest()
    shopper.give_address()
    shopper.choose_payment("card")

    preview = client.get(reverse("checkout:preview"))

    directives = assert_page_safe(preview, "card preview") and policy(preview)
    assert "https://js.stripe.com/v3/" in parsed(preview).sources
    for directive, hosts in STRIPE_CSP.items():
        assert set(hosts) <= set(directives[directive]), directive
    assert "https://js.stripe.com" not in client.get(reverse("basket:summary"))["Content-Security-Policy"]


def test_back_office_pages_carry_the_policy_and_nonce_their_scripts(client, products, superuser, home_page):
    lychee = products[0]
    lychee.categories.add(CategoryFactory())
    producer = ProducerUserFactory(producer=lychee.stockrecords.get().partner)
    client.force_login(producer)
    for path in [
        reverse("dashboard:index"),
        reverse("dashboard:catalogue-product-list"),
        reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}),
    ]:
        page = assert_page_safe(client.get(path), f"producer {path}")
        assert page.inline, f"producer {path}: Oscar's dashboard init runs with the nonce"

    client.force_login(superuser)
    for path in [
        reverse("dashboard:index"),
        reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}),
        reverse("catalog-dashboard:certificate-create"),
        reverse("dashboard:catalogue-class-create"),
        reverse("customer:wishlists-create"),
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
    ]:
        assert_page_safe(client.get(path), f"staff {path}")
    # Oscar's cancel links, once onclick="history.go(-1)" (our overrides extend Oscar's).
    for path in [reverse("dashboard:catalogue-class-create"), reverse("customer:wishlists-create")]:
        assert b'data-action="back"' in client.get(path).content, path


def test_wagtails_date_pickers_panels_and_choosers_start_from_data_not_inline_scripts(
    client, superuser, home_page
):
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))

    html = response.content.decode()
    # The page's "go live" date (a date picker), its featured products (an inline panel) and
    # its hero picture (a chooser).
    assert '<template data-csp-call="initDateTimeChooser" data-csp-id="id_go_live_at"' in html
    assert '<template data-csp-new="InlinePanel"' in html
    assert '<template data-csp-new="ImageChooser" data-csp-id="id_hero_image"' in html
    assert "marketplace/js/wagtail-admin-init" in html
    for call in ("initDateTimeChooser(", "new InlinePanel(", "new ImageChooser("):
        assert call not in html


def test_a_file_that_sets_its_own_policy_keeps_it(rf, media_storage):
    """core.uploads serves uploaded files sandboxed; django-csp's middleware leaves their
    header alone (the onboarding papers' download is checked over HTTP in tests/onboarding)."""
    from csp.middleware import CSPMiddleware
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from core.uploads import FILE_CSP, media_serve

    name = default_storage.save("report.pdf", ContentFile(b"%PDF-1.4\n"))
    page = CSPMiddleware(lambda request: client_page(request))
    served = CSPMiddleware(lambda request: media_serve(request, name))

    response = served(rf.get("/media/report.pdf"))

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == FILE_CSP
    assert "default-src 'self'" in page(rf.get("/"))["Content-Security-Policy"]


def client_page(request):
    from django.http import HttpResponse

    return HttpResponse("<p>page</p>")


@pytest.fixture
def home_page(db):
    from cms.models import HomePage

    home = HomePage.objects.first()
    assert home is not None, "the cms migration made the home page"
    return home
