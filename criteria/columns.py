"""The columns of a criteria sheet as a spreadsheet: one row per level of a criterion.

The same columns are read by the importer (`criteria.importing`) and written by the export
(`criteria.exporting`), so an exported sheet imports back as it was. Headers are recognised as
the listings' are (`spreadsheets.columns.column_for_header`): by their words without tones,
case or punctuation, in Vietnamese or English.
"""

from django.utils.translation import pgettext_lazy

from spreadsheets.columns import Column, Kind

POINTS = "points"

COLUMNS = (
    Column(
        "part",
        pgettext_lazy("criteria sheet", "Part"),
        Kind.TEXT,
        frozenset({"phan", "ma phan", "part", "part code"}),
    ),
    Column(
        "part_title",
        pgettext_lazy("criteria sheet", "Part title"),
        Kind.TEXT,
        frozenset({"ten phan", "part title", "part name"}),
    ),
    Column(
        "part_max",
        pgettext_lazy("criteria sheet", "Part maximum points"),
        POINTS,
        frozenset({"diem toi da phan", "diem phan", "part maximum points", "part max", "part maximum"}),
    ),
    Column(
        "criterion",
        pgettext_lazy("criteria sheet", "Criterion code"),
        Kind.TEXT,
        frozenset({"ma tieu chi", "criterion code", "code"}),
    ),
    Column(
        "criterion_title",
        pgettext_lazy("criteria sheet", "Criterion"),
        Kind.TEXT,
        frozenset({"tieu chi", "criterion", "ten tieu chi"}),
    ),
    Column(
        "criterion_max",
        pgettext_lazy("criteria sheet", "Criterion maximum points"),
        POINTS,
        frozenset({"diem toi da tieu chi", "diem tieu chi", "criterion maximum points", "criterion max"}),
    ),
    Column(
        "points",
        pgettext_lazy("criteria sheet", "Level points"),
        POINTS,
        frozenset({"muc diem", "diem", "level points", "points"}),
    ),
    Column(
        "description",
        pgettext_lazy("criteria sheet", "Level description"),
        Kind.TEXT,
        frozenset({"mo ta muc", "mo ta", "level description", "description"}),
    ),
    Column(
        "stars",
        pgettext_lazy("criteria sheet", "Mandatory for star levels"),
        Kind.TEXT,
        frozenset(
            {
                "bat buoc cho hang sao",
                "bat buoc",
                "hang sao bat buoc",
                "mandatory for star levels",
                "mandatory for stars",
                "mandatory",
            }
        ),
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
# The mandatory-stars column may be left out of a file whose sheet has no mandatory criteria.
REQUIRED = tuple(column.key for column in COLUMNS if column.key != "stars")
PART_COLUMNS = ("part", "part_title", "part_max")
CRITERION_COLUMNS = ("criterion", "criterion_title", "criterion_max")
