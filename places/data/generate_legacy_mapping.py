"""Regenerate bac_ninh_legacy_districts.csv from the `vietnamadminunits` package.

A one-off maintainer tool: the marketplace never imports vietnamadminunits at run time.
Run it from a throwaway virtualenv that has both packages installed:

    python -m venv /tmp/vnp && /tmp/vnp/bin/pip install vietnamadminunits==1.0.4 vietnam-provinces==2025.10.1
    /tmp/vnp/bin/python places/data/generate_legacy_mapping.py > places/data/bac_ninh_legacy_districts.csv

The package's converter maps each new (2025) commune to the old communes it absorbed,
as "province_district_commune" keys; its legacy table gives each old commune's district.
That table shows the province as on 01/01/2025, after thị xã Chũ was split from Lục Ngạn
and Yên Dũng was merged into TP Bắc Giang, so both older districts are added back here.
"""

import csv
import json
import sqlite3
import sys
from importlib.metadata import version
from pathlib import Path

import vietnamadminunits
from vietnam_provinces import Ward

DATA_DIR = Path(vietnamadminunits.__file__).parent / "data"
NEW_PROVINCE_KEY = "tinhbacninh"
NEW_PROVINCE_CODE = 24

LUC_NGAN_CODE, CHU_CODE = "219", "224"
TP_BAC_GIANG_CODE, YEN_DUNG_CODE = "213", "221"
# TP Bắc Giang on 31/12/2024, before Yên Dũng was merged into it: 10 wards and 6 communes
# (Trần Nguyên Hãn and Lê Lợi had by then been folded into Ngô Quyền and Trần Phú in the
# dataset). Tân Mỹ, Đồng Sơn, Tân Tiến and Song Khê carry Yên Dũng-range codes because
# they moved to the city in 2010; everything else coded 07681-07750 was Yên Dũng until 2025.
TP_BAC_GIANG_2024_COMMUNE_CODES = {
    "07201",
    "07204",
    "07207",
    "07210",
    "07213",
    "07216",
    "07219",
    "07222",
    "07225",
    "07228",
    "07231",
    "07441",
    "07687",
    "07696",
    "07699",
    "07705",
}


def legacy_rows(db):
    rows = db.execute(
        "select provinceKey, districtKey, wardKey, province, district, districtCode, ward, wardCode "
        "from admin_units_legacy where provinceKey in ('tinhbacgiang', 'tinhbacninh')"
    )
    return {f"{r[0]}_{r[1]}_{r[2]}": r for r in rows}


def main():
    converter = json.loads((DATA_DIR / "converter_2025.json").read_text())
    new_to_old = converter["DICT_PROVINCE_WARD_NO_DIVIDED"][NEW_PROVINCE_KEY]
    if converter["DICT_PROVINCE_WARD_DIVIDED"].get(NEW_PROVINCE_KEY):
        sys.exit("old communes split between new ones: not handled by this script")
    db = sqlite3.connect(DATA_DIR / "dataset.db")
    legacy = legacy_rows(db)
    current = {f"{w.code:05d}": w for w in Ward.iter_by_province(NEW_PROVINCE_CODE)}
    current_by_name = {w.name: code for code, w in current.items()}
    # vietnam-provinces is what the marketplace loads, so its codes win. The two packages
    # give three wards of the former Từ Sơn different codes; those are matched by name.
    new_codes = {}
    for ward_key, ward_code, ward_name in db.execute(
        "select wardKey, wardCode, ward from admin_units where provinceKey = ?", (NEW_PROVINCE_KEY,)
    ):
        if ward_code not in current:
            print(
                f"# {ward_name}: code {ward_code} here, {current_by_name[ward_name]} there", file=sys.stderr
            )
        new_codes[ward_key] = ward_code if ward_code in current else current_by_name[ward_name]
    if set(new_codes.values()) != set(current):
        sys.exit("the two packages disagree on the communes of Bắc Ninh")

    pairs = set()
    for new_key, old_keys in new_to_old.items():
        commune_code = new_codes[new_key]
        for old_key in old_keys:
            _, _, _, province, _, district_code, _, ward_code = legacy[old_key]
            pairs.add((commune_code, province, district_code))
            if district_code == CHU_CODE:
                pairs.add((commune_code, province, LUC_NGAN_CODE))
            if district_code == TP_BAC_GIANG_CODE and ward_code not in TP_BAC_GIANG_2024_COMMUNE_CODES:
                pairs.add((commune_code, province, YEN_DUNG_CODE))

    district_names = {r[5]: r[4].replace("Thị Xã", "Thị xã") for r in legacy.values()}
    district_names[LUC_NGAN_CODE] = "Huyện Lục Ngạn"
    district_names[YEN_DUNG_CODE] = "Huyện Yên Dũng"

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        ["commune_code", "commune_name", "legacy_province", "legacy_district_code", "legacy_district_name"]
    )
    for commune_code, province, district_code in sorted(pairs):
        out.writerow(
            [
                commune_code,
                current[commune_code].name,
                province.removeprefix("Tỉnh "),
                district_code,
                district_names[district_code],
            ]
        )
    packages = ", ".join(f"{name} {version(name)}" for name in ("vietnamadminunits", "vietnam-provinces"))
    print(f"# {packages}", file=sys.stderr)


if __name__ == "__main__":
    main()
