import datetime

import pytest
from wagtail.models import Locale

from cms.models import HomePage, NewsArticlePage, NewsIndexPage


@pytest.fixture(autouse=True)
def offline_embeds(settings):
    """No test reaches a video provider: every embed look-up fails as if it were offline."""
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.cms.embed_finders.OfflineFinder"}]


@pytest.fixture
def home(db):
    return HomePage.objects.get(locale__language_code="vi", depth=2)


@pytest.fixture
def home_en(home):
    locale, _ = Locale.objects.get_or_create(language_code="en")
    translation = home.get_translation_or_none(locale)
    if translation is None:
        translation = home.copy_for_translation(locale)
        translation.save_revision().publish()
    return translation.specific


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@ocop.localhost", "pw")
    client.force_login(user)
    return client


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def news_index(home):
    return publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc", intro="Tin OCOP."))


@pytest.fixture
def make_article(news_index):
    def make(title, *, date, slug=None, parent=None, **fields):
        page = NewsArticlePage(
            title=title,
            slug=slug or f"bai-{date:%Y%m%d}-{title[:3].lower()}",
            date=date,
            intro=f"Tóm tắt {title}.",
            **fields,
        )
        return publish(parent or news_index, page)

    return make


DAY = datetime.timedelta(days=1)
