"""Reference data every installation needs, production included: administrative units,
the OCOP product groups and the criteria sheets of `criteria/data/`. Loading it again changes
nothing."""

from catalog.services import PRODUCT_GROUPS, product_groups_ensure
from criteria.importing import criteria_sheets_load
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


def _criteria_sheets() -> tuple[int, int]:
    # After the product groups: a sheet of a product set names its category.
    return criteria_sheets_load()


def reference_data_steps() -> list[tuple[str, StepFunction]]:
    return [
        ("Places", _places),
        ("Product groups", _product_groups),
        ("Criteria sheets", _criteria_sheets),
    ]
