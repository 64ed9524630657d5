"""System checks for settings this marketplace depends on."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_currency(app_configs, **kwargs):
    if settings.OSCAR_DEFAULT_CURRENCY != "VND":
        return [
            Error(
                "OSCAR_DEFAULT_CURRENCY must be 'VND': prices are stored as whole đồng.",
                id="marketplace.E001",
            )
        ]
    return []


@register(Tags.compatibility)
def check_search_backend(app_configs, **kwargs):
    allowed = {"database", "elasticsearch", "opensearch"}
    errors = []
    if settings.SEARCH_BACKEND not in allowed:
        errors.append(
            Error(
                f"SEARCH_BACKEND must be one of {sorted(allowed)}, not {settings.SEARCH_BACKEND!r}.",
                id="marketplace.E002",
            )
        )
    elif settings.SEARCH_BACKEND != "database" and not settings.SEARCH_URL:
        errors.append(
            Error(
                f"SEARCH_BACKEND is {settings.SEARCH_BACKEND!r} but SEARCH_URL is empty.",
                id="marketplace.E003",
            )
        )
    return errors
