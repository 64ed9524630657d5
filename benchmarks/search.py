"""Benchmark of the product search: indexing rate and query latency against raw baselines.

Not a test: a script that builds synthetic OCOP catalogues (10,000 and 100,000 products by
default) in a throwaway database, indexes them into a running OpenSearch node and prints, for
each size, measured in the same run:

- indexing: documents per second of the site's `index_rebuild` (documents built from the
  database, database fallback records written, engine bulk) and of the engine adapter alone,
  against a raw `opensearchpy.helpers.streaming_bulk` of the same prepared documents into a
  fresh index (the engine's ceiling);
- queries: p50/p95 latency of a fixed set of typical faceted queries through the site's search
  layer (`search.selectors.product_search`) against the raw engine call for the same request
  bodies, and against the same layer answering from the database fallback.

It ends with one PASS/MISS line per goal of the search issue: indexing at least half the raw
bulk rate, search layer under 2x the raw engine time, engine search at least 10x faster than
the database fallback at 100k products.

Run it from the project root (the OpenSearch node must be up: `scripts/search-node start`):

    .venv/bin/python benchmarks/search.py                  # 10k and 100k, ~10 minutes
    .venv/bin/python benchmarks/search.py --quick          # 1k and 5k, to check the script
    .venv/bin/python benchmarks/search.py --sizes 20000 --repeat 50
    .venv/bin/python benchmarks/search.py --database-url postgres://user:pw@host/empty_db

Without `--database-url` it migrates a new SQLite database in a temporary directory and deletes
it at the end; it never touches the developer's db.sqlite3. A database given with
`--database-url` must hold no products: the script migrates it and fills it. Its indices are
named `bench-<pid>-*` and deleted at the end, also when the run fails. Results and how they
were obtained are kept in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import opensearchpy
import opensearchpy.helpers
import orjson
from tqdm import tqdm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this file's folder comes first on sys.path and `import search` would find
# this very module instead of the project's search package.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

DEFAULT_SIZES = (10_000, 100_000)
QUICK_SIZES = (1_000, 5_000)
BATCH_SIZE = 500  # documents per bulk request, the same for every indexing path
CATALOGUE_BATCH = 2_000  # rows per bulk_create
PRODUCERS = 200
WARMUP_DOCUMENTS = 5_000
BULK_RUNS = 2  # raw and adapter bulk loads: best of this many, alternating

INDEXING_GOAL = 0.5  # index_rebuild docs/s at least half the raw bulk rate
LAYER_GOAL = 2.0  # site layer latency under twice the raw engine call
FALLBACK_GOAL = 10.0  # engine layer at least ten times faster than the database fallback
FALLBACK_GOAL_SIZE = 100_000

# ---------------------------------------------------------------------------
# Synthetic catalogue: OCOP product kinds of Bắc Giang and Bắc Ninh, their producers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductKind:
    name: str
    product_set: str  # slug of the second-level category
    base_price: int  # whole đồng
    blurb: str
    service: bool = False


PRODUCT_KINDS = [
    ProductKind("Vải thiều", "nong-san-tuoi-song", 60_000, "Quả chín cây, cùi dày, hạt nhỏ, vị ngọt thanh."),
    ProductKind("Cam sành", "nong-san-tuoi-song", 45_000, "Vỏ mỏng, mọng nước, trồng trên đất đồi."),
    ProductKind("Bưởi Diễn", "nong-san-tuoi-song", 70_000, "Tép trắng, ngọt mát, để được lâu."),
    ProductKind("Gà đồi", "nong-san-tuoi-song", 180_000, "Gà thả vườn trên đồi, thịt chắc, da vàng."),
    ProductKind("Na dai", "nong-san-tuoi-song", 55_000, "Quả to, múi dày, thơm và ngọt đậm."),
    ProductKind("Vải sấy khô", "nong-san-so-che", 150_000, "Sấy lạnh, giữ màu và vị ngọt tự nhiên."),
    ProductKind("Gạo nếp cái hoa vàng", "nong-san-so-che", 40_000, "Hạt tròn, dẻo thơm, nấu xôi rất ngon."),
    ProductKind("Lạc nhân", "nong-san-so-che", 60_000, "Lạc đỏ phơi khô, hạt chắc, béo bùi."),
    ProductKind("Mỳ gạo Chũ", "thuc-pham-che-bien", 50_000, "Sợi làm từ gạo Bao thai, phơi nắng, dai."),
    ProductKind("Mật ong hoa vải", "thuc-pham-che-bien", 250_000, "Mật nguyên chất lấy vào mùa hoa vải."),
    ProductKind("Chả gà", "thuc-pham-che-bien", 220_000, "Làm từ thịt gà đồi, không chất bảo quản."),
    ProductKind("Bánh đa kế", "thuc-pham-che-bien", 35_000, "Bánh đa vừng đen nướng than, giòn thơm."),
    ProductKind("Bánh phu thê", "thuc-pham-che-bien", 80_000, "Bánh dẻo nhân đậu xanh, gói lá chuối."),
    ProductKind("Tương ớt", "gia-vi", 30_000, "Ớt chín xay cùng tỏi, cay nồng, màu đẹp."),
    ProductKind("Nước mắm", "gia-vi", 90_000, "Ủ chượp truyền thống, đậm đà, thơm dịu."),
    ProductKind("Gừng sấy", "gia-vi", 70_000, "Gừng già thái lát, sấy khô giữ vị cay ấm."),
    ProductKind("Chè xanh", "che-va-san-pham-tu-che", 200_000, "Búp sao tay, nước xanh, hậu ngọt."),
    ProductKind("Chè búp", "che-va-san-pham-tu-che", 180_000, "Một tôm hai lá, hái sớm, vị chát dịu."),
    ProductKind("Cà phê rang xay", "ca-phe-ca-cao", 180_000, "Rang mộc, xay vừa, hương thơm đậm."),
    ProductKind("Bột ca cao", "ca-phe-ca-cao", 160_000, "Ca cao nguyên chất, không đường."),
    ProductKind("Rượu làng Vân", "do-uong-co-con", 150_000, "Nấu từ gạo nếp cái, men lá gia truyền."),
    ProductKind("Rượu nếp cái", "do-uong-co-con", 120_000, "Chưng cất thủ công, êm và thơm."),
    ProductKind("Nước ép vải", "do-uong-khong-con", 35_000, "Ép từ vải tươi, không đường hóa học."),
    ProductKind("Trà hoa vàng", "do-uong-khong-con", 300_000, "Hoa sấy lạnh, nước vàng sóng sánh."),
    ProductKind("Nấm linh chi", "duoc-lieu", 400_000, "Nấm trồng trên gỗ, thái lát phơi khô."),
    ProductKind("Ba kích tím", "duoc-lieu", 350_000, "Củ già trên ba năm, bỏ lõi, sấy khô."),
    ProductKind("Trà giảo cổ lam", "thuc-pham-chuc-nang-thuoc-tu-duoc-lieu", 120_000, "Túi lọc tiện dùng."),
    ProductKind("Cao dược liệu", "thuc-pham-chuc-nang-thuoc-tu-duoc-lieu", 280_000, "Cô đặc từ thảo dược."),
    ProductKind("Dầu gội thảo dược", "my-pham-tu-duoc-lieu", 95_000, "Bồ kết, hương nhu và vỏ bưởi."),
    ProductKind("Tinh dầu sả chanh", "tinh-dau", 85_000, "Chưng cất hơi nước, đuổi muỗi, khử mùi."),
    ProductKind("Tinh dầu quế", "tinh-dau", 90_000, "Cất từ vỏ quế, ấm và thơm."),
    ProductKind("Giỏ mây tre đan", "do-thu-cong-my-nghe-trang-tri", 150_000, "Đan tay, bền và nhẹ."),
    ProductKind(
        "Tranh Đông Hồ", "do-thu-cong-my-nghe-trang-tri", 200_000, "In trên giấy điệp, màu tự nhiên."
    ),
    ProductKind("Gốm Phù Lãng", "do-thu-cong-my-nghe-trang-tri", 450_000, "Men da lươn, nung lò củi."),
    ProductKind("Lụa tơ tằm", "vai-va-may-mac", 600_000, "Dệt thủ công, mềm và mát."),
    ProductKind("Khăn thổ cẩm", "vai-va-may-mac", 250_000, "Hoa văn truyền thống, dệt tay."),
    ProductKind("Lan hồ điệp", "hoa-cay-canh", 500_000, "Chậu ba cành, hoa bền hơn một tháng."),
    ProductKind("Cây cảnh bonsai", "hoa-cay-canh", 1_200_000, "Dáng trực, tạo tác nhiều năm."),
    ProductKind("Cá chép Koi", "dong-vat-canh", 800_000, "Cá giống thuần, màu sắc rõ nét."),
    ProductKind("Gà Hồ", "dong-vat-canh", 1_500_000, "Giống gà quý, dáng đẹp, nuôi làm cảnh."),
    ProductKind(
        "Tour trải nghiệm vườn vải",
        "du-lich-cong-dong-du-lich-sinh-thai",
        350_000,
        "Hái vải, ăn cơm nhà vườn.",
        service=True,
    ),
    ProductKind(
        "Homestay bản làng", "du-lich-cong-dong-du-lich-sinh-thai", 500_000, "Nhà sàn gỗ.", service=True
    ),
    ProductKind("Vé tham quan làng nghề", "diem-du-lich", 50_000, "Xem nghệ nhân làm nghề.", service=True),
    ProductKind("Khu du lịch sinh thái", "diem-du-lich", 100_000, "Hồ, rừng và suối.", service=True),
]
QUALIFIERS = [
    "loại 1",
    "đặc biệt",
    "hộp quà",
    "túi 500g",
    "hộp 1kg",
    "chai 500ml",
    "hữu cơ",
    "VietGAP",
    "truyền thống",
    "cao cấp",
]
EXTRA_SENTENCES = [
    "Sản phẩm đạt chứng nhận VietGAP.",
    "Đóng gói hút chân không, bảo quản nơi khô ráo, thoáng mát.",
    "Có tem truy xuất nguồn gốc bằng mã QR trên từng sản phẩm.",
    "Giao hàng toàn quốc, đóng thùng cẩn thận.",
    "Quà biếu ý nghĩa dịp lễ Tết.",
    "Nguyên liệu thu mua trực tiếp từ các hộ trong vùng.",
    "Không dùng chất bảo quản, phẩm màu.",
    "Làm theo công thức gia truyền nhiều đời.",
]
PRODUCER_PREFIXES = [
    ("cooperative", "HTX Nông nghiệp"),
    ("cooperative", "HTX Dịch vụ tổng hợp"),
    ("cooperative", "HTX Sản xuất và Thương mại"),
    ("enterprise", "Công ty TNHH"),
    ("enterprise", "Công ty Cổ phần"),
    ("household", "Hộ kinh doanh"),
]
PRODUCER_NAMES = [
    "Hồng Xuân",
    "Xuân Trường",
    "Hằng Hiếu",
    "Minh Phát",
    "Thành Đạt",
    "An Phú",
    "Phúc Lộc",
    "Hòa Bình",
    "Tân Tiến",
    "Đồng Tâm",
    "Hưng Thịnh",
    "Thiên Phúc",
    "Quang Minh",
    "Nam Phong",
    "Bảo Châu",
    "Kim Ngân",
    "Ngọc Lan",
    "Trường Sơn",
    "Việt Hưng",
    "Đức Thắng",
    "Mộc Sơn",
    "Thanh Hà",
    "Lộc Vừng",
    "Sao Mai",
    "Hương Quê",
]
STAR_WEIGHTS = {3: 6, 4: 3, 5: 1}
CERTIFIED_SHARE = 0.85
CERTIFICATE_MAX_AGE_DAYS = 1_300  # older than 36 months (1,095 days): expired, no stars


class SyntheticCatalogue:
    """Grows a catalogue of realistic OCOP products with bulk inserts (no signals, no indexing).

    Each product has one category (a product set), one stock record with its producer, the
    producer's legacy district and commune as origin and, most of the time, an OCOP certificate.
    """

    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)  # noqa: S311  a repeatable made-up catalogue, not a secret
        self.producers: list = []
        self.product_sets: dict = {}
        self.product_classes: dict = {}

    def grow_to(self, size: int) -> int:
        """Add products until the catalogue has `size`; returns how many were added."""
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        if not self.producers:
            self._reference_load()
        existing = Product.objects.count()
        missing = max(0, size - existing)
        with tqdm(total=missing, desc=f"catalogue to {size:,}", unit="product", leave=False) as bar:
            for start in range(existing, size, CATALOGUE_BATCH):
                count = min(CATALOGUE_BATCH, size - start)
                self._products_create(first_number=start + 1, count=count)
                bar.update(count)
        return missing

    def _reference_load(self) -> None:
        from oscar.core.loading import get_model

        from core.vietnamese import slugify
        from places.models import Commune, District

        Category = get_model("catalogue", "Category")
        ProductClass = get_model("catalogue", "ProductClass")
        Partner = get_model("partner", "Partner")

        self.product_sets = {category.slug: category for category in Category.objects.filter(depth=2)}
        missing_sets = {kind.product_set for kind in PRODUCT_KINDS} - set(self.product_sets)
        if missing_sets:
            raise RuntimeError(f"Product sets missing after load_reference_data: {sorted(missing_sets)}")
        for name, track_stock in (("Sản phẩm OCOP", True), ("Dịch vụ du lịch OCOP", False)):
            self.product_classes[track_stock], _ = ProductClass.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "requires_shipping": track_stock, "track_stock": track_stock},
            )
        districts = list(District.objects.select_related("province").order_by("code"))
        communes_by_district = {
            district.pk: list(Commune.objects.filter(legacy_districts=district).order_by("code"))
            for district in districts
        }
        producers = []
        for number in range(1, PRODUCERS + 1):
            legal_type, prefix = self.rng.choice(PRODUCER_PREFIXES)
            district = self.rng.choice(districts)
            communes = communes_by_district[district.pk]
            producers.append(
                Partner(
                    code=f"bench-{number:03d}",
                    name=f"{prefix} {self.rng.choice(PRODUCER_NAMES)} {district.name}",
                    legal_type=legal_type,
                    commune=self.rng.choice(communes) if communes else None,
                    legacy_district=district,
                    is_verified=True,
                )
            )
        Partner.objects.bulk_create(producers)
        self.producers = list(
            Partner.objects.filter(code__startswith="bench-")
            .select_related("commune", "legacy_district__province")
            .order_by("code")
        )

    def _products_create(self, *, first_number: int, count: int) -> None:
        from django.db import transaction
        from oscar.core.loading import get_model

        from core.vietnamese import slugify

        Product = get_model("catalogue", "Product")
        ProductCategory = get_model("catalogue", "ProductCategory")
        StockRecord = get_model("partner", "StockRecord")
        Certificate = get_model("catalogue", "Certificate")

        today = datetime.date.today()
        rng = self.rng
        rows = []
        for number in range(first_number, first_number + count):
            kind = rng.choice(PRODUCT_KINDS)
            producer = rng.choice(self.producers)
            district = producer.legacy_district
            title = f"{kind.name} {district.name} {rng.choice(QUALIFIERS)}"
            place = f"{producer.commune.name}, {district.name}" if producer.commune else district.name
            description = (
                f"<p>{kind.name} của {producer.name}, làm tại {place} ({district.province.name}).</p>"
                f"<p>{kind.blurb} {' '.join(rng.sample(EXTRA_SENTENCES, 2))}</p>"
            )
            product = Product(
                structure=Product.STANDALONE,
                product_class=self.product_classes[not kind.service],
                title=title,
                slug=f"{slugify(title)}-{number}",
                upc=f"BENCH-{number:07d}",
                description=description,
                is_public=True,
                origin_commune=producer.commune,
                origin_district=district,
            )
            price = round(kind.base_price * rng.uniform(0.5, 2.0), -3)
            in_stock = None if kind.service else (0 if rng.random() < 0.1 else rng.randint(1, 300))
            rows.append((product, kind, producer, Decimal(price), in_stock))

        with transaction.atomic():
            products = Product.objects.bulk_create([row[0] for row in rows], batch_size=500)
            ProductCategory.objects.bulk_create(
                [
                    ProductCategory(product=product, category=self.product_sets[kind.product_set])
                    for product, kind, *_ in rows
                ],
                batch_size=500,
            )
            StockRecord.objects.bulk_create(
                [
                    StockRecord(
                        product=product,
                        partner=producer,
                        partner_sku=f"SKU-{product.upc}",
                        price=price,
                        num_in_stock=in_stock,
                    )
                    for product, _, producer, price, in_stock in rows
                ],
                batch_size=500,
            )
            Certificate.objects.bulk_create(
                [
                    self._certificate(Certificate, product, producer, today)
                    for product, _, producer, _, _ in rows
                    if rng.random() < CERTIFIED_SHARE
                ],
                batch_size=500,
            )
        assert len(products) == count

    def _certificate(self, Certificate, product, producer, today: datetime.date):
        stars = self.rng.choices(list(STAR_WEIGHTS), weights=list(STAR_WEIGHTS.values()))[0]
        decided = today - datetime.timedelta(days=self.rng.randint(0, CERTIFICATE_MAX_AGE_DAYS))
        return Certificate(
            product=product,
            producer=producer,
            stars=stars,
            score=Decimal(50 + 15 * (stars - 3) + self.rng.randint(0, 9)),
            criteria_version="qd148-2023",
            decision_number=f"{product.pk}/QĐ-BENCH",
            decision_date=decided,
            issuer_level="province",
            issuer_name=f"UBND tỉnh {producer.legacy_district.province.name}",
            programme_year=decided.year,
            valid_from=decided,
            valid_to=Certificate.validity_end(decided),
        )


# ---------------------------------------------------------------------------
# Django and the throwaway database
# ---------------------------------------------------------------------------


@contextlib.contextmanager
def database_workspace(database_url: str | None) -> Iterator[str]:
    """The database URL to use: the one given, or a new SQLite file removed at the end."""
    if database_url:
        yield database_url
        return
    with tempfile.TemporaryDirectory(prefix="ocop-search-bench-") as directory:
        try:
            yield f"sqlite:///{directory}/bench.sqlite3"
        finally:
            from django.conf import settings

            if settings.configured:
                from django.db import connections

                connections.close_all()


def django_setup(*, database_url: str, search_url: str, index_prefix: str) -> None:
    """Configure the site's settings for the benchmark database, before Django starts.

    The site starts on the database engine so that migrations and loading never write to the
    search server; the measurements switch to OpenSearch with `override_settings`.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_DEBUG"] = "false"  # DEBUG keeps every SQL query in memory
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"  # the clients log every request at INFO
    os.environ["SEARCH_BACKEND"] = "database"
    os.environ["SEARCH_URL"] = search_url
    os.environ["MARKETPLACE_SEARCH_INDEX_PREFIX"] = index_prefix
    os.environ["MARKETPLACE_SEARCH_REFRESH"] = "false"
    import django

    django.setup()


def database_prepare() -> float:
    """Migrate and load the reference data (places, product groups); returns the seconds."""
    from django.core.management import call_command
    from oscar.core.loading import get_model

    started = time.perf_counter()
    with tqdm(total=2, desc="migrate + reference data", leave=False) as bar:
        call_command("migrate", verbosity=0, interactive=False)
        bar.update()
        if get_model("catalogue", "Product").objects.exists():
            raise SystemExit("The benchmark database already holds products: give it an empty database.")
        call_command("load_reference_data", verbosity=0)
        bar.update()
    return time.perf_counter() - started


def engine_settings(*, backend: str):
    from django.test import override_settings

    return override_settings(SEARCH_BACKEND=backend)


# ---------------------------------------------------------------------------
# Indexing
# ---------------------------------------------------------------------------


@dataclass
class IndexingFigures:
    documents: int
    build_seconds: float = 0.0
    raw_seconds: float = 0.0
    raw_parallel_seconds: float = 0.0
    engine_seconds: float = 0.0
    rebuild_seconds: float = 0.0
    rebuild_database_seconds: float = 0.0

    def rate(self, seconds: float) -> float:
        return self.documents / seconds if seconds else 0.0

    @property
    def rebuild_ratio(self) -> float:
        return self.rate(self.rebuild_seconds) / self.rate(self.raw_seconds)


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def documents_prepare() -> tuple[list[dict], float]:
    """Every published product's document, built as `index_rebuild` builds them, batch by batch."""
    from django.utils import timezone
    from oscar.core.loading import get_model

    from search.documents import CategoryPaths, product_documents, published_products

    Category = get_model("catalogue", "Category")
    started = time.perf_counter()
    product_ids = list(published_products().order_by("pk").values_list("pk", flat=True))
    categories = CategoryPaths(Category.objects.all())
    today = timezone.localdate()
    documents = []
    with tqdm(total=len(product_ids), desc="build documents", unit="doc", leave=False) as bar:
        for chunk in chunks(product_ids, BATCH_SIZE):
            documents += product_documents(chunk, categories=categories, today=today)
            bar.update(len(chunk))
    return documents, time.perf_counter() - started


def bulk_actions(documents: list[dict], index: str) -> Iterator[dict]:
    """The very actions `RemoteEngine.index_documents` sends."""
    return ({"_index": index, "_id": document["pk"], "_source": document} for document in documents)


def raw_bulk_load(client, documents: list[dict], *, index: str, threads: int = 1) -> float:
    """Seconds to bulk-load `documents` into a new index and refresh it, with the bare client."""
    from search.documents import index_body

    client.indices.create(index=index, body=index_body())
    try:
        desc = "raw bulk" if threads == 1 else f"raw parallel bulk ({threads} threads)"
        with tqdm(total=len(documents), desc=desc, unit="doc", leave=False) as bar:
            started = time.perf_counter()
            if threads == 1:
                results = opensearchpy.helpers.streaming_bulk(
                    client, bulk_actions(documents, index), chunk_size=BATCH_SIZE
                )
            else:
                results = opensearchpy.helpers.parallel_bulk(
                    client, bulk_actions(documents, index), chunk_size=BATCH_SIZE, thread_count=threads
                )
            for ok, item in results:
                if not ok:
                    raise RuntimeError(f"raw bulk failed: {item}")
                bar.update()
            client.indices.refresh(index=index)
            elapsed = time.perf_counter() - started
        indexed = client.count(index=index)["count"]
        if indexed != len(documents):
            raise RuntimeError(f"raw bulk indexed {indexed} of {len(documents)} documents")
        return elapsed
    finally:
        client.indices.delete(index=index)


def engine_bulk_load(documents: list[dict]) -> float:
    """Seconds for the site's engine adapter to index the prepared documents into a new index.

    Batches of BATCH_SIZE per `index_documents` call, as `index_rebuild` sends them.
    """
    from search.engines import engine_from_settings

    engine = engine_from_settings()
    index = engine.new_index_name()
    engine.create_index(index)
    try:
        with tqdm(total=len(documents), desc="engine index_documents", unit="doc", leave=False) as bar:
            started = time.perf_counter()
            for batch in chunks(documents, BATCH_SIZE):
                engine.index_documents(batch, index=index)
                bar.update(len(batch))
            engine.refresh_index(index)
            elapsed = time.perf_counter() - started
        indexed = engine.client.count(index=index)["count"]
        if indexed != len(documents):
            raise RuntimeError(f"index_documents indexed {indexed} of {len(documents)} documents")
        return elapsed
    finally:
        engine.delete_index(index)


def site_rebuild() -> tuple[float, float]:
    """Seconds for `index_rebuild` (database -> documents -> fallback records + engine + alias).

    Also returns the seconds the same rebuild takes with no engine configured (documents and
    fallback records only), which tells how much of the rebuild the engine accounts for.
    """
    from search.documents import published_products
    from search.engines import engine_from_settings
    from search.indexing import index_rebuild

    total = published_products().count()
    timings = []
    for backend in ("database", "opensearch"):
        with engine_settings(backend=backend):
            with tqdm(total=total, desc=f"index_rebuild ({backend})", unit="doc", leave=False) as bar:
                started = time.perf_counter()
                report = index_rebuild(
                    batch_size=BATCH_SIZE, progress=lambda done, _: bar.update(done - bar.n)
                )
                timings.append(time.perf_counter() - started)
            if report.documents != total:
                raise RuntimeError(f"index_rebuild wrote {report.documents} of {total} records")
    with engine_settings(backend="opensearch"):
        engine = engine_from_settings()
        if engine.count() != total:
            raise RuntimeError(f"the rebuilt index holds {engine.count()} of {total} documents")
    database_seconds, rebuild_seconds = timings
    return rebuild_seconds, database_seconds


def engine_warm_up(client, documents: list[dict], *, index: str) -> None:
    """A first, untimed bulk load, so the node's warm-up is not billed to the first path measured."""
    raw_bulk_load(client, documents[:WARMUP_DOCUMENTS], index=index)


def prepared_documents_load(client, figures: IndexingFigures, *, index_prefix: str) -> None:
    """Build the documents once, then time the raw and the adapter bulk loads of them.

    Raw and adapter alternate, best of BULK_RUNS each, so neither gets the warmer node.
    """
    documents, figures.build_seconds = documents_prepare()
    figures.documents = len(documents)
    engine_warm_up(client, documents, index=f"{index_prefix}-warmup")
    raw_runs, engine_runs = [], []
    with engine_settings(backend="opensearch"):
        for _ in range(BULK_RUNS):
            raw_runs.append(raw_bulk_load(client, documents, index=f"{index_prefix}-raw"))
            engine_runs.append(engine_bulk_load(documents))
    figures.raw_seconds, figures.engine_seconds = min(raw_runs), min(engine_runs)
    figures.raw_parallel_seconds = raw_bulk_load(client, documents, index=f"{index_prefix}-raw", threads=2)


def indexing_measure(client, *, index_prefix: str) -> IndexingFigures:
    figures = IndexingFigures(documents=0)
    prepared_documents_load(client, figures, index_prefix=index_prefix)
    gc.collect()  # the prepared documents are gone: the rebuild starts on a clean heap
    figures.rebuild_seconds, figures.rebuild_database_seconds = site_rebuild()
    return figures


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


def typical_queries() -> list[tuple[str, object]]:
    """(label, ProductQuery): what shoppers type and tick on the catalogue and search pages."""
    from search.queries import IN_STOCK, ProductQuery

    return [
        ("text without tones: vai thieu", ProductQuery(text="vai thieu")),
        ("text with tones: Vải thiều Lục Ngạn", ProductQuery(text="Vải thiều Lục Ngạn")),
        ("place name: luc ngan", ProductQuery(text="luc ngan")),
        ("three words: mat ong hoa vai", ProductQuery(text="mat ong hoa vai")),
        ("typo, fuzzy retry: vai thieuu", ProductQuery(text="vai thieuu")),
        (
            "chè + 4 stars + group",
            ProductQuery(text="chè", stars=frozenset({4}), group=frozenset({"thuc-pham"})),
        ),
        (
            "gà + price 100-200k, price asc",
            ProductQuery(text="gà", price=frozenset({"100k-200k"}), sort="price-asc"),
        ),
        ("mỳ gạo chũ, page 2", ProductQuery(text="mỳ gạo chũ", page=2)),
        ("browse all (catalogue page)", ProductQuery()),
        (
            "browse in stock, price desc",
            ProductQuery(availability=frozenset({IN_STOCK}), sort="price-desc"),
        ),
        (
            "category page + Lục Ngạn, newest",
            ProductQuery(category="thuc-pham", locality=frozenset({"219"}), sort="newest"),
        ),
    ]


@dataclass
class QueryTimings:
    label: str
    query: object
    bodies: list[dict] = field(default_factory=list)  # the engine requests the layer sends
    raw: list[float] = field(default_factory=list)
    took: list[float] = field(default_factory=list)
    layer: list[float] = field(default_factory=list)
    rows: list[float] = field(default_factory=list)  # the layer's Product rows step, timed apart
    fallback: list[float] = field(default_factory=list)
    engine_total: int = 0
    fallback_total: int = 0
    fallback_error: str = ""


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile; NaN when there are no samples (a path that failed)."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def engine_requests(client, alias: str, query) -> list[dict]:
    """The request bodies the site layer sends for `query`: the fuzzy retry too when it is made."""
    from search.queries import product_search_request

    bodies = [product_search_request(query).to_dict()]
    answer = client.search(index=alias, body=bodies[0])
    if not answer["hits"]["total"]["value"] and query.text and not query.fuzzy:
        bodies.append(product_search_request(query.with_changes(fuzzy=True)).to_dict())
    return bodies


def raw_search(client, alias: str, bodies: list[dict]) -> tuple[float, float]:
    """Wall-clock seconds and the engine's own `took` seconds of the raw client calls."""
    took = 0
    started = time.perf_counter()
    for body in bodies:
        took += client.search(index=alias, body=body)["took"]
    return time.perf_counter() - started, took / 1000


def layer_search(query, *, engine: str) -> tuple[float, object]:
    """Seconds for the site's search layer (`search.selectors.product_search`) to answer `query`.

    That is building the request, the engine call (and the typo retry), and reading hits,
    highlights and facet counts into `SearchResults`. The catalogue rows the page then shows
    for the hits (`results.products`, read lazily by the template) are the catalogue's, the
    same whichever engine answered: `product_rows_fetch` times them apart.
    """
    from search import selectors

    started = time.perf_counter()
    results = selectors.product_search(query=query)
    elapsed = time.perf_counter() - started
    if results.engine != engine:
        raise RuntimeError(f"expected the {engine} engine to answer, got {results.engine}: {results.notice}")
    return elapsed, results


def product_rows_fetch(results) -> float:
    """Seconds the page then spends reading the hits' catalogue rows (`results.products`)."""
    from catalog import selectors as catalog_selectors

    started = time.perf_counter()
    catalog_selectors.product_list_by_ids(product_ids=[hit.pk for hit in results.hits])
    return time.perf_counter() - started


@contextlib.contextmanager
def full_collections_recorded(pauses: list[float]) -> Iterator[None]:
    """Record how long each full (generation 2) garbage collection inside the block takes.

    A full collection stops whichever call triggers it; it explains lone slow samples.
    """
    started = 0.0

    def callback(phase: str, info: dict) -> None:
        nonlocal started
        if info["generation"] != 2:
            return
        if phase == "start":
            started = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - started)

    gc.callbacks.append(callback)
    try:
        yield
    finally:
        gc.callbacks.remove(callback)


def queries_measure(
    client, *, alias: str, repeat: int, fallback_repeat: int, warmup: int, gc_pauses: list[float]
) -> list[QueryTimings]:
    """Raw engine and site layer interleaved query by query; then the database fallback.

    Raw and layer take turns going first, so neither is billed for the other's cache misses.
    Full garbage collections during the timed engine queries are recorded in `gc_pauses`.
    """
    timings = [QueryTimings(label=label, query=query) for label, query in typical_queries()]
    with engine_settings(backend="opensearch"):
        for timing in timings:
            timing.bodies = engine_requests(client, alias, timing.query)
            for _ in range(warmup):
                raw_search(client, alias, timing.bodies)
                layer_search(timing.query, engine="opensearch")
        gc.collect()
        bar = tqdm(total=repeat * len(timings), desc="queries: raw engine + layer", leave=False)
        with bar, full_collections_recorded(gc_pauses):
            for repetition in range(repeat):
                for timing in timings:
                    if repetition % 2:
                        elapsed, results = layer_search(timing.query, engine="opensearch")
                    wall, took = raw_search(client, alias, timing.bodies)
                    if not repetition % 2:
                        elapsed, results = layer_search(timing.query, engine="opensearch")
                    timing.raw.append(wall)
                    timing.took.append(took)
                    timing.layer.append(elapsed)
                    timing.rows.append(product_rows_fetch(results))
                    timing.engine_total = results.total
                    bar.update()
    with engine_settings(backend="database"):
        for timing in timings:
            fallback_search(timing)  # warm-up, and a failing query is found before timing
        gc.collect()
        with tqdm(
            total=fallback_repeat * len(timings), desc="queries: database fallback", leave=False
        ) as bar:
            for _ in range(fallback_repeat):
                for timing in timings:
                    elapsed = fallback_search(timing)
                    if elapsed is not None:
                        timing.fallback.append(elapsed)
                    bar.update()
    return timings


def fallback_search(timing: QueryTimings) -> float | None:
    """Seconds for the layer to answer from the database; None once the query has failed.

    A database error is kept in `timing.fallback_error` and reported, not raised, so that one
    broken query does not cost the figures of the others.
    """
    from django.db import DatabaseError

    if timing.fallback_error:
        return None
    try:
        elapsed, results = layer_search(timing.query, engine="database")
    except DatabaseError as error:
        timing.fallback_error = f"{type(error).__name__}: {str(error).splitlines()[0]}"
        return None
    timing.fallback_total = results.total
    return elapsed


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    indexing: IndexingFigures
    queries: list[QueryTimings]
    gc_pauses: list[float]

    def pooled(self, path: str, *, answered_by_fallback: bool = False) -> list[float]:
        """Samples of every query; only those the fallback answered when comparing with it."""
        return [
            sample
            for timing in self.queries
            if not (answered_by_fallback and timing.fallback_error)
            for sample in getattr(timing, path)
        ]

    def ratio(self, numerator: str, denominator: str, pct: float) -> float:
        answered = "fallback" in (numerator, denominator)
        return percentile(self.pooled(numerator, answered_by_fallback=answered), pct) / percentile(
            self.pooled(denominator, answered_by_fallback=answered), pct
        )


def ms(seconds: float) -> str:
    return "failed" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def indexing_report(figures: IndexingFigures) -> list[str]:
    raw_rate = figures.rate(figures.raw_seconds)
    rows = [
        ("product_documents from the database (prepare)", figures.build_seconds),
        (f"raw streaming_bulk, best of {BULK_RUNS} (baseline)", figures.raw_seconds),
        ("raw parallel_bulk, 2 threads (info)", figures.raw_parallel_seconds),
        (f"engine.index_documents, best of {BULK_RUNS}", figures.engine_seconds),
        ("index_rebuild, database only (no engine)", figures.rebuild_database_seconds),
        ("index_rebuild, OpenSearch (site, headline)", figures.rebuild_seconds),
    ]
    lines = [
        f"  {'indexing ' + format(figures.documents, ',') + ' documents':<46}{'docs/s':>9}{'seconds':>9}"
    ]
    lines[0] += f"{'vs raw':>8}"
    for label, seconds in rows:
        rate = figures.rate(seconds)
        lines.append(f"  {label:<46}{rate:>9,.0f}{seconds:>9.1f}{rate / raw_rate:>8.2f}")
    return lines


QUERY_PATHS = ("raw", "took", "layer", "rows", "fallback")


def queries_report(result: SizeResult) -> list[str]:
    header = (
        f"  {'query':<36}{'hits':>7}{'raw p50':>9}{'p95':>7}{'took':>6}{'layer p50':>11}{'p95':>7}"
        f"{'rows':>6}{'fallback p50':>14}{'p95':>8}{'layer/raw':>11}{'fb/layer':>10}"
    )
    lines = [header + "  (ms)"]
    rows = [(t.label, t.engine_total, *(getattr(t, path) for path in QUERY_PATHS)) for t in result.queries]
    rows.append(("all queries (pooled)", None, *(result.pooled(path) for path in QUERY_PATHS)))
    for label, hits, raw, took, layer, product_rows, fallback in rows:
        fallback_ratio = percentile(fallback, 50) / percentile(layer, 50)
        lines.append(
            f"  {label[:35]:<36}{'' if hits is None else hits:>7}"
            f"{ms(percentile(raw, 50)):>9}{ms(percentile(raw, 95)):>7}{ms(percentile(took, 50)):>6}"
            f"{ms(percentile(layer, 50)):>11}{ms(percentile(layer, 95)):>7}"
            f"{ms(percentile(product_rows, 50)):>6}"
            f"{ms(percentile(fallback, 50)):>14}{ms(percentile(fallback, 95)):>8}"
            f"{percentile(layer, 50) / percentile(raw, 50):>11.2f}"
            f"{'-' if math.isnan(fallback_ratio) else format(fallback_ratio, '.1f'):>10}"
        )
    mismatched = [
        t.label for t in result.queries if not t.fallback_error and t.engine_total != t.fallback_total
    ]
    if mismatched:
        lines.append(f"  totals differ between engine and fallback for: {'; '.join(mismatched)}")
    for timing in result.queries:
        if timing.fallback_error:
            lines.append(f"  FALLBACK FAILED for {timing.label}: {timing.fallback_error}")
    if any(timing.fallback_error for timing in result.queries):
        lines.append("  (pooled fallback figures and fb/layer cover only the queries the fallback answered)")
    return lines


def size_report(result: SizeResult, *, repeat: int, fallback_repeat: int) -> str:
    lines = [f"\n=== {result.size:,} products ==="]
    lines += indexing_report(result.indexing)
    lines.append(
        f"\n  queries: {repeat} timed runs each for raw and layer (interleaved), "
        f"{fallback_repeat} for the fallback. raw = wall clock of opensearch-py client.search with the\n"
        "  layer's request bodies, took = the engine's own time, layer = search.selectors.product_search,\n"
        "  rows = the page's catalogue rows for the hits (results.products, not part of the layer),\n"
        "  fallback = the same layer with SEARCH_BACKEND=database"
    )
    lines += queries_report(result)
    longest = f", longest {ms(max(result.gc_pauses))} ms" if result.gc_pauses else ""
    lines.append(
        f"  full garbage collections during the timed engine queries: {len(result.gc_pauses)}{longest}"
    )
    return "\n".join(lines)


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def goals_report(results: list[SizeResult]) -> str:
    lines = ["\n=== Goals (ratios against the baselines measured in this run) ==="]
    for result in results:
        ratio = result.indexing.rebuild_ratio
        engine_ratio = result.indexing.engine_seconds and (
            result.indexing.rate(result.indexing.engine_seconds)
            / result.indexing.rate(result.indexing.raw_seconds)
        )
        lines.append(
            f"  {verdict(ratio >= INDEXING_GOAL)} {result.size:>7,}: index_rebuild at {ratio:.2f}x "
            f"the raw bulk rate (goal >= {INDEXING_GOAL}); engine adapter alone {engine_ratio:.2f}x"
        )
    for result in results:
        p50, p95 = result.ratio("layer", "raw", 50), result.ratio("layer", "raw", 95)
        worst = max(percentile(t.layer, 50) / percentile(t.raw, 50) for t in result.queries)
        with_rows = (percentile(result.pooled("layer"), 50) + percentile(result.pooled("rows"), 50)) / (
            percentile(result.pooled("raw"), 50)
        )
        lines.append(
            f"  {verdict(p50 < LAYER_GOAL and p95 < LAYER_GOAL)} {result.size:>7,}: search layer at "
            f"{p50:.2f}x (p50) / {p95:.2f}x (p95) the raw engine time (goal < {LAYER_GOAL}); "
            f"worst query p50 {worst:.2f}x; with the page's catalogue rows {with_rows:.2f}x (info)"
        )
    for result in results:
        p50, p95 = result.ratio("fallback", "layer", 50), result.ratio("fallback", "layer", 95)
        answered = [t for t in result.queries if not t.fallback_error]
        least = min(
            (percentile(t.fallback, 50) / percentile(t.layer, 50) for t in answered), default=math.nan
        )
        passed = p50 >= FALLBACK_GOAL and p95 >= FALLBACK_GOAL
        applies = result.size >= FALLBACK_GOAL_SIZE
        goal = "" if applies else f" (the goal applies from {FALLBACK_GOAL_SIZE:,})"
        if len(answered) < len(result.queries):
            goal += f"; the fallback FAILED {len(result.queries) - len(answered)} queries"
        lines.append(
            f"  {verdict(passed) if applies else 'info'} {result.size:>7,}: engine layer "
            f"{p50:.1f}x (p50) / {p95:.1f}x (p95) faster than the database fallback "
            f"(goal >= {FALLBACK_GOAL:.0f}); least query p50 {least:.1f}x{goal}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------


def bench_indices_delete(client, index_prefix: str) -> None:
    """Delete every index this run made (by name: wildcard deletes may be refused)."""
    for name in client.indices.get(index=f"{index_prefix}-*", ignore_unavailable=True):
        client.indices.delete(index=name)


def search_node_client(url: str):
    """The raw client of the baselines. It encodes JSON with orjson like the site's adapter
    (`search.engines.OrjsonSerializer`, copied here because Django is not set up yet), so the
    raw bulk load stays the fastest single-threaded path: the engine's ceiling."""

    class OrjsonSerializer(opensearchpy.JSONSerializer):
        def dumps(self, data):
            return data if isinstance(data, str) else orjson.dumps(data, default=self.default).decode()

        def loads(self, s):
            return orjson.loads(s)

    client = opensearchpy.OpenSearch(hosts=[url], timeout=60, serializer=OrjsonSerializer())
    try:
        version = client.info()["version"]["number"]
    except opensearchpy.OpenSearchException as error:
        raise SystemExit(
            f"No search node at {url} ({error}); start one with `scripts/search-node start`."
        ) from error
    return client, version


def arguments_parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", help=f"catalogue sizes (default {DEFAULT_SIZES})")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}, fewer repetitions")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per query, raw engine and layer")
    parser.add_argument(
        "--fallback-repeat", type=int, default=10, help="timed runs per query, database fallback"
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per query before timing")
    parser.add_argument("--search-url", default="http://127.0.0.1:9200", help="the OpenSearch node")
    parser.add_argument(
        "--database-url",
        help="an EMPTY database to fill (e.g. postgres://...); default: a temporary SQLite file",
    )
    parser.add_argument("--seed", type=int, default=148, help="random seed of the synthetic catalogue")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.fallback_repeat = args.sizes or list(QUICK_SIZES), 10, 5
    args.sizes = args.sizes or list(DEFAULT_SIZES)
    return args


def main(argv: list[str] | None = None) -> None:
    args = arguments_parse(argv)
    index_prefix = f"bench-{os.getpid()}"
    client, version = search_node_client(args.search_url)
    sizes = ", ".join(f"{size:,}" for size in sorted(args.sizes))
    print(
        f"OpenSearch {version} at {args.search_url}, index prefix {index_prefix}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; sizes {sizes}",
        flush=True,
    )
    results = []
    with database_workspace(args.database_url) as database_url:
        django_setup(database_url=database_url, search_url=args.search_url, index_prefix=index_prefix)
        from django.db import connection

        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
        print(f"migrate + reference data: {database_prepare():.0f} s", flush=True)
        catalogue = SyntheticCatalogue(seed=args.seed)
        try:
            for size in sorted(args.sizes):
                started = time.perf_counter()
                catalogue.grow_to(size)
                print(
                    f"\ncatalogue of {size:,} products built in {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
                figures = indexing_measure(client, index_prefix=index_prefix)
                gc_pauses = []
                timings = queries_measure(
                    client,
                    alias=f"{index_prefix}-products",
                    repeat=args.repeat,
                    fallback_repeat=args.fallback_repeat,
                    warmup=args.warmup,
                    gc_pauses=gc_pauses,
                )
                result = SizeResult(size=size, indexing=figures, queries=timings, gc_pauses=gc_pauses)
                results.append(result)
                print(
                    size_report(result, repeat=args.repeat, fallback_repeat=args.fallback_repeat), flush=True
                )
        finally:
            bench_indices_delete(client, index_prefix)
    print(goals_report(results))


if __name__ == "__main__":
    main()
