"""Who may use the council's pages: the members of a round's council (Hội đồng đánh giá), who
may be experts of other departments with an account that is neither staff nor a producer's.

- `user_sits_on_a_council`: an active account with a seat on at least one round's council;
- `council_rounds(user)`: the rounds `user` sits on, and no other (a member's pages narrow
  every query to them: another round's id is a 404);
- `council_member_required`: the decorator of a member's pages (anyone else is sent to the
  back-office login, as `core.permissions` does); `staff_or_council_member_required` for the
  list of rounds, which the office sees whole;
- `council_members_to_their_rounds`: wraps the dashboard's home page so that a member who is
  neither staff nor a producer's login lands on the rounds they sit on instead of a refusal.
"""

from functools import wraps

from django.contrib.auth.decorators import user_passes_test
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.permissions import LOGIN_URL, user_is_staff, user_is_staff_or_producer
from evaluation.models import CouncilMember, EvaluationRound


def council_seats(user):
    """`user`'s seats on councils; none for an anonymous or inactive account."""
    if not (user.is_authenticated and user.is_active):
        return CouncilMember.objects.none()
    return CouncilMember.objects.filter(user=user)


def user_sits_on_a_council(user) -> bool:
    """Asked once per request and user: the menu asks for every entry."""
    if not hasattr(user, "_sits_on_a_council"):
        user._sits_on_a_council = council_seats(user).exists()
    return user._sits_on_a_council


def user_is_council_member_only(user) -> bool:
    """A member with no other way into the back office: not staff, not a producer's login."""
    return user_sits_on_a_council(user) and not user_is_staff_or_producer(user)


def user_is_staff_or_council_member(user) -> bool:
    return user_is_staff(user) or user_sits_on_a_council(user)


def council_rounds(user):
    """The rounds whose council `user` sits on."""
    return EvaluationRound.objects.filter(council__in=council_seats(user)).distinct()


def council_seat(user, *, round_pk) -> CouncilMember:
    """`user`'s seat on the council of round `round_pk`; 404 for a round they do not sit on."""
    return get_object_or_404(council_seats(user).select_related("round", "user"), round_id=round_pk)


council_member_required = user_passes_test(user_sits_on_a_council, login_url=LOGIN_URL)
# The list of rounds: a member's own, or every round for the office.
staff_or_council_member_required = user_passes_test(user_is_staff_or_council_member, login_url=LOGIN_URL)


def council_members_to_their_rounds(view_func):
    """The dashboard's home for a council member who is not staff and not a producer's login:
    their rounds (the home itself is for staff and producers)."""

    @wraps(view_func)
    def view(request, *args, **kwargs):
        if user_is_council_member_only(request.user):
            return HttpResponseRedirect(reverse("evaluation-dashboard:council-rounds"))
        return view_func(request, *args, **kwargs)

    return view
