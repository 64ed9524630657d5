"""A course as schema.org `Course` JSON-LD with one `CourseInstance` per session, so search
engines can show when and where it is held (written into the page's head, script-safe, by
cms/templatetags/structured_data.py).

A course here is a `training.models.CoursePage` and its sessions; this module reads their
fields and does not import the page models, whose `structured_data()` calls it."""


def _instance(session) -> dict:
    instance = {
        "@type": "CourseInstance",
        "name": session.title or None,
        "startDate": session.starts_at.isoformat(),
        "endDate": session.ends_at.isoformat(),
        "instructor": {"@type": "Person", "name": session.trainer},
    }
    if session.place and session.online_url:
        instance["courseMode"] = "blended"
    else:
        instance["courseMode"] = "online" if session.online_url else "onsite"
    if session.place:
        instance["location"] = {"@type": "Place", "name": session.place}
    return {key: value for key, value in instance.items() if value is not None}


def course_structured(*, course, sessions, request=None) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "about": course.topic,
        "provider": {"@type": "Organization", "name": course.organiser},
        "inLanguage": course.locale.language_code,
        "url": course.get_full_url(request),
        "hasCourseInstance": [_instance(session) for session in sessions],
    }
