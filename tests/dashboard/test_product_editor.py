"""Issue 17, item 1: the producer's product editor laid out for its job. Price, stock and
code as labelled fields (the price as a Vietnamese types it), no partner to choose, a commune
picker that loads its options on demand (the page stays small), one message after saving that
says what went live and what waits, a pending change shown in the list, and the list's words
in Vietnamese."""

import re
from pathlib import Path

import oscar
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_model

from places.models import Commune, Province
from tests.dashboard.test_moderation import edit_page, filled

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ListingChange = get_model("catalogue", "ListingChange")
StockRecord = get_model("partner", "StockRecord")

PAGE_LIMIT = 60_000  # bytes: the editor was 229 KB with a select of every commune


@pytest.fixture
def producer(two_producers, client):
    client.force_login(two_producers["a_user"])
    return two_producers


@pytest.fixture
def every_commune(commune):
    """As many communes as Vietnam has since 2025 (3,321), so that a select of them all shows."""
    province = Province.objects.create(code="T99", name="Tỉnh Đông Dân", kind="tỉnh")
    Commune.objects.bulk_create(
        Commune(code=f"T9{n:04d}", name=f"Phú Lộc {n}", kind="xã", province=province) for n in range(3400)
    )
    return commune


def url_of(product):
    return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


def test_the_product_editor_stays_small_with_every_commune(client, producer, products, every_commune):
    lychee = products[0]
    Product.objects.filter(pk=lychee.pk).update(origin_commune=every_commune)

    response = edit_page(client, lychee)

    assert response.status_code == 200
    assert len(response.content) < PAGE_LIMIT, len(response.content)
    select = BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": "origin_commune"})
    assert [option.text for option in select.find_all("option") if option["value"]] == [
        "Xã Lục Ngạn, Bắc Ninh"
    ]
    assert select.find("option", selected=True)["value"] == str(every_commune.pk)


def test_the_new_lot_page_stays_small_with_every_commune(client, producer, products, every_commune):
    response = client.get(reverse("traceability-dashboard:lot-create"))

    assert response.status_code == 200
    assert len(response.content) < PAGE_LIMIT, len(response.content)
    select = BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": "origin_commune"})
    assert len(select.find_all("option")) <= 2  # the empty choice and the producer's own commune


def stock_fields(response):
    return BeautifulSoup(response.content, "html.parser").select("#product_stock")[0]


def test_a_producers_stock_is_its_own_with_no_extra_row_or_partner_to_choose(client, producer, products):
    response = edit_page(client, products[0])

    assert response.context["stockrecord_formset"].total_form_count() == 1
    stock = stock_fields(response)
    assert stock.find("select") is None  # no "Đối tác ---------", no currency
    assert stock.find("input", attrs={"name": "stockrecords-0-price"})["value"] == "150.000"
    labels = [label.get_text(" ", strip=True) for label in stock.find_all("label")]
    assert labels[:4] == ["Giá bán (đồng)", "Tồn kho", "Báo khi tồn kho còn", "Mã hàng (SKU)"]
    assert "Bản ghi lưu kho" not in response.content.decode()


@pytest.mark.parametrize("typed", ["120.000", "120000", "120 000", "120.000 ₫"])
def test_a_price_is_read_as_a_vietnamese_types_it(client, producer, products, typed):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["stockrecords-0-price"] = typed

    response = client.post(url_of(lychee), data)

    assert response.status_code == 302, response.context and response.context["stockrecord_formset"].errors
    assert StockRecord.objects.get(product=lychee).price == 120000
    assert (
        stock_fields(edit_page(client, lychee)).find("input", attrs={"name": "stockrecords-0-price"})["value"]
        == "120.000"
    )


def test_a_price_that_is_not_dong_is_refused_in_vietnamese_and_kept_as_typed(client, producer, products):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["stockrecords-0-price"] = "12o.000"

    response = client.post(url_of(lychee), data)

    assert response.status_code == 200
    stock = stock_fields(response)
    assert "Nhập giá bằng số đồng, ví dụ 120.000 hoặc 120000" in stock.get_text()
    assert stock.find("input", attrs={"name": "stockrecords-0-price"})["value"] == "12o.000"
    assert StockRecord.objects.get(product=lychee).price == 150000
    assert not ListingChange.objects.exists()


def messages_of(response):
    return [
        re.sub(r"\s+", " ", BeautifulSoup(str(message), "html.parser").get_text(" ")).strip()
        for message in response.context["messages"]
    ]


def test_one_message_says_what_went_live_and_what_waits(client, producer, products, committed):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["title"] = "Vải thiều Lục Ngạn loại 1"
    data["stockrecords-0-price"] = "165.000"
    data["stockrecords-0-num_in_stock"] = "40"
    with committed():
        response = client.post(url_of(lychee), data, follow=True)

    messages = messages_of(response)
    assert len(messages) == 1, messages
    assert messages[0].startswith(
        "Đã lưu “Vải thiều thử”. Áp dụng ngay trên sàn: giá và tồn kho. "
        "Chờ Văn phòng OCOP duyệt: thay đổi về tên sản phẩm. "
        "Trong lúc chờ, người mua vẫn thấy bản đang bán."
    ), messages[0]


def test_a_save_of_price_alone_says_it_is_live(client, producer, products):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["stockrecords-0-price"] = "99.000"

    response = client.post(url_of(lychee), data, follow=True)

    messages = messages_of(response)
    assert len(messages) == 1 and messages[0].startswith(
        "Đã lưu “Vải thiều thử”. Áp dụng ngay trên sàn: giá."
    ), messages
    assert not ListingChange.objects.exists()


def test_the_list_marks_a_change_waiting_for_approval(client, producer, products, committed):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["title"] = "Vải thiều Lục Ngạn loại 1"
    with committed():
        client.post(url_of(lychee), data)

    page = BeautifulSoup(client.get(reverse("dashboard:catalogue-product-list")).content, "html.parser")

    badges = page.select("[data-pending-change]")
    assert [badge.get_text(strip=True) for badge in badges] == ["Chờ duyệt thay đổi"]
    assert badges[0].find_parent("tr").find("input", attrs={"name": "selected_product"})["value"] == str(
        lychee.pk
    )


def test_the_product_list_speaks_vietnamese_to_a_producer(client, producer, products):
    page = client.get(reverse("dashboard:catalogue-product-list")).content.decode()
    soup = BeautifulSoup(page, "html.parser")

    actions = [
        option.get_text(strip=True)
        for option in soup.find("select", attrs={"name": "action"}).find_all("option")
    ]
    assert actions == ["Chọn thao tác", "Gửi Văn phòng OCOP duyệt để mở bán", "Ngừng bán", "Đổi giá"]
    headers = [th.get_text(" ", strip=True) for th in soup.find_all("th")]
    assert "Kho và giá" in headers and "Hiển thị trên sàn" in headers
    for english in (
        "choose action",
        "Make products public",
        "Update product prices",
        "Bản ghi lưu kho",
        "Là công khai",
    ):
        assert english not in page, english
    assert soup.find("a", href="?sort=checkbox") is None  # a sort link with no name
    assert soup.find("input", attrs={"name": "selected_product"})["aria-label"] == "Đánh dấu “Vải thiều thử”"


def test_staff_put_on_sale_by_that_name(client, products, superuser):
    client.force_login(superuser)
    soup = BeautifulSoup(client.get(reverse("dashboard:catalogue-product-list")).content, "html.parser")
    actions = [
        option.get_text(strip=True)
        for option in soup.find("select", attrs={"name": "action"}).find_all("option")
    ]
    assert "Mở bán" in actions


def test_a_producer_has_no_empty_search_engine_tab(client, producer, products):
    page = BeautifulSoup(edit_page(client, products[0]).content, "html.parser")
    assert page.find(id="seo") is None
    assert page.find("a", href="#seo") is None
    tabs = [a.get_text(strip=True) for a in page.select(".nav-link[data-toggle=tab]")]
    assert tabs == ["Chi tiết sản phẩm", "Nhóm sản phẩm", "Ảnh sản phẩm", "Kho và giá", "Sản phẩm gợi ý"]


def test_staff_keep_the_search_engine_fields(client, products, superuser):
    client.force_login(superuser)
    page = BeautifulSoup(edit_page(client, products[0]).content, "html.parser")
    assert page.find(id="seo").find("input", attrs={"name": "meta_title"}) is not None
    assert page.find("a", href="#seo").get_text(strip=True) == "Công cụ tìm kiếm (SEO)"


def test_without_javascript_the_commune_is_found_by_sending_the_form_back(
    client, producer, products, commune, other_commune
):
    lychee = products[0]
    data = filled(edit_page(client, lychee))
    data["title"] = "Vải thiều đã sửa"
    data["origin_commune_q"] = "luc ngan"
    data["origin_commune_find"] = "1"

    response = client.post(url_of(lychee), data)

    assert response.status_code == 200  # shown again, nothing saved
    soup = BeautifulSoup(response.content, "html.parser")
    select = soup.find("select", attrs={"name": "origin_commune"})
    assert [(o["value"], o.text) for o in select.find_all("option") if o["value"]] == [
        (str(commune.pk), "Xã Lục Ngạn, Bắc Ninh")
    ]
    assert soup.find("input", attrs={"name": "title"})["value"] == "Vải thiều đã sửa"
    assert soup.find("input", attrs={"name": "origin_commune_q"})["value"] == "luc ngan"
    assert "1 xã/phường khớp với “luc ngan”" in soup.get_text()
    assert not ListingChange.objects.exists()
    assert Product.objects.get(pk=lychee.pk).title == "Vải thiều thử"

    # The producer picks it and saves: the origin waits for the office with the rest.
    data.pop("origin_commune_find")
    data["origin_commune"] = str(commune.pk)
    assert client.post(url_of(lychee), data).status_code == 302
    assert ListingChange.objects.get(product=lychee).after["origin_commune"] == commune.pk


def test_a_commune_id_that_is_not_a_current_commune_is_refused(client, producer, products, commune):
    lychee = products[0]
    old = Province.objects.create(code="T98", name="Bắc Giang", kind="tỉnh", is_current=False)
    abolished = Commune.objects.create(code="T98001", name="Cũ", kind="xã", province=old)
    data = filled(edit_page(client, lychee))
    data["origin_commune"] = str(abolished.pk)

    response = client.post(url_of(lychee), data)

    assert response.status_code == 200
    assert response.context["form"].errors["origin_commune"]
    assert not ListingChange.objects.exists()


def test_the_sort_arrow_names_the_icon_font_the_dashboard_ships():
    # Oscar's rule names "Font Awesome 5 Free"; its stylesheet defines only "Font Awesome 7 Free",
    # so the arrow after a sorted column's name was a missing-glyph box.
    oscar_css = (Path(oscar.__file__).parent / "static/oscar/css/dashboard.css").read_text()
    ours = (Path(settings.BASE_DIR) / "marketplace/static/marketplace/css/dashboard.css").read_text()
    shipped = set(re.findall(r'@font-face\s*{[^}]*font-family:\s*"([^"]+)"', oscar_css))
    rule = re.search(r"th\.desc span:before\s*{[^}]*font-family:\s*\"([^\"]+)\"", ours)
    assert rule and rule.group(1) in shipped, shipped


def test_the_editors_paragraph_around_plain_text_is_no_change(client, producer, products):
    lychee = products[0]
    Product.objects.filter(pk=lychee.pk).update(description="Vải ngon, ngọt.")
    data = filled(edit_page(client, lychee))
    data["description"] = "<p>Vải ngon, ngọt.</p>\n"  # as the rich text editor sends it back

    response = client.post(url_of(lychee), data, follow=True)

    assert not ListingChange.objects.exists()
    assert messages_of(response)[0].startswith("Đã lưu “Vải thiều thử”; không có gì thay đổi.")


def test_a_changed_description_still_waits(client, producer, products):
    lychee = products[0]
    Product.objects.filter(pk=lychee.pk).update(description="Vải ngon, ngọt.")
    data = filled(edit_page(client, lychee))
    data["description"] = "<p>Vải ngon, ngọt lịm.</p>"

    response = client.post(url_of(lychee), data, follow=True)

    assert ListingChange.objects.get(product=lychee).after["description"] == "<p>Vải ngon, ngọt lịm.</p>"
    assert "Chờ Văn phòng OCOP duyệt: thay đổi về mô tả." in messages_of(response)[0]


def test_the_change_price_page_speaks_dong_and_vietnamese(client, producer, products):
    response = client.post(
        reverse("dashboard:catalogue-product-list"),
        {"action": "set_product_price", "selected_product": [products[0].pk]},
    )
    page = client.get(response["Location"]).content.decode()

    assert "€" not in page and "100.000 ₫ lên 105.000 ₫" in page
    for english in (
        "Increase by amount",
        "Specific price",
        "all existing stockrecords",
        "Confirm variant action",
    ):
        assert english not in page, english
