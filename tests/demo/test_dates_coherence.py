"""The demo agrees with its dates whatever the day it is loaded (issue 17, item 7).

The demo is loaded under time-machine on days across the year, in and out of the lychee
season, and every dated thing is held to that day: lots by their product's season and shelf
life, certificates and who signed them, news by its season, fairs upcoming or past,
applications, inquiries; and no internal research note reaches a page. The shop's own reading
of lots (the lots helper) is not used: the checks read `Lot`'s fields.
"""

import datetime
import re

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model
from wagtail.models import Page

from catalog.ocop import DISTRICTS_ABOLISHED, IssuerLevel, ministry_name_on
from cms.models import CampaignPage, HarvestCalendarPage, NewsArticlePage
from core.clock import VIETNAM
from demo.dates import date_from, season_running
from demo.lots import TRACES
from demo.products import upc
from demo.records import data_file
from demo.seasons import season_windows
from fairs.models import ApplicationStatus, BoothApplication, FairPage
from inquiries.models import Inquiry, InquiryReply
from partner.sale_holds import sale_holds_on
from programme.targets import REPORTED_TOTALS, TARGETS
from seasons.holds import product_sale_holds as season_product_holds
from seasons.selectors import seasons_running, spans
from traceability.models import Inspection, Lot, TraceEvent
from traceability.selectors import products_lots_all_expired

Certificate = get_model("catalogue", "Certificate")
EvaluationRequest = get_model("catalogue", "EvaluationRequest")
Product = get_model("catalogue", "Product")

# Mid-December (out of the lychee season), the season's height, and early spring.
LOAD_DAYS = [datetime.date(2026, 12, 15), datetime.date(2026, 6, 20), datetime.date(2027, 3, 1)]

INTERNAL_NOTE = re.compile(r"ghi chú nghiên cứu|research notes?|§", re.IGNORECASE)


def _season(expression: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The season of a `season:MM-DD..MM-DD` demo date, as ((month, day), (month, day))."""
    match = re.match(r"season:(\d\d)-(\d\d)\.\.(\d\d)-(\d\d)", expression)
    if not match:
        return None
    a, b, c, d = (int(group) for group in match.groups())
    return (a, b), (c, d)


@pytest.fixture(params=LOAD_DAYS, ids=lambda day: day.isoformat())
def loaded_on(request, run_command):
    """The demo loaded at ten in the morning (Vietnam time) of the day; the clock stays there."""
    day = request.param
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=VIETNAM), tick=False):
        run_command("load_demo_data", verbosity=0)
        yield day


def _lots_agree(today):
    now = timezone.now()
    seasonal = 0
    for trace in TRACES:
        product = Product.objects.get(upc=upc(trace.sku))
        lots = list(Lot.objects.published().filter(product=product).order_by("-produced_on", "-pk"))
        assert len(lots) >= len(trace.lots), trace.sku
        seasons = {_season(lot.produced) for lot in trace.lots}
        for lot in lots:
            assert lot.produced_on <= today, (trace.sku, lot.code, "harvested in the future")
            assert lot.packed_on is None or lot.produced_on <= lot.packed_on <= today, (trace.sku, lot.code)
            assert lot.expires_on is None or lot.expires_on >= lot.produced_on, (trace.sku, lot.code)
        events = TraceEvent.objects.filter(lot__in=lots)
        assert not events.filter(event_time__gt=now).exists(), (trace.sku, "a step in the future")
        assert not Inspection.objects.filter(lot__in=lots, inspected_on__gt=today).exists(), trace.sku
        current = lots[0]
        usable = current.expires_on is None or current.expires_on >= today
        if seasons == {None}:
            # Made or kept all year: the product's latest lot is on sale whatever the day.
            assert usable, (trace.sku, current.code, current.expires_on, "expired lot shown as current")
            continue
        seasonal += 1
        ((start, end),) = seasons
        for lot in lots:
            assert season_running(start, end, lot.produced_on), (
                trace.sku,
                lot.code,
                "harvested out of season",
            )
        if season_running(start, end, today):
            assert usable, (trace.sku, current.code, "in season, its latest lot must be fresh")
        else:
            # Out of season every lot has expired: the shop says out of season, none is current.
            assert all(lot.expires_on and lot.expires_on < today for lot in lots), (trace.sku, today)
    assert seasonal >= 2
    # The shop's own reading (traceability.selectors): it holds exactly the seasonal products
    # out of season, and every product made all year stays on sale.
    expected = {
        Product.objects.get(upc=upc(trace.sku)).pk
        for trace in TRACES
        if any((season := _season(lot.produced)) and not season_running(*season, today) for lot in trace.lots)
    }
    assert products_lots_all_expired(on=today) == expected


def _seasons_agree(today):
    """Every demo lot of a product with harvest windows was harvested inside one of them, and
    the shop holds exactly the products with windows out of season (issue 19)."""
    windowed = set()
    for product_id, found in spans(years=[today.year - 1, today.year]).items():
        windowed.add(product_id)
        for lot in Lot.objects.published().filter(product_id=product_id):
            assert any(span.runs_on(lot.produced_on) for span in found), (
                lot.code,
                "harvested out of its windows",
            )
    assert {upc(window["sku"]) for window in season_windows()} == set(
        Product.objects.filter(pk__in=windowed).values_list("upc", flat=True)
    )
    running = set(seasons_running(on=today))
    held = {pk for pk, hold in sale_holds_on(today).items() if hold.code == "out-of-season"}
    assert windowed - running <= held
    assert not running & set(season_product_holds(today))
    # The harvest calendar page, in the menu, in both languages, lists the lychee.
    calendar = HarvestCalendarPage.objects.live().filter(show_in_menus=True)
    assert {page.locale.language_code for page in calendar} == {"vi", "en"}
    for page in calendar:
        with translation.override(page.locale.language_code):
            html = Client().get(page.url).content.decode()
        assert ("Vải thiều Lục Ngạn" if page.locale.language_code == "vi" else "Lục Ngạn lychees") in html


def _certificates_agree(today):
    demo = Certificate.objects.filter(decision_number__endswith="/QĐ-MINHHOA").select_related("product")
    assert demo.count() == 26
    for certificate in demo:
        decided = certificate.decision_date
        assert decided <= today
        assert certificate.valid_to >= today, (certificate.product.title, "an expired badge")
        expected = {
            IssuerLevel.CENTRAL: ministry_name_on(decided),
            IssuerLevel.PROVINCE: "UBND tỉnh Bắc Giang"
            if decided < DISTRICTS_ABOLISHED
            else "UBND tỉnh Bắc Ninh",
        }.get(certificate.issuer_level)
        if expected:
            assert certificate.issuer_name == expected, (certificate.product.title, decided)
        else:
            assert decided < DISTRICTS_ABOLISHED
            assert re.fullmatch(r"UBND (huyện|thị xã|thành phố) .+", certificate.issuer_name)
        if certificate.issuer_level == IssuerLevel.CENTRAL or decided >= DISTRICTS_ABOLISHED:
            assert "huyện" not in certificate.issuer_name
    within = {
        days: demo.filter(valid_to__lte=today + datetime.timedelta(days=days)).count() for days in (30, 90)
    }
    assert within[30] >= 1
    assert within[90] > within[30]
    requests = EvaluationRequest.objects.filter(status=EvaluationRequest.Status.PENDING)
    assert requests.count() == 2, "the office's queue shows evaluation requests"
    for request in requests.select_related("certificate"):
        assert request.submitted_at <= timezone.now()
        assert request.certificate.valid_from <= request.submitted_at.astimezone(VIETNAM).date()


def _news_agrees(today):
    articles = {article["slug"]: article for article in data_file("pages")["news"]["articles"]}
    for page in NewsArticlePage.objects.filter(slug__in=articles):
        assert page.date <= today, page.title
        if "season" in articles[page.slug]:
            start, end = _season(f"season:{articles[page.slug]['season']}")
            assert season_running(start, end, page.date), (page.title, page.date)
        if re.search(r"vào vụ|thu hoạch|harvest", page.title, re.IGNORECASE) and "vải" in page.title:
            assert page.date.month in (5, 6), (page.title, page.date)
    campaign = CampaignPage.objects.get(slug="mua-vai-thieu-luc-ngan")
    assert campaign.starts_on <= today and campaign.starts_on.month == 5
    assert str(campaign.starts_on.year) in campaign.title
    assert not re.search(r"20\d\d", campaign.title.replace(str(campaign.starts_on.year), ""))


def _fairs_agree(today):
    fairs = {
        fair.slug: fair for fair in FairPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    upcoming, past = fairs["hoi-cho-ocop-bac-giang"], fairs["tuan-le-vai-thieu-va-ocop-luc-ngan"]
    assert upcoming.starts_on > today and upcoming.applications_open(today=today)
    assert str(upcoming.starts_on.year) in upcoming.title
    assert past.ends_on < today
    assert season_running((5, 15), (7, 31), past.starts_on), "the lychee week is held in the lychee season"
    now = timezone.now()
    for application in BoothApplication.objects.filter(fair=past):
        assert application.status == ApplicationStatus.APPROVED
        assert application.submitted_at <= application.reviewed_at
        assert application.reviewed_at.astimezone(VIETNAM).date() <= past.starts_on
    waiting = BoothApplication.objects.filter(fair=upcoming, status=ApplicationStatus.PENDING)
    assert waiting.count() == 2, "the office's queue shows applications to the coming fair"
    assert all(application.submitted_at <= now for application in waiting)
    assert not BoothApplication.objects.filter(fair=past, status=ApplicationStatus.PENDING).exists()


def _inquiries_agree():
    now = timezone.now()
    assert Inquiry.objects.exists()
    assert not Inquiry.objects.filter(created__gt=now).exists()
    assert not InquiryReply.objects.filter(created__gt=now).exists()
    lychee = Inquiry.objects.get(email="kenji.sato@sato-fresh.example")
    assert lychee.created.astimezone(VIETNAM).month == 4, "asked before the season it asks about"


def _text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices
    ]


def _internal_notes() -> list[str]:
    """Every row of our apps' models (and the pages' texts) holding a research note."""
    found = []
    ours = [config for config in apps.get_app_configs() if config.path.startswith(str(settings.BASE_DIR))]
    for config in ours:
        for model in config.get_models():
            if not model._meta.managed or model._meta.proxy:
                continue  # database views and proxies: their tables' models are searched
            fields = _text_fields(model)
            if not fields:
                continue
            query = Q()
            for name in fields:
                query |= Q(**{f"{name}__icontains": "ghi chú nghiên cứu"}) | Q(**{f"{name}__contains": "§"})
            found += [
                f"{model._meta.label} {pk}" for pk in model.objects.filter(query).values_list("pk", flat=True)
            ]
    for page in Page.objects.specific():
        text = " ".join(
            field.value_to_string(page)
            for field in page._meta.concrete_fields
            if field.get_internal_type() in ("CharField", "TextField")
            or field.__class__.__name__ == "StreamField"
        )
        if INTERNAL_NOTE.search(text):
            found.append(f"page {page.url_path}")
    return found


def test_the_demo_agrees_with_the_day_it_is_loaded(loaded_on, client, superuser):
    today = loaded_on
    _lots_agree(today)
    _seasons_agree(today)
    _certificates_agree(today)
    _news_agrees(today)
    _fairs_agree(today)
    _inquiries_agree()
    assert _internal_notes() == []

    client.force_login(superuser)
    figures = client.get(reverse("programme-dashboard:figures"), HTTP_ACCEPT_LANGUAGE="vi")
    assert figures.status_code == 200
    assert not INTERNAL_NOTE.search(figures.content.decode()), "an internal note on the programme figures"


def test_a_database_loaded_in_december_and_again_in_june(run_command, superuser):
    """The issue's case: in December the lychee's lots have all expired. Loaded again in June,
    the same database gets no new lot (nothing is created twice: its old lots stay expired),
    while the news nobody edited moves to its season's latest passing; one staff edited stays."""
    lychee = upc("vai-thieu-luc-ngan-2kg")
    december = datetime.datetime(2026, 12, 15, 10, tzinfo=VIETNAM)
    with time_machine.travel(december, tick=False):
        run_command("load_demo_data", verbosity=0)
        lots = Lot.objects.published().filter(product__upc=lychee)
        assert lots.exists()
        assert not lots.filter(expires_on__gte=december.date()).exists()
        assert all(lot.produced_on.month in (5, 6, 7) for lot in lots)
        harvest = NewsArticlePage.objects.get(slug="vai-thieu-luc-ngan-vao-vu", locale__language_code="vi")
        assert harvest.date == datetime.date(2026, 5, 28)
        edited = NewsArticlePage.objects.get(slug="bac-giang-danh-gia-san-pham-ocop-dot-1")
        edited.save_revision(user=superuser).publish()
    june = datetime.datetime(2027, 6, 20, 10, tzinfo=VIETNAM)
    with time_machine.travel(june, tick=False):
        lot_count = Lot.objects.count()
        output = run_command("load_demo_data")
        # The harvest news and the honey news (21 days before the load day) are dated again.
        assert re.search(r"Promotion pages \.+ 2 created", output)
        assert Lot.objects.count() == lot_count
        assert not Lot.objects.filter(product__upc=lychee, expires_on__gte=june.date()).exists()
        assert {
            page.date for page in NewsArticlePage.objects.filter(translation_key=harvest.translation_key)
        } == {datetime.date(2027, 5, 28)}
        assert NewsArticlePage.objects.get(pk=edited.pk).date == datetime.date(2026, 7, 15)
        harvest.refresh_from_db()
        assert harvest.latest_revision.as_object().date == datetime.date(2027, 5, 28)


def test_on_the_season_s_second_day_the_lychee_s_latest_lot_is_fresh(run_command):
    day = datetime.date(2026, 5, 29)
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(10), tzinfo=VIETNAM), tick=False):
        run_command("load_demo_data", verbosity=0)
        lots = Lot.objects.published().filter(product__upc=upc("vai-thieu-luc-ngan-2kg"))
        latest = lots.first()
        assert latest.produced_on <= day <= latest.expires_on
        # Neither lot was picked before the season opened on 28 May.
        assert {lot.produced_on for lot in lots} == {datetime.date(2026, 5, 28)}
        assert date_from("season:05-28..07-10", today=day) == day


def test_no_translation_or_programme_source_carries_a_research_note():
    """The programme figures page once read "(ghi chú nghiên cứu, §2.1)": our messages and the
    figures' sources cite public documents, never the team's research notes."""
    locale = settings.BASE_DIR / "marketplace" / "locale"
    for po in locale.glob("*/LC_MESSAGES/django.po"):
        msgstrs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n((?:".*"\n)*)', po.read_text(), re.M)
        for first, rest in msgstrs:
            assert not INTERNAL_NOTE.search(first + rest), (po, first + rest)
    sources = [total.source for total in REPORTED_TOTALS.values()]
    sources += [target.source + str(target.note) for target in TARGETS.values()]
    assert sources and not any(INTERNAL_NOTE.search(source) or "research" in source for source in sources)
