"""The demo's pre-orders (`data/preorders.toml`): the book of Lục Ngạn lychees for their next
season, and buyers' reservations (guests, and a demo buyer's account), one of them cancelled.

The book is opened through `preorders.services.book_open` for the season the harvest calendar
gives next (the "Harvest seasons" step's windows); a product without one gets no book and the
step says so by creating nothing. Reservations are made through the service, in the order of
the file, inside `core.mails.mails_not_sent()`; each is looked up by its phone, so the step can
run any number of times.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from oscar.core.loading import get_model

from core.clock import vietnam_today
from core.mails import mails_not_sent
from demo.records import data_file
from preorders.models import PreorderBook, Reservation
from preorders.services import book_open, reservation_cancel, reservation_create
from seasons.selectors import season_next

PREORDERS = data_file("preorders")
SITE = data_file("site")

Product = get_model("catalogue", "Product")
Commune = get_model("places", "Commune")


def _buyer():
    data = PREORDERS["buyer"]
    User = get_user_model()
    user = User.objects.filter(username=data["username"]).first()
    if user is None:
        user = User(
            username=data["username"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=make_password(SITE["producer_logins"]["password"]),
        )
        user.full_clean()
        user.save()
    return user


def _book() -> tuple[PreorderBook | None, bool]:
    data = PREORDERS["book"]
    product = Product.objects.filter(stockrecords__partner_sku=data["sku"]).first()
    if product is None:
        return None, False
    span = season_next(product_id=product.pk, on=vietnam_today())
    if span is None:
        return None, False
    book = PreorderBook.objects.filter(product=product, starts_on=span.starts_on).first()
    if book is not None:
        return book, False
    record = product.stockrecords.select_related("partner").first()
    book = book_open(
        product=product, producer=record.partner, capacity=data["capacity"], pay_days=data["pay_days"]
    )
    return book, True


def demo_preorders() -> tuple[int, int]:
    book, opened = _book()
    if book is None:
        return 0, 0
    buyer = _buyer()
    communes = Commune.objects.in_bulk([r["commune"] for r in PREORDERS["reservations"]], field_name="code")
    known = {phone.as_e164 for phone in Reservation.objects.filter(book=book).values_list("phone", flat=True)}
    created = int(opened)
    with mails_not_sent():
        for data in PREORDERS["reservations"]:
            if data["phone"] in known or data["commune"] not in communes:
                continue
            reservation = reservation_create(
                book=book,
                quantity=data["quantity"],
                name=data["name"],
                phone=data["phone"],
                email=data.get("email", ""),
                line1=data["street"],
                commune=communes[data["commune"]],
                user=buyer if data.get("account") == buyer.username else None,
            )
            if data.get("cancelled"):
                reservation_cancel(reservation=reservation)
            created += 1
    return created, len(PREORDERS["reservations"]) + 1 - created
