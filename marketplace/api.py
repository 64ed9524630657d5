"""The site's JSON API (django-ninja), with its OpenAPI schema at `/api/openapi.json`
and interactive docs at `/api/docs`."""

from ninja import NinjaAPI

from traceability.api import router as traceability_router

api = NinjaAPI(title="OCOP Bắc Giang", version="1", urls_namespace="api")
api.add_router("/", traceability_router)
