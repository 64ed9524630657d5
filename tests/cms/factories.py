"""Wagtail pages, added under a parent page (treebeard keeps the tree) and published."""

import datetime

import factory

from cms.models import HomePage, NewsArticlePage, NewsIndexPage, StandardPage


def home_page() -> HomePage:
    """The Vietnamese home page, made by a migration."""
    return HomePage.objects.get(locale__language_code="vi", depth=2)


class PageFactory(factory.django.DjangoModelFactory):
    """`parent=` the page to add it under (the Vietnamese home page unless said);
    `publish=False` leaves it a draft, not live."""

    class Meta:
        abstract = True

    parent = factory.LazyFunction(home_page)
    publish = True

    @classmethod
    def _create(cls, model_class, *args, parent, publish, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Tin tức"
    slug = "tin-tuc"
    intro = "Tin OCOP."


class NewsArticlePageFactory(PageFactory):
    """An article dated today, its slug made of the date and the title's first letters."""

    class Meta:
        model = NewsArticlePage

    title = factory.Sequence(lambda n: f"Bài thử {n}")
    date = factory.LazyFunction(datetime.date.today)
    slug = factory.LazyAttribute(lambda page: f"bai-{page.date:%Y%m%d}-{page.title[:3].lower()}")
    intro = factory.LazyAttribute(lambda page: f"Tóm tắt {page.title}.")


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Trang thử {n}")
    slug = factory.Sequence(lambda n: f"trang-thu-{n}")
