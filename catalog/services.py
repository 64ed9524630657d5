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


# Their English (`Category.name_en`, `description_en`), shown on /en/, by Vietnamese name.
PRODUCT_GROUPS_EN = {
    "Thực phẩm": ("Food", "Fresh, semi-processed and processed farm produce, spices, tea and coffee."),
    "Nông sản tươi sống": ("Fresh produce", ""),
    "Nông sản sơ chế": ("Semi-processed produce", ""),
    "Thực phẩm chế biến": ("Processed food", ""),
    "Gia vị": ("Spices and condiments", ""),
    "Chè và sản phẩm từ chè": ("Tea and tea products", ""),
    "Cà phê, ca cao": ("Coffee and cocoa", ""),
    "Đồ uống": ("Drinks", "Traditional rice wines and soft drinks."),
    "Đồ uống có cồn": ("Alcoholic drinks", ""),
    "Đồ uống không cồn": ("Soft drinks", ""),
    "Dược liệu và sản phẩm từ dược liệu": (
        "Herbs and herbal products",
        "Medicinal herbs, and the health supplements, cosmetics and essential oils made from them.",
    ),
    "Dược liệu": ("Medicinal herbs", ""),
    "Thực phẩm chức năng, thuốc từ dược liệu": ("Health supplements and herbal medicines", ""),
    "Mỹ phẩm từ dược liệu": ("Herbal cosmetics", ""),
    "Tinh dầu": ("Essential oils", ""),
    "Thủ công mỹ nghệ": ("Handicrafts", "Handicrafts, decorations, fabrics and clothing."),
    "Đồ thủ công mỹ nghệ, trang trí": ("Handicrafts and decorations", ""),
    "Vải và may mặc": ("Fabrics and clothing", ""),
    "Sinh vật cảnh": ("Ornamental plants and animals", "Flowers, ornamental plants and ornamental animals."),
    "Hoa, cây cảnh": ("Flowers and ornamental plants", ""),
    "Động vật cảnh": ("Ornamental animals", ""),
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": (
        "Community tourism, ecotourism and destinations",
        "Stays and visits in villages, on farms and at local destinations.",
    ),
    "Du lịch cộng đồng, du lịch sinh thái": ("Community tourism and ecotourism", ""),
    "Điểm du lịch": ("Tourist destinations", ""),
}


def _english_fill(category, name: str) -> bool:
    """Give a group or set without English the programme's; True when it did."""
    name_en, description_en = PRODUCT_GROUPS_EN.get(name, ("", ""))
    if category.name_en or not name_en:
        return False
    category.name_en, category.description_en = name_en, category.description_en or description_en
    category.save(update_fields=["name_en", "description_en"])
    return True


@transaction.atomic
def product_groups_ensure() -> int:
    """Create the OCOP product groups and product sets that are missing; return how many.

    Categories are looked up by slug, so names or descriptions edited by staff are kept; one
    without an English name gets the programme's (`PRODUCT_GROUPS_EN`).
    """
    existing = {category.slug: category for category in Category.objects.all()}
    created = 0
    for name, description, product_sets in PRODUCT_GROUPS:
        slug = slugify(name)
        group = existing.get(slug)
        name_en, description_en = PRODUCT_GROUPS_EN.get(name, ("", ""))
        if group is None:
            group = Category.add_root(
                name=name, slug=slug, description=description, name_en=name_en, description_en=description_en
            )
            created += 1
        else:
            _english_fill(group, name)
        for set_name in product_sets:
            set_slug = slugify(set_name)
            if set_slug not in existing:
                # add_child changes the parent's tree counters: reload it before the next one.
                existing[set_slug] = group.add_child(
                    name=set_name, slug=set_slug, name_en=PRODUCT_GROUPS_EN.get(set_name, ("", ""))[0]
                )
                group.refresh_from_db()
                created += 1
            else:
                _english_fill(existing[set_slug], set_name)
    return created
