"""Create the demo site: an admin, the producers with their logins, their products with stock
and pictures, and the home page in Vietnamese and English.

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

from cms.models import HomePage, HomePageFeaturedProduct
from core.vietnamese import slugify
from demo import images
from demo.fairs import demo_fairs
from demo.inquiries import demo_inquiries
from demo.loading import StepFunction
from demo.lots import demo_lots
from demo.pages import demo_pages
from demo.products import PRODUCERS, PRODUCTS, DemoProduct
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

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@ocop.localhost"
ADMIN_PASSWORD = "admin"
PRODUCER_PASSWORD = "ocop-demo"

GOODS_CLASS = "Sản phẩm OCOP"
SERVICE_CLASS = "Dịch vụ du lịch OCOP"
SERVICE_SETS = {"du-lich-cong-dong-du-lich-sinh-thai", "diem-du-lich"}

# The hero text the cms migration puts on the home page; anything else is a staff edit.
MIGRATION_HERO_TITLE = "Sản phẩm OCOP Bắc Giang"
HOME_VI = {
    "hero_title": "Đặc sản OCOP Bắc Giang, chứng nhận từ 3 đến 5 sao",
    "hero_text": (
        "Vải thiều Lục Ngạn, mỳ Chũ, gà đồi Yên Thế và nhiều đặc sản khác, mua thẳng từ hợp tác xã "
        "và doanh nghiệp làm ra chúng, kèm thông tin nguồn gốc rõ ràng."
    ),
    "hero_cta_label": "Xem sản phẩm",
    "featured_title": "Sản phẩm tiêu biểu",
}
HOME_EN = {
    "title": "Home",
    "hero_title": "Bắc Giang OCOP specialities, certified 3 to 5 stars",
    "hero_text": (
        "Lục Ngạn lychees, Chũ rice noodles, Yên Thế hill chicken and more, bought straight from "
        "the cooperatives and companies that make them, with their origin on record."
    ),
    "hero_cta_label": "Browse products",
    "featured_title": "Featured products",
}


def _admin() -> tuple[int, int]:
    if User.objects.filter(username=ADMIN_USERNAME).exists():
        return 0, 1
    User.objects.create_superuser(username=ADMIN_USERNAME, email=ADMIN_EMAIL, password=ADMIN_PASSWORD)
    return 1, 0


def _product_classes() -> tuple[int, int]:
    created = 0
    for name, requires_shipping, track_stock in ((GOODS_CLASS, True, True), (SERVICE_CLASS, False, False)):
        _, was_created = ProductClass.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "requires_shipping": requires_shipping, "track_stock": track_stock},
        )
        created += was_created
    return created, 2 - created


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
    password = make_password(PRODUCER_PASSWORD)
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
        product_class = SERVICE_CLASS if data.product_set in SERVICE_SETS else GOODS_CLASS
        product = Product(
            structure=Product.STANDALONE,
            product_class=classes[slugify(product_class)],
            title=data.title,
            slug=slugify(data.title),
            upc=data.upc,
            description=data.full_description,
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


# Demo certificates: the star levels are the sources'; decision numbers, dates and scores are
# made up. Issue dates are spread back from today so that every badge is in force and a few
# certificates come close to expiry (36 months after issue).
DEMO_CERTIFICATE_AGES_DAYS = (120, 400, 700, 1010, 1050)
DEMO_SCORES = {3: Decimal("62.50"), 4: Decimal("78.00"), 5: Decimal("91.25")}
CRITERIA_REFORM = datetime.date(2025, 7, 1)


def _demo_issuer(*, stars: int, decided: datetime.date, district) -> tuple[str, str, str]:
    """(criteria version, issuer level, issuer name) as the rules of that date assign them."""
    if stars == 5:
        level, name = "central", "Bộ Nông nghiệp và Phát triển nông thôn"
    elif decided >= CRITERIA_REFORM or stars == 4:
        level, name = "province", "UBND tỉnh Bắc Giang"
    else:
        level, name = "district", f"UBND {district.full_name}"
    if decided >= CRITERIA_REFORM:
        return "qd1489-2025", level, ("UBND tỉnh Bắc Ninh" if level == "province" else name)
    return "qd148-2023", level, name


def _certificates() -> tuple[int, int]:
    products = Product.objects.select_related("origin_district").in_bulk(
        [p.upc for p in PRODUCTS], field_name="upc"
    )
    partners = Partner.objects.in_bulk([p.code for p in PRODUCERS], field_name="code")
    certified = set(
        Certificate.objects.filter(product__in=products.values()).values_list("product__upc", flat=True)
    )
    today = timezone.localdate()
    created = 0
    for number, data in enumerate(PRODUCTS, start=1):
        product, partner = products.get(data.upc), partners.get(data.producer)
        if data.upc in certified or product is None or partner is None:
            continue
        decided = today - datetime.timedelta(
            days=DEMO_CERTIFICATE_AGES_DAYS[number % len(DEMO_CERTIFICATE_AGES_DAYS)]
        )
        version, level, issuer = _demo_issuer(
            stars=data.stars, decided=decided, district=product.origin_district
        )
        valid_to = Certificate.validity_end(decided)
        certificate = Certificate(
            product=product,
            producer=partner,
            stars=data.stars,
            score=DEMO_SCORES[data.stars],
            criteria_version=version,
            decision_number=f"{number:03d}/QĐ-MINHHOA",
            decision_date=decided,
            issuer_level=level,
            issuer_name=issuer,
            programme_year=decided.year,
            valid_from=decided,
            valid_to=valid_to,
        )
        certificate.full_clean()
        certificate.save()
        created += 1
    return created, len(PRODUCTS) - created


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
    if page.hero_title != MIGRATION_HERO_TITLE:
        return 0, 1
    for field, value in HOME_VI.items():
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
    for field, value in HOME_EN.items():
        setattr(translation, field, value)
    translation.draft_title = translation.title
    translation.save_revision().publish()
    return 1, 0


def demo_data_steps() -> list[tuple[str, StepFunction]]:
    return [
        ("Admin account", _admin),
        ("Product classes", _product_classes),
        ("Producers", _producers),
        ("Producer logins", _producer_logins),
        ("Products", _products),
        ("Stock records", _stock_records),
        ("Product pictures", _product_pictures),
        ("OCOP certificates", _certificates),
        ("Lots and trace events", demo_lots),
        ("Trade fairs", demo_fairs),
        ("Home page hero", _home_hero),
        ("Home page products", _home_featured),
        ("English home page", _home_en),
        ("Promotion pages", demo_pages),
        ("Buyer inquiries", demo_inquiries),
    ]
