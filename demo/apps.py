from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site and the reference data, with the commands that load them. The top layer:
    it may use every app, and nothing imports it."""

    name = "demo"
    verbose_name = "Demo and reference data"
