"""Links in mails (`core.mails.site_url`)."""

from core.mails import site_url


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
