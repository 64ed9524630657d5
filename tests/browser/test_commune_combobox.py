"""Issue 16, item 2, in a real browser: the buyer types "bac" (no tones) in the commune box,
hears how many communes match, moves through them with the arrow keys, picks one with Enter,
and the address step takes it."""

import re

import pytest

from tests.browser.pages import TIMEOUT_MS, shot, vi

pytestmark = pytest.mark.browser


@pytest.fixture
def communes(commune):
    """Lục Ngạn (the shared fixture) and two communes of Bắc Ninh whose names start with "Bắc"."""
    from places.models import Commune

    ward, _ = Commune.objects.get_or_create(
        code="T07201", defaults={"name": "Bắc Giang", "kind": "phường", "province": commune.province}
    )
    village, _ = Commune.objects.get_or_create(
        code="T07202", defaults={"name": "Bắc Lũng", "kind": "xã", "province": commune.province}
    )
    return ward, village


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_buyer_finds_the_commune_by_typing_without_tones_and_picks_it_with_the_keyboard(
    products, commune, communes, page
):
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    ward, village = communes
    page.goto(products[0].get_absolute_url())
    page.locator("#add_to_basket_form").get_by_role("button", name=vi("Add to basket")).click()
    expect(page.locator(".alert-success").first).to_contain_text(products[0].title)
    page.goto("/shop/basket/")
    page.locator(".basket-summary").get_by_role("link", name=vi("Check out")).click()
    page.get_by_label(vi("Buy without an account")).check()
    page.get_by_role("button", name=vi("Continue")).click()
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/"))

    box = page.get_by_role("combobox", name=vi("Commune or ward"))
    expect(box).to_be_disabled()  # no province yet
    page.get_by_label(vi("Province or city")).select_option(str(commune.province_id))
    expect(box).to_be_enabled()
    expect(page.locator("select[name=commune]")).to_be_hidden()

    box.fill("bac")
    listbox = page.get_by_role("listbox")
    options = listbox.get_by_role("option")
    expect(options).to_have_text([ward.full_name, village.full_name])
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_commune_status")).to_have_text("2 xã/phường phù hợp")
    shot(page, "combobox-bac")

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    box.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(second).to_have_attribute("aria-selected", "false")

    box.press("Escape")  # closes the list, keeps what was typed
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("bac")

    box.press("ArrowDown")  # opens again on the same matches, the first one active
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value(village.full_name)
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("select[name=commune]")).to_have_value(str(village.pk))

    page.get_by_label(vi("Full name")).fill("Nguyễn Thị Hoa")
    page.get_by_label(vi("Phone number")).fill("0912 345 678")
    page.get_by_label(vi("House number, street, hamlet")).fill("Số 12, thôn Kép")
    page.get_by_role("button", name=vi("Continue")).click()
    expect(page).to_have_url(re.compile(r"/checkout/payment-method/"))
    page.get_by_role("radio", name=re.compile("COD")).check()
    page.get_by_role("button", name=vi("Continue")).click()
    expect(page.locator(".preview-address")).to_contain_text(village.full_name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_producer_finds_the_origin_commune_the_server_knows_and_picks_it_with_the_keyboard(
    products, commune, communes, producer_user, page
):
    """Issue 17, item 1: the product editor's commune picker (places.widgets.CommuneSearch)
    asks the server as the producer types, and Enter picks the commune into the hidden select
    that the form sends."""
    from playwright.sync_api import expect

    from tests.browser.test_moderation import log_in

    expect.set_options(timeout=TIMEOUT_MS)
    ward, village = communes
    lychee = products[0]
    producer_user(lychee.stockrecords.get().partner, "xa-vien@htx-vai.example")  # password "pw"
    log_in(page, "xa-vien@htx-vai.example", "pw")
    page.goto(f"/shop/dashboard/catalogue/products/{lychee.pk}/")

    # The description's editor (Oscar's TinyMCE) speaks Vietnamese: dashboard-editor.js.
    toolbar = page.locator(".tox-toolbar__primary").first
    expect(toolbar.get_by_role("button", name="In đậm")).to_be_visible()
    expect(toolbar.locator(".tox-tbtn__select-label")).to_have_text("Đoạn văn")

    box = page.get_by_role("combobox", name=vi("Origin commune"))
    expect(box).to_be_visible()
    # Without JavaScript a search box and "Find" button stand there; the script removes them.
    expect(page.locator("[data-commune-search-fallback]")).to_have_count(0)
    box.fill("bac lung")
    options = page.get_by_role("listbox").get_by_role("option")
    found = f"{village.full_name}, {village.province.name}"  # any province's: the province is said
    expect(options).to_have_text([found])
    expect(page.locator("#id_origin_commune_status")).to_have_text("1 xã/phường phù hợp")
    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("Enter")  # picks; never sends the form
    expect(box).to_have_value(found)
    expect(page.locator("select[name=origin_commune]")).to_have_value(str(village.pk))
    shot(page, "commune-search-picked")
