"""Load the demo site: reference data, then producers, products, pictures and home pages."""

from demo.loader import demo_data_steps
from demo.loading import LoadCommand
from demo.reference import reference_data_steps


class Command(LoadCommand):
    help = (
        "Load the reference data and a demo catalogue of real Bắc Giang OCOP products with their "
        "producers (illustrative prices). Safe to run again: only what is missing is created, and "
        "objects already there are never changed."
    )
    what = "demo data"

    def steps(self):
        return reference_data_steps() + demo_data_steps()
