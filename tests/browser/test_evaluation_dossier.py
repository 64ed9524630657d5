"""An OCOP dossier in a real browser: a producer registers a product for a round, fills in the
registration form, uploads the evidence, self-assesses and sends; the OCOP office sends it back
once, the producer adds a file and sends again, the office records the commune's pre-check
and passes it to the council. Screenshots at 1366 and 390 px wide."""

import re

import pytest

from criteria.models import Criterion
from evaluation.models import Dossier, DossierStatus
from tests.browser.pages import shot, vi
from tests.core.factories import pdf_bytes
from tests.criteria.factories import sheet_make
from tests.evaluation.factories import EvaluationRoundFactory

pytestmark = pytest.mark.browser

WIDE, NARROW = {"width": 1366, "height": 900}, {"width": 390, "height": 844}


def log_in(page, email, password):
    page.goto("/shop/dashboard/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/shop/dashboard/$"))


def shots(page, name):
    for label, size in (("1366", WIDE), ("390", NARROW)):
        page.set_viewport_size(size)
        shot(page, f"evaluation-{name}-{label}")
    page.set_viewport_size(WIDE)


def upload(page, kind, name):
    form = page.locator("form[action$='/documents/']")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}
    )
    form.get_by_role("button", name=vi("Add the file")).click()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_producer_sends_a_dossier_and_the_office_checks_it(
    page, live_server, chromium, products, producer_user, django_user_model
):
    from playwright.sync_api import expect

    honey = products[1]
    producer = honey.stockrecords.get().partner
    producer_user(producer, "xa-vien@htx-mat-ong.example")  # password "pw"
    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")
    sheet_make()
    round = EvaluationRoundFactory(title="Đánh giá, phân hạng sản phẩm OCOP năm nay, đợt 1")

    log_in(page, "xa-vien@htx-mat-ong.example", "pw")
    page.goto("/shop/dashboard/evaluation/")
    expect(page.locator(".open-rounds")).to_contain_text(round.title)
    shots(page, "1-rounds")
    page.get_by_role("link", name=vi("Register a product")).click()
    page.locator("select[name=product]").select_option(label=honey.title)
    shots(page, "2-register")
    page.get_by_role("button", name=vi("Register"), exact=True).click()
    expect(page.locator(".sample-sheet-notice")).to_be_visible()

    page.locator("textarea[name=description]").fill("Mật ong rừng khai thác tự nhiên ở Yên Thế.")
    page.locator("textarea[name=standards]").fill("TCCS 01:2026/HTX")
    page.locator("input[name=contact_phone]").fill("0912345678")
    page.get_by_role("button", name=vi("Save the registration form")).click()
    upload(page, "test-report", "phieu-kiem-nghiem.pdf")
    expect(page.locator(".dossier-documents")).to_contain_text("phieu-kiem-nghiem.pdf")
    for code, points in (("A1", "5"), ("A2", "10"), ("B1", "10"), ("C1", "35")):
        page.locator(f"#criterion-{_criterion_id(code)} input[value='{points}']").check()
    page.get_by_role("button", name=vi("Save the self-assessment")).click()
    expect(page.locator(".self-assessment-result")).to_contain_text("60")
    expect(page.locator(".next-star")).to_contain_text("A1")  # 4★ needs A1 at 10
    page.get_by_role("button", name=vi("Send the dossier")).click()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("Hồ sơ còn thiếu")
    shots(page, "3-dossier-missing")
    upload(page, "label", "nhan-san-pham.pdf")
    page.get_by_role("button", name=vi("Send the dossier")).click()
    expect(page.locator(".dossier-summary")).to_contain_text(vi(DossierStatus.SUBMITTED.label))
    shots(page, "4-dossier-sent")
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.SUBMITTED

    office = chromium.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    log_in(office, "office@ocop.example", "mat-khau-2")
    office.goto("/shop/dashboard/evaluation/office/rounds/")
    office.get_by_role("link", name=round.title).click()
    shots(office, "5-round")
    office.get_by_role("link", name=honey.title).click()
    office.locator("textarea[name=reason]").fill("Phiếu kiểm nghiệm thiếu chỉ tiêu độ ẩm.")
    office.get_by_role("button", name=vi("Send back for more")).click()
    expect(office.locator(".dossier-reviews")).to_contain_text("độ ẩm")

    page.reload()
    expect(page.locator(".dossier-returned")).to_contain_text("Phiếu kiểm nghiệm thiếu chỉ tiêu độ ẩm.")
    shots(page, "6-dossier-returned")
    upload(page, "test-report", "phieu-kiem-nghiem-bo-sung.pdf")
    page.get_by_role("button", name=vi("Send the dossier again")).click()

    office.reload()
    form = office.locator("form[action$='/commune-check/']")
    form.locator("input[name=commune_name]").fill("UBND xã Tân Sỏi")
    form.locator("input[name=checked_on]").fill("2026-03-02")
    for name in ("raw_materials_local", "labour_local", "idea_local"):
        form.locator(f"select[name={name}]").select_option("yes")
    shots(office, "7-staff-dossier")
    form.get_by_role("button", name=vi("Save the pre-check")).click()
    office.get_by_role("button", name=vi("Complete: pass to the council")).click()
    expect(office.locator(".dossier-summary")).to_contain_text(vi(DossierStatus.ACCEPTED.label))

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    assert dossier.documents.count() == 3


def _criterion_id(code):
    return Criterion.objects.get(code=code).pk
