"""What an operator reads: one request id from nginx to every log line, logs as JSON.

nginx gives each request an id (`$request_id`) and passes it as `X-Request-ID`; the
middleware keeps it (or makes one when the request came another way), returns it in the
response's header, and the logging filter writes it into every record logged while the
request runs, so a buyer's failed checkout can be followed through nginx's access log, the
application's log and the task that mailed them.
"""

import contextvars
import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; a proxy of the operator's may send a UUID. Anything
# else (too long, other characters) is not trusted into the logs: a new id is made.
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def request_id_current() -> str:
    """The id of the request being answered, "-" outside a request."""
    return request_id_var.get()


class RequestIdMiddleware:
    """First in MIDDLEWARE, so every later log line of the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if _ACCEPTED_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Not reset on the way out: Django logs an error response ("Internal Server Error",
        # "Not Found") after the middleware has returned, and `request_finished` work follows;
        # both belong to this request. The next request sets its own.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


def request_id_forget(**kwargs):
    """On `request_started` (connected in the app config): nothing from the last request."""
    request_id_var.set("-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (the formatters print it)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True
