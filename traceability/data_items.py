"""The ten data items Thông tư 02/2024/TT-BKHCN asks of a traceability system, for one lot.

Shaped for the national traceability portal: one entry per item, numbered as the circular
numbers them, with the production and business stages (item 5) each carrying a product
trace code, a location trace code and an event time ("one step back, one step forward").
"""

import csv
import io

from core.downloads import cell_text_safe
from core.mails import site_url
from traceability.epcis import lot_epc_class
from traceability.selectors import Trace

ITEMS = (
    (1, "product_name", "Tên sản phẩm, hàng hóa"),
    (2, "product_image", "Hình ảnh sản phẩm, hàng hóa"),
    (3, "producer_name", "Tên cơ sở sản xuất, kinh doanh"),
    (4, "producer_address", "Địa chỉ cơ sở sản xuất, kinh doanh"),
    (5, "stages", "Các công đoạn sản xuất, kinh doanh"),
    (6, "production_time", "Thời gian sản xuất, kinh doanh"),
    (7, "traceability_code", "Mã truy vết sản phẩm"),
    (8, "brand", "Nhãn hiệu, thương hiệu, mã ký hiệu, số sê-ri"),
    (9, "shelf_life", "Hạn sử dụng"),
    (10, "applied_standards", "Tiêu chuẩn công bố áp dụng"),
)


def _stage(trace: Trace, step) -> dict:
    event = step.event
    return {
        "step": event.business_step,
        "step_name": str(event.get_business_step_display()),
        "product_trace_code": lot_epc_class(trace.lot),
        "location_trace_code": event.place_code or (event.commune.code if event.commune_id else ""),
        "event_time": step.time.isoformat(timespec="seconds"),
        "actor": event.actor,
        "place": event.place,
    }


def lot_data_items(*, trace: Trace) -> dict:
    """The ten items as a dict, keyed by the names in `ITEMS`."""
    lot, product, producer, trade_item = trace.lot, trace.product, trace.producer, trace.trade_item
    values = {
        "product_name": product.get_title(),
        "product_image": site_url(trace.image.original.url) if trace.image else "",
        "producer_name": producer.name,
        "producer_address": producer.full_address,
        "stages": [_stage(trace, step) for step in trace.timeline],
        "production_time": {
            "produced_on": lot.produced_on.isoformat(),
            "packed_on": lot.packed_on.isoformat() if lot.packed_on else "",
        },
        "traceability_code": {
            "lot_code": lot.code,
            "short_code": lot.short_code,
            "url": trace.url,
            "short_url": trace.short_url,
        },
        "brand": {
            "brand": trade_item.brand if trade_item else "",
            "gtin": trade_item.gtin14 if trade_item else "",
            "geographical_indication": trade_item.geographical_indication if trade_item else "",
        },
        "shelf_life": {"expires_on": lot.expires_on.isoformat() if lot.expires_on else ""},
        "applied_standards": trace.applied_standards,
    }
    return {
        "standard": "Thông tư 02/2024/TT-BKHCN",
        "items": [
            {"number": number, "key": key, "name": name, "value": values[key]} for number, key, name in ITEMS
        ],
    }


def _flatten(prefix: str, value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(f"{prefix}.{key}" if prefix else key, inner)
    elif isinstance(value, list):
        for index, inner in enumerate(value, start=1):
            yield from _flatten(f"{prefix}[{index}]", inner)
    else:
        yield prefix, value


def lot_data_items_csv(*, trace: Trace) -> str:
    """The same items, one value a row (item number, item, field, value), for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "item", "field", "value"])
    for item in lot_data_items(trace=trace)["items"]:
        rows = list(_flatten("", item["value"])) or [("", "")]
        for field, value in rows:
            writer.writerow([cell_text_safe(cell) for cell in (item["number"], item["key"], field, value)])
    return out.getvalue()
