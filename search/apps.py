import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, replaced by the marketplace's own search layer.

    Oscar's catalogue and category pages are served from `search.views`, so browsing
    and searching share one code path.
    """

    name = "search"
