"""The demo catalogue's records: producers (`data/producers.toml`) and their products
(`data/products.toml`), real OCOP products of the former Bắc Giang province. The data files
say where they come from and what is made up.
"""

from dataclasses import dataclass

from demo.records import data_file

ILLUSTRATIVE_PRICE_NOTE: str = data_file("products")["price_note"]
ILLUSTRATIVE_PRICE_NOTE_EN: str = data_file("products")["price_note_en"]


def upc(sku: str) -> str:
    """A demo product's UPC, made from its SKU."""
    return f"OCOP-BG-{sku.upper()}"


@dataclass(frozen=True)
class DemoProducer:
    code: str  # Oscar partner code, and the producer's login name
    name: str
    legal_type: str  # partner.models.LegalType value
    street_address: str
    commune_code: str  # current (2025) commune covering the producer's old commune
    district_code: str  # legacy district
    phone: str
    description: str
    monogram: str
    colour: str
    contact_name: str = ""
    name_en: str = ""  # the English shown on /en/
    description_en: str = ""


@dataclass(frozen=True)
class DemoProduct:
    sku: str  # the producer's SKU; the UPC is derived from it
    title: str
    producer: str  # DemoProducer.code
    product_set: str  # slug of the product set (second-level category)
    stars: int
    description: str
    price: int  # whole đồng, illustrative
    picture: str  # a picture of data/pictures.toml
    num_in_stock: int | None = None  # None for services
    featured: int = 0  # position on the home page, 1-8; 0 = not featured
    title_en: str = ""  # the English shown on /en/
    description_en: str = ""

    @property
    def upc(self) -> str:
        return upc(self.sku)

    @property
    def full_description(self) -> str:
        return f"{self.description} {ILLUSTRATIVE_PRICE_NOTE}"

    @property
    def full_description_en(self) -> str:
        return f"{self.description_en} {ILLUSTRATIVE_PRICE_NOTE_EN}" if self.description_en else ""


PRODUCERS = [DemoProducer(**record) for record in data_file("producers")["producers"]]
PRODUCTS = [DemoProduct(**record) for record in data_file("products")["products"]]
