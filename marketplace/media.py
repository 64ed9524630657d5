"""Files the site's own code expects in the default storage, put there after every `migrate`.

Oscar shows `OSCAR_MISSING_IMAGE_URL` (a static picture) for a product without photos, and its
thumbnails read it from the default storage. On disk Oscar links it into MEDIA_ROOT itself; in
a bucket (core/object_storage.py) nothing would, so it is copied there from the static files.
"""

import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages

logger = logging.getLogger(__name__)


def missing_image_store() -> bool:
    """Copy Oscar's "missing image" into the default storage unless it is there (or on disk,
    where Oscar links it); True when it was copied."""
    storage = storages["default"]
    name = settings.OSCAR_MISSING_IMAGE_URL
    if isinstance(storage, FileSystemStorage) or storage.exists(name):
        return False
    source = finders.find(f"oscar/img/{name}")
    if source is None:
        logger.warning("Oscar's missing image oscar/img/%s is not among the static files", name)
        return False
    with open(source, "rb") as picture:
        storage.save(name, File(picture, name=name))
    return True


def missing_image_store_after_migrate(sender, **kwargs) -> None:
    """`post_migrate` is sent once per app: once, after the catalogue's. A storage that does
    not answer is logged, not raised: the database is migrated all the same."""
    if sender.label != "catalogue":
        return
    try:
        missing_image_store()
    except Exception:  # any storage's errors (boto3's, OSError): migrate must still succeed
        logger.exception("Could not copy Oscar's missing image into the default storage")
