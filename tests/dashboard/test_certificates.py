"""A producer reads its own OCOP certificates, the ones ending soon flagged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_a_producer_sees_its_certificates_and_which_end_soon(client, two_producers, products):
    lychee, honey = products
    today = timezone.localdate()
    soon = CertificateFactory(product=lychee, decision_number="12/QĐ-UBND")
    soon_start = today - datetime.timedelta(days=3 * 365 - 30)
    soon.valid_from, soon.valid_to = soon_start, today + datetime.timedelta(days=30)
    soon.save()
    CertificateFactory(product=honey, decision_number="99/QĐ-UBND")  # producer B's
    client.force_login(two_producers["a_user"])
    page = client.get(reverse("dashboard:catalogue-certificate-list")).content.decode()
    assert "12/QĐ-UBND" in page and "99/QĐ-UBND" not in page
    assert "certificate-expiring" in page and "Còn 30 ngày" in page
