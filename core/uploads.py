"""Documents that people upload (registration papers, certification scans, inspection reports).

A document is a PDF, JPEG or PNG of at most 10 MB, known by its first bytes rather than by its
name, so a renamed file of another kind is refused whatever it is called.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_SIGNATURES = {b"%PDF-": "PDF", b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
# What the file input offers to choose; the content is what counts.
DOCUMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png"


def document_validate(file) -> None:
    """Raise `ValidationError` unless `file` is a PDF, JPEG or PNG of at most 10 MB."""
    if not file or not hasattr(file, "size"):
        return
    if file.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(
            _("“%(name)s” is larger than 10 MB.") % {"name": file.name}, code="too_large"
        )
    head = file.read(8)
    file.seek(0)
    if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES):
        raise forms.ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": file.name}, code="file_type"
        )
