"""The fair list and fair pages: Wagtail's page checks, what the public sees (and does not),
the calendar export and the structured data."""

import datetime
import json
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import HomePage
from core.clock import vietnam_today
from fairs import services
from fairs.models import BoothType, FairIndexPage, FairPage
from fairs.services import ListingChoice
from tests.fairs.factories import BoothApplicationFactory, FairListingFactory

pytestmark = pytest.mark.django_db


def fair_form_data(**overrides):
    today = vietnam_today()
    data = {
        "title": "Hội chợ OCOP Bắc Giang 2026",
        "slug": "hoi-cho-ocop-bac-giang-2026",
        "starts_on": (today + datetime.timedelta(days=21)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=24)).isoformat(),
        "application_deadline": (today + datetime.timedelta(days=10)).isoformat(),
        "format": "hybrid",
        "venue_name": "Quảng trường 3/2",
        "venue_address": "Đường Hùng Vương, phường Bắc Giang, tỉnh Bắc Ninh",
        "map_url": "https://www.openstreetmap.org/?mlat=21.2731&mlon=106.1946",
        "online_url": "https://ocop.example/hoi-cho-truc-tuyen",
        "organiser": "Sở Công Thương tỉnh Bắc Ninh",
        "intro": "Hơn 100 gian hàng OCOP.",
        "body": rich_text("<p>Chương trình hội chợ.</p>"),
        "booth_types": inline_formset(
            [
                {"name": "Gian tiêu chuẩn 3 × 3 m", "description": "", "capacity": "40", "fee": "2500000"},
                {"name": "Gian góc", "description": "Hai mặt thoáng", "capacity": "8", "fee": "4000000"},
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


class FairPageTests(WagtailPageTestCase):
    """Wagtail's page checks: created where allowed, routable, renderable, editable, previewable."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(locale__language_code="vi", depth=2)
        cls.index = FairIndexPage(title="Hội chợ", slug="hoi-cho", intro="Hội chợ OCOP.")
        cls.home.add_child(instance=cls.index)
        today = vietnam_today()
        cls.fair = FairPage(
            title="Hội chợ thử",
            slug="hoi-cho-thu",
            starts_on=today + datetime.timedelta(days=21),
            ends_on=today + datetime.timedelta(days=23),
            venue_name="Nhà văn hoá",
            organiser="Sở Công Thương",
            intro="Giới thiệu.",
        )
        cls.fair.booth_types = [BoothType(name="Gian tiêu chuẩn", capacity=10, fee=Decimal("1000000"))]
        cls.index.add_child(instance=cls.fair)

    def setUp(self):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_superuser("editor", "editor@ocop.localhost", "pw")
        self.client.force_login(user)

    def test_created_only_where_allowed(self):
        self.assertCanCreateAt(HomePage, FairIndexPage)
        self.assertCanNotCreateAt(FairIndexPage, FairIndexPage)
        self.assertCanCreateAt(FairIndexPage, FairPage)
        self.assertCanNotCreateAt(HomePage, FairPage)
        self.assertCanNotCreateAt(FairPage, FairPage)

    def test_a_fair_is_built_in_the_admin_as_a_new_user_would(self):
        self.assertCanCreate(self.index, FairPage, fair_form_data())
        fair = FairPage.objects.get(slug="hoi-cho-ocop-bac-giang-2026")
        assert list(fair.booth_types.values_list("name", "capacity", "fee")) == [
            ("Gian tiêu chuẩn 3 × 3 m", 40, Decimal("2500000")),
            ("Gian góc", 8, Decimal("4000000")),
        ]
        assert fair.live

    def test_the_index_routable_renderable_editable_previewable(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRoutable(self.index, route_path="/calendar/")
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, route_path="/calendar/")
        data = nested_form_data({"title": "Hội chợ", "slug": "hoi-cho", "intro": "Các hội chợ."})
        self.assertPageIsEditable(self.index, post_data=data)
        self.assertPageIsPreviewable(self.index, post_data=data)

    def test_the_fair_routable_renderable_editable_previewable(self):
        self.assertPageIsRoutable(self.fair)
        self.assertPageIsRoutable(self.fair, route_path="/calendar/")
        self.assertPageIsRenderable(self.fair)
        self.assertPageIsRenderable(self.fair, route_path="/calendar/")
        data = fair_form_data(title="Hội chợ thử", slug="hoi-cho-thu")
        self.assertPageIsEditable(self.fair, post_data=data)
        self.assertPageIsPreviewable(self.fair, post_data=data)

    def test_a_fair_ending_before_it_starts_is_refused_with_a_message(self):
        today = vietnam_today()
        data = fair_form_data(
            slug="hoi-cho-nguoc",
            starts_on=(today + datetime.timedelta(days=20)).isoformat(),
            ends_on=(today + datetime.timedelta(days=18)).isoformat(),
            application_deadline="",
            action_publish="action-publish",
        )

        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("fairs", "fairpage", self.index.pk)), data
        )

        assert response.status_code == 200
        assert translation.gettext("A fair cannot end before it starts.") in response.content.decode()
        assert not FairPage.objects.filter(slug="hoi-cho-nguoc").exists()


@pytest.fixture
def approved_exhibitor(products, fair, admin_user):
    lychee = products[0]
    record = lychee.stockrecords.get()
    application = services.booth_application_create(
        fair=fair,
        booth_type=fair.booth_types.get(),
        producer=record.partner,
        listings=[ListingChoice(stockrecord_id=record.pk, fair_price=Decimal("120000"))],
        by=admin_user,
    )
    return services.booth_application_approve(application=application, booth_number="A-07", by=admin_user)


def test_the_fair_page_shows_dates_venue_booths_and_exhibitors(client, fair, approved_exhibitor):
    html = client.get(fair.url).content.decode()

    assert fair.title in html and "Nhà văn hoá tỉnh" in html
    assert 'href="https://www.openstreetmap.org/?mlat=21.27&amp;mlon=106.19"' in html
    assert "2.500.000\xa0₫" in html  # the booth fee
    exhibitors = html.split('id="fair-exhibitors"')[1]
    assert "HTX Vải" in exhibitors and "A-07" in exhibitors and "Vải thiều thử" in exhibitors
    # Before the fair: the usual price, and when the fair price starts.
    assert "150.000\xa0₫" in exhibitors and "120.000\xa0₫" in exhibitors
    assert fair.starts_on.strftime("%d/%m/%Y") in exhibitors and "<del" not in exhibitors
    product = approved_exhibitor.listings.get().stockrecord.product
    assert f'action="/shop/basket/add/{product.pk}/"' in exhibitors  # bought from the fair's page


def test_while_the_fair_runs_the_usual_price_is_struck_through(client, make_fair, products, admin_user):
    fair = make_fair(starts_in=-1, days=3)
    record = products[0].stockrecords.get()
    # Applications close before a fair starts: this one was approved before it began.
    FairListingFactory(
        application__fair=fair,
        application__producer=record.partner,
        application__booth_number="B-2",
        stockrecord=record,
        fair_price=Decimal("120000"),
    )

    html = client.get(fair.url).content.decode().split('id="fair-exhibitors"')[1]

    assert '<del class="usual-price"><span class="sr-only">' in html
    fair_price, usual = html.split("<del", 1)
    assert "120.000\xa0₫" in fair_price and "150.000\xa0₫" in usual.split("</del>")[0]


def test_only_approved_applications_are_exhibitors(client, fair, products, admin_user):
    record = products[1].stockrecords.get()
    services.booth_application_create(
        fair=fair,
        booth_type=fair.booth_types.get(),
        producer=record.partner,
        listings=[ListingChoice(stockrecord_id=record.pk)],
        by=admin_user,
    )

    html = client.get(fair.url).content.decode()

    assert "HTX Mật ong" not in html


def test_the_index_lists_upcoming_fairs_and_archives_past_ones_with_exhibitors(
    client, fair_index, make_fair, products, admin_user
):
    upcoming = make_fair(title="Hội chợ sắp tới", starts_in=21)
    past = make_fair(title="Hội chợ năm ngoái", starts_in=-300, days=4)
    record = products[0].stockrecords.get()
    BoothApplicationFactory(fair=past, producer=record.partner, approved=True, booth_number="C-1")
    hidden = make_fair(title="Hội chợ chưa công bố", publish=False)

    html = client.get(fair_index.url).content.decode()

    coming, archive = html.split('id="fairs-archive"')
    assert upcoming.title in coming and past.title not in coming
    assert past.title in archive and "HTX Vải" in archive
    assert hidden.title not in html


def test_an_unpublished_fair_is_not_found(client, make_fair):
    hidden = make_fair(title="Hội chợ chưa công bố", publish=False, slug="chua-cong-bo")

    assert client.get(hidden.url).status_code == 404
    assert client.get(hidden.url + "calendar/").status_code == 404


def test_the_fair_exports_one_all_day_event(client, fair):
    response = client.get(fair.url + "calendar/")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines fold at 75 octets"
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == fair.starts_on
    assert event.decoded("dtend") == fair.ends_on + datetime.timedelta(days=1)
    assert str(event["summary"]) == fair.title
    assert str(event["location"]) == "Nhà văn hoá tỉnh, Đường Hùng Vương, Bắc Giang"
    assert str(event["url"]) == fair.get_full_url()
    again = icalendar.Calendar.from_ical(client.get(fair.url + "calendar/").content)
    assert (
        str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"]) == f"fair-{fair.translation_key}@localhost"
    )


def test_the_calendar_escapes_commas_semicolons_and_newlines(client, make_fair):
    fair = make_fair(title="Hội chợ; Bắc Giang, 2026", intro="Dòng một\nDòng hai; ba, bốn \\ năm")

    body = client.get(fair.url + "calendar/").content.decode()
    unfolded = body.replace("\r\n ", "")

    assert "SUMMARY:Hội chợ\\; Bắc Giang\\, 2026\r\n" in unfolded
    assert "Dòng một\\nDòng hai\\; ba\\, bốn \\\\ năm" in unfolded
    event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["summary"]) == "Hội chợ; Bắc Giang, 2026"


def test_the_index_calendar_holds_every_upcoming_fair(client, fair_index, make_fair):
    coming = [make_fair(title="Hội chợ A", starts_in=5), make_fair(title="Hội chợ B", starts_in=40)]
    make_fair(title="Hội chợ cũ", starts_in=-100)
    make_fair(title="Hội chợ nháp", publish=False)

    calendar = icalendar.Calendar.from_ical(client.get(fair_index.url + "calendar/").content)

    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [fair.title for fair in coming]


def test_the_fair_page_carries_schema_org_event_json_ld(client, make_fair):
    fair = make_fair(format="hybrid", online_url="https://ocop.example/truc-tuyen")

    html = client.get(fair.url).content.decode()

    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == (fair.starts_on.isoformat(), fair.ends_on.isoformat())
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert (place["@type"], place["name"], place["hasMap"]) == ("Place", "Nhà văn hoá tỉnh", fair.map_url)
    assert online == {"@type": "VirtualLocation", "url": "https://ocop.example/truc-tuyen"}
    assert data["organizer"] == {"@type": "Organization", "name": "Sở Công Thương tỉnh Bắc Ninh"}


def test_each_language_lists_its_own_pages_and_a_translation_shows_the_exhibitors(
    client, fair, fair_index, approved_exhibitor
):
    english = Locale.objects.get_or_create(language_code="en")[0]
    fair_en = fair.copy_for_translation(english, copy_parents=True)
    fair_en.title = "Bac Giang OCOP Fair 2026"
    fair_en.save_revision().publish()
    index_en = fair_index.get_translation(english)  # an alias of the Vietnamese list, live with it
    fair_en.refresh_from_db()

    vi_index = client.get(fair_index.url).content.decode()
    en_index = client.get(index_en.url).content.decode()
    en_fair = client.get(fair_en.url).content.decode()

    assert fair.title in vi_index and fair_en.title not in vi_index
    assert fair_en.title in en_index and f">{fair.title}<" not in en_index
    assert "HTX Vải" in en_fair and "A-07" in en_fair
    en_calendar = icalendar.Calendar.from_ical(client.get(fair_en.url + "calendar/").content)
    assert str(en_calendar.walk("VEVENT")[0]["uid"]) == f"fair-{fair.translation_key}@localhost"
