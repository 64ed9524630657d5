"""Oscar's catalogue dashboard: producers' listings go through moderation.

A producer (non-staff) creates and edits its products in Oscar's product form. A new
product, or one not yet approved, is saved and sent to the moderation queue; for a published
product, the price, stock and photos change at once, while a change of its public content
waits in the queue as a `ListingChange` (see `catalog.moderation`). Staff approve or reject
in the queue, reading each change as a diff.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.apps.dashboard.catalogue import views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F403
from oscar.core.loading import get_model

from catalog import moderation
from catalog.models import ModerationStatus
from dashboard.catalogue.forms import RejectionForm

Product = get_model("catalogue", "Product")
ListingChange = get_model("catalogue", "ListingChange")
Certificate = get_model("catalogue", "Certificate")


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
        user = self.request.user
        if user.is_staff:
            return super().forms_valid(form, formsets)
        if self.creating or self.object.moderation_status != ModerationStatus.PUBLISHED:
            response = super().forms_valid(form, formsets)
            if self.request.POST.get("action") == DRAFT_ACTION:
                moderation.listing_save_draft(product=self.object, by=user)
                messages.info(self.request, _("Saved as a draft. Send it for approval when it is ready."))
                return response
            moderation.listing_submit(
                product=self.object,
                after=moderation.listing_snapshot(self.object),
                by=user,
                kind=ListingChange.Kind.NEW,
            )
            messages.info(
                self.request, _("Saved. The listing goes on sale once the OCOP office approves it.")
            )
            return response
        return self.published_product_changed(form, formsets)

    def published_product_changed(self, form, formsets):
        """Price, stock and photos now; the public content through moderation."""
        proposed = moderation.listing_snapshot(form.instance)
        proposed["categories"] = sorted(
            f.cleaned_data["category"].pk
            for f in formsets["category_formset"].forms
            if f.cleaned_data.get("category") and not f.cleaned_data.get("DELETE")
        )
        current = moderation.listing_snapshot(Product.objects.get(pk=self.object.pk))
        for name in ("stockrecord_formset", "image_formset", "recommended_formset"):
            formsets[name].save()
        if proposed != current:
            moderation.listing_submit(
                product=self.object, after=proposed, by=self.request.user, kind=ListingChange.Kind.CHANGE
            )
            messages.info(
                self.request,
                _(
                    "Price and stock are updated. The change to the listing waits for "
                    "the OCOP office's approval."
                ),
            )
        return HttpResponseRedirect(self.get_success_url())


class ModerationQueueView(generic.ListView):
    template_name = "oscar/dashboard/catalogue/moderation_list.html"
    context_object_name = "changes"
    paginate_by = 30

    def get_queryset(self):
        return ListingChange.objects.filter(status=ListingChange.Status.PENDING).select_related(
            "product", "submitted_by"
        )


class ModerationDetailView(generic.DetailView):
    template_name = "oscar/dashboard/catalogue/moderation_detail.html"
    context_object_name = "change"
    queryset = ListingChange.objects.select_related("product", "submitted_by", "reviewed_by")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("rejection_form", RejectionForm())
        return super().get_context_data(diff=moderation.listing_diff(self.object), **kwargs)


class ModerationDecideView(View):
    def post(self, request, pk):
        change = get_object_or_404(ListingChange, pk=pk)
        try:
            if request.POST.get("decision") == "approve":
                moderation.listing_approve(change=change, by=request.user)
                messages.success(request, _("Approved: the listing is on sale as shown."))
            else:
                form = RejectionForm(request.POST)
                if not form.is_valid():
                    context = {
                        "change": change,
                        "diff": moderation.listing_diff(change),
                        "rejection_form": form,
                    }
                    return TemplateResponse(request, ModerationDetailView.template_name, context)
                moderation.listing_reject(change=change, by=request.user, reason=form.cleaned_data["reason"])
                messages.info(request, _("Rejected; the producer is told why."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("dashboard:catalogue-moderation-list")
