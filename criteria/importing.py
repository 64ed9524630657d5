"""A criteria sheet from a spreadsheet: every row checked, then saved all or nothing.

One row per level of a criterion (`criteria.columns`): the part (code, title, maximum), the
criterion (code, title, maximum), the level's points and description, and the star levels
for which that level is the least a product needs ("3" or "3,4": a mandatory criterion). A row
whose three part cells are all blank belongs to the part above it, and one whose three
criterion cells are all blank to the criterion above it (a spreadsheet's merged cells read
that way); any other blank is refused.

The rules, each broken row reported with its number: parts are A, B and C with the maxima of
the sheet's criteria version (`catalog.ocop.PART_MAXIMA`); the criteria maxima of a part add
up to the part's maximum; a criterion's maximum is its highest level; points are numbers from
0 with at most two decimals; no two levels of a criterion have the same points; star levels
are 3 to 5, each the least level of a criterion once, a higher star never asking less than a
lower one. One bad row and nothing is saved.

A sheet that another app's records use (`criteria.selectors.sheets_scored_on`: a dossier
registered on it, an answer or a score on its criteria) is never rewritten: the import is
refused and a correction goes under a new code. Otherwise importing a code again replaces the
sheet's rows.

The sheets shipped in `criteria/data/` (`sheets.toml` names each file and its sheet's fields)
are loaded by `criteria_sheets_load` through the same checks, as a step of
`manage.py load_reference_data`.
"""

import logging
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.ocop import PART_MAXIMA, CriteriaVersion
from criteria.columns import BY_KEY, COLUMNS, CRITERION_COLUMNS, PART_COLUMNS, REQUIRED
from criteria.models import CriteriaPart, CriteriaSheet, Criterion, CriterionLevel, StarRequirement
from criteria.selectors import sheet_scored_on
from spreadsheets.reading import RowError, SheetRow, cell_text, sheet_read

logger = logging.getLogger(__name__)

Category = get_model("catalogue", "Category")

DATA_DIR = Path(__file__).resolve().parent / "data"
MANIFEST = "sheets.toml"
PART_CODES = ("A", "B", "C")
STAR_LEVELS = (3, 4, 5)
MAX_POINTS = Decimal("999.99")
TWO_PLACES = Decimal("0.01")
_STAR_SEPARATORS = re.compile(r"[,;./\s]+|\bvà\b", re.IGNORECASE)


@dataclass(frozen=True)
class LevelRow:
    """One checked row: a level of a criterion, with its part and criterion."""

    part: str
    part_title: str
    part_max: Decimal
    criterion: str
    criterion_title: str
    criterion_max: Decimal
    points: Decimal
    description: str
    stars: tuple[int, ...] = ()
    number: int = field(default=0, compare=False)  # the row in the file; 0 for rows read from the database


@dataclass(frozen=True)
class SheetFields:
    """What the file does not hold: the sheet's code and how it is described."""

    code: str
    criteria_version: str
    title: str
    source: str
    is_sample: bool = False
    category: object = None  # an Oscar Category (product group or set), None for a general sheet


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    sheet: CriteriaSheet | None = None
    created: bool = False
    unchanged: bool = False
    levels: int = 0

    @property
    def criteria(self) -> int:
        return 0 if self.sheet is None else Criterion.objects.filter(part__sheet=self.sheet).count()


def _label(key) -> str:
    return str(BY_KEY[key].label)


def _points(value) -> Decimal:
    """A cell as points: 0 to 999.99, at most two decimals; "2,5" reads as 2.5."""
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValueError(value)
        number = Decimal(text)
    try:
        if (
            not number.is_finite()
            or number < 0
            or number > MAX_POINTS
            or number != number.quantize(TWO_PLACES)
        ):
            raise ValueError(value)
    except InvalidOperation as error:
        raise ValueError(value) from error
    return number.quantize(TWO_PLACES)


def _stars(value) -> tuple[int, ...]:
    """ "3", "3,4", "3; 4", "3 và 4", or a number cell 3: the star levels, lowest first. A
    spreadsheet set to Vietnamese reads "3,4" typed in a cell as the number 3.4: star levels
    being whole, it can only mean 3 and 4."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    text = cell_text(value).replace("★", " ").replace("sao", " ")
    parts = [part for part in _STAR_SEPARATORS.split(text) if part]
    if not all(part.isdigit() for part in parts):
        raise ValueError(value)
    return tuple(sorted(int(part) for part in parts))


def _points_text(points: Decimal) -> str:
    """Points as a message shows them: 10, 12,5 (in Vietnamese)."""
    plain = points.quantize(Decimal(1)) if points == points.to_integral_value() else points.normalize()
    return number_format(plain)


class _RowReader:
    """Reads rows one by one, carrying a blank part or criterion block down from the row above."""

    def __init__(self, criteria_version: str):
        self.maxima = dict(zip(PART_CODES, PART_MAXIMA.get(criteria_version, ()), strict=False))
        self.version = CriteriaVersion(criteria_version).label
        self.part_values = None
        self.criterion_values = None

    def read(self, row: SheetRow, errors: list[RowError]) -> LevelRow | None:
        values = row.values
        found = []

        def error(key, message):
            errors.append(RowError(row.number, row.headers.get(key) or _label(key), message))
            found.append(key)

        previous = cell_text((self.part_values or {}).get("part")).upper()
        part = self._block(row, PART_COLUMNS, "part_values", error)
        if cell_text(part.get("part")).upper() != previous:
            # A new part's first row names its criterion: none is carried over from another part.
            self.criterion_values = None
        criterion = self._block(row, CRITERION_COLUMNS, "criterion_values", error)
        part_code = cell_text(part.get("part")).upper()
        if "part" not in found and part_code not in PART_CODES:
            error("part", _("The part must be A, B or C."))
        part_title = cell_text(part.get("part_title"))
        part_max = self._number(part.get("part_max"), "part_max", error, found)
        if part_max is not None and part_code in self.maxima and part_max != self.maxima[part_code]:
            error(
                "part_max",
                _("Part %(part)s is worth %(max)s points under %(version)s.")
                % {"part": part_code, "max": self.maxima[part_code], "version": self.version},
            )
        criterion_code = cell_text(criterion.get("criterion"))
        if len(criterion_code) > Criterion._meta.get_field("code").max_length:
            error("criterion", _("A criterion code has at most 16 characters."))
        if len(part_title) > CriteriaPart._meta.get_field("title").max_length:
            error("part_title", _("A part title has at most 255 characters."))
        criterion_title = cell_text(criterion.get("criterion_title"))
        criterion_max = self._number(criterion.get("criterion_max"), "criterion_max", error, found)
        if criterion_max is not None and criterion_max == 0:
            error("criterion_max", _("A criterion's maximum must be more than 0."))
        points = self._number(values.get("points"), "points", error, found)
        description = cell_text(values.get("description"))
        for key, text in (
            ("part_title", part_title),
            ("criterion", criterion_code),
            ("criterion_title", criterion_title),
            ("description", description),
        ):
            if not text and key not in found:
                error(key, _("This cell is required."))
        if points is not None and criterion_max is not None and points > criterion_max:
            error("points", _("The level's points are above the criterion's maximum."))
        try:
            stars = _stars(values.get("stars"))
        except ValueError:
            error("stars", _("Write the star levels as numbers: 3, or 3,4."))
            stars = ()
        if any(level not in STAR_LEVELS for level in stars):
            error("stars", _("Star levels are 3, 4 or 5."))
        if len(set(stars)) != len(stars):
            error("stars", _("A star level is written twice."))
        if found:
            return None
        return LevelRow(
            part=part_code,
            part_title=part_title,
            part_max=part_max,
            criterion=criterion_code,
            criterion_title=criterion_title,
            criterion_max=criterion_max,
            points=points,
            description=description,
            stars=stars,
            number=row.number,
        )

    def _block(self, row, keys, remembered, error) -> dict:
        """The row's cells of a part or criterion block, or the block above when all are blank."""
        cells = {key: row.values.get(key) for key in keys}
        if all(cell_text(cell) == "" for cell in cells.values()):
            if getattr(self, remembered) is not None:
                return getattr(self, remembered)
            for key in keys:
                error(key, _("This cell is required."))
            return cells
        setattr(self, remembered, cells)
        return cells

    def _number(self, value, key, error, found) -> Decimal | None:
        if key in found:
            return None
        if cell_text(value) == "":
            error(key, _("This cell is required."))
            return None
        try:
            return _points(value)
        except ValueError:
            error(key, _("Points are a number from 0, with at most two decimals (such as 10 or 2.5)."))
            return None


def _sheet_errors(levels: list[LevelRow], criteria_version: str, headers: dict) -> list[RowError]:
    """The rules that span rows: parts and criteria agree with themselves and add up."""

    def _label(key) -> str:
        return headers.get(key) or str(BY_KEY[key].label)

    errors = []
    parts: dict[str, LevelRow] = {}
    criteria: dict[str, LevelRow] = {}
    by_criterion: dict[str, list[LevelRow]] = {}
    for level in levels:
        first_of_part = parts.setdefault(level.part, level)
        if (level.part_title, level.part_max) != (first_of_part.part_title, first_of_part.part_max):
            errors.append(
                RowError(
                    level.number,
                    _label("part_title"),
                    _("Part %(part)s has another title or maximum on row %(row)d.")
                    % {"part": level.part, "row": first_of_part.number},
                )
            )
        first = criteria.setdefault(level.criterion, level)
        if (level.part, level.criterion_title, level.criterion_max) != (
            first.part,
            first.criterion_title,
            first.criterion_max,
        ):
            errors.append(
                RowError(
                    level.number,
                    _label("criterion"),
                    _("Criterion %(code)s has another part, title or maximum on row %(row)d.")
                    % {"code": level.criterion, "row": first.number},
                )
            )
            continue
        same = by_criterion.setdefault(level.criterion, [])
        twin = next((other for other in same if other.points == level.points), None)
        if twin:
            errors.append(
                RowError(
                    level.number,
                    _label("points"),
                    _("Criterion %(code)s already has a level of %(points)s points on row %(row)d.")
                    % {"code": level.criterion, "points": _points_text(level.points), "row": twin.number},
                )
            )
            continue
        for stars in level.stars:
            earlier = next((other for other in same if stars in other.stars), None)
            if earlier:
                errors.append(
                    RowError(
                        level.number,
                        _label("stars"),
                        _("Criterion %(code)s already has its least level for %(stars)d★ on row %(row)d.")
                        % {"code": level.criterion, "stars": stars, "row": earlier.number},
                    )
                )
        same.append(level)
    if errors:
        return errors
    for code, rows in by_criterion.items():
        first = rows[0]
        highest = max(row.points for row in rows)
        if highest != first.criterion_max:
            errors.append(
                RowError(
                    first.number,
                    _label("criterion_max"),
                    _(
                        "Criterion %(code)s has a maximum of %(max)s points "
                        "but its highest level is %(highest)s."
                    )
                    % {
                        "code": code,
                        "max": _points_text(first.criterion_max),
                        "highest": _points_text(highest),
                    },
                )
            )
        least = {stars: row.points for row in rows for stars in row.stars}
        for stars, points in least.items():
            lower = [least[level] for level in least if level < stars and least[level] > points]
            if lower:
                errors.append(
                    RowError(
                        next(row.number for row in rows if stars in row.stars),
                        _label("stars"),
                        _("Criterion %(code)s asks less for %(stars)d★ than for a lower star level.")
                        % {"code": code, "stars": stars},
                    )
                )
    for part_code, first in parts.items():
        total = sum(
            (rows[0].criterion_max for rows in by_criterion.values() if rows[0].part == part_code), Decimal(0)
        )
        if total != first.part_max:
            errors.append(
                RowError(
                    first.number,
                    _label("part_max"),
                    _("The criteria of part %(part)s add up to %(total)s points, not %(max)s.")
                    % {"part": part_code, "total": _points_text(total), "max": _points_text(first.part_max)},
                )
            )
    missing = [code for code in PART_CODES if code not in parts]
    if missing and PART_MAXIMA.get(criteria_version):
        errors.append(
            RowError(
                0,
                _label("part"),
                _("Part %(parts)s is missing: a sheet has parts A, B and C.") % {"parts": ", ".join(missing)},
            )
        )
    return errors


def criteria_rows_check(
    *, rows: list[SheetRow], criteria_version: str
) -> tuple[list[LevelRow], list[RowError]]:
    """The rows as levels, and every problem found, by row. Levels are usable only without errors."""
    errors: list[RowError] = []
    if criteria_version not in PART_MAXIMA:
        return [], [RowError(0, "", _("Choose a criteria version."))]
    reader = _RowReader(criteria_version)
    levels = [level for row in rows if (level := reader.read(row, errors)) is not None]
    if errors:
        return levels, errors
    return levels, _sheet_errors(levels, criteria_version, rows[0].headers if rows else {})


def criteria_sheet_rows(*, sheet: CriteriaSheet) -> list[LevelRow]:
    """The sheet as rows of its file: parts, criteria and levels in their order."""
    rows = []
    levels = (
        CriterionLevel.objects.filter(criterion__part__sheet=sheet)
        .select_related("criterion__part")
        .prefetch_related("criterion__star_requirements")
        .order_by(
            "criterion__part__position",
            "criterion__part__code",
            "criterion__position",
            "criterion__code",
            "points",
        )
    )
    for level in levels:
        criterion, part = level.criterion, level.criterion.part
        rows.append(
            LevelRow(
                part=part.code,
                part_title=part.title,
                part_max=part.max_points,
                criterion=criterion.code,
                criterion_title=criterion.title,
                criterion_max=criterion.max_points,
                points=level.points,
                description=level.description,
                stars=tuple(
                    sorted(
                        requirement.stars
                        for requirement in criterion.star_requirements.all()
                        if requirement.min_points == level.points
                    )
                ),
            )
        )
    return rows


def _same_sheet(sheet: CriteriaSheet, fields: SheetFields, levels: list[LevelRow]) -> bool:
    return (
        sheet.criteria_version,
        sheet.category_id,
        sheet.title,
        sheet.source,
        sheet.is_sample,
    ) == (
        fields.criteria_version,
        getattr(fields.category, "pk", None),
        fields.title,
        fields.source,
        fields.is_sample,
    ) and criteria_sheet_rows(sheet=sheet) == levels


def _sorted_for_saving(levels: list[LevelRow]) -> list[LevelRow]:
    """Parts in A, B, C order; criteria and levels in the order the file first names them."""
    first_seen = {}
    for index, level in enumerate(levels):
        first_seen.setdefault(level.criterion, index)
    return sorted(
        levels, key=lambda level: (PART_CODES.index(level.part), first_seen[level.criterion], level.points)
    )


def _rows_write(sheet: CriteriaSheet, levels: list[LevelRow], progress) -> None:
    sheet.parts.all().delete()
    parts: dict[str, CriteriaPart] = {}
    criteria: dict[str, Criterion] = {}
    levels_of: dict[str, int] = {}
    for done, level in enumerate(_sorted_for_saving(levels), start=1):
        part = parts.get(level.part)
        if part is None:
            part = CriteriaPart(
                sheet=sheet,
                code=level.part,
                title=level.part_title,
                max_points=level.part_max,
                position=PART_CODES.index(level.part),
            )
            part.full_clean(validate_unique=False, validate_constraints=False)
            part.save()
            parts[level.part] = part
        criterion = criteria.get(level.criterion)
        if criterion is None:
            criterion = Criterion(
                part=part,
                code=level.criterion,
                title=level.criterion_title,
                max_points=level.criterion_max,
                position=sum(1 for other in criteria.values() if other.part_id == part.pk),
            )
            criterion.full_clean(validate_unique=False, validate_constraints=False)
            criterion.save()
            criteria[level.criterion] = criterion
        position = levels_of[level.criterion] = levels_of.get(level.criterion, -1) + 1
        row = CriterionLevel(
            criterion=criterion, points=level.points, description=level.description, position=position
        )
        row.full_clean(validate_unique=False, validate_constraints=False)
        row.save()
        for stars in level.stars:
            StarRequirement.objects.create(criterion=criterion, stars=stars, min_points=level.points)
        if progress:
            progress(done, len(levels))


def criteria_sheet_import(
    *,
    fields: SheetFields,
    rows: list[SheetRow],
    by=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check every row of `rows`, then create the sheet `fields.code` or replace its rows, in
    one transaction. Refused (errors, nothing saved) when a row is wrong or when records of
    another app use the sheet already. The same sheet imported again changes nothing."""
    levels, errors = criteria_rows_check(rows=rows, criteria_version=fields.criteria_version)
    if not rows and not errors:
        errors = [RowError(0, "", _("The file has a header but no rows to import."))]
    if errors:
        return ImportReport(errors=errors)
    with transaction.atomic():
        sheet = CriteriaSheet.objects.select_for_update().filter(code=fields.code).first()
        created = sheet is None
        if not created:
            if _same_sheet(sheet, fields, _sorted_for_saving(levels)):
                return ImportReport(sheet=sheet, unchanged=True, levels=len(levels))
            if sheet_scored_on(sheet=sheet):
                return ImportReport(
                    errors=[
                        RowError(
                            0,
                            "",
                            _(
                                "The sheet %(code)s is already used by an evaluation round: its criteria "
                                "are not changed. Import the corrected sheet under a new code."
                            )
                            % {"code": fields.code},
                        )
                    ]
                )
        else:
            sheet = CriteriaSheet(code=fields.code)
        sheet.criteria_version = fields.criteria_version
        sheet.category = fields.category
        sheet.title = fields.title
        sheet.source = fields.source
        sheet.is_sample = fields.is_sample
        sheet.imported_by = by
        try:
            sheet.full_clean(validate_unique=False)
        except ValidationError as error:
            return ImportReport(
                errors=[RowError(0, "", message) for message in error.messages],
            )
        sheet.save()
        _rows_write(sheet, levels, progress)
    logger.info(
        "Criteria sheet %s %s: %d levels", sheet.code, "created" if created else "replaced", len(levels)
    )
    return ImportReport(sheet=sheet, created=created, levels=len(levels))


def criteria_sheet_in_use_set(*, sheet: CriteriaSheet, in_use: bool) -> CriteriaSheet:
    """Offer the sheet to new rounds, or stop offering it (rounds that use it keep it)."""
    with transaction.atomic():
        sheet = CriteriaSheet.objects.select_for_update().get(pk=sheet.pk)
        sheet.in_use = in_use
        sheet.save(update_fields=["in_use"])
    return sheet


# The sheets in the repository


def _manifest(directory: Path) -> list[dict]:
    with open(directory / MANIFEST, "rb") as manifest:
        return tomllib.load(manifest)["sheet"]


def _shipped_fields(entry: dict) -> SheetFields:
    category = None
    if entry.get("category"):
        category = Category.objects.get(slug=entry["category"])
    if entry["criteria_version"] not in CriteriaVersion.values:
        raise ValueError(f"{entry['code']}: unknown criteria version {entry['criteria_version']!r}")
    return SheetFields(
        code=entry["code"],
        criteria_version=entry["criteria_version"],
        title=entry["title"].strip(),
        source=entry["source"].strip(),
        is_sample=entry.get("is_sample", False),
        category=category,
    )


class ShippedFileError(ValueError):
    """A file of criteria/data/ that does not pass the import's checks: a bug of the repository."""

    def __init__(self, name: str, errors: list[RowError]):
        super().__init__(f"{name}: " + "; ".join(f"row {error.row}: {error.message}" for error in errors))


def shipped_rows(path: Path) -> list[SheetRow]:
    with open(path, "rb") as upload:
        sheet = sheet_read(upload=upload, columns=COLUMNS, required=REQUIRED)
    if sheet.errors:
        raise ShippedFileError(path.name, sheet.errors)
    return sheet.rows


def criteria_sheets_load(*, directory: Path = DATA_DIR) -> tuple[int, int]:
    """Load the sheets of `directory`'s manifest: (created or brought up to date, already there).

    A sheet staff imported under the same code, or one a round uses, is left as it is; a shipped
    file with a bad row is a bug of the repository and stops the load."""
    done, already = 0, 0
    for entry in _manifest(directory):
        fields = _shipped_fields(entry)
        existing = CriteriaSheet.objects.filter(code=fields.code).first()
        if existing is not None and existing.imported_by_id is not None:
            logger.warning(
                "Criteria sheet %s was imported by staff: the shipped file is not loaded", fields.code
            )
            already += 1
            continue
        if existing is not None and sheet_scored_on(sheet=existing):
            already += 1
            continue
        report = criteria_sheet_import(fields=fields, rows=shipped_rows(directory / entry["file"]))
        if report.errors:
            raise ShippedFileError(entry["file"], report.errors)
        if report.unchanged:
            already += 1
        else:
            done += 1
    return done, already
