"""A producer's team grows only by invitation: nobody joins until the person invited accepts.

Attacks as a hostile producer would make them, over HTTP: inviting an existing account (a
buyer, another producer's staff, the OCOP office) changes nothing by itself; the link works
only for the invited e-mail, once, for a week, and never for staff.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from onboarding.dashboard.views import INVITATION_RATE_LIMIT
from onboarding.models import InvitationStatus, TeamInvitation
from tests.conftest import PUBLIC_BASE_URL
from tests.core.factories import UserFactory
from tests.partner.factories import ProducerFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
LINK = re.compile(r"(https?://[^/\s]+)(/shop/producers/invitations/([\w-]+)/)")


@pytest.fixture
def vai(producer_user):
    partner = ProducerFactory(name="HTX Vải Thanh Hà")
    owner = producer_user(partner, "chu@htx-vai.example", first_name="Nguyễn", last_name="Văn Chủ")
    return partner, owner


def invite(client, partner, owner, email, name="Lê Thị Hạnh"):
    client.force_login(owner)
    response = client.post(
        reverse("onboarding-dashboard:team"), {"producer": partner.pk, "name": name, "email": email}
    )
    client.logout()
    return response


@pytest.fixture
def invited(client, vai, mailoutbox, committed, public_host):
    """invited(email): the producer invites `email`; returns the link's path from the mail."""

    def make(email, name="Lê Thị Hạnh"):
        partner, owner = vai
        with committed():
            response = invite(client, partner, owner, email, name)
        assert response.status_code == 302, response.content.decode()[:2000]
        return LINK.search(mailoutbox[-1].body).group(2)

    return make


def test_inviting_an_existing_account_adds_nobody(client, vai, mailoutbox, committed):
    partner, owner = vai
    buyer = UserFactory(email="hanh@example.com")
    client.force_login(owner)

    with committed():
        response = client.post(
            reverse("onboarding-dashboard:team"),
            {"producer": partner.pk, "name": "Lê Thị Hạnh", "email": "Hanh@Example.com"},
            follow=True,
        )

    assert list(partner.users.all()) == [owner]
    buyer.refresh_from_db()
    assert not buyer.has_perm("partner.dashboard_access")
    invitation = TeamInvitation.objects.get()
    assert (invitation.status, invitation.email, invitation.invited_by) == (
        InvitationStatus.PENDING,
        "Hanh@example.com",
        owner,
    )
    token = LINK.search(mailoutbox[-1].body).group(3)
    assert token not in invitation.token_hash and invitation.token_hash != token  # only its hash is kept
    page = response.content.decode()
    assert "Đã gửi lời mời tới Hanh@example.com. Người này chỉ tham gia HTX Vải Thanh Hà sau khi" in page
    assert "Lời mời đang chờ trả lời" in page and "Gửi lại" in page and "Hủy lời mời" in page


def test_the_mail_is_vietnamese_and_links_to_the_public_host(client, invited, mailoutbox):
    invited("hanh@example.com")

    (mail,) = mailoutbox
    assert mail.to == ["hanh@example.com"]
    assert mail.subject == "Lời mời tham gia quản lý gian hàng HTX Vải Thanh Hà"
    assert "Nguyễn Văn Chủ mời bạn cùng làm việc trên trang quản lý của HTX Vải Thanh Hà" in mail.body
    host, path, token = LINK.search(mail.body).groups()
    assert host == PUBLIC_BASE_URL
    assert path == reverse("onboarding:invitation", kwargs={"token": token})


def test_a_new_person_chooses_a_password_and_joins(client, vai, invited):
    partner, _owner = vai
    path = invited("moi@htx-vai.example", name="Lê Thị Hạnh")

    page = client.get(path)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tham gia quản lý gian hàng HTX Vải Thanh Hà" in text and "Chọn mật khẩu" in text
    assert ">Tham gia</button>" in text and "Từ chối lời mời" in text
    assert not User.objects.filter(email__iexact="moi@htx-vai.example").exists()

    weak = client.post(path, {"answer": "accept", "new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and not User.objects.filter(email="moi@htx-vai.example").exists()

    response = client.post(
        path, {"answer": "accept", "new_password1": "Vai-thieu-2026", "new_password2": "Vai-thieu-2026"}
    )

    assert response["Location"] == reverse("dashboard:index")
    hanh = User.objects.get(email="moi@htx-vai.example")
    assert (hanh.first_name, hanh.last_name, hanh.is_staff) == ("Lê Thị", "Hạnh", False)
    assert hanh.check_password("Vai-thieu-2026") and hanh.has_perm("partner.dashboard_access")
    assert partner.users.filter(pk=hanh.pk).exists()
    invitation = TeamInvitation.objects.get()
    assert (invitation.status, invitation.user) == (InvitationStatus.ACCEPTED, hanh)
    assert client.get(reverse("dashboard:index")).status_code == 200

    client.logout()
    again = client.get(path)
    assert again.status_code == 410 and "Lời mời này đã được sử dụng." in again.content.decode()


def test_an_existing_account_logs_in_then_confirms(client, vai, invited):
    partner, _owner = vai
    buyer = UserFactory(email="hanh@example.com")
    path = invited("hanh@example.com")

    page = client.get(path).content.decode()
    assert "Đăng nhập để chấp nhận" in page and "new_password1" not in page
    login_url = f"{reverse('dashboard:login')}?next={path.replace('/', '%2F')}"
    assert login_url in page
    # Without logging in, a POST (even with a password) creates and changes nothing.
    client.post(
        path, {"answer": "accept", "new_password1": "Vai-thieu-2026", "new_password2": "Vai-thieu-2026"}
    )
    assert User.objects.filter(email__iexact="hanh@example.com").count() == 1
    buyer.refresh_from_db()
    assert buyer.check_password("pw") and not partner.users.filter(pk=buyer.pk).exists()

    logged_in = client.post(login_url, {"username": "hanh@example.com", "password": "pw"})
    assert logged_in["Location"] == path
    page = client.get(path).content.decode()
    assert 'name="answer" value="accept"' in page and ">Tham gia</button>" in page
    response = client.post(path, {"answer": "accept"})

    assert response["Location"] == reverse("dashboard:index")
    assert partner.users.filter(pk=buyer.pk).exists()
    assert User.objects.get(pk=buyer.pk).has_perm("partner.dashboard_access")


def test_accepting_as_another_account_is_refused(client, vai, invited):
    partner, _owner = vai
    path = invited("hanh@example.com")
    intruder = UserFactory(email="ke-gian@example.com")
    client.force_login(intruder)

    page = client.get(path)
    response = client.post(path, {"answer": "accept"})

    assert page.status_code == 403 and response.status_code == 403
    assert "được gửi tới một địa chỉ email khác" in response.content.decode()
    assert not partner.users.filter(pk=intruder.pk).exists()
    assert not User.objects.get(pk=intruder.pk).has_perm("partner.dashboard_access")
    assert TeamInvitation.objects.get().status == InvitationStatus.PENDING
    # The page offers to log out and come back to the link.
    assert f'name="next" value="{path}"' in page.content.decode()
    logged_out = client.post(reverse("customer:logout"), {"next": path})
    assert logged_out["Location"] == path and "_auth_user_id" not in client.session


def test_another_producers_member_may_join_when_they_accept(client, vai, invited, producer_user):
    """A person may work for several producers (Partner.users is many-to-many and every page
    chooses among the user's producers): a hostile producer still gets nobody without a yes."""
    partner, _owner = vai
    other = ProducerFactory(name="HTX Mật ong")
    them = producer_user(other, "them@mat-ong.example")
    path = invited("them@mat-ong.example")
    assert not partner.users.filter(pk=them.pk).exists()

    client.force_login(them)
    client.post(path, {"answer": "accept"})

    assert set(them.partners.all()) == {partner, other}


@pytest.mark.parametrize("staff_kind", ["office", "superuser"])
def test_staff_never_join_a_producers_team(client, vai, invited, request, staff_kind):
    partner, owner = vai
    staff = request.getfixturevalue(staff_kind)
    # The producer is not told that the address is staff's: the invitation goes out as any other.
    path = invited(staff.email)

    anonymous = client.get(path)
    assert anonymous.status_code == 403
    assert "Tài khoản của Văn phòng OCOP không thể tham gia" in anonymous.content.decode()
    client.post(
        path, {"answer": "accept", "new_password1": "Vai-thieu-2026", "new_password2": "Vai-thieu-2026"}
    )
    client.force_login(staff)
    response = client.post(path, {"answer": "accept"})

    assert response.status_code == 403
    assert list(partner.users.all()) == [owner]
    staff.refresh_from_db()
    assert staff.check_password("pw") and not staff.user_permissions.exists()
    assert TeamInvitation.objects.get().status == InvitationStatus.PENDING


def closed(path, how):
    invitation = TeamInvitation.objects.get()
    if how == "expired":
        invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
        invitation.save()
        return path, 410, "Lời mời này đã hết hạn."
    if how == "cancelled":
        invitation.status = InvitationStatus.CANCELLED
        invitation.save()
        return path, 410, "Chủ thể đã hủy lời mời này."
    if how == "declined":
        invitation.status = InvitationStatus.DECLINED
        invitation.save()
        return path, 410, "Lời mời này đã bị từ chối."
    token = path.split("/")[-2]
    tampered = path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    return tampered, 404, "Liên kết mời không hợp lệ."


@pytest.mark.parametrize("how", ["expired", "cancelled", "declined", "tampered"])
def test_closed_or_tampered_links_change_nothing(client, vai, invited, how):
    partner, owner = vai
    path, status, message = closed(invited("moi@htx-vai.example"), how)
    before = TeamInvitation.objects.values_list("status", "answered_at", "user").get()

    page = client.get(path)
    response = client.post(
        path, {"answer": "accept", "new_password1": "Vai-thieu-2026", "new_password2": "Vai-thieu-2026"}
    )
    decline = client.post(path, {"answer": "decline"})

    for answer in (page, response, decline):
        assert answer.status_code == status
        assert message in answer.content.decode()
    assert not User.objects.filter(email="moi@htx-vai.example").exists()
    assert list(partner.users.all()) == [owner]
    assert TeamInvitation.objects.values_list("status", "answered_at", "user").get() == before


def test_declining_changes_nothing_but_the_invitation(client, vai, invited):
    partner, owner = vai
    path = invited("moi@htx-vai.example")

    response = client.post(path, {"answer": "decline"})

    assert "Bạn đã từ chối lời mời của HTX Vải Thanh Hà." in response.content.decode()
    assert TeamInvitation.objects.get().status == InvitationStatus.DECLINED
    assert list(partner.users.all()) == [owner] and not User.objects.filter(email="moi@htx-vai.example")


def test_the_producer_cancels_or_sends_again(client, vai, invited, mailoutbox, committed):
    partner, owner = vai
    first = invited("moi@htx-vai.example")
    invitation = TeamInvitation.objects.get()
    client.force_login(owner)
    kwargs = {"partner_id": partner.pk, "pk": invitation.pk}

    with committed():
        client.post(reverse("onboarding-dashboard:team-invitation-resend", kwargs=kwargs))
    second = LINK.search(mailoutbox[-1].body).group(2)
    assert len(mailoutbox) == 2 and second != first
    client.logout()
    assert client.get(first).status_code == 404  # the old link stopped working
    assert client.get(second).status_code == 200

    client.force_login(owner)
    response = client.post(reverse("onboarding-dashboard:team-invitation-cancel", kwargs=kwargs), follow=True)
    assert "Đã hủy lời mời gửi moi@htx-vai.example." in response.content.decode()
    assert TeamInvitation.objects.get().status == InvitationStatus.CANCELLED
    assert "Lời mời đang chờ trả lời" not in response.content.decode()
    client.logout()
    assert client.get(second).status_code == 410


def test_a_producer_cannot_cancel_or_resend_another_producers_invitation(
    client, vai, invited, producer_user, mailoutbox
):
    invited("moi@htx-vai.example")
    invitation = TeamInvitation.objects.get()
    other = ProducerFactory(name="HTX Mật ong")
    client.force_login(producer_user(other, "them@mat-ong.example"))
    mailoutbox.clear()

    for name in ("team-invitation-cancel", "team-invitation-resend"):
        for partner_id in (invitation.partner_id, other.pk):
            url = reverse(
                f"onboarding-dashboard:{name}", kwargs={"partner_id": partner_id, "pk": invitation.pk}
            )
            assert client.post(url).status_code == 404

    assert TeamInvitation.objects.values_list("status", "token_hash").get() == (
        InvitationStatus.PENDING,
        invitation.token_hash,
    )
    assert not mailoutbox


def test_one_pending_invitation_per_address(client, vai, invited):
    partner, owner = vai
    invited("moi@htx-vai.example")
    client.force_login(owner)

    again = client.post(
        reverse("onboarding-dashboard:team"),
        {"producer": partner.pk, "name": "X", "email": "MOI@htx-vai.example"},
    )
    member = client.post(
        reverse("onboarding-dashboard:team"), {"producer": partner.pk, "name": "X", "email": owner.email}
    )

    assert "MOI@htx-vai.example đã được mời rồi" in again.content.decode()
    assert "đã làm việc cho HTX Vải Thanh Hà" in member.content.decode()
    assert TeamInvitation.objects.count() == 1


def test_invitations_are_rate_limited_per_producer(client, vai, mailoutbox, committed):
    partner, owner = vai
    client.force_login(owner)
    url = reverse("onboarding-dashboard:team")
    with committed():
        for number in range(INVITATION_RATE_LIMIT):
            client.post(url, {"producer": partner.pk, "name": "N", "email": f"n{number}@example.com"})

    response = client.post(url, {"producer": partner.pk, "name": "N", "email": "one-more@example.com"})

    assert response.status_code == 429
    assert "quá nhiều lời mời" in response.content.decode()
    assert TeamInvitation.objects.count() == INVITATION_RATE_LIMIT == len(mailoutbox) == 20
    assert not TeamInvitation.objects.filter(email="one-more@example.com").exists()
