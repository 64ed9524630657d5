"""A lot's (or a product's) supply-chain events as a GS1 EPCIS 2.0 `EPCISDocument` in JSON-LD.

Identifiers, decided so that every one is a URI a reader can dereference:

- what: `epcClass` is the lot class as a GS1 Digital Link on GS1's resolver
  (`https://id.gs1.org/01/<gtin14>/10/<lot>`) when the product has a GTIN; without a GTIN it is
  our own absolute short trace link (`<site>/t/<code>`), since we hold no GS1 company prefix;
- where: `readPoint`/`bizLocation` use `urn:epc:id:sgln:...` only when the producer typed a
  location code already in that form; a bare 13-digit GLN cannot be split into company prefix
  and location reference without knowing the prefix length, so it is not guessed. Otherwise
  the location is our trace page's URL with a fragment naming the place code (a growing-area
  code, say) or the event, which keeps the place resolvable to its description;
- ILMD (harvest date, growing area, expiry as `cbvmda:` keys) goes on the lot's
  commissioning `ADD` ObjectEvent only, as EPCIS allows ILMD on ADD events alone;
- EPCIS requires a business transaction on a TransactionEvent and a parent on
  Association/Aggregation events; we store neither, so they point at the event on our page.
"""

import datetime
from decimal import Decimal
from urllib.parse import quote

from django.utils import timezone

from traceability.models import BusinessStep, EventAction, EventType
from traceability.selectors import event_local_time, lot_digital_link, lot_public_url

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
ILMD_STEPS = {BusinessStep.COMMISSIONING, BusinessStep.COMMISSIONING_PROCESS}


def lot_epc_class(lot) -> str:
    return lot_digital_link(lot) or lot_public_url(lot, short=True)


def _number(value: Decimal):
    """EPCIS quantities are JSON numbers: whole ones without a trailing `.000`."""
    return int(value) if value == value.to_integral_value() else float(value)


def _location(event) -> dict:
    code = event.place_code.strip()
    if code.startswith("urn:epc:id:sgln:"):
        return {"id": code}
    anchor = f"place-{quote(code, safe='')}" if code else f"event-{event.pk}"
    return {"id": f"{lot_public_url(event.lot, short=True)}#{anchor}"}


def _quantity(lot, event) -> dict:
    quantity, unit = (event.quantity, event.unit) if event.quantity is not None else (lot.quantity, lot.unit)
    return {"epcClass": lot_epc_class(lot), "quantity": _number(quantity), "uom": unit}


def _ilmd(lot) -> dict:
    """CBV 2.0 master data of the lot: harvest date, lot number, expiry, farm (growing area)."""
    ilmd = {"cbvmda:harvestStartDate": lot.produced_on.isoformat(), "cbvmda:lotNumber": lot.code}
    if lot.expires_on:
        ilmd["cbvmda:itemExpirationDate"] = lot.expires_on.isoformat()
    if lot.growing_area_code:
        ilmd["cbvmda:farmList"] = [{"cbvmda:farmIdentification": lot.growing_area_code}]
    if lot.origin_commune_id:
        ilmd["cbvmda:countryOfOrigin"] = "VN"
    return ilmd


def event_document(event) -> dict:
    """One TraceEvent as an EPCIS 2.0 event object."""
    lot = event.lot
    local = event_local_time(event)
    data = {
        "type": event.event_type,
        "eventTime": local.isoformat(timespec="seconds"),
        "eventTimeZoneOffset": local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:],
        "eventID": f"{lot_public_url(lot, short=True)}#event-{event.pk}",
        "recordTime": timezone.localtime(event.recorded_at).isoformat(timespec="seconds"),
        "readPoint": _location(event),
        "bizLocation": _location(event),
    }
    if event.business_step != BusinessStep.OTHER:  # "other" (farm diary) is ours, not a CBV step
        data["bizStep"] = event.business_step
    if event.event_type == EventType.TRANSFORMATION:
        data["inputQuantityList"] = [_quantity(lot, event)]
        output = event.output_lot
        if output is not None and output.is_public:  # an unpublished lot stays out of exports
            data["outputQuantityList"] = [
                {"epcClass": lot_epc_class(output), "quantity": _number(output.quantity), "uom": output.unit}
            ]
        return data
    data["action"] = event.action
    if event.event_type == EventType.OBJECT:
        data["quantityList"] = [_quantity(lot, event)]
        if event.action == EventAction.ADD and event.business_step in ILMD_STEPS:
            data["ilmd"] = _ilmd(lot)
    elif event.event_type in (EventType.AGGREGATION, EventType.ASSOCIATION):
        data["parentID"] = data["eventID"]
        data["childQuantityList"] = [_quantity(lot, event)]
    elif event.event_type == EventType.TRANSACTION:
        data["bizTransactionList"] = [{"bizTransaction": data["eventID"]}]
        data["quantityList"] = [_quantity(lot, event)]
    return data


def epcis_document(*, lots) -> dict:
    """The EPCIS document of the events of `lots` (public lots from the selectors), oldest first."""
    events = sorted((event for lot in lots for event in lot.events.all()), key=lambda e: (e.event_time, e.pk))
    for lot in lots:  # the events' `lot` is the very lot fetched, with its prefetched product
        for event in lot.events.all():
            event.lot = lot
    return {
        "@context": EPCIS_CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "epcisBody": {"eventList": [event_document(event) for event in events]},
    }
