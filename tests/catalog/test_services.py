from oscar.core.loading import get_model

from catalog.services import product_groups_ensure

Category = get_model("catalogue", "Category")

GROUPS_OF_QD_148 = [
    "Thực phẩm",
    "Đồ uống",
    "Dược liệu và sản phẩm từ dược liệu",
    "Thủ công mỹ nghệ",
    "Sinh vật cảnh",
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
]


def test_creates_the_six_product_groups_of_qd_148_with_their_product_sets(db):
    product_groups_ensure()

    assert [c.name for c in Category.get_root_nodes()] == GROUPS_OF_QD_148
    food = Category.objects.get(slug="thuc-pham")
    assert [c.name for c in food.get_children()] == [
        "Nông sản tươi sống",
        "Nông sản sơ chế",
        "Thực phẩm chế biến",
        "Gia vị",
        "Chè và sản phẩm từ chè",
        "Cà phê, ca cao",
    ]
    assert [c.name for c in Category.objects.get(slug="do-uong").get_children()] == [
        "Đồ uống có cồn",
        "Đồ uống không cồn",
    ]
    assert Category.objects.count() == 24
    assert {c.get_depth() for c in Category.objects.all()} == {1, 2}


def test_second_run_creates_nothing(db):
    product_groups_ensure()

    assert product_groups_ensure() == 0
    assert Category.objects.count() == 24


def test_recreates_a_missing_product_set_and_keeps_staff_names(db):
    product_groups_ensure()
    Category.objects.get(slug="dong-vat-canh").delete()
    group = Category.objects.get(slug="sinh-vat-canh")
    group.name = "Sinh vật cảnh (cây, hoa, chim)"
    group.save()

    assert product_groups_ensure() == 1

    group.refresh_from_db()
    assert group.name == "Sinh vật cảnh (cây, hoa, chim)"
    assert [c.slug for c in group.get_children()] == ["hoa-cay-canh", "dong-vat-canh"]
    assert Category.objects.filter(slug="dong-vat-canh").count() == 1
