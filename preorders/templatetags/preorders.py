"""`{% preorder_offer product %}`: the product page's "reserve for the next season" block,
shown when the product is out of season and its producer has an open book for the next one."""

from django import template

from preorders import selectors

register = template.Library()


@register.inclusion_tag("preorders/partials/offer.html")
def preorder_offer(product):
    book = selectors.book_offered(product=product) if product is not None and product.pk else None
    return {"book": book, "left": selectors.book_places_left(book) if book else 0}
