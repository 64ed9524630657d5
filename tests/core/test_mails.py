"""Links in mails (`core.mails.site_url`)."""

from django.core import mail

from core.mails import mail_send_after_commit, mails_not_sent, site_url


def test_a_path_gets_the_sites_address(settings):
    settings.MARKETPLACE_BASE_URL = "https://ocop.example/"

    assert site_url("/media/images/vai.jpg") == "https://ocop.example/media/images/vai.jpg"


def test_a_files_address_in_a_bucket_is_kept_as_it_is(settings):
    # MEDIA_URL naming a bucket or a CDN gives uploaded files whole addresses
    settings.MARKETPLACE_BASE_URL = "https://ocop.example"

    assert (
        site_url("https://media.ocop.example/ocop-media/vai.jpg")
        == "https://media.ocop.example/ocop-media/vai.jpg"
    )


def test_mails_not_sent_queues_nothing_and_ends_with_its_block(db, django_capture_on_commit_callbacks):
    context = {"dossier": None, "url": "/"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with mails_not_sent():
            mail_send_after_commit(
                prefix="core/mail/test_plain", to=["a@ocop.example"], language="vi", context=context
            )
    assert callbacks == [] and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_send_after_commit(
            prefix="core/mail/test_plain", to=["a@ocop.example"], language="vi", context=context
        )
    assert len(callbacks) == 1
