"""Demo promotion pages: news with three articles, a lychee-season campaign, the programme
page and a producer story, all in Vietnamese under the Vietnamese home page.

The texts are demo texts written for this site (marked as such), not news reports. Pages are
found by slug under the home page and created only when missing, so the step can run again
without touching what staff have edited.
"""

import datetime

from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page, Site

from cms.models import (
    CampaignPage,
    HomePage,
    NewsArticlePage,
    NewsArticleRelatedProduct,
    NewsCategory,
    NewsIndexPage,
    ProducerStoryPage,
    ProgrammePage,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

DEMO_NOTE = "<p><em>Bài viết minh họa cho trang thử nghiệm, không phải tin chính thức.</em></p>"
NEWS_SLUG = "tin-tuc"
CAMPAIGN_SLUG = "mua-vai-thieu-luc-ngan-2026"
PROGRAMME_SLUG = "chuong-trinh-ocop"
STORY_SLUG = "chuyen-mua-vai-hong-xuan"
LYCHEE_UPCS = ("OCOP-BG-VAI-THIEU-LUC-NGAN-2KG", "OCOP-BG-VAI-SOM-2KG", "OCOP-BG-MAT-ONG-HOA-VAI-500ML")
STORY_PRODUCER = "htx-hong-xuan"

CATEGORIES = [("Tin chương trình OCOP", "tin-chuong-trinh"), ("Thị trường", "thi-truong")]

ARTICLES = [
    {
        "slug": "bac-giang-danh-gia-san-pham-ocop-dot-1",
        "title": "Bắc Giang đánh giá, phân hạng sản phẩm OCOP đợt 1",
        "days_ago": 3,
        "intro": "Hội đồng cấp tỉnh chấm điểm các sản phẩm mới và sản phẩm xin nâng hạng của các hợp tác xã.",
        "body": (
            "<p>Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh đã họp xét các hồ sơ đợt 1. "
            "Sản phẩm đạt từ 50 điểm được công nhận 3 sao, từ 70 điểm 4 sao; sản phẩm đạt từ 90 "
            "điểm được đề nghị Trung ương xét 5 sao.</p>"
        ),
        "categories": ["tin-chuong-trinh"],
        "tags": ["OCOP", "đánh giá"],
        "products": [],
    },
    {
        "slug": "vai-thieu-luc-ngan-vao-vu",
        "title": "Vải thiều Lục Ngạn vào vụ thu hoạch",
        "days_ago": 10,
        "intro": "Các hợp tác xã ở Lục Ngạn chuẩn bị thu hoạch vải thiều, sản phẩm OCOP tiêu biểu của tỉnh.",
        "body": (
            "<p>Vải thiều Lục Ngạn được thu hái từ cuối tháng 5, đóng hộp ngay tại vườn và bán "
            "trên sàn kèm mã truy xuất nguồn gốc của từng lô hàng.</p>"
        ),
        "categories": ["thi-truong"],
        "tags": ["vải thiều", "Lục Ngạn"],
        "products": ["OCOP-BG-VAI-THIEU-LUC-NGAN-2KG", "OCOP-BG-VAI-SOM-2KG"],
    },
    {
        "slug": "mat-ong-hoa-vai-mo-rong-thi-truong",
        "title": "Mật ong hoa vải tìm thêm thị trường mới",
        "days_ago": 21,
        "intro": (
            "Sau khi đạt chứng nhận OCOP, mật ong hoa vải được giới thiệu tại các hội chợ "
            "xúc tiến thương mại."
        ),
        "body": (
            "<p>Các cơ sở nuôi ong ở vùng vải giới thiệu sản phẩm tại hội chợ và trên sàn thương "
            "mại điện tử, kèm thông tin người sản xuất và giấy chứng nhận.</p>"
        ),
        "categories": ["thi-truong", "tin-chuong-trinh"],
        "tags": ["mật ong", "hội chợ"],
        "products": ["OCOP-BG-MAT-ONG-HOA-VAI-500ML"],
    },
]

STAR_LEVELS = {
    "heading": "Các hạng sao OCOP",
    "levels": [
        {
            "stars": "3",
            "min_score": 50,
            "max_score": 69,
            "description": "Sản phẩm đạt chuẩn, công nhận cấp tỉnh.",
        },
        {
            "stars": "4",
            "min_score": 70,
            "max_score": 89,
            "description": "Sản phẩm tốt, có thể nâng cấp lên 5 sao.",
        },
        {
            "stars": "5",
            "min_score": 90,
            "max_score": 100,
            "description": "Sản phẩm đạt chuẩn quốc gia, do Trung ương công nhận.",
        },
    ],
}


def _home() -> HomePage | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    return root if isinstance(root, HomePage) else None


def _child(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).first()


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _news(home: HomePage) -> int:
    index = _child(home, NEWS_SLUG)
    created = 0
    if index is None:
        index = _publish(
            home,
            NewsIndexPage(
                title="Tin tức",
                slug=NEWS_SLUG,
                intro="Tin về chương trình OCOP và sản phẩm của Bắc Giang.",
                show_in_menus=True,
            ),
        )
        created += 1
    index = index.specific
    categories = {}
    for name, slug in CATEGORIES:
        categories[slug], _ = NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})
    products = Product.objects.in_bulk([upc for a in ARTICLES for upc in a["products"]], field_name="upc")
    today = timezone.localdate()
    for data in ARTICLES:
        if _child(index, data["slug"]) is not None:
            continue
        article = NewsArticlePage(
            title=data["title"],
            slug=data["slug"],
            date=today - datetime.timedelta(days=data["days_ago"]),
            author_name="Văn phòng điều phối OCOP",
            intro=data["intro"],
        )
        article.body = [("paragraph", data["body"] + DEMO_NOTE)]
        article.categories = [categories[slug] for slug in data["categories"]]
        article.tags.add(*data["tags"])
        article.related_products = [
            NewsArticleRelatedProduct(product=products[upc], sort_order=i)
            for i, upc in enumerate(data["products"])
            if upc in products
        ]
        _publish(index, article)
        created += 1
    return created


def _campaign(home: HomePage) -> int:
    if _child(home, CAMPAIGN_SLUG) is not None:
        return 0
    products = Product.objects.in_bulk(list(LYCHEE_UPCS), field_name="upc")
    year = 2026
    page = CampaignPage(
        title="Mùa vải thiều Lục Ngạn 2026",
        slug=CAMPAIGN_SLUG,
        intro="Vải thiều và các sản phẩm từ vùng vải Lục Ngạn, mua thẳng từ hợp tác xã.",
        starts_on=datetime.date(year, 5, 25),
        ends_on=datetime.date(year, 7, 31),
    )
    page.body = [
        (
            "paragraph",
            "<p>Mùa vải năm nay, các hợp tác xã OCOP bán vải tươi kèm mã truy xuất từng lô.</p>" + DEMO_NOTE,
        ),
        (
            "products",
            {
                "heading": "Sản phẩm của mùa vải",
                "products": [products[u] for u in LYCHEE_UPCS if u in products],
            },
        ),
        ("certified_products", {"heading": "Nông sản OCOP khác", "min_stars": "3", "count": 8}),
    ]
    _publish(home, page)
    return 1


def _programme(home: HomePage) -> int:
    if _child(home, PROGRAMME_SLUG) is not None:
        return 0
    page = ProgrammePage(
        title="Chương trình OCOP là gì?",
        slug=PROGRAMME_SLUG,
        show_in_menus=True,
        intro="Mỗi xã một sản phẩm: chương trình phát triển sản phẩm đặc trưng của địa phương.",
    )
    page.body = [
        (
            "paragraph",
            "<p>Sản phẩm OCOP được chấm điểm theo bộ tiêu chí trên thang 100 điểm và xếp hạng sao. "
            "Giấy chứng nhận có giá trị 36 tháng kể từ ngày cấp.</p>",
        ),
        ("star_levels", STAR_LEVELS),
        ("certified_products", {"heading": "Sản phẩm 5 sao", "min_stars": "5", "count": 8}),
    ]
    _publish(home, page)
    return 1


def _story(home: HomePage) -> int:
    producer = Partner.objects.filter(code=STORY_PRODUCER).first()
    if producer is None or _child(home, STORY_SLUG) is not None:
        return 0
    page = ProducerStoryPage(
        title="Chuyện mùa vải ở Hồng Xuân",
        slug=STORY_SLUG,
        producer=producer,
        intro="Những người trồng vải ở Lục Ngạn kể về một mùa thu hoạch.",
    )
    page.body = [
        ("paragraph", "<p>Vải được hái lúc sáng sớm, đóng thùng ngay tại vườn.</p>" + DEMO_NOTE),
        ("certified_products", {"heading": "Sản phẩm OCOP", "min_stars": "3", "count": 4}),
    ]
    _publish(home, page)
    return 1


def demo_pages() -> tuple[int, int]:
    """The demo promotion pages: (created, already there) counted in pages."""
    home = _home()
    if home is None:
        return 0, 0
    total = len(ARTICLES) + 4
    created = _news(home) + _campaign(home) + _programme(home) + _story(home)
    return created, total - created
