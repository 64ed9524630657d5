"""The OCOP programme's rules for a recognition decision, independent of any row (OCOP.md,
ocop_research.md §1): the criteria versions and their part maxima, the star bands of the
100-point scale, and which level of government recognised which stars when.

Below the models: `Certificate`'s fields take their choices from here and its `clean()` applies
these rules, so this module imports no model.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class CriteriaVersion(models.TextChoices):
    QD_1048_2019 = "qd1048-2019", _("QĐ 1048/QĐ-TTg (2019)")
    QD_148_2023 = "qd148-2023", _("QĐ 148/QĐ-TTg (2023)")
    QD_1489_2025 = "qd1489-2025", _("QĐ 148/QĐ-TTg amended by QĐ 1489/QĐ-TTg (2025)")


class IssuerLevel(models.TextChoices):
    DISTRICT = "district", _("District")
    PROVINCE = "province", _("Province")
    CENTRAL = "central", _("Central")


# Part maxima (A, B, C) of each criteria version (OCOP.md, ocop_research.md §1.3).
PART_MAXIMA = {
    "qd1048-2019": (35, 25, 40),
    "qd148-2023": (40, 25, 35),
    "qd1489-2025": (40, 25, 35),
}


# The days QĐ 148/QĐ-TTg and QĐ 1489/QĐ-TTg took effect, and the day districts were abolished.
QD_148_FROM = datetime.date(2023, 2, 24)
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)
QD_1489_FROM = datetime.date(2025, 7, 6)

# The ministry that recognises 5★ products: the Ministry of Agriculture and Rural Development
# merged with the Ministry of Natural Resources and Environment on 1 March 2025 (OCOP.md).
MINISTRY_RENAMED = datetime.date(2025, 3, 1)
MINISTRY_BEFORE_2025 = "Bộ Nông nghiệp và Phát triển nông thôn"
MINISTRY_FROM_2025 = "Bộ Nông nghiệp và Môi trường"


def stars_for_score(score: Decimal) -> int:
    """The star band of a total score, the same cut-offs in every criteria version (§1.4)."""
    if score >= 90:
        return 5
    if score >= 70:
        return 4
    if score >= 50:
        return 3
    if score >= 30:
        return 2
    return 1


STAR_SCORE_RANGES = {5: "90–100", 4: "70–89", 3: "50–69"}


def criteria_version_on(decision_date: datetime.date) -> str:
    """The criteria in force on a decision's date: each version replaced the last when signed."""
    if decision_date < QD_148_FROM:
        return CriteriaVersion.QD_1048_2019
    if decision_date < QD_1489_FROM:
        return CriteriaVersion.QD_148_2023
    return CriteriaVersion.QD_1489_2025


def issuer_level_for(*, stars: int, decision_date: datetime.date) -> str:
    """Who recognised `stars` on that day (§1.5): the province before 148 and again once
    districts were gone, the district for 3★ under 148, the central council for 5★ always."""
    if stars == 5:
        return IssuerLevel.CENTRAL
    if stars == 3 and QD_148_FROM <= decision_date < DISTRICTS_ABOLISHED:
        return IssuerLevel.DISTRICT
    return IssuerLevel.PROVINCE


def ministry_name_on(day: datetime.date) -> str:
    """The name of the ministry whose council recognises 5★ products, as it was on `day`."""
    return MINISTRY_BEFORE_2025 if day < MINISTRY_RENAMED else MINISTRY_FROM_2025


def issuer_name_on(
    *,
    level: str,
    decision_date: datetime.date,
    district: str = "",
    province_before: str = "",
    province: str = "",
) -> str:
    """Who signs a decision of `level` on `decision_date`, named as on that day: the ministry
    by its name then, a district's or a province's People's Committee ("UBND huyện Lục Ngạn",
    "UBND tỉnh Bắc Giang"). Places are named as they were that day (OCOP.md): `district` with
    its kind ("huyện Lục Ngạn"), the legacy province before the 1 July 2025 mergers
    (`province_before`, "tỉnh Bắc Giang") and the current one from then (`province`,
    "tỉnh Bắc Ninh"). A name that is needed but not given comes back empty."""
    if level == IssuerLevel.CENTRAL:
        return ministry_name_on(decision_date)
    if level == IssuerLevel.DISTRICT:
        place = district
    else:
        place = province_before if decision_date < DISTRICTS_ABOLISHED else province
    return f"UBND {place}" if place else ""


def points_text(value: Decimal) -> str:
    """75.00 as 75, 69.50 as 69.5, 90 as 90 (not 9E+1)."""
    return format(value.normalize(), "f")


def date_text(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")
