"""The criteria sheets shipped in criteria/data/: they load, a second load changes nothing, a
sheet in use by a round or imported by staff is never rewritten, and the sample says it is one."""

from decimal import Decimal

import pytest

from catalog.ocop import PART_MAXIMA
from catalog.services import product_groups_ensure
from criteria import importing
from criteria.assessment import sheet_view
from criteria.documented import documented_scales
from criteria.importing import criteria_sheets_load
from criteria.models import CriteriaSheet, CriterionLevel, StarRequirement
from criteria.selectors import sheet_for_product
from tests.catalog.factories import ProductFactory
from tests.core.factories import StaffFactory
from tests.evaluation.factories import DossierFactory

pytestmark = pytest.mark.django_db

SAMPLES = ["mau-chung-qd148-2023", "mau-chung-qd1489-2025"]
SAMPLE_WORDS = "Mẫu minh hoạ cấu trúc, không phải văn bản chính thức của Phụ lục III QĐ 148"


def state():
    return (
        sorted(CriteriaSheet.objects.values_list("pk", "code", "title", "source", "is_sample", "in_use")),
        sorted(CriterionLevel.objects.values_list("pk", "criterion__code", "points", "description")),
        sorted(StarRequirement.objects.values_list("pk", "criterion__code", "stars", "min_points")),
    )


@pytest.fixture
def loaded():
    CriteriaSheet.objects.filter(code__in=SAMPLES).delete()
    product_groups_ensure()
    assert criteria_sheets_load() == (2, 0)
    return {sheet.code: sheet for sheet in CriteriaSheet.objects.filter(code__in=SAMPLES)}


def test_the_documented_scales_agree_with_the_part_maxima():
    scales = {scale.criteria_version: scale for scale in documented_scales()}

    assert set(scales) == set(PART_MAXIMA)
    for version, maxima in PART_MAXIMA.items():
        assert tuple(part.max_points for part in scales[version].parts) == maxima
        assert [part.code for part in scales[version].parts] == ["A", "B", "C"]
        assert scales[version].sources, f"{version} names no source"
        assert all(part.content for part in scales[version].parts)


def test_the_shipped_sheets_load_as_marked_samples_of_100_points(loaded):
    assert sorted(loaded) == SAMPLES
    documented = {scale.criteria_version: scale for scale in documented_scales()}
    for sheet in loaded.values():
        view = sheet_view(sheet)
        assert sheet.is_sample and sheet.in_use and sheet.category is None and sheet.imported_by is None
        assert sheet.title.startswith(SAMPLE_WORDS)
        assert sheet.source.startswith(SAMPLE_WORDS)
        assert view.max_points == 100
        assert [(part.code, part.title, part.max_points) for part in view.parts] == [
            (part.code, part.title, part.max_points) for part in documented[sheet.criteria_version].parts
        ]
        for part in view.parts:
            assert sum(criterion.max_points for criterion in part.criteria) == part.max_points
        mandatory = {stars for criterion in view.criteria for stars in criterion.requirements}
        assert mandatory == {3, 4, 5}


def test_a_product_finds_the_general_sample_of_its_round(loaded):
    product = ProductFactory()

    assert (
        sheet_for_product(criteria_version="qd1489-2025", product=product) == loaded["mau-chung-qd1489-2025"]
    )


def test_a_second_load_changes_nothing(loaded):
    before = state()

    assert criteria_sheets_load() == (0, 2)
    assert state() == before


def test_a_load_keeps_the_offices_in_use_choice(loaded):
    CriteriaSheet.objects.filter(code="mau-chung-qd148-2023").update(in_use=False)

    assert criteria_sheets_load() == (0, 2)
    assert not CriteriaSheet.objects.get(code="mau-chung-qd148-2023").in_use


def test_a_changed_file_updates_an_unused_sheet_but_never_one_a_round_uses(loaded, tmp_path, monkeypatch):
    DossierFactory(sheet=loaded["mau-chung-qd148-2023"])
    used_before = sorted(
        CriterionLevel.objects.filter(criterion__part__sheet__code="mau-chung-qd148-2023").values_list(
            "pk", "description"
        )
    )
    (tmp_path / "sheets.toml").write_text((importing.DATA_DIR / "sheets.toml").read_text(encoding="utf-8"))
    text = (importing.DATA_DIR / "mau-chung.csv").read_text(encoding="utf-8")
    (tmp_path / "mau-chung.csv").write_text(text.replace("Chưa có câu chuyện sản phẩm", "Chưa có câu chuyện"))

    assert criteria_sheets_load(directory=tmp_path) == (1, 1)

    assert CriterionLevel.objects.filter(
        criterion__part__sheet__code="mau-chung-qd1489-2025", description="Chưa có câu chuyện"
    ).exists()
    used_after = sorted(
        CriterionLevel.objects.filter(criterion__part__sheet__code="mau-chung-qd148-2023").values_list(
            "pk", "description"
        )
    )
    assert used_after == used_before


def test_a_sheet_staff_imported_under_a_shipped_code_is_left_alone(loaded):
    CriteriaSheet.objects.filter(code="mau-chung-qd1489-2025").update(
        imported_by=StaffFactory(), title="Của văn phòng"
    )
    before = state()

    assert criteria_sheets_load() == (0, 2)
    assert state() == before


def test_a_shipped_file_with_a_bad_row_stops_the_load(tmp_path):
    product_groups_ensure()
    (tmp_path / "sheets.toml").write_text((importing.DATA_DIR / "sheets.toml").read_text(encoding="utf-8"))
    text = (importing.DATA_DIR / "mau-chung.csv").read_text(encoding="utf-8")
    (tmp_path / "mau-chung.csv").write_text(text.replace(",40,A1,", ",45,A1,", 1))
    CriteriaSheet.objects.filter(code__in=SAMPLES).delete()

    with pytest.raises(ValueError, match="mau-chung.csv: row 2"):
        criteria_sheets_load(directory=tmp_path)
    assert not CriteriaSheet.objects.filter(code__in=SAMPLES).exists()


def test_the_sample_mandatory_levels(loaded):
    view = sheet_view(loaded["mau-chung-qd1489-2025"])
    requirements = {
        criterion.code: criterion.requirements for criterion in view.criteria if criterion.requirements
    }

    assert requirements == {
        "A1": {4: Decimal(6)},
        "A2": {3: Decimal(4)},
        "B1": {3: Decimal(3), 4: Decimal(6)},
        "C2": {3: Decimal(4), 4: Decimal(4), 5: Decimal(8)},
        "C4": {5: Decimal(8)},
    }
