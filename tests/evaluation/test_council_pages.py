"""The council's pages: a member outside the office logs in to their rounds only; the scoring
sheet (bad points refused with the typed values kept, read-only after closing); the office's
page (seats, opening scoring, progress without points, closing, the decision); the summary
sheet (PDF) and the results (CSV)."""

import csv
import io
from decimal import Decimal

import pypdfium2
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from core.clock import vietnam_today
from evaluation import decision
from evaluation.models import CouncilRole, CouncilScore, RoundStatus
from tests.evaluation.council_world import FULL, council_world, score, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(commune):
    return council_world(commune)


def url(name, **kwargs):
    return reverse(f"evaluation-dashboard:{name}", kwargs=kwargs)


def sheet_url(world, dossier=None):
    return url("council-sheet", round_pk=world["round"].pk, dossier_pk=(dossier or world["dossiers"][0]).pk)


def text(response):
    return response.content.decode()


# A member from outside the office


def test_a_member_who_is_neither_staff_nor_producer_logs_in_to_their_rounds(client, world):
    expert = world["member"].user
    expert.set_password("mat-khau-hoi-dong")
    expert.save()

    response = client.post(
        reverse("dashboard:login"),
        {"username": expert.username, "password": "mat-khau-hoi-dong"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == url("council-rounds")
    page = text(response)
    assert world["round"].title in page
    assert "Hội đồng đánh giá" in page  # the one menu entry
    assert "Văn phòng OCOP" not in page and "Cửa hàng của tôi" not in page


def test_a_member_never_sees_another_round(client, world, commune):
    other = council_world(commune, products=1)
    client.force_login(world["member"].user)

    assert client.get(url("council-round", round_pk=other["round"].pk)).status_code == 404
    assert client.get(sheet_url(other)).status_code == 404
    # A dossier of another round under this round's address is not found either.
    assert (
        client.get(
            url("council-sheet", round_pk=world["round"].pk, dossier_pk=other["dossiers"][0].pk)
        ).status_code
        == 404
    )
    rounds = text(client.get(url("council-rounds")))
    assert world["round"].title in rounds and other["round"].title not in rounds
    # Nor the office's pages.
    response = client.get(url("council-manage", round_pk=world["round"].pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_producers_and_strangers_are_turned_away(client, world, producer_user):
    client.force_login(producer_user(world["dossiers"][0].producer, "htx@producer.example"))
    for address in (
        url("council-rounds"),
        url("council-round", round_pk=world["round"].pk),
        sheet_url(world),
    ):
        response = client.get(address)
        assert response.status_code == 302 and "login" in response["Location"], address


# The scoring sheet


def test_the_sheet_shows_each_criterion_with_its_levels_and_the_self_assessment(client, world):
    dossier = world["dossiers"][0]
    dossier.self_scores.create(
        criterion=world["criteria"]["A1"], points=Decimal("10"), note="Có liên kết HTX"
    )
    client.force_login(world["member"].user)

    page = text(client.get(sheet_url(world)))

    assert "A1. Tổ chức sản xuất" in page and "Chuỗi giá trị" in page  # a level as a guide
    assert "Có liên kết HTX" in page
    assert "4★ cần ít nhất 10" in page
    assert f'name="points_{world["criteria"]["C1"].pk}"' in page


def test_points_are_saved_partially_with_a_comma(client, world):
    client.force_login(world["member"].user)
    a1, a2 = world["criteria"]["A1"], world["criteria"]["A2"]

    response = client.post(
        sheet_url(world), {f"points_{a1.pk}": "7,5", f"note_{a1.pk}": "Tốt", f"points_{a2.pk}": ""}
    )

    assert response.status_code == 302
    assert dict(CouncilScore.objects.values_list("criterion__code", "points")) == {"A1": Decimal("7.50")}
    page = text(client.get(sheet_url(world)))
    assert "Đã chấm 1/4 tiêu chí" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("21", "A1: cho từ 0 đến 20 điểm."),
        ("-2", "A1: cho từ 0 đến 20 điểm."),
        ("mười", "A1: “mười” không phải là số điểm."),
    ],
)
def test_bad_points_are_refused_and_the_form_keeps_what_was_typed(client, world, typed, message):
    client.force_login(world["member"].user)
    a1, b1 = world["criteria"]["A1"], world["criteria"]["B1"]

    response = client.post(sheet_url(world), {f"points_{a1.pk}": typed, f"points_{b1.pk}": "12"})

    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert f'value="{typed}"' in page and 'value="12"' in page
    assert not CouncilScore.objects.exists()


def test_after_closing_the_sheet_is_read_only(client, world):
    score_all(world, {"chair": FULL, "member": FULL})
    world["round"].status = RoundStatus.CLOSED
    world["round"].save()
    client.force_login(world["member"].user)
    a1 = world["criteria"]["A1"]

    page = text(client.get(sheet_url(world)))
    assert "Lưu phiếu" not in page and "disabled" in page

    response = client.post(sheet_url(world), {f"points_{a1.pk}": "0"}, follow=True)
    assert "không thể thay đổi điểm nữa" in text(response)
    assert CouncilScore.objects.filter(criterion=a1, points=0).count() == 0


def test_the_chair_sees_every_members_progress_and_a_member_only_their_own(client, world):
    score(world, world["member"], world["dossiers"][0], FULL)
    round_url = url("council-round", round_pk=world["round"].pk)

    client.force_login(world["chair"].user)
    assert "Chuyên gia Trần" in text(client.get(round_url))
    client.force_login(world["member"].user)
    page = text(client.get(round_url))
    assert "Chủ tịch Nguyễn" not in page and "Đã đủ" in page


# The office


def test_staff_seat_a_member_and_a_refusal_keeps_the_typed_values(staff_client, world, django_user_model):
    manage = url("council-manage", round_pk=world["round"].pk)

    response = staff_client.post(
        url("council-member-add", round_pk=world["round"].pk),
        {"email": "ai-do@so.example", "role": CouncilRole.MEMBER, "position": "Sở Y tế"},
    )
    assert response.status_code == 200
    assert "Không có tài khoản nào đang hoạt động có e-mail ai-do@so.example" in text(response)
    assert 'value="Sở Y tế"' in text(response)

    django_user_model.objects.create_user(username="ai-do", email="ai-do@so.example", password="x")
    response = staff_client.post(
        url("council-member-add", round_pk=world["round"].pk),
        {"email": "ai-do@so.example", "role": CouncilRole.VICE_CHAIR, "position": "Sở Y tế"},
    )
    assert response.status_code == 302 and response["Location"] == manage
    assert world["round"].council.filter(user__email="ai-do@so.example", role=CouncilRole.VICE_CHAIR).exists()


def test_progress_is_shown_to_staff_without_points(staff_client, world):
    score(world, world["member"], world["dossiers"][0], {"A1": "13.25"})

    page = text(staff_client.get(url("council-manage", round_pk=world["round"].pk)))

    assert "Chuyên gia Trần" in page and "1 tiêu chí đã chấm" in page
    assert "13.25" not in page and "13,25" not in page


def test_staff_close_decide_and_download_the_outputs(staff_client, world):
    first, second = world["dossiers"]
    score_all(world, {"chair": FULL})
    score(world, world["member"], first, FULL)
    held = {"A1": 5, "A2": 20, "B1": 25, "C1": 35}
    score(world, world["member"], second, held)
    round_pk = world["round"].pk

    response = staff_client.post(url("council-close", round_pk=round_pk), follow=True)
    page = text(response)
    assert "Hội đồng đã kết thúc" in page
    assert "Đề nghị Trung ương đánh giá 5 sao" in page

    pdf = staff_client.get(url("council-summary-pdf", round_pk=round_pk))
    assert pdf["Content-Type"] == "application/pdf"
    content = " ".join(
        " ".join(page.get_textpage().get_text_range().split()) for page in pypdfium2.PdfDocument(pdf.content)
    )
    for expected in (
        "TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM",
        "Chủ tịch Nguyễn",
        "Chuyên gia Trần",
        "Thư ký Lê",
        "92.5",
        "85",
    ):
        assert expected in content, expected
    assert first.product.get_title() in content

    rows = list(
        csv.reader(
            io.StringIO(
                staff_client.get(url("council-results-csv", round_pk=round_pk)).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:3] == ["Sản phẩm", "Chủ thể sản xuất", "Hình thức đăng ký"]
    by_product = {row[0]: row for row in rows[1:]}
    assert by_product[first.product.get_title()][7:11] == ["100", "5", "5", "4"]
    assert by_product[second.product.get_title()][7] == "92.5"

    today = vietnam_today()
    response = staff_client.post(
        url("council-decide", round_pk=round_pk),
        {"decision_number": "88/QĐ-UBND", "decision_date": today.isoformat()},
        follow=True,
    )
    assert "Đã ghi quyết định 88/QĐ-UBND" in text(response)
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.DECIDED
    product_page = text(staff_client.get(first.product.get_absolute_url()))
    assert "OCOP 4★" in product_page


def test_a_wrong_decision_date_is_refused_on_the_page(staff_client, world):
    score_all(world, {"chair": FULL, "member": FULL})
    staff_client.post(url("council-close", round_pk=world["round"].pk))

    response = staff_client.post(
        url("council-decide", round_pk=world["round"].pk),
        {"decision_number": "88/QĐ-UBND", "decision_date": "2024-05-20"},
    )

    assert response.status_code == 200
    assert "nhưng đợt này chấm theo" in text(response)
    assert 'value="88/QĐ-UBND"' in text(response)
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.CLOSED


def test_the_producer_sees_the_result_row_once_the_decision_is_recorded(world):
    held = {"A1": 5, "A2": 20, "B1": 25, "C1": 35}
    score_all(world, {"chair": held, "member": held})
    dossier = world["dossiers"][0]
    decision.round_close(round=world["round"], by=None)

    def shown():
        dossier.round.refresh_from_db()
        return render_to_string("evaluation/partials/dossier_result.html", {"dossier": dossier})

    assert "Kết quả của hội đồng" not in shown()  # closed, not yet decided
    decision.round_decide(
        round=world["round"], decision_number="9/QĐ-UBND", decision_date=vietnam_today(), by=None
    )
    page = " ".join(shown().split())
    assert (
        "Kết quả của hội đồng" in page
        and "<strong>85</strong> / 100" in page
        and "<strong>3★</strong>" in page
    )
    assert "A1 Tổ chức sản xuất: 5 điểm; hạng 4★ cần ít nhất 10" in page
    assert "Chuyên gia Trần" not in page  # never a member's name or points


def test_the_outputs_wait_for_closing(staff_client, world):
    for name in ("council-summary-pdf", "council-results-csv"):
        response = staff_client.get(url(name, round_pk=world["round"].pk))
        assert response.status_code == 302
