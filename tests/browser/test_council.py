"""A council member from another department scores a product in a real browser: logging in
lands on their rounds, a bad score is refused with what was typed kept, the sheet is saved
complete; the office closes the council and records the decision, and the product's page shows
its new badge. On a desktop and on a phone (screenshots of both)."""

import re

import pytest

from core.clock import vietnam_today
from evaluation.models import CouncilScore, RoundStatus
from tests.browser.pages import shot, vi
from tests.evaluation.council_world import FULL, council_world, score

pytestmark = pytest.mark.browser


def log_in(page, username, password, landing):
    page.goto("/shop/dashboard/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(landing))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_scores_and_the_decision_gives_the_badge(
    page, live_server, chromium, commune, django_user_model
):
    from playwright.sync_api import expect

    world = council_world(commune, products=1)
    dossier = world["dossiers"][0]
    dossier.self_scores.create(criterion=world["criteria"]["A1"], points=10, note="Liên kết với 30 hộ trồng")
    expert = world["member"].user
    expert.username = "chuyen-gia"
    expert.set_password("mat-khau-hoi-dong")
    expert.save()
    score(world, world["chair"], dossier, FULL)
    django_user_model.objects.create_superuser("office", "office@ocop.example", "mat-khau-2")

    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "chuyen-gia", "mat-khau-hoi-dong", r"/evaluation/council/$")
    expect(page.locator(".council-rounds")).to_contain_text(world["round"].title)
    shot(page, "council-1-rounds")
    page.get_by_role("link", name=world["round"].title).click()
    page.get_by_role("link", name=dossier.product.title).click()
    criteria = world["criteria"]
    page.locator(f"input[name=points_{criteria['A1'].pk}]").fill("25")
    page.locator(f"input[name=points_{criteria['A2'].pk}]").fill("17,5")
    page.get_by_role("button", name=vi("Save my sheet")).click()
    expect(page.locator(".council-criterion.border-danger")).to_contain_text("A1: cho từ 0 đến 20 điểm.")
    expect(page.locator(f"input[name=points_{criteria['A2'].pk}]")).to_have_value("17,5")
    shot(page, "council-2-refused")
    assert not CouncilScore.objects.filter(sheet__member=world["member"]).exists()

    for code, points in {"A1": "20", "A2": "20", "B1": "25", "C1": "35"}.items():
        page.locator(f"input[name=points_{criteria[code].pk}]").fill(points)
    page.get_by_role("button", name=vi("Save my sheet")).click()
    expect(page.locator(".alert-success")).to_contain_text("phiếu đã chấm đủ")
    shot(page, "council-3-sheet")
    phone = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True
    ).new_page()
    log_in(phone, "chuyen-gia", "mat-khau-hoi-dong", r"/evaluation/council/$")
    shot(phone, "council-1-rounds-phone")
    phone.goto(page.url)
    shot(phone, "council-3-sheet-phone")

    office = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1366, "height": 900}
    ).new_page()
    log_in(office, "office@ocop.example", "mat-khau-2", r"/shop/dashboard/$")
    office.goto(f"/shop/dashboard/evaluation/rounds/{world['round'].pk}/council/")
    shot(office, "council-4-office")
    office.get_by_role("button", name=vi("Close the council")).click()
    expect(office.locator(".council-results")).to_contain_text(dossier.product.title)
    office.locator("input[name=decision_number]").fill("301/QĐ-UBND")
    office.locator("input[name=decision_date]").fill(vietnam_today().isoformat())
    office.get_by_role("button", name=vi("Record the decision and issue the certificates")).click()
    expect(office.get_by_role("alert")).to_contain_text("301/QĐ-UBND")
    shot(office, "council-5-decided")
    office.set_viewport_size({"width": 390, "height": 844})
    shot(office, "council-5-decided-phone")
    world["round"].refresh_from_db()
    assert world["round"].status == RoundStatus.DECIDED

    page.goto(dossier.product.get_absolute_url())
    expect(page.locator(".pdp__badge")).to_contain_text("OCOP 4★")
