from django.urls import path

from order import views

app_name = "order"
urlpatterns = [
    path("status/<str:token>/", views.OrderStatusView.as_view(), name="status"),
    path("status/<str:token>/vietqr.png", views.transfer_qr, name="transfer-qr"),
]
