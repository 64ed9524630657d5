"""Load the reference data every installation needs: places, OCOP product groups, criteria sheets."""

from demo.loading import LoadCommand
from demo.reference import reference_data_steps


class Command(LoadCommand):
    help = (
        "Load the 34 provinces and 3,321 communes, the legacy districts of Bắc Giang and Bắc Ninh, "
        "the OCOP product groups and the criteria sheets of criteria/data/. Safe to run again: "
        "only what is missing is created."
    )
    what = "reference data"

    def steps(self):
        return reference_data_steps()
