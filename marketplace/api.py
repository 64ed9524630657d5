"""The site's JSON API (django-ninja), with its OpenAPI schema at `/api/openapi.json`."""

from ninja import NinjaAPI

api = NinjaAPI(title="OCOP Bắc Giang", version="1", urls_namespace="api")
