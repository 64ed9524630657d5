"""The demo catalogue: real OCOP products of the former Bắc Giang province and their producers.

Products, producers, localities and star levels come from the programme's published lists
(see /work/shared/domain/ocop_research.md §2.2 and the sources cited there). What the
sources do not give is made up and marked as such:

- prices are illustrative (every description ends by saying so) and stock levels invented;
- phone numbers are placeholders in the 0204 0000 0xx range, not the producers' numbers;
- street addresses name only the old commune (or hamlet) the sources give.

`stars` keeps the star level the sources report; the loader records it on a demo OCOP
certificate whose decision number and dates are made up (marked "MINHHOA").
"""

from dataclasses import dataclass

ILLUSTRATIVE_PRICE_NOTE = "Giá trên trang trình diễn là giá minh họa."


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


@dataclass(frozen=True)
class DemoProduct:
    sku: str  # the producer's SKU; the UPC is derived from it
    title: str
    producer: str  # DemoProducer.code
    product_set: str  # slug of the product set (second-level category)
    stars: int
    description: str
    price: int  # whole đồng, illustrative
    num_in_stock: int | None  # None for services
    picture: str  # a key of demo.images.PICTURES
    featured: int = 0  # position on the home page, 1-8; 0 = not featured

    @property
    def upc(self) -> str:
        return f"OCOP-BG-{self.sku.upper()}"

    @property
    def full_description(self) -> str:
        return f"{self.description} {ILLUSTRATIVE_PRICE_NOTE}"


PRODUCERS = [
    DemoProducer(
        code="htx-hong-xuan",
        name="HTX Nông nghiệp sản xuất và kinh doanh dịch vụ tổng hợp Hồng Xuân",
        legal_type="cooperative",
        street_address="Xã Hồng Giang (cũ)",
        commune_code="07525",  # phường Chũ
        district_code="219",  # Lục Ngạn
        phone="+842040000001",
        description=(
            "Hợp tác xã trồng vải thiều trên đất đồi Hồng Giang, Lục Ngạn, sản xuất theo VietGAP và "
            "GlobalGAP. Vải thiều của hợp tác xã là sản phẩm đầu tiên của tỉnh Bắc Giang đạt OCOP 5 sao."
        ),
        monogram="HX",
        colour="#b3282d",
        contact_name="Phạm Văn Dũng",
    ),
    DemoProducer(
        code="htx-xuan-truong",
        name="HTX Mỳ gạo Chũ Xuân Trường",
        legal_type="cooperative",
        street_address="Xã Nam Dương (cũ)",
        commune_code="07603",  # xã Nam Dương
        district_code="219",
        phone="+842040000002",
        description="Hợp tác xã làm mỳ gạo Chũ ở xã Nam Dương, trong vùng mỳ Chũ của Lục Ngạn.",
        monogram="XT",
        colour="#a86b2d",
    ),
    DemoProducer(
        code="htx-hang-hieu",
        name="HTX Dịch vụ Nông nghiệp Hằng Hiếu",
        legal_type="cooperative",
        street_address="Thị trấn Chũ (cũ)",
        commune_code="07525",  # phường Chũ
        district_code="219",
        phone="+842040000003",
        description="Hợp tác xã ở Chũ, Lục Ngạn, làm mật ong hoa vải và mỳ gạo Lục Ngạn.",
        monogram="HH",
        colour="#d08a12",
    ),
    DemoProducer(
        code="htx-xanh-yen-the",
        name="HTX Nông nghiệp Xanh Yên Thế",
        legal_type="cooperative",
        street_address="Thị trấn Phồn Xương (cũ)",
        commune_code="07288",  # xã Yên Thế
        district_code="215",  # Yên Thế
        phone="+842040000004",
        description=(
            "Hợp tác xã chế biến gà đồi Yên Thế: chả gà, giò gà, xúc xích gà và gà làm sạch. "
            "Sản phẩm có tem QR truy xuất nguồn gốc."
        ),
        monogram="XY",
        colour="#6b8e23",
    ),
    DemoProducer(
        code="htx-moc-son",
        name="HTX Nông nghiệp Mộc Sơn",
        legal_type="cooperative",
        street_address="Xã Tam Tiến (cũ)",
        commune_code="07264",  # xã Tam Tiến
        district_code="215",
        phone="+842040000005",
        description="Hợp tác xã làm bánh khảo ở xã Tam Tiến, Yên Thế.",
        monogram="MS",
        colour="#9c6b3c",
    ),
    DemoProducer(
        code="htx-quang-duy",
        name="HTX Nông nghiệp Quang Duy",
        legal_type="cooperative",
        street_address="Xã Đồng Lạc (cũ)",
        commune_code="07288",  # xã Yên Thế
        district_code="215",
        phone="+842040000006",
        description="Hợp tác xã ở xã Đồng Lạc, Yên Thế, làm dầu mè đen nhãn Đại An.",
        monogram="QD",
        colour="#5a3b1e",
    ),
    DemoProducer(
        code="htx-than-truong",
        name="HTX Thân Trường",
        legal_type="cooperative",
        street_address="Bản Ven",
        commune_code="07246",  # xã Xuân Lương
        district_code="215",
        phone="+842040000007",
        description=(
            "Hợp tác xã thành lập năm 2013 ở bản Ven, xã Xuân Lương, Yên Thế: trồng và chế biến chè "
            "cùng người dân trong xã và đón khách đến bản du lịch sinh thái, văn hóa."
        ),
        monogram="TT",
        colour="#3f7a34",
    ),
    DemoProducer(
        code="htx-vai-som-phuc-hoa",
        name="HTX Sản xuất và Tiêu thụ Vải sớm Phúc Hòa",
        legal_type="cooperative",
        street_address="Xã Phúc Hòa (cũ)",
        commune_code="07330",  # xã Phúc Hòa
        district_code="216",  # Tân Yên
        phone="+842040000008",
        description="Hợp tác xã trồng và tiêu thụ vải sớm ở xã Phúc Hòa, Tân Yên.",
        monogram="PH",
        colour="#c2413b",
    ),
    DemoProducer(
        code="htx-nem-lien-chung",
        name="HTX Nem nướng Liên Chung",
        legal_type="cooperative",
        street_address="Xã Liên Chung (cũ)",
        commune_code="07330",  # xã Phúc Hòa
        district_code="216",
        phone="+842040000009",
        description="Hợp tác xã làm nem nướng ở xã Liên Chung, Tân Yên.",
        monogram="LC",
        colour="#a4452c",
    ),
    DemoProducer(
        code="htx-sam-nam-nui-danh",
        name="HTX Sâm Nam núi Dành Liên Chung",
        legal_type="cooperative",
        street_address="Xã Liên Chung (cũ)",
        commune_code="07330",  # xã Phúc Hòa
        district_code="216",
        phone="+842040000010",
        description="Hợp tác xã trồng và chế biến sâm nam núi Dành ở xã Liên Chung, Tân Yên.",
        monogram="SN",
        colour="#4f7a3a",
    ),
    DemoProducer(
        code="htx-vu-sua-hop-duc",
        name="HTX Sản xuất - Tiêu thụ Vú sữa Hợp Đức",
        legal_type="cooperative",
        street_address="Xã Hợp Đức (cũ)",
        commune_code="07330",  # xã Phúc Hòa
        district_code="216",
        phone="+842040000011",
        description="Hợp tác xã trồng và tiêu thụ vú sữa ở xã Hợp Đức, Tân Yên.",
        monogram="HĐ",
        colour="#7b4a86",
    ),
    DemoProducer(
        code="htx-mang-ngoc-chau",
        name="HTX Măng lục trúc Lâm sinh Ngọc Châu",
        legal_type="cooperative",
        street_address="Xã Ngọc Châu (cũ)",
        commune_code="07351",  # xã Ngọc Thiện
        district_code="216",
        phone="+842040000012",
        description="Hợp tác xã trồng lục trúc lấy măng ở xã Ngọc Châu, Tân Yên.",
        monogram="NC",
        colour="#8a8a3a",
    ),
    DemoProducer(
        code="htx-van-huong",
        name="HTX Vân Hương",
        legal_type="cooperative",
        street_address="Thôn Yên Viên, xã Vân Hà (cũ)",
        commune_code="07798",  # phường Vân Hà
        district_code="222",  # Việt Yên
        phone="+842040000013",
        description="Hợp tác xã nấu rượu làng Vân ở thôn Yên Viên, xã Vân Hà, Việt Yên.",
        monogram="VH",
        colour="#7a2e2e",
    ),
    DemoProducer(
        code="cty-joy-vn",
        name="Công ty TNHH JOY VN",
        legal_type="enterprise",
        street_address="Xã Việt Tiến (cũ)",
        commune_code="07774",  # phường Tự Lạn
        district_code="222",
        phone="+842040000014",
        description="Doanh nghiệp làm bánh snack gạo ở xã Việt Tiến, Việt Yên.",
        monogram="JOY",
        colour="#e07b1f",
    ),
    DemoProducer(
        code="htx-binh-minh",
        name="HTX Nông nghiệp hữu cơ Bình Minh",
        legal_type="cooperative",
        street_address="Xã Danh Thắng (cũ)",
        commune_code="07840",  # xã Hiệp Hòa
        district_code="223",  # Hiệp Hòa
        phone="+842040000015",
        description=(
            "Hợp tác xã ở xã Danh Thắng, Hiệp Hòa, làm giò lụa, chả lụa và xúc xích từ thịt lợn thảo dược."
        ),
        monogram="BM",
        colour="#c0603a",
    ),
    DemoProducer(
        code="cty-duoc-thao-truong-tho",
        name="Công ty TNHH Dược thảo Trường Thọ",
        legal_type="enterprise",
        street_address="Xã Đông Hưng (cũ)",
        commune_code="07450",  # xã Đông Phú
        district_code="218",  # Lục Nam
        phone="+842040000016",
        description="Doanh nghiệp ở xã Đông Hưng, Lục Nam, nuôi trồng và sấy khô đông trùng hạ thảo.",
        monogram="DT",
        colour="#b5651d",
    ),
]

PRODUCTS = [
    DemoProduct(
        sku="vai-thieu-luc-ngan-2kg",
        title="Vải thiều Lục Ngạn",
        producer="htx-hong-xuan",
        product_set="nong-san-tuoi-song",
        stars=5,
        description=(
            "Vải thiều trồng trên đất đồi Hồng Giang, Lục Ngạn, đóng thùng 2 kg vào mùa thu hoạch. "
            "Vườn của hợp tác xã sản xuất theo VietGAP và GlobalGAP; vải thiều Lục Ngạn là nông sản "
            "Việt Nam đầu tiên được bảo hộ chỉ dẫn địa lý tại Nhật Bản."
        ),
        price=120_000,
        num_in_stock=200,
        picture="lychee",
        featured=1,
    ),
    DemoProduct(
        sku="my-gao-chu-1kg",
        title="Mỳ gạo Chũ Xuân Trường",
        producer="htx-xuan-truong",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Mỳ gạo tráng và phơi theo cách làm của làng mỳ Chũ ở xã Nam Dương, Lục Ngạn; cả vùng mỳ Chũ "
            "làm khoảng 14.000 tấn mỳ mỗi năm. Gói 1 kg, dùng để nấu, xào hoặc trộn."
        ),
        price=45_000,
        num_in_stock=300,
        picture="noodles",
        featured=2,
    ),
    DemoProduct(
        sku="my-ngu-sac-500g",
        title="Mỳ ngũ sắc Xuân Trường",
        producer="htx-xuan-truong",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Mỳ gạo Chũ năm màu của HTX Mỳ gạo Chũ Xuân Trường, xã Nam Dương, Lục Ngạn. "
            "Gói 500 g, hợp với món trộn và món xào."
        ),
        price=35_000,
        num_in_stock=250,
        picture="noodles_colour",
    ),
    DemoProduct(
        sku="mat-ong-hoa-vai-500ml",
        title="Mật ong hoa vải Hằng Hiếu",
        producer="htx-hang-hieu",
        product_set="nong-san-so-che",
        stars=3,
        description=(
            "Mật ong lấy từ hoa vải của vùng vải Lục Ngạn, vào mùa vải ra hoa. "
            "Sản phẩm của HTX Dịch vụ Nông nghiệp Hằng Hiếu ở Chũ, chai 500 ml."
        ),
        price=150_000,
        num_in_stock=80,
        picture="honey",
        featured=3,
    ),
    DemoProduct(
        sku="my-gao-luc-ngan-1kg",
        title="Mỳ gạo Lục Ngạn Hằng Hiếu",
        producer="htx-hang-hieu",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Mỳ gạo của HTX Dịch vụ Nông nghiệp Hằng Hiếu, làm ở Chũ, trung tâm vùng mỳ gạo Lục Ngạn. "
            "Gói 1 kg, sợi khô, dễ bảo quản."
        ),
        price=45_000,
        num_in_stock=300,
        picture="noodles",
    ),
    DemoProduct(
        sku="cha-ga-500g",
        title="Chả gà Yên Thế",
        producer="htx-xanh-yen-the",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Chả làm từ thịt gà đồi Yên Thế, giống gà được bảo hộ chỉ dẫn địa lý. Sản phẩm của "
            "HTX Nông nghiệp Xanh Yên Thế, có tem QR truy xuất nguồn gốc; gói 500 g, bảo quản lạnh."
        ),
        price=120_000,
        num_in_stock=60,
        picture="chicken_patty",
        featured=4,
    ),
    DemoProduct(
        sku="gio-ga-500g",
        title="Giò gà Yên Thế",
        producer="htx-xanh-yen-the",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Giò làm từ thịt gà đồi Yên Thế, gói lá như giò truyền thống. "
            "Sản phẩm của HTX Nông nghiệp Xanh Yên Thế; khoanh 500 g, bảo quản lạnh."
        ),
        price=130_000,
        num_in_stock=60,
        picture="chicken_roll",
    ),
    DemoProduct(
        sku="ga-doi-nguyen-con",
        title="Gà đồi Yên Thế",
        producer="htx-xanh-yen-the",
        product_set="nong-san-tuoi-song",
        stars=4,
        description=(
            "Gà nuôi thả trên đồi ở Yên Thế, được bảo hộ chỉ dẫn địa lý, nhãn hiệu chứng nhận và nhãn hiệu "
            "tập thể; Yên Thế nuôi khoảng 11 đến 13 triệu con mỗi năm. Gà làm sạch nguyên con, "
            "khoảng 1,8 kg, giao lạnh."
        ),
        price=250_000,
        num_in_stock=40,
        picture="chicken",
    ),
    DemoProduct(
        sku="xuc-xich-ga-500g",
        title="Xúc xích gà Yên Thế",
        producer="htx-xanh-yen-the",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Xúc xích làm từ thịt gà đồi Yên Thế của HTX Nông nghiệp Xanh Yên Thế ở Phồn Xương. "
            "Gói 500 g, bảo quản lạnh."
        ),
        price=90_000,
        num_in_stock=80,
        picture="chicken_sausage",
    ),
    DemoProduct(
        sku="banh-khao-400g",
        title="Bánh khảo Mộc Sơn",
        producer="htx-moc-son",
        product_set="thuc-pham-che-bien",
        stars=3,
        description=(
            "Bánh khảo, món bánh quê làm từ bột gạo nếp rang và đường nén thành khuôn vuông. "
            "Sản phẩm của HTX Nông nghiệp Mộc Sơn ở xã Tam Tiến, Yên Thế; hộp 400 g."
        ),
        price=50_000,
        num_in_stock=120,
        picture="cakes",
    ),
    DemoProduct(
        sku="dau-me-den-500ml",
        title="Dầu mè đen Đại An",
        producer="htx-quang-duy",
        product_set="thuc-pham-che-bien",
        stars=3,
        description=(
            "Dầu ép từ hạt vừng (mè) đen, dùng để trộn và nêm món ăn. "
            "Sản phẩm nhãn Đại An của HTX Nông nghiệp Quang Duy ở xã Đồng Lạc, Yên Thế; chai 500 ml."
        ),
        price=180_000,
        num_in_stock=50,
        picture="sesame_oil",
    ),
    DemoProduct(
        sku="du-lich-ban-ven-1-ngay",
        title="Du lịch sinh thái, văn hóa bản Ven",
        producer="htx-than-truong",
        product_set="du-lich-cong-dong-du-lich-sinh-thai",
        stars=3,
        description=(
            "Bản Ven ở xã Xuân Lương, Yên Thế là bản hơn 300 năm tuổi của người Cao Lan, giữa đồi chè và "
            "rừng. Khách tham quan bản, mặc trang phục Cao Lan và hái chè cùng người dân; đây là sản phẩm "
            "OCOP du lịch cộng đồng đầu tiên của Bắc Giang. Vé một ngày cho một khách."
        ),
        price=350_000,
        num_in_stock=None,
        picture="landscape",
        featured=5,
    ),
    DemoProduct(
        sku="che-xanh-ban-ven-200g",
        title="Chè xanh Bản Ven",
        producer="htx-than-truong",
        product_set="che-va-san-pham-tu-che",
        stars=4,
        description=(
            "Chè xanh trồng ở bản Ven và các bản lân cận của xã Xuân Lương, Yên Thế, theo quy trình VietGAP. "
            "HTX Thân Trường liên kết với các hộ trồng chè trong xã; gói 200 g."
        ),
        price=80_000,
        num_in_stock=100,
        picture="tea",
    ),
    DemoProduct(
        sku="vai-som-2kg",
        title="Vải sớm Phúc Hòa",
        producer="htx-vai-som-phuc-hoa",
        product_set="nong-san-tuoi-song",
        stars=4,
        description=(
            "Vải chín sớm trồng ở xã Phúc Hòa, Tân Yên, thu hoạch trước vụ vải thiều chính. "
            "Thùng 2 kg, đóng tại vườn."
        ),
        price=100_000,
        num_in_stock=150,
        picture="lychee",
    ),
    DemoProduct(
        sku="nem-nuong-500g",
        title="Nem nướng Liên Chung",
        producer="htx-nem-lien-chung",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Nem thịt lợn nướng theo cách làm của xã Liên Chung, Tân Yên. "
            "Gói 500 g, hâm nóng rồi ăn kèm rau sống."
        ),
        price=110_000,
        num_in_stock=70,
        picture="grilled_nem",
    ),
    DemoProduct(
        sku="nu-hoa-sam-nam-200g",
        title="Nụ hoa Sâm Nam núi Dành khô",
        producer="htx-sam-nam-nui-danh",
        product_set="duoc-lieu",
        stars=4,
        description=(
            "Nụ hoa sâm nam của vùng núi Dành, xã Liên Chung, Tân Yên, sấy khô để hãm nước uống như trà. "
            "Hộp 200 g."
        ),
        price=150_000,
        num_in_stock=90,
        picture="buds",
        featured=6,
    ),
    DemoProduct(
        sku="ruou-nep-cai-hoa-vang-750ml",
        title="Rượu nếp cái hoa vàng Vân Hương",
        producer="htx-van-huong",
        product_set="do-uong-co-con",
        stars=4,
        description=(
            "Rượu nấu từ gạo nếp cái hoa vàng theo nghề rượu làng Vân, thôn Yên Viên, xã Vân Hà, Việt Yên. "
            "Chai 750 ml; không bán cho người dưới 18 tuổi."
        ),
        price=150_000,
        num_in_stock=100,
        picture="wine",
        featured=7,
    ),
    DemoProduct(
        sku="cuc-hoa-tuu-500ml",
        title="Cúc hoa tửu Vân Hương",
        producer="htx-van-huong",
        product_set="do-uong-co-con",
        stars=4,
        description=(
            "Rượu hoa cúc của HTX Vân Hương, làng rượu Vân ở xã Vân Hà, Việt Yên. "
            "Chai 500 ml; không bán cho người dưới 18 tuổi."
        ),
        price=180_000,
        num_in_stock=60,
        picture="chrysanthemum_wine",
    ),
    DemoProduct(
        sku="ruou-nep-ha-tho-1l",
        title="Rượu nếp ngâm hạ thổ Vân Hương",
        producer="htx-van-huong",
        product_set="do-uong-co-con",
        stars=4,
        description=(
            "Rượu nếp làng Vân được hạ thổ (chôn ủ dưới đất) trước khi đóng chai, của HTX Vân Hương, "
            "xã Vân Hà, Việt Yên. Chai 1 lít; không bán cho người dưới 18 tuổi."
        ),
        price=200_000,
        num_in_stock=40,
        picture="aged_wine",
    ),
    DemoProduct(
        sku="gio-lua-thao-duoc-500g",
        title="Giò lụa thảo dược Bình Minh",
        producer="htx-binh-minh",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Giò lụa làm từ thịt lợn thảo dược của HTX Nông nghiệp hữu cơ Bình Minh, xã Danh Thắng, "
            "Hiệp Hòa. Khoanh 500 g, bảo quản lạnh."
        ),
        price=110_000,
        num_in_stock=60,
        picture="pork_roll",
    ),
    DemoProduct(
        sku="cha-lua-thao-duoc-500g",
        title="Chả lụa thảo dược Bình Minh",
        producer="htx-binh-minh",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Chả lụa làm từ thịt lợn thảo dược của HTX Nông nghiệp hữu cơ Bình Minh, xã Danh Thắng, "
            "Hiệp Hòa. Gói 500 g, bảo quản lạnh."
        ),
        price=110_000,
        num_in_stock=60,
        picture="pork_patty",
    ),
    DemoProduct(
        sku="xuc-xich-heo-thao-duoc-500g",
        title="Xúc xích heo thảo dược Bình Minh",
        producer="htx-binh-minh",
        product_set="thuc-pham-che-bien",
        stars=4,
        description=(
            "Xúc xích làm từ thịt lợn thảo dược của HTX Nông nghiệp hữu cơ Bình Minh, xã Danh Thắng, "
            "Hiệp Hòa. Gói 500 g, bảo quản lạnh."
        ),
        price=95_000,
        num_in_stock=80,
        picture="pork_sausage",
    ),
    DemoProduct(
        sku="dong-trung-ha-thao-kho-10g",
        title="Đông trùng hạ thảo khô Trường Thọ",
        producer="cty-duoc-thao-truong-tho",
        product_set="duoc-lieu",
        stars=4,
        description=(
            "Đông trùng hạ thảo nuôi trồng và sấy khô của Công ty TNHH Dược thảo Trường Thọ, "
            "xã Đông Hưng, Lục Nam. Hộp 10 g, dùng hãm nước hoặc nấu cùng món ăn."
        ),
        price=250_000,
        num_in_stock=50,
        picture="cordyceps",
        featured=8,
    ),
    DemoProduct(
        sku="vu-sua-1kg",
        title="Vú sữa Hợp Đức",
        producer="htx-vu-sua-hop-duc",
        product_set="nong-san-tuoi-song",
        stars=4,
        description="Vú sữa trồng ở xã Hợp Đức, Tân Yên, hái khi quả chín. Túi 1 kg.",
        price=60_000,
        num_in_stock=120,
        picture="star_apple",
    ),
    DemoProduct(
        sku="mang-luc-truc-1kg",
        title="Măng lục trúc tươi Ngọc Châu",
        producer="htx-mang-ngoc-chau",
        product_set="nong-san-tuoi-song",
        stars=4,
        description=(
            "Măng tươi của cây lục trúc trồng ở xã Ngọc Châu, Tân Yên. Túi 1 kg, dùng để luộc hoặc xào."
        ),
        price=40_000,
        num_in_stock=150,
        picture="bamboo_shoots",
    ),
    DemoProduct(
        sku="snack-gao-100g",
        title="Snack gạo JOY",
        producer="cty-joy-vn",
        product_set="thuc-pham-che-bien",
        stars=3,
        description="Bánh gạo giòn đóng gói của Công ty TNHH JOY VN ở xã Việt Tiến, Việt Yên. Gói 100 g.",
        price=25_000,
        num_in_stock=400,
        picture="crackers",
    ),
]
