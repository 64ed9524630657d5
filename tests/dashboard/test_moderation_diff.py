"""The moderation queue names the producer, and a change reads as the words that changed in
the text a buyer sees, never as HTML markup."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.dashboard.word_diff import DELETED, EQUAL, INSERTED, Segment, visible_words, word_diff

ListingChange = get_model("catalogue", "ListingChange")

BEFORE = "<p>Vải thiều Lục Ngạn <strong>chín cây</strong>, ngọt &amp; thơm.</p><p>Giao trong ngày.</p>"


def test_visible_words_drop_markup_scripts_and_read_entities():
    text = BEFORE + "<script>alert('x')</script><ul><li>Hộp 1 kg</li><li>Hộp 2 kg</li></ul>"
    assert visible_words(text) == [
        "Vải", "thiều", "Lục", "Ngạn", "chín", "cây,", "ngọt", "&", "thơm.",
        "Giao", "trong", "ngày.", "Hộp", "1", "kg", "Hộp", "2", "kg",
    ]  # fmt: skip
    assert visible_words(None) == [] and visible_words("") == []


def test_a_one_word_edit_is_one_word_deleted_and_one_added():
    after = BEFORE.replace("ngọt", "thanh")
    assert word_diff(BEFORE, after) == [
        Segment(EQUAL, "Vải thiều Lục Ngạn chín cây,"),
        Segment(DELETED, "ngọt"),
        Segment(INSERTED, "thanh"),
        Segment(EQUAL, "& thơm. Giao trong ngày."),
    ]


def test_markup_alone_changes_no_word():
    assert [segment.kind for segment in word_diff(BEFORE, BEFORE.replace("strong", "em"))] == [EQUAL]


def test_a_new_paragraph_is_only_its_words():
    after = BEFORE + "<p>Đặt trước mùa vụ.</p>"
    assert word_diff(BEFORE, after)[-1] == Segment(INSERTED, "Đặt trước mùa vụ.")


@pytest.fixture
def change(products, producer_user):
    lychee = products[0]
    producer_user(lychee.stockrecords.get().partner, "ke-toan@htx-vai.example")
    before = {"title": lychee.title, "description": BEFORE}
    after = {"title": lychee.title, "description": BEFORE.replace("chín cây", "chín tự nhiên")}
    return ListingChange.objects.create(
        product=lychee,
        kind=ListingChange.Kind.CHANGE,
        before=before,
        after=after,
        submitted_by=lychee.stockrecords.get().partner.users.get(),
    )


def test_the_queue_names_the_producer_not_the_submitters_login(staff_client, change):
    page = staff_client.get(reverse("catalog-dashboard:moderation-list")).content.decode()
    assert "HTX Vải" in page
    assert "ke-toan@htx-vai.example" not in page


def test_the_detail_shows_the_changed_words_with_labels_for_screen_readers(staff_client, change):
    page = staff_client.get(reverse("catalog-dashboard:moderation-detail", kwargs={"pk": change.pk}))
    html = page.content.decode()
    diff = html[html.index('<table class="table table-bordered bg-white listing-diff">') :]
    diff = diff[: diff.index("</table>")]
    assert "&lt;p&gt;" not in diff and "<p>" not in diff and "<strong>" not in diff
    assert re.findall(r"<del>(.*?)</del>", diff) == ['<span class="sr-only">đã xóa: </span>cây,']
    assert re.findall(r"<ins>(.*?)</ins>", diff) == ['<span class="sr-only">đã thêm: </span>tự nhiên,']
    assert "xóa 1 từ, thêm 2 từ" in diff
    assert "HTX Vải" in html and "ke-toan@htx-vai.example" not in html
    # Only the description changed: the unchanged title is not listed.
    assert len(page.context["rows"]) == 1


def test_the_queue_filters_new_listings_from_changes(staff_client, change, products):
    ListingChange.objects.create(product=products[1], kind=ListingChange.Kind.NEW, before={}, after={})
    url = reverse("catalog-dashboard:moderation-list")
    assert [c.kind for c in staff_client.get(url + "?kind=new").context["changes"]] == ["new"]
    assert [c.kind for c in staff_client.get(url + "?kind=change").context["changes"]] == ["change"]
    assert len(staff_client.get(url + "?kind=nonsense").context["changes"]) == 2
