"""The sections staff mark "show in menus" appear in the header and the footer of every page."""

import pytest
from wagtail.models import Page

from cms.models import HomePage, NewsIndexPage, StandardPage

pytestmark = pytest.mark.django_db


def test_sections_shown_in_menus_are_linked_from_every_page(client):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    news = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True))
    news.save_revision().publish()
    hidden = home.add_child(instance=StandardPage(title="Điều khoản", slug="dieu-khoan", intro="…"))
    hidden.save_revision().publish()
    draft = home.add_child(
        instance=StandardPage(title="Bản nháp", slug="ban-nhap", intro="…", show_in_menus=True)
    )
    Page.objects.filter(pk=draft.pk).update(live=False)

    html = client.get("/shop/catalogue/").content.decode()

    header = html.split('class="site-sections"')[1].split("</nav>")[0]
    assert 'href="/tin-tuc/"' in header and "Tin tức" in header
    assert "Điều khoản" not in header and "Bản nháp" not in html
    assert html.count('href="/tin-tuc/"') == 3  # the header's top bar and phone menu, and the footer
