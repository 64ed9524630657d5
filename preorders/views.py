"""The buyer's side of pre-orders: the reserve page of a book (phone first, guests and
signed-in buyers alike), and the reservation's page, opened by its random token only, with a
cancel button while it waits.

A refused or invalid form comes back as typed with the reason; without JavaScript the province
button shows its communes with nothing lost (as the checkout's address step).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from core.clock import vietnam_today
from core.forms import form_errors_add
from core.ratelimit import client_ip, rate_exceeded, rate_record
from preorders import selectors, services
from preorders.forms import ReservationForm
from preorders.models import PreorderBook, Reservation, ReservationStatus

TOO_MANY = 429
# At most 5 reservations an hour per address and per phone (core.ratelimit), like training.
RATE_SCOPE, RATE_LIMIT = "preorders", 5
CHOOSE_PROVINCE = "choose-province"


def _book_or_404(book_pk) -> PreorderBook:
    return get_object_or_404(
        PreorderBook.objects.select_related("product", "producer").filter(product__is_public=True), pk=book_pk
    )


class ReserveView(View):
    template_name = "preorders/reserve.html"

    def get(self, request, book_pk):
        book = _book_or_404(book_pk)
        initial = {}
        if request.user.is_authenticated:
            initial = {"name": request.user.get_full_name(), "email": request.user.email}
        return self.render(request, book, ReservationForm(initial=initial))

    def post(self, request, book_pk):
        book = _book_or_404(book_pk)
        if request.POST.get("action") == CHOOSE_PROVINCE:
            typed = {
                name: request.POST.get(name) for name in ReservationForm.base_fields if name in request.POST
            }
            return self.render(request, book, ReservationForm(initial=typed))
        form = ReservationForm(request.POST)
        ip = client_ip(request)
        if rate_exceeded(scope=RATE_SCOPE, senders={"ip": ip}, limit=RATE_LIMIT):
            return self.render(request, book, form, refusal=self.too_many_text(), status=TOO_MANY)
        if not form.is_valid():
            return self.render(request, book, form, status=400)
        data = form.cleaned_data
        senders = {"ip": ip, "phone": str(data["phone"])}
        if rate_exceeded(scope=RATE_SCOPE, senders=senders, limit=RATE_LIMIT):
            return self.render(request, book, form, refusal=self.too_many_text(), status=TOO_MANY)
        try:
            reservation = services.reservation_create(
                book=book,
                quantity=data["quantity"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                line1=data["line1"],
                commune=data["commune"],
                user=request.user,
                language=translation.get_language() or "vi",
            )
        except ValidationError as error:
            form_errors_add(form, error)
            return self.render(request, book, form, status=400)
        rate_record(scope=RATE_SCOPE, senders=senders)
        return redirect(selectors.reservation_url(reservation))

    @staticmethod
    def too_many_text():
        return _(
            "Many reservations were sent from here in the last hour. Please wait an hour or call "
            "the producer; nothing was saved this time."
        )

    def render(self, request, book, form, *, refusal="", status=200):
        today = vietnam_today()
        open_now = book.is_open and book.starts_on > today
        return TemplateResponse(
            request,
            self.template_name,
            {
                "book": book,
                "product": book.product,
                "left": selectors.book_places_left(book),
                "open_now": open_now,
                "form": form,
                "refusal": refusal,
                "choose_province": CHOOSE_PROVINCE,
            },
            status=status,
        )


def _reservation_or_404(token) -> Reservation:
    return get_object_or_404(
        Reservation.objects.select_related("book__product", "book__producer", "commune__province", "order"),
        token=token,
    )


class ReservationView(View):
    def get(self, request, token):
        reservation = _reservation_or_404(token)
        return TemplateResponse(request, "preorders/reservation.html", _reservation_context(reservation))


class ReservationCancelView(View):
    http_method_names = ["post"]

    def post(self, request, token):
        reservation = _reservation_or_404(token)
        try:
            services.reservation_cancel(reservation=reservation)
        except ValidationError as error:
            context = _reservation_context(reservation)
            context["refusal"] = " ".join(error.messages)
            return TemplateResponse(request, "preorders/reservation.html", context, status=400)
        return redirect(selectors.reservation_url(reservation))


def _reservation_context(reservation: Reservation) -> dict:
    book = reservation.book
    if book is None:
        raise Http404
    return {
        "reservation": reservation,
        "book": book,
        "product": book.product,
        "total": book.unit_price * reservation.quantity,
        "order": reservation.order if reservation.status == ReservationStatus.ORDERED else None,
    }


class MyReservationsView(LoginRequiredMixin, View):
    """A signed-in buyer's reservations, newest first (a guest keeps each one's own link)."""

    def get(self, request):
        return TemplateResponse(
            request,
            "preorders/mine.html",
            {"reservations": selectors.reservations_of_user(request.user).select_related("book__producer")},
        )
