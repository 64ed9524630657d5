"""Producers (Oscar's partners), their stock records and their logins."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Permission
from oscar.test import factories as oscar_factories

from partner.models import LegalType
from tests.core.factories import UserFactory


class ProducerFactory(oscar_factories.PartnerFactory):
    name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")
    legal_type = LegalType.COOPERATIVE
    is_verified = True


class StockRecordFactory(oscar_factories.StockRecordFactory):
    partner = factory.SubFactory(ProducerFactory)
    price_currency = "VND"
    price = Decimal("150000")
    num_in_stock = 50


class ProducerUserFactory(UserFactory):
    """A producer's login, `partner.dashboard_access`, one of `producer`'s users; the mail
    address is the user name."""

    username = factory.LazyAttribute(lambda user: user.email)
    email = factory.Sequence(lambda n: f"htx-{n}@producer.example")

    @factory.post_generation
    def producer(self, create, extracted, **kwargs):
        if not create:
            return
        self.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
        if extracted is not None:
            extracted.users.add(self)
