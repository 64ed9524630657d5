"""A producer's story page, with the live blocks of certified products and of a lot's timeline."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage, ProducerStoryPage
from traceability.models import BusinessStep, Lot, TraceEvent

Certificate = get_model("catalogue", "Certificate")

pytestmark = pytest.mark.django_db


def certify(product, *, valid_from):
    return Certificate.objects.create(
        product=product,
        producer=product.stockrecords.get().partner,
        stars=4,
        score=78,
        criteria_version="qd148-2023",
        decision_number="123/QĐ-UBND",
        decision_date=valid_from,
        issuer_level="province",
        issuer_name="UBND tỉnh Bắc Giang",
        programme_year=valid_from.year,
        valid_from=valid_from,
        valid_to=Certificate.validity_end(valid_from),
    )


def story(producer, body):
    home = HomePage.objects.get(locale__language_code="vi", depth=2)
    page = ProducerStoryPage(
        title="Mùa vải ở Lục Ngạn", slug="mua-vai", producer=producer, intro="Chuyện mùa vải."
    )
    page.body = body
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_story_shows_live_certified_products_and_a_published_lots_timeline(client, products):
    lychee, honey = products
    today = timezone.localdate()
    certify(lychee, valid_from=today - datetime.timedelta(days=30))
    certify(honey, valid_from=today - datetime.timedelta(days=4 * 365))  # expired a year ago
    producer = lychee.stockrecords.get().partner
    lot = Lot.objects.create(
        product=lychee, producer=producer, code="VAI-0612", produced_on=today, quantity=500, is_published=True
    )
    TraceEvent.objects.create(
        lot=lot,
        action="ADD",
        event_time=timezone.now() - datetime.timedelta(hours=2),
        business_step=BusinessStep.COMMISSIONING,
        actor="HTX Vải",
        place="Đồi vải thôn Mòng",
    )
    hidden = Lot.objects.create(
        product=lychee, producer=producer, code="VAI-NHAP", produced_on=today, quantity=1
    )
    page = story(
        producer,
        [
            ("certified_products", {"heading": "Sản phẩm OCOP", "min_stars": "4", "count": 24}),
            ("lot_timeline", {"short_code": lot.short_code, "heading": ""}),
            ("lot_timeline", {"short_code": hidden.short_code, "heading": "Lô chưa công bố"}),
        ],
    )

    html = client.get(page.url).content.decode()

    certified = html.split('class="certified-products"')[1].split("</section>")[0]
    assert lychee.title in certified and honey.title not in certified
    assert "Đồi vải thôn Mòng" in html and f'href="{lot.get_absolute_url()}"' in html
    assert "Lô chưa công bố" not in html and "VAI-NHAP" not in html


class ProducerStoryPageTests(WagtailPageTestCase):
    """Wagtail's page checks: created where allowed, routable, renderable, editable, previewable."""

    @classmethod
    def setUpTestData(cls):
        from tests.partner.factories import ProducerFactory

        cls.producer = ProducerFactory(name="HTX Câu chuyện")
        cls.home = HomePage.objects.get(locale__language_code="vi", depth=2)
        cls.page = ProducerStoryPage(
            title="Câu chuyện HTX", slug="cau-chuyen", producer=cls.producer, intro="Giới thiệu."
        )
        cls.home.add_child(instance=cls.page)

    def setUp(self):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_superuser("editor", "editor@ocop.localhost", "pw")
        self.client.force_login(user)

    def test_created_only_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ProducerStoryPage)
        self.assertCanNotCreateAt(ProducerStoryPage, ProducerStoryPage)

    def test_routable_renderable_editable_previewable(self):
        self.assertPageIsRoutable(self.page)
        self.assertPageIsRenderable(self.page)
        data = nested_form_data(
            {
                "title": "Câu chuyện HTX",
                "slug": "cau-chuyen",
                "producer": self.producer.pk,
                "intro": "Giới thiệu.",
                "body": streamfield([("paragraph", rich_text("<p>Một mùa vải.</p>"))]),
            }
        )
        self.assertPageIsEditable(self.page, post_data=data)
        self.assertPageIsPreviewable(self.page, post_data=data)
