import csv
import datetime

import pytest

from places.models import Commune, District, Province
from places.services import LEGACY_MAPPING_CSV, places_load


@pytest.fixture
def places(db):
    places_load()


def test_loads_the_34_current_provinces_and_3321_communes(places):
    assert Province.objects.filter(is_current=True).count() == 34
    assert Commune.objects.count() == 3321
    hanoi = Province.objects.get(code="01", is_current=True)
    assert (hanoi.name, hanoi.kind, hanoi.full_name) == ("Hà Nội", "thành phố", "Thành phố Hà Nội")
    dai_son = Commune.objects.get(code="07627")
    assert (dai_son.name, dai_son.kind, dai_son.province.name) == ("Đại Sơn", "xã", "Bắc Ninh")


def test_new_bac_ninh_has_99_communes_66_xa_and_33_phuong(places):
    bac_ninh = Province.objects.get(code="24", is_current=True)
    assert bac_ninh.communes.count() == 99
    assert bac_ninh.communes.filter(kind="xã").count() == 66
    assert bac_ninh.communes.filter(kind="phường").count() == 33


def test_abolished_provinces_point_to_the_new_bac_ninh(places):
    bac_ninh = Province.objects.get(code="24", is_current=True)
    legacy = Province.objects.filter(is_current=False).order_by("code")
    assert [(p.code, p.name, p.successor) for p in legacy] == [
        ("24", "Bắc Giang", bac_ninh),
        ("27", "Bắc Ninh", bac_ninh),
    ]


def test_bac_giang_districts_with_the_2024_and_2025_changes(places):
    districts = District.objects.filter(province__code="24", province__is_current=False)
    assert sorted(districts.values_list("code", "name", "kind")) == [
        ("213", "Bắc Giang", "thành phố"),
        ("215", "Yên Thế", "huyện"),
        ("216", "Tân Yên", "huyện"),
        ("217", "Lạng Giang", "huyện"),
        ("218", "Lục Nam", "huyện"),
        ("219", "Lục Ngạn", "huyện"),
        ("220", "Sơn Động", "huyện"),
        ("221", "Yên Dũng", "huyện"),
        ("222", "Việt Yên", "thị xã"),
        ("223", "Hiệp Hòa", "huyện"),
        ("224", "Chũ", "thị xã"),
    ]
    assert District.objects.get(code="221").valid_until == datetime.date(2024, 12, 31)
    assert District.objects.get(code="219").valid_until == datetime.date(2025, 6, 30)


def test_luc_ngan_maps_to_the_communes_around_chu(places):
    luc_ngan = District.objects.get(code="219")
    assert sorted(luc_ngan.successor_communes.values_list("name", flat=True)) == [
        "Biên Sơn",
        "Biển Động",
        "Chũ",
        "Kiên Lao",
        "Lục Ngạn",
        "Nam Dương",
        "Phượng Sơn",
        "Sa Lý",
        "Sơn Hải",
        "Tân Sơn",
        "Đèo Gia",
    ]
    chu = District.objects.get(code="224")
    assert sorted(chu.successor_communes.values_list("name", flat=True)) == [
        "Chũ",
        "Kiên Lao",
        "Nam Dương",
        "Phượng Sơn",
    ]


def test_former_yen_dung_communes_keep_both_yen_dung_and_tp_bac_giang(places):
    yen_dung = District.objects.get(code="221")
    assert sorted(yen_dung.successor_communes.values_list("name", flat=True)) == [
        "Cảnh Thụy",
        "Tiền Phong",
        "Tân An",
        "Tân Tiến",
        "Yên Dũng",
        "Đồng Việt",
    ]
    assert sorted(Commune.objects.get(code="07681").legacy_districts.values_list("name", flat=True)) == [
        "Bắc Giang",
        "Yên Dũng",
    ]


def test_every_bac_ninh_commune_has_a_legacy_district(places):
    assert not Commune.objects.filter(province__code="24", legacy_districts__isnull=True).exists()
    with LEGACY_MAPPING_CSV.open(encoding="utf-8") as f:
        assert len({row["commune_code"] for row in csv.DictReader(f)}) == 99


def test_second_load_creates_nothing(places):
    assert places_load() == {
        "provinces": 0,
        "communes": 0,
        "legacy_provinces": 0,
        "legacy_districts": 0,
        "legacy_links": 0,
    }


def test_load_restores_only_a_missing_link_and_keeps_edited_names(places):
    chu = Commune.objects.get(code="07525")
    chu.legacy_districts.remove(District.objects.get(code="219"))
    Commune.objects.filter(code="07627").update(name="Đại Sơn (sửa)")

    created = places_load()

    assert created["legacy_links"] == 1
    assert sum(created.values()) == 1
    assert sorted(chu.legacy_districts.values_list("code", flat=True)) == ["219", "224"]
    assert Commune.objects.get(code="07627").name == "Đại Sơn (sửa)"
