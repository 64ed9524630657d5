"""A product keeps its rich text only as the allow-list of `core.html` leaves it, whoever saves it."""

import pytest
from oscar.core.loading import get_model
from oscar.test.factories import ProductAttributeFactory

from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

SCRIPT = '<p>Mật ong rừng.</p><script>alert(1)</script><img src=x onerror="alert(1)">'


def test_a_description_is_cleaned_on_save_whoever_saves():
    honey = ProductFactory(description=SCRIPT)  # the admin, the demo loader, a service: all save()

    assert Product.objects.get(pk=honey.pk).description == "<p>Mật ong rừng.</p>"


def test_a_rich_text_attribute_is_cleaned_on_save_and_when_shown():
    honey = ProductFactory()
    story = ProductAttributeFactory(
        product_class=honey.get_product_class(), code="story", name="Câu chuyện", type="richtext"
    )
    value = ProductAttributeValue.objects.create(product=honey, attribute=story, value_richtext=SCRIPT)
    assert ProductAttributeValue.objects.get(pk=value.pk).value_richtext == "<p>Mật ong rừng.</p>"

    ProductAttributeValue.objects.filter(pk=value.pk).update(value_richtext=SCRIPT)  # an old row
    assert ProductAttributeValue.objects.get(pk=value.pk).value_as_html == "<p>Mật ong rừng.</p>"
