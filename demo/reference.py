"""Reference data every installation needs, production included: administrative units
and the OCOP product groups. Loading it again changes nothing."""

from catalog.services import PRODUCT_GROUPS, product_groups_ensure
from demo.loading import StepFunction
from places.models import Commune, District, Province
from places.services import places_load


def _places() -> tuple[int, int]:
    created = sum(places_load().values())
    total = (
        Province.objects.count()
        + District.objects.count()
        + Commune.objects.count()
        + Commune.legacy_districts.through.objects.count()
    )
    return created, total - created


def _product_groups() -> tuple[int, int]:
    created = product_groups_ensure()
    expected = sum(1 + len(product_sets) for _, _, product_sets in PRODUCT_GROUPS)
    return created, expected - created


def reference_data_steps() -> list[tuple[str, StepFunction]]:
    return [
        ("Places", _places),
        ("Product groups", _product_groups),
    ]
