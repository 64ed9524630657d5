"""A product's harvest windows in the back office.

A producer's people see their own producers' products only (any other id is not found); staff
see every product, to help a producer who asks. Edits apply at once, like price and stock (no
moderation by the OCOP office): the shop's sale hold, the cards and the search index follow.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from core.clock import vietnam_today
from core.forms import form_errors_add
from core.permissions import dashboard_partners, staff_or_producer_required
from seasons import services
from seasons.forms import HarvestWindowForm
from seasons.models import HarvestWindow
from seasons.selectors import seasons_next, seasons_running
from seasons.wording import day_text, kind_text

Product = get_model("catalogue", "Product")


def products_visible(user):
    """The products whose windows `user` may edit: their producers' (every one for staff)."""
    return Product.objects.filter(stockrecords__partner__in=dashboard_partners(user)).distinct()


def windows_visible(user):
    return HarvestWindow.objects.filter(product__in=products_visible(user)).select_related("product")


class DashboardView(View):
    @method_decorator(staff_or_producer_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def _page(request, product, form, *, window=None, status=200):
    today = vietnam_today()
    running = seasons_running(on=today, product_ids=[product.pk]).get(product.pk)
    upcoming = seasons_next(on=today, product_ids=[product.pk]).get(product.pk)
    context = {
        "product": product,
        "windows": product.harvest_windows.order_by("year", "start_month", "start_day", "kind"),
        "form": form,
        "window": window,
        "running": running,
        "upcoming": upcoming,
        "running_text": running and f"{kind_text(running.kind)} {day_text(running.ends_on)}",
        "upcoming_text": upcoming and day_text(upcoming.starts_on),
    }
    return render(request, "seasons/dashboard/product_windows.html", context, status=status)


def _saved(request, form, window) -> bool:
    try:
        services.harvest_window_save(window=window)
    except ValidationError as error:
        form_errors_add(form, error)
        return False
    messages.success(request, _("The harvest window is saved; the shop shows it now."))
    return True


class ProductWindowsView(DashboardView):
    """The product's windows, and a form to add one."""

    def get_product(self):
        return get_object_or_404(products_visible(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, pk):
        return _page(request, self.get_product(), HarvestWindowForm())

    def post(self, request, pk):
        product = self.get_product()
        form = HarvestWindowForm(request.POST, instance=HarvestWindow(product=product))
        if form.is_valid() and _saved(request, form, form.instance):
            return redirect("seasons-dashboard:product-windows", pk=product.pk)
        return _page(request, product, form, status=400)


class WindowUpdateView(DashboardView):
    def get_window(self):
        return get_object_or_404(windows_visible(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, pk):
        window = self.get_window()
        return _page(request, window.product, HarvestWindowForm(instance=window), window=window)

    def post(self, request, pk):
        window = self.get_window()
        form = HarvestWindowForm(request.POST, instance=window)
        if form.is_valid() and _saved(request, form, form.instance):
            return redirect("seasons-dashboard:product-windows", pk=window.product_id)
        return _page(request, window.product, form, window=window, status=400)


class WindowDeleteView(DashboardView):
    def get_window(self):
        return get_object_or_404(windows_visible(self.request.user), pk=self.kwargs["pk"])

    def get(self, request, pk):
        window = self.get_window()
        cancel_url = reverse("seasons-dashboard:product-windows", kwargs={"pk": window.product_id})
        return render(
            request, "seasons/dashboard/window_delete.html", {"window": window, "cancel_url": cancel_url}
        )

    def post(self, request, pk):
        window = self.get_window()
        services.harvest_window_delete(window=window)
        messages.success(request, _("The harvest window is deleted."))
        return redirect("seasons-dashboard:product-windows", pk=window.product_id)
