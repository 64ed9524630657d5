"""The site's JSON API (django-ninja), with its OpenAPI schema at `/api/openapi.json`
and interactive docs at `/api/docs`.

The docs page is Swagger UI from django-ninja's own static files ("ninja" is an installed app,
so no CDN), with its inline-script-free loader; no validator badge, which would load an image
from validator.swagger.io, outside the Content-Security-Policy."""

from ninja import NinjaAPI, Swagger

from traceability.api import router as traceability_router

api = NinjaAPI(
    title="OCOP Bắc Giang",
    version="1",
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/", traceability_router)
