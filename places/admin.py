from django.contrib import admin

from .models import Commune, District, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "is_current", "successor"]
    list_filter = ["is_current"]
    search_fields = ["name", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "province", "valid_until"]
    list_filter = ["province"]
    search_fields = ["name", "code"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "province"]
    list_filter = ["province"]
    search_fields = ["name", "code"]
    filter_horizontal = ["legacy_districts"]
