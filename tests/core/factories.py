"""Logins, built on Oscar's `UserFactory`: the password is always "pw"."""

import io

import factory
from oscar.test import factories as oscar_factories
from PIL import Image


class UserFactory(oscar_factories.UserFactory):
    username = factory.Sequence(lambda n: f"nguoi-dung-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@ocop.example")
    first_name = ""
    last_name = ""
    password = factory.PostGenerationMethodCall("set_password", "pw")


class StaffFactory(UserFactory):
    """Promotion office staff (`is_staff`), the address the office's mails go to."""

    username = "office"
    is_staff = True


class SuperuserFactory(StaffFactory):
    username = "staff"
    is_superuser = True


def pdf_bytes(text: str = "giay chung nhan") -> bytes:
    """A small well-formed PDF: header, one object, cross-reference table and trailer."""
    body = f"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Title ({text}) >>\nendobj\n".encode()
    xref = len(body)
    return body + (
        b"xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n"
        b"trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    )


def picture_bytes(
    *, format: str = "PNG", size: tuple[int, int] = (64, 48), mode: str = "RGB", exif: dict | None = None
) -> bytes:
    """A picture drawn by Pillow; `exif` tags (such as the camera and GPS) are written in.
    Mode "1" (one bit a pixel) makes a huge picture cheap to draw and tiny to send."""
    image = Image.new(mode, size, "green" if mode == "RGB" else 1)
    options = {}
    if exif:
        tags = image.getexif()
        tags.update(exif)
        options["exif"] = tags
    out = io.BytesIO()
    image.save(out, format=format, **options)
    return out.getvalue()
