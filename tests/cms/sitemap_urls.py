"""The project's URLs with `sitemap.xml` served by cms.sitemaps, as marketplace/urls.py will."""

from django.urls import path

from cms.sitemaps import sitemap
from marketplace.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("sitemap.xml", sitemap), *project_urlpatterns]
