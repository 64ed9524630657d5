"""Products, product groups and OCOP certificates, built on Oscar's catalogue factories."""

import datetime
from decimal import Decimal

import factory
from oscar.core.loading import get_model
from oscar.test import factories as oscar_factories

from catalog.models import EvaluationRequest
from tests.partner.factories import StockRecordFactory

Certificate = get_model("catalogue", "Certificate")


class CategoryFactory(factory.django.DjangoModelFactory):
    """A top-level category made through treebeard, so the tree stays valid."""

    class Meta:
        model = get_model("catalogue", "Category")

    name = factory.Sequence(lambda n: f"Nhóm thử nghiệm {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.add_root(**kwargs)


class ProductFactory(oscar_factories.ProductFactory):
    """A public product with one stock record (150.000 ₫, 50 units) of a new producer and an
    image; `category=` puts it in a group."""

    title = factory.Sequence(lambda n: f"Sản phẩm thử nghiệm {n}")
    upc = factory.Sequence(lambda n: f"893{n:010d}")
    product_class = factory.LazyFunction(
        lambda: get_model("catalogue", "ProductClass").objects.get_or_create(
            name="Sản phẩm OCOP", defaults={"requires_shipping": True, "track_stock": True}
        )[0]
    )
    stockrecords = factory.RelatedFactory(StockRecordFactory, "product")
    categories = factory.PostGeneration(lambda product, create, extracted, **kwargs: None)
    images = factory.RelatedFactory(oscar_factories.ProductImageFactory, "product")

    @factory.post_generation
    def category(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.categories.add(extracted)


class CertificateFactory(factory.django.DjangoModelFactory):
    """An OCOP certificate in force today (issued 100 days ago), of the product's producer."""

    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductFactory)
    producer = factory.LazyAttribute(lambda certificate: certificate.product.stockrecords.first().partner)
    stars = 4
    score = factory.LazyAttribute(
        lambda certificate: {3: Decimal("60"), 4: Decimal("75"), 5: Decimal("92")}[certificate.stars]
    )
    criteria_version = "qd148-2023"
    decision_number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    decision_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=100))
    issuer_level = "province"
    issuer_name = "UBND tỉnh Bắc Giang"
    programme_year = factory.LazyAttribute(lambda certificate: certificate.decision_date.year)
    valid_from = factory.LazyAttribute(lambda certificate: certificate.decision_date)
    valid_to = factory.LazyAttribute(lambda certificate: Certificate.validity_end(certificate.valid_from))


class EvaluationRequestFactory(factory.django.DjangoModelFactory):
    """A pending re-evaluation request for a certificate, from its producer."""

    class Meta:
        model = EvaluationRequest

    certificate = factory.SubFactory(CertificateFactory)
    product = factory.SelfAttribute("certificate.product")
    producer = factory.SelfAttribute("certificate.producer")
    kind = EvaluationRequest.Kind.REEVALUATION
