from django.apps import AppConfig
from PIL import Image


class CoreConfig(AppConfig):
    """The ground every app stands on; it imports no app of the marketplace."""

    name = "core"
    verbose_name = "OCOP marketplace core"

    def ready(self):
        from core import support  # noqa: F401  (connects the support-session log's receivers)
        from core.uploads import MAX_IMAGE_PIXELS

        # Any picture Pillow opens anywhere (thumbnails of photos stored before the upload gate,
        # Wagtail's renditions) refuses a decompression bomb: Pillow raises at twice this.
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
