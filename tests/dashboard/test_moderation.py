"""Producers' listings go through the OCOP office: new ones stay hidden, changes wait aside."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from catalog.models import ModerationStatus
from tests.catalog.factories import CategoryFactory
from tests.core.factories import picture_bytes

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ListingChange = get_model("catalogue", "ListingChange")
StockRecord = get_model("partner", "StockRecord")


def filled(response):
    """The POST a browser would send back for the product form page in `response`."""
    data = {}
    context = response.context
    forms = [context["form"]]
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        formset = context[name]
        management = formset.management_form
        for field in management.fields:
            data[management.add_prefix(field)] = management[field].value()
        # Only the forms with content; the empty extra ones are left out (as if removed).
        data[management.add_prefix("TOTAL_FORMS")] = formset.initial_form_count()
        forms += list(formset.forms[: formset.initial_form_count()])
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or name in ("DELETE", "original"):
                continue
            data[form.add_prefix(name)] = value
    return data


@pytest.fixture
def producer(two_producers, client):
    client.force_login(two_producers["a_user"])
    return two_producers


def edit_page(client, product):
    if not product.categories.exists():
        product.categories.add(CategoryFactory())  # Oscar wants a product group on every product
    return client.get(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))


def test_a_changed_listing_waits_while_price_and_stock_change_at_once(
    client, producer, products, mailoutbox, committed, django_user_model
):
    django_user_model.objects.create_user("staff", "staff@ocop.example", "pw", is_staff=True)
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["title"] = "Vải thiều Lục Ngạn loại 1"
    data["stockrecords-0-price"] = "165000"
    data["stockrecords-0-num_in_stock"] = "40"
    with committed():
        response = client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    lychee.refresh_from_db()
    record = StockRecord.objects.get(product=lychee)
    assert lychee.title == "Vải thiều thử" and lychee.is_public  # the public still sees the published one
    assert (record.price, record.num_in_stock) == (165000, 40)
    change = ListingChange.objects.get(product=lychee)
    assert (change.kind, change.status) == ("change", "pending")
    assert (change.before["title"], change.after["title"]) == ("Vải thiều thử", "Vải thiều Lục Ngạn loại 1")
    to_staff = [mail for mail in mailoutbox if "staff@ocop.example" in mail.to]
    assert len(to_staff) == 1 and "Vải thiều thử" in to_staff[0].subject


def test_staff_read_the_diff_and_approve(
    client, producer, products, django_user_model, mailoutbox, committed
):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["title"] = "Vải thiều Lục Ngạn loại 1"
    client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    change = ListingChange.objects.get()

    staff = django_user_model.objects.create_superuser("staff", "staff@ocop.example", "pw")
    client.force_login(staff)
    page = client.get(
        reverse("catalog-dashboard:moderation-detail", kwargs={"pk": change.pk})
    ).content.decode()
    # The words that changed, not the whole title struck and written again.
    assert re.search(r"Vải thiều <del>.*?thử</del> <ins>.*?Lục Ngạn loại 1</ins>", page)
    mailoutbox.clear()
    with committed():
        client.post(
            reverse("catalog-dashboard:moderation-decide", kwargs={"pk": change.pk}),
            {"decision": "approve"},
        )
    lychee.refresh_from_db()
    assert (
        lychee.title == "Vải thiều Lục Ngạn loại 1" and lychee.moderation_status == ModerationStatus.PUBLISHED
    )
    assert mailoutbox[0].to == ["a@htx-vai.example"]


def test_a_rejection_keeps_the_published_listing_and_tells_why(client, producer, products, django_user_model):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["description"] = "Ngon nhất thế giới, chữa bách bệnh"
    client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    change = ListingChange.objects.get()
    client.force_login(django_user_model.objects.create_superuser("staff", "staff@ocop.example", "pw"))
    url = reverse("catalog-dashboard:moderation-decide", kwargs={"pk": change.pk})
    assert "Vui lòng nêu lý do" in client.post(url, {"decision": "reject", "reason": ""}).content.decode()
    client.post(url, {"decision": "reject", "reason": "Không được quảng cáo công dụng chữa bệnh."})
    change.refresh_from_db()
    lychee.refresh_from_db()
    assert change.status == "rejected" and lychee.description != "Ngon nhất thế giới, chữa bách bệnh"
    assert lychee.is_public


def test_a_new_listing_stays_hidden_until_approved(client, producer, products, django_user_model):
    lychee = products[0]
    create_url = reverse(
        "dashboard:catalogue-product-create", kwargs={"product_class_slug": lychee.product_class.slug}
    )
    data = filled(client.get(create_url))
    data.update({"title": "Chè Thanh Tân thử", "upc": "8930000099999"})
    data.update(
        {"productcategory_set-TOTAL_FORMS": 1, "productcategory_set-0-category": CategoryFactory().pk}
    )
    data["stockrecords-TOTAL_FORMS"] = 1
    data.update({"stockrecords-0-partner": producer["a"].pk, "stockrecords-0-partner_sku": "CHE-1"})
    data.update({"stockrecords-0-price": "80000", "stockrecords-0-num_in_stock": "10"})
    data["stockrecords-0-price_currency"] = "VND"
    response = client.post(create_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    tea = Product.objects.get(title="Chè Thanh Tân thử")
    assert not tea.is_public and tea.moderation_status == ModerationStatus.PENDING
    assert not Product.objects.browsable().filter(pk=tea.pk).exists()

    client.force_login(django_user_model.objects.create_superuser("staff", "staff@ocop.example", "pw"))
    change = ListingChange.objects.get(product=tea)
    client.post(
        reverse("catalog-dashboard:moderation-decide", kwargs={"pk": change.pk}), {"decision": "approve"}
    )
    tea.refresh_from_db()
    assert tea.is_public and Product.objects.browsable().filter(pk=tea.pk).exists()


def test_a_draft_stays_out_of_the_queue_until_sent(
    client, producer, products, mailoutbox, committed, django_user_model
):
    django_user_model.objects.create_user("office", "office@ocop.example", "pw", is_staff=True)
    create_url = reverse(
        "dashboard:catalogue-product-create", kwargs={"product_class_slug": products[0].product_class.slug}
    )
    page = client.get(create_url)
    assert "Lưu nháp" in page.content.decode()
    data = filled(page)
    data.update({"title": "Rượu làng Vân thử", "upc": "8930000088888", "action": "draft"})
    data.update(
        {"productcategory_set-TOTAL_FORMS": 1, "productcategory_set-0-category": CategoryFactory().pk}
    )
    data["stockrecords-TOTAL_FORMS"] = 1
    data.update({"stockrecords-0-partner": producer["a"].pk, "stockrecords-0-partner_sku": "RUOU-1"})
    data.update({"stockrecords-0-price": "120000", "stockrecords-0-num_in_stock": "4"})
    data["stockrecords-0-price_currency"] = "VND"
    mailoutbox.clear()  # the orders of `two_producers`

    with committed():
        response = client.post(create_url, data)

    wine = Product.objects.get(title="Rượu làng Vân thử")
    assert response["Location"] == reverse("dashboard:catalogue-product", kwargs={"pk": wine.pk})
    assert (wine.is_public, wine.moderation_status) == (False, ModerationStatus.DRAFT)
    assert not ListingChange.objects.filter(product=wine).exists()
    assert mailoutbox == []
    page = edit_page(client, wine)
    assert 'data-moderation-status="draft"' in page.content.decode()

    data = filled(page)
    data["action"] = "save"
    with committed():
        client.post(reverse("dashboard:catalogue-product", kwargs={"pk": wine.pk}), data)

    wine.refresh_from_db()
    assert wine.moderation_status == ModerationStatus.PENDING
    assert ListingChange.objects.get(product=wine).status == ListingChange.Status.PENDING
    assert len(mailoutbox) == 1 and "office@ocop.example" in mailoutbox[0].to

    data["action"] = "draft"
    client.post(reverse("dashboard:catalogue-product", kwargs={"pk": wine.pk}), data)

    wine.refresh_from_db()
    assert wine.moderation_status == ModerationStatus.DRAFT
    assert ListingChange.objects.get(product=wine).status == ListingChange.Status.SUPERSEDED
    assert not Product.objects.browsable().filter(pk=wine.pk).exists()


def test_a_published_listing_has_no_draft_button(client, producer, products):
    page = edit_page(client, products[0]).content.decode()
    assert "Lưu nháp" not in page and 'data-moderation-status="published"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stockrecords-0-price", "-5000", "lớn hơn hoặc bằng 0"),
        ("stockrecords-0-price", "12500.5", ""),
        ("stockrecords-0-price", "99999999999999", ""),
        ("stockrecords-0-num_in_stock", "-3", "lớn hơn hoặc bằng 0"),
    ],
)
def test_bad_prices_and_stock_are_refused_and_nothing_changes(
    client, producer, products, field, value, message
):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data[field] = value
    response = client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    record = StockRecord.objects.get(product=lychee)
    assert (record.price, record.num_in_stock) == (150000, 5)
    assert not ListingChange.objects.exists()


def test_a_forged_partner_id_is_ignored(client, producer, products):
    # A producer's stock record is its own: the form offers no partner and reads none.
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["stockrecords-0-partner"] = producer["b"].pk
    response = client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)
    assert response.status_code == 302
    assert StockRecord.objects.get(product=lychee).partner == producer["a"]
    assert not StockRecord.objects.filter(partner=producer["b"], product=lychee).exists()


def test_producers_cannot_moderate(client, producer, products):
    assert client.get(reverse("catalog-dashboard:moderation-list")).status_code in (302, 403)


def png(padding=0):
    return picture_bytes(format="PNG", size=(8, 8)) + b"\0" * padding


def photo_post(client, product, photo):
    """The product form sent back with one more photo."""
    page = edit_page(client, product)
    data = filled(page)
    data["images-TOTAL_FORMS"] = int(data["images-TOTAL_FORMS"]) + 1
    index = int(data["images-TOTAL_FORMS"]) - 1
    data[f"images-{index}-original"] = photo
    data[f"images-{index}-product"] = product.pk
    data[f"images-{index}-display_order"] = index
    return client.post(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}), data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.png", b"MZ\x90\x00 not a picture", "“anh.png” không phải ảnh JPEG, PNG hoặc WebP."),
        ("anh.png", png(padding=10 * 1024 * 1024), "“anh.png” lớn hơn 10 MB."),
        (
            "anh.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "“anh.svg” không phải ảnh JPEG, PNG hoặc WebP.",
        ),
        (
            "anh.jpg",
            b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>",
            "“anh.jpg” không phải ảnh JPEG, PNG hoặc WebP.",
        ),
    ],
)
def test_bad_photos_are_refused_and_nothing_changes(client, producer, products, name, content, message):
    lychee = products[0]
    images_before = lychee.images.count()

    response = photo_post(client, lychee, SimpleUploadedFile(name, content, content_type="image/png"))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert lychee.images.count() == images_before


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client, producer, products, settings):
    lychee = products[0]
    bomb = picture_bytes(format="PNG", size=(12000, 12000), mode="1")
    assert len(bomb) < 200 * 1024  # 144 megapixels in a few KB
    images_before = lychee.images.count()

    response = photo_post(client, lychee, SimpleUploadedFile("anh.png", bomb, content_type="image/png"))

    assert response.status_code == 200
    assert "“anh.png” có quá nhiều điểm ảnh: tối đa 40 megapixel." in response.content.decode()
    assert lychee.images.count() == images_before
    assert not list((Path(settings.MEDIA_ROOT) / "images").rglob("anh*"))


def test_a_photo_is_stored_as_pillow_re_encodes_it_without_its_metadata(client, producer, products):
    lychee = products[0]
    camera = picture_bytes(
        format="JPEG", size=(80, 60), exif={0x010F: "Canon", 0x0131: "Photoshop", 0x0112: 6}
    )
    assert Image.open(io.BytesIO(camera)).getexif()[0x010F] == "Canon"
    images_before = set(lychee.images.values_list("pk", flat=True))

    response = photo_post(
        client, lychee, SimpleUploadedFile("Vải Lục Ngạn.JPEG", camera, content_type="image/jpeg")
    )

    assert response.status_code == 302
    image = lychee.images.exclude(pk__in=images_before).get()
    assert re.fullmatch(r"images/products/\d{4}/\d{2}/vai-luc-ngan(_\w+)?\.jpg", image.original.name)
    with image.original.open("rb") as stored:
        content = stored.read()
    assert content != camera
    stored_image = Image.open(io.BytesIO(content))
    assert stored_image.format == "JPEG"
    assert dict(stored_image.getexif()) == {}
    assert stored_image.size == (60, 80)  # turned upright as the EXIF orientation said


def test_a_product_groups_picture_goes_through_the_same_gate(staff_client):
    Category = get_model("catalogue", "Category")
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"
    data = {"name": "Mật ong", "treebeard_position": "first-child", "treebeard_ref_node": ""}

    refused = staff_client.post(
        reverse("dashboard:catalogue-category-create"),
        {**data, "image": SimpleUploadedFile("nhom.svg", svg, content_type="image/svg+xml")},
    )
    accepted = staff_client.post(
        reverse("dashboard:catalogue-category-create"),
        {**data, "image": SimpleUploadedFile("Nhóm.png", png(), content_type="image/png")},
    )

    assert "“nhom.svg” không phải ảnh JPEG, PNG hoặc WebP." in refused.content.decode()
    assert accepted.status_code == 302, accepted.context["form"].errors
    assert re.fullmatch(r"categories/nhom(_\w+)?\.png", Category.objects.get(name="Mật ong").image.name)


def test_a_producers_english_text_is_in_the_form_and_waits_for_moderation(client, producer, products):
    lychee = products[0]
    response = edit_page(client, lychee)
    page = response.content.decode()
    assert "Tên tiếng Anh" in page and "Mô tả tiếng Anh" in page
    data = filled(response)
    data["title_en"] = "Lục Ngạn lychees"
    data["description_en"] = "<p>Sweet lychees.</p><script>alert(1)</script>"

    response = client.post(reverse("dashboard:catalogue-product", kwargs={"pk": lychee.pk}), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    lychee.refresh_from_db()
    assert (lychee.title_en, lychee.description_en) == ("", "")  # not public until approved
    change = ListingChange.objects.get(product=lychee)
    assert (change.after["title_en"], change.after["description_en"]) == (
        "Lục Ngạn lychees",
        "<p>Sweet lychees.</p>",
    )
