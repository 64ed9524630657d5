"""The demo data loader: what it creates, and that it only ever adds what is missing.

The test database may already hold the demo data (the session fixture `demo_data` commits
it), so every test runs the loader itself and checks the state, or the delta of a rerun.
"""

import os
import re
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model
from wagtail.models import Locale

from cms.models import HomePage
from demo.products import ILLUSTRATIVE_PRICE_NOTE, PRODUCERS, PRODUCTS
from search.models import ProductSearchRecord

User = get_user_model()
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Certificate = get_model("catalogue", "Certificate")

STEPS = [
    "Places",
    "Product groups",
    "Criteria sheets",
    "Admin account",
    "Product classes",
    "Producers",
    "Producer logins",
    "Products",
    "English text",
    "Stock records",
    "Product pictures",
    "OCOP certificates",
    "Evaluation requests",
    "Evaluation rounds",
    "Lots and trace events",
    "Harvest seasons",
    "Trade fairs",
    "Training courses",
    "Home page hero",
    "Home page products",
    "English home page",
    "Promotion pages",
    "English pages",
    "Buyer inquiries",
    "Demo orders",
    "Pre-orders",
    "Visit sessions",
    "Listing change waiting",
]


def created_per_step(output: str) -> dict[str, int]:
    lines = re.findall(r"^\s*\[\d+/\d+\] (.+?) \.{3,} ([\d,]+) created, [\d,]+ already there$", output, re.M)
    return {label: int(count.replace(",", "")) for label, count in lines}


def demo_products():
    return Product.objects.filter(upc__in=[p.upc for p in PRODUCTS])


def test_loads_public_products_with_price_picture_and_origin(run_command):
    run_command("load_demo_data")

    products = demo_products().select_related("origin_commune__province", "origin_district")
    assert products.count() == 26
    for product in products:
        assert product.is_public
        [record] = product.stockrecords.all()
        assert record.price > 0
        assert record.price == record.price.to_integral_value()
        assert product.images.count() == 1
        assert product.images.get().caption == product.title
        assert (product.origin_commune.province.name, product.origin_commune.province.is_current) == (
            "Bắc Ninh",
            True,
        )
        assert product.origin_district in product.origin_commune.legacy_districts.all()
        assert product.description.endswith(" " + ILLUSTRATIVE_PRICE_NOTE)


def test_lychee_is_in_fresh_produce_from_luc_ngan_at_an_illustrative_price(run_command):
    run_command("load_demo_data")

    lychee = Product.objects.get(upc="OCOP-BG-VAI-THIEU-LUC-NGAN-2KG")
    assert lychee.title == "Vải thiều Lục Ngạn"
    assert [c.full_name for c in lychee.categories.all()] == ["Thực phẩm > Nông sản tươi sống"]
    assert (lychee.origin_commune.full_name, lychee.origin_district.name) == ("Phường Chũ", "Lục Ngạn")
    record = lychee.stockrecords.get()
    assert (record.partner.code, record.partner_sku, record.price) == (
        "htx-hong-xuan",
        "vai-thieu-luc-ngan-2kg",
        Decimal("120000"),
    )
    assert lychee.product_class.track_stock is True


def test_tourism_is_a_service_without_stock_or_shipping(run_command):
    run_command("load_demo_data")

    tour = Product.objects.get(upc="OCOP-BG-DU-LICH-BAN-VEN-1-NGAY")
    assert (tour.product_class.requires_shipping, tour.product_class.track_stock) == (False, False)
    assert tour.categories.get().full_name == (
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch > Du lịch cộng đồng, du lịch sinh thái"
    )


def test_every_producer_has_its_own_login_with_dashboard_access_and_no_staff_rights(run_command):
    run_command("load_demo_data")

    partners = Partner.objects.filter(code__in=[p.code for p in PRODUCERS]).select_related(
        "commune__province"
    )
    assert partners.count() == 16
    for partner in partners:
        [user] = partner.users.all()
        assert user.username == partner.code
        assert user.check_password("ocop-demo")
        assert user.has_perm("partner.dashboard_access")
        assert not user.is_staff
        assert not user.is_superuser
        assert partner.is_verified
        assert partner.commune.province.name == "Bắc Ninh"
        assert partner.legacy_district.province.name == "Bắc Giang"
        assert partner.phone
        assert partner.logo.name.startswith("producers/logos/")


def test_admin_is_a_superuser_with_wagtail_admin_access(run_command):
    run_command("load_demo_data")

    admin = User.objects.get(username="admin")
    assert (admin.email, admin.is_staff, admin.is_superuser) == ("admin@ocop.localhost", True, True)
    assert admin.check_password("admin")
    assert admin.has_perm("wagtailadmin.access_admin")


def test_home_page_gets_hero_eight_featured_products_and_an_english_translation(run_command):
    run_command("load_demo_data")

    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    assert home.hero_title == "Đặc sản OCOP Bắc Giang, chứng nhận từ 3 đến 5 sao"
    assert [item.product.title for item in home.featured_products.all()] == [
        "Vải thiều Lục Ngạn",
        "Mỳ gạo Chũ Xuân Trường",
        "Mật ong hoa vải Hằng Hiếu",
        "Chả gà Yên Thế",
        "Du lịch sinh thái, văn hóa bản Ven",
        "Nụ hoa Sâm Nam núi Dành khô",
        "Rượu nếp cái hoa vàng Vân Hương",
        "Đông trùng hạ thảo khô Trường Thọ",
    ]
    english = home.get_translation(Locale.objects.get(language_code="en"))
    assert (english.live, english.title) == (True, "Home")
    assert english.specific.hero_title == "Bắc Giang OCOP specialities, certified 3 to 5 stars"
    assert english.specific.featured_products.count() == 8


def object_counts():
    return (
        Product.objects.count(),
        Partner.objects.count(),
        User.objects.count(),
        StockRecord.objects.count(),
        Certificate.objects.count(),
        ProductSearchRecord.objects.count(),
    )


def test_demo_products_producers_and_groups_have_english_text(run_command):
    run_command("load_demo_data")

    assert demo_products().count() == len(PRODUCTS)
    assert not demo_products().filter(title_en="").exists()
    assert not demo_products().filter(description_en="").exists()
    lychee = demo_products().get(upc="OCOP-BG-VAI-THIEU-LUC-NGAN-2KG")
    assert lychee.title_en == "Lục Ngạn lychees"
    assert lychee.description_en.endswith("Prices on the demo site are for illustration.")
    producers = Partner.objects.filter(code__in=[p.code for p in PRODUCERS])
    assert not producers.filter(name_en="").exists() and not producers.filter(description_en="").exists()
    assert not get_model("catalogue", "Category").objects.filter(name_en="").exists()


def test_rerun_fills_english_text_that_is_missing_and_keeps_what_was_written(run_command):
    run_command("load_demo_data")
    emptied, edited = demo_products()[:2]
    Product.objects.filter(pk=emptied.pk).update(title_en="", description_en="")
    Product.objects.filter(pk=edited.pk).update(title_en="Our own English")

    output = run_command("load_demo_data")

    assert created_per_step(output)["English text"] == 1
    emptied.refresh_from_db()
    edited.refresh_from_db()
    assert emptied.title_en and emptied.description_en
    assert edited.title_en == "Our own English"


def test_second_run_creates_nothing_and_says_so(run_command):
    run_command("load_demo_data")
    counts = object_counts()

    output = run_command("load_demo_data")

    assert created_per_step(output) == dict.fromkeys(STEPS, 0)
    assert output.rstrip().endswith("Nothing to do: the demo data is already loaded (0 created).")
    assert object_counts() == counts


def test_rerun_recreates_only_a_deleted_product_and_a_deleted_producer(run_command):
    run_command("load_demo_data")
    counts = object_counts()
    Product.objects.get(upc="OCOP-BG-SNACK-GAO-100G").delete()
    # Its stock record goes with it (a producer with no evaluation dossier: those are kept).
    Partner.objects.get(code="htx-quang-duy").delete()

    output = run_command("load_demo_data")

    assert created_per_step(output) == {
        **dict.fromkeys(STEPS, 0),
        "Producers": 1,
        "Products": 1,
        "Stock records": 2,
        "Product pictures": 1,
        "OCOP certificates": 2,  # the deleted product's, and the one that went with its producer
    }
    assert re.search(r"^Demo data loaded: 7 created in \d+\.\d s\.$", output, re.M)
    assert object_counts() == counts
    assert list(Partner.objects.get(code="htx-quang-duy").users.values_list("username", flat=True)) == [
        "htx-quang-duy"
    ]


def test_rerun_keeps_what_staff_edited(run_command):
    run_command("load_demo_data")
    Product.objects.filter(upc="OCOP-BG-MY-GAO-CHU-1KG").update(title="Mỳ Chũ đặc biệt")
    StockRecord.objects.filter(partner_sku="my-gao-chu-1kg").update(price=Decimal("49000"))
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    home.hero_title = "Mùa vải 2026"
    home.save_revision().publish()

    run_command("load_demo_data")

    assert Product.objects.get(upc="OCOP-BG-MY-GAO-CHU-1KG").title == "Mỳ Chũ đặc biệt"
    assert StockRecord.objects.get(partner_sku="my-gao-chu-1kg").price == Decimal("49000")
    assert HomePage.objects.get(pk=home.pk).hero_title == "Mùa vải 2026"


@pytest.mark.parametrize("command", ["load_demo_data", "load_reference_data"])
def test_verbosity_0_prints_nothing(run_command, command):
    assert run_command(command, verbosity=0) == ""


def test_reference_data_command_reports_its_steps(run_command):
    output = run_command("load_reference_data")

    assert list(created_per_step(output)) == ["Places", "Product groups", "Criteria sheets"]


def test_the_demo_data_is_refused_where_it_is_not_allowed(db, settings):
    """Issue 14: where the demo is not allowed, its well-known logins are never made."""
    settings.MARKETPLACE_DEMO_DATA_ALLOWED = False
    users = User.objects.count()

    with pytest.raises(CommandError, match="MARKETPLACE_DEMO_DATA_ALLOWED"):
        call_command("load_demo_data", verbosity=0)

    assert User.objects.count() == users


def test_the_production_settings_refuse_the_demo_data(tmp_path):
    """Run as an operator would, under the production settings: refused before any write."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "ocop.example",
        "MARKETPLACE_BASE_URL": "https://ocop.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'never.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_data"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "MARKETPLACE_DEMO_DATA_ALLOWED" in result.stderr
    with sqlite3.connect(tmp_path / "never.sqlite3") as database:  # opened by the checks, never written
        assert database.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone() == (0,)
