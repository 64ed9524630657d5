import pytest
from oscar.core.loading import get_model

from tests.shopping import Shopper

Order = get_model("order", "Order")


@pytest.fixture
def two_producers(products, commune, client, producer_user, committed):
    """HTX Vải (A) and HTX Mật ong (B), each with a login; a shared order holding one line of
    each, and an order of B's alone."""
    lychee, honey = products
    a, b = lychee.stockrecords.get().partner, honey.stockrecords.get().partner
    with committed():
        Shopper(client, commune).checkout("cod", lychee, honey, email="shared@example.com")
        client.cookies.clear()
        Shopper(client, commune).checkout("cod", honey, email="b-only@example.com")
        client.cookies.clear()
    shared = Order.objects.get(guest_email="shared@example.com")
    b_only = Order.objects.get(guest_email="b-only@example.com")
    return {
        "a": a,
        "b": b,
        "a_user": producer_user(a, "a@htx-vai.example"),
        "b_user": producer_user(b, "b@htx-mat-ong.example"),
        "shared": shared,
        "b_only": b_only,
        "a_line": shared.lines.get(partner=a),
        "b_line": shared.lines.get(partner=b),
    }
