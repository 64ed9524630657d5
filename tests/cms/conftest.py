import datetime

import pytest
from wagtail.models import Locale

from cms.models import HomePage
from tests.cms.factories import NewsArticlePageFactory, NewsIndexPageFactory


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
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def make_article(news_index):
    def make(title, *, date, slug=None, parent=None, **fields):
        if slug is not None:
            fields["slug"] = slug
        return NewsArticlePageFactory(title=title, date=date, parent=parent or news_index, **fields)

    return make


DAY = datetime.timedelta(days=1)
