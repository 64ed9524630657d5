"""Product photos' thumbnails made by the worker after an upload, in the sizes pages ask for."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django_tasks_db.models import DBTaskResult
from oscar.core.loading import get_model
from oscar.core.thumbnails import get_thumbnailer
from sorl.thumbnail.base import ThumbnailBackend

from catalog.thumbnails import PRODUCT_THUMBNAILS
from tests.catalog.factories import ProductFactory
from tests.core.factories import picture_bytes

ProductImage = get_model("catalogue", "ProductImage")

THUMBNAIL_TAG = re.compile(r'{% oscar_thumbnail \S+ "(?P<size>[^"]+)"(?P<options>(?: \w+=\S+)*) as \w+ %}')


def _templates():
    """Our templates (the product page's gallery is ours too: no Oscar template asks for a size)."""
    return [
        path for path in Path(settings.BASE_DIR).glob("*/templates/**/*.html") if ".venv" not in path.parts
    ]


def _option(text):
    name, value = text.split("=")
    return name, {"False": False, "True": True}.get(value, value.strip('"'))


def test_the_sizes_made_ahead_are_those_the_pages_ask_for():
    asked = set()
    for path in _templates():
        for found in THUMBNAIL_TAG.finditer(path.read_text()):
            options = tuple(sorted(_option(text) for text in found["options"].split()))
            asked.add((found["size"], options))
    made = {(size, tuple(sorted(options.items()))) for size, options in PRODUCT_THUMBNAILS}
    assert asked == made


@pytest.mark.django_db
def test_the_worker_makes_a_new_photos_thumbnails(task_worker, committed, monkeypatch):
    # Given a product photo uploaded (with a worker's task backend)
    product = ProductFactory(images=None)
    with committed():
        image = ProductImage(product=product, display_order=0)
        image.original.save("vai-thieu.jpg", ContentFile(picture_bytes(format="JPEG", size=(800, 600))))
    [task] = DBTaskResult.objects.filter(task_path="catalog.thumbnails.product_image_thumbnails")
    assert task.args_kwargs["args"] == [image.pk]
    # When the worker runs
    task_worker()
    task.refresh_from_db()
    assert task.return_value == len(PRODUCT_THUMBNAILS)
    # Then a page asking for those thumbnails finds them made, and makes none
    monkeypatch.setattr(ThumbnailBackend, "_create_thumbnail", lambda *args: pytest.fail("made on view"))
    for size, options in PRODUCT_THUMBNAILS:
        assert get_thumbnailer().generate_thumbnail(image.original, size=size, **options).exists()
