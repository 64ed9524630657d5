"""Issue 15: the nginx site of deploy/ (deploy/render-nginx --standalone) on a real nginx in front
of the application (pytest-django's live server): the page cache shares a first-time visitor's
catalogue and product pages, compressed once; a visitor with a session always reaches the
application; a change shows once the cached copy's seconds are over; and when no application
server answers, the buyer gets the site's own page, never nginx's or a stack trace.

Skipped where nginx is not installed, unless NGINX_REQUIRED=1 (CI installs Debian's nginx-light).
"""

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)

if NGINX is None:
    if os.environ.get("NGINX_REQUIRED") == "1":
        pytest.fail("NGINX_REQUIRED=1 but nginx is not installed", pytrace=False)
    pytest.skip("nginx is not installed (Debian: nginx-light)", allow_module_level=True)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """An nginx master of its own with the site of deploy/, in a temporary folder."""

    def __init__(self, folder: Path, app_address: str):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = dict(
            os.environ,
            OCOP_APP_ADDRESSES=app_address,
            OCOP_HTTP_LISTEN=f"127.0.0.1:{self.port}",
            OCOP_SERVER_NAME="127.0.0.1",
            OCOP_STATIC_ROOT=str(ROOT / "marketplace" / "static"),  # the unavailable page's source
            OCOP_MEDIA_MODE="disk",
            OCOP_MEDIA_ROOT=str(folder / "media"),
            OCOP_NGINX_LOGS=str(folder),
        )
        subprocess.run(  # noqa: S603  the project's own script
            [str(ROOT / "deploy" / "render-nginx"), "--standalone", str(folder)],
            env=environment,
            check=True,
            capture_output=True,
        )
        self.command = [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)]
        subprocess.run([*self.command, "-t", "-q"], check=True, capture_output=True)  # noqa: S603
        subprocess.run(self.command, check=True, capture_output=True)  # noqa: S603
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.05)

    def get(self, path: str, headers: dict | None = None):
        """(status, headers, body as text): urllib, which follows no cookie of its own."""
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, answer, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer, body = error.code, error.headers, error.read()
        if answer.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return status, answer, body.decode()

    def stop(self) -> None:
        subprocess.run([*self.command, "-s", "stop"], check=False, capture_output=True)  # noqa: S603


@pytest.fixture
def nginx(tmp_path, live_server):
    site = Nginx(tmp_path, f"127.0.0.1:{urlsplit(live_server.url).port}")
    yield site
    site.stop()


@pytest.fixture
def product(products):
    return products[0]


def test_a_first_visit_is_cached_compressed_once_and_shared(nginx, product):
    url = product.get_absolute_url()
    first = nginx.get(url, GZIP)
    second = nginx.get(url, GZIP)
    assert first[0] == second[0] == 200
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("MISS", "HIT")
    # Compressed by the application, kept compressed: the same bytes for every visitor.
    assert second[1]["Content-Encoding"] == "gzip"
    stored = [path.read_bytes() for path in (nginx.folder / "cache").rglob("*") if path.is_file()]
    assert len(stored) == 1 and b"\x1f\x8b\x08" in stored[0]  # gzip's magic: kept compressed
    assert product.title in second[2] and second[2] == first[2]
    # One request id, nginx's, also in the application's own logs (marketplace/observability.py).
    assert len(second[1].get_all("X-Request-ID")) == 1
    assert "X-Accel-Expires" not in second[1]  # for nginx only

    # A browser that takes no gzip has its own copy, plain.
    plain = [nginx.get(url, {"Accept-Encoding": "identity"}) for _ in range(2)]
    assert [answer[1]["X-Cache"] for answer in plain] == ["MISS", "HIT"]
    assert all("Content-Encoding" not in answer[1] for answer in plain)
    assert plain[1][2] == second[2]


def test_whatever_else_the_browser_sends_the_cached_copy_is_shared(nginx, product):
    url = product.get_absolute_url()
    nginx.get(url, {"Accept-Encoding": "gzip", "Accept-Language": "en-US"})
    other_browser = {"Accept-Encoding": "gzip, deflate, br, zstd", "Accept-Language": "vi"}
    status, answer, _ = nginx.get(url, other_browser)
    assert (status, answer["X-Cache"]) == (200, "HIT")


def test_a_visitor_with_a_session_always_reaches_the_application(nginx, product):
    url = product.get_absolute_url()
    nginx.get(url, GZIP)
    for cookie in ("sessionid=abc", "csrftoken=" + "x" * 32, "oscar_open_basket=1:abc"):
        status, answer, body = nginx.get(url, {**GZIP, "Cookie": cookie})
        assert (status, answer["X-Cache"]) == (200, "BYPASS"), cookie
        assert 'value="" data-csrf-deferred' not in body  # their own CSRF token in the form


def test_pages_outside_the_catalogue_never_go_through_the_cache(nginx, product):
    # Not even its lock: cookie-less requests of a page that is never cached (the CSRF token a
    # cached page's form asks for, a first search) would wait for one another up to its timeout.
    for path in ("/shop/basket/", "/shop/search/?q=vai", "/csrf-token/", "/"):
        for _ in range(2):
            status, answer, _ = nginx.get(path, GZIP)
            assert status == 200 and "X-Cache" not in answer, path
            assert len(answer.get_all("X-Request-ID")) == 1, path


def test_a_price_change_shows_once_the_cached_copy_is_over(nginx, product, settings):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 1
    url = product.get_absolute_url()
    nginx.get(url, GZIP)
    assert nginx.get(url, GZIP)[1]["X-Cache"] == "HIT"
    record = product.stockrecords.get()
    record.price = 171000
    record.save()
    deadline = time.monotonic() + settings.MARKETPLACE_PAGE_CACHE_SECONDS + 3
    shown = False
    while not shown and time.monotonic() < deadline:
        shown = "171.000" in nginx.get(url, GZIP)[2]
        time.sleep(0.1)
    assert shown


def test_with_no_application_server_the_buyer_gets_the_sites_own_page(tmp_path):
    closed = free_port()  # nothing listens there
    site = Nginx(tmp_path, f"127.0.0.1:{closed}")
    try:
        for path in ("/", "/shop/checkout/"):
            status, answer, body = site.get(path, GZIP)
            assert status == 502, path
            assert "Chợ OCOP Bắc Giang tạm thời gián đoạn" in body
            assert 'lang="en"' in body and "briefly unavailable" in body
            assert "nginx" not in body.lower() and "Traceback" not in body
            assert answer["Retry-After"] == "60" and answer["Cache-Control"] == "no-store"
            assert answer["Content-Type"].startswith("text/html")
    finally:
        site.stop()


def test_static_files_are_served_compressed_with_long_cache_headers(nginx):
    status, answer, body = nginx.get("/unavailable.html")
    assert status == 404  # internal only: no one reads the error page by its address
    assert django_settings.STATIC_URL == "/static/"
    status, answer, body = nginx.get("/static/marketplace/errors/unavailable.html", GZIP)
    assert status == 200 and "tạm thời gián đoạn" in body
    controls = ", ".join(answer.get_all("Cache-Control"))
    assert "max-age=31536000" in controls and "immutable" in controls
    assert answer["Content-Encoding"] == "gzip"
