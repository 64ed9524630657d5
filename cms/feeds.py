"""RSS and Atom feeds of a news list, served by the list's own routes (`rss/`, `atom/`)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """The newest articles of one news list, in the list's language."""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return kwargs["index"]

    def title(self, index):
        site = index.get_site()
        return f"{index.title} | {site.site_name}" if site and site.site_name else index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.intro or index.title

    def feed_url(self, index):
        """The feed's own address on the site's host, whatever host the request came by."""
        site = index.get_site()
        return site.root_url + self.request.path if site else self.request.build_absolute_uri()

    def items(self, index):
        return index.articles()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.intro

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return datetime.datetime.combine(
            article.date, datetime.time(), tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)

    def item_author_name(self, article):
        return article.author_name or None

    def item_categories(self, article):
        return [category.name for category in article.categories.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
