"""A small OCOP programme on fixed dates: certificates since 2023, orders in February 2026, a
fair from 10 to 12 February 2026 and buyer inquiries; "today" is 15 March 2026.

Certificates (programme year, stars, validity):
- lychee noodles (Food › Noodles, Lục Ngạn): 3★ 2023 (01/05/2023), superseded by 4★ 2025
  (01/06/2025): an upgrade;
- honey wine (Drinks, no origin: the producer's commune Ba Đình, no district): 4★ 2024;
- chicken sausage (Food, Lục Ngạn): 5★ 2025 (01/09/2025);
- rice cake (Food, Lục Ngạn): 3★ 2023 (10/04/2023 to 10/04/2026): expiring in 26 days;
- herbal tea (Drinks, Lục Ngạn): 3★ 2024 (01/01/2024), revoked on 10/06/2025.
"""

import datetime

import pytest
from oscar.core.loading import get_model

from core.clock import VIETNAM
from order.fulfilment import fulfilment_advance
from tests.catalog.factories import CategoryFactory, CertificateFactory, ProductFactory
from tests.fairs.factories import BoothApplicationFactory, FairListingFactory, FairPageFactory
from tests.inquiries.factories import InquiryFactory
from tests.partner.factories import ProducerFactory
from tests.places.factories import DistrictFactory, ProvinceFactory
from tests.shopping import Shopper

Order = get_model("order", "Order")
Certificate = get_model("catalogue", "Certificate")

TODAY = datetime.date(2026, 3, 15)


def vietnam(*args):
    return datetime.datetime(*args, tzinfo=VIETNAM)


def certificate(product, stars, programme_year, valid_from, **fields):
    return CertificateFactory(
        product=product,
        stars=stars,
        programme_year=programme_year,
        decision_date=valid_from,
        valid_from=valid_from,
        valid_to=Certificate.validity_end(valid_from),
        **fields,
    )


@pytest.fixture
def programme(db, commune, other_commune, client, committed):
    legacy = ProvinceFactory(code="T24-old", name="Bắc Giang", is_current=False)
    luc_ngan = DistrictFactory(code="D-LN", name="Lục Ngạn", province=legacy)
    food = CategoryFactory(name="Thực phẩm")
    noodles = food.add_child(name="Mỳ, bún")
    drinks = CategoryFactory(name="Đồ uống")
    a = ProducerFactory(name="HTX Lục Ngạn", commune=commune, legacy_district=luc_ngan)
    b = ProducerFactory(name="HTX Ba Đình", commune=other_commune)

    def product(title, category, partner, price, origin=True):
        item = ProductFactory(
            title=title,
            category=category,
            stockrecords__partner=partner,
            stockrecords__price=price,
            stockrecords__num_in_stock=100,
            origin_commune=commune if origin else None,
            origin_district=luc_ngan if origin else None,
        )
        return item

    noodle = product("Mỳ Chũ thử", noodles, a, 50000)
    wine = product("Rượu mật ong thử", drinks, b, 200000, origin=False)
    sausage = product("Xúc xích gà thử", food, a, 120000)
    cake = product("Bánh khảo thử", food, a, 30000)
    tea = product("Trà thảo dược thử", drinks, a, 80000)

    old = certificate(noodle, 3, 2023, datetime.date(2023, 5, 1), status="superseded")
    certificate(noodle, 4, 2025, datetime.date(2025, 6, 1), supersedes=old)
    certificate(wine, 4, 2024, datetime.date(2024, 2, 1))
    certificate(sausage, 5, 2025, datetime.date(2025, 9, 1))
    expiring = certificate(cake, 3, 2023, datetime.date(2023, 4, 10), decision_number="SAP-HET-HAN")
    certificate(
        tea, 3, 2024, datetime.date(2024, 1, 1), status="revoked", status_changed_at=vietnam(2025, 6, 10, 9)
    )

    fair = FairPageFactory(title="Hội chợ OCOP tháng Hai", starts_on=datetime.date(2026, 2, 10))
    FairListingFactory(
        application=BoothApplicationFactory(fair=fair, producer=a, approved=True),
        stockrecord=noodle.stockrecords.get(),
    )

    def buy(email, placed, *items):
        shopper = Shopper(client, commune)
        for item, quantity in items:
            shopper.add(item, quantity)
        shopper.start_as_guest(email)
        shopper.give_address()
        shopper.choose_payment("cod")
        assert shopper.place_order().status_code == 302
        client.cookies.clear()
        order = Order.objects.get(guest_email=email)
        Order.objects.filter(pk=order.pk).update(date_placed=placed)
        return order

    with committed():
        # During the fair: 2 noodles and 1 wine; 1 noodle whose part A cancelled.
        during = buy("during@example.com", vietnam(2026, 2, 11, 10), (noodle, 2), (wine, 1))
        cancelled = buy("cancelled@example.com", vietnam(2026, 2, 12, 23, 30), (noodle, 1))
        fulfilment_advance(
            part=cancelled.fulfilments.get(partner=a), action="cancel", reason="Hết hàng", notify=False
        )
        # The day after the fair (00:30 on 13/02 in Vietnam): 1 noodle, 1 sausage.
        after = buy("after@example.com", vietnam(2026, 2, 13, 0, 30), (noodle, 1), (sausage, 1))
        # Two years ago: outside the 12 months.
        buy("old@example.com", vietnam(2024, 2, 1, 12), (cake, 5))

    InquiryFactory(producer=a, product=noodle, fair=fair, created=vietnam(2026, 2, 11, 9), status="answered")
    InquiryFactory(producer=a, product=noodle, fair=fair, created=vietnam(2026, 2, 12, 9))
    InquiryFactory(producer=b, product=wine, created=vietnam(2026, 3, 1, 0, 15))
    InquiryFactory(producer=a, created=vietnam(2026, 1, 31, 23, 50), status="closed")
    InquiryFactory(producer=a, product=cake, created=vietnam(2024, 12, 1, 9))
    return {
        "a": a,
        "b": b,
        "noodle": noodle,
        "wine": wine,
        "sausage": sausage,
        "cake": cake,
        "tea": tea,
        "fair": fair,
        "expiring": expiring,
        "during": during,
        "after": after,
        "luc_ngan": luc_ngan,
        "food": food,
        "drinks": drinks,
    }
