"""Builders for the dossier tests: a producer with a product and a login, and a dossier made
complete (registration form, the two required files, every criterion self-assessed)."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation import dossiers
from evaluation.models import DocumentKind
from tests.catalog.factories import ProductFactory
from tests.core.factories import pdf_bytes
from tests.criteria.factories import criteria_by_code
from tests.partner.factories import ProducerFactory, ProducerUserFactory

# Points on the small sheet (tests/criteria/factories.py): A1 10, A2 10, B1 10, C1 35 = 65 (3★).
GOOD_ANSWERS = {"A1": Decimal(10), "A2": Decimal(10), "B1": Decimal(10), "C1": Decimal(35)}


def producer_with_product(name: str, *, email: str, title: str):
    """(producer, its login, its product)."""
    producer = ProducerFactory(name=name)
    product = ProductFactory(title=title, stockrecords__partner=producer)
    user = ProducerUserFactory(producer=producer, email=email)
    return producer, user, product


def pdf(name: str = "phieu-kiem-nghiem.pdf", text: str = "phieu kiem nghiem") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def answers_for(sheet, points: dict) -> dict:
    by_code = criteria_by_code(sheet)
    return {by_code[code].pk: (value, f"Minh chứng {code}") for code, value in points.items()}


def dossier_complete(dossier, *, by, points=None):
    """Fill in everything a dossier needs before it can be sent."""
    dossiers.dossier_update(
        dossier=dossier,
        by=by,
        description="Mật ong rừng khai thác tự nhiên.",
        standards="TCCS 01:2026/HTX",
        contact_phone="0912345678",
    )
    for kind in (DocumentKind.TEST_REPORT, DocumentKind.LABEL):
        dossiers.dossier_document_add(dossier=dossier, kind=kind, file=pdf(f"{kind}.pdf"), by=by)
    dossiers.dossier_self_assess(
        dossier=dossier, answers=answers_for(dossier.sheet, points or GOOD_ANSWERS), by=by
    )
    dossier.refresh_from_db()
    return dossier
