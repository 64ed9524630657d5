"""Loading the administrative units: the 34 provinces and 3,321 communes in force since
01/07/2025, and the legacy units of Bắc Giang and Bắc Ninh that products are still known by.

Current units come from the `vietnam-provinces` package (pure data, the General Statistics
Office's list); the mapping from current Bắc Ninh communes to legacy districts is a CSV
committed in `places/data/` (see its README for where it came from).
"""

import csv
import datetime
import json
from collections.abc import Callable
from pathlib import Path

import vietnam_provinces
from django.db import transaction

from core.caching import cache_forget
from places.models import Commune, District, Province
from places.selectors import COMMUNE_INDEX_KEY

DATA_DIR = Path(__file__).parent / "data"
LEGACY_MAPPING_CSV = DATA_DIR / "bac_ninh_legacy_districts.csv"

# The division types of vietnam-provinces, as they are written in an address.
_PROVINCE_KINDS = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}

BAC_NINH_CODE = "24"
LEGACY_PROVINCES = [
    # (code, name); both merged into the current Bắc Ninh on 01/07/2025, which kept Bắc Giang's code.
    ("24", "Bắc Giang"),
    ("27", "Bắc Ninh"),
]
_ABOLISHED = datetime.date(2025, 6, 30)
LEGACY_DISTRICTS = [
    # (GSO code, name, kind, legacy province code, last day in force)
    ("213", "Bắc Giang", "thành phố", "24", _ABOLISHED),
    ("215", "Yên Thế", "huyện", "24", _ABOLISHED),
    ("216", "Tân Yên", "huyện", "24", _ABOLISHED),
    ("217", "Lạng Giang", "huyện", "24", _ABOLISHED),
    ("218", "Lục Nam", "huyện", "24", _ABOLISHED),
    ("219", "Lục Ngạn", "huyện", "24", _ABOLISHED),
    ("220", "Sơn Động", "huyện", "24", _ABOLISHED),
    # Merged into TP Bắc Giang on 01/01/2025 (NQ 1191/NQ-UBTVQH15).
    ("221", "Yên Dũng", "huyện", "24", datetime.date(2024, 12, 31)),
    # A district until 31/01/2024, then a town (thị xã, NQ 938/NQ-UBTVQH15).
    ("222", "Việt Yên", "thị xã", "24", _ABOLISHED),
    ("223", "Hiệp Hòa", "huyện", "24", _ABOLISHED),
    # Split from Lục Ngạn on 01/01/2025 (NQ 1191/NQ-UBTVQH15).
    ("224", "Chũ", "thị xã", "24", _ABOLISHED),
    ("256", "Bắc Ninh", "thành phố", "27", _ABOLISHED),
    ("258", "Yên Phong", "huyện", "27", _ABOLISHED),
    ("259", "Quế Võ", "thị xã", "27", _ABOLISHED),
    ("260", "Tiên Du", "huyện", "27", _ABOLISHED),
    ("261", "Từ Sơn", "thành phố", "27", _ABOLISHED),
    ("262", "Thuận Thành", "thị xã", "27", _ABOLISHED),
    ("263", "Gia Bình", "huyện", "27", _ABOLISHED),
    ("264", "Lương Tài", "huyện", "27", _ABOLISHED),
]


def _strip_kind(name: str, kind: str) -> str:
    """Drop the kind prefix: "Xã Đại Sơn" -> "Đại Sơn"; "Bắc Ninh" stays "Bắc Ninh"."""
    prefix = kind + " "
    return name[len(prefix) :] if name.lower().startswith(prefix) else name


def _current_divisions() -> list[dict]:
    return json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))


@transaction.atomic
def places_load(*, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Create the provinces, communes, legacy districts and legacy links that are missing.

    Existing rows (matched by code) are left as they are, so running it again creates
    nothing. Returns how many of each were created.
    """
    report = progress or (lambda message: None)
    created = {"provinces": 0, "communes": 0, "legacy_provinces": 0, "legacy_districts": 0, "legacy_links": 0}
    divisions = _current_divisions()

    existing = set(Province.objects.filter(is_current=True).values_list("code", flat=True))
    new_provinces = []
    for division in divisions:
        code = f"{division['code']:02d}"
        if code in existing:
            continue
        kind = _PROVINCE_KINDS[division["division_type"]]
        new_provinces.append(
            Province(code=code, name=_strip_kind(division["name"], kind), kind=kind, is_current=True)
        )
    Province.objects.bulk_create(new_provinces)
    created["provinces"] = len(new_provinces)
    report(f"provinces: {len(new_provinces)} created")

    provinces = dict(Province.objects.filter(is_current=True).values_list("code", "pk"))
    existing = set(Commune.objects.values_list("code", flat=True))
    new_communes = []
    for division in divisions:
        province_pk = provinces[f"{division['code']:02d}"]
        for ward in division["wards"]:
            code = f"{ward['code']:05d}"
            if code in existing:
                continue
            kind = ward["division_type"]
            new_communes.append(
                Commune(code=code, name=_strip_kind(ward["name"], kind), kind=kind, province_id=province_pk)
            )
    Commune.objects.bulk_create(new_communes, batch_size=500)
    created["communes"] = len(new_communes)
    report(f"communes: {len(new_communes)} created")

    bac_ninh = Province.objects.get(code=BAC_NINH_CODE, is_current=True)
    legacy_provinces = {}
    for code, name in LEGACY_PROVINCES:
        province, was_created = Province.objects.get_or_create(
            code=code, is_current=False, defaults={"name": name, "kind": "tỉnh", "successor": bac_ninh}
        )
        legacy_provinces[code] = province
        created["legacy_provinces"] += was_created

    existing = set(District.objects.values_list("code", flat=True))
    new_districts = [
        District(
            code=code, name=name, kind=kind, province=legacy_provinces[province_code], valid_until=valid_until
        )
        for code, name, kind, province_code, valid_until in LEGACY_DISTRICTS
        if code not in existing
    ]
    District.objects.bulk_create(new_districts)
    created["legacy_districts"] = len(new_districts)

    created["legacy_links"] = _link_legacy_districts()
    report(f"legacy districts: {created['legacy_districts']} created")
    report(f"commune -> legacy district links: {created['legacy_links']} created")
    cache_forget(COMMUNE_INDEX_KEY)  # the commune search's index
    return created


def _link_legacy_districts() -> int:
    with LEGACY_MAPPING_CSV.open(encoding="utf-8", newline="") as f:
        pairs = {(row["commune_code"], row["legacy_district_code"]) for row in csv.DictReader(f)}
    communes = dict(Commune.objects.filter(code__in={c for c, _ in pairs}).values_list("code", "pk"))
    districts = dict(District.objects.filter(code__in={d for _, d in pairs}).values_list("code", "pk"))
    Link = Commune.legacy_districts.through
    existing = set(Link.objects.values_list("commune_id", "district_id"))
    links = [
        Link(commune_id=communes[commune], district_id=districts[district])
        for commune, district in sorted(pairs)
        if (communes[commune], districts[district]) not in existing
    ]
    Link.objects.bulk_create(links)
    return len(links)
