"""Oscar's thumbnailer (sorl-thumbnail) with each thumbnail remembered by the process.

Sorl finds an existing thumbnail through its key-value store on every call: it builds the
source's and the thumbnail's keys (hashes of the storage and the names), reads the cache (in
production a network round trip), and decodes the stored JSON. A page of 24 product cards
paid that 24 times, about a quarter of the catalogue's time. A thumbnail's name is a function
of its source's name and the options, so once sorl has one, the process keeps it, keyed by the
source's name and, for a product photo, the photo's row: a new photo is a new row, so a file
name reused after a deletion is not mistaken for the old one. Only thumbnails sorl has stored
are kept (a failed one is tried again next time), at most `REMEMBERED` of them.
"""

from collections import OrderedDict
from threading import Lock

from django.conf import settings
from oscar.core.thumbnails import SorlThumbnail
from sorl.thumbnail import default

REMEMBERED = 4096


class RememberingThumbnailer(SorlThumbnail):
    def __init__(self):
        super().__init__()
        self._known = OrderedDict()
        self._lock = Lock()

    def generate_thumbnail(self, source, **opts):
        instance = getattr(source, "instance", None)
        key = (
            str(settings.MEDIA_ROOT),  # another folder (each test has its own) is another photo
            getattr(source, "name", source),
            getattr(instance, "pk", None),
            tuple(sorted((name, str(value)) for name, value in opts.items())),
        )
        with self._lock:
            thumbnail = self._known.get(key)
            if thumbnail is not None:
                self._known.move_to_end(key)
                return thumbnail
        thumbnail = super().generate_thumbnail(source, **opts)
        if default.kvstore.get(thumbnail) is not None:  # sorl made or found it and stored it
            with self._lock:
                self._known[key] = thumbnail
                while len(self._known) > REMEMBERED:
                    self._known.popitem(last=False)
        return thumbnail


_thumbnailer = None


def thumbnailer() -> RememberingThumbnailer:
    """The process's one thumbnailer (`OSCAR_THUMBNAILER` names this function)."""
    global _thumbnailer  # noqa: PLW0603  one per process, made when first asked for
    if _thumbnailer is None:
        _thumbnailer = RememberingThumbnailer()
    return _thumbnailer
