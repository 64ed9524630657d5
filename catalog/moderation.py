"""Moderation of producers' listings by the OCOP office.

A producer's new product stays hidden until staff approve it. A change to a published
product's public content (title, description, their English versions, product group, origin)
is kept aside as a
`ListingChange` and applied only when staff approve; until then the public sees the published
version. Prices, stock and photos are the producer's to change at once (a stock count cannot
wait for an office), within the limits the forms check.
"""

import logging
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from oscar.core.loading import get_model

from catalog.models import ModerationStatus
from core.html import html_clean
from core.mails import mail_send_after_commit, site_url, staff_emails
from core.permissions import user_is_staff
from places.models import Commune

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ListingChange = get_model("catalogue", "ListingChange")

MODERATED = ("title", "description", "title_en", "description_en", "origin_commune", "categories")
# Rich text: kept, reviewed and approved only as `core.html`'s allow-list leaves it.
RICH_TEXT = ("description", "description_en")


def listing_snapshot(product):
    """The moderated content of a product, as stored in a `ListingChange`."""
    return {
        "title": product.title,
        "description": html_clean(product.description),
        "title_en": product.title_en,
        "description_en": html_clean(product.description_en),
        "origin_commune": product.origin_commune_id,
        "categories": sorted(product.categories.values_list("pk", flat=True)) if product.pk else [],
    }


def _producer_emails(product):
    users = get_user_model().objects.filter(partners__stockrecords__product=product, is_active=True)
    return list(users.exclude(email="").distinct().values_list("email", flat=True))


@transaction.atomic
def listing_submit(*, product, after, by, kind, notify_staff=True):
    """Record a producer's new listing or change; an earlier pending change is replaced.

    `notify_staff=False` is for batches (a spreadsheet import), which tell staff once with
    `listings_submitted_notify`.
    """
    product.listing_changes.filter(status=ListingChange.Status.PENDING).update(
        status=ListingChange.Status.SUPERSEDED
    )
    # Staff review, and approval writes, only what the allow-list keeps.
    after = {**after, **{field: html_clean(after[field]) for field in RICH_TEXT if field in after}}
    change = ListingChange.objects.create(
        product=product,
        kind=kind,
        # As published: `product` may hold the producer's unsaved edits.
        before={} if kind == ListingChange.Kind.NEW else listing_snapshot(Product.objects.get(pk=product.pk)),
        after=after,
        submitted_by=by,
    )
    if kind == ListingChange.Kind.NEW:
        product.is_public = False
        product.moderation_status = ModerationStatus.PENDING
        product.save(update_fields=["is_public", "moderation_status"])
    if notify_staff:
        _notify_staff_of(change)
    logger.info("Listing %s (%s) submitted by %s", product.pk, kind, by)
    return change


def _notify_staff_of(change):
    mail_send_after_commit(
        prefix="catalog/mail/listing_submitted",
        to=staff_emails(),
        language="vi",
        context=lambda: {
            # Read again: `product` may hold the producer's unsaved edits; staff see what is published.
            "change": ListingChange.objects.select_related("product").get(pk=change.pk),
            "review_url": site_url(change_review_path(change)),
        },
    )


def listings_submitted_notify(*, changes, partner):
    """One mail to staff for a batch of submissions: one listing gets the usual mail."""
    if len(changes) == 1:
        _notify_staff_of(changes[0])
    elif changes:
        mail_send_after_commit(
            prefix="catalog/mail/listings_submitted",
            to=staff_emails(),
            language="vi",
            context={
                "partner": partner,
                "changes": changes,
                "review_url": site_url(reverse("catalog-dashboard:moderation-list")),
            },
        )


@transaction.atomic
def listings_submit(*, products, by, partner) -> list[ListingChange]:
    """A producer asks for its hidden listings to go on sale (Oscar's bulk "make products
    public"): each waits for staff as a new listing, as the product form's "send for approval"
    does, and staff get one mail. A listing already waiting, or already on sale, is left as it
    stands. Never makes a product public by itself: that is staff's approval.
    """
    changes = [
        listing_submit(
            product=product,
            after=listing_snapshot(product),
            by=by,
            kind=ListingChange.Kind.NEW,
            notify_staff=False,
        )
        for product in products
        if not product.is_public and product.moderation_status != ModerationStatus.PENDING
    ]
    listings_submitted_notify(changes=changes, partner=partner)
    return changes


@transaction.atomic
def listing_save_draft(*, product, by):
    """Keep a not-yet-published listing as the producer's draft: hidden, and out of the queue.

    A submission still waiting is withdrawn, so staff never review what the producer is still
    writing. A published listing has no draft: its content changes go to moderation.
    """
    if product.moderation_status == ModerationStatus.PUBLISHED:
        raise ValidationError(_("A published listing cannot go back to draft."))
    product.listing_changes.filter(status=ListingChange.Status.PENDING).update(
        status=ListingChange.Status.SUPERSEDED
    )
    product.is_public = False
    product.moderation_status = ModerationStatus.DRAFT
    product.save(update_fields=["is_public", "moderation_status"])
    logger.info("Listing %s kept as a draft by %s", product.pk, by)


@transaction.atomic
def listing_edit(
    *,
    product: Product,
    by: AbstractBaseUser,
    save_all: Callable[[], object],
    proposed: dict | None = None,
    save_at_once: Callable[[], object] | None = None,
    draft: bool = False,
    submit: bool = True,
    notify_staff: bool = True,
) -> ListingChange | None:
    """One edit of a listing, from the product form or a spreadsheet row, under the
    moderation rules; returns the `ListingChange` it sent to the OCOP office, or None.

    The caller says how to write, the rules say what is written now:

    - `save_all()` writes the whole edit (the product, its content, price, stock, photos);
    - `save_at_once()` writes only what a producer changes at once (price, stock, photos);
    - `proposed` is the moderated content after the edit, as `listing_snapshot` gives it
      (None: the edit leaves it as it is).

    Staff's edits are written whole. A producer's listing not on sale yet (new, a draft,
    waiting or rejected) is written whole too, then kept as the producer's draft (`draft`)
    or sent for approval as a new listing; `submit=False` leaves it where it stands (an
    import row that changes only price, stock or the barcode). A published listing gets
    `save_at_once()`, and its content, when `proposed` differs from what is published,
    waits for staff as a change. `notify_staff=False` is for batches (see `listing_submit`).
    """
    if user_is_staff(by):
        save_all()
        return None
    if product.moderation_status != ModerationStatus.PUBLISHED:
        save_all()
        if draft:
            listing_save_draft(product=product, by=by)
            return None
        if not submit:
            return None
        return listing_submit(
            product=product,
            after=listing_snapshot(product),
            by=by,
            kind=ListingChange.Kind.NEW,
            notify_staff=notify_staff,
        )
    current = None if proposed is None else listing_snapshot(Product.objects.get(pk=product.pk))
    if save_at_once is not None:
        save_at_once()
    if proposed is None or proposed == current:
        return None
    return listing_submit(
        product=product, after=proposed, by=by, kind=ListingChange.Kind.CHANGE, notify_staff=notify_staff
    )


def change_review_path(change):
    return reverse("catalog-dashboard:moderation-detail", kwargs={"pk": change.pk})


def _locked_pending(change):
    change = ListingChange.objects.select_for_update().select_related("product").get(pk=change.pk)
    if change.status != ListingChange.Status.PENDING:
        raise ValidationError(_("This change was already decided or replaced."))
    return change


@transaction.atomic
def listing_approve(*, change, by):
    change = _locked_pending(change)
    product = change.product
    after = change.after
    product.title = after.get("title", product.title)
    product.description = after.get("description", product.description)
    product.title_en = after.get("title_en", product.title_en)
    product.description_en = after.get("description_en", product.description_en)
    product.origin_commune_id = after.get("origin_commune", product.origin_commune_id)
    product.is_public = True
    product.moderation_status = ModerationStatus.PUBLISHED
    product.save()
    if "categories" in after:
        product.categories.set(Category.objects.filter(pk__in=after["categories"]))
    change.status = ListingChange.Status.APPROVED
    change.reviewed_by, change.reviewed_at = by, timezone.now()
    change.save()
    _tell_producer(change)
    logger.info("Listing change %s approved by %s", change.pk, by)
    return change


@transaction.atomic
def listing_reject(*, change, by, reason):
    change = _locked_pending(change)
    if not reason.strip():
        raise ValidationError(_("Say why, so that the producer can put it right."))
    change.status = ListingChange.Status.REJECTED
    change.reason = reason.strip()
    change.reviewed_by, change.reviewed_at = by, timezone.now()
    change.save()
    if change.kind == ListingChange.Kind.NEW:
        change.product.moderation_status = ModerationStatus.REJECTED
        change.product.save(update_fields=["moderation_status"])
    _tell_producer(change)
    logger.info("Listing change %s rejected by %s", change.pk, by)
    return change


def _tell_producer(change):
    mail_send_after_commit(
        prefix="catalog/mail/listing_decided",
        to=_producer_emails(change.product),
        language="vi",
        context={"change": change},
    )


def listing_diff(change):
    """[(label, before, after)] of the fields the change touches, with names for ids."""
    labels = {
        "title": pgettext("product", "Title"),
        "description": _("Description"),
        "title_en": _("English title"),
        "description_en": _("English description"),
        "origin_commune": _("Origin commune"),
        "categories": _("Product group"),
    }

    def shown(field, value):
        if field == "origin_commune":
            commune = Commune.objects.filter(pk=value).first() if value else None
            return str(commune) if commune else "–"
        if field == "categories":
            names = Category.objects.filter(pk__in=value or []).values_list("name", flat=True)
            return ", ".join(names) or "–"
        return value or "–"

    rows = []
    for field in MODERATED:
        before, after = change.before.get(field), change.after.get(field)
        if change.kind == ListingChange.Kind.NEW or before != after:
            rows.append((labels[field], shown(field, before) if change.before else "", shown(field, after)))
    return rows
