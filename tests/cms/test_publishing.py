"""Moderation and scheduled publishing: nothing reaches the public before it is approved and
its time has come; unpublished pages answer 404 and stay out of the site's page search."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Workflow

from cms.models import NewsArticlePage, StandardPage
from search.selectors import page_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("moderator", "moderator@ocop.localhost", "pw")


def test_the_moderators_approval_workflow_covers_every_promotion_page(home, news_index):
    workflow = Workflow.objects.get(name="Duyệt nội dung")
    page = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=page)
    article = NewsArticlePage(title="Tin", slug="tin", intro="Tin.")
    news_index.add_child(instance=article)

    assert workflow.active
    assert page.get_workflow() == workflow
    assert article.get_workflow() == workflow
    assert home.get_workflow() == workflow


def test_a_page_submitted_for_moderation_goes_live_only_when_approved(client, home, editor):
    page = StandardPage(title="Điều khoản", slug="dieu-khoan", intro="Điều khoản sử dụng.", live=False)
    home.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)

    before = client.get("/dieu-khoan/")
    page.refresh_from_db()
    assert page.live is False and before.status_code == 404

    page.current_workflow_task_state.approve(user=editor)

    page.refresh_from_db()
    assert page.live is True
    assert client.get("/dieu-khoan/").status_code == 200


def test_a_rejected_page_stays_unpublished(client, home, editor):
    page = StandardPage(title="Điều khoản", slug="dieu-khoan", live=False)
    home.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)

    page.current_workflow_task_state.reject(user=editor)

    page.refresh_from_db()
    assert page.live is False
    assert client.get("/dieu-khoan/").status_code == 404


def test_a_page_scheduled_for_later_goes_live_when_publish_scheduled_runs(client, home, editor):
    now = timezone.now()
    page = StandardPage(title="Mùa vải", slug="mua-vai", live=False)
    home.add_child(instance=page)
    page.go_live_at = now + datetime.timedelta(days=2)
    page.save_revision(user=editor).publish(user=editor)

    page.refresh_from_db()
    assert page.live is False
    assert client.get("/mua-vai/").status_code == 404

    with time_machine.travel(now + datetime.timedelta(days=1)):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).live is False

    with time_machine.travel(now + datetime.timedelta(days=3)):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=page.pk).live is True
    assert client.get("/mua-vai/").status_code == 200


def test_unpublished_pages_answer_404_and_stay_out_of_page_search(
    client, home, news_index, make_article, committed
):
    with committed():
        shown = make_article("Vải thiều chín sớm", date=datetime.date(2026, 5, 1), slug="vai-chin-som")
        hidden = make_article("Vải thiều bản nháp", date=datetime.date(2026, 5, 2), slug="vai-ban-nhap")
        hidden.unpublish()
        draft = StandardPage(title="Vải thiều chưa duyệt", slug="chua-duyet", live=False)
        home.add_child(instance=draft)

    found = [page.pk for page in page_search(text="Vải thiều")]

    assert client.get(hidden.url).status_code == 404
    assert client.get("/chua-duyet/").status_code == 404
    assert shown.pk in found
    assert hidden.pk not in found and draft.pk not in found


def test_a_scheduled_article_is_not_in_the_news_or_the_feeds(client, news_index, editor):
    now = timezone.now()
    article = NewsArticlePage(title="Tin sắp đăng", slug="tin-sap-dang", intro="Sắp.", live=False)
    news_index.add_child(instance=article)
    article.go_live_at = now + datetime.timedelta(days=1)
    article.save_revision(user=editor).publish(user=editor)

    assert "Tin sắp đăng" not in client.get(news_index.url).content.decode()
    assert "Tin sắp đăng" not in client.get(news_index.url + "rss/").content.decode()
