from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def run_command(db, django_capture_on_commit_callbacks):
    """Run a management command in the test's transaction and return what it printed.

    What waits for a commit (search index updates) runs as if the command had committed.
    """

    def run(name: str, **options) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(name, stdout=out, **options)
        return out.getvalue()

    return run
