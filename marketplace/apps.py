from django.apps import AppConfig
from django.core.signals import request_started
from django.db.models.signals import post_migrate


class MarketplaceConfig(AppConfig):
    """The project itself: base layout, language, system checks, the sites' host,
    the request id of log lines, the files the default storage must hold, Wagtail's choosers
    without inline scripts (marketplace/csp.py)."""

    name = "marketplace"
    verbose_name = "OCOP marketplace"

    def ready(self):
        from marketplace import checks  # noqa: F401  (registers the system checks)
        from marketplace.csp import choosers_render_markers
        from marketplace.media import missing_image_store_after_migrate
        from marketplace.observability import request_id_forget
        from marketplace.sites import sites_sync_after_migrate

        request_started.connect(request_id_forget, dispatch_uid="marketplace.request_id_forget")
        post_migrate.connect(sites_sync_after_migrate, dispatch_uid="marketplace.sites_sync")
        choosers_render_markers()
        post_migrate.connect(missing_image_store_after_migrate, dispatch_uid="marketplace.missing_image")
