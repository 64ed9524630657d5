"""A fair as schema.org `Event` JSON-LD, so search engines can show its dates and place
(written into the page's head, script-safe, by cms/templatetags/structured_data.py).

A fair here is a `fairs.models.FairPage`; this module reads its fields and does not import the
page models, whose `structured_data()` calls it."""

from fairs.choices import FairFormat

ATTENDANCE_MODE = {
    FairFormat.PHYSICAL: "https://schema.org/OfflineEventAttendanceMode",
    FairFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    FairFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _place(fair) -> dict:
    place = {"@type": "Place", "name": fair.venue_name}
    if fair.venue_address:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": fair.venue_address,
            "addressCountry": "VN",
        }
    if fair.map_url:
        place["hasMap"] = fair.map_url
    return place


def fair_event(*, fair, request=None) -> dict:
    locations = []
    if fair.format in (FairFormat.PHYSICAL, FairFormat.HYBRID):
        locations.append(_place(fair))
    if fair.format in (FairFormat.ONLINE, FairFormat.HYBRID) and fair.online_url:
        locations.append({"@type": "VirtualLocation", "url": fair.online_url})
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": fair.title,
        "description": fair.intro,
        "startDate": fair.starts_on.isoformat(),
        "endDate": fair.ends_on.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODE[fair.format],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {"@type": "Organization", "name": fair.organiser},
        "inLanguage": fair.locale.language_code,
        "url": fair.get_full_url(request),
    }
    if fair.image_id:
        rendition = fair.image.get_rendition("width-1200")
        event["image"] = request.build_absolute_uri(rendition.url) if request else rendition.url
    return event
