"""The trace page as JSON, for mobile apps and the national traceability portal.

The same selectors as the page, so the API never shows what the page would not: an unknown,
unpublished or hidden lot is a 404 either way.
"""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from core.mails import site_url
from traceability.selectors import Trace, lot_get_public, lot_trace

router = Router(tags=["traceability"])


class ProductOut(Schema):
    name: str
    url: str
    image: str | None
    brand: str
    gtin: str
    geographical_indication: str


class OcopCertificateOut(Schema):
    stars: int
    decision_number: str
    decision_date: datetime.date
    issuer: str
    valid_until: datetime.date


class ProducerOut(Schema):
    name: str
    legal_type: str
    address: str
    phone: str
    email: str
    website: str


class OriginOut(Schema):
    growing_area: str
    growing_area_code: str
    commune: str | None
    province: str | None
    legacy_districts: list[str]


class LotOut(Schema):
    code: str
    short_code: str
    produced_on: datetime.date
    packed_on: datetime.date | None
    expires_on: datetime.date | None
    expired: bool  # past its use-by date today (Vietnam's date)
    quantity: Decimal
    unit: str


class CertificationOut(Schema):
    scheme: str
    scheme_name: str
    issuer: str
    number: str
    valid_from: datetime.date
    valid_to: datetime.date
    scan: str | None


class InspectionOut(Schema):
    inspected_on: datetime.date
    kind: str
    inspector: str
    report_number: str
    result: str
    summary: str


class EventOut(Schema):
    event_type: str
    action: str
    business_step: str
    business_step_name: str
    time: datetime.datetime
    description: str
    actor: str
    place: str
    place_code: str
    quantity: Decimal | None
    unit: str


class TraceOut(Schema):
    url: str
    short_url: str
    product: ProductOut
    ocop_certificate: OcopCertificateOut | None
    producer: ProducerOut
    origin: OriginOut
    lot: LotOut
    certifications: list[CertificationOut]
    inspections: list[InspectionOut]
    timeline: list[EventOut]
    applied_standards: list[str]


class NotFoundOut(Schema):
    detail: str


def _file_url(field) -> str | None:
    return site_url(field.url) if field else None


def trace_out(trace: Trace) -> dict:
    lot, product, producer, item, certificate = (
        trace.lot,
        trace.product,
        trace.producer,
        trace.trade_item,
        trace.certificate,
    )
    commune = lot.origin_commune or product.origin_commune
    return {
        "url": trace.url,
        "short_url": trace.short_url,
        "product": {
            "name": product.get_title(),
            "url": site_url(product.get_absolute_url()),
            "image": _file_url(trace.image.original) if trace.image else None,
            "brand": item.brand if item else "",
            "gtin": item.gtin14 if item else "",
            "geographical_indication": item.geographical_indication if item else "",
        },
        "ocop_certificate": {
            "stars": certificate.stars,
            "decision_number": certificate.decision_number,
            "decision_date": certificate.decision_date,
            "issuer": certificate.issuer_name,
            "valid_until": certificate.valid_to,
        }
        if certificate
        else None,
        "producer": {
            "name": producer.name,
            "legal_type": str(producer.get_legal_type_display()),
            "address": producer.full_address,
            "phone": producer.phone.as_e164 if producer.phone else "",
            "email": producer.email,
            "website": producer.website,
        },
        "origin": {
            "growing_area": lot.growing_area,
            "growing_area_code": lot.growing_area_code,
            "commune": commune.full_name if commune else None,
            "province": commune.province.full_name if commune else None,
            "legacy_districts": [district.full_name for district in trace.legacy_districts],
        },
        "lot": {
            "code": lot.code,
            "short_code": lot.short_code,
            "produced_on": lot.produced_on,
            "packed_on": lot.packed_on,
            "expires_on": lot.expires_on,
            "expired": trace.expired,
            "quantity": lot.quantity,
            "unit": lot.unit,
        },
        "certifications": [
            {
                "scheme": c.scheme,
                "scheme_name": c.scheme_label,
                "issuer": c.issuer,
                "number": c.number,
                "valid_from": c.valid_from,
                "valid_to": c.valid_to,
                "scan": _file_url(c.scan),
            }
            for c in trace.certifications
        ],
        "inspections": [
            {
                "inspected_on": i.inspected_on,
                "kind": i.kind,
                "inspector": i.inspector,
                "report_number": i.report_number,
                "result": i.result,
                "summary": i.summary,
            }
            for i in trace.inspections
        ],
        "timeline": [
            {
                "event_type": step.event.event_type,
                "action": step.event.action,
                "business_step": step.event.business_step,
                "business_step_name": str(step.event.get_business_step_display()),
                "time": step.time,
                "description": step.event.description,
                "actor": step.event.actor,
                "place": step.event.place,
                "place_code": step.event.place_code,
                "quantity": step.event.quantity,
                "unit": step.event.unit,
            }
            for step in trace.timeline
        ],
        "applied_standards": trace.applied_standards,
    }


NOT_FOUND = {"detail": "No published lot has this trace code."}


@router.get(
    "/trace/{short_code}", response={200: TraceOut, 404: NotFoundOut}, summary="A lot by its short trace code"
)
def trace_by_short_code(request, short_code: str):
    lot = lot_get_public(short_code=short_code)
    return Status(200, trace_out(lot_trace(lot=lot))) if lot else Status(404, NOT_FOUND)


@router.get(
    "/trace/01/{gtin}/10/{lot}",
    response={200: TraceOut, 404: NotFoundOut},
    summary="A lot by its GS1 Digital Link (GTIN and lot code)",
)
def trace_by_digital_link(request, gtin: str, lot: str):
    found = lot_get_public(gtin=gtin, lot_code=lot)
    return Status(200, trace_out(lot_trace(lot=found))) if found else Status(404, NOT_FOUND)
