"""Who signed a recognition decision, named as on its date (`catalog.ocop.ministry_name_on`,
`issuer_name_on`, and the certificate service's default)."""

import datetime
from decimal import Decimal

import pytest

from catalog import certificates
from catalog.ocop import IssuerLevel, issuer_name_on, ministry_name_on
from places.models import Commune, District, Province
from tests.catalog.factories import ProductFactory

D = datetime.date


def test_the_ministry_is_renamed_on_1_march_2025():
    assert ministry_name_on(D(2025, 2, 28)) == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert ministry_name_on(D(2025, 3, 1)) == "Bộ Nông nghiệp và Môi trường"
    assert ministry_name_on(D(2019, 6, 1)) == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert ministry_name_on(D(2026, 12, 15)) == "Bộ Nông nghiệp và Môi trường"


@pytest.mark.parametrize(
    ("level", "day", "expected"),
    [
        (IssuerLevel.CENTRAL, D(2024, 11, 1), "Bộ Nông nghiệp và Phát triển nông thôn"),
        (IssuerLevel.CENTRAL, D(2025, 11, 1), "Bộ Nông nghiệp và Môi trường"),
        (IssuerLevel.DISTRICT, D(2024, 5, 2), "UBND huyện Lục Ngạn"),
        (IssuerLevel.PROVINCE, D(2025, 6, 30), "UBND tỉnh Bắc Giang"),
        (IssuerLevel.PROVINCE, D(2025, 7, 1), "UBND tỉnh Bắc Ninh"),
    ],
)
def test_each_level_names_its_signatory_as_on_the_day(level, day, expected):
    names = {"district": "huyện Lục Ngạn", "province_before": "tỉnh Bắc Giang", "province": "tỉnh Bắc Ninh"}
    assert issuer_name_on(level=level, decision_date=day, **names) == expected


def test_a_place_not_given_names_nobody():
    assert issuer_name_on(level=IssuerLevel.PROVINCE, decision_date=D(2025, 8, 1)) == ""


@pytest.fixture
def lychee(db):
    legacy = Province.objects.create(code="X24", name="Bắc Giang", kind="tỉnh", is_current=False)
    current = Province.objects.create(code="X24", name="Bắc Ninh", kind="tỉnh")
    district = District.objects.create(code="X219", name="Lục Ngạn", kind="huyện", province=legacy)
    commune = Commune.objects.create(code="X07525", name="Chũ", kind="phường", province=current)
    commune.legacy_districts.add(district)
    product = ProductFactory(title="Vải thiều Lục Ngạn")
    product.origin_district, product.origin_commune = district, commune
    product.save()
    return product


@pytest.mark.parametrize(
    ("stars", "day", "expected"),
    [
        (5, D(2025, 11, 1), "Bộ Nông nghiệp và Môi trường"),
        (5, D(2024, 11, 1), "Bộ Nông nghiệp và Phát triển nông thôn"),
        (4, D(2024, 11, 1), "UBND tỉnh Bắc Giang"),
        (4, D(2025, 11, 1), "UBND tỉnh Bắc Ninh"),
        (3, D(2024, 11, 1), "UBND huyện Lục Ngạn"),
    ],
)
def test_a_certificate_recorded_without_its_issuer_names_the_one_of_its_date(lychee, stars, day, expected):
    certificate = certificates.certificate_create(
        product=lychee,
        stars=stars,
        score=Decimal({3: "60", 4: "75", 5: "92"}[stars]),
        criteria_version=certificates.criteria_version_on(day),
        decision_number="1/QĐ",
        decision_date=day,
        issuer_level=certificates.issuer_level_for(stars=stars, decision_date=day),
        issuer_name="",
        programme_year=day.year,
        valid_from=day,
    )

    assert certificate.issuer_name == expected


def test_an_issuer_typed_in_is_kept(lychee):
    day = D(2025, 11, 1)
    certificate = certificates.certificate_create(
        product=lychee,
        stars=5,
        score=Decimal("92"),
        criteria_version=certificates.criteria_version_on(day),
        decision_number="1/QĐ",
        decision_date=day,
        issuer_level=IssuerLevel.CENTRAL,
        issuer_name="Bộ NN&MT",
        programme_year=day.year,
        valid_from=day,
    )

    assert certificate.issuer_name == "Bộ NN&MT"
