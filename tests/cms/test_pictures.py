"""Wagtail's pictures on the promotion pages: WebP first, JPEG for the rest, each with its
width and height, and each width once in a srcset (a small original is never enlarged)."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.template import Context, Template
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


def photo(width, height):
    data = io.BytesIO()
    PILImage.new("RGB", (width, height), (27, 94, 32)).save(data, "JPEG")
    return Image.objects.create(title="Vải thiều", file=ImageFile(data, name="vai-thieu.jpg"))


def render(image, sizes_spec):
    template = Template(
        '{% load pictures %}{% webp_picture image spec sizes="100vw" class="hero__image" alt="" %}'
    )
    return template.render(Context({"image": image, "spec": sizes_spec}))


def srcset_widths(html, element):
    srcset = re.search(rf'<{element}[^>]*srcset="([^"]*)"', html).group(1)
    return [int(item.split()[-1].rstrip("w")) for item in srcset.split(", ")]


def test_a_large_photo_gets_webp_and_jpeg_in_both_widths():
    html = render(photo(2000, 1000), "fill-{800x300,1600x600}")

    assert html.startswith("<picture><source") and html.endswith("</picture>")
    assert 'type="image/webp"' in html and 'sizes="100vw"' in html
    assert srcset_widths(html, "source") == [800, 1600]
    assert srcset_widths(html, "img") == [800, 1600]
    assert re.search(r'<img[^>]* src="[^"]+\.jpg"', html)
    assert 'width="800"' in html and 'height="300"' in html
    assert 'alt=""' in html and 'class="hero__image"' in html


def test_a_small_photo_names_each_width_once():
    html = render(photo(800, 400), "fill-{800x300,1600x600}")

    # One rendition a format: a plain URL, no width list (and no width named twice).
    source = re.search(r'<source[^>]*srcset="([^"]*)"', html).group(1)
    assert source.endswith(".webp") and "," not in source
    assert "srcset" not in html.split("<img")[1]
    assert "sizes=" not in html  # only beside a list of widths
    assert 'width="800"' in html


def test_no_image_no_picture():
    assert render(None, "fill-{800x300,1600x600}") == ""
