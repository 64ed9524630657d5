"""English versions of the demo's Wagtail pages: the news with its articles, the campaign, the
programme page, the producer story, the fair list and the fairs, the training course list and
the courses, the harvest calendar, each a translation of its Vietnamese page under the English
home page, with the English text of the data files (`data/pages.toml`, `data/fairs.toml`,
`data/training.toml`, `data/seasons.toml`: a key `name_en` beside `name`).

A page is copied the way Wagtail's "Translate" action (`wagtail.contrib.simple_translation`)
copies it, `Page.copy_for_translation`: the copy keeps the page's translation key, its dates,
products, producer and booth types, and goes under the English version of its parent. Its
words are then written in English and it is published. The English pages have English
addresses (`/en/news/...`): they are read by buyers abroad and found by English searches, and
the versions are tied by their translation key, not by their slugs.

A page already translated (by this step or by staff) is left alone, and a Vietnamese page
staff deleted gets no English one; so the step can run any number of times, and a database
loaded before it gets the English pages added.
"""

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page

from demo.fairs import FAIRS, FAIRS_EN
from demo.pages import PAGES, PAGES_EN, child_page, dated_title, demo_home, page_body, page_slugs
from demo.seasons import CALENDAR_EN, calendar_page
from demo.training import TRAINING, TRAINING_EN
from fairs.models import FairIndexPage, FairPage
from training.models import CoursePage, TrainingIndexPage

# The fields of a page that hold words, besides its title and slug.
TEXT_FIELDS = ("intro", "author_name", "venue_name", "venue_address", "organiser", "topic", "summary")
# Wagtail's promote tab: empty on the English pages unless the data file has them, so that
# the English page describes itself with its English introduction (`cms.seo.SeoMixin`).
SEO_FIELDS = ("seo_title", "search_description")


def _translated(page: Page, locale: Locale, english: dict) -> bool:
    """Whether the English version of `page` was made now (False: it was already there)."""
    if page.get_translation_or_none(locale) is not None:
        return False
    translation = page.specific.copy_for_translation(locale)
    translation.title = translation.draft_title = dated_title(
        english["title"], getattr(translation, "starts_on", None)
    )
    translation.slug = find_available_slug(
        translation.get_parent(), english["slug"], ignore_page_id=translation.pk
    )
    for field in (*TEXT_FIELDS, "body"):
        if field in english:
            setattr(translation, field, english[field])
    for field in SEO_FIELDS:
        setattr(translation, field, english.get(field, ""))
    if "tags" in english:
        translation.tags.set(english["tags"])
    if "booth_types" in english:
        booth_types = list(translation.booth_types.all().order_by("sort_order", "pk"))
        for booth_type, words in zip(booth_types, english["booth_types"], strict=False):
            booth_type.name = words["name"]
            booth_type.description = words.get("description", "")
        translation.booth_types = booth_types
    translation.save_revision().publish()
    return True


def _promotion_pages(home: Page) -> list[tuple[Page | None, dict]]:
    """[(Vietnamese page or None, its English)] of `data/pages.toml`, parents first."""
    news, news_en = PAGES["news"], PAGES_EN["news"]
    note = PAGES_EN["demo_note"]
    index = child_page(home, news["index"]["slug"])
    pages = [(index, news_en["index"])]
    for article, english in zip(news["articles"], news_en["articles"], strict=True):
        english = {
            **english,
            "author_name": news_en["author_name"],
            "body": [("paragraph", english["body"] + note)],
        }
        pages.append((index and child_page(index, article["slug"]), english))
    for record, english in zip(PAGES["pages"], PAGES_EN["pages"], strict=True):
        english = {**english, "body": page_body(english["body"], demo_note=note)}
        pages.append((child_page(home, page_slugs(record)), english))
    return pages


def _fair_pages(home: Page) -> list[tuple[Page | None, dict]]:
    """[(Vietnamese page or None, its English)] of `data/fairs.toml`, the list first."""
    index = FairIndexPage.objects.child_of(home).first()
    pages = [(index, FAIRS_EN["index"])]
    for record, english in zip(FAIRS["fairs"], FAIRS_EN["fairs"], strict=True):
        fair = index and FairPage.objects.child_of(index).filter(slug__in=page_slugs(record)).first()
        pages.append((fair, english))
    return pages


def _training_pages(home: Page) -> list[tuple[Page | None, dict]]:
    """[(Vietnamese page or None, its English)] of `data/training.toml`, the list first."""
    index = TrainingIndexPage.objects.child_of(home).first()
    pages = [(index, TRAINING_EN["index"])]
    for record, english in zip(TRAINING["courses"], TRAINING_EN["courses"], strict=True):
        course = index and CoursePage.objects.child_of(index).filter(slug=record["slug"]).first()
        pages.append((course, english))
    return pages


def english_pages() -> tuple[int, int]:
    """The English versions of the demo pages: (created, already there), counted in pages."""
    home = demo_home()
    locale = Locale.objects.filter(language_code="en").first()
    if home is None or locale is None or home.get_translation_or_none(locale) is None:
        return 0, 0
    created = existing = 0
    calendar = [(calendar_page(home), CALENDAR_EN)]
    for page, english in _promotion_pages(home) + _fair_pages(home) + _training_pages(home) + calendar:
        if page is None:
            continue
        if _translated(page, locale, english):
            created += 1
        else:
            existing += 1
    return created, existing
