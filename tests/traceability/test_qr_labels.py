"""The QR on a printed label, decoded and followed: it must open the lot's trace page."""

import xml.etree.ElementTree as ET
from io import BytesIO
from urllib.parse import urlsplit

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from tests.partner.factories import ProducerFactory
from traceability.labels import COLUMNS, ROWS
from traceability.qr import lot_qr

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def _labels_url(lot):
    return reverse("traceability:lot-labels-pdf", kwargs={"code": lot.short_code})


def _decoded_qr_texts(pdf_bytes):
    document = pypdfium2.PdfDocument(pdf_bytes)
    assert len(document) == 1
    image = document[0].render(scale=300 / 72).to_pil()
    return [
        barcode.text
        for barcode in zxingcpp.read_barcodes(image)
        if barcode.format == zxingcpp.BarcodeFormat.QRCode
    ]


def test_printed_label_qr_opens_the_trace_page(client, public_lot, producer_user):
    # Given the producer's login
    client.force_login(producer_user(public_lot.producer, "hongxuan-user@example.com"))

    # When the producer prints the label sheet and a buyer scans a label
    response = client.get(_labels_url(public_lot))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    texts = _decoded_qr_texts(response.content)

    # Then every label's QR carries the lot's absolute trace link...
    assert len(texts) == COLUMNS * ROWS
    assert set(texts) == {f"http://localhost:8000{public_lot.get_absolute_url()}"}
    # ...and following it opens the lot's trace page
    client.logout()
    page = client.get(urlsplit(texts[0]).path)
    assert page.status_code == 200
    assert page.context["lot"] == public_lot
    assert "LN-2025-07" in page.content.decode()


def test_labels_are_for_the_lots_producer_and_staff_only(client, hidden_lots, producer_user, admin_user):
    # Given an unpublished lot: only its producer and staff may print its labels
    unpublished = hidden_lots["unpublished"]
    other = producer_user(ProducerFactory(name="HTX Khác"), "other@example.com")
    client.force_login(other)
    assert client.get(_labels_url(unpublished)).status_code == 404
    client.logout()
    anonymous = client.get(_labels_url(unpublished))
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    client.force_login(admin_user)
    assert client.get(_labels_url(unpublished)).status_code == 200


def test_producer_prints_labels_before_publishing(client, hidden_lots, producer_user):
    unpublished = hidden_lots["unpublished"]
    client.force_login(producer_user(unpublished.producer, "hongxuan-user@example.com"))
    response = client.get(_labels_url(unpublished))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_qr_svg_and_png_carry_the_trace_link(client, public_lot):
    svg = client.get(reverse("traceability:lot-qr-svg", kwargs={"code": public_lot.short_code}))
    png = client.get(reverse("traceability:lot-qr-png", kwargs={"code": public_lot.short_code}))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<?xml")
    assert png["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(png.content)))
    assert [barcode.text for barcode in decoded] == [f"http://localhost:8000{public_lot.get_absolute_url()}"]


def _qr_url(lot, kind):
    return reverse(f"traceability:lot-qr-{kind}", kwargs={"code": lot.short_code})


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_head_on_a_qr_image_answers_what_get_answers_without_a_body(client, public_lot, kind):
    get = client.get(_qr_url(public_lot, kind))
    head = client.head(_qr_url(public_lot, kind))

    assert head.status_code == get.status_code == 200
    assert head["Content-Type"] == get["Content-Type"] == f"image/{'svg+xml' if kind == 'svg' else kind}"
    assert head["Content-Length"] == get["Content-Length"] == str(len(get.content))
    assert head.content == b""


def test_head_on_the_qr_of_an_unpublished_lot_is_not_found(client, hidden_lots):
    assert client.head(_qr_url(hidden_lots["unpublished"], "svg")).status_code == 404


def test_svg_qr_lies_on_white_with_a_quiet_zone_of_four_modules(client, public_lot):
    # Given the code's own size in modules, without any border
    modules = lot_qr(public_lot).symbol_size(border=0)[0]

    svg = ET.fromstring(client.get(_qr_url(public_lot, "svg")).content)

    # Then the image is the code plus 4 modules each side, 8 px a module...
    side = (modules + 2 * 4) * 8
    assert (svg.get("width"), svg.get("height")) == (str(side), str(side))
    # ...and its first shape is a white square under all of it, so it scans on a dark page
    group = svg.find(f"{SVG}g")
    assert group.get("transform") == "scale(8)"
    background = group.find(f"{SVG}path")
    assert background.get("fill") in ("#fff", "#ffffff", "white")
    whole = modules + 2 * 4
    assert background.get("d") == f"M0 0h{whole}v{whole}h-{whole}z"
