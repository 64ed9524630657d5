"""Virtual buyers: threads with a `requests.Session` each, browsing, searching and buying with
cash on delivery through the site's own forms, as a browser does; every request is a line of
the JSONL log.

Each visit (a browse, a search, a checkout) is a new visitor: a new session (cookies, CSRF
token, basket) from a new loopback address (127.x.y.z: connections come from all of
127.0.0.0/8 and go to 127.0.0.1 only), so that the site's per-address limits (5 orders an hour
from one connection, MARKETPLACE_CHECKOUT_RATE_LIMIT) count them as the different buyers they
stand for, as behind nginx with MARKETPLACE_TRUSTED_PROXIES=1 they do.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import requests
from requests.adapters import HTTPAdapter

from stackdrill import pages

TIMEOUT = 30  # seconds: nginx gives up on an instance after 60, on the next after 10 more
SEARCH_WORDS = ("vải thiều", "mỳ chũ", "mật ong", "gà đồi", "rượu", "chè", "nước mắm", "bánh", "vai thieu")
COD = "cod"
CSRF_FIELD = "csrfmiddlewaretoken"
CSRF_ISSUER_PATH = "/csrf-token/"  # marketplace/page_cache.py, what csrf-deferred.js asks
HOT_SHARE = 0.6  # of checkouts, for one of the scarce products


class Log:
    """The load's log: one JSON line per request, written by every buyer thread."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def write(self, **record) -> None:
        line = json.dumps(record, ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()


def log_read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


class _SourceAddressAdapter(HTTPAdapter):
    def __init__(self, source: str, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def loopback_address(rng: random.Random) -> str:
    return f"127.{rng.randint(1, 254)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


class Visitor:
    """One browser: its cookies, its address, and the log of what it asked."""

    def __init__(self, base_url: str, log: Log, *, buyer: str, rng: random.Random, source: str | None = None):
        self.base_url = base_url.rstrip("/") + "/"
        self.log = log
        self.buyer = buyer
        self.session = requests.Session()
        self.session.trust_env = False  # never a proxy from the environment: 127.0.0.1 only
        self.session.headers["User-Agent"] = "ocop-stackdrill/1"
        self.source = source or loopback_address(rng)
        adapter = _SourceAddressAdapter(self.source)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    def request(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        """One request, logged; None when the connection failed (logged as status 0)."""
        url = self.url(path)
        kwargs.setdefault("timeout", TIMEOUT)
        headers = kwargs.pop("headers", {})
        referer = kwargs.pop("referer", None)
        if referer:  # the page the form was on: Oscar sends the buyer back there
            headers["Referer"] = referer
        started = time.time()
        shown = requests.Request(method, url, params=kwargs.get("params")).prepare().url
        record = {
            "time": round(started, 3),
            "buyer": self.buyer,
            "kind": kind,
            "method": method,
            "url": shown,
        }
        try:
            response = self.session.request(method, url, headers=headers, **kwargs)
        except requests.RequestException as error:
            record.update(status=0, seconds=round(time.time() - started, 4), error=type(error).__name__)
            self.log.write(**record)
            return None
        record.update(status=response.status_code, seconds=round(time.time() - started, 4))
        if response.history:
            record["redirected_from"] = [hop.status_code for hop in response.history]
        if response.url != shown:
            record["final_url"] = response.url
        if kind == "search":
            record["fallback"] = pages.fallback_notice_shown(response.text)
        if kind == "thank-you":
            record["order"] = pages.order_number(response.text)
        self.log.write(**record)
        return response

    def submit(
        self, kind: str, page: requests.Response, form: pages.Form, data: dict
    ) -> requests.Response | None:
        """Post `form` of `page` with `data`, as its submit button does. A page from nginx's
        page cache has its CSRF field empty: first, as csrf-deferred.js does, the token."""
        if data.get(CSRF_FIELD) == "":
            accept = {"Accept": "application/json"}
            token = self.request("csrf-token", "GET", CSRF_ISSUER_PATH, headers=accept)
            if ok(token):
                data = dict(data, **{CSRF_FIELD: token.json().get("token", "")})
        return self.request(kind, "POST", urljoin(page.url, form.action), data=data, referer=page.url)

    def close(self) -> None:
        self.session.close()


@dataclass
class Catalogue:
    """What the buyers know of the shop: product page URLs, and the few to buy most."""

    product_urls: list[str]
    hot_urls: list[str] = field(default_factory=list)
    catalogue_pages: int = 1
    paths: dict[str, str] = field(default_factory=dict)


def ok(response: requests.Response | None) -> bool:
    return response is not None and response.status_code < 400


def failed(response: requests.Response | None) -> bool:
    return response is None or response.status_code >= 500


class CheckoutOutcome:
    PLACED = "placed"
    SOLD_OUT = "sold out"
    REFUSED = "refused"  # a page said no (the rate limit, a form error): not a failure of the stack
    FAILED = "failed"  # a 5xx or a broken connection left it unfinished
    SENT_BACK = "sent back"  # the checkout forgot a step the buyer had done: a session lost or stale


def checkout(
    visitor: Visitor, catalogue: Catalogue, rng: random.Random, *, product_url: str | None = None
) -> str:
    """A guest buys one product with cash on delivery, from its page to the thank-you page.
    The outcome, also logged (kind "checkout-end") with why and where it ended."""
    return checkout_end(visitor, _checkout(visitor, catalogue, rng, product_url))


def checkout_end(visitor: Visitor, ended: tuple) -> str:
    outcome, why, response = ended
    visitor.log.write(
        time=round(time.time(), 3),
        buyer=visitor.buyer,
        kind="checkout-end",
        outcome=outcome,
        why=why,
        at=response.url if response is not None else None,
        status=response.status_code if response is not None else 0,
    )
    return outcome


def _sent_back(response: requests.Response) -> bool:
    """On an earlier step of the checkout than the buyer has done: the address or the payment
    method, which the checkout keeps in the session, were forgotten."""
    return "/checkout/shipping-address/" in response.url or "/checkout/payment-method/" in response.url


def _stopped(response: requests.Response | None, why: str):
    outcome = CheckoutOutcome.FAILED if failed(response) else CheckoutOutcome.REFUSED
    return outcome, f"{why}: {response.status_code if response is not None else 'no answer'}", response


def _checkout(visitor: Visitor, catalogue: Catalogue, rng: random.Random, product_url: str | None):
    ended, address, form = checkout_to_payment(visitor, catalogue, rng, product_url)
    if ended is not None:
        return ended
    payment = visitor.submit("checkout-payment", address, form, dict(form.fields, method=COD))
    return checkout_finish(visitor, payment)


def checkout_to_payment(visitor: Visitor, catalogue: Catalogue, rng: random.Random, product_url: str | None):
    """From the product page to the payment method's page: (None, that page, its form), or
    the checkout's end (outcome, why, response) and None, None when it stopped before."""
    if product_url is None:  # most buyers want the scarce products: they compete for the last units
        hot = catalogue.hot_urls and rng.random() < HOT_SHARE
        product_url = rng.choice(catalogue.hot_urls if hot else catalogue.product_urls)
    page = visitor.request("product", "GET", product_url)
    if not ok(page):
        return _stopped(page, "product page"), None, None
    form = pages.form_posting_to(page.text, "/basket/add/")
    if form is None:
        return (CheckoutOutcome.SOLD_OUT, "no basket form on the product page", page), None, None
    data = dict(form.fields, quantity=str(rng.choice((1, 1, 1, 2))))
    added = visitor.submit("basket-add", page, form, data)
    if not ok(added):
        return _stopped(added, "adding to the basket"), None, None

    gateway = visitor.request("checkout", "GET", catalogue.paths["checkout"])
    if not ok(gateway):
        return _stopped(gateway, "checkout"), None, None
    if "/shipping-address/" not in gateway.url:
        form = pages.form_with_field(gateway.text, "options")
        if form is None and "/basket/" in gateway.url:
            why = "the checkout sent the buyer back to the basket (the product could not be added: sold out?)"
            return (CheckoutOutcome.REFUSED, why, gateway), None, None
        if form is None:
            return (CheckoutOutcome.REFUSED, "no guest form at the checkout", gateway), None, None
        email = f"drill-{visitor.buyer}-{rng.randrange(10**9)}@buyers.example"
        gateway = visitor.submit(
            "checkout-gateway", gateway, form, dict(form.fields, username=email, options="anonymous")
        )
        if not ok(gateway):
            return _stopped(gateway, "checking out as a guest"), None, None
    form = pages.form_with_field(gateway.text, "commune")
    if form is None and pages.form_with_field(gateway.text, "method") is not None:
        # Nothing in the basket to deliver (Oscar skips the address): straight to paying.
        return None, gateway, pages.form_with_field(gateway.text, "method")
    provinces = [value for value in form.selects.get("province", []) if value] if form else []
    if not provinces:
        return (CheckoutOutcome.REFUSED, "no address form with provinces", gateway), None, None
    province = rng.choice(provinces)
    communes = visitor.request("communes", "GET", catalogue.paths["communes"], params={"province": province})
    if not ok(communes):
        return _stopped(communes, "the province's communes"), None, None
    choices = communes.json().get("communes", [])
    if not choices:
        return (CheckoutOutcome.REFUSED, f"no commune in province {province}", communes), None, None
    data = dict(
        form.fields,
        last_name="Nguyễn Thị Hoa",
        # Its own mobile number (091, 094, 097, 098: Vinaphone and Viettel): the limit counts per phone too.
        phone_number=f"09{rng.choice('1478')}{rng.randrange(10**7):07d}",
        province=province,
        commune=str(rng.choice(choices)["id"]),
        line1=f"Số {rng.randint(1, 200)}, thôn Kép",
        notes="",
    )
    address = visitor.submit("checkout-address", gateway, form, data)
    if not ok(address):
        return _stopped(address, "the address"), None, None
    form = pages.form_with_field(address.text, "method")
    if form is None:
        errors = "; ".join(pages.form_errors(address.text)) or "no error shown"
        return (CheckoutOutcome.REFUSED, f"the address was refused: {errors}", address), None, None
    return None, address, form


def checkout_finish(visitor: Visitor, payment: requests.Response | None):
    """From the preview the payment method led to, to the thank-you page: (outcome, why, response)."""
    if not ok(payment):
        return _stopped(payment, "the payment method")
    if _sent_back(payment):
        return (
            CheckoutOutcome.SENT_BACK,
            "the preview sent the buyer back a step: the session forgot it",
            payment,
        )
    form = None
    for candidate in pages.forms(payment.text):
        if candidate.method == "post" and (
            ("action", "place_order") in candidate.submits or candidate.fields.get("action") == "place_order"
        ):
            form = candidate
    if form is None:
        return CheckoutOutcome.REFUSED, "no place-order form on the preview", payment
    data = dict(form.fields, action="place_order")
    placed = visitor.submit("checkout-place", payment, form, data)
    if failed(placed):
        # As a buyer would: wait a moment and press again. The checkout finds the basket
        # already placed (and shows its thank-you page) or places it now.
        time.sleep(1.0)
        placed = visitor.submit("checkout-place-again", payment, form, data)
        if failed(placed):
            return _stopped(placed, "placing the order, twice")
    if "/checkout/thank-you/" in placed.url:
        # requests followed the redirect: the thank-you page is logged under its own kind.
        number = pages.order_number(placed.text)
        visitor.log.write(
            time=round(time.time(), 3),
            buyer=visitor.buyer,
            kind="thank-you",
            method="GET",
            url=placed.url,
            status=placed.status_code,
            seconds=0.0,
            order=number,
            followed=True,
        )
        if number:
            return CheckoutOutcome.PLACED, f"order {number}", placed
        return CheckoutOutcome.FAILED, "a thank-you page without an order number", placed
    if _sent_back(placed):
        return CheckoutOutcome.SENT_BACK, "placing sent the buyer back a step: the session forgot it", placed
    if "/basket/" in placed.url:
        return (
            CheckoutOutcome.SOLD_OUT,
            "sent back to the basket: the last units went to another buyer",
            placed,
        )
    errors = "; ".join(pages.form_errors(placed.text)) or "no error shown"
    return CheckoutOutcome.REFUSED, f"placing the order ended on {placed.url}: {errors}", placed


def browse(visitor: Visitor, catalogue: Catalogue, rng: random.Random) -> None:
    visitor.request("home", "GET", "/")
    page = rng.randint(1, max(1, catalogue.catalogue_pages))
    visitor.request(
        "catalogue", "GET", catalogue.paths["catalogue"], params={"page": page} if page > 1 else None
    )
    for url in rng.sample(catalogue.product_urls, k=min(2, len(catalogue.product_urls))):
        visitor.request("product", "GET", url)


def search(visitor: Visitor, catalogue: Catalogue, rng: random.Random) -> None:
    visitor.request("search", "GET", catalogue.paths["search"], params={"q": rng.choice(SEARCH_WORDS)})


@dataclass
class Mix:
    browse: float = 0.5
    search: float = 0.25
    checkout: float = 0.25
    think: tuple[float, float] = (0.05, 0.4)  # seconds between two visits


class Buyer(threading.Thread):
    """One virtual buyer: visits, one after the other, until told to stop."""

    def __init__(
        self,
        index: int,
        *,
        base_url: str,
        log: Log,
        catalogue: Catalogue,
        stop: threading.Event,
        mix: Mix,
        seed: int,
        outcomes: Callable[[str], None],
    ):
        super().__init__(name=f"buyer-{index}", daemon=True)
        self.index = index
        self.base_url = base_url
        self.log = log
        self.catalogue = catalogue
        self.stop = stop
        self.mix = mix
        self.rng = random.Random(seed * 1000 + index)
        self.outcomes = outcomes

    def run(self) -> None:
        visits = 0
        while not self.stop.is_set():
            visits += 1
            visitor = Visitor(self.base_url, self.log, buyer=f"{self.index}.{visits}", rng=self.rng)
            try:
                roll = self.rng.random() * (self.mix.browse + self.mix.search + self.mix.checkout)
                if roll < self.mix.browse:
                    browse(visitor, self.catalogue, self.rng)
                elif roll < self.mix.browse + self.mix.search:
                    search(visitor, self.catalogue, self.rng)
                else:
                    self.outcomes(checkout(visitor, self.catalogue, self.rng))
            except Exception as error:  # noqa: BLE001  a page the drill cannot read is logged, not fatal
                visitor.log.write(
                    time=round(time.time(), 3),
                    buyer=visitor.buyer,
                    kind="drill-error",
                    status=-1,
                    error=repr(error),
                )
            finally:
                visitor.close()
            self.stop.wait(self.rng.uniform(*self.mix.think))


def catalogue_discover(base_url: str, log: Log, *, hot_ids: list[int], rng: random.Random) -> Catalogue:
    """Find the shop's pages as a visitor does: the catalogue and search links from the home
    page, the product pages from the catalogue's pages."""
    visitor = Visitor(base_url, log, buyer="setup", rng=rng, source="127.0.0.1")
    home = visitor.request("home", "GET", "/")
    if home is None or home.status_code != 200:
        raise SystemExit(f"The stack's home page does not answer at {base_url}: {home and home.status_code}")
    prefix = "/"
    for candidate in ("/shop/catalogue/", "/vi/shop/catalogue/", "/en/shop/catalogue/"):
        if candidate in home.text:
            prefix = candidate.removesuffix("shop/catalogue/")
            break
    paths = {
        "catalogue": f"{prefix}shop/catalogue/",
        "search": f"{prefix}shop/search/",
        "checkout": f"{prefix}shop/checkout/",
        "basket": f"{prefix}shop/basket/",
        "communes": f"{prefix}shop/places/communes/",
        "login": f"{prefix}shop/accounts/login/",
        "account": f"{prefix}shop/accounts/profile/",
    }
    product_urls: list[str] = []
    pages_seen = 0
    for number in range(1, 30):
        page = visitor.request(
            "catalogue", "GET", paths["catalogue"], params={"page": number} if number > 1 else None
        )
        if page is None or page.status_code != 200:
            break
        found = [url for url in pages.product_links(page.text, page.url) if url not in product_urls]
        if not found:
            break
        product_urls.extend(found)
        pages_seen = number
    visitor.close()
    if not product_urls:
        raise SystemExit("No product pages found in the catalogue: is the demo data loaded?")
    hot_urls = [url for url in product_urls if any(url.endswith(f"_{pk}/") for pk in hot_ids)]
    return Catalogue(product_urls=product_urls, hot_urls=hot_urls, catalogue_pages=pages_seen, paths=paths)
