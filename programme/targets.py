"""The provincial plan's yearly OCOP targets, as data, with where each figure comes from.

Source: Kế hoạch 495/KH-UBND of 09/02/2022 of the Bắc Giang People's Committee (the OCOP plan
for 2022), as summarised in shared/domain/ocop_research.md §2.1 [S20][S27][S26]. Only the
2022 figures are the plan's own; no later yearly plan was in the research, so the years after
are the 2022 targets carried forward and marked `verified=False` until staff enter the
figures of the year's plan. "Verified" means: taken from the research notes' reading of the
plan, not checked against the signed document by this code's authors.

The reported totals are the province's own counts of OCOP products in force (research §2.1
[S28][S29][S30]), which the page shows beside the shop's own certificates: the shop holds
only the certificates staff have entered, so its count is lower until the register is full.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

PLAN_495 = "Kế hoạch 495/KH-UBND (09/02/2022)"


@dataclass(frozen=True)
class YearTarget:
    year: int
    new_certified: tuple[int, int]  # new products at 3★ or more (low, high)
    upgrades: tuple[int, int]  # products already OCOP moved up a star level (low, high)
    five_star_min: int  # new national 5★ products, at least
    tourism_pilot_min: int  # pilot OCOP products in tourism services, at least
    source: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class ReportedTotal:
    year: int
    total: int
    by_stars: dict[int, int]
    source: str  # the public page that published the figure, as staff would cite it
    as_of: str


TARGETS: dict[int, YearTarget] = {
    2022: YearTarget(
        year=2022,
        new_certified=(25, 30),
        upgrades=(5, 10),
        five_star_min=1,
        tourism_pilot_min=1,
        source=PLAN_495,
        verified=True,
        note=_(
            "At least 2–3 new products in each district or city; 5★ candidates named: vải thiều "
            "Lục Ngạn, gà đồi Yên Thế, mỳ gạo Chũ."
        ),
    ),
    **{
        year: YearTarget(
            year=year,
            new_certified=(25, 30),
            upgrades=(5, 10),
            five_star_min=1,
            tourism_pilot_min=0,
            source=f"{PLAN_495}, 2022 targets carried forward",
            verified=False,
            note=_("Assumed: the 2022 targets, until the year's own plan is entered."),
        )
        for year in (2023, 2024, 2025, 2026)
    },
}

REPORTED_TOTALS: dict[int, ReportedTotal] = {
    # Research sources [S28], [S29], [S30] of shared/domain/ocop_research.md.
    2022: ReportedTotal(2022, 205, {4: 31, 3: 174}, "thongtinkhcn.com.vn", "end of 2022"),
    2023: ReportedTotal(2023, 253, {}, "vietnam.vn", "August 2023"),
    2024: ReportedTotal(2024, 290, {5: 1, 4: 24, 3: 263}, "doanhnghiepkinhtexanh.vn", "2024"),
}


def year_target(year: int) -> YearTarget | None:
    return TARGETS.get(year)
