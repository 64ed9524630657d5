"""A producer's listings in bulk: the rows of its export, and the import of a spreadsheet.

Each row is one listing of the producer, known by its SKU (`StockRecord.partner_sku`):

- a SKU of this producer updates its listing: price and stock at once; a change of title,
  description, product group or origin waits for the OCOP office as a `ListingChange` when the
  product is published, and is applied (then sent for approval again, as the product form does)
  when it is not;
- a new SKU creates a hidden product with this producer's stock record, sent for approval;
  it gets the product type most used in its product group;
- a SKU that another producer uses is refused: SKUs name listings across the marketplace.

A blank cell, or a column the file does not have, leaves that field as it is (an origin cannot
be removed this way). The status column and any column not known (such as a forged producer)
are never read: the producer is always the one the import is for. Every row is checked before
anything is written; one bad row and nothing is saved.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog import moderation
from catalog.models import ModerationStatus
from core.html import html_clean
from core.vietnamese import fold, slugify
from places.models import Commune
from spreadsheets.columns import BY_KEY, READ_ONLY
from spreadsheets.reading import NotWhole, RowError, SheetRow, cell_text, whole_number

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

MAX_PRICE = 1_000_000_000
MAX_STOCK = 1_000_000
GROUP_SEPARATOR = ";"
_PATH_SEPARATOR = ">"
# Where a model's validation error is shown: the column the field comes from.
_FIELD_COLUMNS = {
    "title": "title",
    "slug": "title",
    "upc": "upc",
    "description": "description",
    "title_en": "title_en",
    "description_en": "description_en",
    "origin_commune": "commune",
    "origin_district": "commune",
    "price": "price",
    "num_in_stock": "stock",
    "partner_sku": "sku",
}


@dataclass(frozen=True)
class ListingRow:
    """One row of the export; the attributes are the column keys of `spreadsheets.columns`."""

    sku: str
    upc: str
    title: str
    group: str
    commune: str
    price: int | None
    stock: int | None
    status: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    updated: int = 0  # listings of the producer with a change, applied or sent for approval
    created: int = 0  # new listings, all waiting for approval
    moderated: int = 0  # rows sent to the OCOP office (new listings and content changes)
    unchanged: int = 0
    submitted: list = field(default_factory=list, repr=False)  # the ListingChanges, for one mail to staff

    @property
    def ok(self) -> bool:
        return not self.errors


def _whole(value) -> int | None:
    return None if value is None else int(value)


def _categories_of(product) -> list:
    owner = product.parent if product.is_child else product
    return sorted(owner.categories.all(), key=lambda category: category.path)


class _Groups:
    """The product groups (Oscar categories) by name and by path ("Thực phẩm > Gia vị"),
    compared without tones or case."""

    def __init__(self):
        categories = list(Category.objects.order_by("path"))
        by_path = {category.path: category for category in categories}
        self.by_name = defaultdict(list)
        self.by_full_name = {}
        self.full_names = {}
        for category in categories:
            ancestors = [
                by_path.get(category.path[:end])
                for end in range(Category.steplen, len(category.path) + 1, Category.steplen)
            ]
            full_name = f" {_PATH_SEPARATOR} ".join(a.name for a in ancestors if a is not None)
            self.full_names[category.pk] = full_name
            self.by_name[self.key(category.name)].append(category)
            self.by_full_name[self.key(full_name)] = category

    @staticmethod
    def key(text) -> str:
        parts = str(text).split(_PATH_SEPARATOR)
        return f" {_PATH_SEPARATOR} ".join(" ".join(fold(part).lower().split()) for part in parts)

    def shown(self, category) -> str:
        """Its name, or its path when another group has the same name."""
        if len(self.by_name[self.key(category.name)]) > 1:
            return self.full_names[category.pk]
        return category.name

    def find(self, text):
        """(category, None) or (None, error message)."""
        key = self.key(text)
        if _PATH_SEPARATOR in key:
            category = self.by_full_name.get(key)
        else:
            found = self.by_name.get(key, [])
            if len(found) > 1:
                return None, _(
                    "“%(value)s” is the name of several product groups: write it with its parent, "
                    "such as “Thực phẩm > Gia vị”."
                ) % {"value": text}
            category = found[0] if found else None
        if category is None:
            return None, _("“%(value)s” is not a product group.") % {"value": text}
        return category, None


def _records(partner):
    return (
        StockRecord.objects.filter(partner=partner)
        .select_related("product__origin_commune", "product__parent__origin_commune")
        .prefetch_related(
            Prefetch("product__categories", queryset=Category.objects.order_by("path")),
            Prefetch("product__parent__categories", queryset=Category.objects.order_by("path")),
        )
    )


def _listing_row(record, groups) -> ListingRow:
    product = record.product
    commune = product.origin_commune or (product.parent.origin_commune if product.is_child else None)
    return ListingRow(
        sku=record.partner_sku,
        upc=product.upc or "",
        title=product.get_title(),
        group=f"{GROUP_SEPARATOR} ".join(groups.shown(category) for category in _categories_of(product)),
        commune=commune.code if commune else "",
        price=_whole(record.price),
        stock=record.num_in_stock,
        status=product.get_moderation_status_display(),
    )


def listings_export_rows(*, partner) -> list[ListingRow]:
    """The producer's listings, one per stock record, by SKU."""
    groups = _Groups()
    return [_listing_row(record, groups) for record in _records(partner).order_by("partner_sku", "pk")]


@dataclass
class _Plan:
    row: SheetRow
    sku: str
    record: object = None  # the producer's stock record; None for a new listing
    price: int | None = None  # None: unchanged
    stock: int | None = None
    changes: dict = field(default_factory=dict)  # moderated fields that change -> new values
    upc: str | None = None  # a new barcode, or None
    product_class: object = None


class _Checker:
    """Checks every row against the database (read only), collecting the errors."""

    def __init__(self, *, partner, rows):
        self.partner = partner
        self.rows = rows
        self.errors: list[RowError] = []
        skus = {cell_text(row.values.get("sku")) for row in rows} - {""}
        # Locked until the import commits, so that what was checked is what gets written.
        own = _records(partner).filter(partner_sku__in=skus).select_for_update(of=("self",))
        self.own = {record.partner_sku: record for record in own}
        self.elsewhere = set(
            StockRecord.objects.filter(partner_sku__in=skus - set(self.own))
            .exclude(partner=partner)
            .values_list("partner_sku", flat=True)
        )
        upcs = {cell_text(row.values.get("upc")) for row in rows} - {""}
        self.upc_owners = dict(Product.objects.filter(upc__in=upcs).values_list("upc", "pk"))
        codes = {cell_text(row.values.get("commune")) for row in rows} - {""}
        codes |= {code.zfill(5) for code in codes if code.isdigit()}
        self.communes = {
            commune.code: commune
            for commune in Commune.objects.filter(code__in=codes, province__is_current=True)
        }
        self.groups = _Groups()
        self.classes = {}

    def error(self, row, key, message):
        column = (row.headers.get(key) or str(BY_KEY[key].label)) if key else ""
        self.errors.append(RowError(row.number, column, message))

    def model_errors(self, row, error: ValidationError):
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.error(row, "", message)
            return
        for name, messages in error.message_dict.items():
            key = _FIELD_COLUMNS.get(name, "") if name != NON_FIELD_ERRORS else ""
            for message in messages:
                self.error(row, key, message)

    def plans(self) -> list[_Plan]:
        plans, seen_skus, seen_upcs = [], {}, {}
        for row in self.rows:
            plan = self.plan(row, seen_skus, seen_upcs)
            if plan is not None:
                plans.append(plan)
        return plans

    def plan(self, row, seen_skus, seen_upcs) -> _Plan | None:
        before = len(self.errors)
        sku = cell_text(row.values.get("sku"))
        if not sku:
            self.error(row, "sku", _("The SKU is missing: each row needs the SKU of its listing."))
            return None
        if len(sku) > 128:
            self.error(row, "sku", _("A SKU has at most 128 characters."))
            return None
        if sku in seen_skus:
            self.error(row, "sku", _("Same SKU as row %(row)d.") % {"row": seen_skus[sku]})
            return None
        seen_skus[sku] = row.number
        if sku in self.elsewhere:
            # Says nothing of whose it is.
            self.error(row, "sku", _("This SKU is used by another producer's listing: choose another SKU."))
            return None
        plan = _Plan(row=row, sku=sku, record=self.own.get(sku))
        new = plan.record is None
        plan.price = self.number(row, "price", maximum=MAX_PRICE, required=new)
        plan.stock = self.number(row, "stock", maximum=MAX_STOCK, required=new)
        title = self.title(row, required=new)
        # Cleaned as the product will keep it, so that an unchanged cell is no change.
        description = html_clean(cell_text(row.values.get("description")))
        english = self.english(row)
        commune = self.commune(row)
        categories = self.categories(row, required=new)
        upc = self.upc(row, plan, seen_upcs)
        if len(self.errors) > before:
            return None
        if new:
            self.new_listing(plan, title, description, commune, categories, upc)
        else:
            self.listing_changes(plan, title, description, commune, categories, upc)
        if plan.changes is not None and len(self.errors) == before:
            self.english_changes(plan, english, new=new)
        return plan if len(self.errors) == before else None

    def number(self, row, key, *, maximum, required):
        value = row.values.get(key)
        if cell_text(value) == "":
            if required:
                self.error(row, key, _("A new listing needs a value here."))
            return None
        try:
            number = whole_number(value)
        except NotWhole:
            if key == "price":
                message = _("“%(value)s” is not a whole amount in đồng (such as 150000 or 150.000).")
            else:
                message = _("“%(value)s” is not a whole number of units.")
            self.error(row, key, message % {"value": cell_text(value)})
            return None
        shown_limit = f"{maximum:,}".replace(",", ".")
        if number < 0:
            self.error(row, key, _("This cannot be negative."))
        elif key == "price" and number > maximum:
            self.error(row, key, _("A price is at most %(limit)s đồng.") % {"limit": shown_limit})
        elif number > maximum:
            self.error(row, key, _("The stock is at most %(limit)s units.") % {"limit": shown_limit})
        else:
            return number
        return None

    def title(self, row, *, required):
        title = " ".join(cell_text(row.values.get("title")).split())
        if not title and required:
            self.error(row, "title", _("A new listing needs a title."))
        elif len(title) > 255:
            self.error(row, "title", _("A title has at most 255 characters."))
        return title

    def english(self, row) -> dict:
        """The row's English title and description (`core.localized`), where given."""
        title_en = " ".join(cell_text(row.values.get("title_en")).split())
        if len(title_en) > 255:
            self.error(row, "title_en", _("A title has at most 255 characters."))
        # Cleaned as the product will keep it, so that an unchanged cell is no change.
        description_en = html_clean(cell_text(row.values.get("description_en")))
        return {
            name: value
            for name, value in (("title_en", title_en), ("description_en", description_en))
            if value
        }

    def english_changes(self, plan, english, *, new):
        """The English that differs from the listing's, moderated with the rest of its content."""
        product = None if new else plan.record.product
        changed = {
            name: value for name, value in english.items() if new or value != getattr(product, name).strip()
        }
        if changed and not new and product.is_child:
            self.error(plan.row, "", _("This SKU is a variant: change its English in the product form."))
            return
        plan.changes.update(changed)

    def commune(self, row):
        code = cell_text(row.values.get("commune"))
        if not code:
            return None
        commune = self.communes.get(code) or (self.communes.get(code.zfill(5)) if code.isdigit() else None)
        if commune is None:
            self.error(row, "commune", _("“%(value)s” is not the code of a commune.") % {"value": code})
        return commune

    def categories(self, row, *, required):
        text = cell_text(row.values.get("group"))
        names = [name.strip() for name in text.split(GROUP_SEPARATOR) if name.strip()]
        if not names:
            if required:
                self.error(row, "group", _("A new listing needs a product group."))
            return None
        categories = []
        for name in names:
            category, message = self.groups.find(name)
            if message:
                self.error(row, "group", message)
            elif category not in categories:
                categories.append(category)
        return categories

    def upc(self, row, plan, seen_upcs):
        upc = cell_text(row.values.get("upc"))
        if not upc:
            return None
        if len(upc) > 64:
            self.error(row, "upc", _("A UPC has at most 64 characters."))
            return None
        if upc in seen_upcs:
            self.error(row, "upc", _("Same UPC as row %(row)d.") % {"row": seen_upcs[upc]})
            return None
        seen_upcs[upc] = row.number
        product_id = plan.record.product_id if plan.record else None
        owner = self.upc_owners.get(upc)
        if owner is not None and owner != product_id:
            self.error(row, "upc", _("This UPC is already used by another product."))
            return None
        return upc if owner is None else None

    def product_class(self, categories):
        """The product type most used in these groups, else in the whole catalogue."""
        key = frozenset(category.pk for category in categories)
        if key not in self.classes:
            used = Product.objects.filter(product_class__isnull=False)
            in_groups = used.filter(categories__in=key)
            for products in (in_groups, used):
                counts = products.values("product_class").annotate(count=Count("pk", distinct=True))
                top = counts.order_by("-count", "product_class").first()
                if top:
                    self.classes[key] = ProductClass.objects.get(pk=top["product_class"])
                    break
            else:
                self.classes[key] = ProductClass.objects.order_by("pk").first()
        return self.classes[key]

    def new_listing(self, plan, title, description, commune, categories, upc):
        plan.product_class = self.product_class(categories)
        if plan.product_class is None:
            self.error(plan.row, "", _("The marketplace has no product type yet: ask the OCOP office."))
            return
        plan.upc = upc
        plan.changes = {
            "title": title,
            "description": description,
            "origin_commune": commune,
            "categories": categories,
        }
        candidate = _new_product(plan)
        try:
            candidate.full_clean()
        except ValidationError as error:
            self.model_errors(plan.row, error)

    def listing_changes(self, plan, title, description, commune, categories, upc):
        record, product = plan.record, plan.record.product
        exported = _listing_row(record, self.groups)
        changes = {}
        if title and title != " ".join(exported.title.split()):
            changes["title"] = title
        if description and description != product.description.strip():
            changes["description"] = description
        if commune is not None and commune.code != exported.commune:
            changes["origin_commune"] = commune
        current = [category.pk for category in _categories_of(product)]
        if categories is not None and sorted(c.pk for c in categories) != sorted(current):
            changes["categories"] = categories
        published = product.moderation_status == ModerationStatus.PUBLISHED
        if (changes or upc) and product.is_child:
            self.error(
                plan.row,
                "",
                _("This SKU is a variant: change its title, group, origin or UPC in the product form."),
            )
            return
        if upc and published:
            self.error(
                plan.row,
                "upc",
                _("The UPC of a published listing cannot be changed here: ask the OCOP office."),
            )
            return
        plan.changes, plan.upc = changes, upc
        if changes or upc:
            candidate = Product.objects.get(pk=product.pk)
            _set_content(candidate, plan)
            try:
                candidate.full_clean()
            except ValidationError as error:
                self.model_errors(plan.row, error)


def _set_content(product, plan):
    changes = plan.changes
    if "title" in changes:
        product.title = changes["title"]
    if "description" in changes:
        product.description = changes["description"]
    if "origin_commune" in changes:
        product.origin_commune = changes["origin_commune"]
    for name in ("title_en", "description_en"):
        if name in changes:
            setattr(product, name, changes[name])
    if plan.upc:
        product.upc = plan.upc


def _new_product(plan):
    product = Product(
        structure=Product.STANDALONE,
        product_class=plan.product_class,
        slug=slugify(plan.changes["title"])[:255] or "san-pham",
        is_public=False,
        moderation_status=ModerationStatus.PENDING,
    )
    _set_content(product, plan)
    return product


def _after(product, changes) -> dict:
    """The moderated content once `changes` are made, as `ListingChange.after` holds it."""
    after = moderation.listing_snapshot(product)
    for name, value in changes.items():
        if name == "origin_commune":
            value = value.pk if value else None
        elif name == "categories":
            value = sorted(category.pk for category in value)
        after[name] = value
    return after


def _create(plan, *, partner, by, report):
    product = _new_product(plan)

    def save_all():
        product.full_clean()
        product.save()
        product.categories.set(plan.changes["categories"])
        record = StockRecord(
            product=product,
            partner=partner,
            partner_sku=plan.sku,
            price=plan.price,
            num_in_stock=plan.stock,
        )
        record.full_clean()
        record.save()

    change = moderation.listing_edit(product=product, by=by, save_all=save_all, notify_staff=False)
    report.submitted.append(change)
    report.created += 1
    report.moderated += 1


def _update(plan, *, by, report):
    record, product = plan.record, plan.record.product
    changed = False
    if plan.price is not None and plan.price != record.price:
        record.price, changed = plan.price, True
    if plan.stock is not None and plan.stock != record.num_in_stock:
        record.num_in_stock, changed = plan.stock, True

    def save_at_once():
        if changed:
            record.full_clean()
            record.save()

    def save_all():
        save_at_once()
        if plan.changes or plan.upc:
            _set_content(product, plan)
            product.full_clean()
            product.save()
            if "categories" in plan.changes:
                product.categories.set(plan.changes["categories"])

    change = moderation.listing_edit(
        product=product,
        by=by,
        proposed=_after(product, plan.changes) if plan.changes else None,
        save_all=save_all,
        save_at_once=save_at_once,
        # Not on sale: sent for approval again only when its content changes.
        submit=bool(plan.changes),
        notify_staff=False,
    )
    if change is not None:
        report.submitted.append(change)
        report.moderated += 1
    if changed or plan.changes or plan.upc:
        report.updated += 1
    else:
        report.unchanged += 1


class _Refused(Exception):
    pass


def listings_import(*, partner, rows: list[SheetRow], by) -> ImportReport:
    """Check every row, then write them all in one transaction; with any error, write nothing."""
    report = ImportReport()
    rows = [
        SheetRow(row.number, {k: v for k, v in row.values.items() if k not in READ_ONLY}, row.headers)
        for row in rows
    ]
    try:
        with transaction.atomic():
            checker = _Checker(partner=partner, rows=rows)
            plans = checker.plans()
            if checker.errors:
                report.errors = checker.errors
                raise _Refused
            for plan in plans:
                try:
                    if plan.record is None:
                        _create(plan, partner=partner, by=by, report=report)
                    else:
                        _update(plan, by=by, report=report)
                except ValidationError as error:
                    checker.model_errors(plan.row, error)
                    report.errors = checker.errors
                    raise _Refused from error
                except IntegrityError as error:
                    # Another import or form saved the same SKU or UPC meanwhile.
                    checker.error(
                        plan.row, "", _("This row clashes with a change made meanwhile: import again.")
                    )
                    report.errors = checker.errors
                    raise _Refused from error
            moderation.listings_submitted_notify(changes=report.submitted, partner=partner)
    except _Refused:
        logger.info("Listings import for producer %s refused: %d errors", partner.pk, len(report.errors))
        return ImportReport(errors=report.errors)
    logger.info(
        "Listings import for producer %s by %s: %d updated, %d created, %d sent for approval",
        partner.pk,
        by,
        report.updated,
        report.created,
        report.moderated,
    )
    return report
