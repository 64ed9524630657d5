"""The demo's evaluation cycle: a decided round whose decision issued catalogue certificates,
a round whose council is part-way through, a round taking registrations; made without mail."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from core.clock import vietnam_today
from evaluation.models import (
    CouncilSheet,
    DossierStatus,
    EvaluationRound,
    RoundStatus,
)

pytestmark = pytest.mark.django_db

Certificate = get_model("catalogue", "Certificate")


@pytest.fixture
def rounds(run_command):
    run_command("load_demo_data")
    return {round.status: round for round in EvaluationRound.objects.all()}


def test_the_closed_round_issued_the_catalogues_certificates_of_its_decision(rounds):
    decided = rounds[RoundStatus.DECIDED]
    assert decided.decision_number == "1125/QĐ-MINHHOA"
    results = [dossier.result for dossier in decided.dossiers.select_related("result__certificate")]
    assert len(results) == 5
    for result in results:
        certificate = result.certificate
        assert certificate.decision_number == decided.decision_number
        assert certificate.decision_date == decided.decision_date < vietnam_today()
        assert certificate.is_in_force(on=vietnam_today())
        assert (certificate.stars, certificate.score) == (result.stars, result.score)
        # The stars the catalogue shows for the product (products.toml) came from the council.
        assert certificate.product.certificates.filter(status="active").get() == certificate
    assert sorted(result.stars for result in results) == [3, 4, 4, 4, 4]


def test_the_round_in_progress_has_dossiers_in_several_states_and_partial_scores(rounds):
    scoring = rounds[RoundStatus.SCORING]
    states = set(scoring.dossiers.values_list("status", flat=True))
    assert {DossierStatus.ACCEPTED, DossierStatus.RETURNED} <= states
    sheets = CouncilSheet.objects.filter(dossier__round=scoring)
    assert sheets.filter(completed_at__isnull=False).exists()
    assert sheets.filter(completed_at__isnull=True).exists()
    assert scoring.dossiers.filter(status=DossierStatus.ACCEPTED, council_sheets__isnull=True).exists()
    assert scoring.registration_closes < vietnam_today()


def test_a_round_takes_registrations_with_a_dossier_waiting_and_one_being_prepared(rounds):
    open_round = rounds[RoundStatus.OPEN]
    assert open_round.takes_registrations_on(vietnam_today())
    assert set(open_round.dossiers.values_list("status", flat=True)) == {
        DossierStatus.SUBMITTED,
        DossierStatus.DRAFT,
    }


def test_the_demo_cycle_mails_nobody(rounds):
    assert not [message for message in mail.outbox if "hồ sơ" in message.subject.lower()]
