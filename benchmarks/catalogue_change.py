"""One change to one product, made through the ORM so that the site's own signals run (the
cached product cards are forgotten, the search index is told): run by `benchmarks/load.py`
inside `manage.py shell -c`, with the stack's settings, after a first line that sets ARGS.

ARGS = {"do": "pick", "exclude": [ids]}
    a product to change: in stock, with an active, valid OCOP certificate
ARGS = {"do": "price" | "stock" | "certificate", "product": id}
    raise the price by 1.000 ₫ / leave no unit to sell / revoke the certificate
ARGS = {"do": "undo", "product": id, "undo": {...}}
    put back what the change printed as its "undo"

Prints one JSON line: what a page must now show ("shows") or no longer show ("hides"), what
"undo" needs, and when the change was committed ("committed", seconds since the epoch).
Not a test and never imported: pytest does not collect benchmarks.
"""
# ruff: noqa: F821  (ARGS comes from the line load.py puts before this file)

import json
import time
from decimal import Decimal

from django.utils import timezone, translation
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Certificate = get_model("catalogue", "Certificate")

translation.activate("vi")
today = timezone.localdate()
answer = {}

if ARGS["do"] == "pick":
    product = (
        Product.objects.filter(
            certificates__in=Certificate.objects.in_force(on=today),
            stockrecords__num_in_stock__gt=10,
        )
        .exclude(pk__in=ARGS.get("exclude", []))
        .order_by("pk")
        .first()
    )
    answer = {"product": product.pk if product else None}
else:
    record = StockRecord.objects.filter(product_id=ARGS["product"]).order_by("pk").first()
    certificate = Certificate.objects.in_force(on=today).filter(product_id=ARGS["product"]).first()
    if ARGS["do"] == "price":
        answer = {"undo": {"price": str(record.price)}}
        record.price += 1000
        record.save()
        answer["shows"] = currency(record.price)
    elif ARGS["do"] == "stock":
        answer = {"undo": {"num_in_stock": record.num_in_stock}, "hides": "/basket/add/"}
        record.num_in_stock = record.num_allocated or 0
        record.save()
    elif ARGS["do"] == "certificate":
        answer = {
            "undo": {"certificate": certificate.pk},
            "hides": f"Quyết định số {certificate.decision_number}",
        }
        certificate.status = "revoked"
        certificate.save()
    elif ARGS["do"] == "undo":
        undo = ARGS["undo"]
        if "price" in undo:
            record.price = Decimal(undo["price"])
            record.save()
        if "num_in_stock" in undo:
            record.num_in_stock = undo["num_in_stock"]
            record.save()
        if "certificate" in undo:
            certificate = Certificate.objects.get(pk=undo["certificate"])
            certificate.status = "active"
            certificate.save()

answer["committed"] = time.time()  # autocommit: each save() above is committed when it returns
print(json.dumps(answer, ensure_ascii=False))
