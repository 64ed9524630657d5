"""The public side of visits: a session's booking page (its facts and the phone-first form),
and the voucher page a booking's random token opens (the QR code the producer scans, the code
typed below it, cancelling within the producer's rules).

A refused booking (past, cancelled or full session, more guests than places left, too many
sends) shows the page again with the form as typed and the reason; nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from core.forms import form_errors_add
from core.jsonld import json_ld_script
from core.localized import localized
from core.ratelimit import client_ip, rate_exceeded, rate_record
from order.models import OrderStatus, PaymentMethod
from visits import selectors, services
from visits.forms import BookingForm
from visits.models import BookingStatus, VisitBooking
from visits.structured_data import session_event

TOO_MANY = 429
# At most 5 bookings an hour per address and per phone (core.ratelimit), like training.
RATE_SCOPE, RATE_LIMIT = "visits", 5


class BookView(View):
    template_name = "visits/book.html"

    def get_session(self, pk):
        session = selectors.session_public(pk)
        if session is None:
            raise Http404("no such visit session")
        return session

    def render(self, request, session, form, *, refusal="", status=200):
        left = selectors.places_left(session)
        producer = selectors.product_partner(session.product)
        producer_name = localized(producer, "name").text if producer else ""
        terms = selectors.terms_of(session.product)
        url = request.build_absolute_uri(request.path)
        context = {
            "session": session,
            "product": session.product,
            "producer_name": producer_name,
            "starts": selectors.moment_text(session.starts_at),
            "ends": selectors.time_text(session.ends_at),
            "left": left,
            "terms": terms,
            "form": form,
            "refusal": refusal
            or (selectors.booking_refusal(session=session) if request.method == "GET" else ""),
            "json_ld": json_ld_script(
                session_event(session=session, url=url, left=left, producer_name=producer_name)
            ),
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render(request, self.get_session(pk), BookingForm())

    def post(self, request, pk):
        session = self.get_session(pk)
        form = BookingForm(request.POST)
        ip = client_ip(request)
        if rate_exceeded(scope=RATE_SCOPE, senders={"ip": ip}, limit=RATE_LIMIT):
            return self.render(request, session, form, refusal=self.too_many_text(), status=TOO_MANY)
        if form.is_spam():
            rate_record(scope=RATE_SCOPE, senders={"ip": ip})
            return HttpResponseRedirect(request.path)
        if not form.is_valid():
            return self.render(request, session, form, status=400)
        data = form.cleaned_data
        senders = {"ip": ip, "phone": str(data["phone"])}
        if rate_exceeded(scope=RATE_SCOPE, senders=senders, limit=RATE_LIMIT):
            return self.render(request, session, form, refusal=self.too_many_text(), status=TOO_MANY)
        try:
            booking = services.booking_create(
                session=session,
                guests=data["guests"],
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
                user=request.user,
                language=translation.get_language() or "vi",
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "refused":
                return self.render(
                    request, self.get_session(pk), form, refusal=" ".join(error.messages), status=409
                )
            form_errors_add(form, error)
            return self.render(request, self.get_session(pk), form, status=400)
        rate_record(scope=RATE_SCOPE, senders=senders)
        # To the voucher, which leads on to the order's pay page: a guest who gave no e-mail
        # keeps the voucher's address, which the pay page does not show.
        return HttpResponseRedirect(selectors.voucher_url(booking))

    @staticmethod
    def too_many_text():
        return _(
            "Many bookings were sent from here in the last hour. Please wait an hour or call the "
            "producer; nothing was saved this time."
        )


def _voucher_context(booking: VisitBooking) -> dict:
    session = booking.session
    terms = selectors.terms_of(session.product)
    producer = selectors.product_partner(session.product)
    order = booking.order
    return {
        "booking": booking,
        "session": session,
        "product": session.product,
        "producer": producer,
        "starts": selectors.moment_text(session.starts_at),
        "ends": selectors.time_text(session.ends_at),
        "terms": terms,
        "cancel_until": selectors.moment_text(selectors.cancel_deadline(session=session, terms=terms)),
        "cancel_refusal": services.cancel_refusal(booking=booking),
        "qr": selectors.voucher_qr(booking) if booking.status == BookingStatus.BOOKED else "",
        "checked_in": selectors.moment_text(booking.checked_in_at) if booking.checked_in_at else "",
        "order": order,
        # Until the buyer has said how to pay (cash on the day, transfer, card): the pay page.
        "pay_url": order.get_pay_url()
        if order is not None
        and order.payment_method == PaymentMethod.UNCHOSEN
        and order.status != OrderStatus.CANCELLED
        else "",
    }


class VoucherView(View):
    template_name = "visits/voucher.html"

    def get_booking(self, token):
        return get_object_or_404(
            VisitBooking.objects.select_related("session__product", "order"), token=token
        )

    def get(self, request, token):
        booking = self.get_booking(token)
        return TemplateResponse(request, self.template_name, _voucher_context(booking))

    def post(self, request, token):
        """Cancel, within the producer's rules."""
        booking = self.get_booking(token)
        context = _voucher_context(booking)
        try:
            booking = services.booking_cancel(booking=booking, now=timezone.now())
        except ValidationError as error:
            context["refusal"] = " ".join(error.messages)
            return TemplateResponse(request, self.template_name, context, status=409)
        return HttpResponseRedirect(selectors.voucher_url(booking) + "?cancelled=1")
