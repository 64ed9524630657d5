"""Public trace pages: GS1 Digital Link shaped `/01/<gtin>/10/<lot>` and short `/t/<code>`.

No trailing slashes: these links are printed on packs and typed from labels as they are.
"""

from django.urls import path

from traceability import views

app_name = "traceability"

urlpatterns = [
    path("01/<str:gtin>/10/<str:lot>", views.lot_digital_link, name="lot-digital-link"),
    path("t/<str:code>", views.lot_short, name="lot-short"),
    path("t/<str:code>/qr.svg", views.lot_qr_svg_view, name="lot-qr-svg"),
    path("t/<str:code>/qr.png", views.lot_qr_png_view, name="lot-qr-png"),
    path("t/<str:code>/epcis.jsonld", views.lot_epcis, name="lot-epcis"),
    path("t/<str:code>/tt02.json", views.lot_data_items_json, name="lot-data-items-json"),
    path("t/<str:code>/tt02.csv", views.lot_data_items_csv_view, name="lot-data-items-csv"),
    path("t/<str:code>/labels.pdf", views.lot_labels_pdf, name="lot-labels-pdf"),
    path("trace/products/<int:pk>/epcis.jsonld", views.product_epcis, name="product-epcis"),
]
