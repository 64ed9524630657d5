"""Importing a criteria sheet: every rule, the bad-row report, all or nothing, replacing and
refusing, and the command."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from catalog.ocop import CriteriaVersion
from criteria import importing
from criteria.assessment import sheet_view
from criteria.columns import COLUMNS, REQUIRED
from criteria.importing import SheetFields, criteria_rows_check, criteria_sheet_import, criteria_sheet_rows
from criteria.models import CriteriaPart, CriteriaSheet, Criterion, CriterionLevel, StarRequirement
from criteria.selectors import sheets_scored_on
from evaluation.models import SelfScore
from spreadsheets.reading import sheet_read
from tests.criteria.files import VALID, A, changed, csv_upload, rows_csv, sheet_rows, xlsx_upload
from tests.evaluation.factories import DossierFactory

pytestmark = pytest.mark.django_db


def fields(**given):
    return SheetFields(
        **{
            "code": "bo-thu",
            "criteria_version": CriteriaVersion.QD_1489_2025,
            "title": "Bộ tiêu chí thử",
            "source": "Kiểm thử",
            "is_sample": True,
            **given,
        }
    )


def import_rows(rows, **given):
    return criteria_sheet_import(fields=fields(**given), rows=sheet_rows(csv_upload(rows)))


def problems(rows, version=CriteriaVersion.QD_1489_2025):
    _, errors = criteria_rows_check(rows=sheet_rows(csv_upload(rows)), criteria_version=version)
    return [(error.row, error.column, error.message) for error in errors]


def rows_state():
    return (
        sorted(CriteriaSheet.objects.values_list("code", "title", "source", "is_sample", "criteria_version")),
        sorted(CriteriaPart.objects.values_list("sheet__code", "code", "title", "max_points")),
        sorted(Criterion.objects.values_list("part__sheet__code", "code", "title", "max_points")),
        sorted(CriterionLevel.objects.values_list("criterion__code", "points", "description")),
        sorted(StarRequirement.objects.values_list("criterion__code", "stars", "min_points")),
    )


def test_a_valid_file_makes_the_sheet_with_its_mandatory_levels():
    report = import_rows(VALID)

    assert not report.errors and report.created and report.levels == 11
    sheet = CriteriaSheet.objects.get(code="bo-thu")
    view = sheet_view(sheet)
    assert [(part.code, part.title, part.max_points) for part in view.parts] == [
        ("A", "Sản phẩm và sức mạnh cộng đồng", Decimal(40)),
        ("B", "Khả năng tiếp thị", Decimal(25)),
        ("C", "Chất lượng sản phẩm", Decimal(35)),
    ]
    criteria = {criterion.code: criterion for criterion in view.criteria}
    assert [criterion.code for criterion in view.criteria] == ["A1", "A2", "B1", "C1"]
    assert criteria["B1"].levels == (
        (Decimal("0.00"), "Chưa có"),
        (Decimal("12.50"), "Có câu chuyện"),
        (Decimal("25.00"), "Kể bằng nhiều hình thức"),
    )
    assert criteria["A1"].requirements == {3: Decimal(10)}
    assert criteria["C1"].requirements == {3: Decimal(15), 4: Decimal(15), 5: Decimal(35)}
    assert view.max_points == 100
    assert (sheet.is_sample, sheet.in_use, sheet.category) == (True, True, None)


def test_an_xlsx_file_reads_as_the_csv_does_numbers_included():
    rows = [[*row[:2], int(row[2]), *row[3:5], int(row[5]), row[6], *row[7:]] for row in VALID]
    rows[6][6] = 12.5
    rows[9][8] = "3,4"
    report = criteria_sheet_import(fields=fields(), rows=sheet_rows(xlsx_upload(rows)))

    assert not report.errors
    assert criteria_sheet_rows(sheet=report.sheet) == criteria_sheet_rows(
        sheet=import_rows(VALID, code="csv").sheet
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            changed(0, 0, "D"),
            [(2, "phần", "Phần phải là A, B hoặc C.")],
        ),
        (
            [[*row[:2], "45", *row[3:]] if row[0] == "A" else row for row in VALID],
            [
                (
                    number,
                    "điểm tối đa phần",
                    "Phần A tối đa 40 điểm theo QĐ 148/QĐ-TTg, sửa đổi bởi QĐ 1489/QĐ-TTg (2025).",
                )
                for number in range(2, 7)
            ],
        ),
        (
            changed(3, 4, ""),
            [(5, "tiêu chí", "Ô này bắt buộc phải có.")],
        ),
        (
            changed(1, 6, "-5"),
            [(3, "mức điểm", "Điểm là một số từ 0, nhiều nhất hai chữ số thập phân (như 10 hoặc 2,5).")],
        ),
        (
            changed(1, 6, "mười"),
            [(3, "mức điểm", "Điểm là một số từ 0, nhiều nhất hai chữ số thập phân (như 10 hoặc 2,5).")],
        ),
        (
            changed(1, 6, "10.555"),
            [(3, "mức điểm", "Điểm là một số từ 0, nhiều nhất hai chữ số thập phân (như 10 hoặc 2,5).")],
        ),
        (
            changed(1, 6, "25"),
            [(3, "mức điểm", "Điểm của mức cao hơn điểm tối đa của tiêu chí.")],
        ),
        (
            changed(1, 8, "6"),
            [(3, "bắt buộc cho hạng sao", "Hạng sao là 3, 4 hoặc 5.")],
        ),
        (
            changed(1, 8, "ba sao"),
            [(3, "bắt buộc cho hạng sao", "Ghi hạng sao bằng số: 3, hoặc 3,4.")],
        ),
        (
            changed(2, 6, "10"),
            [(4, "mức điểm", "Tiêu chí A1 đã có mức 10 điểm ở dòng 3.")],
        ),
        (
            changed(2, 8, "3"),
            [(4, "bắt buộc cho hạng sao", "Tiêu chí A1 đã có mức tối thiểu cho 3★ ở dòng 3.")],
        ),
        (
            changed(1, 4, "Tổ chức"),
            [(3, "mã tiêu chí", "Tiêu chí A1 có phần, tên hoặc điểm tối đa khác ở dòng 2.")],
        ),
        (
            changed(0, 1, "Phần A khác"),
            [
                (3, "tên phần", "Phần A có tên hoặc điểm tối đa khác ở dòng 2."),
                (4, "tên phần", "Phần A có tên hoặc điểm tối đa khác ở dòng 2."),
                (5, "tên phần", "Phần A có tên hoặc điểm tối đa khác ở dòng 2."),
                (6, "tên phần", "Phần A có tên hoặc điểm tối đa khác ở dòng 2."),
            ],
        ),
        (
            [[*row[:5], "25", *row[6:]] if row[3] == "A2" else row for row in VALID],
            [
                (5, "điểm tối đa tiêu chí", "Tiêu chí A2 có điểm tối đa 25 nhưng mức cao nhất là 20."),
                (2, "điểm tối đa phần", "Các tiêu chí của phần A cộng lại được 45 điểm, không phải 40."),
            ],
        ),
        (
            [row for row in VALID if row[3] != "A2"],
            [(2, "điểm tối đa phần", "Các tiêu chí của phần A cộng lại được 20 điểm, không phải 40.")],
        ),
        (
            [row for row in VALID if row[0] != "B"],
            [(0, "phần", "Thiếu phần B: bộ tiêu chí gồm các phần A, B và C.")],
        ),
        (
            changed(10, 8, "3"),
            [(12, "bắt buộc cho hạng sao", "Tiêu chí C1 đã có mức tối thiểu cho 3★ ở dòng 11.")],
        ),
        (
            changed(9, 8, "5", changed(10, 8, "3,4")),
            [(11, "bắt buộc cho hạng sao", "Tiêu chí C1 đòi hỏi cho 5★ ít hơn cho một hạng sao thấp hơn.")],
        ),
    ],
    ids=[
        "part-code",
        "part-maximum",
        "required",
        "negative",
        "not-a-number",
        "three-decimals",
        "above-criterion-maximum",
        "star-level",
        "star-words",
        "duplicate-points",
        "two-least-levels",
        "criterion-disagrees",
        "part-disagrees",
        "criterion-maximum-not-highest",
        "part-does-not-add-up",
        "part-missing",
        "a-star-level-twice",
        "higher-star-asks-less",
    ],
)
def test_each_rule_reports_its_rows_in_vietnamese(rows, expected):
    assert problems(rows) == expected


def test_part_maxima_follow_the_criteria_version():
    errors = problems(VALID, version=CriteriaVersion.QD_1048_2019)

    assert (2, "điểm tối đa phần", "Phần A tối đa 35 điểm theo QĐ 1048/QĐ-TTg (2019).") in errors
    assert (10, "điểm tối đa phần", "Phần C tối đa 40 điểm theo QĐ 1048/QĐ-TTg (2019).") in errors


def test_blank_part_and_criterion_cells_carry_down_as_merged_cells_do():
    rows = [list(row) for row in VALID]
    for index in (1, 2, 4):
        rows[index][0:3] = ["", "", ""]
    rows[1][3:6] = ["", "", ""]
    rows[2][3:6] = ["", "", ""]

    assert problems(rows) == []
    assert criteria_sheet_rows(sheet=import_rows(rows).sheet) == criteria_sheet_rows(
        sheet=import_rows(VALID, code="full").sheet
    )


def test_a_blank_criterion_block_is_not_carried_into_another_part():
    rows = changed(5, 3, "")
    rows[5][4] = rows[5][5] = ""

    assert problems(rows) == [
        (7, "mã tiêu chí", "Ô này bắt buộc phải có."),
        (7, "tiêu chí", "Ô này bắt buộc phải có."),
        (7, "điểm tối đa tiêu chí", "Ô này bắt buộc phải có."),
    ]


def test_one_bad_row_saves_nothing():
    before = rows_state()
    rows = changed(10, 6, "40")

    report = import_rows(rows)

    assert [(error.row, error.message) for error in report.errors] == [
        (12, "Điểm của mức cao hơn điểm tối đa của tiêu chí.")
    ]
    assert report.sheet is None
    assert rows_state() == before
    assert not CriteriaSheet.objects.filter(code="bo-thu").exists()


def test_a_failure_while_writing_saves_nothing_not_even_the_old_rows_removal(monkeypatch):
    import_rows(VALID)
    before = rows_state()
    original = StarRequirement.objects.create

    def fail_at_the_last(**kwargs):
        if kwargs["stars"] == 5:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(StarRequirement.objects, "create", fail_at_the_last)

    with pytest.raises(RuntimeError):
        import_rows(changed(0, 7, "Chưa có gì"), title="Tên mới")

    assert rows_state() == before


def test_importing_a_code_again_replaces_its_rows():
    first = import_rows(VALID).sheet
    rows = changed(2, 7, "Chuỗi giá trị khép kín")

    report = import_rows(rows, title="Bộ tiêu chí thử, sửa")

    assert not report.errors and not report.created
    sheet = CriteriaSheet.objects.get(code="bo-thu")
    assert sheet.pk == first.pk and sheet.title == "Bộ tiêu chí thử, sửa"
    assert CriterionLevel.objects.filter(criterion__part__sheet=sheet).count() == 11
    assert CriterionLevel.objects.filter(
        criterion__part__sheet=sheet, description="Chuỗi giá trị khép kín"
    ).exists()
    assert not CriterionLevel.objects.filter(description="Chuỗi giá trị").exists()


def test_the_same_sheet_again_changes_nothing():
    import_rows(VALID)
    before = (rows_state(), list(CriterionLevel.objects.values_list("pk", flat=True)))

    report = import_rows(VALID)

    assert report.unchanged and not report.errors
    assert (rows_state(), list(CriterionLevel.objects.values_list("pk", flat=True))) == before


def test_a_sheet_a_round_uses_is_never_rewritten():
    sheet = import_rows(VALID).sheet
    DossierFactory(sheet=sheet)
    before = rows_state()

    report = import_rows(changed(2, 7, "Khác"))

    assert [error.message for error in report.errors] == [
        "Bộ tiêu chí bo-thu đã được dùng trong một đợt đánh giá: không sửa tiêu chí của bộ này nữa. "
        "Hãy nhập bộ tiêu chí đã sửa với một mã mới."
    ]
    assert rows_state() == before


def test_a_score_on_a_criterion_locks_its_sheet_too():
    sheet = import_rows(VALID).sheet
    other = import_rows(VALID, code="bo-khac").sheet
    dossier = DossierFactory()  # on a sheet of its own
    SelfScore.objects.create(
        dossier=dossier, criterion=Criterion.objects.get(part__sheet=sheet, code="A1"), points=10
    )

    assert sheets_scored_on(sheet_ids=[sheet.pk, other.pk, dossier.sheet_id]) == {sheet.pk, dossier.sheet_id}


def test_the_header_must_name_the_required_columns():
    upload = csv_upload(header=["phần", "tên phần", "mã tiêu chí", "tiêu chí", "mức điểm", "mô tả mức"])
    sheet = sheet_read(upload=upload, columns=COLUMNS, required=REQUIRED)

    assert [(error.row, error.column, error.message) for error in sheet.errors] == [
        (1, "Điểm tối đa phần", "Thiếu cột này ở dòng tiêu đề."),
        (1, "Điểm tối đa tiêu chí", "Thiếu cột này ở dòng tiêu đề."),
    ]


def test_english_headers_are_read_too():
    with translation.override("en"):
        header = ["Part", "Part title", "Part maximum points", "Criterion code", "Criterion"]
        header += [
            "Criterion maximum points",
            "Level points",
            "Level description",
            "Mandatory for star levels",
        ]
    assert not import_rows_with_header(header).errors


def import_rows_with_header(header):
    sheet = sheet_read(upload=csv_upload(header=header), columns=COLUMNS, required=REQUIRED)
    assert not sheet.errors
    return criteria_sheet_import(fields=fields(), rows=sheet.rows)


def test_the_command_imports_with_a_progress_bar_and_refuses_a_bad_file(tmp_path, capsys):
    good = tmp_path / "tot.csv"
    good.write_bytes(rows_csv(VALID))
    call_command(
        "criteria_import",
        str(good),
        "--code=bo-lenh",
        "--criteria-version=qd1489-2025",
        "--title=Bộ tiêu chí nhập bằng lệnh",
        "--source=Kiểm thử",
        "--sample",
    )
    out, err = capsys.readouterr()
    assert "Sheet bo-lenh created: 4 criteria, 11 levels." in out
    assert "Importing" in err and "11/11" in err
    sheet = CriteriaSheet.objects.get(code="bo-lenh")
    assert (sheet.title, sheet.is_sample, sheet.imported_by) == ("Bộ tiêu chí nhập bằng lệnh", True, None)

    bad = tmp_path / "sai.csv"
    bad.write_bytes(rows_csv(changed(0, 0, "D")))
    before = rows_state()
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("criteria_import", str(bad), "--code=bo-lenh", verbosity=0)
    assert "row 2 [phần]: Phần phải là A, B hoặc C." in capsys.readouterr().err
    assert rows_state() == before


def test_the_command_needs_the_fields_of_a_new_sheet(tmp_path):
    good = tmp_path / "tot.csv"
    good.write_bytes(rows_csv(VALID))

    with pytest.raises(CommandError, match="--criteria-version, --title, --source"):
        call_command("criteria_import", str(good), "--code=moi", verbosity=0)
    assert not CriteriaSheet.objects.filter(code="moi").exists()


def test_points_read_as_written():
    assert importing._points("2,5") == Decimal("2.50")
    assert importing._points(" 10 ") == Decimal("10.00")
    assert importing._points(7.25) == Decimal("7.25")
    for bad in ("", "1e3", "1.000,5", "1000", True, "-0.5"):
        with pytest.raises(ValueError):
            importing._points(bad)
    assert importing._stars("3; 4") == (3, 4)
    assert importing._stars("4 và 3") == (3, 4)
    assert importing._stars(5.0) == (5,)
    assert importing._stars(3.4) == (3, 4)
    assert importing._stars(None) == ()


def test_rows_of_the_sample_fixture_stay_in_their_parts():
    """The test file itself: part A is rows 2-6 (the numbers the messages above use)."""
    assert [row[:3] for row in VALID[:5]] == [A] * 5
