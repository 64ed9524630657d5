"""Uploaded files in S3-compatible object storage (django-storages with boto3), chosen in the
settings when MARKETPLACE_MEDIA_S3_BUCKET is set; files on disk otherwise.

Two buckets, two storages:

- `MediaStorage`, the public bucket (STORAGES["default"]): product photos, logos, thumbnails,
  Wagtail's images and renditions, certificate scans and inspection reports shown on the trace
  pages. Anyone may read an object by its URL, which is MEDIA_URL (the bucket itself, a CDN, or
  nginx's /media/ in front of it) plus the object's key: no signature, so pages and caches
  keep one address per file. Each object is stored with the headers `core.uploads` gives a file
  served from MEDIA_URL: its type from its extension, a download unless it is a picture, and a
  year of caching (a stored name never changes its content: a new upload gets a new name).
- `PrivateStorage`, the private bucket (STORAGES["private"]): producers' registration papers.
  The bucket answers no one without the key, and these files have no URL at all: views that
  check who asks read them with `storage.open` and hand them out (`core.uploads.file_download`).

Both refuse to overwrite: a second file of the same name gets a new name, as on disk.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import storages
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from core.uploads import INLINE_CONTENT_TYPES, content_type_for

# Stored names are never reused for other content (see above): a year, and no revalidation.
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


def object_headers(name: str) -> dict:
    """The S3 object parameters a file named `name` is stored with: the type `core.uploads`
    serves it as and, unless it is a picture, a download with its own name."""
    content_type = content_type_for(name)
    parameters = {"ContentType": content_type}
    if content_type not in INLINE_CONTENT_TYPES:
        parameters["ContentDisposition"] = content_disposition_header(
            as_attachment=True, filename=PurePath(name).name
        )
    return parameters


class _ConfiguredS3Storage(S3Storage):
    """Made with no options (sorl-thumbnail knows a storage by its class alone), it takes
    those of its entry in STORAGES."""

    storages_alias = ""

    def __init__(self, **options):
        if not options:
            options = dict(settings.STORAGES[self.storages_alias].get("OPTIONS", {}))
        super().__init__(**options)


class MediaStorage(_ConfiguredS3Storage):
    """The public bucket; `base_url` (MEDIA_URL) is where its objects are read by anyone."""

    storages_alias = "default"
    file_overwrite = False
    querystring_auth = False

    def __init__(self, **options):
        super().__init__(**options)
        if not self.base_url.endswith("/"):
            self.base_url += "/"

    def get_default_settings(self):
        return {**super().get_default_settings(), "base_url": settings.MEDIA_URL}

    def get_object_parameters(self, name):
        headers = {**object_headers(name), "CacheControl": PUBLIC_CACHE_CONTROL}
        return {**super().get_object_parameters(name), **headers}

    def url(self, name, parameters=None, expire=None, http_method=None):
        return self.base_url + filepath_to_uri(self._normalize_name(clean_name(name)))


class PrivateStorage(_ConfiguredS3Storage):
    """The private bucket: read by our views with `open`, never linked to."""

    storages_alias = "private"
    file_overwrite = False
    querystring_auth = True

    def get_object_parameters(self, name):
        headers = {**object_headers(name), "CacheControl": "private, no-store"}
        return {**super().get_object_parameters(name), **headers}

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("private files have no URL: a view that checks who asks serves them")


def private_storage():
    """The private bucket's storage, for `FileField(storage=private_storage)`: a callable, so a
    test's settings (and the deployment's) decide it, not the import."""
    return storages["private"]
