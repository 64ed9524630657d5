"""The rules a recognition decision must follow (OCOP.md, ocop_research.md §1): the star bands of
the 100-point scale, the part maxima of each criteria version, which level of government
recognised which stars when, and the 36-month validity. `certificate_row_errors` is what one
row can check (it is `Certificate.clean()`, so the admin follows it too)."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import (
    PART_MAXIMA,
    Certificate,
    CertificateStatus,
    CriteriaVersion,
    IssuerLevel,
)

StockRecord = get_model("partner", "StockRecord")


# The days QĐ 148/QĐ-TTg and QĐ 1489/QĐ-TTg took effect, and the day districts were abolished.
QD_148_FROM = datetime.date(2023, 2, 24)
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)
QD_1489_FROM = datetime.date(2025, 7, 6)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def stars_for_score(score: Decimal) -> int:
    """The star band of a total score, the same cut-offs in every criteria version (§1.4)."""
    if score >= 90:
        return 5
    if score >= 70:
        return 4
    if score >= 50:
        return 3
    if score >= 30:
        return 2
    return 1


STAR_SCORE_RANGES = {5: "90–100", 4: "70–89", 3: "50–69"}


def criteria_version_on(decision_date: datetime.date) -> str:
    """The criteria in force on a decision's date: each version replaced the last when signed."""
    if decision_date < QD_148_FROM:
        return CriteriaVersion.QD_1048_2019
    if decision_date < QD_1489_FROM:
        return CriteriaVersion.QD_148_2023
    return CriteriaVersion.QD_1489_2025


def issuer_level_for(*, stars: int, decision_date: datetime.date) -> str:
    """Who recognised `stars` on that day (§1.5): the province before 148 and again once
    districts were gone, the district for 3★ under 148, the central council for 5★ always."""
    if stars == 5:
        return IssuerLevel.CENTRAL
    if stars == 3 and QD_148_FROM <= decision_date < DISTRICTS_ABOLISHED:
        return IssuerLevel.DISTRICT
    return IssuerLevel.PROVINCE


def _points(value: Decimal) -> str:
    """75.00 as 75, 69.50 as 69.5, 90 as 90 (not 9E+1)."""
    return format(value.normalize(), "f")


def date_text(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def certificate_row_errors(certificate: Certificate) -> dict[str, list[str]]:
    """Field -> messages for the rules one certificate row can check on its own."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    c = certificate
    stars, score = c.stars, c.score
    version_label = CriteriaVersion(c.criteria_version).label if c.criteria_version in CriteriaVersion else ""
    if stars is not None and stars < 3:
        add("stars", _("1-2★ products are not OCOP-certified: a certificate is for 3, 4 or 5 stars."))
    if score is not None and stars is not None and 3 <= stars <= 5:
        band = stars_for_score(score)
        if band < 3:
            add(
                "score",
                _("A score of %(score)s is below 50: 1-2★ products are not OCOP-certified.")
                % {"score": _points(score)},
            )
        elif band != stars:
            add(
                "score",
                _(
                    "A %(stars)s★ certificate needs a total score of %(range)s; "
                    "%(score)s is a %(band)s★ score."
                )
                % {
                    "stars": stars,
                    "range": STAR_SCORE_RANGES[stars],
                    "score": _points(score),
                    "band": band,
                },
            )
    parts = {"score_a": c.score_a, "score_b": c.score_b, "score_c": c.score_c}
    given = {name: value for name, value in parts.items() if value is not None}
    if given and c.criteria_version in PART_MAXIMA:
        if len(given) < 3:
            for name in parts.keys() - given.keys():
                add(name, _("Give all three part scores, or none."))
        for (name, value), maximum, letter in zip(
            parts.items(), PART_MAXIMA[c.criteria_version], "ABC", strict=True
        ):
            if value is not None and value > maximum:
                add(
                    name,
                    _("Part %(part)s counts at most %(maximum)s points under %(version)s.")
                    % {"part": letter, "maximum": maximum, "version": version_label},
                )
        if len(given) == 3 and score is not None and sum(given.values()) != score:
            add(
                "score",
                _("Parts A, B and C add up to %(sum)s, not to the total score %(score)s.")
                % {"sum": _points(sum(given.values())), "score": _points(score)},
            )
    if c.decision_date:
        expected = criteria_version_on(c.decision_date)
        if c.criteria_version and c.criteria_version != expected:
            add(
                "criteria_version",
                _("A decision dated %(date)s follows %(expected)s, not %(version)s.")
                % {"date": date_text(c.decision_date), "expected": expected.label, "version": version_label},
            )
        if stars in (3, 4, 5) and c.issuer_level in IssuerLevel:
            level = issuer_level_for(stars=stars, decision_date=c.decision_date)
            if c.issuer_level != level:
                add(
                    "issuer_level",
                    _(
                        "On %(date)s %(stars)s★ products were recognised at %(expected)s level, "
                        "not %(level)s level."
                    )
                    % {
                        "date": date_text(c.decision_date),
                        "stars": stars,
                        "expected": IssuerLevel(level).label.lower(),
                        "level": IssuerLevel(c.issuer_level).label.lower(),
                    },
                )
        if c.programme_year and c.programme_year not in (c.decision_date.year, c.decision_date.year - 1):
            # A year's evaluation round may be decided early the next year.
            add(
                "programme_year",
                _("The programme year must be the decision's year (%(year)s) or the year before.")
                % {"year": c.decision_date.year},
            )
        if c.valid_from and c.valid_from < c.decision_date:
            add(
                "valid_from",
                _("A certificate cannot be valid before its decision date (%(date)s).")
                % {"date": date_text(c.decision_date)},
            )
    if c.valid_from and c.valid_to and c.valid_to != Certificate.validity_end(c.valid_from):
        add(
            "valid_to",
            _("A certificate is valid 36 months: from %(start)s it ends on %(end)s.")
            % {"start": date_text(c.valid_from), "end": date_text(Certificate.validity_end(c.valid_from))},
        )
    if c.product_id and c.producer_id:
        if not StockRecord.objects.filter(product_id=c.product_id, partner_id=c.producer_id).exists():
            add(
                "producer",
                _("This producer does not offer the product: a certificate is for its own product."),
            )
        if c.status == CertificateStatus.ACTIVE and c.valid_from and c.valid_to:
            overlapping = (
                Certificate.objects.filter(
                    product_id=c.product_id,
                    status=CertificateStatus.ACTIVE,
                    valid_from__lte=c.valid_to,
                    valid_to__gte=c.valid_from,
                )
                .exclude(pk=c.pk)
                .order_by("valid_from")
                .first()
            )
            if overlapping:
                add(
                    "__all__",
                    _(
                        "The product already has an active certificate for these dates (%(number)s, valid "
                        "until %(end)s): supersede or revoke it first."
                    )
                    % {"number": overlapping.decision_number, "end": date_text(overlapping.valid_to)},
                )
    return errors
