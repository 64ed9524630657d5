"""Criteria sheets for the tests: `sheet_make()` builds a small sheet of 100 points whose
parts have the maxima of QĐ 148 (A 40 / B 25 / C 35) and two mandatory criteria."""

from decimal import Decimal

import factory

from catalog.ocop import CriteriaVersion
from criteria.models import CriteriaPart, CriteriaSheet, Criterion, CriterionLevel, StarRequirement

# part code, title, max -> criteria: code, title, levels (points, text), requirements {stars: least}
SMALL_SHEET = (
    (
        "A",
        "Sản phẩm và sức mạnh cộng đồng",
        40,
        (
            (
                "A1",
                "Tổ chức sản xuất",
                ((0, "Chưa có"), (5, "Có kế hoạch"), (10, "Có liên kết"), (20, "Chuỗi giá trị")),
                {3: 5, 4: 10},
            ),
            ("A2", "Phát triển sản phẩm", ((0, "Chưa có"), (10, "Có cải tiến"), (20, "Có sáng tạo")), {}),
        ),
    ),
    (
        "B",
        "Khả năng tiếp thị",
        25,
        (("B1", "Tiếp thị", ((0, "Chưa có"), (10, "Trong tỉnh"), (25, "Toàn quốc")), {}),),
    ),
    (
        "C",
        "Chất lượng sản phẩm",
        35,
        (
            (
                "C1",
                "Chất lượng",
                ((0, "Chưa đạt"), (15, "Đạt tiêu chuẩn"), (35, "Xuất khẩu được")),
                {3: 15, 5: 35},
            ),
        ),
    ),
)


class CriteriaSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaSheet

    criteria_version = CriteriaVersion.QD_1489_2025
    code = factory.Sequence(lambda n: f"bo-tieu-chi-thu-{n}")
    title = factory.Sequence(lambda n: f"Bộ tiêu chí thử nghiệm {n}")
    source = "Bộ tiêu chí dùng trong kiểm thử"
    is_sample = True


def sheet_make(**fields) -> CriteriaSheet:
    """A sheet of SMALL_SHEET's rows; `fields` go to the sheet (category, criteria_version…)."""
    sheet = CriteriaSheetFactory(**fields)
    for part_position, (part_code, part_title, part_max, criteria) in enumerate(SMALL_SHEET):
        part = CriteriaPart.objects.create(
            sheet=sheet,
            code=part_code,
            title=part_title,
            max_points=Decimal(part_max),
            position=part_position,
        )
        for position, (code, title, levels, requirements) in enumerate(criteria):
            criterion = Criterion.objects.create(
                part=part,
                code=code,
                title=title,
                max_points=Decimal(max(p for p, _ in levels)),
                position=position,
            )
            for level_position, (points, text) in enumerate(levels):
                CriterionLevel.objects.create(
                    criterion=criterion, points=Decimal(points), description=text, position=level_position
                )
            for stars, least in requirements.items():
                StarRequirement.objects.create(criterion=criterion, stars=stars, min_points=Decimal(least))
    return sheet


def criteria_by_code(sheet: CriteriaSheet) -> dict[str, Criterion]:
    return {criterion.code: criterion for criterion in Criterion.objects.filter(part__sheet=sheet)}
