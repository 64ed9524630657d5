"""Oscar's catalogue dashboard: producers' listings go through moderation.

A producer (non-staff) creates and edits its products in Oscar's product form; what is
written at once and what waits for the OCOP office is `catalog.moderation.listing_edit`'s
decision (the same service the spreadsheet import uses). Staff approve or reject in the
moderation queue, `catalog.dashboard`.

Every other view of Oscar's catalogue dashboard comes from Oscar through `get_class`, which
falls back to Oscar's module for the names this one does not define.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

from catalog import moderation
from catalog.models import ModerationStatus
from core.permissions import user_is_staff

ListingChange = get_model("catalogue", "ListingChange")
Product = get_model("catalogue", "Product")

# The product form's button that keeps a new listing as the producer's draft.
DRAFT_ACTION = "draft"


@dataclass
class SavedListing:
    """What one save of the product form did, for the one message that says it."""

    live: list[str] = field(default_factory=list)  # what went live at once: "price", "stock", "photos"
    change: ListingChange | None = None  # what waits for the OCOP office
    waiting: list[str] = field(default_factory=list)  # the moderated fields it changes
    draft: bool = False

    @property
    def live_text(self) -> str:
        names = {"price": _("the price"), "stock": _("the stock"), "photos": _("the photos")}
        return _words([str(names[part]) for part in self.live])

    @property
    def waiting_text(self) -> str:
        names = {
            "title": _("the name"),
            "description": _("the description"),
            "title_en": _("the English name"),
            "description_en": _("the English description"),
            "origin_commune": _("the origin commune"),
            "categories": _("the product group"),
        }
        return _words([str(names[name]) for name in self.waiting])


def _same_rich_text(one: str, other: str) -> bool:
    """The same text, but for spacing and the one paragraph the editor puts around plain text."""

    def bare(html: str) -> str:
        return re.sub(r"\s+", " ", unescape(html or "")).strip()

    one, other = bare(one), bare(other)
    return one == other or (
        "<" not in other and one == f"<p>{other}</p>" or "<" not in one and other == f"<p>{one}</p>"
    )


def _words(words: list[str]) -> str:
    """["giá", "tồn kho", "ảnh"] -> "giá, tồn kho và ảnh"."""
    if len(words) < 2:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _live_parts(formsets) -> list[str]:
    """Which of the things a producer changes at once this save changed."""
    changed = {name for form in formsets["stockrecord_formset"].forms for name in form.changed_data}
    parts = []
    if "price" in changed:
        parts.append("price")
    if changed & {"num_in_stock", "low_stock_threshold", "partner_sku"}:
        parts.append("stock")
    if formsets["image_formset"].has_changed():
        parts.append("photos")
    return parts


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    saved: SavedListing | None = None
    _saving = False  # within `forms_valid`: the message waits until the rules have decided

    def get_success_url(self):
        """One message saying what the save did (Oscar's "Updated product" is not added), and
        Oscar's next page, or the form again after "save as draft"."""
        if not self._saving:
            self._message_saved()
        action = self.request.POST.get("action")
        if action in ("continue", DRAFT_ACTION):
            url = reverse("dashboard:catalogue-product", kwargs={"pk": self.object.pk})
        elif action == "create-another-child" and self.parent:
            url = reverse("dashboard:catalogue-product-create-child", kwargs={"parent_pk": self.parent.pk})
        elif action == "create-child":
            url = reverse("dashboard:catalogue-product-create-child", kwargs={"parent_pk": self.object.pk})
        else:
            url = reverse("dashboard:catalogue-product-list")
        return self.get_url_with_querystring(url)

    def _message_saved(self):
        messages.success(
            self.request,
            render_to_string(
                "oscar/dashboard/catalogue/messages/product_saved.html",
                {
                    "product": self.object,
                    # As stored: the form's product may hold a title still waiting for approval.
                    "title": type(self.object).objects.get(pk=self.object.pk).get_title(),
                    "creating": self.creating,
                    "saved": self.saved,
                    "request": self.request,
                },
            ),
            extra_tags="safe noicon",
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def forms_valid(self, form, formsets):
        oscar_forms_valid = super().forms_valid

        def save_at_once():
            for name in ("stockrecord_formset", "image_formset", "recommended_formset"):
                formsets[name].save()

        draft = self.request.POST.get("action") == DRAFT_ACTION
        live = _live_parts(formsets)
        self._saving = True
        try:
            change = moderation.listing_edit(
                product=self.object,
                by=self.request.user,
                proposed=self.proposed_content(form, formsets),
                save_all=lambda: oscar_forms_valid(form, formsets),
                save_at_once=save_at_once,
                draft=draft,
            )
        finally:
            self._saving = False
        self.saved = SavedListing(
            live=live,
            change=change,
            waiting=[
                name for name in moderation.MODERATED if change.before.get(name) != change.after.get(name)
            ]
            if change
            else [],
            draft=draft and self.object.moderation_status == ModerationStatus.DRAFT,
        )
        return HttpResponseRedirect(self.get_success_url())

    @staticmethod
    def proposed_content(form, formsets) -> dict:
        """The moderated content as the form would leave it (the product is not saved yet)."""
        proposed = moderation.listing_snapshot(form.instance)
        # The editor wraps plain text in a paragraph: the same words are no change to review.
        published = (
            moderation.listing_snapshot(Product.objects.get(pk=form.instance.pk)) if form.instance.pk else {}
        )
        for name in moderation.RICH_TEXT:
            if name in published and _same_rich_text(proposed[name], published[name]):
                proposed[name] = published[name]
        proposed["categories"] = sorted(
            f.cleaned_data["category"].pk
            for f in formsets["category_formset"].forms
            if f.cleaned_data.get("category") and not f.cleaned_data.get("DELETE")
        )
        return proposed


class ProductListView(views.ProductListView):
    """Oscar's product list, with a listing's change still waiting for approval marked, and the
    bulk actions named for who uses them: a producer's "put on sale" sends for approval."""

    def get_queryset(self):
        pending = ListingChange.objects.filter(
            product=OuterRef("pk"), kind=ListingChange.Kind.CHANGE, status=ListingChange.Status.PENDING
        )
        return super().get_queryset().annotate(has_pending_change=Exists(pending))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        staff = user_is_staff(self.request.user)
        labels = {
            "make_products_public": _("Put on sale") if staff else _("Send for approval to put on sale"),
            "make_products_non_public": _("Stop selling"),
            "set_product_price": _("Change the price"),
        }
        ctx["action_choices"] = [
            (name, labels.get(name, action.label)) for name, action in ctx["actions"].items()
        ]
        return ctx
