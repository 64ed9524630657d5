"""Evaluation rounds, dossiers and council seats for the tests."""

import datetime

import factory

from catalog.ocop import CriteriaVersion
from core.clock import vietnam_today
from evaluation.models import (
    CouncilMember,
    CouncilRole,
    Dossier,
    DossierKind,
    EvaluationRound,
)
from tests.catalog.factories import ProductFactory
from tests.core.factories import UserFactory
from tests.criteria.factories import sheet_make


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    """A round taking registrations: opened a week ago, closing in three weeks."""

    class Meta:
        model = EvaluationRound

    title = factory.Sequence(lambda n: f"Đánh giá, phân hạng sản phẩm OCOP, đợt thử {n}")
    programme_year = factory.LazyFunction(lambda: vietnam_today().year)
    criteria_version = CriteriaVersion.QD_1489_2025
    registration_opens = factory.LazyFunction(lambda: vietnam_today() - datetime.timedelta(days=7))
    registration_closes = factory.LazyFunction(lambda: vietnam_today() + datetime.timedelta(days=21))


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier being prepared for a new product of its own producer, on a small sheet."""

    class Meta:
        model = Dossier

    round = factory.SubFactory(EvaluationRoundFactory)
    product = factory.SubFactory(ProductFactory)
    producer = factory.LazyAttribute(lambda dossier: dossier.product.stockrecords.first().partner)
    kind = DossierKind.NEW
    sheet = factory.LazyFunction(sheet_make)
    description = "Sản phẩm làm từ nguyên liệu địa phương."
    standards = "TCCS 01:2026/HTX"


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    round = factory.SubFactory(EvaluationRoundFactory)
    user = factory.SubFactory(UserFactory)
    role = CouncilRole.MEMBER
    position = "Chuyên gia, Sở Nông nghiệp và Môi trường"
