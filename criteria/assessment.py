"""What a set of points on a criteria sheet comes to: each part's and the total points, the
star band of the total, the mandatory criteria it fails, the stars it may take, and what is
missing for the next star. One rule for the producer's self-assessment and for the council's
result (the members' mean per criterion), so both read the same.

Pure: it takes a `SheetView` (the sheet's rows, read once by `sheet_view`) and points by
criterion id, and touches no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from catalog.ocop import stars_for_score
from criteria.models import CriteriaSheet, Criterion

CERTIFIED_STARS = (3, 4, 5)
# The lowest total of each certified star band (catalog.ocop.stars_for_score).
BAND_FLOOR = {3: Decimal(50), 4: Decimal(70), 5: Decimal(90)}
CENTRAL_PROPOSAL_FROM = Decimal(90)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CriterionView:
    id: int
    code: str
    title: str
    max_points: Decimal
    part_code: str
    levels: tuple[tuple[Decimal, str], ...]  # (points, description), lowest first
    # stars -> least points; effective for a star level: the highest of its own and lower ones
    requirements: dict[int, Decimal]

    def least_for(self, stars: int) -> Decimal | None:
        """The least points this criterion needs for `stars`: a requirement of a lower star
        level holds for the higher ones too."""
        wanted = [points for level, points in self.requirements.items() if level <= stars]
        return max(wanted) if wanted else None


@dataclass(frozen=True)
class PartView:
    code: str
    title: str
    max_points: Decimal
    criteria: tuple[CriterionView, ...]


@dataclass(frozen=True)
class SheetView:
    id: int
    title: str
    is_sample: bool
    parts: tuple[PartView, ...]

    @property
    def criteria(self) -> tuple[CriterionView, ...]:
        return tuple(criterion for part in self.parts for criterion in part.criteria)

    @property
    def max_points(self) -> Decimal:
        return sum((part.max_points for part in self.parts), Decimal(0))


@dataclass(frozen=True)
class Shortfall:
    """A mandatory criterion a star level needs and the points do not reach."""

    criterion: CriterionView
    stars: int
    least: Decimal
    points: Decimal | None  # None: not answered


@dataclass
class Assessment:
    total: Decimal
    parts: dict[str, Decimal]
    stars_by_total: int  # the band of the total alone
    stars: int  # the band, lowered to the highest star level whose mandatory criteria hold
    shortfalls: list[Shortfall] = field(default_factory=list)  # what keeps `stars_by_total` back
    unanswered: list[CriterionView] = field(default_factory=list)

    @property
    def certified(self) -> bool:
        return self.stars in CERTIFIED_STARS

    @property
    def proposed_central(self) -> bool:
        """90 points or more, every 5★ mandatory criterion met: proposed for the central
        council's 5★ evaluation (QĐ 1489: the province recognises 3★ and 4★ only)."""
        return self.total >= CENTRAL_PROPOSAL_FROM and self.stars == 5


@dataclass(frozen=True)
class NextStar:
    """What a self-assessment lacks for the next star level: points to the band's floor and the
    mandatory criteria below what that level asks."""

    stars: int
    points_missing: Decimal
    shortfalls: tuple[Shortfall, ...]


def sheet_view(sheet: CriteriaSheet) -> SheetView:
    """The sheet's rows in four queries, as plain values."""
    parts = list(sheet.parts.order_by("position", "code"))
    criteria = list(
        Criterion.objects.filter(part__sheet=sheet)
        .order_by("part__position", "position", "code")
        .prefetch_related("levels", "star_requirements")
    )
    by_part: dict[int, list[CriterionView]] = {part.pk: [] for part in parts}
    codes = {part.pk: part.code for part in parts}
    for criterion in criteria:
        by_part[criterion.part_id].append(
            CriterionView(
                id=criterion.pk,
                code=criterion.code,
                title=criterion.title,
                max_points=criterion.max_points,
                part_code=codes[criterion.part_id],
                levels=tuple(
                    (level.points, level.description)
                    for level in sorted(criterion.levels.all(), key=lambda level: level.points)
                ),
                requirements={
                    requirement.stars: requirement.min_points
                    for requirement in criterion.star_requirements.all()
                },
            )
        )
    return SheetView(
        id=sheet.pk,
        title=sheet.title,
        is_sample=sheet.is_sample,
        parts=tuple(
            PartView(
                code=part.code, title=part.title, max_points=part.max_points, criteria=tuple(by_part[part.pk])
            )
            for part in parts
        ),
    )


def _shortfalls(sheet: SheetView, points: dict[int, Decimal], stars: int) -> list[Shortfall]:
    found = []
    for criterion in sheet.criteria:
        least = criterion.least_for(stars)
        given = points.get(criterion.id)
        if least is not None and (given is None or given < least):
            found.append(Shortfall(criterion=criterion, stars=stars, least=least, points=given))
    return found


def assess(sheet: SheetView, points: dict[int, Decimal]) -> Assessment:
    """The result of `points` (criterion id -> points) on `sheet`."""
    parts = {
        part.code: sum((points.get(criterion.id, Decimal(0)) for criterion in part.criteria), Decimal(0))
        for part in sheet.parts
    }
    total = sum(parts.values(), Decimal(0)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    by_total = stars_for_score(total)
    stars = by_total
    while stars in CERTIFIED_STARS and _shortfalls(sheet, points, stars):
        stars -= 1
    return Assessment(
        total=total,
        parts={code: value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP) for code, value in parts.items()},
        stars_by_total=by_total,
        stars=stars,
        shortfalls=_shortfalls(sheet, points, by_total) if by_total in CERTIFIED_STARS else [],
        unanswered=[criterion for criterion in sheet.criteria if criterion.id not in points],
    )


def next_star(sheet: SheetView, points: dict[int, Decimal]) -> NextStar | None:
    """What `points` lack for the star level above the one they take; None at 5★."""
    result = assess(sheet, points)
    wanted = max(result.stars + 1, 3)
    if wanted > 5:
        return None
    return NextStar(
        stars=wanted,
        points_missing=max(BAND_FLOOR[wanted] - result.total, Decimal(0)),
        shortfalls=tuple(_shortfalls(sheet, points, wanted)),
    )


def mean_points(sheets: list[dict[int, Decimal]]) -> dict[int, Decimal]:
    """The members' mean on each criterion, to two places (half up), over the sheets that
    scored it."""
    totals: dict[int, list[Decimal]] = {}
    for points in sheets:
        for criterion_id, value in points.items():
            totals.setdefault(criterion_id, []).append(value)
    return {
        criterion_id: (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        for criterion_id, values in totals.items()
    }
