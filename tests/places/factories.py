"""Provinces, legacy districts and communes (the database holds the real ones after
`places_load`; these are the tests' own)."""

import factory

from places.models import Commune, District, Province


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code", "is_current")

    code = factory.Sequence(lambda n: f"P{n:03d}")
    name = factory.Sequence(lambda n: f"Tỉnh thử {n}")
    kind = "tỉnh"
    is_current = True


class DistrictFactory(factory.django.DjangoModelFactory):
    """A district of a province from before the 2025 reform (there are no districts since)."""

    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Huyện thử {n}")
    kind = "huyện"
    province = factory.SubFactory(ProvinceFactory, is_current=False)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:05d}")
    name = factory.Sequence(lambda n: f"Xã thử {n}")
    kind = "xã"
    province = factory.SubFactory(ProvinceFactory)
