import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once per test database (the loader is idempotent)."""
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what waits for the commit (search index updates) at the
    end of the block, as if the test's transaction had committed there."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
