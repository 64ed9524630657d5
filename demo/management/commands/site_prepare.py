"""scripts/run-site's steps before the server starts, in one process: migrate, load the demo
data, and build the search index when it is out of step with the catalogue.

One process rather than three commands because each start of Django imports Oscar, Wagtail and
the search clients, which takes seconds: on a first run that was about a tenth of the wait.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.indexing import index_status


class Command(BaseCommand):
    help = (
        "Migrate, load the demo data and build the search index if it is out of step "
        "(what scripts/run-site does before starting the server). Safe to run again."
    )

    def handle(self, *args, verbosity, **options):
        self.say(f"Migrating the database ({settings.SETTINGS_MODULE})")
        call_command("migrate", interactive=False, verbosity=verbosity)

        self.say("Loading the demo data")
        call_command("load_demo_data", verbosity=verbosity)

        # The demo load indexes what it creates; a database from before the search index needs one build.
        if not index_status().in_step:
            self.say("Building the search index")
            call_command("search_index", "rebuild", verbosity=verbosity)

    def say(self, message: str) -> None:
        """The progress line of scripts/lib/bootstrap.sh's `say`."""
        self.stdout.write(f"==> {message}")
