from django.conf import settings


def site_links(request):
    """Links the base layout needs on every page, Wagtail's and Oscar's alike."""
    return {
        "LANGUAGES": settings.LANGUAGES,
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
