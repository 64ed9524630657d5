"""Create the demo site from its data files (`demo/data/`): an admin, the producers with their
logins, their products with stock, pictures and certificates, and the home page in Vietnamese
and English; then the lots, fairs, training courses, promotion pages (and their English
versions) and inquiries of the modules beside this one.

Every step looks its objects up by a natural key (username, partner code, UPC, partner SKU)
and creates only what is missing: objects that are already there, perhaps edited by staff,
are left alone, so the loader can run on any database any number of times.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Locale, Site

from catalog.certificates.services import certificate_issuer_name
from catalog.ocop import (
    MINISTRY_BEFORE_2025,
    MINISTRY_FROM_2025,
    MINISTRY_RENAMED,
    IssuerLevel,
    criteria_version_on,
    issuer_level_for,
)
from cms.models import HomePage, HomePageFeaturedProduct
from core.clock import VIETNAM, vietnam_today
from core.vietnamese import slugify
from demo import images
from demo.dates import date_from
from demo.english import english_pages
from demo.evaluation import closed_round_skus, demo_evaluation
from demo.fairs import demo_fairs
from demo.inquiries import demo_inquiries
from demo.loading import StepFunction
from demo.lots import demo_lots
from demo.orders import demo_listing_change, demo_orders
from demo.pages import demo_pages
from demo.preorders import demo_preorders
from demo.products import PRODUCERS, PRODUCTS, DemoProduct, upc
from demo.records import data_file
from demo.seasons import demo_seasons
from demo.training import demo_training
from demo.visits import demo_visits
from places.models import Commune, District

User = get_user_model()
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Certificate = get_model("catalogue", "Certificate")
EvaluationRequest = get_model("catalogue", "EvaluationRequest")

SITE = data_file("site")


def _admin() -> tuple[int, int]:
    if User.objects.filter(username=SITE["admin"]["username"]).exists():
        return 0, 1
    User.objects.create_superuser(**SITE["admin"])
    return 1, 0


def _product_classes() -> tuple[int, int]:
    created = 0
    for data in SITE["product_classes"]:
        _, was_created = ProductClass.objects.get_or_create(
            slug=slugify(data["name"]),
            defaults={
                "name": data["name"],
                "requires_shipping": data["requires_shipping"],
                "track_stock": data["track_stock"],
            },
        )
        created += was_created
    return created, len(SITE["product_classes"]) - created


def _product_class_name(product_set: str) -> str:
    """The class that lists the product set, or else the one that lists none."""
    classes = SITE["product_classes"]
    listing = [data for data in classes if product_set in data.get("product_sets", ())]
    return (listing or [data for data in classes if not data.get("product_sets")])[0]["name"]


def _producer_places() -> tuple[dict, dict]:
    """The demo producers' communes and legacy districts, by code."""
    communes = Commune.objects.filter(code__in={p.commune_code for p in PRODUCERS})
    districts = District.objects.filter(code__in={p.district_code for p in PRODUCERS})
    return {c.code: c for c in communes}, {d.code: d for d in districts}


def _producers() -> tuple[int, int]:
    existing = set(
        Partner.objects.filter(code__in=[p.code for p in PRODUCERS]).values_list("code", flat=True)
    )
    communes, districts = _producer_places()
    created = 0
    for data in PRODUCERS:
        if data.code in existing:
            continue
        partner = Partner(
            code=data.code,
            name=data.name,
            legal_type=data.legal_type,
            street_address=data.street_address,
            commune=communes[data.commune_code],
            legacy_district=districts[data.district_code],
            contact_name=data.contact_name,
            phone=data.phone,
            description=data.description,
            name_en=data.name_en,
            description_en=data.description_en,
            is_verified=True,
        )
        partner.logo.save(
            f"{data.code}.png",
            ContentFile(images.producer_logo_png(monogram=data.monogram, colour=data.colour)),
            save=False,
        )
        partner.full_clean()
        partner.save()
        created += 1
    return created, len(PRODUCERS) - created


def _producer_logins() -> tuple[int, int]:
    """One login per producer, named after its partner code: dashboard access, not staff."""
    dashboard_access = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    # One hash for all: the demo password is the same everywhere and hashing is slow by design.
    password = make_password(SITE["producer_logins"]["password"])
    partners = Partner.objects.in_bulk([p.code for p in PRODUCERS], field_name="code")
    created = 0
    for data in PRODUCERS:
        user = User.objects.filter(username=data.code).first()
        if user is None:
            user = User(username=data.code, email=f"{data.code}@ocop.localhost", password=password)
            user.full_clean()
            user.save()
            user.user_permissions.add(dashboard_access)
            created += 1
        partner = partners.get(data.code)
        if partner is not None and not partner.users.filter(pk=user.pk).exists():
            partner.users.add(user)
    return created, len(PRODUCERS) - created


def _categories() -> dict:
    return {category.slug: category for category in Category.objects.all()}


def _products() -> tuple[int, int]:
    existing = set(Product.objects.filter(upc__in=[p.upc for p in PRODUCTS]).values_list("upc", flat=True))
    classes = {c.slug: c for c in ProductClass.objects.all()}
    categories = _categories()
    producers = {p.code: p for p in PRODUCERS}
    communes, districts = _producer_places()
    created = 0
    for data in PRODUCTS:
        if data.upc in existing:
            continue
        producer = producers[data.producer]
        product = Product(
            structure=Product.STANDALONE,
            product_class=classes[slugify(_product_class_name(data.product_set))],
            title=data.title,
            slug=slugify(data.title),
            upc=data.upc,
            description=data.full_description,
            title_en=data.title_en,
            description_en=data.full_description_en,
            is_public=True,
            origin_commune=communes[producer.commune_code],
            origin_district=districts[producer.district_code],
        )
        product.full_clean()
        product.save()
        ProductCategory.objects.create(product=product, category=categories[data.product_set])
        created += 1
    return created, len(PRODUCTS) - created


def _stock_records() -> tuple[int, int]:
    products = Product.objects.in_bulk([p.upc for p in PRODUCTS], field_name="upc")
    partners = Partner.objects.in_bulk([p.code for p in PRODUCERS], field_name="code")
    existing = set(StockRecord.objects.values_list("partner__code", "partner_sku"))
    created = 0
    for data in PRODUCTS:
        if (data.producer, data.sku) in existing:
            continue
        product, partner = products.get(data.upc), partners.get(data.producer)
        if product is None or partner is None:
            continue
        record = StockRecord(
            product=product,
            partner=partner,
            partner_sku=data.sku,
            price=Decimal(data.price),
            num_in_stock=data.num_in_stock,
        )
        record.full_clean()
        record.save()
        created += 1
    return created, len(PRODUCTS) - created


def demo_district_name(*, commune_code: str, district, on: datetime.date) -> str:
    """The producer's legacy district as it was called on that day ("huyện Lục Ngạn", "thị xã
    Chũ"): the data file's renames by commune (site.toml), else the district's last name."""
    for rename in SITE["certificates"]["district_names"]:
        if commune_code not in rename["communes"]:
            continue
        if rename.get("from", on) <= on <= rename.get("until", on):
            return rename["name"]
    return f"{district.kind.lower()} {district.name}"


def _signatories_corrected() -> int:
    """Demo certificates that an earlier version of this loader signed wrongly (issue 17): with
    the ministry's old name after it was renamed, or "UBND Huyện ..." for "UBND huyện ...".
    Only those: a name staff typed is theirs."""
    demo = Certificate.objects.filter(decision_number__endswith="/QĐ-MINHHOA")
    corrected = demo.filter(
        issuer_level=IssuerLevel.CENTRAL,
        issuer_name=MINISTRY_BEFORE_2025,
        decision_date__gte=MINISTRY_RENAMED,
    ).update(issuer_name=MINISTRY_FROM_2025)
    for wrong, right in (("UBND Huyện ", "UBND huyện "), ("UBND Thị xã ", "UBND thị xã ")):
        for certificate in demo.filter(issuer_level=IssuerLevel.DISTRICT, issuer_name__startswith=wrong):
            if certificate.issuer_name.startswith(wrong):  # SQLite's LIKE ignores ASCII case
                certificate.issuer_name = right + certificate.issuer_name.removeprefix(wrong)
                certificate.save(update_fields=["issuer_name", "updated"])
                corrected += 1
    return corrected


def _certificates() -> tuple[int, int]:
    """The demo certificates that are missing, decided on their demo dates; (created or
    corrected, already there)."""
    corrected = _signatories_corrected()
    products = Product.objects.select_related(
        "origin_district__province", "origin_commune__province"
    ).in_bulk([p.upc for p in PRODUCTS], field_name="upc")
    partners = Partner.objects.in_bulk([p.code for p in PRODUCERS], field_name="code")
    certified = set(
        Certificate.objects.filter(product__in=products.values()).values_list("product__upc", flat=True)
    )
    decided_on = SITE["certificates"]["decided"]
    # Issued by the decision of the demo's closed evaluation round (the "Evaluation rounds" step).
    left_to_rounds = closed_round_skus()
    scores = {int(stars): Decimal(score) for stars, score in SITE["certificates"]["scores"].items()}
    producers = {p.code: p for p in PRODUCERS}
    today = vietnam_today()
    created = 0
    for number, data in enumerate(PRODUCTS, start=1):
        product, partner = products.get(data.upc), partners.get(data.producer)
        if data.upc in certified or product is None or partner is None or data.sku in left_to_rounds:
            continue
        decided = date_from(decided_on[number % len(decided_on)], today=today)
        level = issuer_level_for(stars=data.stars, decision_date=decided)
        issuer = certificate_issuer_name(
            product=product,
            issuer_level=level,
            decision_date=decided,
            district_name=demo_district_name(
                commune_code=producers[data.producer].commune_code,
                district=product.origin_district,
                on=decided,
            ),
        )
        certificate = Certificate(
            product=product,
            producer=partner,
            stars=data.stars,
            score=scores[data.stars],
            criteria_version=criteria_version_on(decided),
            decision_number=f"{number:03d}/QĐ-MINHHOA",
            decision_date=decided,
            issuer_level=level,
            issuer_name=issuer,
            programme_year=decided.year,
            valid_from=decided,
            valid_to=Certificate.validity_end(decided),
        )
        certificate.full_clean()
        certificate.save()
        created += 1
    return created + corrected, len(PRODUCTS) - created


def _evaluation_requests() -> tuple[int, int]:
    """The requests of `site.toml` waiting for the office, unless the product has one (of any
    state: a request staff decided stays decided). No mail: the demo tells nobody."""
    records = SITE["evaluation_requests"]
    products = Product.objects.in_bulk([upc(data["sku"]) for data in records], field_name="upc")
    today = vietnam_today()
    created = 0
    for data in records:
        product = products.get(upc(data["sku"]))
        certificate = product and product.certificates.filter(status="active").order_by("-valid_from").first()
        if certificate is None or EvaluationRequest.objects.filter(product=product).exists():
            continue
        request = EvaluationRequest(
            product=product,
            producer=certificate.producer,
            certificate=certificate,
            kind=data["kind"],
            target_stars=data.get("target_stars"),
            message=data["message"],
            submitted_by=certificate.producer.users.order_by("pk").first(),
        )
        request.full_clean()
        request.save()
        submitted = datetime.datetime.combine(
            date_from(data["submitted"], today=today), datetime.time(8), tzinfo=VIETNAM
        )
        EvaluationRequest.objects.filter(pk=request.pk).update(submitted_at=min(submitted, timezone.now()))
        created += 1
    return created, len(records) - created


def _product_pictures() -> tuple[int, int]:
    products = Product.objects.filter(upc__in=[p.upc for p in PRODUCTS]).prefetch_related(
        "images", "categories"
    )
    products = {product.upc: product for product in products}
    groups = {category.path: category.slug for category in Category.get_root_nodes()}
    created = 0
    for data in PRODUCTS:
        product = products.get(data.upc)
        if product is None or product.images.all():
            continue
        category = next(iter(product.categories.all()), None)
        group_slug = groups.get(category.path[: Category.steplen]) if category else ""
        png = images.product_picture_png(
            title=data.title, picture=data.picture, group_slug=group_slug, seed=data.sku
        )
        image = ProductImage(product=product, caption=data.title, display_order=0)
        image.original.save(f"{data.sku}.png", ContentFile(png), save=False)
        image.save()
        created += 1
    return created, len(PRODUCTS) - created


def _featured(data: DemoProduct) -> int:
    return data.featured


def _home_page() -> HomePage | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    return root if isinstance(root, HomePage) else None


def _home_hero() -> tuple[int, int]:
    """The hero texts, unless staff have changed them since the cms migration."""
    page = _home_page()
    if page is None:
        return 0, 0
    if page.hero_title != SITE["home"]["migration_hero_title"]:
        return 0, 1
    for field, value in SITE["home"]["vi"].items():
        setattr(page, field, value)
    page.save_revision().publish()
    return 1, 0


def _home_featured() -> tuple[int, int]:
    """Eight featured products, unless the home page already shows some."""
    page = _home_page()
    if page is None:
        return 0, 0
    existing = page.featured_products.count()
    if existing:
        return 0, existing
    featured = sorted((p for p in PRODUCTS if p.featured), key=_featured)
    products = Product.objects.in_bulk([p.upc for p in featured], field_name="upc")
    page.featured_products = [
        HomePageFeaturedProduct(product=products[p.upc], sort_order=i)
        for i, p in enumerate(featured)
        if p.upc in products
    ]
    page.save_revision().publish()
    return len(page.featured_products.all()), 0


def _home_en() -> tuple[int, int]:
    page = _home_page()
    if page is None or "en" not in dict(settings.LANGUAGES):
        return 0, 0
    locale, _ = Locale.objects.get_or_create(language_code="en")
    if page.get_translation_or_none(locale) is not None:
        return 0, 1
    translation = page.copy_for_translation(locale)
    for field, value in SITE["home"]["en"].items():
        setattr(translation, field, value)
    translation.draft_title = translation.title
    translation.save_revision().publish()
    return 1, 0


def _english_text() -> tuple[int, int]:
    """The English of demo producers and products loaded before they had any, where it is
    still empty (what staff or producers wrote stays)."""
    partners = Partner.objects.in_bulk([p.code for p in PRODUCERS], field_name="code")
    products = Product.objects.in_bulk([p.upc for p in PRODUCTS], field_name="upc")
    english = [
        (partners.get(p.code), {"name_en": p.name_en, "description_en": p.description_en}) for p in PRODUCERS
    ] + [
        (products.get(p.upc), {"title_en": p.title_en, "description_en": p.full_description_en})
        for p in PRODUCTS
    ]
    filled = 0
    for obj, fields in english:
        name = next(iter(fields))  # the name or title: set means the English was written
        if obj is not None and not getattr(obj, name) and fields[name]:
            for field, value in fields.items():
                setattr(obj, field, value)
            obj.save(update_fields=list(fields))
            filled += 1
    return filled, len(english) - filled


def demo_data_steps() -> list[tuple[str, StepFunction]]:
    return [
        ("Admin account", _admin),
        ("Product classes", _product_classes),
        ("Producers", _producers),
        ("Producer logins", _producer_logins),
        ("Products", _products),
        ("English text", _english_text),
        ("Stock records", _stock_records),
        ("Product pictures", _product_pictures),
        ("OCOP certificates", _certificates),
        ("Evaluation requests", _evaluation_requests),
        ("Evaluation rounds", demo_evaluation),
        ("Lots and trace events", demo_lots),
        ("Harvest seasons", demo_seasons),
        ("Trade fairs", demo_fairs),
        ("Training courses", demo_training),
        ("Home page hero", _home_hero),
        ("Home page products", _home_featured),
        ("English home page", _home_en),
        ("Promotion pages", demo_pages),
        ("English pages", english_pages),
        ("Buyer inquiries", demo_inquiries),
        ("Demo orders", demo_orders),
        ("Pre-orders", demo_preorders),
        ("Visit sessions", demo_visits),
        ("Listing change waiting", demo_listing_change),
    ]
