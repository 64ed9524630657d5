"""Anonymous catalogue and product pages served by nginx's page cache.

A first-time visitor (no cookie at all) sees the same catalogue and product pages as every
other: for the views in MARKETPLACE_PAGE_CACHE_VIEWS, such a GET is answered with
`X-Accel-Expires: MARKETPLACE_PAGE_CACHE_SECONDS`, which tells nginx (and only nginx: it does
not pass the header on) to keep the page that long (deploy/nginx/ocop.conf.template). A visitor
with a session, a basket or a CSRF cookie always reaches the application.

The cache is short on purpose: a price, stock or certificate change shows on a cached page
within those seconds (the basket and checkout always read live prices and stock, so nothing is
ever sold on a stale page), and the application still renders each page at most once per
period however many visitors ask for it.

For the page to be shared it must set no cookie, so its forms carry no CSRF token of the
visitor's (`core.templatetags.csrf_deferrable`): `static/js/csrf-deferred.js` fetches one from
`csrf_token_issue` before such a form is sent, and without JavaScript the first post meets
`csrf_failure`, which sets the cookie and asks to send again.

A shared page is compressed here, once, when the visitor takes gzip: nginx keeps it compressed
and sends the same bytes to every visitor, instead of compressing it again for each (nginx's
key tells the two copies apart: deploy/nginx/ocop.conf.template). Compressing here is safe
from BREACH because a shared page holds no secret: no CSRF token, no session, nothing of the
visitor's. Every other page is left for nginx to compress.
"""

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

CACHEABLE_METHODS = frozenset({"GET", "HEAD"})


class AnonymousPageCacheMiddleware:
    """After the session, CSRF and auth middleware; marks cookie-less GETs of the listed views."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "csrf_deferred", False) and self._shareable(response):
            response.headers["X-Accel-Expires"] = str(settings.MARKETPLACE_PAGE_CACHE_SECONDS)
            response = self.gzip.process_response(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        request.csrf_deferred = (
            settings.MARKETPLACE_PAGE_CACHE_SECONDS > 0
            and request.method in CACHEABLE_METHODS
            and not request.COOKIES
            and match is not None
            and match.view_name in settings.MARKETPLACE_PAGE_CACHE_VIEWS
        )

    @staticmethod
    def _shareable(response):
        return (
            response.status_code == 200 and not response.cookies and not response.has_header("Cache-Control")
        )


@never_cache
@require_GET
def csrf_token_issue(request):
    """A CSRF token for a form of a shared page, and the cookie it belongs to."""
    return JsonResponse({"token": get_token(request)})


def csrf_failure(request, reason=""):
    """Django's CSRF failure, in the visitor's language: with the cookie now set, sending the
    form again works (a shared page's form, sent without JavaScript, lands here once)."""
    get_token(request)
    referer = request.headers.get("Referer", "")
    back = referer if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}) else ""
    response = render(request, "marketplace/csrf_failure.html", {"back": back}, status=403)
    add_never_cache_headers(response)
    return response
