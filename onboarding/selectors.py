"""Reads reused by onboarding's pages."""

from onboarding.models import (
    ApplicationStatus,
    InvitationStatus,
    ProducerApplication,
    TeamInvitation,
    invitation_token_hash,
)

# secrets.token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
TOKEN_MAX_LENGTH = 100


def team_invitation_for_token(token: str) -> TeamInvitation | None:
    """The invitation a mailed link's token opens (in any state), or None for a token that
    was never issued, was replaced by a resent one, or was tampered with."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    return (
        TeamInvitation.objects.select_related("partner", "invited_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )


def team_invitations_pending(partner):
    """A producer's invitations still waiting for an answer (expired ones included, shown as such)."""
    return TeamInvitation.objects.filter(partner=partner, status=InvitationStatus.PENDING).order_by(
        "-created_at"
    )


def producer_applications_waiting_count() -> int:
    """Applications to join the marketplace that wait for the office's review."""
    return ProducerApplication.objects.filter(status=ApplicationStatus.SUBMITTED).count()
