"""Visits in the shop dashboard: a producer's sessions (one-off and repeating), its cancellation
terms, each session's bookings, the day sheet, and checking guests in at the door.

A producer sees its own visits only (`core.permissions.dashboard_partners`): any other
session, series or product id is not found; the OCOP office sees every producer's. The check-in
page is what a voucher's QR code opens: it needs the producer's login, and refuses another
producer's voucher, a cancelled booking, and a second check-in (saying when the first was).
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View, generic

from core.clock import vietnam_today
from core.forms import form_errors_add
from core.permissions import dashboard_partners, staff_or_producer_required
from visits import selectors, services
from visits.forms import CheckInCodeForm, SeriesForm, SessionCancelForm, SessionForm, TermsForm
from visits.models import VisitBooking, VisitSeries, VisitSession


class VisitsMixin:
    @method_decorator(staff_or_producer_required)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def partners(self):
        return dashboard_partners(self.request.user)

    def products(self):
        return selectors.visit_products_of_partners(partners=self.partners())

    def session(self, pk) -> VisitSession:
        return get_object_or_404(selectors.sessions_of_partners(partners=self.partners()), pk=pk)

    def series(self, pk) -> VisitSeries:
        return get_object_or_404(VisitSeries.objects.filter(product__in=self.products()), pk=pk)


def _list_url():
    return reverse("visits-dashboard:session-list")


class SessionListView(VisitsMixin, generic.TemplateView):
    """The sessions to come (and of the last week), each with its places taken."""

    template_name = "visits/dashboard/session_list.html"

    def get_context_data(self, **kwargs):
        since = timezone.now() - datetime.timedelta(days=7)
        sessions = list(selectors.sessions_of_partners(partners=self.partners(), since=since))
        for session in sessions:
            session.when = selectors.moment_text(session.starts_at)
            session.left = selectors.places_left(session)
        products = list(self.products())
        for product in products:
            product.terms = selectors.terms_of(product)
        return super().get_context_data(
            sessions=sessions,
            products=products,
            series=VisitSeries.objects.filter(product__in=products).select_related("product"),
            today=vietnam_today(),
            code_form=CheckInCodeForm(),
            **kwargs,
        )


class ProductPriceMixin:
    def price_default(self, form):
        """An empty price is the visit's price in the shop."""
        if form.cleaned_data.get("price") is None:
            form.instance.price = selectors.product_price(form.cleaned_data["product"]) or 0


class SessionEditView(VisitsMixin, ProductPriceMixin, generic.FormView):
    template_name = "visits/dashboard/session_form.html"
    form_class = SessionForm

    def get_object(self):
        pk = self.kwargs.get("pk")
        return self.session(pk) if pk else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["products"] = self.products()
        session = self.get_object()
        if session is not None:
            kwargs["instance"] = session
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.get_object(), **kwargs)

    def form_valid(self, form):
        session = form.instance
        self.price_default(form)
        if session.pk and VisitSession.objects.get(pk=session.pk).starts_at <= timezone.now():
            form.add_error(None, _("A session in the past cannot be changed."))
            return self.form_invalid(form)
        try:
            services.session_save(session=session)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Session of %(when)s saved.") % {"when": selectors.moment_text(session.starts_at)}
        )
        return HttpResponseRedirect(_list_url())


class SeriesEditView(VisitsMixin, ProductPriceMixin, generic.FormView):
    template_name = "visits/dashboard/series_form.html"
    form_class = SeriesForm

    def get_object(self):
        pk = self.kwargs.get("pk")
        return self.series(pk) if pk else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["products"] = self.products()
        series = self.get_object()
        if series is not None:
            kwargs["instance"] = series
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(series=self.get_object(), **kwargs)

    def form_valid(self, form):
        self.price_default(form)
        try:
            made, removed = services.series_save(series=form.instance)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Repeating sessions saved: %(made)s sessions made, %(removed)s unbooked ones "
                "replaced; booked sessions kept."
            )
            % {"made": made, "removed": removed},
        )
        return HttpResponseRedirect(_list_url())


class TermsView(VisitsMixin, generic.FormView):
    template_name = "visits/dashboard/terms_form.html"
    form_class = TermsForm

    def get_product(self):
        return get_object_or_404(self.products(), pk=self.kwargs["product_pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": selectors.terms_of(self.get_product())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(product=self.get_product(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        services.terms_set(
            product=self.get_product(),
            cancel_hours_before=data["cancel_hours_before"],
            refund=data["refund"],
            notes=data["notes"],
        )
        messages.success(self.request, _("Cancellation terms saved."))
        return HttpResponseRedirect(_list_url())


class SessionBookingsView(VisitsMixin, generic.TemplateView):
    template_name = "visits/dashboard/session_bookings.html"

    def get_context_data(self, **kwargs):
        session = self.session(self.kwargs["pk"])
        return super().get_context_data(
            session=session,
            when=selectors.moment_text(session.starts_at),
            left=selectors.places_left(session),
            bookings=selectors.bookings_of_session(session),
            cancel_form=SessionCancelForm(),
            **kwargs,
        )


class SessionCancelView(VisitsMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        session = self.session(pk)
        form = SessionCancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the session is cancelled: the guests are told."))
        else:
            try:
                count = services.session_cancel(session=session, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("Session cancelled; %(count)s bookings cancelled and their guests told.")
                    % {"count": count},
                )
        return HttpResponseRedirect(reverse("visits-dashboard:session-bookings", kwargs={"pk": session.pk}))


class DaySheetView(VisitsMixin, generic.TemplateView):
    """The day's sessions with their guests and phones, to print."""

    template_name = "visits/dashboard/day_sheet.html"

    def get_context_data(self, **kwargs):
        try:
            day = datetime.date.fromisoformat(self.request.GET.get("day", ""))
        except ValueError:
            day = vietnam_today()
        rows = []
        for session, bookings in selectors.bookings_of_day(partners=self.partners(), day=day):
            session.when = selectors.time_text(session.starts_at)
            rows.append((session, bookings, sum(b.guests for b in bookings)))
        return super().get_context_data(
            day=day,
            rows=rows,
            previous=day - datetime.timedelta(days=1),
            next=day + datetime.timedelta(days=1),
            **kwargs,
        )


class CheckInCodeView(VisitsMixin, View):
    """The code typed at the door: to the voucher's check-in page."""

    http_method_names = ["post"]

    def post(self, request):
        form = CheckInCodeForm(request.POST)
        booking = services.booking_by_code(code=form.data.get("code", "")) if form.is_valid() else None
        if booking is None:
            messages.error(request, _("No voucher has this code. Check the code and type it again."))
            return HttpResponseRedirect(_list_url())
        return HttpResponseRedirect(reverse("visits-dashboard:check-in", kwargs={"token": booking.token}))


class CheckInView(VisitsMixin, View):
    """What a voucher's QR code opens: the party and its session, and one button."""

    template_name = "visits/dashboard/check_in.html"

    def get_booking(self, token):
        return get_object_or_404(
            VisitBooking.objects.select_related("session__product", "order"), token=token
        )

    def mine(self, booking) -> bool:
        return self.partners().filter(stockrecords__product=booking.session.product_id).exists()

    def refused(self, request):
        return TemplateResponse(
            request,
            self.template_name,
            {"refusal": _("This voucher is for another producer's visit: not checked in.")},
            status=403,
        )

    def render(self, request, booking, *, status=200):
        session = booking.session
        context = {
            "booking": booking,
            "session": session,
            "when": selectors.moment_text(session.starts_at),
            "not_today": selectors.local_day(session.starts_at) != vietnam_today(),
            "checked_in": selectors.moment_text(booking.checked_in_at) if booking.checked_in_at else "",
            "order": booking.order,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request, token):
        booking = self.get_booking(token)
        if not self.mine(booking):
            return self.refused(request)
        return self.render(request, booking)

    def post(self, request, token):
        booking = self.get_booking(token)
        if not self.mine(booking):
            return self.refused(request)
        try:
            booking = services.booking_check_in(booking=booking, partners=self.partners(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s and party (%(guests)s guests) checked in at %(time)s.")
                % {
                    "name": booking.full_name,
                    "guests": booking.guests,
                    "time": selectors.moment_text(booking.checked_in_at),
                },
            )
        return HttpResponseRedirect(reverse("visits-dashboard:check-in", kwargs={"token": token}))
