"""The demo's account meetings: two held with Stichting Opvang Kennemerland and one planned."""

from django.core.management import call_command

from reports.constants import AgreementKind, AgreementStatus
from reports.models import AccountAgreement, AccountMeeting


def test_demo_has_account_meetings_with_a_closed_training_agreement(db) -> None:
    call_command("seed_demo", verbosity=0)
    assert AccountMeeting.objects.filter(organisation__name="Stichting Opvang Kennemerland").count() == 3
    training = AccountAgreement.objects.get(kind=AgreementKind.TRAINING)
    assert training.status == AgreementStatus.DONE and training.closed_in is not None
    assert AccountAgreement.objects.filter(status=AgreementStatus.OPEN).count() == 2
