from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Wagtail pages: the home page now; news, campaigns and programme pages later."""

    name = "cms"
    verbose_name = _("Content pages")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from cms import menus  # noqa: PLC0415  the receivers need every page model loaded

        menus.menu_receivers_connect()
