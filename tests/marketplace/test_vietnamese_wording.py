"""Issue 16, natural Vietnamese: the shopper's pages speak the words of docs/glossary.md, not
Oscar's or Django's stock Vietnamese, and one generic msgid no longer takes over another
screen's meaning. Each known-bad phrase is listed once, here, with the reason it is wrong."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from order.fulfilment import fulfilment_advance
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")

# phrase -> why a Vietnamese shop would not write it (and where it came from).
BAD_PHRASES = {
    "Bạn là ai?": "'Who are you?' on the checkout's sign-in step reads as a challenge",
    "khách vãn lai": "'passing stranger': a guest buys 'không cần tài khoản'",
    "trước khi thoát": "'checking out' translated as 'exit'",
    "Thoát": "'cancel' translated as 'exit' (voucher form)",
    "vật phẩm": "'items' as 'articles/objects'; shops say 'sản phẩm'",
    "Những mặt hàng": "'Items' heading; shops say 'Sản phẩm'",
    "Tổng số giỏ hàng": "'tổng số' is a count; the basket's sum is 'Tạm tính'",
    "Tổng số đơn hàng": "'tổng số' is a count; the order's sum is 'Tổng cộng'",
    "Xuất hàng": "'dispatch/export'; our trace step's 'Shipping' took over Oscar's heading",
    "Tên sản phẩm</th>": "our 'Title' (product name) took over Oscar's review title column",
    "nhiều hơn1000": "Oscar's quantity limit message, a missing space and 'mục'",
    "số tổng thể": "Django's 'Enter a whole number.' as 'an overall number'",
    "Điểm tích lũy": "the review's 'Score' as 'loyalty points'; a review has 'Số sao'",
    "Lưu xem trước": "'Save review' as 'save preview'",
    "Nhận một lời nhắc nhở mật khẩu": "word-for-word 'password reminder'; shops write 'Quên mật khẩu?'",
    "Viết một đánh giá": "word-for-word 'a review'; shops write 'Viết đánh giá'",
    "Để lại một đánh giá": "word-for-word 'leave a review'",
    "Đăng tải đơn đặt hàng": "'Post order actions' as 'publish the order'",
    "Miêu tả sản phẩm": "shops write 'Mô tả sản phẩm'",
    "Chi phí ": "Oscar's 'Cost' with a trailing space; the fee is 'Phí'",
    "Tôi quên mật khẩu của tôi": "word-for-word 'I've forgotten my password'; shops write 'Quên mật khẩu?'",
    "Xem trước đơn hàng": "'preview' is the CMS's word; the buyer checks the order: 'Xem lại đơn hàng'",
    "nào..": "Oscar's 'no reviews yet' ends with a full stop the template adds again",
    "Danh sách mong muốn": "'wish list' word for word; shops write 'Yêu thích'",
    "Những thông báo": "'the notifications', plural word for word; a tab reads 'Thông báo'",
    "để kiểm tra": "'to checkout' as 'to inspect' (empty basket at the checkout)",
    "sao chép của": "'copies of' a product as duplicates of a file",
    "rời trang đánh giá": "'leave a review' as 'leave the review page'",
    "Xem trước sản phẩm": "'Product review' as 'product preview'",
    "từ thứ tự": "'order' as 'sequence' (buying an order again)",
    "Địa chỉ nhận hàng": "one wording for the delivery address on every screen: 'Địa chỉ giao hàng'",
    "Số liên hệ": "'contact number'; shops write 'Số điện thoại'",
    "thông báo kích hoạt": "Oscar's 'active stock alert' as 'an activated notification'",
    "Bạn có thể có một email": "Oscar's 'You can get an email alert' word for word",
    "Thông báo cho tôi": "'Notify me' without saying when: 'Báo cho tôi khi có hàng'",
    # Issue 17, the order screens of the back office.
    "kiểm tra như là một khách": "Oscar's 'checked out as a guest' as 'inspected as a guest'",
    "Các mặt hàng đặt mua": "'Items ordered' with 'mặt hàng'; shops say 'Sản phẩm đã đặt'",
    "các nhà sản xuất": "a producer is a 'chủ thể sản xuất' (chủ thể OCOP) on every screen",
    "Không có sự kiện thanh toán nào": "Oscar's 'No shipping events.' translated as 'no payment events'",
    "Đặt lại mật khẩu thành công": "Oscar's 'Password reset unsuccessful' translated as its opposite",
    "Đặt lại mật khẩu hoàn chỉnh": "'Password reset complete' as 'a complete reset': 'Đã đặt lại mật khẩu'",
    "Lập lại mật khẩu": "two words for one thing: the reset is 'Đặt lại mật khẩu' everywhere",
    "Quay lại trang": "the back office's 'Return to site' as 'go back a page'",
}

# msgid (with its context, or None) -> the glossary's Vietnamese.
GLOSSARY = [
    (None, "Who are you?", "Đăng nhập hoặc mua hàng không cần tài khoản"),
    (None, "I am a new customer and want to checkout as a guest", "Mua hàng không cần tài khoản"),
    (
        None,
        "I am a new customer and want to create an account before checking out",
        "Tạo tài khoản rồi mua hàng",
    ),
    (None, "Checkout gateway", "Thanh toán"),
    (None, "Get a password reminder", "Quên mật khẩu?"),
    (None, "Items to buy now", "Sản phẩm trong giỏ"),
    (None, "Items", "Sản phẩm"),
    (None, "Basket total", "Tạm tính"),
    (None, "Basket total (before discounts)", "Tạm tính (trước giảm giá)"),
    (None, "Order total", "Tổng cộng"),
    (None, "Shipping", "Vận chuyển"),
    ("trace step", "Shipping", "Vận chuyển"),
    (None, "cancel", "hủy"),
    (None, "Enter a whole number.", "Vui lòng nhập số nguyên."),
    (None, "Score", "Số sao"),
    (None, "Save review", "Gửi đánh giá"),
    (None, "Write a review", "Viết đánh giá"),
    (None, "Body", "Nội dung"),
    (None, "Product Description", "Mô tả sản phẩm"),
    (None, "I've forgotten my password", "Quên mật khẩu?"),
    (None, "Order preview", "Xem lại đơn hàng"),
    (None, "Wish Lists", "Yêu thích"),
    (
        None,
        "You need to add some items to your basket to checkout",
        "Giỏ hàng đang trống: hãy thêm sản phẩm trước khi thanh toán.",
    ),
    (None, "You can't leave a review for this product.", "Bạn chưa thể đánh giá sản phẩm này."),
    (None, "Product review", "Đánh giá sản phẩm"),
    (None, "Order number", "Mã đơn hàng"),
    ("product", "Title", "Tên sản phẩm"),
    # Oscar's "Total" is a line's total; our sums (an order's, a table's footer) say "sum".
    (None, "Total", "Thành tiền"),
    ("sum", "Total", "Tổng cộng"),
    # Offers' upsell messages on the basket page ("Dành ... nhiều hơn từ" in Oscar's catalogue).
    (None, "Spend %(value)s more from %(range)s", "Mua thêm %(value)s trong nhóm %(range)s"),
    # Without a context, "Title" is Oscar's and Wagtail's: a review's or a page's title.
    (None, "Title", "Tiêu đề"),
    # The product page of a product out of stock (its stock alert) and its quantity stepper.
    (
        None,
        "You have an active stock alert for this product.",
        "Bạn đã đăng ký nhận tin khi sản phẩm này có hàng trở lại.",
    ),
    (
        None,
        "You can get an email alert when this product is back in stock.",
        "Để lại e-mail, chúng tôi sẽ báo khi sản phẩm có hàng trở lại.",
    ),
    (None, "Notify me", "Báo cho tôi khi có hàng"),
    (None, "Choose at least 1.", "Số lượng ít nhất là 1."),
    # The back office (issue 17): Oscar's statistics, partners and menu in the shop's words.
    (None, "New customers", "Khách hàng mới"),  # Oscar's catalogue: "Những hách hàng mới"
    (None, "Offers, vouchers", "Ưu đãi và mã giảm giá"),
    (None, "Partners", "Chủ thể sản xuất"),  # Oscar's catalogue: "Những đối tác"
    (None, "Partner SKU", "Mã hàng (SKU)"),
    (None, "Order statistics", "Thống kê đơn hàng"),  # Oscar's catalogue: "Thứ tự số liệu thống kê"
    ("dashboard menu", "Voucher codes", "Mã giảm giá"),
    # A product whose every published lot expired, and a lot past its use-by date.
    (None, "Out of season", "Hết mùa"),
    (None, "Temporarily out of stock: its lots have expired", "Tạm hết hàng: lô đã hết hạn"),
    (None, "Past its use-by date", "Đã hết hạn sử dụng"),
    # Issue 17: order statuses as Vietnamese shops name them (docs/glossary.md, Orders).
    (None, "Placed", "Chờ xác nhận"),
    (None, "Shipped", "Đang giao"),
    (None, "Partly shipped", "Đang giao một phần"),
    (None, "Delivered", "Đã giao"),
    (None, "Items ordered", "Sản phẩm đã đặt"),
]


@pytest.mark.parametrize(("context", "msgid", "vietnamese"), GLOSSARY, ids=[row[1] for row in GLOSSARY])
def test_catalogue_gives_the_glossary_word(context, msgid, vietnamese):
    with translation.override("vi"):
        got = translation.pgettext(context, msgid) if context else translation.gettext(msgid)

    assert got == vietnamese


def test_quantity_limit_message_reads_naturally():
    msgid = (
        "Due to technical limitations we are not able to ship more than %(threshold)d"
        " items in one order. Your basket currently has %(basket)d items."
    )
    with translation.override("vi"):
        text = translation.gettext(msgid) % {"threshold": 1000, "basket": 1}

    assert text == "Mỗi đơn hàng chỉ đặt được tối đa 1000 sản phẩm. Giỏ hàng của bạn đang có 1 sản phẩm."


def text_of(response):
    assert response.status_code == 200, response.status_code
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def assert_natural(page, name):
    found = {phrase: reason for phrase, reason in BAD_PHRASES.items() if phrase in page}
    assert not found, f"{name}: {found}"


def test_the_shopper_path_speaks_the_glossary(client, shopper, products, committed):
    product = products[0]
    pages = {"product": text_of(client.get(product.get_absolute_url()))}
    pages["login"] = text_of(client.get(reverse("customer:login")))

    shopper.add(product)
    pages["basket"] = text_of(client.get(reverse("basket:summary")))
    pages["gateway"] = text_of(client.get(reverse("checkout:index")))
    shopper.start_as_guest()
    pages["address"] = text_of(client.get(reverse("checkout:shipping-address")))
    shopper.give_address()
    pages["payment"] = text_of(client.get(reverse("checkout:payment-method")))
    assert shopper.choose_payment("cod").status_code == 302
    pages["preview"] = text_of(client.get(reverse("checkout:preview")))
    with committed():
        assert shopper.place_order().status_code == 302
    pages["thank you"] = text_of(client.get(reverse("checkout:thank-you")))
    order = Order.objects.get()
    pages["order status"] = text_of(client.get(reverse("order:status", kwargs={"token": order.status_token})))

    for name, page in pages.items():
        assert_natural(page, name)
    assert "Tạm tính" in pages["basket"]
    assert "Tổng cộng" in pages["basket"]
    assert "Thành tiền" in pages["basket"]
    assert "Tổng cộng</dt>" in pages["order status"]
    assert "Đăng nhập hoặc mua hàng không cần tài khoản" in pages["gateway"]
    assert "Mua hàng không cần tài khoản" in pages["gateway"]
    assert "Quên mật khẩu?" in pages["gateway"]
    assert "Quên mật khẩu?" in pages["login"]
    assert "Xem lại đơn hàng" in pages["preview"]
    assert "Đơn giá:" in pages["basket"]
    for name in ("address", "payment", "preview", "order status"):
        assert "Địa chỉ giao hàng" in pages[name], name


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("abc", "Vui lòng nhập số nguyên."),
        ("9", "chỉ mua được tối đa 5"),  # five in stock
        ("30", "bạn mua được tối đa 20 sản phẩm mỗi loại"),  # a guest's limit
    ],
)
def test_basket_quantity_errors_read_naturally(client, shopper, products, quantity, message):
    shopper.add(products[0])
    line = products[0].stockrecords.get().basket_lines.get()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(line.pk),
        "form-0-quantity": quantity,
    }
    page = text_of(client.post(reverse("basket:summary"), data))

    assert_natural(page, f"basket quantity {quantity}")
    assert message in page


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("abc", "Vui lòng nhập số nguyên."),
        ("2000", "Mỗi đơn hàng chỉ đặt được tối đa 1000 sản phẩm."),
    ],
)
def test_quantity_errors_read_naturally(client, products, quantity, message):
    product = products[0]
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity},
        HTTP_REFERER=product.get_absolute_url(),
        follow=True,
    )
    page = text_of(response)

    assert_natural(page, f"quantity {quantity}")
    assert message in page


def test_checkout_with_an_empty_basket_says_so_naturally(client):
    page = text_of(client.get(reverse("checkout:index"), follow=True))

    assert_natural(page, "empty basket at the checkout")
    assert "Giỏ hàng đang trống: hãy thêm sản phẩm trước khi thanh toán." in page


def test_review_form_speaks_the_glossary(client, shopper, products, committed):
    with committed():
        shopper.checkout("cod", products[0])
    order = Order.objects.get()
    buyer = UserFactory(email="nguoi-mua@example.com")
    Order.objects.filter(pk=order.pk).update(user=buyer)
    part = order.fulfilments.get()
    fulfilment_advance(part=part, action="ship", carrier="GHN", tracking_number="G1")
    fulfilment_advance(part=part, action="deliver")
    client.force_login(buyer)

    product = products[0]
    url = reverse("catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk})
    page = text_of(client.get(url))
    account_order = text_of(client.get(reverse("customer:order", kwargs={"order_number": order.number})))

    assert_natural(account_order, "account's order")
    assert "Yêu thích" in account_order
    assert_natural(page, "review form")
    assert "Số sao" in page
    assert "Gửi đánh giá" in page
    assert "Tiêu đề" in page


def test_a_product_out_of_stock_offers_the_alert_in_the_shops_words(client, products):
    product = products[0]
    product.stockrecords.update(num_in_stock=0)
    page = text_of(client.get(product.get_absolute_url()))

    assert_natural(page, "product out of stock")
    assert "Để lại e-mail, chúng tôi sẽ báo khi sản phẩm có hàng trở lại." in page
    assert "Báo cho tôi khi có hàng" in page


def test_the_back_office_login_and_the_password_reset_read_naturally(client):
    """The producer's way in (issue 17): the back-office login, then the shop's password reset."""
    pages = {
        "back-office login": text_of(client.get(reverse("dashboard:login"))),
        "password reset": text_of(client.get(reverse("password-reset"))),
        "reset sent": text_of(client.get(reverse("password-reset-done"))),
        "reset complete": text_of(client.get(reverse("password-reset-complete"))),
        "bad reset link": text_of(
            client.get(reverse("password-reset-confirm", kwargs={"uidb64": "MQ", "token": "sai-token"}))
        ),
    }

    for name, page in pages.items():
        assert_natural(page, name)
    assert "Đăng nhập trang quản lý" in pages["back-office login"]
    assert "Quên mật khẩu?" in pages["back-office login"]
    assert "Không đặt lại được mật khẩu" in pages["bad reset link"]
    assert "Đã đặt lại mật khẩu" in pages["reset complete"]
