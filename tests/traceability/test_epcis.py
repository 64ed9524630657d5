"""The EPCIS export read against the EPCIS 2.0 event structure (GS1 EPCIS 2.0 JSON schema:
`event` requires eventTime and eventTimeZoneOffset; ObjectEvent requires action and an
epcList or quantityList; TransformationEvent has no action and needs input or output lists;
ILMD only on ADD)."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from tests.traceability.conftest import GTIN_13

pytestmark = pytest.mark.django_db

OFFSET = re.compile(r"^[+-](0\d|1[0-3]):[0-5]\d$|^[+-]14:00$")
REQUIRED = {
    "ObjectEvent": {"type", "eventTime", "eventTimeZoneOffset", "action", "quantityList"},
    "TransformationEvent": {"type", "eventTime", "eventTimeZoneOffset", "inputQuantityList"},
}


@pytest.fixture
def document(client, public_lot):
    response = client.get(reverse("traceability:lot-epcis", kwargs={"code": public_lot.short_code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content)


def test_document_envelope(document):
    assert document["@context"] == "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
    assert document["type"] == "EPCISDocument"
    assert document["schemaVersion"] == "2.0"
    assert datetime.datetime.fromisoformat(document["creationDate"]).utcoffset() == datetime.timedelta(0)
    assert [event["type"] for event in document["epcisBody"]["eventList"]] == [
        "ObjectEvent",
        "ObjectEvent",
        "TransformationEvent",
    ]


def test_every_event_has_the_keys_its_type_requires(document):
    for event in document["epcisBody"]["eventList"]:
        assert REQUIRED[event["type"]] <= set(event), event
        when = datetime.datetime.fromisoformat(event["eventTime"])
        assert when.utcoffset() == datetime.timedelta(hours=7)
        assert event["eventTime"].endswith("+07:00")
        assert OFFSET.match(event["eventTimeZoneOffset"])
        assert event["bizStep"] in {"commissioning", "packing", "creating_class_instance"}
        assert set(event["readPoint"]) == {"id"}


def test_transformation_has_no_action_and_links_input_to_output_lot(document, public_lot):
    transformation = document["epcisBody"]["eventList"][2]
    assert "action" not in transformation
    assert transformation["inputQuantityList"] == [
        {
            "epcClass": f"https://id.gs1.org/01/{GTIN_13.zfill(14)}/10/LN-2025-07",
            "quantity": 900,
            "uom": "KGM",
        }
    ]
    dried = public_lot.events.get(event_type="TransformationEvent").output_lot
    # the dried lychee has no GTIN: its class is our own short trace link
    assert transformation["outputQuantityList"] == [
        {"epcClass": f"http://localhost:8000/t/{dried.short_code}", "quantity": 300, "uom": "KGM"}
    ]
    assert "ilmd" not in transformation


def test_ilmd_only_on_the_commissioning_add_event(document, public_lot):
    harvest, packing, _ = document["epcisBody"]["eventList"]
    assert harvest["action"] == "ADD"
    assert harvest["ilmd"] == {
        "cbvmda:harvestStartDate": public_lot.produced_on.isoformat(),
        "cbvmda:lotNumber": "LN-2025-07",
        "cbvmda:itemExpirationDate": public_lot.expires_on.isoformat(),
        "cbvmda:farmList": [{"cbvmda:farmIdentification": "VN-BG-LN-0042"}],
        "cbvmda:countryOfOrigin": "VN",
    }
    assert packing["action"] == "OBSERVE"
    assert "ilmd" not in packing


def test_locations_use_sgln_only_when_given_in_gs1_form(document, public_lot):
    harvest, packing, _ = document["epcisBody"]["eventList"]
    assert packing["readPoint"] == {"id": "urn:epc:id:sgln:8938505.00001.0"}
    assert harvest["bizLocation"] == {
        "id": f"http://localhost:8000/t/{public_lot.short_code}#place-VN-BG-LN-0042"
    }


def test_quantities_are_the_lots_gs1_digital_link_class(document):
    harvest = document["epcisBody"]["eventList"][0]
    assert harvest["quantityList"] == [
        {
            "epcClass": f"https://id.gs1.org/01/{GTIN_13.zfill(14)}/10/LN-2025-07",
            "quantity": 1200,
            "uom": "KGM",
        }
    ]


def test_an_unpublished_output_lot_stays_out_of_the_export(client, public_lot):
    dried = public_lot.events.get(event_type="TransformationEvent").output_lot
    dried.is_published = False
    dried.save()

    response = client.get(reverse("traceability:lot-epcis", kwargs={"code": public_lot.short_code}))

    transformation = json.loads(response.content)["epcisBody"]["eventList"][2]
    assert "outputQuantityList" not in transformation
    assert dried.short_code not in response.content.decode()
