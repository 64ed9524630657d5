"""Support sessions: promotion staff act as one of a producer's users, without their password.

django-hijack does the switching (`/hijack/acquire/`, `/hijack/release/`); this module decides
who may act as whom (`HIJACK_PERMISSION_CHECK`) and writes the audit trail: one INFO line when
a session starts and one when it ends. `MarketplaceConfig.ready()` imports it, which connects
the receivers.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from hijack.signals import hijack_ended, hijack_started

from core.permissions import producer_partners

logger = logging.getLogger(__name__)


def support_session_allowed(*, hijacker, hijacked) -> bool:
    """Active staff may act as an active producer login (`partner.dashboard_access` and at least
    one producer); never as staff, a superuser or a buyer, so no one gains rights they lack."""
    if hijacked is None or not (hijacker.is_authenticated and hijacker.is_active and hijacker.is_staff):
        return False
    if hijacked.is_staff or hijacked.is_superuser:
        return False
    return producer_partners(hijacked).exists()


def _describe(user) -> str:
    return f"{user.get_username()} (id {user.pk})"


def _producers(user) -> str:
    return ", ".join(user.partners.order_by("name").values_list("name", flat=True)) or "-"


@receiver(hijack_started, dispatch_uid="core.support.started")
def log_support_session_started(sender, *, hijacker, hijacked, **kwargs):
    logger.info(
        "Support session started: staff %s is acting as %s of %s",
        _describe(hijacker),
        _describe(hijacked),
        _producers(hijacked),
    )


@receiver(hijack_ended, dispatch_uid="core.support.ended")
def log_support_session_ended(sender, *, hijacker, hijacked, **kwargs):
    logger.info(
        "Support session ended: staff %s stopped acting as %s", _describe(hijacker), _describe(hijacked)
    )


@receiver(user_logged_out, dispatch_uid="core.support.logged_out")
def log_support_session_logged_out(sender, *, request, user, **kwargs):
    """Logging out during a session ends it too, and django-hijack sends no signal for that."""
    history = request.session.get("hijack_history") if request is not None else None
    if history and user is not None:
        staff = get_user_model()._base_manager.filter(pk=history[0]).first()
        logger.info(
            "Support session ended by logging out: staff %s stopped acting as %s",
            _describe(staff) if staff else f"(id {history[0]})",
            _describe(user),
        )
