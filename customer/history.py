from oscar.apps.customer import history


class CustomerHistoryManager(history.CustomerHistoryManager):
    """Oscar's "recently viewed products" cookie, not kept: no page of ours shows that list,
    and a product page that sets no cookie can be served from the page cache to everyone
    (marketplace/page_cache.py)."""

    @classmethod
    def update(cls, product, request, response):
        return None
