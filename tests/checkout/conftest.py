# The shopping fixtures live in tests/conftest.py; these names stay importable from here.
from tests.shopping import Shopper, address_data  # noqa: F401
