"""`listing_edit`: what of a listing's edit is written now and what waits for the OCOP office,
whoever calls it (the product form, a spreadsheet row)."""

import pytest
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from catalog.moderation import listing_edit, listing_snapshot

pytestmark = pytest.mark.django_db

ListingChange = get_model("catalogue", "ListingChange")


class Writes:
    """Stands for the caller's writes, and records which ran."""

    def __init__(self):
        self.ran = []

    def save_all(self):
        self.ran.append("all")

    def save_at_once(self):
        self.ran.append("at once")


@pytest.fixture
def lychee(products):
    return products[0]


@pytest.fixture
def producer(lychee, producer_user):
    return producer_user(lychee.stockrecords.get().partner, "a@htx-vai.example")


def renamed(product):
    return {**listing_snapshot(product), "title": "Vải thiều Lục Ngạn loại 1"}


def test_a_published_listings_new_content_waits_while_price_and_stock_apply(lychee, producer):
    writes = Writes()

    change = listing_edit(
        product=lychee,
        by=producer,
        proposed=renamed(lychee),
        save_all=writes.save_all,
        save_at_once=writes.save_at_once,
    )

    assert writes.ran == ["at once"]
    assert (change.kind, change.status, change.after["title"]) == (
        ListingChange.Kind.CHANGE,
        ListingChange.Status.PENDING,
        "Vải thiều Lục Ngạn loại 1",
    )
    lychee.refresh_from_db()
    assert (lychee.title, lychee.moderation_status) == ("Vải thiều thử", ModerationStatus.PUBLISHED)


def test_a_published_listing_with_its_content_unchanged_sends_nothing(lychee, producer):
    writes = Writes()

    change = listing_edit(
        product=lychee,
        by=producer,
        proposed=listing_snapshot(lychee),
        save_all=writes.save_all,
        save_at_once=writes.save_at_once,
    )

    assert change is None and writes.ran == ["at once"]
    assert not ListingChange.objects.exists()


def test_a_listing_not_on_sale_is_written_whole_then_sent_for_approval(lychee, producer):
    lychee.moderation_status = ModerationStatus.DRAFT
    lychee.save()
    writes = Writes()

    change = listing_edit(
        product=lychee,
        by=producer,
        proposed=renamed(lychee),
        save_all=writes.save_all,
        save_at_once=writes.save_at_once,
    )

    assert writes.ran == ["all"]
    assert change.kind == ListingChange.Kind.NEW and change.after == listing_snapshot(lychee)
    lychee.refresh_from_db()
    assert (lychee.is_public, lychee.moderation_status) == (False, ModerationStatus.PENDING)


def test_a_listing_not_on_sale_can_stay_a_draft_or_where_it_stands(lychee, producer):
    lychee.moderation_status = ModerationStatus.REJECTED
    lychee.save()

    kept = listing_edit(product=lychee, by=producer, save_all=Writes().save_all, submit=False)
    lychee.refresh_from_db()
    assert kept is None and lychee.moderation_status == ModerationStatus.REJECTED

    draft = listing_edit(product=lychee, by=producer, save_all=Writes().save_all, draft=True)
    lychee.refresh_from_db()
    assert draft is None and lychee.moderation_status == ModerationStatus.DRAFT
    assert not ListingChange.objects.exists()


def test_staff_edits_are_written_whole_without_moderation(lychee, django_user_model):
    office = django_user_model.objects.create_user("office", "office@ocop.example", "pw", is_staff=True)
    writes = Writes()

    change = listing_edit(
        product=lychee,
        by=office,
        proposed=renamed(lychee),
        save_all=writes.save_all,
        save_at_once=writes.save_at_once,
    )

    assert change is None and writes.ran == ["all"]
    assert not ListingChange.objects.exists()
