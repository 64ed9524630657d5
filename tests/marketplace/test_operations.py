"""Issue 15, ready for operators: /healthz, /readyz, the request id in every log line, JSON logs."""

import datetime
import json
import logging
import os
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import import_string

from marketplace.observability import RequestIdFilter
from search.indexing import product_index_update

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_every_part(client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "storage", "tasks", "search"}
    assert all(check["ready"] for check in body["checks"].values())
    assert body["checks"]["search"]["backend"] == "database"


def test_a_cache_that_keeps_nothing_is_not_ready(client, settings):
    # Production's cache, with Redis out of reach: django-redis ignores the failure (pages go
    # on uncached), so only reading the value back shows it. Nothing listens on port 9.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {
        "ready": False,
        "error": "the cache did not keep a value",
        "milliseconds": response.json()["checks"]["cache"]["milliseconds"],
    }


def test_an_unreachable_search_cluster_is_not_ready(client, settings):
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URL = "http://127.0.0.1:9,http://127.0.0.1:9"
    response = client.get("/readyz")
    assert response.status_code == 503
    search = response.json()["checks"]["search"]
    assert not search["ready"] and "cluster health failed" in search["error"]


@pytest.mark.skipif(not os.environ.get("OPENSEARCH_TEST_URL"), reason="needs the OpenSearch test node")
def test_a_reachable_search_node_is_ready(client, settings):
    settings.SEARCH_BACKEND = "opensearch"
    settings.SEARCH_URL = os.environ["OPENSEARCH_TEST_URL"]
    search = client.get("/readyz").json()["checks"]["search"]
    assert search["ready"] and search["cluster"] in {"green", "yellow"}


def test_tasks_waiting_too_long_mean_no_worker(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    product_index_update.using(backend="default").enqueue([1])
    fresh = client.get("/readyz").json()["checks"]["tasks"]
    assert fresh["ready"] and fresh["waiting"] == 1

    # A retry put off until a minute from now, queued an hour ago, is not late.
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    in_a_minute = timezone.now() + datetime.timedelta(minutes=1)
    DBTaskResult.objects.update(enqueued_at=an_hour_ago, run_after=in_a_minute)
    assert client.get("/readyz").status_code == 200

    DBTaskResult.objects.update(enqueued_at=an_hour_ago, run_after=an_hour_ago)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "is a worker running?" in response.json()["checks"]["tasks"]["error"]


class RequestIdsSeen(logging.Handler):
    """A log handler as the console's: the request-id filter, and what it saw."""

    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.ids = []

    def emit(self, record):
        self.ids.append(record.request_id)


def test_the_request_id_from_nginx_is_answered_and_logged(client):
    seen, logger = RequestIdsSeen(), logging.getLogger("django.request")
    logger.addHandler(seen)
    try:
        response = client.get("/shop/no-such-page/", headers={"X-Request-ID": "4f0c" * 8})
    finally:
        logger.removeHandler(seen)
    assert response.status_code == 404 and response["X-Request-ID"] == "4f0c" * 8
    # Django logs "Not Found" once the middleware has returned: the id is still the request's.
    assert seen.ids == ["4f0c" * 8]


def test_the_next_request_starts_without_the_last_ones_id():
    from django.core.signals import request_started

    from marketplace.observability import request_id_current, request_id_forget, request_id_var

    assert request_id_forget in request_started._live_receivers(None)[0]
    request_id_var.set("4f0c" * 8)
    request_id_forget()  # what request_started runs (sending it would close the test's connection)
    assert request_id_current() == "-"


def test_a_request_id_that_is_not_an_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "x\nInjected: line"})
    assert response["X-Request-ID"] != "x\nInjected: line"
    assert len(response["X-Request-ID"]) == 32 and int(response["X-Request-ID"], 16) >= 0


def test_json_log_lines_carry_the_request_id(settings):
    formatter_settings = dict(settings.LOGGING["formatters"]["json"])
    formatter_class = import_string(formatter_settings.pop("()"))
    formatter = formatter_class(**formatter_settings)
    record = logging.LogRecord("order", logging.WARNING, __file__, 1, "Đơn %s bị hủy", ("A1",), None)
    record.request_id = "abc123"
    line = json.loads(formatter.format(record))
    assert line["level"] == "WARNING" and line["logger"] == "order"
    assert line["request_id"] == "abc123" and line["message"] == "Đơn A1 bị hủy"


def test_a_database_that_is_down_gives_the_buyer_a_clear_page_never_a_trace(products, caplog):
    down = OperationalError('connection to server at "10.0.0.5", port 5432 failed: Connection refused')
    browser = Client(raise_request_exception=False)
    browser.cookies["sessionid"] = "s" * 32
    with mock.patch("django.db.models.sql.compiler.SQLCompiler.execute_sql", side_effect=down):
        answers = {path: browser.get(path) for path in ("/", "/shop/basket/", "/shop/checkout/")}
    for path, response in answers.items():
        page = response.content.decode()
        assert response.status_code == 500, path
        assert "Đã có lỗi xảy ra" in page and 'lang="en"' in page, path
        assert "5432" not in page and "OperationalError" not in page and "Traceback" not in page, path
    # Logged for the operators, with the cause.
    assert any("Connection refused" in str(record.exc_info) for record in caplog.records if record.exc_info)
