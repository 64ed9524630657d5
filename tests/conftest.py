import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once per test database (the loader is idempotent)."""
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
