"""Oscar's catalogue dashboard: producers' listings go through moderation.

A producer (non-staff) creates and edits its products in Oscar's product form; what is
written at once and what waits for the OCOP office is `catalog.moderation.listing_edit`'s
decision (the same service the spreadsheet import uses). Staff approve or reject in the
moderation queue, `catalog.dashboard`.

Every other view of Oscar's catalogue dashboard comes from Oscar through `get_class`, which
falls back to Oscar's module for the names this one does not define.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

from catalog import moderation
from catalog.models import ModerationStatus

ListingChange = get_model("catalogue", "ListingChange")

# The product form's button that keeps a new listing as the producer's draft.
DRAFT_ACTION = "draft"


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    def get_success_url(self):
        url = super().get_success_url()
        if self.request.POST.get("action") == DRAFT_ACTION:
            return reverse("dashboard:catalogue-product", kwargs={"pk": self.object.pk})
        return url

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def forms_valid(self, form, formsets):
        saved = []  # Oscar's response, when the whole form is saved
        oscar_forms_valid = super().forms_valid

        def save_at_once():
            for name in ("stockrecord_formset", "image_formset", "recommended_formset"):
                formsets[name].save()

        draft = self.request.POST.get("action") == DRAFT_ACTION
        change = moderation.listing_edit(
            product=self.object,
            by=self.request.user,
            proposed=self.proposed_content(form, formsets),
            save_all=lambda: saved.append(oscar_forms_valid(form, formsets)),
            save_at_once=save_at_once,
            draft=draft,
        )
        if change is not None and change.kind == ListingChange.Kind.NEW:
            messages.info(
                self.request, _("Saved. The listing goes on sale once the OCOP office approves it.")
            )
        elif change is not None:
            messages.info(
                self.request,
                _(
                    "Price and stock are updated. The change to the listing waits for "
                    "the OCOP office's approval."
                ),
            )
        elif draft and self.object.moderation_status == ModerationStatus.DRAFT:
            messages.info(self.request, _("Saved as a draft. Send it for approval when it is ready."))
        return saved[0] if saved else HttpResponseRedirect(self.get_success_url())

    @staticmethod
    def proposed_content(form, formsets) -> dict:
        """The moderated content as the form would leave it (the product is not saved yet)."""
        proposed = moderation.listing_snapshot(form.instance)
        proposed["categories"] = sorted(
            f.cleaned_data["category"].pk
            for f in formsets["category_formset"].forms
            if f.cleaned_data.get("category") and not f.cleaned_data.get("DELETE")
        )
        return proposed
