"""The dashboard's menu: Oscar's entries, then ours, each shown to whom `core.permissions` says.

Oscar's `dashboard_navigation` template tag loads `get_nodes` with
`get_class("dashboard.menu", "get_nodes")`, so this module, in our fork of Oscar's dashboard,
is where the menu is built; `create_menu` still comes from Oscar. Oscar's own entries
(`OSCAR_DASHBOARD_NAVIGATION`, left at Oscar's default) keep Oscar's access function, which
asks the permissions of the page they link to.

A producer's pages are in two menus (its shop; OCOP and trade promotion), the OCOP office's
work in a third, so that each bar keeps to one line.

Oscar's own labels are Oscar's English msgids, whose Vietnamese (Oscar's catalogue) reads as a
word-for-word translation ("Những đối tác", "Phạm vi"): the menu shows them under labels of its
own (`OSCAR_LABELS`, context "dashboard menu", so they take over no other screen), matched by
the page they open, a heading by the page of its first entry.
"""

import copy

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.dashboard.menu import create_menu

from core.permissions import user_is_producer, user_is_staff, user_may_edit_pages
from evaluation.permissions import user_sits_on_a_council


def _shown_to(test):
    """An Oscar menu access function (user, url_name, url_args, url_kwargs) from a test of the user."""

    def access_fn(user, url_name=None, url_args=None, url_kwargs=None):
        return test(user)

    return access_fn


STAFF = _shown_to(user_is_staff)
PRODUCER = _shown_to(user_is_producer)
# A seat on a round's council, whoever holds it (an expert of another department, or staff);
# the office reaches every round's council from the round's page.
COUNCIL_MEMBER = _shown_to(user_sits_on_a_council)


# Oscar's entries by the page they open (a heading: by its first entry's page, "heading:").
OSCAR_LABELS = {
    "dashboard:index": pgettext_lazy("dashboard menu", "Overview"),
    "heading:dashboard:catalogue-product-list": pgettext_lazy("dashboard menu", "Products"),
    "dashboard:catalogue-product-list": pgettext_lazy("dashboard menu", "All products"),
    "dashboard:catalogue-class-list": pgettext_lazy("dashboard menu", "Product types"),
    "dashboard:catalogue-category-list": pgettext_lazy("dashboard menu", "Shop categories"),
    "dashboard:range-list": pgettext_lazy("dashboard menu", "Product ranges for offers"),
    "dashboard:stock-alert-list": pgettext_lazy("dashboard menu", "Low stock"),
    "dashboard:catalogue-option-list": pgettext_lazy("dashboard menu", "Product options"),
    "dashboard:catalogue-attribute-option-group-list": pgettext_lazy(
        "dashboard menu", "Attribute value lists"
    ),
    "heading:dashboard:order-list": pgettext_lazy("dashboard menu", "Orders"),
    "dashboard:order-list": pgettext_lazy("dashboard menu", "All orders"),
    "dashboard:order-stats": pgettext_lazy("dashboard menu", "Order statistics"),
    "dashboard:partner-list": pgettext_lazy("dashboard menu", "Producers"),
    "heading:dashboard:users-index": pgettext_lazy("dashboard menu", "Customers"),
    "dashboard:users-index": pgettext_lazy("dashboard menu", "Customer accounts"),
    "dashboard:user-alert-list": pgettext_lazy("dashboard menu", "Back-in-stock requests"),
    "heading:dashboard:offer-list": pgettext_lazy("dashboard menu", "Promotions"),
    "dashboard:offer-list": pgettext_lazy("dashboard menu", "Offers"),
    "dashboard:voucher-list": pgettext_lazy("dashboard menu", "Voucher codes"),
    "dashboard:voucher-set-list": pgettext_lazy("dashboard menu", "Voucher code sets"),
    "heading:dashboard:page-list": pgettext_lazy("dashboard menu", "Content"),
    "dashboard:page-list": pgettext_lazy("dashboard menu", "Shop pages"),
    "dashboard:comms-list": pgettext_lazy("dashboard menu", "E-mail templates"),
    "dashboard:reviews-list": pgettext_lazy("dashboard menu", "Product reviews"),
    "dashboard:reports-index": pgettext_lazy("dashboard menu", "Reports"),
}


def _relabelled(entries):
    """Oscar's navigation (a list of dicts) with our labels, Oscar's access functions kept."""
    entries = copy.deepcopy(list(entries))
    for entry in entries:
        children = entry.get("children") or []
        key = f"heading:{children[0].get('url_name')}" if children else entry.get("url_name")
        entry["label"] = OSCAR_LABELS.get(key, entry["label"])
        if children:
            entry["children"] = _relabelled(children)
    return entries


OUR_NAVIGATION = [
    {
        "label": _("My shop"),
        "icon": "fas fa-store-alt",
        "children": [
            {"label": _("Sales figures"), "url_name": "sales-dashboard:figures", "access_fn": PRODUCER},
            {"label": _("Pre-orders"), "url_name": "preorders-dashboard:list", "access_fn": PRODUCER},
            {
                "label": _("Visit sessions"),
                "url_name": "visits-dashboard:session-list",
                "access_fn": PRODUCER,
            },
            {
                "label": _("Listings spreadsheet"),
                "url_name": "spreadsheets-dashboard:listings-import",
                "access_fn": PRODUCER,
            },
            {"label": _("My team"), "url_name": "onboarding-dashboard:team", "access_fn": PRODUCER},
        ],
    },
    {
        "label": _("OCOP and trade"),
        "icon": "fas fa-certificate",
        "children": [
            {
                "label": _("My OCOP certificates"),
                "url_name": "catalog-dashboard:certificate-list",
                "access_fn": PRODUCER,
            },
            {
                "label": _("Lots and traceability"),
                "url_name": "traceability-dashboard:lot-list",
                "access_fn": PRODUCER,
            },
            {"label": _("Trade fairs"), "url_name": "fairs-dashboard:fair-list", "access_fn": PRODUCER},
            {"label": _("Training courses"), "url_name": "training-dashboard:list", "access_fn": PRODUCER},
            {"label": _("Buyer inquiries"), "url_name": "inquiries-dashboard:list", "access_fn": PRODUCER},
        ],
    },
    {
        "label": _("OCOP evaluation"),
        "icon": "fas fa-star",
        "children": [
            {
                "label": _("Register and dossiers"),
                "url_name": "evaluation-dashboard:dossier-list",
                "access_fn": PRODUCER,
            },
        ],
    },
    {
        "label": _("OCOP office"),
        "icon": "fas fa-landmark",
        "children": [
            {
                "label": _("Producer applications"),
                "url_name": "onboarding-dashboard:application-list",
                "access_fn": STAFF,
            },
            {
                "label": _("Listings to moderate"),
                "url_name": "catalog-dashboard:moderation-list",
                "access_fn": STAFF,
            },
            {
                "label": _("All OCOP certificates"),
                "url_name": "catalog-dashboard:certificate-list",
                "access_fn": STAFF,
            },
            {
                "label": _("Re-evaluation queue"),
                "url_name": "catalog-dashboard:evaluation-queue",
                "access_fn": STAFF,
            },
            {
                "label": _("Evaluation rounds"),
                "url_name": "evaluation-dashboard:round-list",
                "access_fn": STAFF,
            },
            {
                "label": _("OCOP criteria sheets"),
                "url_name": "criteria-dashboard:sheet-list",
                "access_fn": STAFF,
            },
            {
                "label": _("Lots and traceability"),
                "url_name": "traceability-dashboard:lot-list",
                "access_fn": STAFF,
            },
            {
                "label": _("Booth applications"),
                "url_name": "fairs-dashboard:staff-fair-list",
                "access_fn": STAFF,
            },
            {
                "label": _("Training courses"),
                "url_name": "training-dashboard:staff-course-list",
                "access_fn": STAFF,
            },
            {
                "label": _("OCOP programme figures"),
                "url_name": "programme-dashboard:figures",
                "access_fn": STAFF,
            },
            {"label": _("Sales figures"), "url_name": "sales-dashboard:figures", "access_fn": STAFF},
            {"label": _("Shop statistics"), "url_name": "dashboard:statistics", "access_fn": STAFF},
            {
                "label": _("Bank transfers"),
                "url_name": "order-dashboard:bank-statement-import",
                "access_fn": STAFF,
            },
            {"label": _("Background tasks"), "url_name": "core-dashboard:tasks", "access_fn": STAFF},
        ],
    },
    {
        "label": _("Evaluation council"),
        "icon": "fas fa-gavel",
        "url_name": "evaluation-dashboard:council-rounds",
        "access_fn": COUNCIL_MEMBER,
    },
    {
        "label": _("Content pages (Wagtail)"),
        "icon": "fas fa-newspaper",
        "url_name": "wagtailadmin_home",
        "access_fn": _shown_to(user_may_edit_pages),
    },
]


def get_nodes(user):
    """The menu entries `user` may see; a heading without a visible entry is left out."""
    visible = []
    for node in create_menu([*_relabelled(settings.OSCAR_DASHBOARD_NAVIGATION), *OUR_NAVIGATION]):
        shown = node.filter(user)
        if shown and (shown.has_children() or not shown.is_heading):
            visible.append(shown)
    return visible
