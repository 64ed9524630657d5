"""Oscar's ModelAdmins of the partner app (Django imports only partner.admin), with the
producer's logo through the upload gate."""

from django.contrib import admin
from django.db import models
from oscar.apps.partner import admin as oscar_admin
from oscar.core.loading import get_model

from core.uploads import ImageField

Partner = get_model("partner", "Partner")

admin.site.unregister(Partner)


@admin.register(Partner)
class PartnerAdmin(oscar_admin.PartnerAdmin):
    formfield_overrides = {models.ImageField: {"form_class": ImageField}}
