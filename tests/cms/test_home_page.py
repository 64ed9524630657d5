"""The Wagtail home page: editable by staff, products chosen through the product chooser."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from cms.models import HomePage

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_home_page_is_the_site_root_and_served_at_slash(client):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["page"].specific == home


def test_home_page_edit_form_uses_the_product_chooser(staff_client, demo_data):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)

    response = staff_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("product_chooser:choose") in html


def test_product_chooser_lists_and_searches_products(staff_client, demo_data):
    response = staff_client.get(reverse("product_chooser:choose"), {"q": "Vải thiều"})

    assert response.status_code == 200
    html = response.json()["html"]
    assert "Vải thiều Lục Ngạn" in html
    assert "Mật ong hoa vải Hằng Hiếu" not in html


def test_staff_can_edit_and_publish_the_home_page_in_the_admin(staff_client, demo_data):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    edit_url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    data = querydict_from_html(staff_client.get(edit_url).content.decode(), form_id="page-edit-form")
    data["hero_title"] = "Mùa vải 2026"
    data["action-publish"] = "action-publish"

    response = staff_client.post(edit_url, data)

    assert response.status_code == 302
    assert Page.objects.get(pk=home.pk).specific.hero_title == "Mùa vải 2026"
    assert "Mùa vải 2026" in staff_client.get("/").content.decode()


def test_wagtail_admin_links_to_the_oscar_dashboard_and_back(staff_client):
    wagtail_home = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    dashboard = staff_client.get(reverse("dashboard:index")).content.decode()

    assert reverse("dashboard:index") in wagtail_home
    assert reverse("wagtailadmin_home") in dashboard
