"""A round whose council scores: the small sheet of `tests.criteria.factories` (A1 ≤ 20 with 3★ ≥ 5
and 4★ ≥ 10, A2 ≤ 20, B1 ≤ 25, C1 ≤ 35 with 3★ ≥ 15 and 5★ = 35), accepted dossiers of products
from Lục Ngạn (Bắc Ninh), and a council of a chair, a member and a secretary."""

from decimal import Decimal

from evaluation import council
from evaluation.models import CouncilRole, DossierStatus, RoundStatus
from tests.catalog.factories import ProductFactory
from tests.core.factories import UserFactory
from tests.criteria.factories import criteria_by_code, sheet_make
from tests.evaluation.factories import CouncilMemberFactory, DossierFactory, EvaluationRoundFactory

FULL = {"A1": 20, "A2": 20, "B1": 25, "C1": 35}


def council_world(commune, *, products=2, status=RoundStatus.SCORING):
    sheet = sheet_make()
    round = EvaluationRoundFactory(status=status)
    dossiers = [
        DossierFactory(
            round=round,
            sheet=sheet,
            status=DossierStatus.ACCEPTED,
            product=ProductFactory(title=f"Sản phẩm hội đồng {number}", origin_commune=commune),
        )
        for number in range(1, products + 1)
    ]
    return {
        "sheet": sheet,
        "criteria": criteria_by_code(sheet),
        "round": round,
        "dossiers": dossiers,
        "chair": CouncilMemberFactory(
            round=round,
            role=CouncilRole.CHAIR,
            user=UserFactory(first_name="Chủ tịch", last_name="Nguyễn", email="chu-tich@so.example"),
        ),
        "member": CouncilMemberFactory(
            round=round,
            user=UserFactory(first_name="Chuyên gia", last_name="Trần", email="chuyen-gia@so.example"),
        ),
        "secretary": CouncilMemberFactory(
            round=round,
            role=CouncilRole.SECRETARY,
            user=UserFactory(first_name="Thư ký", last_name="Lê", email="thu-ky@so.example"),
        ),
    }


def score(world, member, dossier, points: dict, notes: dict | None = None):
    """`member` scores `dossier`: points by criterion code."""
    notes = notes or {}
    return council.council_sheet_save(
        member=member,
        dossier=dossier,
        scores={
            world["criteria"][code].pk: (
                Decimal(str(value)) if value is not None else None,
                notes.get(code, ""),
            )
            for code, value in points.items()
        },
        by=member.user,
    )


def score_all(world, points_by_member: dict):
    """Every dossier scored: {member key: points} for each of the world's dossiers."""
    for dossier in world["dossiers"]:
        for key, points in points_by_member.items():
            score(world, world[key], dossier, points)
