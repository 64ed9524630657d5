"""The dashboard menu (dashboard/menu.py): a producer sees its own two menus, the OCOP office
its own, each entry as core.permissions decides, and every entry opens."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class
from oscar.templatetags import dashboard_tags

pytestmark = pytest.mark.django_db

get_nodes = get_class("dashboard.menu", "get_nodes")

OURS = {"My shop", "OCOP and trade", "OCOP evaluation", "OCOP office", "Content pages (Wagtail)"}


def menu(user):
    """{heading: [(entry, url)]} of our menus, as `user` sees them (English labels, the site's
    default language in the addresses)."""
    nodes = get_nodes(user)
    with translation.override("en"):
        labels = {node: (str(node.label), [str(child.label) for child in node.children]) for node in nodes}
    return {
        heading: list(zip(entries, [child.url for child in node.children], strict=True))
        for node, (heading, entries) in labels.items()
        if heading in OURS
    }


def test_oscars_tag_builds_the_menu_from_our_module():
    assert dashboard_tags.get_nodes is get_nodes
    assert get_nodes.__module__ == "dashboard.menu"


def test_a_producer_sees_its_shop_and_trade_menus_only(producer_user, products):
    user = producer_user(products[0].stockrecords.get().partner, "a@htx-vai.example")

    shown = menu(user)

    assert set(shown) == {"My shop", "OCOP and trade", "OCOP evaluation"}
    assert [label for label, _url in shown["My shop"]] == [
        "Sales figures",
        "Pre-orders",
        "Visit sessions",
        "Listings spreadsheet",
        "My team",
    ]
    assert [label for label, _url in shown["OCOP and trade"]] == [
        "My OCOP certificates",
        "Lots and traceability",
        "Trade fairs",
        "Training courses",
        "Buyer inquiries",
    ]
    assert shown["OCOP evaluation"] == [
        ("Register and dossiers", reverse("evaluation-dashboard:dossier-list"))
    ]


def test_staff_see_the_office_menu_and_every_entry_opens(client, django_user_model, products):
    office = django_user_model.objects.create_superuser("office", "office@ocop.example", "pw")
    client.force_login(office)

    shown = menu(office)

    assert {"OCOP office", "Content pages (Wagtail)"} <= set(shown) and "My shop" not in shown
    assert "OCOP evaluation" not in shown
    entries = shown["OCOP office"]
    assert [label for label, _url in entries] == [
        "Producer applications",
        "Listings to moderate",
        "All OCOP certificates",
        "Re-evaluation queue",
        "Evaluation rounds",
        "OCOP criteria sheets",
        "Lots and traceability",
        "Booth applications",
        "Training courses",
        "OCOP programme figures",
        "Sales figures",
        "Shop statistics",
        "Bank transfers",
        "Background tasks",
    ]
    assert (
        entries[1][1]
        == reverse("catalog-dashboard:moderation-list")
        == "/shop/dashboard/catalogue/moderation/"
    )
    for label, url in entries:
        assert client.get(url).status_code == 200, label


def test_a_login_of_no_producer_sees_none_of_our_menus(django_user_model):
    user = django_user_model.objects.create_user("nobody", "nobody@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))

    assert menu(user) == {}


def test_oscars_entries_read_as_a_vietnamese_shop_would_write_them(django_user_model):
    office = django_user_model.objects.create_superuser("office", "office@ocop.example", "pw")
    with translation.override("vi"):
        labels = [
            str(label)
            for node in get_nodes(office)
            for label in [node.label, *(child.label for child in node.children)]
        ]
    for oscar_wording in ("Những đối tác", "Phạm vi", "Attribute Option Groups", "Voucher Sets", "Lựa chọn"):
        assert oscar_wording not in labels
    assert labels[0] == "Tổng quan"
    for ours in ("Tất cả sản phẩm", "Chủ thể sản xuất", "Mã giảm giá", "Thống kê cửa hàng"):
        assert ours in labels
