from django.urls import path

from order import views

app_name = "order"
urlpatterns = [
    path("find/", views.OrderFindView.as_view(), name="find"),
    path("status/<str:token>/", views.OrderStatusView.as_view(), name="status"),
    path("pay/<str:token>/", views.OrderPayView.as_view(), name="pay"),
    path("pay/<str:token>/card/", views.OrderPayCardActionView.as_view(), name="pay-card-action"),
    path("pay/<str:token>/card/return/", views.pay_card_return, name="pay-card-return"),
    path("status/<str:token>/vietqr.png", views.transfer_qr, name="transfer-qr"),
]
