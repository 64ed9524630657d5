"""Two producers with logins and SKUs, and the OCOP product groups."""

import pytest
from oscar.core.loading import get_model

from catalog.services import product_groups_ensure

Category = get_model("catalogue", "Category")


@pytest.fixture
def two_producers(products, commune, producer_user):
    """HTX Vải (A) sells lychee as VAI-1 (150.000 ₫, 5 units, fresh produce, from Lục Ngạn);
    HTX Mật ong (B) sells honey as MO-1 (90.000 ₫, 5 units, processed food). Both published."""
    product_groups_ensure()
    lychee, honey = products
    a_record, b_record = lychee.stockrecords.get(), honey.stockrecords.get()
    a_record.partner_sku, b_record.partner_sku = "VAI-1", "MO-1"
    a_record.save()
    b_record.save()
    lychee.upc, lychee.origin_commune = "8936000000011", commune
    lychee.save()
    honey.upc = "8936000000028"
    honey.save()
    lychee.categories.set([Category.objects.get(slug="nong-san-tuoi-song")])
    honey.categories.set([Category.objects.get(slug="thuc-pham-che-bien")])
    return {
        "a": a_record.partner,
        "b": b_record.partner,
        "lychee": lychee,
        "honey": honey,
        "a_user": producer_user(a_record.partner, "a@htx-vai.example"),
        "b_user": producer_user(b_record.partner, "b@htx-mat-ong.example"),
    }
