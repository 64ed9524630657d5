"""Demo promotion pages (`data/pages.toml`): news with its articles, a campaign, the programme
page and a producer story, in Vietnamese under the Vietnamese home page (their English
versions are `demo.english`'s).

Pages are found by slug under the home page and created only when missing, so the step can
run again without touching what staff have edited; a news item nobody has edited is dated again
when its demo date has moved (a load in another season). Their dates are demo dates (`demo.dates`):
a news item about a season is dated in that season's last passing, a campaign runs over the
last lychee season, and a title's `{year}` is the year its page starts.
"""

import datetime

from oscar.core.loading import get_model
from wagtail.models import Page, Site

from cms.models import (
    CampaignPage,
    HomePage,
    NewsArticlePage,
    NewsArticleRelatedProduct,
    NewsCategory,
    NewsIndexPage,
    ProducerStoryPage,
    ProgrammePage,
)
from core.clock import vietnam_today
from demo.dates import date_from, date_from_record
from demo.products import upc
from demo.records import data_file, in_english, in_vietnamese

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

PAGES = in_vietnamese(data_file("pages"))
PAGES_EN = in_english(data_file("pages"))
PAGE_TYPES = {"campaign": CampaignPage, "programme": ProgrammePage, "producer_story": ProducerStoryPage}


def demo_home() -> HomePage | None:
    """The default site's home page (the Vietnamese one), if it is a home page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    return root if isinstance(root, HomePage) else None


def page_slugs(record: dict) -> list[str]:
    """A page's slug and those it had in earlier demo data (`former_slugs`): a database loaded
    before keeps its page rather than getting a second one."""
    return [record["slug"], *record.get("former_slugs", ())]


def child_page(parent: Page, slug: str | list[str]) -> Page | None:
    return parent.get_children().filter(slug__in=[slug] if isinstance(slug, str) else slug).first()


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def dated_title(title: str, day: datetime.date | None) -> str:
    """A data file's title with `{year}` as the year of `day` (a fair's or campaign's start)."""
    return title.replace("{year}", str(day.year)) if day else title


def schedule(record: dict, *, today: datetime.date) -> dict:
    """A dated page's `starts` (a demo date) and `days` as its `starts_on` and `ends_on`."""
    if "starts" not in record:
        return {}
    starts_on = date_from(record["starts"], today=today)
    return {"starts_on": starts_on, "ends_on": starts_on + datetime.timedelta(days=record["days"])}


def demo_products(skus: list[str]) -> list:
    """The demo products of these SKUs that are there, in that order."""
    products = Product.objects.in_bulk([upc(sku) for sku in skus], field_name="upc")
    return [products[upc(sku)] for sku in skus if upc(sku) in products]


def page_body(blocks: list[dict], *, demo_note: str) -> list[tuple[str, object]]:
    """A StreamField value from the data file's blocks (in one language): a paragraph may end
    with the demo note, a products block names its products by SKU."""
    body = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "paragraph" and block.get("demo_note"):
            value += demo_note
        elif block["type"] == "products":
            value = {**value, "products": demo_products(value["products"])}
        body.append((block["type"], value))
    return body


def _article_redated(article: Page, day: datetime.date) -> int:
    """1 when a demo article that nobody has edited (no version has a revision by a user: the
    loaders save theirs as nobody) was dated otherwise, by an earlier load or an earlier
    version of the data file, and is now dated `day` in every language; else 0. So a database
    loaded in June and loaded again in November does not say in November that the harvest
    is starting."""
    versions = list(NewsArticlePage.objects.filter(translation_key=article.translation_key))
    if all(version.date == day for version in versions):
        return 0
    if any(version.revisions.exclude(user=None).exists() for version in versions):
        return 0  # staff edited it: their page
    for version in versions:
        NewsArticlePage.objects.filter(pk=version.pk).update(date=day)
        revision = version.latest_revision
        if revision is not None:
            revision.content["date"] = day.isoformat()
            revision.save(update_fields=["content"])
    return 1


def _news(home: HomePage) -> int:
    news = PAGES["news"]
    index = child_page(home, news["index"]["slug"])
    created = 0
    if index is None:
        index = _publish(home, NewsIndexPage(**news["index"]))
        created += 1
    index = index.specific
    categories = {}
    for category in news["categories"]:
        categories[category["slug"]], _ = NewsCategory.objects.get_or_create(
            slug=category["slug"], defaults={"name": category["name"]}
        )
    today = vietnam_today()
    for data in news["articles"]:
        day = date_from_record(data, "date", today=today)
        found = child_page(index, data["slug"])
        if found is not None:
            created += _article_redated(found, day)
            continue
        article = NewsArticlePage(
            title=data["title"],
            slug=data["slug"],
            date=day,
            author_name=news["author_name"],
            intro=data["intro"],
        )
        article.body = [("paragraph", data["body"] + PAGES["demo_note"])]
        article.categories = [categories[slug] for slug in data["categories"]]
        article.tags.add(*data["tags"])
        article.related_products = [
            NewsArticleRelatedProduct(product=product, sort_order=i)
            for i, product in enumerate(demo_products(data["products"]))
        ]
        _publish(index, article)
        created += 1
    return created


def _page(home: HomePage, record: dict) -> int:
    """One page of the `pages` list, unless it is there (or its producer is not)."""
    fields = {
        key: value
        for key, value in record.items()
        if key not in ("type", "body", "starts", "days", "former_slugs")
    }
    fields.update(schedule(record, today=vietnam_today()))
    fields["title"] = dated_title(fields["title"], fields.get("starts_on"))
    if "producer" in fields:
        fields["producer"] = Partner.objects.filter(code=fields["producer"]).first()
        if fields["producer"] is None:
            return 0
    if child_page(home, page_slugs(record)) is not None:
        return 0
    page = PAGE_TYPES[record["type"]](**fields)
    page.body = page_body(record["body"], demo_note=PAGES["demo_note"])
    _publish(home, page)
    return 1


def demo_pages() -> tuple[int, int]:
    """The demo promotion pages: (created or re-dated, already there) counted in pages."""
    home = demo_home()
    if home is None:
        return 0, 0
    total = 1 + len(PAGES["news"]["articles"]) + len(PAGES["pages"])
    created = _news(home) + sum(_page(home, record) for record in PAGES["pages"])
    return created, total - created
