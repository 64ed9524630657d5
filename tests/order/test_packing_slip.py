"""The packing slip of a producer's part: what the printed page says (read back with pdfium)."""

import pypdfium2
import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from order.fulfilment import fulfilment_advance
from order.packing_slip import packing_slip_pdf
from order.payments import order_payment_add
from traceability.models import Lot

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_slip_names_the_order_the_people_and_the_lines(order):
    vai = order.fulfilments.get(partner__name="HTX Vải")
    address = order.shipping_address
    line = order.lines.get(partner=vai.partner)

    text = one_line(text_of(packing_slip_pdf(part=vai)))

    assert "PHIẾU ĐÓNG GÓI" in text
    assert f"Mã đơn hàng: {order.number}" in text
    assert f"Ngày đặt hàng: {timezone.localtime(order.date_placed):%d/%m/%Y}" in text
    assert "HTX Vải" in text
    assert address.salutation in text and address.line1 in text and address.state in text
    assert address.phone_number.as_national in text
    assert "Vải thiều thử" in text and line.partner_sku in text
    # Another producer's goods are not in this parcel.
    assert "Mật ong thử" not in text and "HTX Mật ong" not in text
    # 1 × 150.000 ₫, its 30.000 ₫ delivery, collected in cash.
    assert "150.000 ₫" in text and "30.000 ₫" in text
    assert "Thu hộ của người nhận (COD): 180.000 ₫" in text
    assert "Lô hàng của từng sản phẩm được in sau khi xác nhận đã gửi hàng." in text


def test_the_slip_prints_the_lot_and_the_parcel_once_shipped(order, products):
    vai = order.fulfilments.get(partner__name="HTX Vải")
    line = order.lines.get(partner=vai.partner)
    lot = Lot.objects.create(
        product=products[0],
        producer=vai.partner,
        code="VAI-0612",
        produced_on=timezone.localdate(),
        quantity=100,
        is_published=True,
    )
    fulfilment_advance(
        part=vai, action="ship", carrier="Viettel Post", tracking_number="VTP123", lots={line.pk: lot.pk}
    )
    vai.refresh_from_db()

    text = one_line(text_of(packing_slip_pdf(part=vai)))

    assert "VAI-0612" in text
    assert "Đơn vị vận chuyển: Viettel Post · mã vận đơn: VTP123" in text
    assert "được in sau khi" not in text


def test_a_paid_order_collects_nothing(shopper, products, committed):
    with committed():
        shopper.checkout("bank-transfer", products[1])
    order = Order.objects.get()
    order_payment_add(order=order, amount=order.total_incl_tax, reference="bank:FT1")
    part = order.fulfilments.get()

    text = one_line(text_of(packing_slip_pdf(part=part)))

    assert "Không thu tiền của người nhận" in text and "Thu hộ" not in text
