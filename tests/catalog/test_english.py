"""English for buyers abroad: a product's, product group's and producer's English shown on
/en/, the Vietnamese they fall back to marked `lang="vi"`, the Vietnamese site unchanged, and
a producer's English moderated and cleaned like the Vietnamese."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.moderation import listing_approve, listing_diff, listing_edit, listing_snapshot
from core.localized import localized
from tests.catalog.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

ListingChange = get_model("catalogue", "ListingChange")


@pytest.fixture
def group():
    return CategoryFactory(name="Nông sản tươi sống", name_en="Fresh produce")


@pytest.fixture
def lychee(group, committed):
    with committed():  # the catalogue's search table is updated after the commit
        return ProductFactory(
            title="Vải thiều Lục Ngạn",
            description="<p>Vải thiều đóng thùng 2 kg.</p>",
            title_en="Lục Ngạn lychees",
            description_en="<p>Lychees in 2 kg boxes.</p>",
            category=group,
            stockrecords__partner__name="HTX Hồng Xuân",
            stockrecords__partner__name_en="Hồng Xuân Cooperative",
        )


@pytest.fixture
def noodles(group, committed):
    with committed():
        return ProductFactory(title="Mỳ gạo Chũ", description="<p>Mỳ gạo phơi nắng.</p>", category=group)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_english_text_is_shown_on_the_english_product_page(client, lychee):
    html = page(client, "/en" + lychee.get_absolute_url())

    assert "<title>Lục Ngạn lychees | " in html
    assert '<h1 class="pdp__title">Lục Ngạn lychees</h1>' in html
    assert '<div class="product-description"><p>Lychees in 2 kg boxes.</p></div>' in html
    assert '<li class="breadcrumb-item active" aria-current="page">Lục Ngạn lychees</li>' in html
    assert ">Fresh produce</a>" in html  # its product group
    assert "Hồng Xuân Cooperative" in html  # its producer
    assert '"name": "Lục Ngạn lychees"' in html  # JSON-LD
    assert '<meta property="og:title" content="Lục Ngạn lychees">' in html
    assert "Vải thiều đóng thùng" not in html


def test_vietnamese_shown_where_english_is_missing_is_marked_lang_vi(client, noodles):
    html = page(client, "/en" + noodles.get_absolute_url())

    assert (
        '<li class="breadcrumb-item active" aria-current="page"><span lang="vi">Mỳ gạo Chũ</span></li>'
        in html
    )
    assert '<h1 class="pdp__title" lang="vi">Mỳ gạo Chũ</h1>' in html
    assert '<div class="product-description"><div lang="vi"><p>Mỳ gạo phơi nắng.</p></div></div>' in html
    # Plain-text uses are not marked: the <title> and the meta tags.
    assert "<title>Mỳ gạo Chũ | " in html


def test_the_vietnamese_product_page_is_unchanged_by_english_text(client, lychee):
    html = page(client, lychee.get_absolute_url())

    assert "<title>Vải thiều Lục Ngạn | " in html
    assert '<h1 class="pdp__title">Vải thiều Lục Ngạn</h1>' in html
    assert '<div class="product-description"><p>Vải thiều đóng thùng 2 kg.</p></div>' in html
    assert ">Nông sản tươi sống</a>" in html
    assert "Lục Ngạn lychees" not in html and "Lychees in 2 kg" not in html
    assert 'lang="vi"><' not in html.replace('<button type="submit" name="language" value="vi" lang="vi"', "")


def test_english_cards_and_the_fallback_on_the_english_catalogue(client, lychee, noodles):
    html = page(client, "/en/shop/catalogue/")

    titles = re.findall(r'<h3 class="product-card__title"><a href="[^"]+">(.*?)</a></h3>', html)
    assert "Lục Ngạn lychees" in titles
    assert '<span lang="vi">Mỳ gạo Chũ</span>' in titles
    assert '<p class="product-card__producer">Hồng Xuân Cooperative</p>' in html
    # The filters name the group and the producer in English too.
    assert '<span class="facet__label">Fresh produce</span>' in html
    assert '<span class="facet__label">Hồng Xuân Cooperative</span>' in html


def test_the_header_and_the_category_page_name_the_group_in_english(client, lychee):
    url = lychee.categories.get().get_absolute_url()

    english = page(client, "/en/shop/catalogue/")
    vietnamese = page(client, "/shop/catalogue/")

    assert f'<a href="/en{url}">Fresh produce</a>' in english
    assert f'<a href="{url}">Nông sản tươi sống</a>' in vietnamese
    category = page(client, "/en" + url)
    assert "<h1>Fresh produce</h1>" in category


def test_a_group_without_english_is_marked_in_the_english_menu(client, committed):
    group = CategoryFactory(name="Đồ uống")
    with committed():
        ProductFactory(category=group)
    url = group.get_absolute_url()

    html = page(client, "/en/shop/catalogue/")

    assert f'<a href="/en{url}" lang="vi">Đồ uống</a>' in html
    assert '<span class="facet__label" lang="vi">Đồ uống</span>' in html


def test_the_tags_escape_text_and_clean_rich_text(noodles):
    noodles.title = "Mỳ <b>Chũ</b>"
    noodles.description = '<p>Mỳ</p><script>alert("x")</script><a href="javascript:x()">y</a>'
    template = Template(
        '{% load localized %}{% localized_text p "title" %}|{% localized_html p "description" %}'
    )

    with translation.override("en"):
        shown = template.render(Context({"p": noodles}))

    assert shown == (
        '<span lang="vi">Mỳ &lt;b&gt;Chũ&lt;/b&gt;</span>'
        '|<div lang="vi"><p>Mỳ</p><a rel="nofollow noopener noreferrer">y</a></div>'
    )


def test_rich_text_with_only_empty_tags_counts_as_no_english(noodles):
    noodles.description_en = "<p></p><p><br></p>"
    template = Template('{% load localized %}{% localized_html p "description" %}')

    with translation.override("en"):
        shown = template.render(Context({"p": noodles}))

    assert shown == '<div lang="vi"><p>Mỳ gạo phơi nắng.</p></div>'


def test_a_producers_english_edit_waits_for_moderation_and_the_allow_list(
    client, lychee, producer_user, office
):
    producer = producer_user(lychee.stockrecords.get().partner, "a@htx-vai.example")
    url = "/en" + lychee.get_absolute_url()
    proposed = {
        **listing_snapshot(lychee),
        "title_en": "Lục Ngạn lychees, grade 1",
        "description_en": '<p>Grade 1.</p><script>alert("x")</script>',
    }

    change = listing_edit(product=lychee, by=producer, proposed=proposed, save_all=lambda: None)

    assert (change.kind, change.status) == (ListingChange.Kind.CHANGE, ListingChange.Status.PENDING)
    assert change.after["description_en"] == "<p>Grade 1.</p>"
    lychee.refresh_from_db()
    assert lychee.title_en == "Lục Ngạn lychees"  # the public keeps the published English
    assert "grade 1" not in page(client, url)

    listing_approve(change=change, by=office)

    lychee.refresh_from_db()
    assert (lychee.title_en, lychee.description_en) == ("Lục Ngạn lychees, grade 1", "<p>Grade 1.</p>")
    html = page(client, url)
    assert "Lục Ngạn lychees, grade 1" in html and "alert(" not in html


def test_english_rich_text_is_cleaned_when_saved(noodles):
    noodles.description_en = '<p onclick="x()">Sun-dried.</p><script>alert(1)</script>'
    noodles.save()

    noodles.refresh_from_db()
    assert noodles.description_en == "<p>Sun-dried.</p>"


def test_the_english_edit_is_listed_for_staff_as_a_diff(lychee, producer_user):
    producer = producer_user(lychee.stockrecords.get().partner, "a@htx-vai.example")
    change = listing_edit(
        product=lychee,
        by=producer,
        proposed={**listing_snapshot(lychee), "title_en": "Lychees"},
        save_all=lambda: None,
    )

    assert [(str(label), before, after) for label, before, after in listing_diff(change)] == [
        ("Tên tiếng Anh", "Lục Ngạn lychees", "Lychees")
    ]


def test_staff_give_a_product_group_its_english_name(staff_client, group):
    url = reverse("dashboard:catalogue-category-update", kwargs={"pk": group.pk})
    assert "Tên tiếng Anh" in staff_client.get(url).content.decode()

    response = staff_client.post(
        url,
        {
            "name": group.name,
            "slug": group.slug,
            "name_en": "Fresh fruit and vegetables",
            "description_en": "<p>Picked ripe.</p><script>x()</script>",
            "is_public": "on",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
        },
    )

    assert response.status_code == 302, response.context and response.context["form"].errors
    group.refresh_from_db()
    assert (group.name_en, group.description_en) == ("Fresh fruit and vegetables", "<p>Picked ripe.</p>")


def test_a_variant_without_english_takes_its_parents_as_the_vietnamese_does(lychee):
    child = ProductFactory(parent=lychee, structure="child", title="", product_class=None, stockrecords=None)

    assert localized(child, "title", language="en").text == "Lục Ngạn lychees"
    assert localized(child, "title", language="vi").text == "Vải thiều Lục Ngạn"
    child.title_en = "Grade 1 lychees"
    assert localized(child, "title", language="en").text == "Grade 1 lychees"
