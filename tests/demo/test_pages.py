"""The demo promotion pages: created once, left alone afterwards, and rendering."""

import pytest

from cms.models import CampaignPage, NewsArticlePage, NewsIndexPage, ProducerStoryPage, ProgrammePage
from demo.pages import demo_pages

pytestmark = pytest.mark.django_db


def test_demo_pages_are_created_once_and_render(client, demo_data):
    # `demo_data` ran the loader, whose "Promotion pages" step made them: a new run makes none.
    assert demo_pages() == (0, 7)
    index = NewsIndexPage.objects.get(slug="tin-tuc", locale__language_code="vi")
    assert NewsArticlePage.objects.child_of(index).live().count() == 3
    campaign = CampaignPage.objects.get(slug="mua-vai-thieu-luc-ngan-2026")
    assert campaign.title == "Mùa vải thiều Lục Ngạn 2026"
    assert [block.block_type for block in campaign.body] == ["paragraph", "products", "certified_products"]
    assert len(campaign.body[1].value["products"]) == 3
    for page in (
        index,
        campaign,
        ProgrammePage.objects.get(),
        ProducerStoryPage.objects.get(slug="chuyen-mua-vai-hong-xuan"),
    ):
        assert client.get(page.url).status_code == 200
    campaign_html = client.get(campaign.url).content.decode()
    assert "Vải thiều Lục Ngạn" in campaign_html and "Bài viết minh họa" in campaign_html
    programme_html = client.get(ProgrammePage.objects.get().url).content.decode()
    assert "90–100" in programme_html and "OCOP 5★" in programme_html


def test_demo_pages_leave_staff_edits_alone(demo_data):
    demo_pages()
    article = NewsArticlePage.objects.get(slug="vai-thieu-luc-ngan-vao-vu")
    article.title = "Sửa bởi biên tập viên"
    article.save_revision().publish()

    demo_pages()

    assert NewsArticlePage.objects.get(pk=article.pk).title == "Sửa bởi biên tập viên"
    assert NewsArticlePage.objects.filter(slug="vai-thieu-luc-ngan-vao-vu").count() == 1
