import oscar.apps.search.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, replaced by the marketplace's own search layer.

    Oscar's catalogue and category pages are served from `search.views`, so browsing
    and searching share one code path.
    """

    name = "search"

    def ready(self):
        super().ready()
        self.suggestions_view = get_class("search.views", "SuggestionsView")
        from . import signals  # noqa: F401

    def get_urls(self):
        return super().get_urls() + self.post_process_urls(
            [path("suggestions/", self.suggestions_view.as_view(), name="suggestions")]
        )
