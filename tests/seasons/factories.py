import factory

from seasons.models import HarvestKind, HarvestWindow
from tests.catalog.factories import ProductFactory


class HarvestWindowFactory(factory.django.DjangoModelFactory):
    """Every year's main lychee crop by default: 1 June to 15 July."""

    class Meta:
        model = HarvestWindow

    product = factory.SubFactory(ProductFactory)
    kind = HarvestKind.MAIN
    year = None
    start_month, start_day = 6, 1
    end_month, end_day = 7, 15
