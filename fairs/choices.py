"""The choices of a fair's fields, below the models: the calendar and JSON-LD writers read a
fair's format without importing the page models, which call them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FairFormat(models.TextChoices):
    PHYSICAL = "physical", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")
