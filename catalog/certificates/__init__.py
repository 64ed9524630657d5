"""OCOP certificates: the rules a recognition decision must follow, and what staff and
producers do with it. One module per concept:

- `services`: record, correct, revoke, supersede;
- `selectors`: lists for the staff and producer pages, the evaluation queue, the CMS block;
- `reminders`: mails 90 and 30 days before expiry;
- `evaluation`: producers' requests for a re-evaluation or an upgrade, and the office's decisions.

The rules of a recognition decision that need no other row's workflow (star bands, part maxima,
issuer levels by date, 36-month validity, overlap) sit below this package, in `catalog.ocop` and
`Certificate.clean()`, so the model never imports the package. The names below are the
package's API, so callers write `certificates.certificate_create(...)`.
"""

from catalog.certificates.evaluation import (
    evaluation_request_create,
    evaluation_request_decide,
    evaluation_request_refusal,
)
from catalog.certificates.reminders import (
    REMINDER_DAYS,
    certificate_remind,
    reminders_due,
)
from catalog.certificates.selectors import (
    certificate_list,
    certificate_list_for_producers,
    certificates_ending_counts,
    certificates_in_state,
    certified_product_list,
    evaluation_queue,
    evaluation_requests_waiting_count,
    producer_certificate,
)
from catalog.certificates.services import (
    EDITABLE_FIELDS,
    certificate_create,
    certificate_issuer_name,
    certificate_revoke,
    certificate_supersede,
    certificate_update,
    producer_of,
)
from catalog.ocop import (
    STAR_SCORE_RANGES,
    criteria_version_on,
    issuer_level_for,
    stars_for_score,
)

__all__ = [
    "EDITABLE_FIELDS",
    "REMINDER_DAYS",
    "STAR_SCORE_RANGES",
    "certificate_create",
    "certificate_issuer_name",
    "certificate_list",
    "certificate_list_for_producers",
    "certificate_remind",
    "certificate_revoke",
    "certificate_supersede",
    "certificate_update",
    "certificates_ending_counts",
    "certificates_in_state",
    "certified_product_list",
    "criteria_version_on",
    "evaluation_queue",
    "evaluation_request_create",
    "evaluation_request_decide",
    "evaluation_request_refusal",
    "evaluation_requests_waiting_count",
    "issuer_level_for",
    "producer_certificate",
    "producer_of",
    "reminders_due",
    "stars_for_score",
]
