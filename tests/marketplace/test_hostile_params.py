"""Every public page answers malformed ids and parameters with 4xx (or ignores them), never 500.

An outsider's query string reaches the database and the search backends: quotes, huge and
negative numbers, digits from other scripts ("²" passes `str.isdigit()` and fails `int()`),
a NUL byte. Each is sent to each parameter of each public GET page, and in each id of a path.
"""

import pytest
from django.urls import reverse

from cms.models import HomePage
from tests.cms.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "'",
    '"',
    'a"',
    "a' OR '1'='1",
    "NEAR(",
    "*",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999999999",
    "1e9",
    "²",
    "١٢",
    "abc",
    "\x00",
    "%",
    "[]",
]

# A public page and the parameters it reads from the query string.
PAGES = [
    ("places:communes", ["province"]),
    ("inquiries:new", ["product", "producer", "fair"]),
    (
        "search:search",
        ["q", "page", "stars", "group", "locality", "producer", "price", "availability", "sort"],
    ),
    ("search:suggestions", ["q"]),
    ("catalogue:index", ["q", "page", "stars", "group", "price", "sort"]),
]

# Paths whose own segments are ids or codes, the hostile value written into them.
PATHS = [
    "/shop/catalogue/vai_{}/",
    "/shop/catalogue/category/nong-san_{}/",
    "/t/{}",
    "/t/{}/tt02.csv",
    "/t/{}/tt02.json",
    "/t/{}/epcis.jsonld",
    "/t/{}/qr.svg",
    "/01/{}/10/{}",
    "/trace/products/{}/epcis.jsonld",
    "/api/trace/{}",
    "/api/trace/01/{}/10/{}",
    "/shop/orders/status/{}/",
]


def answers(client, url, data=None):
    client.raise_request_exception = False
    response = client.get(url, data)
    return response.status_code


@pytest.mark.parametrize(("name", "params"), PAGES)
def test_public_pages_refuse_hostile_parameters_without_a_500(client, products, name, params):
    url = reverse(name)
    failures = [
        (param, value, status)
        for param in params
        for value in HOSTILE
        if (status := answers(client, url, {param: value})) >= 500
    ]
    assert failures == []


@pytest.mark.parametrize("template", PATHS)
def test_ids_in_paths_refuse_hostile_values_without_a_500(client, products, template):
    failures = []
    for value in HOSTILE:
        if "/" in value or value in ("\x00",):
            continue
        url = template.format(*[value] * template.count("{}"))
        if (status := answers(client, url)) >= 500:
            failures.append((url, status))
    assert failures == []


def test_the_news_list_refuses_hostile_parameters_without_a_500(client):
    news = NewsIndexPageFactory(parent=HomePage.objects.get(locale__language_code="vi", depth=2))
    failures = [
        (param, value, status)
        for param in ("page", "category", "tag")
        for value in HOSTILE
        if (status := answers(client, news.url, {param: value})) >= 500
    ]
    assert failures == []


def test_an_out_of_range_province_gives_no_communes(client):
    response = client.get(reverse("places:communes"), {"province": "99999999999999999999"})

    assert (response.status_code, response.json()) == (200, {"communes": []})


@pytest.mark.parametrize("fair", ["99999999999999999999", "²", "-1"])
def test_an_out_of_range_fair_is_not_found(client, products, fair):
    lychee, _honey = products

    response = client.get(reverse("inquiries:new"), {"product": lychee.pk, "fair": fair})

    assert response.status_code == 404
