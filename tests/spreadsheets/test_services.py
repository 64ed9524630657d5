"""Importing listings: what changes at once, what waits for the OCOP office, what is refused."""

import pytest
from django.utils import translation
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from spreadsheets.reading import SheetRow
from spreadsheets.services import ListingRow, listings_export_rows, listings_import

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ListingChange = get_model("catalogue", "ListingChange")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")

HEADERS = {
    "sku": "SKU",
    "upc": "UPC",
    "title": "Title",
    "group": "Product group",
    "commune": "Origin commune code",
    "price": "Price (VND)",
    "stock": "Stock",
    "status": "Status",
    "description": "Description",
}


def rows(*values_list):
    return [
        SheetRow(number, values, {key: HEADERS.get(key, key) for key in values})
        for number, values in enumerate(values_list, start=2)
    ]


def lychee_row(**changes):
    row = {
        "sku": "VAI-1",
        "upc": "8936000000011",
        "title": "Vải thiều thử",
        "group": "Nông sản tươi sống",
        "commune": "T07210",
        "price": "150000",
        "stock": "5",
        "status": "Published",
    }
    return row | changes


def new_row(**changes):
    row = {
        "sku": "VAI-SAY-500G",
        "title": "Vải sấy Lục Ngạn 500 g",
        "group": "thuc pham che bien",
        "commune": "T07210",
        "price": "85.000",
        "stock": "20",
    }
    return row | changes


def state():
    """Everything an import may change."""
    return (
        sorted(Product.objects.values_list("pk", "title", "upc", "is_public", "moderation_status")),
        sorted(StockRecord.objects.values_list("pk", "partner_id", "partner_sku", "price", "num_in_stock")),
        sorted(ListingChange.objects.values_list("pk", "status")),
    )


def test_the_export_has_one_row_per_stock_record_of_the_producer(two_producers):
    a = two_producers["a"]
    dried = two_producers["lychee"].__class__.objects.create(
        title="Vải sấy", product_class=two_producers["lychee"].product_class, slug="vai-say"
    )
    dried.stockrecords.create(partner=a, partner_sku="A-0", price=None, num_in_stock=None)

    with translation.override("en"):
        exported = listings_export_rows(partner=a)

    assert exported == [
        ListingRow("A-0", "", "Vải sấy", "", "", None, None, "Published"),
        ListingRow(
            "VAI-1", "8936000000011", "Vải thiều thử", "Nông sản tươi sống", "T07210", 150000, 5, "Published"
        ),
    ]


def test_an_unchanged_file_changes_nothing(two_producers):
    before = state()

    report = listings_import(partner=two_producers["a"], rows=rows(lychee_row()), by=two_producers["a_user"])

    assert report.ok
    assert (report.updated, report.created, report.moderated, report.unchanged) == (0, 0, 0, 1)
    assert state() == before


def test_price_and_stock_change_at_once(two_producers):
    report = listings_import(
        partner=two_producers["a"],
        rows=rows(lychee_row(price="165.000", stock="40")),
        by=two_producers["a_user"],
    )

    assert (report.updated, report.moderated) == (1, 0)
    record = StockRecord.objects.get(partner_sku="VAI-1")
    assert (record.price, record.num_in_stock) == (165000, 40)
    assert not ListingChange.objects.exists()


def test_a_new_title_of_a_published_listing_waits_for_the_office(
    two_producers, mailoutbox, committed, django_user_model
):
    django_user_model.objects.create_user("staff", "staff@ocop.example", "pw", is_staff=True)
    lychee = two_producers["lychee"]

    with committed():
        report = listings_import(
            partner=two_producers["a"],
            rows=rows(lychee_row(title="Vải thiều Lục Ngạn loại 1", price="160000")),
            by=two_producers["a_user"],
        )

    assert (report.updated, report.moderated) == (1, 1)
    lychee.refresh_from_db()
    assert lychee.title == "Vải thiều thử" and lychee.is_public
    assert lychee.stockrecords.get().price == 160000
    change = ListingChange.objects.get(product=lychee)
    assert (change.kind, change.status, change.submitted_by) == ("change", "pending", two_producers["a_user"])
    assert (change.before["title"], change.after["title"]) == ("Vải thiều thử", "Vải thiều Lục Ngạn loại 1")
    assert change.after["categories"] == change.before["categories"]
    assert len(mailoutbox) == 1 and "staff@ocop.example" in mailoutbox[0].to


def test_a_new_group_and_origin_of_a_published_listing_wait_too(two_producers, other_commune):
    report = listings_import(
        partner=two_producers["a"],
        rows=rows(lychee_row(group="Thực phẩm > Gia vị", commune=other_commune.code)),
        by=two_producers["a_user"],
    )

    assert report.moderated == 1
    change = ListingChange.objects.get()
    assert change.after["categories"] == [Category.objects.get(slug="gia-vi").pk]
    assert change.after["origin_commune"] == other_commune.pk
    lychee = two_producers["lychee"]
    assert [c.slug for c in lychee.categories.all()] == ["nong-san-tuoi-song"]


def test_changes_to_a_listing_not_on_sale_are_applied_and_sent_for_approval_again(two_producers):
    lychee = two_producers["lychee"]
    Product.objects.filter(pk=lychee.pk).update(moderation_status=ModerationStatus.REJECTED, is_public=False)

    report = listings_import(
        partner=two_producers["a"],
        rows=rows(
            lychee_row(title="Vải thiều sấy khô", description="Sấy bằng lò than.", upc="8936000000099")
        ),
        by=two_producers["a_user"],
    )

    assert (report.updated, report.moderated) == (1, 1)
    lychee.refresh_from_db()
    assert (lychee.title, lychee.description, lychee.upc) == (
        "Vải thiều sấy khô",
        "Sấy bằng lò than.",
        "8936000000099",
    )
    assert (lychee.moderation_status, lychee.is_public) == (ModerationStatus.PENDING, False)
    change = ListingChange.objects.get()
    assert (change.kind, change.after["title"]) == ("new", "Vải thiều sấy khô")


def test_a_new_sku_creates_a_hidden_listing_waiting_for_approval(two_producers, commune):
    report = listings_import(partner=two_producers["a"], rows=rows(new_row()), by=two_producers["a_user"])

    assert (report.updated, report.created, report.moderated) == (0, 1, 1)
    record = StockRecord.objects.get(partner_sku="VAI-SAY-500G")
    product = record.product
    assert (record.partner, record.price, record.num_in_stock) == (two_producers["a"], 85000, 20)
    assert (product.title, product.is_public, product.moderation_status) == (
        "Vải sấy Lục Ngạn 500 g",
        False,
        ModerationStatus.PENDING,
    )
    assert product.origin_commune == commune
    assert [c.slug for c in product.categories.all()] == ["thuc-pham-che-bien"]
    assert product.product_class == two_producers["lychee"].product_class
    change = ListingChange.objects.get(product=product)
    assert (change.kind, change.status, change.after["title"]) == ("new", "pending", "Vải sấy Lục Ngạn 500 g")


def test_a_batch_of_listings_tells_the_office_in_one_mail(
    two_producers, mailoutbox, committed, django_user_model
):
    django_user_model.objects.create_user("staff", "staff@ocop.example", "pw", is_staff=True)
    mailoutbox.clear()  # the orders of `two_producers`
    batch = [new_row(sku=f"VAI-SAY-{n}", title=f"Vải sấy Lục Ngạn {n}00 g") for n in (1, 2, 3)]

    with committed():
        report = listings_import(
            partner=two_producers["a"],
            rows=rows(*batch, lychee_row(title="Vải thiều Lục Ngạn loại 1")),
            by=two_producers["a_user"],
        )

    assert (report.created, report.moderated) == (3, 4)
    assert ListingChange.objects.filter(status="pending").count() == 4
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert "staff@ocop.example" in mail.to
    assert mail.subject == f"4 sản phẩm của {two_producers['a'].name} chờ kiểm duyệt"
    assert "Vải sấy Lục Ngạn 300 g" in mail.body and "Vải thiều Lục Ngạn loại 1" in mail.body


def errors_of(report):
    return [(error.row, error.column, error.message) for error in report.errors]


def test_one_bad_row_among_good_ones_saves_nothing_and_names_the_row_and_column(two_producers):
    before = state()

    with translation.override("en"):
        report = listings_import(
            partner=two_producers["a"],
            rows=rows(
                lychee_row(price="165000", title="Vải mới"), new_row(), new_row(sku="VAI-2", stock="12.5")
            ),
            by=two_producers["a_user"],
        )

    assert errors_of(report) == [(4, "Stock", "“12.5” is not a whole number of units.")]
    assert (report.updated, report.created, report.moderated) == (0, 0, 0)
    assert state() == before


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"price": "-5"}, "Price (VND)", "This cannot be negative."),
        (
            {"price": "12.5"},
            "Price (VND)",
            "“12.5” is not a whole amount in đồng (such as 150000 or 150.000).",
        ),
        ({"price": "abc"}, "Price (VND)", "“abc” is not a whole amount in đồng (such as 150000 or 150.000)."),
        ({"price": "1.000.000.001"}, "Price (VND)", "A price is at most 1.000.000.000 đồng."),
        ({"stock": "-1"}, "Stock", "This cannot be negative."),
        ({"stock": "2000000"}, "Stock", "The stock is at most 1.000.000 units."),
        ({"group": "Đồ điện tử"}, "Product group", "“Đồ điện tử” is not a product group."),
        ({"commune": "99999"}, "Origin commune code", "“99999” is not the code of a commune."),
        ({"sku": ""}, "SKU", "The SKU is missing: each row needs the SKU of its listing."),
        ({"title": "x" * 256}, "Title", "A title has at most 255 characters."),
        ({"upc": "8936000000028"}, "UPC", "This UPC is already used by another product."),
        (
            {"upc": "8936000000000"},
            "UPC",
            "The UPC of a published listing cannot be changed here: ask the OCOP office.",
        ),
    ],
)
def test_a_bad_cell_is_reported(two_producers, changes, column, message):
    before = state()

    with translation.override("en"):
        report = listings_import(
            partner=two_producers["a"], rows=rows(lychee_row(**changes)), by=two_producers["a_user"]
        )

    assert errors_of(report) == [(2, column, message)]
    assert state() == before


@pytest.mark.parametrize(
    ("missing", "column", "message"),
    [
        ("title", "Title", "A new listing needs a title."),
        ("group", "Product group", "A new listing needs a product group."),
        ("price", "Price (VND)", "A new listing needs a value here."),
        ("stock", "Stock", "A new listing needs a value here."),
    ],
)
def test_a_new_listing_needs_title_group_price_and_stock(two_producers, missing, column, message):
    with translation.override("en"):
        report = listings_import(
            partner=two_producers["a"], rows=rows(new_row(**{missing: ""})), by=two_producers["a_user"]
        )

    assert errors_of(report) == [(2, column, message)]
    assert not StockRecord.objects.filter(partner_sku="VAI-SAY-500G").exists()


def test_a_sku_given_twice_is_refused(two_producers):
    with translation.override("en"):
        report = listings_import(
            partner=two_producers["a"],
            rows=rows(new_row(), new_row(title="Khác")),
            by=two_producers["a_user"],
        )

    assert errors_of(report) == [(3, "SKU", "Same SKU as row 2.")]
    assert not StockRecord.objects.filter(partner_sku="VAI-SAY-500G").exists()


def test_another_producers_sku_is_refused_untouched_and_unnamed(two_producers):
    before = state()

    with translation.override("en"):
        report = listings_import(
            partner=two_producers["a"],
            rows=rows(new_row(sku="MO-1", title="Mật ong của tôi", price="1")),
            by=two_producers["a_user"],
        )

    assert errors_of(report) == [
        (2, "SKU", "This SKU is used by another producer's listing: choose another SKU.")
    ]
    assert state() == before
    shown = " ".join(error.message for error in report.errors)
    assert "HTX Mật ong" not in shown and "Mật ong thử" not in shown


def test_a_forged_producer_column_is_not_read(two_producers):
    b = two_producers["b"]
    row = lychee_row(price="170000") | {"producer": str(b.pk), "partner": b.name}

    report = listings_import(partner=two_producers["a"], rows=rows(row), by=two_producers["a_user"])

    assert report.ok and report.updated == 1
    assert StockRecord.objects.get(partner_sku="VAI-1").price == 170000
    assert not StockRecord.objects.filter(partner=b, partner_sku="VAI-1").exists()
    assert StockRecord.objects.get(partner_sku="MO-1").price == 90000


def test_a_blank_cell_leaves_its_field_as_it_is(two_producers):
    before = state()

    report = listings_import(
        partner=two_producers["a"],
        rows=rows(
            {"sku": "VAI-1", "title": "", "group": "", "commune": "", "upc": "", "price": "", "stock": ""}
        ),
        by=two_producers["a_user"],
    )

    assert report.unchanged == 1
    assert state() == before


def test_a_commune_code_that_lost_its_leading_zero_is_found(two_producers, commune):
    commune.code = "09990"  # not a real code, so the demo communes cannot clash
    commune.save()
    report = listings_import(
        partner=two_producers["a"], rows=rows(new_row(commune="9990")), by=two_producers["a_user"]
    )

    assert report.ok
    assert StockRecord.objects.get(partner_sku="VAI-SAY-500G").product.origin_commune == commune


def test_english_text_of_a_published_listing_waits_for_the_office_cleaned(two_producers):
    lychee = two_producers["lychee"]

    report = listings_import(
        partner=two_producers["a"],
        rows=rows(
            lychee_row(title_en="Lục Ngạn lychees", description_en="<p>Sweet.</p><script>x()</script>")
        ),
        by=two_producers["a_user"],
    )

    assert (report.updated, report.moderated) == (1, 1)
    lychee.refresh_from_db()
    assert (lychee.title_en, lychee.description_en) == ("", "")
    change = ListingChange.objects.get(product=lychee)
    assert (change.after["title_en"], change.after["description_en"]) == ("Lục Ngạn lychees", "<p>Sweet.</p>")
    assert change.after["title"] == change.before["title"]


def test_a_new_listing_keeps_its_english_text_and_the_same_english_is_no_change(two_producers):
    report = listings_import(
        partner=two_producers["a"], rows=rows(new_row(title_en="Dried lychees")), by=two_producers["a_user"]
    )
    assert report.created == 1
    product = Product.objects.get(stockrecords__partner_sku="VAI-SAY-500G")
    assert product.title_en == "Dried lychees"

    lychee = two_producers["lychee"]
    lychee.title_en = "Lục Ngạn lychees"
    lychee.save()
    again = listings_import(
        partner=two_producers["a"],
        rows=rows(lychee_row(title_en="Lục Ngạn lychees")),
        by=two_producers["a_user"],
    )
    assert (again.unchanged, again.moderated) == (1, 0)
