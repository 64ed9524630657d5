"""`{% product_grid results as grid %}`: a listing page's product cards, from the cache
(`catalog.cards`) or rendered by `marketplace/partials/product_grid.html`; "" when the page
has no products. `{% product_group_links as groups %}`: the product groups of the site's
navigation, each with `name`, `url` and `lang` (the language its name fell back to, for a
`lang` attribute), from the cache."""

from django import template
from django.utils.safestring import mark_safe

from catalog import cards

register = template.Library()

GRID_TEMPLATE = "marketplace/partials/product_grid.html"


@register.simple_tag(takes_context=True)
def product_grid(context, results):
    request = context.get("request")
    if request is None or results is None:
        return _render(context, results.products if results is not None else [])
    # A page shared through nginx's cache (marketplace/page_cache.py) carries no token and must
    # not make one: its grid is stored apart, with the empty fields the deferring tag writes.
    deferred = getattr(request, "csrf_deferred", False)
    token = None if deferred else context.get("csrf_token")
    if not deferred and token in (None, "", "NOTPROVIDED"):
        return _render(context, results.products)
    key = cards.grid_key(request, results.hits, deferred=deferred)
    html = cards.grid_cached(key)
    if html is None:
        with context.push(csrf_token=cards.CSRF_MARKER):
            html = _render(context, results.products)
        cards.grid_store(key, str(html))
    if deferred:
        return mark_safe(html)  # noqa: S308  our own rendered HTML
    return mark_safe(html.replace(cards.CSRF_MARKER, str(token)))  # noqa: S308  likewise


def _render(context, products):
    with context.push(products=products):
        html = context.template.engine.get_template(GRID_TEMPLATE).render(context)
    return mark_safe(html) if html.strip() else ""  # noqa: S308  rendered by the template engine


@register.simple_tag
def product_group_links():
    return cards.product_group_link_list()
