"""A producer's lots and their story in the dashboard: lots, trade items, supply-chain events,
inspections and certifications.

A producer's people see their own producers' objects only; any other id is not found. Where
a page works for one producer (the lot list, a new lot, the certifications), the producer is
the first of the user's, or another of them chosen with `?producer=<id>`. Staff see and edit
every producer's lots, to help a producer who asks.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.core.loading import get_model

from core.forms import form_errors_add
from core.params import id_or_none
from core.permissions import partner_chosen, staff_or_producer_required, user_is_staff
from traceability import services
from traceability.dashboard import selectors
from traceability.forms import (
    CertificationForm,
    InspectionForm,
    LotFilterForm,
    LotForm,
    TraceEventForm,
    TradeItemForm,
    producer_products,
)
from traceability.models import TradeItem

Product = get_model("catalogue", "Product")

LOTS_PER_PAGE = 25


class DashboardMixin:
    @method_decorator(staff_or_producer_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def partners(self):
        return selectors.dashboard_partners(user=self.request.user)

    def partner_chosen(self):
        """The producer a page works for, from `?producer=`: another's id is not found."""
        return partner_chosen(partners=self.partners(), choice=self.request.GET.get("producer", ""))

    def partner_filter(self):
        """Like `partner_chosen`, but staff without a choice see every producer (None)."""
        if user_is_staff(self.request.user) and not self.request.GET.get("producer"):
            return None
        return self.partner_chosen()


class ServiceFormMixin(DashboardMixin):
    """A form whose valid data goes to a service; a refusal comes back on the form, with
    everything typed kept and nothing saved."""

    success_message = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.form_extra_kwargs())
        return kwargs

    def form_extra_kwargs(self):
        return {}

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


# Lots


class LotListView(DashboardMixin, generic.TemplateView):
    template_name = "traceability/dashboard/lot_list.html"

    def get_context_data(self, **kwargs):
        partner = self.partner_filter()
        products = (
            producer_products(partner)
            if partner
            else Product.objects.filter(lots__isnull=False).distinct().order_by("title")
        )
        filters = LotFilterForm(self.request.GET or None, products=products)
        chosen = filters.cleaned_data if filters.is_valid() else {}
        lots = selectors.lot_list(
            user=self.request.user,
            producer=partner,
            product=chosen.get("product"),
            code=(chosen.get("q") or "").strip(),
        )
        page = Paginator(lots, LOTS_PER_PAGE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            partner=partner,
            partners=self.partners(),
            filters=filters,
            page_obj=page,
            lots=page.object_list,
            product_rows=self.product_rows(products) if partner else [],
            query=query.urlencode(),
            producer_query=f"?producer={partner.pk}" if partner else "",
            **kwargs,
        )

    @staticmethod
    def product_rows(products):
        trade_items = {item.product_id: item for item in TradeItem.objects.filter(product__in=products)}
        return [(product, trade_items.get(product.pk)) for product in products]


class LotCreateView(ServiceFormMixin, generic.FormView):
    template_name = "traceability/dashboard/lot_form.html"
    form_class = LotForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.partner = None

    def get_partner(self):
        if self.partner is None:
            self.partner = self.partner_chosen()
        return self.partner

    def form_extra_kwargs(self):
        return {"producer": self.get_partner()}

    def get_initial(self):
        product = id_or_none(self.request.GET.get("product"))
        return {"product": product} if product is not None else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partner=self.get_partner(), partners=self.partners(), lot=None, **kwargs
        )

    def save(self, form):
        lot = services.lot_create(producer=self.get_partner(), **form.cleaned_data)
        self.success_message = _("Lot %(code)s is saved. Add its steps, then publish it.") % {
            "code": lot.code
        }
        return lot

    def get_success_url(self):
        return reverse("traceability-dashboard:lot-detail", kwargs={"pk": self.object.pk})


class LotObjectMixin(DashboardMixin):
    """A view of one lot the user may see: any other is not found."""

    def get_lot(self):
        if not hasattr(self, "lot"):
            self.lot = get_object_or_404(selectors.lots_visible(user=self.request.user), pk=self.kwargs["pk"])
        return self.lot


class LotUpdateView(LotObjectMixin, ServiceFormMixin, generic.FormView):
    template_name = "traceability/dashboard/lot_form.html"
    form_class = LotForm

    def form_extra_kwargs(self):
        lot = self.get_lot()
        return {"producer": lot.producer, "instance": lot}

    def get_context_data(self, **kwargs):
        lot = self.get_lot()
        return super().get_context_data(lot=lot, partner=lot.producer, **kwargs)

    def save(self, form):
        self.success_message = _("The lot is saved.")
        return services.lot_update(lot=self.get_lot(), **form.cleaned_data)

    def get_success_url(self):
        return reverse("traceability-dashboard:lot-detail", kwargs={"pk": self.object.pk})


class LotDetailView(LotObjectMixin, generic.TemplateView):
    template_name = "traceability/dashboard/lot_detail.html"

    def get_context_data(self, **kwargs):
        lot = self.get_lot()
        return super().get_context_data(
            lot=lot,
            partner=lot.producer,
            trade_item=TradeItem.objects.filter(product=lot.product).first(),
            events=lot.events.select_related("commune", "output_lot__product"),
            inspections=lot.inspections.all(),
            certifications=selectors.lot_certifications(lot=lot),
            input_events=lot.input_events.select_related("lot__product"),
            **kwargs,
        )


class LotPublishView(LotObjectMixin, View):
    publish = True

    def post(self, request, *args, **kwargs):
        lot = self.get_lot()
        if self.publish:
            services.lot_publish(lot=lot)
            messages.success(
                request, _("Lot %(code)s is published: its trace page is public.") % {"code": lot.code}
            )
        else:
            services.lot_unpublish(lot=lot)
            messages.success(
                request,
                _("Lot %(code)s is unpublished: its trace page is no longer public.") % {"code": lot.code},
            )
        return HttpResponseRedirect(reverse("traceability-dashboard:lot-detail", kwargs={"pk": lot.pk}))


# Trade items


class TradeItemView(ServiceFormMixin, generic.FormView):
    """What every pack of one product carries: GTIN, brand, geographical indication, standards."""

    template_name = "traceability/dashboard/trade_item_form.html"
    form_class = TradeItemForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.product = None

    def get_product(self):
        if self.product is None:
            products = Product.objects.filter(stockrecords__partner__in=self.partners()).distinct()
            self.product = get_object_or_404(products, pk=self.kwargs["pk"])
            self.partner = self.partners().filter(stockrecords__product=self.product).first()
        return self.product

    def form_extra_kwargs(self):
        product = self.get_product()
        return {"instance": TradeItem.objects.filter(product=product).first() or TradeItem(product=product)}

    def get_context_data(self, **kwargs):
        product = self.get_product()
        return super().get_context_data(product=product, partner=self.partner, **kwargs)

    def save(self, form):
        self.success_message = _("The pack details of %(product)s are saved.") % {
            "product": self.get_product().title
        }
        return services.trade_item_save(
            producer=self.partner, product=self.get_product(), **form.cleaned_data
        )

    def get_success_url(self):
        next_lot = id_or_none(self.request.GET.get("lot"))
        if next_lot and selectors.lots_visible(user=self.request.user).filter(pk=next_lot).exists():
            return reverse("traceability-dashboard:lot-detail", kwargs={"pk": next_lot})
        return reverse("traceability-dashboard:lot-list") + f"?producer={self.partner.pk}"


# Events and inspections of a lot


class LotChildFormView(ServiceFormMixin, generic.FormView):
    """A form for a new or existing event or inspection of one lot the user may see."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.lot = None
        self.instance = None

    def load(self):
        raise NotImplementedError

    def get_lot(self):
        if self.lot is None:
            self.load()
        return self.lot

    def get_context_data(self, **kwargs):
        lot = self.get_lot()
        return super().get_context_data(lot=lot, partner=lot.producer, instance=self.instance, **kwargs)

    def get_success_url(self):
        return reverse("traceability-dashboard:lot-detail", kwargs={"pk": self.get_lot().pk})


class EventCreateView(LotChildFormView):
    template_name = "traceability/dashboard/event_form.html"
    form_class = TraceEventForm
    success_message = ""

    def load(self):
        self.lot = get_object_or_404(selectors.lots_visible(user=self.request.user), pk=self.kwargs["pk"])

    def form_extra_kwargs(self):
        lot = self.get_lot()
        return {"producer": lot.producer, "lot": lot}

    def save(self, form):
        self.success_message = _("The step is added to the lot's story.")
        lot = self.get_lot()
        return services.trace_event_create(producer=lot.producer, lot=lot, **form.cleaned_data)


class EventUpdateView(LotChildFormView):
    template_name = "traceability/dashboard/event_form.html"
    form_class = TraceEventForm

    def load(self):
        self.instance = get_object_or_404(
            selectors.events_visible(user=self.request.user), pk=self.kwargs["pk"]
        )
        self.lot = self.instance.lot

    def form_extra_kwargs(self):
        lot = self.get_lot()
        return {"producer": lot.producer, "lot": lot, "instance": self.instance}

    def save(self, form):
        self.success_message = _("The step is saved.")
        return services.trace_event_update(event=self.instance, **form.cleaned_data)


class InspectionCreateView(LotChildFormView):
    template_name = "traceability/dashboard/inspection_form.html"
    form_class = InspectionForm

    def load(self):
        self.lot = get_object_or_404(selectors.lots_visible(user=self.request.user), pk=self.kwargs["pk"])

    def save(self, form):
        self.success_message = _("The inspection result is saved.")
        lot = self.get_lot()
        return services.inspection_create(producer=lot.producer, lot=lot, **form.cleaned_data)


class InspectionUpdateView(LotChildFormView):
    template_name = "traceability/dashboard/inspection_form.html"
    form_class = InspectionForm

    def load(self):
        self.instance = get_object_or_404(
            selectors.inspections_visible(user=self.request.user), pk=self.kwargs["pk"]
        )
        self.lot = self.instance.lot

    def form_extra_kwargs(self):
        self.get_lot()
        return {"instance": self.instance}

    def save(self, form):
        self.success_message = _("The inspection result is saved.")
        data = dict(form.cleaned_data)
        if data.get("report") is False:  # "clear" ticked
            data["report"] = ""
        return services.inspection_update(inspection=self.instance, **data)


class ConfirmDeleteView(DashboardMixin, generic.TemplateView):
    """Asks first (GET), deletes on POST; another producer's id is not found either way."""

    template_name = "traceability/dashboard/confirm_delete.html"

    def get_object(self):
        raise NotImplementedError

    def delete(self, obj):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        obj = self.get_object()
        return super().get_context_data(object=obj, cancel_url=self.get_success_url(obj), **kwargs)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        url = self.get_success_url(obj)
        self.delete(obj)
        messages.success(request, _("“%(object)s” is deleted.") % {"object": obj})
        return HttpResponseRedirect(url)


class EventDeleteView(ConfirmDeleteView):
    def get_object(self):
        return get_object_or_404(selectors.events_visible(user=self.request.user), pk=self.kwargs["pk"])

    def get_success_url(self, obj):
        return reverse("traceability-dashboard:lot-detail", kwargs={"pk": obj.lot_id})

    def delete(self, obj):
        services.trace_event_delete(event=obj)


class InspectionDeleteView(ConfirmDeleteView):
    def get_object(self):
        return get_object_or_404(selectors.inspections_visible(user=self.request.user), pk=self.kwargs["pk"])

    def get_success_url(self, obj):
        return reverse("traceability-dashboard:lot-detail", kwargs={"pk": obj.lot_id})

    def delete(self, obj):
        services.inspection_delete(inspection=obj)


# Certifications


class CertificationListView(DashboardMixin, generic.TemplateView):
    template_name = "traceability/dashboard/certification_list.html"

    def get_context_data(self, **kwargs):
        partner = self.partner_filter()
        certifications = selectors.certifications_visible(user=self.request.user)
        if partner is not None:
            certifications = certifications.filter(producer=partner)
        return super().get_context_data(
            partner=partner,
            partners=self.partners(),
            certifications=certifications,
            producer_query=f"?producer={partner.pk}" if partner else "",
            **kwargs,
        )


class CertificationCreateView(ServiceFormMixin, generic.FormView):
    template_name = "traceability/dashboard/certification_form.html"
    form_class = CertificationForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.partner = None

    def get_partner(self):
        if self.partner is None:
            self.partner = self.partner_chosen()
        return self.partner

    def form_extra_kwargs(self):
        return {"producer": self.get_partner()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partner=self.get_partner(), partners=self.partners(), certification=None, **kwargs
        )

    def save(self, form):
        self.success_message = _("The certification is saved.")
        return services.certification_create(producer=self.get_partner(), **form.cleaned_data)

    def get_success_url(self):
        return reverse("traceability-dashboard:certification-list") + f"?producer={self.get_partner().pk}"


class CertificationUpdateView(ServiceFormMixin, generic.FormView):
    template_name = "traceability/dashboard/certification_form.html"
    form_class = CertificationForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.certification = None

    def get_certification(self):
        if self.certification is None:
            self.certification = get_object_or_404(
                selectors.certifications_visible(user=self.request.user), pk=self.kwargs["pk"]
            )
        return self.certification

    def form_extra_kwargs(self):
        certification = self.get_certification()
        return {"producer": certification.producer, "instance": certification}

    def get_context_data(self, **kwargs):
        certification = self.get_certification()
        return super().get_context_data(certification=certification, partner=certification.producer, **kwargs)

    def save(self, form):
        self.success_message = _("The certification is saved.")
        data = dict(form.cleaned_data)
        if data.get("scan") is False:  # "clear" ticked
            data["scan"] = ""
        return services.certification_update(certification=self.get_certification(), **data)

    def get_success_url(self):
        return (
            reverse("traceability-dashboard:certification-list")
            + f"?producer={self.get_certification().producer_id}"
        )


class CertificationDeleteView(ConfirmDeleteView):
    def get_object(self):
        return get_object_or_404(
            selectors.certifications_visible(user=self.request.user), pk=self.kwargs["pk"]
        )

    def get_success_url(self, obj):
        return reverse("traceability-dashboard:certification-list") + f"?producer={obj.producer_id}"

    def delete(self, obj):
        services.certification_delete(certification=obj)
