"""Pre-order books in the shop dashboard.

A producer sees and runs the books of its own products (any other id is not found); the
OCOP office sees every producer's. From the list a producer opens a book for a seasonal
product's next season; a book's page shows its totals and reservations in the order they
came, its settings (quantity offered, price, days to pay), closing or reopening it, the CSV
of its reservations, and the harvest's turn: "Turn pre-orders into orders" with a lot.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from core.clock import VIETNAM, vietnam_today
from core.downloads import csv_attachment
from core.forms import form_errors_add
from core.permissions import dashboard_partners, staff_or_producer_required
from preorders import selectors, services
from preorders.forms import BookForm, ConvertForm
from preorders.models import PreorderBook
from seasons.selectors import season_on, seasons_next

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


@method_decorator(staff_or_producer_required, name="dispatch")
class BookMixin(View):
    def partners(self):
        return dashboard_partners(self.request.user)

    def book(self) -> PreorderBook:
        return get_object_or_404(selectors.books_of(partners=self.partners()), pk=self.kwargs["pk"])

    @staticmethod
    def book_url(book) -> str:
        return reverse("preorders-dashboard:book", kwargs={"pk": book.pk})


def _seasonal_products(partners, *, on: datetime.date) -> list:
    """The partners' products with a next season and no book for it yet, with that season."""
    records = StockRecord.objects.filter(partner__in=partners).select_related("product", "partner")
    by_product = {record.product_id: record for record in records}
    upcoming = seasons_next(on=on, product_ids=list(by_product))
    booked = set(
        PreorderBook.objects.filter(product_id__in=list(upcoming)).values_list("product_id", "starts_on")
    )
    offers = []
    for product_id, span in upcoming.items():
        if (product_id, span.starts_on) in booked:
            continue
        record = by_product[product_id]
        offers.append((record.product, record.partner, span))
    return sorted(offers, key=lambda offer: (offer[2].starts_on, offer[0].title))


class BookListView(BookMixin):
    def get(self, request):
        partners = self.partners()
        books = list(selectors.books_of(partners=partners).order_by("-starts_on", "product__title"))
        for book in books:
            book.totals = selectors.book_totals(book)
        return TemplateResponse(
            request,
            "preorders/dashboard/list.html",
            {"books": books, "offers": _seasonal_products(partners, on=vietnam_today())},
        )


class BookOpenView(BookMixin):
    template_name = "preorders/dashboard/open.html"

    def setup_product(self):
        record = get_object_or_404(
            StockRecord.objects.select_related("product", "partner").filter(partner__in=self.partners()),
            product_id=self.kwargs["product_pk"],
        )
        return record

    def get(self, request, product_pk):
        record = self.setup_product()
        form = BookForm(initial={"unit_price": record.price, "pay_days": 2})
        return self.render(request, record, form)

    def post(self, request, product_pk):
        record = self.setup_product()
        form = BookForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                book = services.book_open(
                    product=record.product,
                    producer=record.partner,
                    capacity=data["capacity"],
                    unit_price=data["unit_price"],
                    pay_days=data["pay_days"],
                )
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request, _("The pre-order book is open: buyers can reserve from the product's page.")
                )
                return HttpResponseRedirect(self.book_url(book))
        return self.render(request, record, form, status=400)

    def render(self, request, record, form, status=200):
        return TemplateResponse(
            request,
            self.template_name,
            {
                "product": record.product,
                "partner": record.partner,
                "span": seasons_next(on=vietnam_today(), product_ids=[record.product_id]).get(
                    record.product_id
                ),
                "form": form,
            },
            status=status,
        )


class BookDetailView(BookMixin):
    def get(self, request, pk):
        return self.render(request, self.book())

    def render(self, request, book, *, form=None, convert_form=None, status=200):
        today = vietnam_today()
        lots = selectors.conversion_lots(book, on=today)
        return TemplateResponse(
            request,
            "preorders/dashboard/book.html",
            {
                "book": book,
                "totals": selectors.book_totals(book),
                "reservations": selectors.reservations_of_book(book),
                "form": form
                or BookForm(
                    initial={
                        "capacity": book.capacity,
                        "unit_price": book.unit_price,
                        "pay_days": book.pay_days,
                    }
                ),
                "convert_form": convert_form or ConvertForm(lots=lots),
                "lots": lots,
                "in_season": season_on(product_id=book.product_id, on=today),
                "before_season": today < book.starts_on,
            },
            status=status,
        )


class BookUpdateView(BookDetailView):
    http_method_names = ["post"]

    def post(self, request, pk):
        book = self.book()
        form = BookForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.book_update(
                    book=book,
                    capacity=data["capacity"],
                    unit_price=data["unit_price"],
                    pay_days=data["pay_days"],
                )
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("The book's settings are saved."))
                return HttpResponseRedirect(self.book_url(book))
        return self.render(request, book, form=form, status=400)


class BookOpenCloseView(BookMixin):
    http_method_names = ["post"]

    def post(self, request, pk):
        book = self.book()
        is_open = request.POST.get("open") == "1"
        services.book_set_open(book=book, is_open=is_open)
        if is_open:
            messages.success(request, _("The book takes reservations again."))
        else:
            messages.success(request, _("The book is closed to new reservations; those made stay."))
        return HttpResponseRedirect(self.book_url(book))


class BookConvertView(BookDetailView):
    http_method_names = ["post"]

    def post(self, request, pk):
        book = self.book()
        form = ConvertForm(request.POST, lots=selectors.conversion_lots(book, on=vietnam_today()))
        if not form.is_valid():
            return self.render(request, book, convert_form=form, status=400)
        try:
            result = services.reservations_convert(book=book, lot=form.cleaned_data["lot"], by=request.user)
        except ValidationError as error:
            form_errors_add(form, error)
            return self.render(request, book, convert_form=form, status=400)
        if result.stopped_for_stock:
            messages.warning(
                request,
                _(
                    "%(created)s orders made, %(waiting)s waiting because the stock is not enough: "
                    "add the harvest to the stock and turn them into orders again."
                )
                % {"created": result.created, "waiting": result.waiting},
            )
        elif result.created:
            messages.success(
                request,
                _("%(created)s orders made; each buyer with an e-mail was sent the link to pay.")
                % {"created": result.created},
            )
        else:
            messages.info(request, _("No reservation was waiting: no order made."))
        return HttpResponseRedirect(self.book_url(book))


class BookCsvView(BookMixin):
    def get(self, request, pk):
        book = self.book()
        header = [
            _("Reserved at"),
            _("Full name"),
            _("Phone number"),
            _("E-mail"),
            _("Quantity"),
            _("Address"),
            _("Status"),
            _("Order"),
        ]
        rows = [
            [
                reservation.created_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M"),
                reservation.name,
                reservation.phone.as_national if reservation.phone else "",
                reservation.email,
                reservation.quantity,
                ", ".join(
                    (reservation.line1, reservation.commune.full_name, reservation.commune.province.full_name)
                ),
                reservation.get_status_display(),
                reservation.order.number if reservation.order else "",
            ]
            for reservation in selectors.reservations_of_book(book)
        ]
        return csv_attachment(
            filename=f"dat-truoc-{book.product.upc or book.pk}-{book.starts_on:%Y}.csv",
            header=header,
            rows=rows,
        )
