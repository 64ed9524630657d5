"""`{% load visits %}{% visit_sessions product %}`: the product page's block of a visit's
sessions to come (places left, price, guide's language, a link to book), with its schema.org
`TouristTrip` JSON-LD. Nothing for a product that never had a session."""

from django import template
from django.template.loader import render_to_string

from core.jsonld import json_ld_script
from core.localized import localized
from visits import selectors
from visits.structured_data import trip_structured

register = template.Library()


@register.simple_tag(takes_context=True)
def visit_sessions(context, product):
    request = context.get("request")
    if product is None or request is None or not selectors.product_has_sessions(product):
        return ""
    sessions = selectors.sessions_upcoming(product=product)
    for session in sessions:
        session.when = selectors.moment_text(session.starts_at)
    producer = selectors.product_partner(product)
    trip = trip_structured(
        product=product,
        product_url=request.build_absolute_uri(product.get_absolute_url()),
        sessions=sessions,
        session_url=lambda s: request.build_absolute_uri(selectors.book_url(s)),
        producer_name=localized(producer, "name").text if producer else "",
    )
    return render_to_string(
        "visits/partials/sessions.html",
        {"sessions": sessions, "product": product, "json_ld": json_ld_script(trip)},
        request=request,
    )
