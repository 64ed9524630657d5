"""`manage.py search_index rebuild | status`, on both engines."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from search.engines import engine_from_settings
from search.indexing import index_rebuild
from search.models import ProductSearchRecord
from search.queries import ProductQuery
from search.selectors import product_search

from .conftest import titles

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def published_count() -> int:
    return Product.objects.browsable().count()


def test_rebuild_indexes_every_published_product(catalogue):
    output = run("rebuild")

    assert f"Indexed {published_count():,} products into " in output
    assert ProductSearchRecord.objects.count() == published_count()
    assert "Vải sấy dẻo" not in ProductSearchRecord.objects.values_list("name", flat=True)
    assert catalogue.products["lychee"] in product_search(query=ProductQuery(text="vai thieu")).products


def test_status_says_in_step_after_a_rebuild_and_names_what_is_missing(catalogue):
    run("rebuild")
    assert "The search index is in step with the catalogue." in run("status")

    ProductSearchRecord.objects.filter(product=catalogue.products["tea"]).delete()

    with pytest.raises(SystemExit) as exited:
        run("status")
    assert exited.value.code == 1


def test_status_lists_missing_records(catalogue):
    run("rebuild")
    ProductSearchRecord.objects.filter(product=catalogue.products["tea"]).delete()
    out = StringIO()

    with pytest.raises(SystemExit):
        call_command("search_index", "status", stdout=out)

    assert f"  missing: {catalogue.pk('tea')}" in out.getvalue()


def test_products_changed_during_a_rebuild_are_indexed_again(catalogue):
    tea = catalogue.products["tea"]

    def change_tea_quietly(done, total):
        # an update that sends no signal: only the rebuild's catch-up can see it
        Product.objects.filter(pk=tea.pk).update(title="Chè Tân Cương", date_updated=timezone.now())

    report = index_rebuild(progress=change_tea_quietly)

    assert report.caught_up >= 1
    assert titles(product_search(query=ProductQuery(text="tan cuong"))) == ["Chè Tân Cương"]


def test_rebuild_reports_progress_up_to_the_total(catalogue):
    calls = []

    index_rebuild(batch_size=2, progress=lambda done, total: calls.append((done, total)))

    total = published_count()
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted({min(n, total) for n in range(2, total + 2, 2)})


# ---------------------------------------------------------------------------
# The engine: a new index behind the alias, search answering all along
# ---------------------------------------------------------------------------


on_the_engine = pytest.mark.parametrize("search_backend", ["opensearch"], indirect=True)


@on_the_engine
def test_rebuild_moves_the_alias_to_a_new_index_and_drops_the_old(catalogue):
    engine = engine_from_settings()
    (first,) = engine.alias_targets()

    run("rebuild")

    (second,) = engine.alias_targets()
    assert second != first
    assert engine.indices() == [second]
    assert engine.count() == published_count()


@on_the_engine
def test_search_keeps_answering_from_the_old_index_during_a_rebuild(catalogue):
    seen = []

    def search_meanwhile(done, total):
        seen.append(product_search(query=ProductQuery(text="dong trung")).total)

    index_rebuild(batch_size=5, progress=search_meanwhile)

    assert seen and set(seen) == {1}


@on_the_engine
def test_a_failed_rebuild_leaves_the_live_index_alone(catalogue):
    engine = engine_from_settings()
    (live,) = engine.alias_targets()

    def fail(done, total):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        index_rebuild(progress=fail)

    assert engine.alias_targets() == [live]
    assert engine.indices() == [live]
    assert titles(product_search(query=ProductQuery(text="dong trung"))) == ["Đông trùng hạ thảo"]
