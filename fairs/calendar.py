"""Fairs as iCalendar (RFC 5545), for a buyer's or a producer's calendar app.

The `icalendar` package writes the format (line folding at 75 octets, CRLF, escaping). A fair
is an all-day event: DTEND is the day after its last day, as RFC 5545 counts it. The UID
comes from the page's translation key, so the event stays one event when the page is edited
or read in another language, and a calendar that subscribed updates it instead of adding it.

A fair here is a `fairs.models.FairPage`; this module reads its fields and does not import the
page models, whose calendar routes call it.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from fairs.choices import FairFormat

PRODID = "-//OCOP Bac Giang//Trade fairs//VI"


def _uid(fair) -> str:
    host = urlsplit(settings.MARKETPLACE_BASE_URL).hostname or "localhost"
    return f"fair-{fair.translation_key}@{host}"


def _location(fair) -> str:
    if fair.format == FairFormat.ONLINE:
        return fair.online_url
    return ", ".join(part for part in (fair.venue_name, fair.venue_address) if part)


def fair_event(*, fair, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(fair))
    event.add("dtstamp", fair.last_published_at or timezone.now())
    event.add("summary", fair.title)
    event.add("dtstart", fair.starts_on)
    event.add("dtend", fair.ends_on + datetime.timedelta(days=1))
    location = _location(fair)
    if location:
        event.add("location", location)
    # No ORGANIZER: RFC 5545 wants a mail address there, for invitations; a published event
    # names its organiser in the description.
    event.add("description", f"{fair.intro}\n\n{fair.organiser}")
    event.add("url", url)
    return event


def fairs_calendar(*, fairs: list[tuple], name: str) -> bytes:
    """The calendar file for `fairs`, each a (fair page, its absolute URL) pair."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for fair, url in fairs:
        calendar.add_component(fair_event(fair=fair, url=url))
    return calendar.to_ical()
