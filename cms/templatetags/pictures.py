"""`{% webp_picture image "fill-{480x270,960x540}" sizes="…" class="…" alt="" %}`: Wagtail's
`{% picture %}` with WebP sources and a JPEG fallback, each size once.

Wagtail never enlarges an original, so a photo narrower than the largest size gives two
renditions of the same width, and a srcset naming one width twice is invalid HTML (the browser
may then ignore the whole list): those are left out here, and so is `sizes` when one size of
each format is left."""

from django import template
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

FORMATS = ("webp", "jpeg")


@register.simple_tag
def webp_picture(image, sizes_spec, **attrs):
    if not image:
        return ""
    specs = Filter.expand_spec(f"format-{{{','.join(FORMATS)}}} {sizes_spec}")
    renditions = get_renditions_or_not_found(image, [Filter(spec=spec) for spec in specs])
    kept, seen = {}, set()
    for spec, rendition in renditions.items():
        fmt = next(name for name in FORMATS if f"format-{name}" in spec)
        if (fmt, rendition.width) not in seen:
            seen.add((fmt, rendition.width))
            kept[spec] = rendition
    if len(kept) == len(FORMATS):
        # One size a format: plain URLs in srcset, where `sizes` is not allowed.
        attrs.pop("sizes", None)
    return Picture(kept, attrs).__html__()
