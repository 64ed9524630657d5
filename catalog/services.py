"""Writes to the catalogue."""

from django.db import transaction
from oscar.core.loading import get_model

from core.vietnamese import slugify

Category = get_model("catalogue", "Category")

# The six OCOP product groups of QĐ 148/QĐ-TTg (2023) and their product sets (bộ sản phẩm).
# The groups are the decision's; the sets follow the 2019 programme's sets as regrouped
# under 148 (see ocop_research.md §1.2: the exact list of Phụ lục III is not verified).
PRODUCT_GROUPS = [
    (
        "Thực phẩm",
        "Nông sản tươi sống, sơ chế và chế biến, gia vị, chè, cà phê.",
        [
            "Nông sản tươi sống",
            "Nông sản sơ chế",
            "Thực phẩm chế biến",
            "Gia vị",
            "Chè và sản phẩm từ chè",
            "Cà phê, ca cao",
        ],
    ),
    (
        "Đồ uống",
        "Rượu truyền thống và đồ uống không cồn.",
        ["Đồ uống có cồn", "Đồ uống không cồn"],
    ),
    (
        "Dược liệu và sản phẩm từ dược liệu",
        "Dược liệu, thực phẩm chức năng, mỹ phẩm và tinh dầu từ dược liệu.",
        ["Dược liệu", "Thực phẩm chức năng, thuốc từ dược liệu", "Mỹ phẩm từ dược liệu", "Tinh dầu"],
    ),
    (
        "Thủ công mỹ nghệ",
        "Đồ thủ công mỹ nghệ, đồ trang trí, vải và may mặc.",
        ["Đồ thủ công mỹ nghệ, trang trí", "Vải và may mặc"],
    ),
    (
        "Sinh vật cảnh",
        "Hoa, cây cảnh và động vật cảnh.",
        ["Hoa, cây cảnh", "Động vật cảnh"],
    ),
    (
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        "Trải nghiệm tại bản làng, trang trại và điểm du lịch của địa phương.",
        ["Du lịch cộng đồng, du lịch sinh thái", "Điểm du lịch"],
    ),
]


@transaction.atomic
def product_groups_ensure() -> int:
    """Create the OCOP product groups and product sets that are missing; return how many.

    Categories are looked up by slug, so names or descriptions edited by staff are kept.
    """
    existing = {category.slug: category for category in Category.objects.all()}
    created = 0
    for name, description, product_sets in PRODUCT_GROUPS:
        slug = slugify(name)
        group = existing.get(slug)
        if group is None:
            group = Category.add_root(name=name, slug=slug, description=description)
            created += 1
        for set_name in product_sets:
            set_slug = slugify(set_name)
            if set_slug not in existing:
                # add_child changes the parent's tree counters: reload it before the next one.
                existing[set_slug] = group.add_child(name=set_name, slug=set_slug)
                group.refresh_from_db()
                created += 1
    return created
