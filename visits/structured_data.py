"""A visit as schema.org JSON-LD: the product as a `TouristTrip` whose offers are its sessions
to come, and each session as an `Event` (start, end, meeting point, offer, status), so search
engines can show dates, prices and whether places are left. Written into the page through
`core.jsonld` (script-safe)."""

from django.utils import timezone

from core.clock import VIETNAM
from core.localized import localized

IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"
SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"


def _offer(*, session, url: str, left: int) -> dict:
    return {
        "@type": "Offer",
        "url": url,
        "price": f"{session.price:.0f}",
        "priceCurrency": "VND",
        "availability": IN_STOCK if left > 0 and not session.is_cancelled else SOLD_OUT,
        "validThrough": timezone.localtime(session.starts_at, VIETNAM).isoformat(),
    }


def session_event(*, session, url: str, left: int, producer_name: str = "") -> dict:
    product = session.product
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": localized(product, "title").text,
        "startDate": timezone.localtime(session.starts_at, VIETNAM).isoformat(),
        "endDate": timezone.localtime(session.ends_at, VIETNAM).isoformat(),
        "eventStatus": CANCELLED if session.is_cancelled else SCHEDULED,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": session.language,
        "location": {"@type": "Place", "name": session.meeting_point, "address": session.meeting_point},
        "maximumAttendeeCapacity": session.capacity,
        "remainingAttendeeCapacity": left,
        "url": url,
        "offers": _offer(session=session, url=url, left=left),
    }
    if producer_name:
        event["organizer"] = {"@type": "Organization", "name": producer_name}
    return event


def trip_structured(*, product, product_url: str, sessions, session_url, producer_name: str = "") -> dict:
    """`sessions` carry `left`; `session_url(session)` is a session's absolute booking address."""
    trip = {
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": localized(product, "title").text,
        "url": product_url,
        "offers": [_offer(session=s, url=session_url(s), left=s.left) for s in sessions],
        "subEvent": [
            {
                key: value
                for key, value in session_event(session=s, url=session_url(s), left=s.left).items()
                if key != "@context"
            }
            for s in sessions
        ],
    }
    if producer_name:
        trip["provider"] = {"@type": "Organization", "name": producer_name}
    return trip
