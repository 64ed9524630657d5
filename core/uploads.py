"""Files that people upload: documents (registration papers, certification scans, inspection
reports) and photos (products, logos).

One gate for every file field. A file is known by its content, never by its name or its first
bytes alone: a PDF must have a PDF's header and trailer and no HTML inside; a picture must be
one Pillow reads as PNG, JPEG or WebP, within a pixel limit checked before it is decoded. What
is stored is what we wrote: pictures are re-encoded by Pillow (metadata dropped, turned upright),
and every file gets a safe name with the extension of its detected type, so that no upload can
be served as HTML, SVG or JavaScript whatever it was called.
"""

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.vietnamese import slugify

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# 40 megapixels: more than any phone's normal photo; a 12000x12000 "photo" (144 MP, a
# decompression bomb of a few hundred KB) is refused before Pillow decodes a single pixel.
MAX_IMAGE_PIXELS = 40_000_000
# What is stored is at most this many pixels on its longer side, so that every later
# thumbnail costs a bounded amount of memory.
MAX_IMAGE_EDGE = 4096
# A PDF ends with `%%EOF`, perhaps followed by a line end or some padding.
PDF_TRAILER_WINDOW = 1024
# Markup that would make a "PDF" a page too. Browsers sniff the first kilobytes, so there any
# tag counts; in the rest (compressed streams, where short byte runs occur by chance) only
# long, unambiguous ones do.
HTML_SNIFF_WINDOW = 2048
HTML_TAGS = re.compile(
    rb"<(?:script|html|body|head|iframe|svg|object|embed|meta|!doctype|img|form|style|link|title)[\s>/]",
    re.IGNORECASE,
)
HTML_TAGS_ANYWHERE = re.compile(rb"<(?:script|html|iframe|!doctype\s+html|body)[\s>/]", re.IGNORECASE)
# What the file inputs offer to choose; the content is what counts.
DOCUMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png"
IMAGE_ACCEPT = ".jpg,.jpeg,.png,.webp"


@dataclass(frozen=True)
class FileKind:
    label: str
    extension: str
    content_type: str
    pillow_format: str = ""


PDF = FileKind("PDF", "pdf", "application/pdf")
JPEG = FileKind("JPEG", "jpg", "image/jpeg", "JPEG")
PNG = FileKind("PNG", "png", "image/png", "PNG")
WEBP = FileKind("WebP", "webp", "image/webp", "WEBP")
KINDS = (PDF, JPEG, PNG, WEBP)
DOCUMENT_KINDS = (PDF, JPEG, PNG)
IMAGE_KINDS = (JPEG, PNG, WEBP)
# How a stored file is served: by its extension, which the gate set from its content (Wagtail's
# images and documents, and thumbnails, keep theirs). Anything else is a download of bytes:
# never text/html, SVG, XML or JavaScript.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "avif": "image/avif",
    "csv": "text/csv",
    "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
# Raster pictures may be shown in the page; every other file is a download.
INLINE_CONTENT_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"})
# A file opened on its own gets no script, no plugin, no form, and no same-origin rights.
FILE_CSP = "default-src 'none'; sandbox"


def content_type_for(name: str) -> str:
    """The type a stored file is served as, from its extension; `application/octet-stream`
    for any extension not listed in CONTENT_TYPES."""
    return CONTENT_TYPES.get(PurePath(name).suffix.lower().lstrip("."), "application/octet-stream")


def file_headers_set(response, *, name: str):
    """Make `response` (a stored file's bytes) safe to serve from the site's origin: its type
    from `content_type_for`, a download unless it is a picture, no sniffing, sandboxed."""
    content_type = content_type_for(name)
    response.headers["Content-Type"] = content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = FILE_CSP
    if content_type not in INLINE_CONTENT_TYPES:
        response.headers["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=PurePath(name).name
        )
    return response


def file_download(file, *, name: str) -> FileResponse:
    """A stored file handed out by a view (private documents): always a download, typed by
    `content_type_for`, never sniffed."""
    response = FileResponse(file, as_attachment=True, filename=PurePath(name).name)
    return file_headers_set(response, name=name)


def media_serve(request, path: str):
    """MEDIA_URL under DEBUG: the file `path` of the default storage (on disk or in a bucket,
    read with `open`, never by a filesystem path), with `file_headers_set`: what production's
    web server must do too (README, "Uploaded files"). No folder listings."""
    storage = storages["default"]
    try:
        file = storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, SuspiciousFileOperation) as error:
        raise Http404("no such file") from error
    return file_headers_set(FileResponse(file), name=path)


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _pdf_is_clean(data: bytes) -> bool:
    """A PDF from its first byte to its trailer, with no HTML markup anywhere in it."""
    if not re.match(rb"%PDF-[12]\.\d", data):
        return False
    if b"%%EOF" not in data[-PDF_TRAILER_WINDOW:] or b"startxref" not in data[-PDF_TRAILER_WINDOW:]:
        return False
    return not (HTML_TAGS.search(data, 0, HTML_SNIFF_WINDOW) or HTML_TAGS_ANYWHERE.search(data))


def _image_open(data: bytes) -> Image.Image:
    """Open (not decode) a picture, refusing one of too many pixels. Raises `ValueError`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _TooManyPixels from error
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise _TooManyPixels
    return image


class _TooManyPixels(ValueError):
    pass


def kind_detect(data: bytes, kinds=KINDS) -> FileKind | None:
    """The kind of a file among `kinds`, from its content; None when it is none of them."""
    if PDF in kinds and data.startswith(b"%PDF-"):
        return PDF if _pdf_is_clean(data) else None
    formats = {kind.pillow_format: kind for kind in kinds if kind.pillow_format}
    if not formats:
        return None
    try:
        image = _image_open(data)
        kind = formats.get(image.format)
        if kind is None:
            return None
        image.verify()
    except _TooManyPixels:
        raise
    except Exception:  # Pillow raises many kinds of errors on malformed input
        return None
    return kind


def _image_reencode(data: bytes, kind: FileKind) -> bytes:
    """What Pillow writes of the picture: upright, at most MAX_IMAGE_EDGE on a side, no metadata."""
    image = _image_open(data)
    if kind is JPEG:
        # Decode at a reduced scale straight away when the photo is much bigger than needed.
        image.draft(image.mode, (MAX_IMAGE_EDGE, MAX_IMAGE_EDGE))
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_IMAGE_EDGE, MAX_IMAGE_EDGE))
    # Only what draws the picture is kept: no EXIF (GPS, camera), XMP or text chunks.
    image.info = {key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info}
    options = {}
    if kind is JPEG:
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options |= {"quality": 90, "optimize": True}
    elif kind is WEBP:
        options |= {"quality": 90}
    output = io.BytesIO()
    image.save(output, format=kind.pillow_format, **options)
    return output.getvalue()


def safe_name(original: str, kind: FileKind) -> str:
    """A slug of the original stem with the extension of the detected kind: `Giấy phép.HTML`
    that is really a PDF is stored as `giay-phep.pdf`."""
    stem = slugify(PurePath(original or "").stem)[:60].strip("-") or "file"
    return f"{stem}.{kind.extension}"


def upload_clean(file, *, kinds=DOCUMENT_KINDS, max_bytes: int = MAX_DOCUMENT_BYTES):
    """The file to store in place of `file`: checked, renamed, and re-encoded if a picture.

    Raises `ValidationError` with a message for the uploader when it is too large, of another
    kind than `kinds`, or a picture of more than MAX_IMAGE_PIXELS.
    """
    name = getattr(file, "name", "") or ""
    shown = PurePath(name).name
    if file.size > max_bytes:
        raise forms.ValidationError(
            _("“%(name)s” is larger than %(size)d MB.") % {"name": shown, "size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    data = _read_all(file)
    too_many_pixels = forms.ValidationError(
        _("“%(name)s” has too many pixels: at most %(megapixels)d megapixels.")
        % {"name": shown, "megapixels": MAX_IMAGE_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        kind = kind_detect(data, kinds)
    except _TooManyPixels:
        raise too_many_pixels from None
    if kind is None:
        message = (
            _("“%(name)s” is not a PDF, JPEG or PNG file.")
            if PDF in kinds
            else _("“%(name)s” is not a JPEG, PNG or WebP picture.")
        )
        raise forms.ValidationError(message % {"name": shown}, code="file_type")
    if kind.pillow_format:
        try:
            data = _image_reencode(data, kind)
        except _TooManyPixels:
            raise too_many_pixels from None
        except Exception:  # Pillow raises many kinds of errors on malformed input
            raise forms.ValidationError(
                _("“%(name)s” could not be read as a picture.") % {"name": shown}, code="file_type"
            ) from None
    return SimpleUploadedFile(safe_name(name, kind), data, content_type=kind.content_type)


def document_clean(file):
    """A document to store: a PDF, JPEG or PNG of at most 10 MB (see `upload_clean`)."""
    return upload_clean(file, kinds=DOCUMENT_KINDS, max_bytes=MAX_DOCUMENT_BYTES)


def image_clean(file):
    """A photo to store: a JPEG, PNG or WebP of at most 10 MB, re-encoded (see `upload_clean`)."""
    return upload_clean(file, kinds=IMAGE_KINDS, max_bytes=MAX_IMAGE_BYTES)


class DocumentField(forms.FileField):
    """A form field for a document: its cleaned value is the checked, renamed file."""

    cleaner = staticmethod(document_clean)
    accept = DOCUMENT_ACCEPT

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": self.accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            value = self.cleaner(value)
        return value


class ImageField(DocumentField):
    """A form field for a photo: its cleaned value is the checked, re-encoded picture."""

    cleaner = staticmethod(image_clean)
    accept = IMAGE_ACCEPT
