"""Wagtail's page checks for every promotion page type: created where allowed and nowhere
else, routable, renderable, editable with posted data, previewable."""

import datetime

from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    CampaignPage,
    HarvestCalendarPage,
    HomePage,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    ProducerStoryPage,
    ProgrammePage,
    StandardPage,
)
from fairs.models import FairIndexPage, FairPage
from tests.catalog.factories import ProductFactory
from tests.partner.factories import ProducerFactory
from training.models import CoursePage, TrainingIndexPage


def list_block(values):
    """Form data of a ListBlock, as the admin's editor posts it."""
    data = {str(i): {"value": value, "deleted": "", "order": str(i)} for i, value in enumerate(values)}
    data["count"] = str(len(values))
    return data


class PromotionPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(locale__language_code="vi", depth=2)
        cls.news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
        cls.home.add_child(instance=cls.news)
        cls.article = NewsArticlePage(
            title="Vải vào vụ", slug="vai-vao-vu", date=datetime.date(2026, 5, 20), intro="Vải chín."
        )
        cls.news.add_child(instance=cls.article)
        cls.campaign = CampaignPage(title="Mùa vải 2026", slug="mua-vai-2026")
        cls.home.add_child(instance=cls.campaign)
        cls.programme = ProgrammePage(title="Chương trình OCOP", slug="chuong-trinh-ocop")
        cls.home.add_child(instance=cls.programme)
        cls.standard = StandardPage(title="Giới thiệu", slug="gioi-thieu")
        cls.home.add_child(instance=cls.standard)
        cls.fairs = FairIndexPage(title="Hội chợ", slug="hoi-cho")
        cls.home.add_child(instance=cls.fairs)
        cls.fair = FairPage(
            title="Hội chợ vải",
            slug="hoi-cho-vai",
            starts_on=datetime.date(2026, 6, 10),
            ends_on=datetime.date(2026, 6, 12),
            venue_name="Nhà văn hóa Lục Ngạn",
            organiser="Sở Công Thương",
            intro="Hội chợ.",
        )
        cls.fairs.add_child(instance=cls.fair)
        cls.product = ProductFactory(title="Vải thiều thử")
        cls.producer = ProducerFactory(name="HTX Vải thử")
        cls.category = NewsCategory.objects.create(name="Thị trường", slug="thi-truong")

    def setUp(self):
        user = get_user_model().objects.create_superuser("editor", "editor@ocop.localhost", "pw")
        self.client.force_login(user)

    def test_home_page_takes_only_the_promotion_page_types(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                CampaignPage,
                ProgrammePage,
                StandardPage,
                ProducerStoryPage,
                FairIndexPage,
                TrainingIndexPage,
                HarvestCalendarPage,
            },
        )

    def test_each_page_type_is_created_where_allowed_and_nowhere_else(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(NewsIndexPage, NewsArticlePage)
        self.assertCanCreateAt(NewsIndexPage, ProducerStoryPage)
        self.assertCanCreateAt(HomePage, CampaignPage)
        self.assertCanCreateAt(HomePage, ProgrammePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(HomePage, NewsArticlePage)
        self.assertCanNotCreateAt(NewsArticlePage, NewsArticlePage)
        self.assertCanNotCreateAt(CampaignPage, NewsArticlePage)
        self.assertCanNotCreateAt(NewsIndexPage, CampaignPage)
        self.assertCanNotCreateAt(StandardPage, CampaignPage)
        self.assertCanNotCreateAt(FairIndexPage, StandardPage)
        self.assertCanCreateAt(HomePage, TrainingIndexPage)
        self.assertCanCreateAt(TrainingIndexPage, CoursePage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def check(self, page, data, *, routes=("/",)):
        for route in routes:
            self.assertPageIsRoutable(page, route)
            self.assertPageIsRenderable(page, route)
        self.assertPageIsEditable(page, post_data=data)
        self.assertPageIsPreviewable(page, post_data=data)

    def test_news_index(self):
        data = nested_form_data({"title": "Tin tức", "slug": "tin-tuc", "intro": "Tin OCOP."})
        self.check(self.news, data, routes=("/", "rss/", "atom/"))

    def test_news_article(self):
        data = nested_form_data(
            {
                "title": "Vải vào vụ",
                "slug": "vai-vao-vu",
                "date": "2026-05-20",
                "author_name": "Văn phòng OCOP",
                "intro": "Vải chín.",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Vụ vải.</p>")),
                        ("quote", "Vải ngon."),
                        ("video", "https://www.youtube.com/watch?v=demo"),
                        (
                            "certified_products",
                            {"heading": "", "product_group": "", "place": "", "min_stars": "3", "count": 4},
                        ),
                    ]
                ),
                "categories": [self.category.pk],
                "tags": "vải thiều, Lục Ngạn",
                "related_products": inline_formset([{"product": self.product.pk}]),
            }
        )
        self.check(self.article, data)

    def test_campaign(self):
        data = nested_form_data(
            {
                "title": "Mùa vải 2026",
                "slug": "mua-vai-2026",
                "intro": "Mùa vải.",
                "starts_on": "2026-05-25",
                "ends_on": "2026-07-31",
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Mùa vải.</p>")),
                        ("products", {"heading": "Vải", "products": list_block([self.product.pk])}),
                        ("producer", {"producer": self.producer.pk, "note": "HTX"}),
                        ("fair", {"fair": self.fair.pk}),
                        ("video", "https://www.youtube.com/watch?v=demo"),
                    ]
                ),
            }
        )
        self.check(self.campaign, data)

    def test_programme(self):
        data = nested_form_data(
            {
                "title": "Chương trình OCOP",
                "slug": "chuong-trinh-ocop",
                "intro": "OCOP.",
                "body": streamfield(
                    [
                        (
                            "star_levels",
                            {
                                "heading": "Hạng sao",
                                "levels": list_block(
                                    [{"stars": "3", "min_score": 50, "max_score": 69, "description": "Đạt."}]
                                ),
                            },
                        )
                    ]
                ),
            }
        )
        self.check(self.programme, data)

    def test_standard(self):
        data = nested_form_data(
            {
                "title": "Giới thiệu",
                "slug": "gioi-thieu",
                "intro": "Về chúng tôi.",
                "body": streamfield([("paragraph", rich_text("<p>Chợ OCOP.</p>"))]),
            }
        )
        self.check(self.standard, data)

    def test_a_campaign_cannot_end_before_it_starts(self):
        data = nested_form_data(
            {
                "title": "Mùa vải 2026",
                "slug": "mua-vai-2026",
                "starts_on": "2026-07-31",
                "ends_on": "2026-05-25",
                "body": streamfield([]),
            }
        )
        response = self.client.post(f"/cms/pages/{self.campaign.pk}/edit/", data)

        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["form"].errors), ["ends_on"])
        self.campaign.refresh_from_db()
        self.assertIsNone(self.campaign.ends_on)
