"""The choices of training's fields, below the models: the forms, the certificate and the
programme figures read them without the page models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who a course is for (section II.2 of Kế hoạch 495: producers and officials at each level)."""

    PRODUCERS = "producers", _("OCOP producers")
    COMMUNE_OFFICIALS = "commune", _("Commune officials")
    PROVINCIAL_OFFICIALS = "province", _("Provincial officials")
    EVERYONE = "everyone", _("Everyone")


# A person is one of these; "everyone" is only a course's audience.
PERSON_AUDIENCES = (Audience.PRODUCERS, Audience.COMMUNE_OFFICIALS, Audience.PROVINCIAL_OFFICIALS)
OFFICIAL_AUDIENCES = (Audience.COMMUNE_OFFICIALS, Audience.PROVINCIAL_OFFICIALS)


def person_audience_choices():
    return [(value, label) for value, label in Audience.choices if value in PERSON_AUDIENCES]


def official_audience_choices():
    return [(value, label) for value, label in Audience.choices if value in OFFICIAL_AUDIENCES]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
