"""Product photos' thumbnails, made by the task worker after an upload, so that the first page
showing a new photo does not make them while the shopper waits.

`PRODUCT_THUMBNAILS` are the sizes and options the templates ask `{% oscar_thumbnail %}` for
(`tests/catalog/test_thumbnails.py` keeps the two in step); the same options give the same
sorl-thumbnail key, so the page finds them made. With the immediate task backend (development)
nothing is made ahead: it would only move the work from the first view to the upload.

Wagtail's pictures are left to Wagtail: which renditions a picture needs depends on the page
block it is put in, known only when the page is shown; they are few, made once and stored.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from oscar.core.loading import get_model
from oscar.core.thumbnails import get_thumbnailer

from core.tasks import task_enqueue_with_commit

ProductImage = get_model("catalogue", "ProductImage")

PRODUCT_THUMBNAILS = (
    ("240x240", {"crop": "center", "format": "WEBP"}),  # product cards' srcset: catalogue, search
    ("480x480", {"crop": "center", "format": "WEBP"}),  # cards (2x) and the product page's photo
    ("800x800", {"crop": "center", "format": "WEBP"}),  # the product page's photo on a phone
    ("96x96", {"crop": "center", "format": "WEBP"}),  # the product page's small pictures, checkout's preview
    ("160x160", {"crop": "center", "format": "WEBP"}),  # the basket's lines
    ("400x400", {"crop": "center"}),  # a fair's product cards
    ("1200x630", {"crop": "center"}),  # the product page's og:image
    ("208x208", {"crop": "center"}),  # a lot's trace page
    ("200x200", {"upscale": False}),  # the photo field of the producer's product editor
)


@task()
def product_image_thumbnails(image_id: int) -> int:
    """Make the thumbnails of the product photo `image_id`; how many (0 when it is gone)."""
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return 0
    thumbnailer = get_thumbnailer()
    for size, options in PRODUCT_THUMBNAILS:
        thumbnailer.generate_thumbnail(image.original, size=size, **options)
    return len(PRODUCT_THUMBNAILS)


@receiver(post_save, sender=ProductImage, dispatch_uid="catalog.thumbnails")
def product_image_saved(sender, instance, **kwargs):
    # Every writer of a photo (Oscar's product editor, the spreadsheet import, the demo data)
    # saves the row; Oscar offers no other seam.
    if not isinstance(product_image_thumbnails.get_backend(), ImmediateBackend):
        task_enqueue_with_commit(product_image_thumbnails, instance.pk)
