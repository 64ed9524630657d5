"""What the layout's head needs from a page (a description, a picture, JSON-LD), for every
Wagtail page type of the site, the fairs' included: `cms/base_page.html` reads it."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

DESCRIPTION_LENGTH = 160


class SeoMixin:
    """What the layout's head needs from a page: a description, a picture, and JSON-LD.

    `search_description` and `seo_title` (Wagtail's promote tab) win; otherwise the page's
    own introduction and main picture stand in, so that no page goes out without them.
    """

    og_type = "website"
    description_field = "intro"
    image_field = "image"

    @property
    def meta_description(self) -> str:
        text = self.search_description or strip_tags(getattr(self, self.description_field, "") or "")
        return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)

    @property
    def meta_image(self):
        return getattr(self, self.image_field, None)

    def structured_data(self, request) -> dict | None:
        """The schema.org object of the page, or None for pages that need none."""
        return None
