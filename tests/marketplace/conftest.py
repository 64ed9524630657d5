from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def run_command(db):
    """Run a management command in the test's transaction and return what it printed."""

    def run(name: str, **options) -> str:
        out = StringIO()
        call_command(name, stdout=out, **options)
        return out.getvalue()

    return run
